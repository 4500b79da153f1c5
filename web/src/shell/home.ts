// The signed-in home: a card for each thing this account can do today, by role (on a phone this is
// the way in, as the navigation row scrolls). Nothing here links to features that do not exist yet.
import { html, nothing, type TemplateResult } from 'lit-html';
import { codeName, localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { currentAccount, rolesNamed } from '../base/session';
import { heading } from '../base/ui/common';

function card(o: { href: string; title: string; text: string; testid: string; meta?: string }): TemplateResult {
  return html`<li class="card">
    <a class="card-link" href=${o.href} data-testid=${o.testid}>
      <span class="card-title" data-testid="card-title">${o.title}</span>
      ${o.meta ? html`<span class="card-meta" data-testid="card-meta">${o.meta}</span>` : nothing}
      <span class="card-text">${o.text}</span>
    </a>
  </li>`;
}

function section(title: string, testid: string, cards: TemplateResult[]): TemplateResult {
  if (!cards.length) return html``;
  return html`<section class="home-section" data-testid=${testid}>
    <h2>${title}</h2>
    <ul class="cards">${cards}</ul>
  </section>`;
}

export const homePage: PageFactory = () => ({
  title: () => t('home.title'),
  view: () => {
    const account = currentAccount()!;
    const isPatient = rolesNamed('patient').length > 0;
    const orgName = (r: { organisation_name: Parameters<typeof localText>[0] }) => localText(r.organisation_name);

    const memberships = account.roles.filter((r) => r.role !== 'patient' && r.role !== 'platform_admin');

    const patientCards = isPatient
      ? [
          card({ href: '/profile', title: t('home.patient.profile'), text: t('home.patient.profile_text'), testid: 'home-profile' }),
          card({
            href: '/profile#security',
            title: t('home.patient.security'),
            text: account.totp_enabled ? t('home.patient.security_on') : t('home.patient.security_off'),
            testid: 'home-security',
          }),
        ]
      : [];

    const careCards = isPatient
      ? [
          card({ href: '/now', title: t('queue.nav'), text: t('home.patient.now_text'), testid: 'home-now' }),
          card({ href: '/doctors', title: t('doctors.nav'), text: t('home.patient.doctors_text'), testid: 'home-doctors' }),
          card({ href: '/appointments', title: t('home.patient.appointments'), text: t('home.patient.appointments_text'), testid: 'home-appointments' }),
          card({ href: '/family', title: t('family.nav'), text: t('home.patient.family_text'), testid: 'home-family' }),
          card({ href: '/record', title: t('records.nav'), text: t('home.patient.record_text'), testid: 'home-record' }),
        ]
      : [];

    const doctorDay = rolesNamed('doctor').length
      ? [card({ href: '/doctor/day', title: t('doctorday.nav'), text: t('home.doctor.day_text'), testid: 'home-doctor-day' })]
      : [];

    const doctorCards = rolesNamed('doctor').map((r) =>
      card({
        href: `/doctors/${encodeURIComponent(account.id)}/edit`,
        title: t('home.doctor.profile'),
        meta: orgName(r),
        text: t('home.doctor.profile_text'),
        testid: 'home-doctor-profile',
      }),
    );

    const orgAdminCards = rolesNamed('org_admin').flatMap((r) => [
      card({
        href: `/org/${encodeURIComponent(r.organisation_id ?? '')}/services`,
        title: t('home.org_admin.schedule'),
        meta: orgName(r),
        text: t('home.org_admin.schedule_text'),
        testid: `home-org-schedule-${r.organisation_id ?? ''}`,
      }),
      card({
        href: `/org/${encodeURIComponent(r.organisation_id ?? '')}/staff`,
        title: t('home.org_admin.staff'),
        meta: orgName(r),
        text: t('home.org_admin.staff_text'),
        testid: `home-org-staff-${r.organisation_id ?? ''}`,
      }),
    ]);

    const platformCards = rolesNamed('platform_admin').length
      ? [
          card({ href: '/admin/organisations', title: t('home.admin.organisations'), text: t('home.admin.organisations_text'), testid: 'home-admin-organisations' }),
          card({ href: '/admin/outbox', title: t('home.admin.outbox'), text: t('home.admin.outbox_text'), testid: 'home-admin-outbox' }),
          card({ href: '/admin/audit', title: t('home.admin.audit'), text: t('home.admin.audit_text'), testid: 'home-admin-audit' }),
        ]
      : [];

    const accountCards = isPatient
      ? []
      : [card({ href: '/profile', title: t('home.account'), text: t('home.account_text'), testid: 'home-profile' })];

    return html`${heading(t('home.greeting', { name: account.display_name }), isPatient ? t('home.patient.lead') : t('home.staff.lead'))}
      ${memberships.length
        ? html`<p class="memberships" data-testid="home-memberships">
            ${memberships.map(
              (r) => html`<span class="chip">${codeName('role', r.role)} · ${orgName(r)}</span>`,
            )}
          </p>`
        : nothing}
      ${section(t('home.section.care'), 'home-care', careCards)}
      ${section(t('home.section.patient'), 'home-patient', patientCards)}
      ${section(t('home.section.doctor'), 'home-doctor', [...doctorDay, ...doctorCards])}
      ${section(t('home.section.org_admin'), 'home-org-admin', orgAdminCards)}
      ${section(t('home.section.platform'), 'home-platform', platformCards)}
      ${section(t('home.section.account'), 'home-account', accountCards)}`;
  },
});
