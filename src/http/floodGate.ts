import type { Socket } from 'node:net';
import { addressKey } from './rateLimit.js';

/** The part of a socket {@link FloodGate} uses (a `net.Socket`; tests pass a fake). */
export type GatedSocket = Pick<Socket, 'pause' | 'resume' | 'destroy' | 'once' | 'remoteAddress'>;

/** What {@link FloodGate} enforces, and the clock it measures with. */
export interface FloodGateOptions {
  /** First pause after a client's own rate limit refused it; each further one doubles. */
  firstPauseMs: number;
  /** The longest pause. */
  maxPauseMs: number;
  /** Most clients remembered at once (the least recently refused is forgotten beyond it). */
  maxClients: number;
  /** Milliseconds (tests pass a fake clock). */
  now: () => number;
  /** Timers (tests pass fakes). */
  setTimer?: (run: () => void, ms: number) => unknown;
  /** Called when a client's pause starts (once per pause, not per refusal). */
  onPause?: (client: string, ms: number) => void;
  /** Called for each connection closed at accept because its client is paused. */
  onConnectionClosed?: (client: string) => void;
}

interface Client {
  /** Paused until this time (ms), if later than now. */
  until: number;
  /** The next pause's length. */
  nextPauseMs: number;
}

/**
 * Stops reading from a client that keeps sending requests its own rate limit refuses: a
 * 429 still costs the provider an HTTP parse and an answer (about a quarter of a
 * millisecond here), so a client flooding over keep-alive connections could fill the event
 * loop with refusals alone. Once its bucket refuses it, the connection of the refused
 * request closes after its 429, its other open sockets (from its address, see
 * `addressKey`) are paused, and any new connection it opens is closed at once, for a pause
 * that doubles with each refusal after a pause, from `firstPauseMs` up to `maxPauseMs`,
 * and starts over once a request of it is admitted. While paused, its bytes wait in the
 * kernel and TCP holds the sender back; nothing of it is parsed. Other clients are not
 * affected; a refusal by the global bucket (not the client's fault) pauses nobody.
 *
 * Memory is bounded: the open connections (each forgotten when it closes) and at most
 * `maxClients` paused or recently refused clients.
 *
 * @example
 * const gate = new FloodGate({ firstPauseMs: 1000, maxPauseMs: 30_000, maxClients: 10_000, now: Date.now });
 * server.on('connection', (socket) => gate.admit(socket));
 * // rateLimit({ ..., onClientRefused: (client) => gate.refused(client) })
 */
export class FloodGate {
  /** Open connections, by client. */
  readonly #sockets = new Map<string, Set<GatedSocket>>();
  /** Refused clients, least recently refused first. */
  readonly #clients = new Map<string, Client>();

  constructor(private readonly options: FloodGateOptions) {
    if (!(options.firstPauseMs > 0 && options.maxPauseMs >= options.firstPauseMs))
      throw new RangeError('FloodGate: needs 0 < firstPauseMs <= maxPauseMs');
    if (!(Number.isInteger(options.maxClients) && options.maxClients >= 1))
      throw new RangeError('FloodGate: maxClients must be a positive integer');
  }

  /**
   * A new connection: closed at once if its client is paused (nothing of it is read),
   * otherwise tracked under its client until it closes.
   */
  admit(socket: GatedSocket): void {
    const key = addressKey(socket.remoteAddress);
    if (this.paused(key)) {
      socket.destroy();
      this.options.onConnectionClosed?.(key);
      return;
    }
    let open = this.#sockets.get(key);
    if (!open) {
      open = new Set();
      this.#sockets.set(key, open);
    }
    open.add(socket);
    const tracked = open;
    socket.once('close', () => {
      tracked.delete(socket);
      if (tracked.size === 0 && this.#sockets.get(key) === tracked) this.#sockets.delete(key);
    });
  }

  /**
   * The client's own rate limit refused a request of it: pauses its open sockets. Returns
   * true: the refused request's connection should close after its 429 (a client that
   * comes back opens a new one, which is refused at once while the pause lasts).
   */
  refused(client: string): true {
    const now = this.options.now();
    let entry = this.#clients.get(client);
    if (entry) this.#clients.delete(client);
    else {
      entry = { until: 0, nextPauseMs: this.options.firstPauseMs };
      if (this.#clients.size >= this.options.maxClients) this.#forgetOldest();
    }
    this.#clients.set(client, entry);
    if (entry.until > now) return true;
    const pause = entry.nextPauseMs;
    entry.until = now + pause;
    entry.nextPauseMs = Math.min(pause * 2, this.options.maxPauseMs);
    for (const s of this.#sockets.get(client) ?? []) s.pause();
    this.options.onPause?.(client, pause);
    const resumeAt = entry.until;
    const setTimer = this.options.setTimer ?? ((run, ms) => setTimeout(run, ms).unref());
    setTimer(() => {
      // A later pause (after this one ended) resumes its own sockets.
      if (entry.until !== resumeAt) return;
      for (const s of this.#sockets.get(client) ?? []) s.resume();
    }, pause);
    return true;
  }

  /** A request of `client` was admitted: its next pause starts from `firstPauseMs` again. */
  admitted(client: string): void {
    const entry = this.#clients.get(client);
    if (entry && entry.until <= this.options.now()) entry.nextPauseMs = this.options.firstPauseMs;
  }

  /** Whether `client` is paused now. */
  paused(client: string): boolean {
    return (this.#clients.get(client)?.until ?? 0) > this.options.now();
  }

  /** How many refused clients are remembered (at most `maxClients`). */
  get tracked(): number {
    return this.#clients.size;
  }

  #forgetOldest(): void {
    const key = this.#clients.keys().next().value as string;
    this.#clients.delete(key);
    for (const s of this.#sockets.get(key) ?? []) s.resume();
  }
}
