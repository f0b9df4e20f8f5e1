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
  /**
   * Most receipts submitted at once (default {@link DEFAULT_IN_FLIGHT}): receipts of
   * releases made together go out together and can land in one block.
   */
  inFlight?: number;
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

/** Receipts submitted at once unless {@link ReceiptQueueDeps.inFlight} says otherwise. */
export const DEFAULT_IN_FLIGHT = 8;

/**
 * Release receipts, off the request path: `enqueue` returns at once (the share is already
 * on its way to the owner), and receipts are submitted in the order queued, up to
 * `inFlight` at once (receipts queued in the same turn of the event loop leave together,
 * so releases made together are recorded in one block), each retried with backoff until
 * the chain includes it, refuses it for good (duplicate, stale incarnation, no longer a
 * holder) or `maxAttempts` is reached. A receipt already queued or in flight is not queued
 * twice.
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
  #inFlight = new Map<string, Receipt>();
  /** Ran out of attempts in this run: not retried now, kept in the store for the next. */
  #retained: Receipt[] = [];
  #store: ReceiptStore | undefined;
  #saveScheduled = false;
  #pumpScheduled = false;
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
    // After this turn of the event loop: receipts queued together leave together.
    if (!this.#pumpScheduled) {
      this.#pumpScheduled = true;
      setImmediate(() => {
        this.#pumpScheduled = false;
        this.#pump();
      });
    }
  }

  /**
   * Stops after the receipts in flight; queued ones are dropped from memory, and stay in
   * the store for the next start.
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
        this.#store.save([...this.#inFlight.values(), ...this.#queue, ...this.#retained]);
      } catch (error) {
        this.deps.onStoreFailed?.(error);
      }
    });
  }

  /** Submits queued receipts while fewer than `inFlight` are on their way. */
  #pump(): void {
    const limit = Math.max(1, this.deps.inFlight ?? DEFAULT_IN_FLIGHT);
    while (!this.#stopped && this.#inFlight.size < limit) {
      const next = this.#queue.shift();
      if (!next) return;
      const key = keyOf(next);
      this.#inFlight.set(key, next);
      // A callback that throws keeps the receipt for the next start rather than the slot.
      void this.#record(next)
        .catch(() => true)
        .then((kept) => {
          this.#inFlight.delete(key);
          this.#keys.delete(key);
          if (kept) this.#retained.push(next);
          this.#scheduleSave();
          this.#pump();
        });
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
