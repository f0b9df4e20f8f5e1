import type { Context } from 'hono';
import { type Bucket, type BucketLimit, clientKey, recentClient, refill } from './rateLimit.js';

/**
 * How many refusal lines may be logged: per client (the rate limit's client key) and over
 * all clients, each a token bucket of log lines.
 */
export interface RefusalLogLimits {
  perClient: BucketLimit;
  global: BucketLimit;
  /** Most clients tracked at once; the least recently seen is forgotten beyond it. */
  maxClients: number;
  /** Least milliseconds between two summaries of the lines left out. */
  summaryEveryMs: number;
}

/** How many refusal lines were left out since the previous summary, and of how many clients. */
export interface LeftOutSummary {
  lines: number;
  /** Distinct clients among them (counted up to `maxClients`). */
  clients: number;
}

/**
 * Defaults: a client's first 50 refusals are all logged, then 5 lines a second; over all
 * clients, 200 at once and 50 a second. Honest peers are refused rarely (a request ahead of
 * finality, a restart racing a reshare); a flood of forged or rate-limited requests is what
 * runs past these.
 */
export const REFUSAL_LOG_LIMITS: RefusalLogLimits = {
  perClient: { burst: 50, perSecond: 5 },
  global: { burst: 200, perSecond: 50 },
  maxClients: 10_000,
  summaryEveryMs: 10_000,
};

/**
 * Bounds the log lines refused requests write, so that a flood of bad requests cannot fill
 * the operator's disk or spend the provider's CPU on logging: each refusal asks
 * {@link RefusalLogBudget.take} before logging. A refusal that is not logged is counted for
 * its client, and the client's next logged refusal says how many were not (`unlogged`).
 * Every line left out is also counted overall, and at most every `summaryEveryMs`, at the
 * next refusal, `onLeftOut` is told how many and of how many clients: a flood from many
 * addresses that uses up the global budget (and so hides other clients' refusals) is
 * always visible in the log, whether or not the clients it hid are ever logged again.
 * Memory is bounded by `maxClients` entries (and as many in the summary's client set).
 */
export class RefusalLogBudget {
  readonly #limits: RefusalLogLimits;
  readonly #now: () => number;
  readonly #shared: Bucket;
  /** Insertion order is recency order: a client seen again is moved to the end. */
  readonly #clients = new Map<string, Bucket & { unlogged: number }>();
  readonly #onLeftOut: ((summary: LeftOutSummary) => void) | undefined;
  /** Lines left out since the last summary, and the clients they were of. */
  #leftOut = 0;
  readonly #leftOutClients = new Set<string>();
  #summarisedAt: number;

  constructor(
    limits: RefusalLogLimits = REFUSAL_LOG_LIMITS,
    now = () => performance.now(),
    onLeftOut?: (summary: LeftOutSummary) => void,
  ) {
    for (const l of [limits.perClient, limits.global])
      if (!(l.burst >= 1 && l.perSecond > 0 && Number.isFinite(l.perSecond)))
        throw new RangeError('refusal log limits need burst >= 1 and perSecond > 0');
    if (!(Number.isInteger(limits.maxClients) && limits.maxClients >= 1))
      throw new RangeError('refusal log limits: maxClients must be a positive integer');
    if (!(limits.summaryEveryMs >= 1 && Number.isFinite(limits.summaryEveryMs)))
      throw new RangeError('refusal log limits: summaryEveryMs must be at least 1');
    this.#limits = limits;
    this.#now = now;
    this.#onLeftOut = onLeftOut;
    this.#shared = { tokens: limits.global.burst, at: now() };
    this.#summarisedAt = now();
  }

  /**
   * Whether a refusal of `client` may be logged now: the number of its refusals not logged
   * since its last logged one (0 or more), or `undefined` when this one must not be logged
   * (it is counted instead).
   */
  take(client: string): number | undefined {
    const t = this.#now();
    const own = recentClient(this.#clients, client, this.#limits.maxClients, () => ({
      tokens: this.#limits.perClient.burst,
      at: t,
      unlogged: 0,
    }));
    this.#summarise(t);
    if (
      refill(own, this.#limits.perClient, t) > 0 ||
      refill(this.#shared, this.#limits.global, t) > 0
    ) {
      own.unlogged += 1;
      this.#leftOut += 1;
      if (this.#leftOutClients.size < this.#limits.maxClients) this.#leftOutClients.add(client);
      return undefined;
    }
    own.tokens -= 1;
    this.#shared.tokens -= 1;
    const unlogged = own.unlogged;
    own.unlogged = 0;
    return unlogged;
  }

  /** Tells `onLeftOut` what was left out, once `summaryEveryMs` passed since last time. */
  #summarise(t: number): void {
    if (this.#leftOut === 0 || t - this.#summarisedAt < this.#limits.summaryEveryMs) return;
    const summary = { lines: this.#leftOut, clients: this.#leftOutClients.size };
    this.#leftOut = 0;
    this.#leftOutClients.clear();
    this.#summarisedAt = t;
    this.#onLeftOut?.(summary);
  }
}

/**
 * Whether `budget` lets the line of this request's refusal be written: the number of the
 * client's refusals not logged before it, or undefined (not this one). Always 0 without a
 * budget.
 */
export function refusalLineAllowed(
  c: Context,
  budget: RefusalLogBudget | undefined,
): number | undefined {
  return budget ? budget.take(clientKey(c)) : 0;
}
