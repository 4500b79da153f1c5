// One browser page's part in a consultation call: its camera and microphone, and a WebRTC link to
// every other admitted page of the room (a mesh of up to four), negotiated over the app's WebSocket
// with the "perfect negotiation" pattern (each pair has a polite and an impolite side, so offers
// that cross never deadlock).
//
// Crossing first offers are avoided: the impolite side opens every new link (always offering audio
// and video, sending whatever it has), and the polite side adds its own tracks when that offer
// arrives. Chromium 1xx leaves the polite side unable to gather candidates when it rolls back its
// own first offer before gathering began, which otherwise happens whenever both pages join at once.
//
// Recovery without user action:
// - a link whose ICE fails, or stays disconnected for a few seconds, restarts ICE (and again every
//   few seconds until it connects);
// - when the WebSocket comes back after a drop, the page asks for a fresh room token and enters
//   the room again with the same page id; everyone then rebuilds their link to it;
// - a reloaded page is a new page id: the others drop the old link and build a new one.
import type { Names } from '../base/api';
import { live, type LiveMessage } from '../base/live';
import { consultApi, type JoinAnswer, type Seat } from './api';

export type CallPhase = 'idle' | 'joining' | 'waiting' | 'in_call' | 'ended' | 'removed' | 'refused';

export interface MediaState {
  audio: boolean;
  video: boolean;
  screen: boolean;
}

export interface LinkStats {
  /** Video frames decoded from this peer so far. */
  framesDecoded: number;
  /** How media reaches us: straight between the devices, or through the TURN relay. */
  route: 'direct' | 'relay' | 'unknown';
  rttMs: number | null;
}

export interface PeerView {
  peerId: string;
  accountId: string;
  seat: Seat;
  name: Names;
  stream: MediaStream;
  media: MediaState;
  connection: RTCIceConnectionState;
  stats: LinkStats;
}

export interface Waiting {
  peer_id: string;
  account_id: string;
  seat: Seat;
  name: Names;
}

interface PeerInfo {
  peer_id: string;
  account_id: string;
  seat: Seat;
  name: Names;
  /** Which entry of that page this is (new on every room.join): signals name it. */
  epoch: number;
}

/** A link that is disconnected this long restarts ICE; a restart is retried this often. */
const DISCONNECTED_GRACE_MS = 2500;
/**
 * A link still not connecting after this long restarts ICE. Chromium sometimes gathers no candidates
 * for the polite side's answer when its own offer was rolled back before gathering began (crossing
 * offers): a restart makes it gather again.
 */
const STUCK_MS = 3000;
/** Still not connected this long after a restart: enter the room again, so every link is rebuilt. */
const REJOIN_AFTER_MS = 12_000;
const RESTART_EVERY_MS = 4000;
const WATCH_EVERY_MS = 1000;
const STILL_HERE_EVERY_MS = 5 * 60_000;

function randomPeerId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

class Link {
  readonly pc: RTCPeerConnection;
  readonly stream = new MediaStream();
  media: MediaState = { audio: true, video: true, screen: false };
  stats: LinkStats = { framesDecoded: 0, route: 'unknown', rttMs: null };
  private makingOffer = false;
  private ignoreOffer = false;
  private settingAnswer = false;
  private badSince = 0;
  private stuckSince = 0;
  private lastRestart = 0;

  constructor(
    private readonly call: Call,
    readonly info: PeerInfo,
    private readonly polite: boolean,
    config: JoinAnswer,
  ) {
    this.pc = new RTCPeerConnection({ iceServers: config.ice_servers, iceTransportPolicy: config.ice_transport_policy });
    if (!polite) this.attachLocal(true);
    this.pc.onnegotiationneeded = async () => {
      try {
        this.makingOffer = true;
        await this.pc.setLocalDescription();
        this.send({ description: this.pc.localDescription?.toJSON() });
      } catch (e) {
        console.warn('negotiation', e);
      } finally {
        this.makingOffer = false;
      }
    };
    this.pc.onicecandidate = ({ candidate }) => this.send({ candidate: candidate ? candidate.toJSON() : null });
    this.pc.ontrack = ({ track }) => {
      for (const old of this.stream.getTracks().filter((t) => t.kind === track.kind && t !== track)) this.stream.removeTrack(old);
      this.stream.addTrack(track);
      call.changed();
    };
    this.pc.oniceconnectionstatechange = () => call.changed();
  }

  private attached = false;

  /** Our tracks onto the link; the opening side also asks for the kinds it does not send. */
  private attachLocal(opening: boolean): void {
    if (this.attached) return;
    this.attached = true;
    const tracks = this.call.outgoingTracks();
    for (const track of tracks) this.pc.addTrack(track, this.call.local);
    if (!opening) return;
    for (const kind of ['audio', 'video'] as const)
      if (!tracks.some((t) => t.kind === kind)) this.pc.addTransceiver(kind, { direction: 'recvonly' });
  }

  private send(payload: Record<string, unknown>): void {
    live.send({ type: 'rtc.signal', consultation_id: this.call.roomId, to: this.info.peer_id, to_epoch: this.info.epoch, ...payload });
  }

  async onSignal(m: LiveMessage): Promise<void> {
    const description = m.description as RTCSessionDescriptionInit | undefined;
    if (description) {
      const readyForOffer = !this.makingOffer && (this.pc.signalingState === 'stable' || this.settingAnswer);
      const collision = description.type === 'offer' && !readyForOffer;
      this.ignoreOffer = !this.polite && collision;
      if (this.ignoreOffer) return;
      this.settingAnswer = description.type === 'answer';
      await this.pc.setRemoteDescription(description);
      this.settingAnswer = false;
      // The polite side's tracks join the transceivers the first offer made.
      if (description.type === 'offer') this.attachLocal(false);
      if (description.type === 'offer') {
        await this.pc.setLocalDescription();
        this.send({ description: this.pc.localDescription?.toJSON() });
      }
    } else if ('candidate' in m) {
      try {
        await this.pc.addIceCandidate((m.candidate as RTCIceCandidateInit | null) ?? undefined);
      } catch (e) {
        if (!this.ignoreOffer) console.warn('candidate', e);
      }
    }
  }

  /**
   * Puts a track (the microphone; the camera, the screen or nothing for video) on the sender of its
   * kind without renegotiating when one exists; adds a sender when there is none.
   */
  async setTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    if (!this.attached) return; // attachLocal() takes the current tracks when the offer comes
    const transceiver = this.pc.getTransceivers().find((t) => t.receiver.track.kind === kind && t.currentDirection !== 'stopped');
    if (!transceiver) {
      if (track) this.pc.addTrack(track, this.call.local);
      return;
    }
    await transceiver.sender.replaceTrack(track);
    if (track && (transceiver.direction === 'recvonly' || transceiver.direction === 'inactive')) transceiver.direction = 'sendrecv';
  }

  /** Restarts ICE when the link failed or stayed disconnected; refreshes the stats. */
  async watch(now: number): Promise<void> {
    const state = this.pc.iceConnectionState;
    if (state === 'failed' || state === 'disconnected') {
      if (!this.badSince) this.badSince = now;
      const due = state === 'failed' || now - this.badSince >= DISCONNECTED_GRACE_MS;
      if (due && now - this.lastRestart >= RESTART_EVERY_MS) {
        this.lastRestart = now;
        this.pc.restartIce();
      }
    } else {
      this.badSince = 0;
    }
    // Not connecting although nothing failed: restart ICE (after taking back an offer that never
    // got its answer, e.g. one addressed to a page that reconnected meanwhile).
    if (state === 'new' || state === 'checking') {
      if (!this.stuckSince) this.stuckSince = now;
      if (now - this.stuckSince >= REJOIN_AFTER_MS) {
        this.stuckSince = 0;
        this.call.rejoin();
      } else if (now - this.stuckSince >= STUCK_MS && now - this.lastRestart >= RESTART_EVERY_MS) {
        this.lastRestart = now;
        if (this.pc.signalingState === 'have-local-offer') await this.pc.setLocalDescription({ type: 'rollback' });
        this.pc.restartIce();
      }
    } else {
      this.stuckSince = 0;
    }
    await this.readStats();
  }

  private async readStats(): Promise<void> {
    const report = await this.pc.getStats();
    let frames = 0;
    let pairId = '';
    const byId = new Map<string, Record<string, unknown>>();
    report.forEach((s: Record<string, unknown>) => {
      byId.set(s.id as string, s);
      if (s.type === 'inbound-rtp' && s.kind === 'video') frames += Number(s.framesDecoded ?? 0);
      if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId as string;
    });
    const pair = byId.get(pairId);
    let route: LinkStats['route'] = 'unknown';
    if (pair) {
      const local = byId.get(pair.localCandidateId as string);
      const remote = byId.get(pair.remoteCandidateId as string);
      route = local?.candidateType === 'relay' || remote?.candidateType === 'relay' ? 'relay' : 'direct';
    }
    const rtt = pair && typeof pair.currentRoundTripTime === 'number' ? Math.round(pair.currentRoundTripTime * 1000) : null;
    this.stats = { framesDecoded: frames, route, rttMs: rtt };
  }

  close(): void {
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.oniceconnectionstatechange = null;
    this.pc.close();
  }
}

export class Call {
  readonly peerId = randomPeerId();
  phase: CallPhase = 'idle';
  /** Why joining failed (a server code: token_invalid, room_full, room_closed ...). */
  problem: string | null = null;
  readonly local = new MediaStream();
  media: MediaState = { audio: false, video: false, screen: false };
  psych = false;
  lobby: Waiting[] = [];
  private camera: MediaStreamTrack | null = null;
  private mic: MediaStreamTrack | null = null;
  private screen: MediaStreamTrack | null = null;
  private links = new Map<string, Link>();
  private config: JoinAnswer | null = null;
  private unsubscribe: (() => void)[] = [];
  private watchTimer: number | undefined;
  private lastAnnounced = 0;
  private tokenRetries = 0;
  /** The page left: nothing that was still on its way may start again. */
  private stopped = false;

  constructor(
    readonly roomId: string,
    private readonly onChange: () => void,
  ) {}

  changed(): void {
    this.onChange();
  }

  /** Enters the room with the devices the check approved. */
  async start(devices: { mic: MediaStreamTrack | null; camera: MediaStreamTrack | null }): Promise<void> {
    this.mic = devices.mic;
    this.camera = devices.camera;
    for (const t of [this.mic, this.camera]) if (t) this.local.addTrack(t);
    this.media = { audio: !!this.mic, video: !!this.camera, screen: false };
    const mine = (m: LiveMessage) => m.consultation_id === this.roomId;
    this.unsubscribe = [
      live.subscribe('room.joined', (m) => mine(m) && this.onJoined(m)),
      live.subscribe('room.peer_joined', (m) => mine(m) && this.connect(m.peer as PeerInfo)),
      live.subscribe('room.peer_left', (m) => mine(m) && this.drop(String(m.peer_id))),
      live.subscribe('room.lobby', (m) => {
        if (!mine(m)) return;
        this.lobby = m.waiting as Waiting[];
        this.changed();
      }),
      live.subscribe('rtc.signal', (m) => {
        if (!mine(m)) return;
        // Only for the link to that entry of the page: a message from before a reconnect is stale.
        const link = this.links.get(String(m.from));
        if (link && link.info.epoch === m.from_epoch) void link.onSignal(m).catch((e) => console.warn('signal', e));
      }),
      live.subscribe('room.media', (m) => {
        const link = mine(m) ? this.links.get(String(m.peer_id)) : undefined;
        if (!link) return;
        link.media = { audio: !!m.audio, video: !!m.video, screen: !!m.screen };
        this.changed();
      }),
      live.subscribe('room.ended', (m) => mine(m) && this.finish('ended')),
      live.subscribe('room.removed', (m) => mine(m) && this.finish('removed')),
      live.subscribe('room.left', (m) => mine(m) && this.finish('ended')),
      live.subscribe('room.error', (m) => {
        if (m.consultation_id && !mine(m)) return;
        void this.onRefused(String(m.code));
      }),
      // Back after a drop: a fresh token, the same page id.
      live.onConnect(() => {
        if (this.phase === 'waiting' || this.phase === 'in_call' || this.phase === 'joining') void this.enter();
      }),
    ];
    this.watchTimer = window.setInterval(() => void this.watch(), WATCH_EVERY_MS);
    this.phase = 'joining';
    this.changed();
    // With the socket still connecting, its first connection enters (onConnect above).
    if (live.state === 'open') await this.enter();
  }

  private async enter(): Promise<void> {
    try {
      const config = await consultApi.join(this.roomId);
      if (this.stopped) return;
      this.config = config;
    } catch (e) {
      if (this.stopped) return;
      const code = (e as { code?: string }).code ?? 'network';
      // Offline: the reconnection will try again.
      if (code === 'network') return;
      this.problem = code;
      this.finish(code === 'consultation_ended' ? 'ended' : 'refused');
      return;
    }
    this.psych = this.config.room.psych;
    live.send({ type: 'room.join', token: this.config.token, peer_id: this.peerId });
  }

  private lastRejoin = 0;

  /** Enters the room again (a new entry: every other page rebuilds its link to this one). */
  rejoin(): void {
    const now = Date.now();
    if (this.phase !== 'in_call' || now - this.lastRejoin < REJOIN_AFTER_MS) return;
    this.lastRejoin = now;
    void this.enter();
  }

  private async onRefused(code: string): Promise<void> {
    // A token that ran out between asking and using it (a slow reconnect): ask again, once.
    if (code === 'token_invalid' && this.tokenRetries++ < 1) return this.enter();
    if (code === 'not_in_room' || code === 'rate_limited') return;
    this.problem = code;
    this.finish('refused');
  }

  private onJoined(m: LiveMessage): void {
    this.tokenRetries = 0;
    this.psych = !!m.psych;
    if (!m.admitted) {
      this.phase = 'waiting';
      this.changed();
      return;
    }
    this.phase = 'in_call';
    // After (re)entering, every other page rebuilds its link to us: so do we.
    for (const id of [...this.links.keys()]) this.drop(id, false);
    for (const p of m.peers as PeerInfo[]) this.connect(p);
    this.announce();
    this.changed();
  }

  private connect(p: PeerInfo): void {
    if (!this.config) return;
    this.links.get(p.peer_id)?.close();
    this.links.set(p.peer_id, new Link(this, p, this.peerId > p.peer_id, this.config));
    this.announce();
    this.changed();
  }

  private drop(peerId: string, render = true): void {
    this.links.get(peerId)?.close();
    this.links.delete(peerId);
    if (render) this.changed();
  }

  private async watch(): Promise<void> {
    const now = Date.now();
    // Being in a call is using the app: a media announcement every few minutes keeps the session
    // from its idle expiry (pings do not count), which would otherwise close the socket mid-visit.
    if ((this.phase === 'in_call' || this.phase === 'waiting') && now - this.lastAnnounced >= STILL_HERE_EVERY_MS) this.announce();
    await Promise.all([...this.links.values()].map((l) => l.watch(now).catch(() => undefined)));
    this.changed();
  }

  /** What this page sends; tracks for new links. */
  outgoingTracks(): MediaStreamTrack[] {
    const video = this.screen ?? this.camera;
    return [this.mic, video].filter((t): t is MediaStreamTrack => !!t && t.readyState === 'live');
  }

  peers(): PeerView[] {
    return [...this.links.values()].map((l) => ({
      peerId: l.info.peer_id,
      accountId: l.info.account_id,
      seat: l.info.seat,
      name: l.info.name,
      stream: l.stream,
      media: l.media,
      connection: l.pc.iceConnectionState,
      stats: l.stats,
    }));
  }

  private announce(): void {
    this.lastAnnounced = Date.now();
    live.send({ type: 'room.media', consultation_id: this.roomId, ...this.media });
  }

  async toggleMic(): Promise<void> {
    if (!this.mic || this.mic.readyState !== 'live') {
      const s = await navigator.mediaDevices.getUserMedia({ audio: true });
      if (this.released(s)) return;
      this.mic = s.getAudioTracks()[0] ?? null;
      if (this.mic) this.local.addTrack(this.mic);
    } else {
      this.mic.enabled = !this.mic.enabled;
    }
    this.media.audio = !!this.mic?.enabled;
    await Promise.all([...this.links.values()].map((l) => l.setTrack('audio', this.mic)));
    this.announce();
    this.changed();
  }

  /** Camera off releases the camera (its light goes out) and sends no video: voice only. */
  async toggleCamera(): Promise<void> {
    if (this.camera) {
      this.camera.stop();
      this.local.removeTrack(this.camera);
      this.camera = null;
    } else {
      const s = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } } });
      if (this.released(s)) return;
      this.camera = s.getVideoTracks()[0] ?? null;
      if (this.camera) this.local.addTrack(this.camera);
    }
    this.media.video = !!this.camera;
    if (!this.screen) await Promise.all([...this.links.values()].map((l) => l.setTrack('video', this.camera)));
    this.announce();
    this.changed();
  }

  async toggleScreen(): Promise<void> {
    if (this.screen) {
      this.stopScreen();
      return;
    }
    const s = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    if (this.released(s)) return;
    this.screen = s.getVideoTracks()[0] ?? null;
    if (!this.screen) return;
    this.screen.addEventListener('ended', () => this.stopScreen());
    this.media.screen = true;
    await Promise.all([...this.links.values()].map((l) => l.setTrack('video', this.screen)));
    this.announce();
    this.changed();
  }

  private stopScreen(): void {
    this.screen?.stop();
    this.screen = null;
    this.media.screen = false;
    void Promise.all([...this.links.values()].map((l) => l.setTrack('video', this.camera)));
    this.announce();
    this.changed();
  }

  /** The page's own picture (camera or shared screen), for the self-view. */
  selfView(): MediaStream | null {
    const track = this.screen ?? this.camera;
    // The same stream while the track is the same: a new one per render would restart the video.
    if (this.self?.getVideoTracks()[0] !== track) this.self = track ? new MediaStream([track]) : null;
    return this.self;
  }
  private self: MediaStream | null = null;

  /** Leaves for good (the doctor lets an admitted participant back in without asking). */
  async leave(): Promise<void> {
    try {
      await consultApi.leave(this.roomId);
    } finally {
      this.finish('ended');
    }
  }

  finish(phase: CallPhase): void {
    if (this.phase === 'ended' || this.phase === 'removed' || this.phase === 'refused') return;
    this.phase = phase;
    this.stop();
    this.changed();
  }

  /** True (and the stream's devices let go) when the call stopped while the stream was on its way. */
  private released(s: MediaStream): boolean {
    if (!this.stopped && this.phase === 'in_call') return false;
    for (const t of s.getTracks()) t.stop();
    return true;
  }

  /** Releases the devices and the links; the page is leaving. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    window.clearInterval(this.watchTimer);
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    for (const id of [...this.links.keys()]) this.drop(id, false);
    live.send({ type: 'room.leave' });
    for (const t of [this.mic, this.camera, this.screen]) t?.stop();
  }
}
