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
  /** Told when the store could not be written (the receipts stay queued in memory). */
  onStoreFailed?: (reason: unknown) => void;
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

/** Where the queue keeps what it still has to record (see `ReceiptJournal`). */
export interface ReceiptStore {
  /** Replaces what is kept with `pending`. */
  save(pending: readonly Receipt[]): void;
}

const keyOf = (receipt: Receipt) => `${receipt.owner}/${receipt.incarnation}`;

/**
 * Release receipts, off the request path: `enqueue` returns at once (the share is already
 * on its way to the owner), and receipts are submitted one at a time in order, each
 * retried with backoff until the chain includes it, refuses it for good (duplicate, stale
 * incarnation, no longer a holder) or `maxAttempts` is reached. A receipt already queued
 * or in flight is not queued twice.
 *
 * With a store ({@link ReceiptQueue.keepIn}), what is still to be recorded survives a
 * restart: the store is rewritten right after each change (in the same turn of the event
 * loop, batched, off the request path), a receipt leaves it only once included or refused
 * for good (one that ran out of attempts stays, for the next start), and
 * {@link ReceiptQueue.restore} queues what a previous run kept. A kill in the instant
 * between a release and that write loses its receipt, as a reply lost on the network would.
 *
 * @example
 * const receipts = new ReceiptQueue({ submit: (r) => recordRelease(api, { provider, ...r }), backoff, maxAttempts: 8 });
 * receipts.enqueue({ owner, incarnation });
 */
export class ReceiptQueue {
  #queue: Receipt[] = [];
  #keys = new Set<string>();
  #inFlight: Receipt | undefined;
  /** Ran out of attempts in this run: not retried now, kept in the store for the next. */
  #retained: Receipt[] = [];
  #store: ReceiptStore | undefined;
  #saveScheduled = false;
  #running = false;
  #stopped = false;

  constructor(private readonly deps: ReceiptQueueDeps) {}

  /** Receipts queued or in flight. */
  get pending(): number {
    return this.#keys.size;
  }

  /** Keeps what is still to be recorded in `store` from now on. */
  keepIn(store: ReceiptStore): void {
    this.#store = store;
    this.#scheduleSave();
  }

  /** Queues receipts a previous run kept (see {@link keepIn}). */
  restore(receipts: readonly Receipt[]): void {
    for (const receipt of receipts) this.enqueue(receipt);
  }

  /** Queues a receipt unless the same one is queued or in flight; never waits. */
  enqueue(receipt: Receipt): void {
    const key = keyOf(receipt);
    if (this.#stopped || this.#keys.has(key)) return;
    this.#keys.add(key);
    this.#retained = this.#retained.filter((r) => keyOf(r) !== key);
    this.#queue.push(receipt);
    this.#scheduleSave();
    if (!this.#running) setImmediate(() => void this.#drain());
  }

  /**
   * Stops after the receipt in flight; queued ones are dropped from memory, and stay in the
   * store for the next start.
   */
  stop(): void {
    this.#stopped = true;
    this.#queue = [];
  }

  #scheduleSave(): void {
    if (!this.#store || this.#saveScheduled) return;
    this.#saveScheduled = true;
    setImmediate(() => {
      this.#saveScheduled = false;
      if (this.#stopped || !this.#store) return;
      try {
        this.#store.save([
          ...(this.#inFlight ? [this.#inFlight] : []),
          ...this.#queue,
          ...this.#retained,
        ]);
      } catch (error) {
        this.deps.onStoreFailed?.(error);
      }
    });
  }

  async #drain(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      for (let next = this.#queue.shift(); next && !this.#stopped; next = this.#queue.shift()) {
        this.#inFlight = next;
        const kept = await this.#record(next);
        this.#inFlight = undefined;
        this.#keys.delete(keyOf(next));
        if (kept) this.#retained.push(next);
        this.#scheduleSave();
      }
    } finally {
      this.#running = false;
    }
  }

  /** Records `receipt`; true when it ran out of attempts (kept for a later run). */
  async #record(receipt: Receipt): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.deps.submit(receipt);
        this.deps.onRecorded?.(receipt);
        return false;
      } catch (error) {
        const final =
          error instanceof TransactionRejectedError &&
          error.palletError !== undefined &&
          FINAL_REFUSALS.has(error.palletError);
        if (final || attempt + 1 >= this.deps.maxAttempts || this.#stopped) {
          this.deps.onGiveUp?.(receipt, error);
          return !final;
        }
        await new Promise((r) => setTimeout(r, this.deps.backoff(attempt)));
      }
    }
  }
}
