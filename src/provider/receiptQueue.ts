import { TransactionRejectedError } from '../chain/errors.js';

/** One release receipt to record: `owner`'s `incarnation` got this provider's share. */
export interface Receipt {
  owner: string;
  incarnation: number;
}

/** Dependencies of {@link ReceiptQueue}. */
export interface ReceiptQueueDeps {
  /** Records one receipt on chain; resolves once included. */
  submit: (receipt: Receipt) => Promise<void>;
  /** Milliseconds to wait before retry `attempt` (0-based). */
  backoff: (attempt: number) => number;
  /** Most attempts per receipt before it is given up (logged by `onGiveUp`). */
  maxAttempts: number;
  /** Told once per receipt that will never be recorded, with why. */
  onGiveUp?: (receipt: Receipt, reason: unknown) => void;
  /** Told after each receipt is included. */
  onRecorded?: (receipt: Receipt) => void;
}

/**
 * Pallet errors after which a receipt can never be recorded: the chain already has it,
 * the incarnation is no longer the owner's, or this provider no longer holds its epoch.
 */
const FINAL_REFUSALS = new Set([
  'backups.DuplicateReceipt',
  'backups.StaleIncarnation',
  'backups.NotAConfirmedHolder',
  'backups.UnknownOwner',
]);

/**
 * Release receipts, off the request path: `enqueue` returns at once (the share is already
 * on its way to the owner), and receipts are submitted one at a time in order, each
 * retried with backoff until the chain includes it, refuses it for good (duplicate, stale
 * incarnation, no longer a holder) or `maxAttempts` is reached. A receipt already queued
 * or in flight is not queued twice. Memory only: a provider that restarts has lost its
 * shares too, and its owners reshare to it.
 *
 * @example
 * const receipts = new ReceiptQueue({ submit: (r) => recordRelease(api, { provider, ...r }), backoff, maxAttempts: 8 });
 * receipts.enqueue({ owner, incarnation });
 */
export class ReceiptQueue {
  #queue: Receipt[] = [];
  #keys = new Set<string>();
  #running = false;
  #stopped = false;

  constructor(private readonly deps: ReceiptQueueDeps) {}

  /** Receipts queued or in flight. */
  get pending(): number {
    return this.#keys.size;
  }

  /** Queues a receipt unless the same one is queued or in flight; never waits. */
  enqueue(receipt: Receipt): void {
    const key = `${receipt.owner}/${receipt.incarnation}`;
    if (this.#stopped || this.#keys.has(key)) return;
    this.#keys.add(key);
    this.#queue.push(receipt);
    if (!this.#running) setImmediate(() => void this.#drain());
  }

  /** Stops after the receipt in flight; queued ones are dropped. */
  stop(): void {
    this.#stopped = true;
    this.#queue = [];
  }

  async #drain(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      for (let next = this.#queue.shift(); next && !this.#stopped; next = this.#queue.shift()) {
        await this.#record(next);
        this.#keys.delete(`${next.owner}/${next.incarnation}`);
      }
    } finally {
      this.#running = false;
    }
  }

  async #record(receipt: Receipt): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.deps.submit(receipt);
        this.deps.onRecorded?.(receipt);
        return;
      } catch (error) {
        const final =
          error instanceof TransactionRejectedError &&
          error.palletError !== undefined &&
          FINAL_REFUSALS.has(error.palletError);
        if (final || attempt + 1 >= this.deps.maxAttempts || this.#stopped) {
          this.deps.onGiveUp?.(receipt, error);
          return;
        }
        await new Promise((r) => setTimeout(r, this.deps.backoff(attempt)));
      }
    }
  }
}
