// The shared health record in the browser: the patient reads their record and keeps a category back;
// a doctor of another organisation who cares for the patient is shown "no consent", asks, the
// patient approves, and the doctor then reads the other organisation's entries but not the restricted
// ones, while the patient sees the read in the access log and has a notice. An emergency access shows
// its banner; a correction shows version 2 in the history; an entry marked entered in error shows
// struck through, with the reason, to the patient.
// Care relationships come from booked appointments, the entries from POST record/entries as the doctor
// (both through the API); everything the test checks is what the pages show. The demo data gives the
// demo patients records and sharing choices of their own (src/records/demo_records.hpp), so the test
// looks for its own entries by id and never counts on a list being empty.
import assert from 'node:assert/strict';
import { apiSession as newApiSession, signIn } from './lib/auth.mjs';
import { demoDoctors, freeSlots } from './lib/booking.mjs';
import { eventually, expectText, LAPTOP, PHONE, suite } from './lib/harness.mjs';
import { text } from './lib/i18n.mjs';

const e2e = suite({ timeout: 120_000 });

// One API session per account for the whole file: each sign-in of a staff member spends an
// authenticator code, and only two are usable at a time.
const sessions = new Map();
function apiSession(base, email) {
  if (!sessions.has(email)) sessions.set(email, newApiSession(base, email));
  return sessions.get(email);
}
const hkDay = (seconds) => new Date((seconds + 8 * 3600) * 1000).toISOString().slice(0, 10);

/** One API call with a session's bearer token (the shared helper has GET and POST only). */
async function call(base, session, method, path, body) {
  const headers = { Accept: 'application/json', 'Accept-Language': 'en', Authorization: `Bearer ${session.token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const type = res.headers.get('Content-Type') ?? '';
  return { status: res.status, body: type.includes('json') ? await res.json() : null };
}

/** The organisation a demo clinician works for (their one doctor role). */
async function organisationOf(session) {
  const me = await session.get('/api/v1/me');
  assert.equal(me.status, 200, JSON.stringify(me.body));
  const role = (me.body.account ?? me.body).roles.find((r) => r.role === 'doctor' || r.role === 'nurse');
  assert.ok(role?.organisation_id, JSON.stringify(me.body));
  return role.organisation_id;
}

/** Books the first free time of `doctor` at least an hour ahead for `patient`: a care relationship. */
async function book(base, patient, doctor, taken) {
  const now = Date.now() / 1000;
  const slot = (await freeSlots(base, doctor.id, { days: 7 })).find((s) => s.starts_at > now + 3600 && !taken.has(s.id));
  assert.ok(slot, `${doctor.display_name} has a free time in the coming days`);
  taken.add(slot.id);
  const r = await patient.post('/api/v1/appointments', { slot_id: slot.id, reason: 'Review' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function addEntry(base, doctor, org, patientId, body) {
  const r = await call(base, doctor, 'POST', `/api/v1/patients/${patientId}/record/entries?as=${org}`, body);
  assert.equal(r.status, 201, `${body.type}: ${JSON.stringify(r.body)}`);
  return r.body;
}

async function patientIdOf(session) {
  const me = await session.get('/api/v1/me');
  return (me.body.account ?? me.body).id;
}

const entryIn = (page, id) => page.locator(`[data-testid="record-entry"][data-entry-id="${id}"]`);

async function openTab(page, category) {
  await page.locator(`[data-testid="record-tab"][data-category="${category}"]`).click();
  await page.locator(`[data-testid="record-list"][data-category="${category}"]`).waitFor();
}

e2e.test('consent: the patient restricts mental health; a doctor of another organisation asks, is approved, and reads the rest', async (h) => {
  const { wong, chan } = await demoDoctors(h.base);
  const amy = await apiSession(h.base, 'patient2@demo.yiqiao.hk');
  const amyId = await patientIdOf(amy);
  const taken = new Set();
  await book(h.base, amy, wong, taken);
  const visit = await book(h.base, amy, chan, taken);

  const harbourDoctor = await apiSession(h.base, 'doctor@demo.yiqiao.hk');
  const harbour = await organisationOf(harbourDoctor);
  const allergy = await addEntry(h.base, harbourDoctor, harbour, amyId, {
    type: 'allergy', substance_text: 'Penicillin', allergy_category: 'medication', reaction: 'Hives', severity: 'severe', certainty: 'confirmed', criticality: 'high',
  });
  const asthma = await addEntry(h.base, harbourDoctor, harbour, amyId, { type: 'condition', code: 'J45.9', clinical_status: 'active' });
  const depression = await addEntry(h.base, harbourDoctor, harbour, amyId, { type: 'condition', code: 'F32.9', clinical_status: 'active' });
  assert.equal(depression.sensitivity, 'mental_health');

  // The patient reads her record on a phone: the summary, and the entries by category.
  const patient = await h.newPage({ lang: 'en', viewport: PHONE, label: 'amy' });
  await signIn(patient, h.base, 'patient2@demo.yiqiao.hk');
  await patient.getByTestId('nav-record').click();
  await patient.waitForURL((u) => u.pathname === '/record');
  await patient.locator('[data-testid="record"][data-basis="self"]').waitFor();
  await patient.getByTestId('record-summary-allergies').getByTestId('record-summary-item').filter({ hasText: 'Penicillin' }).waitFor();
  const problems = await patient.getByTestId('record-summary-problems').innerText();
  assert.ok(problems.includes('J45') || /asthma/i.test(problems), problems);
  await openTab(patient, 'conditions');
  await entryIn(patient, asthma.id).waitFor();
  await entryIn(patient, depression.id).waitFor();
  await expectText(entryIn(patient, asthma.id).getByTestId('record-entry-org'), /Harbour/);

  // She joins the sharing and keeps mental health back.
  await patient.getByTestId('record-sharing-link').click();
  await patient.waitForURL((u) => u.pathname === '/record/sharing');
  await patient.getByTestId('sharing-join').waitFor();
  if ((await patient.getByTestId('sharing-join').getAttribute('data-joined')) === 'false') await patient.getByTestId('sharing-join-button').click();
  await patient.locator('[data-testid="sharing-join"][data-joined="true"]').waitFor();
  await patient.getByTestId('sharing-restrict-category').selectOption('mental_health');
  await patient.getByTestId('sharing-restrict-submit').click();
  await patient.locator('[data-testid="sharing-restriction"][data-kind="category"][data-target="mental_health"]').waitFor();
  await expectText(patient.getByTestId('sharing-success'), text('en', 'sharing.restrictions.done', { what: text('en', 'records.category.mental_health') }));

  // A doctor of Kowloon, who will see her soon, opens her record from his day: only Kowloon's own entries.
  const kowloonDoctor = await apiSession(h.base, 'doctor2@demo.yiqiao.hk');
  const kowloon = await organisationOf(kowloonDoctor);
  const doctor = await h.newPage({ lang: 'en', viewport: LAPTOP, label: 'chan' });
  await signIn(doctor, h.base, 'doctor2@demo.yiqiao.hk');
  await doctor.goto(`${h.base}/doctor/day?day=${hkDay(visit.starts_at)}`);
  await doctor.locator(`[data-testid="day-appt"][data-appointment-id="${visit.id}"]`).getByTestId('record-link').click();
  await doctor.waitForURL((u) => u.pathname === `/patients/${amyId}/record` && u.searchParams.get('as') === kowloon);
  await doctor.locator('[data-testid="record-no-consent"][data-sharing="no_consent"]').waitFor();
  await expectText(doctor.locator('#record-no-consent-heading'), text('en', 'records.access.no_consent_title'));
  await openTab(doctor, 'conditions');
  await doctor.locator('[data-testid="record-list"][data-category="conditions"] :is([data-testid="record-entries"], [data-testid="record-list-empty"])').waitFor();
  assert.equal(await entryIn(doctor, asthma.id).count(), 0, 'nothing of Harbour without consent');
  for (const org of await doctor.getByTestId('record-entry-org').allInnerTexts()) assert.doesNotMatch(org, /Harbour/);

  await doctor.getByTestId('record-ask').click();
  await doctor.getByTestId('record-ask-success').waitFor();

  // The patient approves the request on her sharing page.
  await patient.reload();
  const request = patient.locator(`[data-testid="sharing-request"][data-org-id="${kowloon}"]`);
  await request.getByTestId('sharing-request-approve').click();
  await patient.locator(`[data-testid="sharing-org"][data-org-id="${kowloon}"][data-status="active"]`).waitFor();
  assert.equal(await request.count(), 0, 'the request is answered');

  // The doctor reads again: Harbour's entries, but not the restricted mental-health one.
  await doctor.reload();
  await doctor.locator('[data-testid="record"][data-basis="sharing consent"]').waitFor();
  assert.equal(await doctor.getByTestId('record-no-consent').count(), 0);
  await doctor.getByTestId('record-summary-allergies').getByTestId('record-summary-item').filter({ hasText: 'Penicillin' }).waitFor();
  await openTab(doctor, 'conditions');
  await entryIn(doctor, asthma.id).waitFor();
  assert.equal(await entryIn(doctor, depression.id).count(), 0, 'the restricted category is not shown');
  assert.equal(await entryIn(doctor, asthma.id).getByTestId('record-entry-correct').count(), 0, 'another organisation\'s entry is not his to correct');
  await openTab(doctor, 'allergies');
  await entryIn(doctor, allergy.id).waitFor();

  // The patient sees who looked, and has a notice.
  await patient.goto(`${h.base}/record/access-log`);
  const read = patient.getByTestId('access-log-item').filter({ hasText: 'Chan Siu Ming' }).first();
  await read.waitFor();
  assert.equal(await read.getAttribute('data-purpose'), 'care');
  await eventually(async () => {
    const n = await amy.get('/api/v1/notifications');
    return (n.body?.items ?? []).some((x) => x.kind === 'record.accessed');
  }, 'a record.accessed notice to the patient');
});

e2e.test('emergency access: a reason of 8 characters or more, then a banner until it ends', async (h) => {
  const { wong, chan } = await demoDoctors(h.base);
  const patient = await apiSession(h.base, 'patient3@demo.yiqiao.hk');
  const patientId = await patientIdOf(patient);
  const taken = new Set();
  await book(h.base, patient, wong, taken);
  await book(h.base, patient, chan, taken);
  const harbourDoctor = await apiSession(h.base, 'doctor@demo.yiqiao.hk');
  const harbour = await organisationOf(harbourDoctor);
  const allergy = await addEntry(h.base, harbourDoctor, harbour, patientId, {
    type: 'allergy', substance_text: 'Aspirin', allergy_category: 'medication', reaction: 'Wheeze', severity: 'moderate', certainty: 'confirmed', criticality: 'high',
  });
  const kowloon = await organisationOf(await apiSession(h.base, 'doctor2@demo.yiqiao.hk'));

  const doctor = await h.newPage({ lang: 'en', viewport: PHONE, label: 'chan' });
  await signIn(doctor, h.base, 'doctor2@demo.yiqiao.hk');
  await doctor.goto(`${h.base}/patients/${patientId}/record?as=${kowloon}`);
  await doctor.locator('[data-testid="record-no-consent"][data-sharing="not_joined"]').waitFor();
  await doctor.getByTestId('record-emergency').click();
  const dialog = doctor.getByTestId('record-emergency-dialog');
  await dialog.waitFor({ state: 'visible' });
  await doctor.getByTestId('record-emergency-reason').fill('Faint');
  await doctor.getByTestId('record-emergency-confirm').click();
  await expectText(doctor.getByTestId('record-emergency-reason-error'), text('en', 'records.access.reason_length', { min: 8, max: 500 }));
  await doctor.getByTestId('record-emergency-reason').fill('Collapsed in clinic, unable to give history');
  await doctor.getByTestId('record-emergency-confirm').click();
  await doctor.getByTestId('record-emergency-banner').waitFor();
  await doctor.locator('[data-testid="record"][data-basis="emergency"]').waitFor();
  await doctor.getByTestId('record-summary-allergies').getByTestId('record-summary-item').filter({ hasText: 'Aspirin' }).waitFor();
  await openTab(doctor, 'allergies');
  await entryIn(doctor, allergy.id).waitFor();

  // The patient sees the emergency access with its reason, highlighted in the access log.
  const page = await h.newPage({ lang: 'zh-Hans', viewport: PHONE, label: 'patient3' });
  await signIn(page, h.base, 'patient3@demo.yiqiao.hk');
  await page.goto(`${h.base}/record/access-log`);
  const item = page.locator('[data-testid="access-log-item"][data-purpose="emergency"]').first();
  await expectText(item.getByTestId('access-log-emergency'), /Collapsed in clinic/);
  await page.goto(`${h.base}/record/sharing`);
  await page.getByTestId('sharing-emergency-reason').filter({ hasText: 'Collapsed in clinic' }).waitFor();
});

e2e.test('the organisation admin reviews its staff\'s emergency access and downloads the access log', async (h) => {
  // The emergency access of the test before: Dr. Chan (Kowloon) to 张伟's record.
  const admin = await h.newPage({ lang: 'zh-Hant', viewport: LAPTOP, label: 'orgadmin2' });
  await signIn(admin, h.base, 'orgadmin2@demo.yiqiao.hk');
  await admin.goto(`${h.base}/org/emergency-accesses`);
  const item = admin.locator('[data-testid="org-emergency"][data-reviewed="false"]').filter({ hasText: 'Collapsed in clinic' });
  await item.waitFor();
  await item.getByTestId('org-emergency-note').fill('Appropriate: patient collapsed');
  await item.getByTestId('org-emergency-review').click();
  await expectText(admin.getByTestId('emergency-review-success'), text('zh-Hant', 'orgreview.done'));
  await eventually(async () => (await item.count()) === 0, 'the reviewed access leaves the unreviewed list');
  await admin.getByTestId('org-emergency-all').click();
  await admin.locator('[data-testid="org-emergency"][data-reviewed="true"]').filter({ hasText: 'Appropriate: patient collapsed' }).waitFor();
  const href = await admin.getByTestId('org-export-csv').getAttribute('href');
  const csv = await admin.evaluate(async (u) => {
    const r = await fetch(u);
    return { status: r.status, type: r.headers.get('Content-Type'), head: (await r.text()).split('\r\n')[0] };
  }, href);
  assert.equal(csv.status, 200, JSON.stringify(csv));
  assert.match(csv.type, /^text\/csv/);
  assert.equal(csv.head, 'at,reader_id,reader,role,patient_id,purpose,categories,outcome');
});

e2e.test('the doctor corrects an entry (version 2 in the history) and marks one entered in error (struck through for the patient)', async (h) => {
  const { wong } = await demoDoctors(h.base);
  const patient = await apiSession(h.base, 'patient@demo.yiqiao.hk');
  const patientId = await patientIdOf(patient);
  await book(h.base, patient, wong, new Set());
  const harbourDoctor = await apiSession(h.base, 'doctor@demo.yiqiao.hk');
  const harbour = await organisationOf(harbourDoctor);
  const diabetes = await addEntry(h.base, harbourDoctor, harbour, patientId, { type: 'condition', code: 'E11.9', clinical_status: 'active' });
  const allergy = await addEntry(h.base, harbourDoctor, harbour, patientId, {
    type: 'allergy', substance_text: 'Latex', allergy_category: 'environment', reaction: 'Rash', severity: 'mild', certainty: 'presumed', criticality: 'low',
  });

  const doctor = await h.newPage({ lang: 'en', viewport: LAPTOP, label: 'wong' });
  await signIn(doctor, h.base, 'doctor@demo.yiqiao.hk');
  await doctor.goto(`${h.base}/patients/${patientId}/record?as=${harbour}`);
  await doctor.locator('[data-testid="record"]:is([data-basis="own organisation"], [data-basis="sharing consent"])').waitFor();
  await openTab(doctor, 'conditions');

  // A correction: a new version, with the reason in the history.
  await entryIn(doctor, diabetes.id).getByTestId('record-entry-correct').click();
  await doctor.locator('[data-testid="record-entry-form"][data-type="condition"]').waitFor();
  await expectText(doctor.getByTestId('record-code-selected'), /E11\.9/);
  await doctor.getByTestId('record-entry-clinical-status').selectOption('remission');
  await doctor.getByTestId('record-correction-reason').fill('Controlled on diet');
  await doctor.getByTestId('record-entry-submit').click();
  await expectText(doctor.getByTestId('record-row-success'), text('en', 'records.form.corrected', { version: 2 }));
  const corrected = doctor.locator(`[data-testid="record-entry"][data-entry-id="${diabetes.id}"][data-version="2"]`);
  await expectText(corrected.getByTestId('record-entry-status'), text('en', 'records.status.remission'));
  await corrected.getByTestId('record-entry-more').click();
  await corrected.locator('[data-testid="record-version"][data-version="2"]').waitFor();
  await corrected.locator('[data-testid="record-version"][data-version="1"]').waitFor();
  await expectText(corrected.getByTestId('record-version-reason'), text('en', 'records.versions.reason', { reason: 'Controlled on diet' }));

  // A correction made from a stale version is refused and says so.
  await corrected.getByTestId('record-entry-correct').click();
  const newer = await call(h.base, harbourDoctor, 'PUT', `/api/v1/patients/${patientId}/record/entries/${diabetes.id}?as=${harbour}`, {
    type: 'condition', code: 'E11.9', clinical_status: 'resolved', version: 2, reason: 'Rechecked',
  });
  assert.equal(newer.status, 200, JSON.stringify(newer.body));
  await doctor.getByTestId('record-correction-reason').fill('Another look');
  await doctor.getByTestId('record-entry-submit').click();
  await doctor.getByTestId('record-version-conflict').waitFor();
  await doctor.getByTestId('record-version-reload').click();
  await doctor.locator('#record-form-heading').filter({ hasText: text('en', 'records.form.correct_title', { version: 3 }) }).waitFor();
  await doctor.getByTestId('record-entry-cancel').click();

  // A referral to another organisation, through the form.
  const kowloon = await organisationOf(await apiSession(h.base, 'doctor2@demo.yiqiao.hk'));
  await doctor.getByTestId('record-add').click();
  await doctor.getByTestId('record-entry-type').selectOption('referral');
  await doctor.locator('[data-testid="record-entry-form"][data-type="referral"]').waitFor();
  await doctor.getByTestId('record-entry-to-organisation').selectOption(kowloon);
  await doctor.getByTestId('record-entry-specialty').fill('Cardiology');
  await doctor.getByTestId('record-entry-referral-reason').fill('Palpitations for two months');
  await doctor.getByTestId('record-entry-submit').click();
  await expectText(doctor.getByTestId('record-row-success'), text('en', 'records.form.added'));
  await doctor.locator('[data-testid="record-list"][data-category="referrals"]').getByTestId('record-entry').filter({ hasText: 'Palpitations for two months' }).waitFor();

  // A PDF uploaded as a document, shown in the record.
  await doctor.getByTestId('record-upload').click();
  await doctor.getByTestId('record-upload-file').setInputFiles({
    name: 'discharge.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  });
  await doctor.getByTestId('record-upload-title').fill('Discharge summary (uploaded in the test)');
  await doctor.getByTestId('record-upload-kind').selectOption('discharge_summary');
  await doctor.getByTestId('record-upload-submit').click();
  await expectText(doctor.getByTestId('record-row-success'), text('en', 'records.upload.done'));
  await doctor.locator('[data-testid="record-list"][data-category="documents"]').waitFor();
  const document = doctor.getByTestId('record-entry').filter({ hasText: 'Discharge summary (uploaded in the test)' });
  await document.getByTestId('record-entry-more').click();
  const frame = document.getByTestId('record-document-frame');
  await frame.waitFor();
  const src = await frame.getAttribute('src');
  const pdf = await doctor.evaluate(async (u) => {
    const r = await fetch(u);
    return { status: r.status, type: r.headers.get('Content-Type'), start: (await r.text()).slice(0, 5) };
  }, src);
  assert.deepEqual(pdf, { status: 200, type: 'application/pdf', start: '%PDF-' });

  // Entered in error, with a reason.
  await openTab(doctor, 'allergies');
  await entryIn(doctor, allergy.id).getByTestId('record-entry-eie').click();
  await doctor.getByTestId('record-eie-reason').fill('Wrong patient');
  await doctor.getByTestId('record-eie-submit').click();
  await expectText(doctor.getByTestId('record-row-success'), text('en', 'records.eie.done'));

  // The patient sees it struck through, with the reason.
  const page = await h.newPage({ lang: 'zh-Hant', viewport: PHONE, label: 'patient' });
  await signIn(page, h.base, 'patient@demo.yiqiao.hk');
  await page.goto(`${h.base}/record?tab=allergies`);
  const struck = page.locator(`[data-testid="record-entry"][data-entry-id="${allergy.id}"][data-eie="true"]`);
  await struck.waitFor();
  assert.equal(await struck.locator('[data-testid="record-entry-title"] s').count(), 1, 'the title is struck through');
  await expectText(struck.getByTestId('record-entry-eie-reason'), /Wrong patient/);
  await expectText(struck.getByTestId('record-entry-status'), text('zh-Hant', 'records.entered_in_error'));
  // And the corrected condition at its latest version, with its history.
  await page.goto(`${h.base}/record?tab=conditions`);
  await page.locator(`[data-testid="record-entry"][data-entry-id="${diabetes.id}"][data-version="3"]`).waitFor();
});

e2e.test('the trend of a repeated lab test, with its reference range and H/L flags', async (h, t) => {
  const { wong } = await demoDoctors(h.base);
  const patient = await apiSession(h.base, 'patient3@demo.yiqiao.hk');
  const patientId = await patientIdOf(patient);
  await book(h.base, patient, wong, new Set());
  const harbourDoctor = await apiSession(h.base, 'doctor@demo.yiqiao.hk');
  const harbour = await organisationOf(harbourDoctor);
  const found = await harbourDoctor.get('/api/v1/record-codes?set=lab&q=a1c');
  assert.equal(found.status, 200, JSON.stringify(found.body));
  if (!found.body.items.length) {
    t.skip('the record code list has no lab codes yet (nothing seeded in record_codes)');
    return;
  }
  const lab = found.body.items[0];
  const high = (lab.reference_range?.high ?? 6) + 1.5;
  const day = (n) => new Date(Date.now() + 8 * 3600e3 - n * 86400e3).toISOString().slice(0, 10);
  await addEntry(h.base, harbourDoctor, harbour, patientId, { type: 'lab_result', code: lab.code, value: high - 2, date: day(90) });
  const result = await addEntry(h.base, harbourDoctor, harbour, patientId, { type: 'lab_result', code: lab.code, value: high, date: day(1) });
  assert.equal(result.details.flag, 'H');

  const page = await h.newPage({ lang: 'zh-Hans', viewport: PHONE, label: 'patient3' });
  await signIn(page, h.base, 'patient3@demo.yiqiao.hk');
  await page.goto(`${h.base}/record?tab=labs`);
  await entryIn(page, result.id).getByTestId('record-entry-trend').click();
  await page.getByTestId('record-trend').waitFor();
  await eventually(async () => (await page.getByTestId('record-trend-point').count()) >= 2, 'both values in the trend');
  await page.locator('[data-testid="record-trend-chart"] canvas').first().waitFor();
  assert.ok((await page.locator('[data-testid="record-trend-point"][data-flag="H"]').count()) >= 1, 'the high value is flagged H');
  if (lab.reference_range) await page.getByTestId('record-trend-range').waitFor();
});

e2e.test('a doctor with no care relationship sees nothing of the patient', async (h) => {
  // A child just added: no visit anywhere, so no organisation cares for them.
  const parent = await apiSession(h.base, 'patient@demo.yiqiao.hk');
  const born = new Date(Date.now() - 3 * 365 * 86400e3).toISOString().slice(0, 10);
  const child = await parent.post('/api/v1/dependants/children', { display_name: '陳小雲', date_of_birth: born });
  assert.equal(child.status, 201, JSON.stringify(child.body));
  const patientId = child.body.patient_id;
  const bayarea = await organisationOf(await apiSession(h.base, 'doctor3@demo.yiqiao.hk'));
  const page = await h.newPage({ lang: 'zh-Hans', viewport: LAPTOP, label: 'li' });
  await signIn(page, h.base, 'doctor3@demo.yiqiao.hk');
  await page.goto(`${h.base}/patients/${patientId}/record?as=${bayarea}`);
  await expectText(page.getByTestId('record-no-relationship').locator('strong'), text('zh-Hans', 'records.access.none_title'));
  assert.equal(await page.getByTestId('record-summary').count(), 0);
});

e2e.test('a parent opens a child\'s record from the family page, and the child\'s sharing and access log', async (h) => {
  const parent = await apiSession(h.base, 'patient2@demo.yiqiao.hk');
  const born = new Date(Date.now() - 5 * 365 * 86400e3).toISOString().slice(0, 10);
  const child = await parent.post('/api/v1/dependants/children', { display_name: 'Ho Siu Yan', date_of_birth: born });
  assert.equal(child.status, 201, JSON.stringify(child.body));
  const childId = child.body.patient_id;

  const page = await h.newPage({ lang: 'en', viewport: PHONE, label: 'parent' });
  await signIn(page, h.base, 'patient2@demo.yiqiao.hk');
  await page.goto(`${h.base}/family`);
  await page.locator(`[data-testid="family-dependant"][data-patient-id="${childId}"]`).getByTestId('family-record').click();
  await page.waitForURL((u) => u.pathname === `/patients/${childId}/record`);
  await page.locator('[data-testid="record"][data-basis="parent"]').waitFor();
  await expectText(page.getByTestId('page-title'), text('en', 'records.title_of', { name: 'Ho Siu Yan' }));
  await page.getByTestId('record-sharing-link').click();
  await page.waitForURL((u) => u.pathname === `/patients/${childId}/record/sharing`);
  await page.locator('[data-testid="sharing-join"][data-joined="false"]').waitFor();
  await page.getByTestId('sharing-access-log-link').click();
  await page.waitForURL((u) => u.pathname === `/patients/${childId}/record/access-log`);
  await expectText(page.getByTestId('page-title'), text('en', 'accesslog.title_other'));
  // The parent's own reads are in the child's log too (every read by anyone but the patient).
  const read = page.locator('[data-testid="access-log-item"][data-purpose="parent"]').first();
  await expectText(read.getByTestId('access-log-reader'), 'Amy Ho');
});
