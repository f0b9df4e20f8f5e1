import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { addressKey } from './rateLimit.js';

/** The part of a socket {@link FloodGate} uses (a `net.Socket`; tests pass a fake). */
export type GatedSocket = Pick<Socket, 'pause' | 'resume' | 'destroy' | 'once' | 'remoteAddress'>;

/** What {@link FloodGate} enforces, and the clock it measures with. */
export interface FloodGateOptions {
  /** First pause after a client's own rate limit refused it; each further one doubles. */
  firstPauseMs: number;
  /**
   * The longest pause; also how long a client must go unrefused, after its last pause
   * ended, for the next one to start from `firstPauseMs` again.
   */
  maxPauseMs: number;
  /** Most clients remembered at once (the least recently refused is forgotten beyond it). */
  maxClients: number;
  /** Milliseconds (tests pass a fake clock). */
  now: () => number;
  /** Timers (tests pass fakes). */
  setTimer?: (run: () => void, ms: number) => unknown;
  /** Called when a client's pause starts (once per pause, not per refusal). */
  onPause?: (client: string, ms: number) => void;
  /** Called for each connection closed because its client is paused. */
  onConnectionClosed?: (client: string) => void;
}

interface Client {
  /** Paused until this time (ms), if later than now. */
  until: number;
  /** The next pause's length. */
  nextPauseMs: number;
  /** When its own rate limit last refused it. */
  refusedAt: number;
}

/** What `@hono/node-server` passes a fetch handler as its environment. */
interface NodeBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

/**
 * Stops reading from a client that keeps sending requests its own rate limit refuses: a
 * 429 still costs the provider an HTTP parse and an answer (about a quarter of a
 * millisecond here), so a client flooding over keep-alive or pipelined connections could
 * fill the event loop with refusals alone.
 *
 * Once its own bucket refuses it ({@link refused}), the client is paused: the refused
 * request's connection is closed once its 429 is written, its other open sockets (same
 * address, see `addressKey`) stop being read, any new connection it opens is closed at
 * accept ({@link admit}), and a request of it already parsed (pipelined behind another) is
 * dropped with its connection before the app sees it ({@link guard}). The pause is
 * `firstPauseMs`, doubling with each refusal after a pause up to `maxPauseMs`, and starts
 * over once the client has gone `maxPauseMs` without a refusal after its last pause. Other clients are not
 * affected; a refusal by the global bucket (not the client's fault) pauses nobody.
 *
 * The unit is the rate limit's: clients sharing an address (a NAT, an IPv6 /64) share a
 * bucket and a pause. Memory is bounded: the open connections (each forgotten when it
 * closes) and at most `maxClients` refused clients.
 *
 * @example
 * const gate = new FloodGate({ firstPauseMs: 1000, maxPauseMs: 30_000, maxClients: 10_000, now: Date.now });
 * const server = serve({ fetch: gate.guard(app.fetch), port });
 * server.on('connection', (socket) => gate.admit(socket));
 * // createApp({ ..., floodGate: gate }) reports the refusals
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
   * Wraps a `@hono/node-server` fetch handler: a request of a paused client (parsed before
   * its pause, pipelined behind another) is not handed to the app; its connection is
   * closed instead. Requests without Node bindings (in-process) pass through.
   */
  guard<E, R>(fetch: (request: Request, env: E) => R): (request: Request, env: E) => R | Response {
    return (request, env) => {
      const socket = (env as NodeBindings | undefined)?.incoming?.socket;
      if (socket) {
        const key = addressKey(socket.remoteAddress);
        if (this.paused(key)) {
          socket.destroy();
          this.options.onConnectionClosed?.(key);
          return new Response(null, { status: 429 });
        }
      }
      return fetch(request, env);
    };
  }

  /**
   * The client's own rate limit refused a request of it: pauses it (see the class
   * comment). `env` (the request's Node bindings, when it came through
   * `@hono/node-server`) lets its connection close once the 429 is written. Returns how
   * many milliseconds the client should stay away, for `Retry-After`.
   */
  refused(client: string, env?: unknown): number {
    const now = this.options.now();
    let entry = this.#clients.get(client);
    if (entry) this.#clients.delete(client);
    else {
      entry = { until: 0, nextPauseMs: this.options.firstPauseMs, refusedAt: now };
      if (this.#clients.size >= this.options.maxClients) this.#forgetOldest();
    }
    this.#clients.set(client, entry);
    // Quiet for maxPauseMs since its last refusal or the end of its last pause: start over.
    if (now - Math.max(entry.refusedAt, entry.until) >= this.options.maxPauseMs)
      entry.nextPauseMs = this.options.firstPauseMs;
    entry.refusedAt = now;
    const { incoming, outgoing } = (env ?? {}) as NodeBindings;
    if (incoming?.socket && outgoing) {
      const socket = incoming.socket;
      outgoing.once('finish', () => socket.destroy());
      outgoing.once('close', () => socket.destroy());
    }
    if (entry.until > now) return entry.until - now;
    const pause = entry.nextPauseMs;
    entry.until = now + pause;
    entry.nextPauseMs = Math.min(pause * 2, this.options.maxPauseMs);
    for (const s of this.#sockets.get(client) ?? []) s.pause();
    this.options.onPause?.(client, pause);
    const resumeAt = entry.until;
    const tracked = entry;
    const setTimer = this.options.setTimer ?? ((run, ms) => setTimeout(run, ms).unref());
    setTimer(() => {
      // Only the pause that set this timer resumes: not a later one, nor a forgotten one.
      if (this.#clients.get(client) !== tracked || tracked.until !== resumeAt) return;
      for (const s of this.#sockets.get(client) ?? []) s.resume();
    }, pause);
    return pause;
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
