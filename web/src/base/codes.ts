// Code lists (specialties, spoken languages, regions, organisation kinds, staff roles). The server's
// GET /api/v1/meta is the source; the bundled copy covers the time before it answers or when it cannot.
import { request } from './api';
import codes from './codes.json';

export interface Meta {
  specialties: string[];
  languages: string[];
  regions: string[];
  organisation_kinds: string[];
  staff_roles: string[];
}

const fallback: Meta = {
  specialties: codes.specialty,
  languages: codes.spoken_language,
  regions: codes.region,
  organisation_kinds: codes.org_kind,
  staff_roles: codes.role.filter((r) => r !== 'patient' && r !== 'platform_admin'),
};

let loaded: Promise<Meta> | null = null;

export function meta(): Promise<Meta> {
  loaded ??= request<Meta>('GET', '/api/v1/meta').then(
    (m) => ({
      specialties: m.specialties?.length ? m.specialties : fallback.specialties,
      languages: m.languages?.length ? m.languages : fallback.languages,
      regions: m.regions?.length ? m.regions : fallback.regions,
      organisation_kinds: m.organisation_kinds?.length ? m.organisation_kinds : fallback.organisation_kinds,
      staff_roles: m.staff_roles?.length ? m.staff_roles : fallback.staff_roles,
    }),
    () => {
      loaded = null; // try the server again next time
      return fallback;
    },
  );
  return loaded;
}

export function fallbackMeta(): Meta {
  return fallback;
}

/** Roles an organisation of this kind may give (docs/api.md, "Staff of an organisation"). */
export function rolesForKind(kind: string): string[] {
  return kind === 'pharmacy' ? ['pharmacist', 'org_admin'] : ['doctor', 'nurse', 'org_admin'];
}
