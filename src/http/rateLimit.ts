import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { Metrics } from '../metrics.js';
import { refusal } from './refusal.js';

/** The refusal code of a rate-limited request (HTTP 429). */
export const RATE_LIMITED = 'RATE_LIMITED';
/** The bucket of requests whose remote address is not known (e.g. `app.request()`). */
export const UNKNOWN_CLIENT = 'unknown';

/** One token bucket: `burst` requests at once, refilled at `perSecond`. */
export interface BucketLimit {
  burst: number;
  perSecond: number;
}

/**
 * Defaults of the provider routes' limits (`config.ts`), sized for honest load: an owner
 * sends a provider a handful of requests per restart or reshare, and several owners may
 * share one address (a NAT, or a devnet on one host); the global rate keeps the
 * provider's signature checks and chain reads to a bounded share of the machine.
 */
export const PROVIDER_RATE_LIMIT = {
  perClient: { burst: 20, perSecond: 5 },
  global: { burst: 200, perSecond: 100 },
  maxClients: 10_000,
} as const satisfies Pick<RateLimitOptions, 'perClient' | 'global' | 'maxClients'>;

/** What {@link rateLimit} enforces, and the clock it measures with. */
export interface RateLimitOptions {
  /** Each client's own bucket (client: see {@link clientKey}). */
  perClient: BucketLimit;
  /** One bucket shared by every request the middleware sees. */
  global: BucketLimit;
  /** Most clients tracked at once; the least recently seen is forgotten beyond it. */
  maxClients: number;
  /** Monotonic milliseconds (tests pass a fake clock). */
  now: () => number;
  /** Counts refusals as `custos_requests_refused_total{code="RATE_LIMITED"}`. */
  metrics?: Metrics;
  /** The client of a request; defaults to {@link clientKey}. */
  client?: (c: Context) => string;
  /**
   * Called when a client's own bucket (not the global one) refuses a request of it. If it
   * returns a number of milliseconds, the 429 closes the connection (`Connection: close`)
   * and its `Retry-After` covers at least that long.
   */
  onClientRefused?: (client: string, c: Context) => number | undefined;
}

/** A token bucket's state: tokens held, as of monotonic millisecond `at`. */
export interface Bucket {
  tokens: number;
  at: number;
}

/**
 * The entry of `key` in `clients`, made by `fresh` if it has none, moved to the end (the
 * map's insertion order is its recency order); the least recently seen entry is forgotten
 * when a new one would make more than `maxClients`.
 */
export function recentClient<B>(
  clients: Map<string, B>,
  key: string,
  maxClients: number,
  fresh: () => B,
): B {
  let entry = clients.get(key);
  if (entry !== undefined) clients.delete(key);
  else {
    entry = fresh();
    if (clients.size >= maxClients) clients.delete(clients.keys().next().value as string);
  }
  clients.set(key, entry);
  return entry;
}

/** Refills `b` up to `now`, then answers the milliseconds until it holds one token (0: now). */
export function refill(b: Bucket, limit: BucketLimit, now: number): number {
  const elapsed = Math.max(0, now - b.at);
  b.tokens = Math.min(limit.burst, b.tokens + (elapsed * limit.perSecond) / 1000);
  b.at = now;
  return b.tokens >= 1 ? 0 : ((1 - b.tokens) * 1000) / limit.perSecond;
}

/**
 * A Hono middleware refusing, with a 429 `{ code: 'RATE_LIMITED', message }` and a
 * `Retry-After` in whole seconds (rounded up), any request beyond either bucket:
 *
 * - per client: at most `perClient.burst` requests at once and `perClient.perSecond`
 *   sustained, for each of the `maxClients` most recently seen clients;
 * - global: at most `global.burst` at once and `global.perSecond` sustained over all
 *   clients, whatever their number (this is what holds against many source addresses).
 *
 * A refused request takes no token from either bucket, and the handlers after the
 * middleware do not run: no body is read, no chain is asked. Memory is bounded by
 * `maxClients` buckets; a forgotten client starts again with a full bucket, which only
 * the global bucket then limits. The refusal is logged once, by `requestLog`.
 *
 * @example
 * app.use('/v1/backup-provider/*', rateLimit({ ...limits, now: () => performance.now() }));
 */
export function rateLimit(
  options: RateLimitOptions,
): MiddlewareHandler & { readonly tracked: number } {
  const { perClient, global, maxClients, now, metrics } = options;
  for (const [name, l] of Object.entries({ perClient, global }))
    if (!(l.burst >= 1 && l.perSecond > 0 && Number.isFinite(l.perSecond)))
      throw new RangeError(`rateLimit: ${name} needs burst >= 1 and perSecond > 0`);
  if (!(Number.isInteger(maxClients) && maxClients >= 1))
    throw new RangeError('rateLimit: maxClients must be a positive integer');
  const client = options.client ?? clientKey;
  const shared: Bucket = { tokens: global.burst, at: now() };
  /** Insertion order is recency order: a client seen again is moved to the end. */
  const clients = new Map<string, Bucket>();
  metrics?.define('custos_requests_refused_total', 'Provider requests refused, by code');

  const handler: MiddlewareHandler = async (c, next) => {
    const t = now();
    const key = client(c);
    const own = recentClient(clients, key, maxClients, () => ({ tokens: perClient.burst, at: t }));
    const ownWait = refill(own, perClient, t);
    let wait = ownWait || refill(shared, global, t);
    if (wait > 0) {
      const away = ownWait > 0 ? options.onClientRefused?.(key, c) : undefined;
      if (away !== undefined) {
        c.header('Connection', 'close');
        wait = Math.max(wait, away);
      }
      metrics?.inc('custos_requests_refused_total', { code: RATE_LIMITED });
      const seconds = Math.ceil(wait / 1000);
      c.header('Retry-After', String(seconds));
      return refusal(c, 429, RATE_LIMITED, `too many requests; retry in ${seconds} s`);
    }
    own.tokens -= 1;
    shared.tokens -= 1;
    await next();
  };
  /** How many clients are tracked now (at most `maxClients`). */
  return Object.defineProperty(handler, 'tracked', {
    get: () => clients.size,
  }) as MiddlewareHandler & {
    readonly tracked: number;
  };
}

/**
 * The client a request is counted against: its TCP remote address (see {@link addressKey}),
 * or `unknown` when the request did not come through `@hono/node-server` (in-process
 * tests) or its socket is already gone.
 */
export function clientKey(c: Context): string {
  try {
    return addressKey(getConnInfo(c).remote.address);
  } catch {
    return UNKNOWN_CLIENT;
  }
}

/**
 * An IPv4 address as itself, an IPv4-mapped IPv6 address as its IPv4 address, any other
 * IPv6 address as its /64 (one host's usual allocation, so that a host cannot pose as
 * 2^64 clients), except NAT64's `64:ff9b::/96`, whose last 32 bits are the IPv4 client,
 * and no address as `unknown`.
 */
export function addressKey(address: string | undefined): string {
  if (!address) return UNKNOWN_CLIENT;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head, tail] = address.split('%')[0]!.toLowerCase().split('::');
  const groups = (part = '') =>
    part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : [];
  const [left, right] = [groups(head), groups(tail)];
  const zeros = Array(Math.max(0, 8 - left.length - right.length)).fill('0');
  const all = tail === undefined ? left : [...left, ...zeros, ...right];
  // NAT64's well-known prefix 64:ff9b::/96 carries an IPv4 client in its last 32 bits,
  // written in hex or dotted.
  if (
    all.length === 8 &&
    all
      .slice(0, 6)
      .map((g) => Number.parseInt(g, 16))
      .join() === '100,65435,0,0,0,0'
  ) {
    const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
    if (dotted) return dotted[1]!;
    const [hi, lo] = [Number.parseInt(all[6]!, 16), Number.parseInt(all[7]!, 16)];
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
  }
  return `${all
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
