// Administration in the web app: an organisation admin invites a doctor (who accepts through the
// e-mailed link) and fills in the doctor's public profile; a platform admin creates an organisation.
import assert from 'node:assert/strict';
import { anonymous, enrolAuthenticator, meInPage, outbox, platformAdmin, signIn } from './lib/auth.mjs';
import { mailedLinks, mailedSubjects } from '../integration/lib/mailbox.mjs';
import { expectText, suite } from './lib/harness.mjs';
import { text } from './lib/i18n.mjs';

const e2e = suite();

e2e.test('an organisation admin adds a doctor and edits the doctor’s public profile', async (h) => {
  const page = await h.newPage({ lang: 'en', label: 'orgadmin' });
  // First sign-in of a staff member: the authenticator is set up on the way (QR code, secret, code).
  assert.equal(await signIn(page, h.base, 'orgadmin@demo.yiqiao.hk'), 'enrolled');
  const me = await meInPage(page);
  const adminRole = me.roles.find((r) => r.role === 'org_admin');
  const orgId = adminRole.organisation_id;
  const orgName = adminRole.organisation_name.en;
  assert.equal(orgName, 'Harbour Health Clinic');

  // Home → the organisation's staff.
  const staffCard = page.getByTestId(`home-org-staff-${orgId}`);
  await expectText(staffCard.getByTestId('card-meta'), orgName);
  await staffCard.click();
  await page.waitForURL((u) => u.pathname === `/org/${orgId}/staff`);
  await expectText(page.getByTestId('page-title'), text('en', 'staff.title'));
  await page.getByTestId('staff-list').waitFor();
  await expectText(page.getByTestId('page-lead'), `${orgName} · ${text('en', 'org_kind.clinic')}`);
  // The organisation is named in the language picked, also after a switch on this page.
  await page.getByTestId('lang-switcher').selectOption('zh-Hant');
  await expectText(page.getByTestId('page-title'), text('zh-Hant', 'staff.title'));
  await expectText(page.getByTestId('page-lead'), `${adminRole.organisation_name['zh-Hant']} · ${text('zh-Hant', 'org_kind.clinic')}`);
  await page.getByTestId('lang-switcher').selectOption('en');
  await expectText(page.getByTestId('page-lead'), `${orgName} · ${text('en', 'org_kind.clinic')}`);

  // Add a doctor.
  const email = `dr.fong.${Date.now()}@harbour.example.hk`;
  const name = 'Dr. Fong Hoi Yee';
  await page.getByTestId('staff-add-email').fill(email);
  await page.getByTestId('staff-add-name').fill(name);
  await page.getByTestId('staff-add-roles-doctor').check();
  await page.getByTestId('staff-add-lang').selectOption('zh-Hant');
  await page.getByTestId('staff-add-submit').click();
  await expectText(page.getByTestId('staff-add-success'), text('en', 'staff.added', { name, email }));
  assert.equal(await page.getByTestId('staff-add-email').inputValue(), '', 'the form is emptied for the next one');

  // Nobody is staff yet: the invitation waits for the person to accept it.
  const invited = page.locator(`[data-testid="invitation-row"][data-email="${email}"]`);
  await expectText(invited.getByTestId('invitation-status'), text('en', 'staff_invitations.pending'));
  assert.equal(await page.locator(`[data-testid="staff-row"][data-email="${email}"]`).count(), 0);
  // Still there after a reload (it is the server's list).
  await page.reload();
  await page.locator(`[data-testid="invitation-row"][data-email="${email}"]`).waitFor();

  // The invitation e-mail, in the language the admin chose, with the link to accept it (read from
  // the outbox table, as the invitee's mailbox gets it: the admin's outbox view hides links).
  assert.deepEqual(mailedSubjects(h.server, email), [`${adminRole.organisation_name['zh-Hant']} 邀請你加入醫橋`]);
  const [link] = mailedLinks(h.server, email, 'invitation');
  assert.ok(link, `no invitation link to ${email}`);
  assert.equal(new URL(link).origin, h.base);

  // The new doctor follows the link, creates the account through it (which proves the address),
  // sets up an authenticator, and lands home as the clinic's doctor.
  const doc = await h.newPage({ lang: 'zh-Hant', label: 'new-doctor' });
  await doc.goto(link);
  await expectText(doc.getByTestId('page-title'), text('zh-Hant', 'invitation.title'));
  assert.equal(new URL(doc.url()).hash, '', 'the token leaves the address bar');
  await expectText(doc.getByTestId('invitation-offer'), text('zh-Hant', 'invitation.offer', { org: adminRole.organisation_name['zh-Hant'], email }));
  assert.equal(await doc.getByTestId('invitation-register-name').inputValue(), name);
  const password = 'pearl tram harbour 2026';
  await doc.getByTestId('invitation-register-password').fill(password);
  await doc.getByTestId('invitation-register-password-again').fill(password);
  await doc.getByTestId('invitation-register-submit').click();
  await doc.waitForURL((u) => u.pathname === '/enrol-totp');
  await enrolAuthenticator(doc, email);
  await expectText(doc.getByTestId('page-title'), text('zh-Hant', 'home.greeting', { name }));

  // Now the admin sees the doctor on the staff list, and no longer among the invitations.
  await page.reload();
  const row = page.locator(`[data-testid="staff-row"][data-email="${email}"]`);
  await expectText(row.getByTestId('staff-name'), name);
  await expectText(row.getByTestId('staff-email'), email);
  await expectText(row.getByTestId('staff-role'), text('en', 'role.doctor'));
  await expectText(row.getByTestId('staff-status'), text('en', 'staff_status.active'));
  assert.equal(await page.locator(`[data-testid="invitation-row"][data-email="${email}"]`).count(), 0);
  const doctorId = await row.getAttribute('data-account-id');
  assert.match(doctorId, /^[a-z2-7]{26}$/);

  // The doctor's profile: blank at first.
  await page.locator(`[data-testid="staff-row"][data-email="${email}"]`).getByTestId('staff-doctor-profile').click();
  await page.waitForURL((u) => u.pathname === `/doctors/${doctorId}/edit`);
  await expectText(page.getByTestId('page-title'), text('en', 'doctor.edit_title'));
  await page.getByTestId('doctor-form').waitFor();
  await page.getByText(text('en', 'doctor.new_profile')).waitFor();

  const profile = {
    title: 'Dr.',
    name_zh: '方凱儀',
    registration_no: 'M12345',
    qualifications: 'MBBS (HK), FHKAM (Family Medicine)',
    fee: '480',
    bio: {
      en: 'Family doctor with a special interest in diabetes care.',
      'zh-Hant': '家庭醫生，專注糖尿病護理。',
      'zh-Hans': '家庭医生，专注糖尿病护理。',
    },
    specialties: ['family_medicine', 'endocrinology'],
    languages: ['yue', 'en', 'cmn'],
  };
  await page.getByTestId('doctor-title').fill(profile.title);
  await page.getByTestId('doctor-name-zh').fill(profile.name_zh);
  await page.getByTestId('doctor-registration').fill(profile.registration_no);
  await page.getByTestId('doctor-qualifications').fill(profile.qualifications);
  await page.getByTestId('doctor-fee').fill(profile.fee);
  await page.getByTestId('doctor-bio-en').fill(profile.bio.en);
  await page.getByTestId('doctor-bio-zh-hant').fill(profile.bio['zh-Hant']);
  await page.getByTestId('doctor-bio-zh-hans').fill(profile.bio['zh-Hans']);
  for (const s of profile.specialties) await page.getByTestId(`doctor-specialty-${s}`).check();
  for (const l of profile.languages) await page.getByTestId(`doctor-language-${l}`).check();
  await page.getByTestId('doctor-submit').click();
  await expectText(page.getByTestId('doctor-success'), text('en', 'doctor.saved', { fee: 'HK$480.00' }));
  await expectText(page.getByTestId('doctor-identity'), `${name} · ${orgName}`);

  // What anyone sees: the public profile.
  const pub = await anonymous(h.base).get(`/api/v1/doctors/${doctorId}`);
  assert.equal(pub.status, 200, JSON.stringify(pub.body));
  const d = pub.body;
  assert.equal(d.account_id, doctorId);
  assert.equal(d.display_name, name);
  assert.equal(d.title, profile.title);
  assert.equal(d.name_zh, profile.name_zh);
  assert.equal(d.registration_no, profile.registration_no);
  assert.equal(d.qualifications, profile.qualifications);
  assert.deepEqual([...d.specialties].sort(), [...profile.specialties].sort());
  assert.deepEqual([...d.languages].sort(), [...profile.languages].sort());
  assert.deepEqual(d.fee, { amount_cents: 48000, currency: 'HKD' });
  assert.deepEqual(d.bio, profile.bio);
  assert.equal(d.organisation.id, orgId);

  // Opening the editor again shows what was saved.
  await page.reload();
  await page.getByTestId('doctor-form').waitFor();
  assert.equal(await page.getByTestId('doctor-fee').inputValue(), '480');
  assert.equal(await page.getByTestId('doctor-bio-zh-hant').inputValue(), profile.bio['zh-Hant']);
  for (const s of profile.specialties) assert.equal(await page.getByTestId(`doctor-specialty-${s}`).isChecked(), true);
  assert.equal(await page.getByTestId('doctor-specialty-cardiology').isChecked(), false);
  for (const l of profile.languages) assert.equal(await page.getByTestId(`doctor-language-${l}`).isChecked(), true);

  // The doctor finds their profile on the home page, in their language.
  await doc.goto(`${h.base}/home`);
  const card = doc.getByTestId('home-doctor-profile');
  await expectText(card.getByTestId('card-meta'), adminRole.organisation_name['zh-Hant']);
  await card.click();
  await doc.waitForURL((u) => u.pathname === `/doctors/${doctorId}/edit`);
  await expectText(doc.getByTestId('page-title'), text('zh-Hant', 'doctor.edit_own_title'));
  await doc.getByTestId('doctor-form').waitFor();
  assert.equal(await doc.getByTestId('doctor-bio-zh-hans').inputValue(), profile.bio['zh-Hans']);
});

e2e.test('a platform admin creates an organisation with names in three languages', async (h) => {
  const page = await h.newPage({ lang: 'en', label: 'admin' });
  // (Enrolled already when an earlier test signed in as the platform admin; then it asks for a code.)
  assert.match(await signIn(page, h.base, 'admin@demo.yiqiao.hk'), /^(enrolled|code)$/);

  await page.getByTestId('home-admin-organisations').click();
  await page.waitForURL((u) => u.pathname === '/admin/organisations');
  await page.getByTestId('org-table').waitFor();
  const before = await page.getByTestId('org-row').count();

  await page.getByTestId('org-new').click();
  await page.waitForURL((u) => u.pathname === '/admin/organisations/new');
  await expectText(page.getByTestId('page-title'), text('en', 'orgform.new_title'));
  const stamp = Date.now().toString(36).slice(-5).toUpperCase();
  const names = {
    en: `Pearl River Medical Centre ${stamp}`,
    'zh-Hant': `珠江醫療中心 ${stamp}`,
    'zh-Hans': `珠江医疗中心 ${stamp}`,
  };
  await page.getByTestId('org-kind').selectOption('private_hospital');
  await page.getByTestId('org-name-en').fill(names.en);
  await page.getByTestId('org-name-zh-hant').fill(names['zh-Hant']);
  await page.getByTestId('org-name-zh-hans').fill(names['zh-Hans']);
  await page.getByTestId('org-region').selectOption('guangzhou');
  await page.getByTestId('org-address').fill('1 Zhujiang New Town, Tianhe, Guangzhou');
  await page.getByTestId('org-phone').fill('+86 20 1234 5678');
  await page.getByTestId('org-email').fill('info@pearlriver.example.cn');
  await page.getByTestId('org-submit').click();

  // Back at the list, with a notice and the new row.
  await page.waitForURL((u) => u.pathname === '/admin/organisations');
  await expectText(page.getByTestId('notice'), text('en', 'orgform.created', { name: names.en }));
  const row = page.getByTestId('org-row').filter({ has: page.getByTestId('org-row-name').getByText(names.en, { exact: true }) });
  await expectText(row.getByTestId('org-row-name'), names.en);
  await expectText(row.getByTestId('org-row-kind'), text('en', 'org_kind.private_hospital'));
  await expectText(row.getByTestId('org-row-region'), text('en', 'region.guangzhou'));
  await expectText(row.getByTestId('org-row-status'), text('en', 'org.active'));
  assert.equal(await page.getByTestId('org-row').count(), before + 1);
  const orgId = await row.getAttribute('data-org-id');

  // The list names it in the reader's language.
  await page.getByTestId('lang-switcher').selectOption('zh-Hant');
  await expectText(page.locator(`[data-testid="org-row"][data-org-id="${orgId}"]`).getByTestId('org-row-name'), names['zh-Hant']);
  await page.getByTestId('lang-switcher').selectOption('zh-Hans');
  await expectText(page.locator(`[data-testid="org-row"][data-org-id="${orgId}"]`).getByTestId('org-row-name'), names['zh-Hans']);

  // And the server stored all three, with the rest of the form.
  const admin = await platformAdmin(h.base);
  const org = (await admin.get('/api/v1/admin/organisations')).body.items.find((o) => o.id === orgId);
  assert.deepEqual(org.name, names);
  assert.equal(org.kind, 'private_hospital');
  assert.equal(org.region, 'guangzhou');
  assert.equal(org.email, 'info@pearlriver.example.cn');
  assert.equal(org.active, true);
});

e2e.test('finding 4: the Outbox page never shows the platform admin a reset link', async (h) => {
  const email = 'patient2@demo.yiqiao.hk';
  const asked = await anonymous(h.base).post('/api/v1/auth/password-reset', { email });
  assert.equal(asked.status, 202);
  const mail = outbox(h.server).find((m) => m.to === email && m.body.includes('/reset-password?token='));
  assert.ok(mail, 'the server command line has the whole e-mail');
  const token = mail.body.match(/\/reset-password\?token=([A-Za-z0-9_-]+)/)[1];

  const page = await h.newPage({ lang: 'en', label: 'admin' });
  assert.match(await signIn(page, h.base, 'admin@demo.yiqiao.hk'), /^(enrolled|code)$/);
  await page.getByTestId('home-admin-outbox').click();
  await page.waitForURL((u) => u.pathname === '/admin/outbox');
  const item = page.locator(`[data-testid="outbox-item"][data-to="${email}"]`).first();
  await item.waitFor();
  await expectText(item.getByTestId('outbox-redacted'), text('en', 'outbox.redacted', { id: mail.id }));
  const html = await page.content();
  assert.ok(!html.includes(token), 'the token is nowhere in the page');
  assert.ok(!html.includes('/reset-password?token='), 'no set-password link in the page');
  assert.ok((await item.getByTestId('outbox-body').textContent()).includes('[secret link hidden]'));
});
