// A doctor's public profile (/doctors/:id) with their free times by day; choosing a time opens the
// booking form. The week shown, the day and the service are kept in the address (?from=&day=&service=).
import { html, nothing } from 'lit-html';
import { codeName, localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { backLink, heading, Loaded } from '../base/ui/common';
import type { Service } from '../organisation';
import { bookingApi, type Doctor } from './api';
import { consultationType, doctorName, doctorOtherName, dayParam, formatFee } from './format';
import { SlotPicker } from './slot_picker';

type Profile = Doctor & { photo_url: string | null };

export const doctorProfilePage: PageFactory = (ctx) => {
  const id = ctx.params.id!;
  const query = new URLSearchParams(ctx.query);
  let services: Service[] = [];

  const keepInAddress = (from: string, day: string | null) => {
    const q = new URLSearchParams();
    q.set('from', from);
    if (day) q.set('day', day);
    if (picker.serviceId) q.set('service', picker.serviceId);
    history.replaceState(null, '', `/doctors/${encodeURIComponent(id)}?${q}`);
  };
  const picker = new SlotPicker({
    doctorId: id,
    serviceId: query.get('service') || undefined,
    from: dayParam(query, 'from'),
    day: dayParam(query, 'day'),
    onMove: keepInAddress,
    update: ctx.update,
  });

  const doctor = new Loaded<Profile>(async () => {
    const d = await bookingApi.doctor(id);
    // The services this doctor has times for (the organisation's list names its doctors).
    try {
      services = (await bookingApi.services(d.organisation.id)).filter((s) => s.doctors.some((x) => x.id === id));
    } catch {
      services = []; // the filter is a convenience; the times still show
    }
    return d;
  }, ctx.update);
  void doctor.load();
  void picker.load();

  const book = (slotId: string) => {
    const q = new URLSearchParams();
    if (picker.day) q.set('day', picker.day);
    ctx.navigate(`/doctors/${encodeURIComponent(id)}/book/${encodeURIComponent(slotId)}?${q}`);
  };

  return {
    title: () => (doctor.value ? doctorName(doctor.value) : t('doctors.profile.title')),
    view: () =>
      html`${backLink('/doctors', t('doctors.profile.back'))}
      ${doctor.view((d) => {
        const other = doctorOtherName(d);
        const bio = localText(d.bio);
        return html`${heading(doctorName(d), other || undefined)}
          <div class="grid-2 grid-wide-first">
            <section class="panel doctor-profile" aria-labelledby="profile-heading" data-testid="doctor-profile">
              <h2 id="profile-heading" class="visually-hidden">${t('doctors.profile.about')}</h2>
              <div class="bk-result-head">
                ${d.photo_url
                  ? html`<img class="bk-result-photo bk-large" src=${d.photo_url} alt=${t('doctors.profile.photo', { name: doctorName(d) })} width="96" height="96" />`
                  : nothing}
                <div>
                  <p class="chips" data-testid="doctor-profile-specialties">
                    ${d.specialties.map((s) => html`<span class="chip">${codeName('specialty', s)}</span>`)}
                  </p>
                  ${d.qualifications ? html`<p class="muted">${d.qualifications}</p>` : nothing}
                </div>
              </div>
              <dl class="bk-facts">
                <div><dt>${t('doctors.organisation')}</dt><dd data-testid="doctor-profile-org">${localText(d.organisation.name)}</dd></div>
                <div><dt>${t('doctors.languages')}</dt><dd data-testid="doctor-profile-languages">${d.languages.map((l) => codeName('spoken_language', l)).join(t('booking.list_separator'))}</dd></div>
                <div><dt>${t('doctors.fee')}</dt><dd data-testid="doctor-profile-fee">${formatFee(d.fee.amount_cents, d.fee.currency)}</dd></div>
                ${d.registration_no ? html`<div><dt>${t('doctors.profile.registration')}</dt><dd>${d.registration_no}</dd></div>` : nothing}
              </dl>
              ${bio ? html`<p class="bk-bio" data-testid="doctor-profile-bio">${bio}</p>` : nothing}
            </section>
            <section class="panel" aria-labelledby="times-heading">
              <h2 id="times-heading">${t('doctors.profile.times')}</h2>
              <p class="hint">${t('doctors.profile.times_hint')}</p>
              ${services.length > 1
                ? html`<div class="field">
                    <label for="doctor-service">${t('doctors.profile.service')}</label>
                    <select id="doctor-service" data-testid="doctor-service"
                      @change=${(e: Event) => picker.setService((e.target as HTMLSelectElement).value || undefined)}>
                      <option value="" ?selected=${!picker.serviceId}>${t('doctors.profile.all_services')}</option>
                      ${services.map((s) => html`<option value=${s.id} ?selected=${s.id === picker.serviceId}>
                        ${localText(s.name)} · ${consultationType(s.consultation_type)} · ${formatFee(s.fee_cents, s.currency)}
                      </option>`)}
                    </select>
                  </div>`
                : nothing}
              ${picker.view((slot) => book(slot.id))}
            </section>
          </div>`;
      })}`,
  };
};
