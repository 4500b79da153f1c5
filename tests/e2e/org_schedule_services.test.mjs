// An organisation admin (reading the app in Traditional Chinese) adds a service with a queue and
// opening hours, which patients then find among the queues, and retires it; leave over a booked
// appointment, or a new slot length under one, says, unmissably, that the appointment needs
// rebooking.
import assert from 'node:assert/strict';
import { anonymous, apiSession, meInPage, signIn } from './lib/auth.mjs';
import { expectText, suite } from './lib/harness.mjs';
import { text } from './lib/i18n.mjs';

const e2e = suite();
const hk = (seconds) => new Date((seconds + 8 * 3600) * 1000).toISOString();

e2e.test('services: add one with a queue and hours, find it among the queues, retire it', async (h) => {
  const page = await h.newPage({ lang: 'zh-Hant', label: 'orgadmin' });
  await signIn(page, h.base, 'orgadmin@demo.yiqiao.hk');
  const org = (await meInPage(page)).roles.find((r) => r.role === 'org_admin').organisation_id;
  await page.getByTestId('nav-org').click();
  await page.waitForURL((u) => u.pathname === `/org/${org}/services`);
  await expectText(page.getByTestId('page-title'), text('zh-Hant', 'orgsvc.title'));
  await page.getByTestId('svc-list').waitFor();

  await page.getByTestId('svc-name-en').fill('Travel health');
  await page.getByTestId('svc-name-zh-hant').fill('旅遊健康');
  await page.getByTestId('svc-name-zh-hans').fill('旅游健康');
  await page.getByTestId('svc-type').selectOption('video');
  await page.getByTestId('svc-slot').fill('3');
  await page.getByTestId('svc-fee').fill('250');
  await page.getByTestId('svc-queue').check();
  await page.getByTestId('svc-hours-set').check();
  await page.getByTestId('svc-hours-row').first().locator('input[type="time"]').first().fill('10:00');
  await page.getByTestId('svc-hours-row').first().locator('input[type="time"]').last().fill('09:00');
  await page.getByTestId('svc-submit').click();
  // Two mistakes, each told in Chinese beside its field.
  await expectText(page.getByTestId('svc-slot-error'), text('zh-Hant', 'orgsvc.slot_invalid'));
  await page.getByTestId('svc-hours').getByText(/結束時間必須遲於開始時間/).waitFor();

  await page.getByTestId('svc-slot').fill('15');
  await page.getByTestId('svc-hours-row').first().locator('input[type="time"]').first().fill('00:00');
  await page.getByTestId('svc-hours-row').first().locator('input[type="time"]').last().fill('23:59');
  for (let d = 2; d <= 7; d++) {
    await page.getByTestId('svc-hours-add').click();
  }
  await page.getByTestId('svc-submit').click();
  await expectText(page.getByTestId('svc-success'), text('zh-Hant', 'orgsvc.added', { name: '旅遊健康' }));
  const row = page.getByTestId('svc-row').filter({ hasText: '旅遊健康' });
  await expectText(row.getByTestId('svc-row-queue'), /^輪候：開放時間/);
  const id = await row.getAttribute('data-service-id');

  // Patients see it among the queues (open all day on every weekday).
  const queues = (await anonymous(h.base).get('/api/v1/queues')).body.items;
  const q = queues.find((x) => x.id === id);
  assert.ok(q, 'the new queue is listed');
  assert.equal(q.hours.length, 7);
  assert.deepEqual(q.name, { en: 'Travel health', 'zh-Hant': '旅遊健康', 'zh-Hans': '旅游健康' });

  await row.getByTestId('svc-retire').click();
  await row.getByTestId('svc-retire-confirm').click();
  await expectText(page.getByTestId('svc-row-success'), text('zh-Hant', 'orgsvc.retired_done', { name: '旅遊健康' }));
  assert.equal(await page.locator(`[data-testid="svc-row"][data-service-id="${id}"]`).getAttribute('data-active'), 'false');
  assert.ok(!(await anonymous(h.base).get('/api/v1/queues')).body.items.some((x) => x.id === id), 'gone from the queues');
  // Still there, marked retired, after coming back to the page later.
  await page.reload();
  assert.equal(await page.locator(`[data-testid="svc-row"][data-service-id="${id}"]`).getAttribute('data-active'), 'false');
  await page.locator(`[data-testid="svc-row"][data-service-id="${id}"]`).getByTestId('svc-restore').click();
  await expectText(page.getByTestId('svc-row-success'), text('zh-Hant', 'orgsvc.restored', { name: '旅遊健康' }));
});

e2e.test('leave over a booked appointment says it needs rebooking', async (h) => {
  const pub = anonymous(h.base);
  const doctorId = (await pub.get('/api/v1/doctors?q=Wong%20Ka%20Yan')).body.items[0].id;
  const slot = (await pub.get(`/api/v1/doctors/${doctorId}/slots?days=5`)).body.items.find((s) => s.starts_at > Date.now() / 1000 + 86400);
  const amy = await apiSession(h.base, 'patient2@demo.yiqiao.hk');
  const booked = await amy.post('/api/v1/appointments', { slot_id: slot.id, reason: 'Check-up' });
  assert.equal(booked.status, 201, JSON.stringify(booked.body));

  const page = await h.newPage({ lang: 'en', label: 'orgadmin' });
  await signIn(page, h.base, 'orgadmin@demo.yiqiao.hk');
  const org = (await meInPage(page)).roles.find((r) => r.role === 'org_admin').organisation_id;
  await page.goto(`${h.base}/org/${org}/availability?doctor=${doctorId}`);
  await page.getByTestId('avail-templates').waitFor();
  const [from, to] = [hk(slot.starts_at), hk(slot.ends_at)];
  await page.getByTestId('leave-from-day').fill(from.slice(0, 10));
  await page.getByTestId('leave-from-time').fill(from.slice(11, 16));
  await page.getByTestId('leave-to-day').fill(to.slice(0, 10));
  await page.getByTestId('leave-to-time').fill(to.slice(11, 16));
  await page.getByTestId('leave-reason').fill('Conference');
  await page.getByTestId('leave-submit').click();
  await expectText(page.getByTestId('avail-rebook').locator('strong'), text('en', 'avail.rebook_title', { count: 1 }));
  await page.getByTestId('avail-leave').filter({ hasText: 'Conference' }).waitFor();
  const seen = (await amy.get(`/api/v1/appointments/${booked.body.id}`)).body;
  assert.equal(seen.needs_rebooking, true);
  assert.equal(seen.status, 'booked', 'the appointment keeps its time');

  // Removing the leave brings the time back (the appointment stays flagged until rebooked).
  await page.getByTestId('avail-leave').filter({ hasText: 'Conference' }).getByTestId('avail-leave-remove').click();
  await expectText(page.getByTestId('avail-result'), new RegExp(text('en', 'avail.leave_removed').replace('.', '\\.')));
});

e2e.test('a new slot length says how many booked appointments now need rebooking', async (h) => {
  const admin = await apiSession(h.base, 'orgadmin@demo.yiqiao.hk');
  const org = (await admin.get('/api/v1/me')).body.account.roles.find((r) => r.role === 'org_admin').organisation_id;
  const pub = anonymous(h.base);
  const doctorId = (await pub.get('/api/v1/doctors?q=Wong%20Ka%20Yan')).body.items[0].id;
  const svc = await admin.post(`/api/v1/organisations/${org}/services`, {
    name: { en: 'Late clinic', 'zh-Hant': '夜診', 'zh-Hans': '夜诊' },
    specialty: 'general_practice',
    consultation_type: 'in_person',
    slot_minutes: 30,
  });
  assert.equal(svc.status, 201, JSON.stringify(svc.body));
  const tpl = await admin.post(`/api/v1/doctors/${doctorId}/templates`, { service_id: svc.body.id, weekday: 6, start_minute: 21 * 60, end_minute: 22 * 60 });
  assert.equal(tpl.status, 201, JSON.stringify(tpl.body));
  const slot = (await pub.get(`/api/v1/doctors/${doctorId}/slots?days=14&service=${svc.body.id}`)).body.items[0];
  const amy = await apiSession(h.base, 'patient2@demo.yiqiao.hk');
  const booked = await amy.post('/api/v1/appointments', { slot_id: slot.id, reason: 'Follow-up' });
  assert.equal(booked.status, 201, JSON.stringify(booked.body));

  const page = await h.newPage({ lang: 'en', label: 'orgadmin' });
  await signIn(page, h.base, 'orgadmin@demo.yiqiao.hk');
  await page.goto(`${h.base}/org/${org}/services`);
  const row = page.locator(`[data-testid="svc-row"][data-service-id="${svc.body.id}"]`);
  await row.getByTestId('svc-edit').click();
  await row.getByTestId('svc-edit-slot').fill('20');
  await row.getByTestId('svc-edit-submit').click();
  await expectText(row.getByTestId('svc-row-success'), text('en', 'orgsvc.saved', { name: 'Late clinic' }));
  await expectText(row.getByTestId('svc-slots-rebook').locator('strong'), text('en', 'avail.rebook_title', { count: 1 }));
  const seen = (await amy.get(`/api/v1/appointments/${booked.body.id}`)).body;
  assert.equal(seen.needs_rebooking, true);
  assert.equal(seen.starts_at, slot.starts_at, 'the appointment keeps its time');
});
