// Organisations, their staff and doctors' public profiles, as the platform admin, organisation
// admins, doctors and the public use them.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backends } from '../support/server.mjs';
import { Client, anonymous, expectProblem, expectStatus, fieldErrors } from './lib/client.mjs';
import { signIn, signInAll, demoEmail, enrolAuthenticator, nextCode } from './lib/auth.mjs';
import { mailedSubjects, newToken } from './lib/mailbox.mjs';
import { makePng, makeJpegHeader } from './lib/images.mjs';
import { connect, parseResponses, readUntilClose } from './lib/raw.mjs';
import { openWs } from './lib/ws.mjs';

const ID = /^[a-z2-7]{26}$/;

for (const backend of backends()) {
  describe(`organisations, staff and doctors (${backend})`, () => {
    let srv;
    let anon;
    let as; // who → signed-in client
    const org = {}; // 'harbour' | 'kowloon' | 'lotus' → id

    before(async () => {
      srv = await startServer({ backend });
      anon = anonymous(srv);
      as = await signInAll(srv, ['admin', 'orgadmin', 'orgadmin2', 'doctor', 'doctor2', 'nurse']);
      const list = expectStatus(await anon.get('/api/v1/organisations'), 200).json.items;
      for (const [key, en] of [
        ['harbour', 'Harbour Health Clinic'],
        ['kowloon', 'Kowloon East Hospital'],
        ['lotus', 'Lotus Pharmacy'],
      ]) {
        org[key] = list.find((o) => o.name.en === en)?.id;
        assert.match(org[key], ID, en);
      }
    });
    after(async () => {
      await srv?.stop();
    });

    const newOrg = {
      kind: 'clinic',
      name: { en: 'Macao Harbour Clinic', 'zh-Hant': '澳門海港診所', 'zh-Hans': '澳门海港诊所' },
      region: 'macao',
      address: '1 Avenida de Almeida Ribeiro, Macao',
      phone: '+853 2855 0000',
      email: 'Front.Desk@Example.TEST',
    };

    test('the platform admin creates an organisation named in three languages; the public sees it', async () => {
      const created = expectStatus(await as.admin.post('/api/v1/admin/organisations', newOrg), 201).json;
      assert.match(created.id, ID);
      assert.deepEqual(
        { ...created, id: undefined },
        { ...newOrg, id: undefined, email: 'front.desk@example.test', active: true },
      );
      org.macao = created.id;
      assert.deepEqual(expectStatus(await anon.get(`/api/v1/organisations/${created.id}`), 200).json, created);
      const inMacao = expectStatus(await anon.get('/api/v1/organisations?region=macao'), 200).json.items;
      assert.deepEqual(inMacao.map((o) => o.id), [created.id]);
      const clinics = expectStatus(await anon.get('/api/v1/organisations?kind=clinic'), 200).json.items;
      assert.deepEqual(clinics.map((o) => o.name.en).sort(), ['Harbour Health Clinic', 'Macao Harbour Clinic']);
      const pharmacies = expectStatus(await anon.get('/api/v1/organisations?kind=pharmacy&region=macao'), 200).json.items;
      assert.deepEqual(pharmacies, []);
    });

    test('organisation input is validated field by field and nothing is created on error', async () => {
      const before = expectStatus(await as.admin.get('/api/v1/admin/organisations'), 200).json.items.length;
      const badRegion = await as.admin.post('/api/v1/admin/organisations', { ...newOrg, region: 'tokyo' });
      expectProblem(badRegion, 422, 'validation');
      assert.deepEqual(badRegion.json.errors, [
        { field: 'region', message: 'Choose one of the listed options.', message_key: 'field.unknown_choice' },
      ]);
      const zh = await as.admin.post('/api/v1/admin/organisations', { ...newOrg, region: 'tokyo' }, { headers: { 'Accept-Language': 'zh-Hant' } });
      assert.equal(zh.json.errors[0].message, '請從列出的選項中選擇。');
      const missing = await as.admin.post('/api/v1/admin/organisations', {
        kind: 'spa',
        name: { en: 'Only English' },
        email: 'not-an-email',
      });
      expectProblem(missing, 422, 'validation');
      assert.deepEqual(fieldErrors(missing), {
        kind: 'field.unknown_choice',
        'name.zh-Hant': 'field.required',
        'name.zh-Hans': 'field.required',
        region: 'field.required',
        email: 'field.invalid_email',
      });
      const longName = await as.admin.post('/api/v1/admin/organisations', { ...newOrg, name: { ...newOrg.name, en: 'x'.repeat(201) } });
      assert.equal(fieldErrors(longName)['name.en'], 'field.too_long');
      const after = expectStatus(await as.admin.get('/api/v1/admin/organisations'), 200).json.items.length;
      assert.equal(after, before);
    });

    test('the platform admin edits and deactivates an organisation; only the platform admin may', async () => {
      const path = `/api/v1/admin/organisations/${org.macao}`;
      const edited = expectStatus(
        await as.admin.patch(path, { name: { en: 'Macao Bay Clinic', 'zh-Hant': '澳門灣診所', 'zh-Hans': '澳门湾诊所' }, phone: '+853 2855 1111' }),
        200,
      ).json;
      assert.equal(edited.name['zh-Hant'], '澳門灣診所');
      assert.equal(edited.phone, '+853 2855 1111');
      assert.equal(edited.address, newOrg.address, 'fields not sent stay');
      expectProblem(await as.admin.patch(path, { region: 'mars' }), 422, 'validation');
      assert.equal(expectStatus(await anon.get(`/api/v1/organisations/${org.macao}`), 200).json.region, 'macao');
      expectProblem(await as.orgadmin.patch(path, { phone: '0' }), 403, 'forbidden');
      expectProblem(await anon.patch(path, { phone: '0' }), 401, 'unauthenticated');
      expectProblem(await as.admin.patch('/api/v1/admin/organisations/aaaaaaaaaaaaaaaaaaaaaaaaaa', { phone: '0' }), 404, 'not_found');

      expectStatus(await as.admin.patch(path, { active: false }), 200);
      expectProblem(await anon.get(`/api/v1/organisations/${org.macao}`), 404, 'not_found', 'inactive: gone from public view');
      const publicList = expectStatus(await anon.get('/api/v1/organisations'), 200).json.items;
      assert.ok(!publicList.some((o) => o.id === org.macao));
      const adminList = expectStatus(await as.admin.get('/api/v1/admin/organisations'), 200).json.items;
      assert.equal(adminList.find((o) => o.id === org.macao).active, false);
      expectStatus(await as.admin.patch(path, { active: true }), 200);
      expectStatus(await anon.get(`/api/v1/organisations/${org.macao}`), 200);
    });

    test("an organisation admin sees their own staff and nobody else's", async () => {
      const staff = expectStatus(await as.orgadmin.get(`/api/v1/organisations/${org.harbour}/staff`), 200).json.items;
      const byEmail = Object.fromEntries(staff.map((s) => [s.email, s]));
      assert.deepEqual(Object.keys(byEmail).sort(), ['doctor', 'nurse', 'orgadmin'].map(demoEmail).sort());
      assert.deepEqual(byEmail[demoEmail('doctor')].roles, ['doctor']);
      assert.equal(byEmail[demoEmail('doctor')].account_id, as.doctor.account.id);
      assert.equal(byEmail[demoEmail('doctor')].status, 'active');
      assert.equal(byEmail[demoEmail('doctor')].totp_enabled, true, 'enrolled in before()');
      assert.equal(byEmail[demoEmail('nurse')].display_name, 'Nurse Cheung Mei Ling');
      assert.deepEqual(Object.keys(byEmail[demoEmail('nurse')]).sort(), ['account_id', 'display_name', 'email', 'roles', 'status', 'totp_enabled']);

      const other = await as.orgadmin.get(`/api/v1/organisations/${org.kowloon}/staff`);
      expectProblem(other, 404, 'not_found');
      assert.ok(!other.text.includes('@'), 'no addresses of the other organisation');
      expectProblem(await as.doctor.get(`/api/v1/organisations/${org.harbour}/staff`), 403, 'forbidden', 'a doctor is not an admin');
      const all = expectStatus(await as.admin.get(`/api/v1/organisations/${org.kowloon}/staff`), 200).json.items;
      assert.deepEqual(all.map((s) => s.email).sort(), ['doctor2', 'orgadmin2'].map(demoEmail).sort());
    });

    let invitee; // { id, email, client }

    test('adding a staff member e-mails an invitation; the invitee registers through it and must enrol', async () => {
      const email = `new.nurse.${backend}@example.test`;
      const path = `/api/v1/organisations/${org.harbour}/staff`;
      const wrongRole = await as.orgadmin.post(path, { email, display_name: 'New Nurse', roles: ['pharmacist'] });
      expectProblem(wrongRole, 422, 'validation');
      assert.equal(fieldErrors(wrongRole).roles, 'field.unknown_choice', 'a clinic has no pharmacists');
      expectProblem(await as.orgadmin.post(path, { email, display_name: 'New Nurse', roles: ['platform_admin'] }), 422, 'validation');
      expectProblem(await as.orgadmin.post(path, { email, display_name: 'New Nurse', roles: [] }), 422, 'validation');

      const added = expectStatus(
        await as.orgadmin.post(path, { email: email.toUpperCase(), display_name: 'New Nurse', roles: ['nurse'], preferred_lang: 'zh-Hant' }),
        201,
      ).json;
      assert.match(added.id, ID);
      assert.deepEqual({ ...added, id: undefined, created_at: undefined, sent_at: undefined, expires_at: undefined }, {
        id: undefined,
        email,
        display_name: 'New Nurse',
        roles: ['nurse'],
        preferred_lang: 'zh-Hant',
        created_at: undefined,
        sent_at: undefined,
        expires_at: undefined,
        status: 'pending',
      });
      const listed = expectStatus(await as.orgadmin.get(path), 200).json.items;
      assert.ok(!listed.some((s) => s.email === email), 'not staff before accepting');
      const pending = expectStatus(await as.orgadmin.get(`/api/v1/organisations/${org.harbour}/invitations`), 200).json.items;
      assert.ok(pending.some((i) => i.id === added.id));

      assert.deepEqual(mailedSubjects(srv, email), ['海港健康診所 邀請你加入醫橋'], "in the invitee's language, naming the organisation");
      const token = newToken(srv, email, 'invitation');

      const c = new Client(srv.url);
      const first = expectStatus(
        await c.post('/api/v1/auth/register', { email, password: 'Nurse-password-2026', display_name: 'New Nurse', invitation_token: token }),
        201,
      ).json.account;
      assert.equal(first.mfa_enrolment_required, true);
      assert.deepEqual(
        first.roles.map((r) => [r.role, r.organisation_id, r.organisation_name['zh-Hant']]),
        [['nurse', org.harbour, '海港健康診所']],
      );
      expectProblem(await c.patch('/api/v1/me', { phone: '1' }), 403, 'mfa_enrolment_required');
      await enrolAuthenticator(srv, c, email);
      expectStatus(await c.patch('/api/v1/me', { phone: '+852 2555 0199' }), 200);
      expectProblem(await as.orgadmin.post(path, { email, display_name: 'Again', roles: ['nurse'] }), 409, 'email_taken', 'already staff');
      invitee = { id: first.id, email, password: 'Nurse-password-2026', client: c };
    });

    test("an organisation admin changes a staff member's roles; the change applies at once", async () => {
      const path = `/api/v1/organisations/${org.harbour}/staff/${invitee.id}`;
      const changed = expectStatus(await as.orgadmin.patch(path, { roles: ['nurse', 'doctor'], display_name: 'Dr. New Nurse' }), 200).json;
      assert.deepEqual(changed.roles, ['doctor', 'nurse']);
      assert.equal(changed.display_name, 'Dr. New Nurse');
      const me = expectStatus(await invitee.client.get('/api/v1/me'), 200).json.account;
      assert.deepEqual(me.roles.map((r) => r.role), ['doctor', 'nurse'], "the invitee's live session sees the new roles");
      // The new doctor may now edit their own profile.
      expectStatus(await invitee.client.put(`/api/v1/doctors/${invitee.id}/profile`, { title: 'Dr.', specialties: ['general_practice'], languages: ['en'], fee_cents: 30000 }), 200);
      expectStatus(await anon.get(`/api/v1/doctors/${invitee.id}`), 200);

      expectProblem(await as.orgadmin.patch(path, { roles: ['pharmacist'] }), 422, 'validation');
      expectProblem(await as.orgadmin.patch(path, { roles: [] }), 422, 'validation');
      const self = await as.orgadmin.patch(`/api/v1/organisations/${org.harbour}/staff/${as.orgadmin.account.id}`, { roles: ['doctor'] });
      expectProblem(self, 422, 'validation');
      assert.equal(fieldErrors(self).roles, 'field.invalid', 'an admin cannot drop their own admin role');
      expectProblem(await as.orgadmin2.patch(path, { roles: ['nurse'] }), 404, 'not_found', 'another organisation\'s admin');
      expectProblem(await as.orgadmin2.patch(`/api/v1/organisations/${org.kowloon}/staff/${invitee.id}`, { roles: ['nurse'] }), 404, 'not_found', 'not their staff');
      expectProblem(await as.orgadmin.patch(`/api/v1/organisations/${org.harbour}/staff/${as.doctor2.account.id}`, { roles: ['nurse'] }), 404, 'not_found');
      const after = expectStatus(await as.orgadmin.get(`/api/v1/organisations/${org.harbour}/staff`), 200).json.items;
      assert.deepEqual(after.find((s) => s.account_id === invitee.id).roles, ['doctor', 'nurse'], 'refused changes changed nothing');
    });

    test('deactivating a staff member ends their sessions and sign-ins, and hides their public profile', async () => {
      const path = `/api/v1/organisations/${org.harbour}/staff/${invitee.id}`;
      expectProblem(await as.orgadmin.patch(`/api/v1/organisations/${org.harbour}/staff/${as.orgadmin.account.id}`, { status: 'disabled' }), 422, 'validation');
      expectProblem(await as.orgadmin.patch(path, { status: 'gone' }), 422, 'validation');
      const socket = await openWs(srv, { cookie: invitee.client.cookie });
      assert.equal((await socket.next()).type, 'hello');
      const disabled = expectStatus(await as.orgadmin.patch(path, { status: 'disabled' }), 200).json;
      assert.equal(disabled.status, 'disabled');
      expectProblem(await invitee.client.get('/api/v1/me'), 401, 'unauthenticated', 'the live session ended');
      assert.equal((await socket.closed).code, 4001, 'and its WebSocket closed: session changed');
      const { code } = await nextCode(srv, invitee.email);
      const refused = await anon.post('/api/v1/auth/login', { email: invitee.email, password: invitee.password, totp_code: code });
      expectProblem(refused, 401, 'invalid_credentials', 'a disabled account cannot sign in');
      expectProblem(await anon.get(`/api/v1/doctors/${invitee.id}`), 404, 'not_found');
      // A password reset does not revive it either.
      expectStatus(await anon.post('/api/v1/auth/password-reset', { email: invitee.email }), 202);
      assert.ok(!mailedSubjects(srv, invitee.email).some((subject) => subject.includes('Reset')));

      expectStatus(await as.orgadmin.patch(path, { status: 'active' }), 200);
      const back = await signIn(srv, invitee.email, { password: invitee.password });
      assert.equal(back.account.email, invitee.email);
      expectStatus(await anon.get(`/api/v1/doctors/${invitee.id}`), 200);
    });

    test("an organisation admin cannot rename or lock out an account that also exists outside the organisation", async () => {
      // An existing account (here a patient) that accepts an invitation gets a role in this organisation...
      const path = `/api/v1/organisations/${org.harbour}/staff`;
      const acceptAs = async (client, email) => {
        const inv = expectStatus(await as.orgadmin.post(path, { email, display_name: 'Ignored', roles: ['nurse'] }), 201).json;
        expectStatus(await client.post(`/api/v1/me/invitations/${inv.id}/accept`), 200);
        return (await as.orgadmin.get(path)).json.items.find((s) => s.email === email);
      };
      const patient2 = await signIn(srv, 'patient2');
      const added = await acceptAs(patient2, demoEmail('patient2'));
      assert.deepEqual(added.roles, ['nurse']);
      assert.equal(added.display_name, 'Amy Ho', "the person's own name stays");
      // ...but the account itself (name, sign-in) is not the organisation's to change.
      const rename = await as.orgadmin.patch(`${path}/${added.account_id}`, { display_name: 'Renamed by Harbour' });
      expectProblem(rename, 403, 'forbidden');
      const lockOut = await as.orgadmin.patch(`${path}/${added.account_id}`, { status: 'disabled' });
      expectProblem(lockOut, 403, 'forbidden');
      assert.equal((await patient2.get('/api/v1/me')).json.account.display_name, 'Amy Ho');
      // Roles in the organisation remain the admin's to change (the web app sends the name along).
      const roles = expectStatus(await as.orgadmin.patch(`${path}/${added.account_id}`, { display_name: 'Amy Ho', roles: ['doctor'] }), 200).json;
      assert.deepEqual(roles.roles, ['doctor']);
      // The same for another organisation's doctor and for the platform admin's account.
      for (const who of ['doctor2', 'admin']) {
        const other = await acceptAs(as[who], demoEmail(who));
        expectProblem(await as.orgadmin.patch(`${path}/${other.account_id}`, { status: 'disabled' }), 403, 'forbidden', who);
        expectProblem(await as.orgadmin.patch(`${path}/${other.account_id}`, { display_name: 'Renamed' }), 403, 'forbidden', who);
      }
      expectStatus(await as.admin.get('/api/v1/me'), 200, 'the platform admin is still signed in');
      expectStatus(await as.doctor2.get('/api/v1/me'), 200);
      // The platform admin may.
      expectStatus(await as.admin.patch(`${path}/${added.account_id}`, { display_name: 'Amy Ho' }), 200);
    });

    const profile = {
      title: 'Dr.',
      name_zh: '黃嘉欣',
      registration_no: 'M12345',
      qualifications: 'MBBS (HK), FHKAM (Family Medicine)',
      bio: { en: 'Family doctor in Central.', 'zh-Hant': '中環家庭醫生。', 'zh-Hans': '中环家庭医生。' },
      specialties: ['general_practice', 'family_medicine'],
      languages: ['yue', 'en'],
      fee_cents: 52000,
    };

    test('a doctor edits their own public profile, and only their own', async () => {
      const id = as.doctor.account.id;
      const bad = await as.doctor.put(`/api/v1/doctors/${id}/profile`, { ...profile, specialties: ['astrology'], fee_cents: -1 });
      expectProblem(bad, 422, 'validation');
      assert.deepEqual(fieldErrors(bad), { specialties: 'field.unknown_choice', fee_cents: 'field.out_of_range' });
      const saved = expectStatus(await as.doctor.put(`/api/v1/doctors/${id}/profile`, profile), 200).json;
      const shown = expectStatus(await anon.get(`/api/v1/doctors/${id}`), 200).json;
      assert.deepEqual(shown, saved);
      assert.equal(shown.account_id, id);
      assert.equal(shown.display_name, 'Dr. Wong Ka Yan');
      assert.deepEqual(shown.specialties, ['family_medicine', 'general_practice']);
      assert.deepEqual(shown.languages, ['en', 'yue']);
      assert.deepEqual(shown.bio, profile.bio);
      assert.equal(shown.fee.amount_cents, 52000);
      assert.equal(shown.registration_no, 'M12345');
      assert.deepEqual(shown.organisation, { id: org.harbour, name: { en: 'Harbour Health Clinic', 'zh-Hant': '海港健康診所', 'zh-Hans': '海港健康诊所' } });
      assert.ok(!JSON.stringify(shown).includes('@'), 'the public profile has no e-mail address');

      const other = as.doctor2.account.id;
      const before = expectStatus(await anon.get(`/api/v1/doctors/${other}`), 200).json;
      expectProblem(await as.doctor.put(`/api/v1/doctors/${other}/profile`, { ...profile, bio: { en: 'hijacked', 'zh-Hant': 'x', 'zh-Hans': 'x' } }), 404, 'not_found');
      expectProblem(await as.nurse.put(`/api/v1/doctors/${id}/profile`, profile), 403, 'forbidden');
      expectProblem(await anon.put(`/api/v1/doctors/${id}/profile`, profile), 401, 'unauthenticated');
      assert.deepEqual(expectStatus(await anon.get(`/api/v1/doctors/${other}`), 200).json, before, 'unchanged');
    });

    test("an organisation admin edits their doctors' profiles, not another organisation's", async () => {
      const id = as.doctor.account.id;
      const byAdmin = expectStatus(await as.orgadmin.put(`/api/v1/doctors/${id}/profile`, { ...profile, fee_cents: 55000 }), 200).json;
      assert.equal(byAdmin.fee.amount_cents, 55000);
      expectProblem(await as.orgadmin2.put(`/api/v1/doctors/${id}/profile`, { ...profile, fee_cents: 1 }), 404, 'not_found');
      expectStatus(await as.orgadmin2.put(`/api/v1/doctors/${as.doctor2.account.id}/profile`, { title: 'Prof.', specialties: ['psychiatry'], languages: ['yue'], fee_cents: 0 }), 200);
      expectStatus(await as.admin.put(`/api/v1/doctors/${id}/profile`, { ...profile, fee_cents: 56000 }), 200, 'the platform admin may');
      assert.equal(expectStatus(await anon.get(`/api/v1/doctors/${id}`), 200).json.fee.amount_cents, 56000);
    });

    test('public doctor profiles exist only for active doctors', async () => {
      expectProblem(await anon.get(`/api/v1/doctors/${as.nurse.account.id}`), 404, 'not_found', 'a nurse has no doctor profile');
      expectProblem(await anon.get('/api/v1/doctors/aaaaaaaaaaaaaaaaaaaaaaaaaa'), 404, 'not_found');
      expectProblem(await anon.get('/api/v1/doctors/not-an-id'), 404, 'not_found');
      const zh = await anon.get('/api/v1/doctors/aaaaaaaaaaaaaaaaaaaaaaaaaa', { headers: { 'Accept-Language': 'zh-Hans' } });
      assert.equal(zh.json.detail, '找不到你请求的内容。');
    });

    test('doctor photos: a real PNG or JPEG is stored and served back; anything else is refused', async () => {
      const id = as.doctor.account.id;
      const path = `/api/v1/doctors/${id}/photo`;
      expectProblem(await anon.get(path), 404, 'not_found', 'no photo yet');
      const png = makePng(48, 48, 3);
      const saved = expectStatus(await as.doctor.request('PUT', path, { body: png, headers: { 'Content-Type': 'image/png' } }), 200).json;
      assert.match(saved.photo_url, new RegExp(`^/api/v1/doctors/${id}/photo\\?v=[0-9a-f]{12}$`));
      const got = expectStatus(await anon.get(saved.photo_url), 200);
      assert.equal(got.contentType, 'image/png');
      assert.ok(got.bytes.equals(png), 'the same bytes come back');
      assert.match(got.headers.get('cache-control'), /^public, max-age=\d+/);
      assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(expectStatus(await anon.get(`/api/v1/doctors/${id}`), 200).json.photo_url, saved.photo_url);

      // A text file that claims to be a PNG. (Dr. Wong reads 繁體中文.)
      const fake = await as.doctor.request('PUT', path, { body: Buffer.from('just some text, not a picture\n'.repeat(10)), headers: { 'Content-Type': 'image/png' } });
      expectProblem(fake, 422, 'validation');
      assert.deepEqual(fake.json.errors, [
        { field: 'photo', message: '請上載不超過 2 MB、每邊不超過 4096 像素的 JPEG 或 PNG 圖片。', message_key: 'field.invalid_image' },
      ]);
      expectProblem(await as.doctor.request('PUT', path, { body: png, headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type');
      expectProblem(await as.doctor.request('PUT', path, { body: png, headers: { 'Content-Type': 'image/gif' } }), 415, 'unsupported_media_type');
      // Over 2 MiB: refused from the declared length, before the body is read...
      const huge = Buffer.concat([png, Buffer.alloc(3 * 1024 * 1024, 0)]);
      const tooLarge = await as.doctor.request('PUT', path, { body: huge, headers: { 'Content-Type': 'image/png' } });
      expectProblem(tooLarge, 413, 'payload_too_large', 'a client that sends the whole body still reads the answer');
      // ...as a client that only sends the header sees.
      const socket = await connect(srv);
      const reads = readUntilClose(socket);
      socket.write(
        `PUT ${path} HTTP/1.1\r\nHost: localhost\r\nCookie: yq_session=${as.doctor.cookie}\r\n` +
          `X-Requested-With: yiqiao\r\nContent-Type: image/png\r\nContent-Length: ${2 * 1024 * 1024 + 1}\r\n\r\n`,
      );
      socket.write(png);
      const [tooBig] = parseResponses((await reads).data);
      assert.equal(tooBig.status, 413);
      assert.equal(JSON.parse(tooBig.body).code, 'payload_too_large');
      const tooWide = makePng(4097, 1, 1);
      expectProblem(await as.doctor.request('PUT', path, { body: tooWide, headers: { 'Content-Type': 'image/png' } }), 422, 'validation');
      expectProblem(await as.nurse.request('PUT', path, { body: png, headers: { 'Content-Type': 'image/png' } }), 403, 'forbidden');
      expectProblem(await as.orgadmin2.request('PUT', path, { body: makePng(8, 8, 9), headers: { 'Content-Type': 'image/png' } }), 404, 'not_found');
      const still = expectStatus(await anon.get(path), 200);
      assert.ok(still.bytes.equals(png), 'refused uploads left the photo alone');
      // Exactly 2 MiB is within the limit.
      const atLimit = makePng(1000, 1000, 5);
      const padded = Buffer.concat([atLimit.subarray(0, -12), Buffer.alloc(2 * 1024 * 1024 - atLimit.length, 0), atLimit.subarray(-12)]);
      assert.equal(padded.length, 2 * 1024 * 1024);
      expectStatus(await as.doctor.request('PUT', path, { body: padded, headers: { 'Content-Type': 'image/png' } }), 200, 'exactly 2 MiB');

      // The organisation admin replaces it with a JPEG: a new URL, the new type.
      const jpeg = makeJpegHeader(320, 240);
      const replaced = expectStatus(await as.orgadmin.request('PUT', path, { body: jpeg, headers: { 'Content-Type': 'image/jpeg' } }), 200).json;
      assert.notEqual(replaced.photo_url, saved.photo_url);
      const gotJpeg = expectStatus(await anon.get(replaced.photo_url), 200);
      assert.equal(gotJpeg.contentType, 'image/jpeg');
      assert.ok(gotJpeg.bytes.equals(jpeg));
    });
  });
}
