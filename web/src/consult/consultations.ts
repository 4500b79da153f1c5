// The caller's consultations (/consultations): upcoming or running rooms to join, ended ones with
// their summary, for patients and carers, doctors, and invited guests.
import { html, type TemplateResult } from 'lit-html';
import { formatTime, localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { heading, Loaded } from '../base/ui/common';
import { consultApi, type Room } from './api';

export const consultationsPage: PageFactory = (ctx) => {
  const rooms = new Loaded<Room[]>(() => consultApi.mine(), ctx.update);
  void rooms.load();

  const item = (r: Room): TemplateResult => {
    const other = r.me.seat === 'doctor' ? localText(r.patient.name) : localText(r.doctor.name);
    const href = r.status === 'ended' && r.me.seat !== 'doctor' ? `/consult/${r.id}/summary` : `/consult/${r.id}`;
    return html`<li class="panel consult-item" data-testid="consultation" data-status=${r.status} data-id=${r.id}>
      <p><strong>${localText(r.service)}</strong> · ${other}</p>
      <p class="muted">${formatTime(r.started_at ?? r.opens_at)} · ${t(`consult.status.${r.status}`)}</p>
      <a class="btn ${r.status === 'ended' ? 'btn-secondary' : 'btn-primary'}" href=${href} data-testid="consultation-open">
        ${r.status === 'ended' ? t('consult.list.summary') : t('consult.list.join')}</a>
    </li>`;
  };

  return {
    title: () => t('consult.list.title'),
    view: () => html`${heading(t('consult.list.title'))}
      ${rooms.view((items) =>
        items.length === 0
          ? html`<p class="muted" data-testid="consultations-empty">${t('consult.list.empty')}</p>`
          : html`<ul class="plain consult-list">${items.map(item)}</ul>`,
      )}`,
  };
};
