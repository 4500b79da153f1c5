// A consultation (/consult/:id): the device check, the waiting room (with chat) until the doctor
// admits the patient, then the call: everyone's video or voice, microphone, camera and screen
// controls, connection state per person, and the chat. The doctor also sees who waits, invites
// people, writes the note, books the follow-up and ends the consultation. After the end the patient
// is taken to the visit summary.
import { html, nothing, type TemplateResult } from 'lit-html';
import { isApiError, type ApiError } from '../base/api';
import { localText, t } from '../base/i18n';
import type { PageFactory } from '../base/router';
import { backLink, heading } from '../base/ui/common';
import { FormState, formStatus, submitting } from '../base/ui/form';
import { recordLink } from '../records';
import { consultApi, type Room } from './api';
import { Call, type PeerView } from './call';
import { ChatPanel } from './chat';
import { DeviceCheck } from './devices';
import { NotePanel } from './note';
import { bindStream } from './video';
import { WrapUp } from './wrap_up';

export const consultRoomPage: PageFactory = (ctx) => {
  const id = ctx.params.id ?? '';
  let room: Room | null = null;
  let loadError: ApiError | null = null;
  let check: DeviceCheck | null = null;
  let call: Call | null = null;
  let chat: ChatPanel | null = null;
  let note: NotePanel | null = null;
  let wrapUp: WrapUp | null = null;
  let joining = false;
  const inviteForm = new FormState('invite');
  const admitForm = new FormState('admit');

  const isDoctor = () => room?.me.seat === 'doctor';

  let left = false;

  async function load(): Promise<void> {
    try {
      room = await consultApi.room(id);
      if (left) return;
    } catch (e) {
      loadError = isApiError(e) ? e : null;
      ctx.update();
      return;
    }
    if (room.status === 'ended' && !isDoctor()) {
      ctx.navigate(`/consult/${encodeURIComponent(id)}/summary`, { replace: true });
      return;
    }
    chat = new ChatPanel(id, room.me.account_id, ctx.update);
    if (isDoctor()) {
      note = new NotePanel(id, ctx.update);
      wrapUp = new WrapUp(() => room!, ctx.update, (r) => {
        room = r;
        call?.finish('ended');
        ctx.update();
      });
    }
    if (room.status !== 'ended') {
      // Voice consultations, and psychological support, start with the camera off.
      check = new DeviceCheck(room.media === 'video' && !room.psych, ctx.update);
      const checking = check.run();
      // Back after a reload in the middle of the call: straight back in, no clicks.
      if (inCallBefore() && room.me.state === 'admitted') void checking.then(() => (check?.canJoin() ? join() : undefined));
    }
    ctx.update();
  }

  // This tab was in the call (kept for the tab only, so a reload rejoins but a new visit asks).
  const callKey = `yq.call.${id}`;
  function inCallBefore(): boolean {
    try {
      return sessionStorage.getItem(callKey) === '1';
    } catch {
      return false;
    }
  }
  function rememberInCall(on: boolean): void {
    try {
      if (on) sessionStorage.setItem(callKey, '1');
      else sessionStorage.removeItem(callKey);
    } catch {
      // no storage: a reload asks again
    }
  }

  async function join(): Promise<void> {
    if (!check || joining) return;
    joining = true;
    let lastPhase = '';
    call = new Call(id, () => {
      // A guest reads the chat only once admitted: read it again then.
      if (call?.phase === 'in_call' && lastPhase !== 'in_call') {
        void chat?.load();
        rememberInCall(true);
      }
      if (call && ['ended', 'removed', 'refused'].includes(call.phase)) rememberInCall(false);
      lastPhase = call?.phase ?? '';
      if (call?.phase === 'ended' && room && !isDoctor()) {
        ctx.navigate(`/consult/${encodeURIComponent(id)}/summary`);
        return;
      }
      ctx.update();
    });
    const devices = check.take();
    check = null;
    await call.start(devices);
    joining = false;
    ctx.update();
  }

  async function admit(accountId: string): Promise<void> {
    await submitting(admitForm, ctx.update, async () => {
      room = await consultApi.admit(id, accountId);
    });
  }

  async function invite(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const email = String(new FormData(form).get('email') ?? '').trim();
    await submitting(inviteForm, ctx.update, async () => {
      room = await consultApi.invite(id, email);
      inviteForm.success = t('consult.invite.sent', { email });
      form.reset();
    });
  }

  void load();

  function peerTile(p: PeerView): TemplateResult {
    const showVideo = p.media.video || p.media.screen;
    return html`<figure class="tile" data-testid="peer" data-peer-id=${p.peerId} data-account-id=${p.accountId}
        data-frames=${p.stats.framesDecoded} data-route=${p.stats.route} data-connection=${p.connection}>
      <video autoplay playsinline class=${showVideo ? '' : 'no-video'} ${bindStream(p.stream)}></video>
      ${showVideo ? nothing : html`<div class="voice-only" aria-hidden="true">${localText(p.name).slice(0, 1)}</div>`}
      <figcaption>
        <strong>${localText(p.name)}</strong>
        <span class="muted">${t(`consult.seat.${p.seat}`)}</span>
        ${p.media.audio ? nothing : html`<span class="badge" data-testid="peer-muted">${t('consult.call.muted')}</span>`}
        ${p.media.screen ? html`<span class="badge">${t('consult.call.sharing')}</span>` : nothing}
        <span class="conn conn-${p.connection}" data-testid="peer-connection">${t(`consult.conn.${p.connection}`)}${p.stats.route === 'relay' ? ` · ${t('consult.conn.relayed')}` : ''}${p.stats.rttMs !== null ? ` · ${p.stats.rttMs} ms` : ''}</span>
      </figcaption>
    </figure>`;
  }

  function callView(c: Call): TemplateResult {
    const peers = c.peers();
    const self = c.psych ? null : c.selfView();
    return html`<section class="call" aria-label=${t('consult.call.label')} data-testid="call" data-phase=${c.phase}>
      <div class="tiles tiles-${Math.min(peers.length, 3)}">
        ${peers.length === 0 ? html`<p class="muted call-alone" data-testid="call-alone">${t('consult.call.alone')}</p>` : nothing}
        ${peers.map(peerTile)}
        ${self ? html`<video class="self-view" autoplay playsinline muted data-testid="self-view" aria-label=${t('consult.call.self')} ${bindStream(self)}></video>` : nothing}
      </div>
      <div class="controls" role="toolbar" aria-label=${t('consult.call.controls')}>
        <button type="button" class="btn ${c.media.audio ? 'btn-secondary' : 'btn-danger'}" aria-pressed=${!c.media.audio} data-testid="toggle-mic" @click=${() => void c.toggleMic()}>
          ${c.media.audio ? t('consult.call.mute') : t('consult.call.unmute')}</button>
        <button type="button" class="btn btn-secondary" aria-pressed=${!c.media.video} data-testid="toggle-camera" @click=${() => void c.toggleCamera()}>
          ${c.media.video ? t('consult.call.camera_off') : t('consult.call.camera_on')}</button>
        ${navigator.mediaDevices && 'getDisplayMedia' in navigator.mediaDevices
          ? html`<button type="button" class="btn btn-secondary" aria-pressed=${c.media.screen} data-testid="toggle-screen" @click=${() => void c.toggleScreen().catch(() => undefined)}>
              ${c.media.screen ? t('consult.call.stop_share') : t('consult.call.share')}</button>`
          : nothing}
        <button type="button" class="btn btn-danger" data-testid="call-leave" @click=${() => void c.leave()}>${t('consult.call.leave')}</button>
      </div>
    </section>`;
  }

  function doctorTools(r: Room): TemplateResult {
    const waiting = call?.lobby ?? [];
    return html`<section class="panel" aria-labelledby="lobby-heading" data-testid="lobby">
        <h2 id="lobby-heading">${t('consult.lobby.title')}</h2>
        ${waiting.length === 0
          ? html`<p class="muted">${t('consult.lobby.empty')}</p>`
          : html`<ul class="lobby-list">
              ${waiting.map(
                (w) => html`<li data-testid="lobby-entry" data-account-id=${w.account_id}>
                  ${localText(w.name)} <span class="muted">${t(`consult.seat.${w.seat}`)}</span>
                  <button type="button" class="btn btn-primary btn-small" data-testid="lobby-admit" ?disabled=${admitForm.busy} @click=${() => void admit(w.account_id)}>${t('consult.lobby.admit')}</button>
                </li>`,
              )}
            </ul>`}
        ${formStatus(admitForm)}
        <form class="invite" @submit=${(e: SubmitEvent) => void invite(e)}>
          <label for="invite-email">${t('consult.invite.label')}</label>
          <div class="inline">
            <input id="invite-email" name="email" type="email" required autocomplete="off" data-testid="invite-email" />
            <button type="submit" class="btn btn-secondary btn-small" data-testid="invite-send" ?disabled=${inviteForm.busy}>${t('consult.invite.send')}</button>
          </div>
          ${formStatus(inviteForm)}
        </form>
        <ul class="people" data-testid="participants">
          ${r.participants.map((p) => html`<li data-state=${p.state}>${localText(p.name)} · ${t(`consult.seat.${p.seat}`)} · ${t(`consult.state.${p.state}`)}</li>`)}
        </ul>
      </section>`;
  }

  function stage(r: Room): TemplateResult {
    if (check) return check.view(() => void join(), joining);
    if (!call) {
      return r.status === 'ended'
        ? html`<p class="alert alert-info" data-testid="consult-ended">${t('consult.ended.doctor')}</p>`
        : html`<p class="loading" role="status">${t('common.loading')}</p>`;
    }
    switch (call.phase) {
      case 'idle':
      case 'joining':
        return html`<p class="loading" role="status" data-testid="consult-joining">${t('consult.joining')}</p>`;
      case 'waiting':
        return html`<section class="panel waiting-room" role="status" data-testid="waiting-room">
          <h2>${t('consult.waiting.title')}</h2>
          <p>${t('consult.waiting.text', { doctor: localText(r.doctor.name) })}</p>
          <p class="hint">${t('consult.waiting.chat')}</p>
        </section>`;
      case 'in_call':
        return callView(call);
      case 'removed':
        return html`<p class="alert alert-error" role="alert" data-testid="consult-removed">${t('consult.removed')}</p>`;
      case 'refused':
        return html`<p class="alert alert-error" role="alert" data-testid="consult-refused" data-code=${call.problem ?? ''}>${t(`consult.refused.${call.problem === 'room_full' ? 'full' : call.problem === 'room_closed' ? 'closed' : 'other'}`)}</p>`;
      case 'ended':
        return html`<p class="alert alert-info" data-testid="consult-ended">${isDoctor() ? t('consult.ended.doctor') : t('consult.ended.patient')}</p>`;
    }
  }

  return {
    title: () => t('consult.title'),
    leave: () => {
      left = true;
      check?.stop();
      call?.stop();
      chat?.stop();
    },
    view: () => {
      if (loadError) {
        return html`${heading(t('consult.title'))}<div class="alert alert-error" role="alert" data-testid="load-error" data-code=${loadError.code}><p>${loadError.detail}</p></div>`;
      }
      if (!room) return html`<p class="loading" role="status">${t('common.loading')}</p>`;
      const r = room;
      const lead = `${localText(r.service)} · ${isDoctor() ? localText(r.patient.name) : localText(r.doctor.name)}`;
      return html`${backLink('/consultations', t('consult.list.title'))} ${heading(t('consult.title'), lead)}
        ${isDoctor() ? html`<p class="actions">${recordLink(r.patient.id, null, localText(r.patient.name))}</p>` : nothing}
        ${r.psych ? html`<p class="hint" data-testid="psych-note">${t('consult.psych_note')}</p>` : nothing}
        <div class="consult-layout ${isDoctor() ? 'with-note' : ''}">
          <div class="consult-main">${stage(r)}</div>
          <div class="consult-side">
            ${isDoctor() ? doctorTools(r) : nothing}
            ${chat ? chat.view() : nothing}
          </div>
          ${isDoctor() ? html`<div class="consult-note">${note?.view() ?? nothing} ${wrapUp?.view() ?? nothing}</div>` : nothing}
        </div>`;
    },
  };
};
