// Typed calls of the shared health record (docs/design/shared-record.md, "HTTP API"): reading a
// patient's record (summary, a category, an entry with its versions, a trend, a document), a
// clinician's writes (entries, corrections, entered-in-error, PDF upload, asking the patient,
// emergency access), the patient's sharing choices and access log, and the organisation admin's
// review of emergency accesses.
import { ApiError, problemFrom, request, type Names } from '../base/api';
import { lang, t } from '../base/i18n';

const enc = encodeURIComponent;
const V1 = '/api/v1';

/** A person's name as the server sends it: one string, or a name in each language. */
export type PersonName = string | Names;

export interface Person {
  id: string;
  name: PersonName;
}

export interface OrgRef {
  id: string;
  name: PersonName;
  kind?: string;
}

export const CATEGORIES = [
  'encounters',
  'conditions',
  'procedures',
  'allergies',
  'medications',
  'immunisations',
  'vitals',
  'labs',
  'reports',
  'documents',
  'referrals',
  'birth',
] as const;
export type Category = (typeof CATEGORIES)[number];

export type Basis = 'self' | 'parent' | 'carer' | 'own organisation' | 'sharing consent' | 'emergency';

export interface Access {
  basis: Basis;
  organisation: OrgRef | null;
  sharing: 'consented' | 'no_consent' | 'not_joined' | null;
  emergency_until: number | null;
}

export interface Code {
  system: string;
  code: string;
  name: Names;
  unit?: string;
  reference_range?: { low?: number | null; high?: number | null } | null;
}

export interface Entry {
  id: string;
  type: string;
  category: Category | 'notes';
  sensitivity: 'mental_health' | '';
  status: string;
  entered_in_error: { reason: string; at: number; by: Person } | null;
  effective_at: number;
  recorded_at: number;
  version: number;
  organisation: OrgRef;
  recorded_by: Person;
  code: Code | null;
  details: Record<string, unknown>;
  restricted?: boolean;
  /** The entry form it was made with (allergy, condition, ...), when a clinician made it. */
  form?: string | null;
  /** The document route of a document entry. */
  document?: string;
  updated_by?: Person;
  parent_id?: string | null;
  /** An Encounter's signed note (a Composition). */
  note?: Entry | null;
  resource?: unknown;
}

export interface RecordSummary {
  patient: { id: string; name: PersonName; date_of_birth?: string };
  access: Access;
  summary: {
    allergies: Entry[];
    medications: Entry[];
    problems: Entry[];
    latest_results: Entry[];
    immunisations: Entry[];
    counts: Partial<Record<Category, number>>;
  };
}

export interface EntryPage {
  access: Access;
  items: Entry[];
  next: string | null;
}

export interface EntryVersion {
  version: number;
  recorded_at: number;
  recorded_by: Person;
  reason: string;
  entry: Entry;
}

export interface EntryWithVersions {
  access: Access;
  entry: Entry;
  versions: EntryVersion[];
}

export interface TrendPoint {
  at: number;
  value: number;
  /** The second value of a pair (the diastolic of a blood pressure). */
  value2?: number;
  flag: 'H' | 'L' | 'N' | '' | null;
  entry_id: string;
}

export interface Trend {
  access: Access;
  code: Code | null;
  unit: string;
  reference_range: { low?: number | null; high?: number | null } | null;
  points: TrendPoint[];
}

export interface Sharing {
  joined: boolean;
  joined_at: number | null;
  organisations: { organisation: OrgRef; status: 'active' | 'revoked'; given_at: number; revoked_at: number | null }[];
  suggested: OrgRef[];
  restrictions: { id: string; kind: 'entry' | 'category'; target: string; entry: Entry | null; created_at: number }[];
  requests: { id: string; organisation: OrgRef; clinician: Person; created_at: number; expires_at: number }[];
  emergency_accesses: { id: string; organisation: OrgRef; clinician: Person; reason: string; started_at: number; expires_at: number }[];
}

export interface AccessLogItem {
  at: number;
  reader: Person;
  role: string;
  organisation: OrgRef | null;
  purpose: string;
  categories: string[];
  outcome: 'allowed' | 'refused' | string;
  emergency: { reason: string; expires_at: number } | null;
}

export interface EmergencyReview {
  id: string;
  clinician: Person;
  patient?: Person;
  patient_name?: PersonName;
  reason: string;
  started_at: number;
  expires_at: number;
  reviewed_at: number | null;
  reviewed_by: Person | null;
  review_note?: string;
  note?: string;
}

export type CodeSet = 'lab' | 'vital' | 'vaccine' | 'allergen' | 'procedure' | 'medication';

/** The body of a new entry or a correction: `type` and the form's fields (shared-record.md, "Entry forms"). */
export type EntryInput = Record<string, unknown> & { type: string };

const asQuery = (as: string | null | undefined) => (as ? `as=${enc(as)}` : '');
const withQuery = (path: string, ...parts: string[]) => {
  const q = parts.filter(Boolean).join('&');
  return q ? `${path}?${q}` : path;
};
const rec = (patient: string) => `${V1}/patients/${enc(patient)}/record`;
const sharing = (patient: string) => `${V1}/patients/${enc(patient)}/sharing`;

export const recordsApi = {
  summary: (patient: string, as?: string | null) => request<RecordSummary>('GET', withQuery(rec(patient), asQuery(as))),
  category: (patient: string, category: Category, as?: string | null, before?: string | null, limit = 20) =>
    request<EntryPage>(
      'GET',
      withQuery(`${rec(patient)}/${enc(category)}`, asQuery(as), before ? `before=${enc(before)}` : '', `limit=${limit}`),
    ),
  entry: (patient: string, id: string, as?: string | null) =>
    request<EntryWithVersions>('GET', withQuery(`${rec(patient)}/entries/${enc(id)}`, asQuery(as))),
  trend: (patient: string, code: Code, as?: string | null) =>
    request<Trend>('GET', withQuery(`${rec(patient)}/trends`, `code=${enc(`${code.system}|${code.code}`)}`, asQuery(as))),
  documentUrl: (patient: string, id: string, as?: string | null) =>
    withQuery(`${rec(patient)}/entries/${enc(id)}/document`, asQuery(as)),

  // A clinician's writes (as an organisation with a care relationship now)
  create: (patient: string, as: string, body: EntryInput) =>
    request<Entry>('POST', withQuery(`${rec(patient)}/entries`, asQuery(as)), body),
  correct: (patient: string, id: string, as: string, body: EntryInput & { version: number; reason: string }) =>
    request<Entry>('PUT', withQuery(`${rec(patient)}/entries/${enc(id)}`, asQuery(as)), body),
  enteredInError: (patient: string, id: string, as: string, reason: string) =>
    request<Entry>('POST', withQuery(`${rec(patient)}/entries/${enc(id)}/entered-in-error`, asQuery(as)), { reason }),
  emergencyAccess: (patient: string, as: string | null, reason: string) =>
    request<{ id: string; expires_at: number }>('POST', withQuery(`${rec(patient)}/emergency-access`, asQuery(as)), { reason }),
  askPatient: (patient: string, as: string | null) =>
    request<{ id: string; expires_at: number }>('POST', withQuery(`${sharing(patient)}/requests`, asQuery(as))),

  /** Uploads a PDF as a document entry (the body is the file itself). */
  async upload(patient: string, as: string, file: File, o: { title: string; kind: string; date: string }): Promise<Entry> {
    const path = withQuery(`${rec(patient)}/documents`, asQuery(as), `title=${enc(o.title)}`, `kind=${enc(o.kind)}`, o.date ? `date=${enc(o.date)}` : '');
    let res: Response;
    try {
      res = await fetch(path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/pdf', 'X-Requested-With': 'yiqiao', 'Accept-Language': lang(), Accept: 'application/json' },
        body: file,
      });
    } catch {
      throw new ApiError({ status: 0, code: 'network', detail: t('error.network') });
    }
    if (!res.ok) throw await problemFrom(res);
    return (await res.json()) as Entry;
  },

  // Codes for the forms
  codes: (set: CodeSet, q: string) =>
    request<{ items: Code[] }>('GET', `${V1}/record-codes?set=${enc(set)}&q=${enc(q)}`).then((r) => r.items),
  diagnoses: (q: string) =>
    request<{ items: { code: string; system: string; name?: Names }[] }>('GET', `${V1}/diagnosis-codes?q=${enc(q)}`).then((r) =>
      r.items.map((d) => ({ system: d.system, code: d.code, name: d.name ?? { en: d.code, 'zh-Hant': d.code, 'zh-Hans': d.code } })),
    ),
  organisations: () => request<{ items: OrgRef[] }>('GET', `${V1}/organisations`).then((r) => r.items),

  // The patient's sharing choices (the patient, a parent of a child, an active carer)
  sharing: (patient: string) => request<Sharing>('GET', sharing(patient)),
  join: (patient: string) => request<unknown>('POST', `${sharing(patient)}/join`),
  withdraw: (patient: string) => request<unknown>('POST', `${sharing(patient)}/withdraw`),
  giveConsent: (patient: string, org: string) => request<unknown>('PUT', `${sharing(patient)}/organisations/${enc(org)}`),
  revokeConsent: (patient: string, org: string) => request<unknown>('DELETE', `${sharing(patient)}/organisations/${enc(org)}`),
  restrict: (patient: string, kind: 'entry' | 'category', target: string) =>
    request<{ id: string }>('POST', `${sharing(patient)}/restrictions`, { kind, target }),
  liftRestriction: (patient: string, id: string) => request<unknown>('DELETE', `${sharing(patient)}/restrictions/${enc(id)}`),
  answerRequest: (patient: string, id: string, approve: boolean) =>
    request<unknown>('POST', `${sharing(patient)}/requests/${enc(id)}/${approve ? 'approve' : 'decline'}`),
  accessLog: (patient: string, o: { before?: string | number | null; organisation?: string; purpose?: string; limit?: number }) =>
    request<{ items: AccessLogItem[]; next: string | number | null }>(
      'GET',
      withQuery(
        `${V1}/patients/${enc(patient)}/access-log`,
        o.before ? `before=${enc(String(o.before))}` : '',
        `limit=${o.limit ?? 50}`,
        o.organisation ? `organisation=${enc(o.organisation)}` : '',
        o.purpose ? `purpose=${enc(o.purpose)}` : '',
      ),
    ),

  // An organisation admin's review of emergency accesses
  emergencyReviews: (org: string, status: 'unreviewed' | 'all') =>
    request<{ items: EmergencyReview[] }>('GET', `${V1}/organisations/${enc(org)}/emergency-accesses?status=${status}`).then((r) => r.items),
  review: (org: string, id: string, note: string) =>
    request<unknown>('POST', `${V1}/organisations/${enc(org)}/emergency-accesses/${enc(id)}/review`, { note }),
  accessLogCsvUrl: (org: string, from: string, to: string) =>
    withQuery(`${V1}/organisations/${enc(org)}/record-access-log.csv`, from ? `from=${enc(from)}` : '', to ? `to=${enc(to)}` : ''),
};
