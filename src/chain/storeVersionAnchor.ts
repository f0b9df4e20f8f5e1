import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { anchorCheckpoint } from './anchorCheckpoint.js';
import { ChainError, TransactionRejectedError } from './errors.js';

/** Where {@link StoreVersionAnchor.anchor} found the version anchored. */
export interface AnchoredStoreVersion {
  /** The block that anchored the version, or the head whose state already held it. */
  blockHash: string;
  blockNumber: number;
  /** False when the chain held this or a newer version already and nothing was sent. */
  submitted: boolean;
}

/** Options of {@link StoreVersionAnchor}. */
export interface StoreVersionAnchorOptions {
  /**
   * The version of this instance's store now. When given, a chain that anchors a newer
   * version than it is refused (`STORE_VERSION_AHEAD`): one running instance never anchors
   * beyond its own store, so another instance, or a host's rollback, did.
   */
  localVersion?: () => bigint;
  /** How many checkpoints one `anchor` call may send before it gives up (default 4). */
  attempts?: number;
  /** How long to wait for the rate limit's blocks before trying again anyway (default 60 s). */
  rateLimitWaitMs?: number;
  /** Sends one checkpoint and waits for its block (default: {@link anchorCheckpoint}). */
  submit?: (version: bigint) => Promise<{ blockHash: string; blockNumber: number }>;
}

/**
 * Keeps one owner's store version anchored on chain, for the local secret API's
 * checkpoint. Calls run one at a time, in order. A call succeeds once the chain's anchored
 * version (`confirmed_store_version`) is at least the one asked: a version that a
 * confirmation of the backup loop, or an earlier call, anchored already is not sent again.
 * Losing a race is not an error: a checkpoint that the pool drops, or refuses because
 * another transaction anchored the version first, is followed by a fresh read of the
 * chain; one refused for `MinCheckpointInterval` is sent again once that many blocks are
 * built. A checkpoint not included in time is not sent again: the chain is read once more
 * and its answer stands. Any other refusal, or `attempts` refusals in a row, is thrown
 * unchanged, unless a last read shows the version anchored meanwhile. Once `close()` is
 * called (the companion stops or is fenced), nothing more is sent: calls waiting or made
 * later fail with `ANCHOR_CLOSED`.
 *
 * @example
 * const anchor = new StoreVersionAnchor(api, identity.tss);
 * const { blockNumber } = await anchor.anchor(12n);
 */
export class StoreVersionAnchor {
  readonly #api: ApiPromise;
  readonly #owner: KeyringPair;
  readonly #attempts: number;
  readonly #rateLimitWaitMs: number;
  readonly #localVersion: (() => bigint) | undefined;
  readonly #submit: (version: bigint) => Promise<{ blockHash: string; blockNumber: number }>;
  #tail: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(api: ApiPromise, owner: KeyringPair, options: StoreVersionAnchorOptions = {}) {
    this.#api = api;
    this.#owner = owner;
    this.#attempts = options.attempts ?? 4;
    this.#rateLimitWaitMs = options.rateLimitWaitMs ?? 60_000;
    this.#localVersion = options.localVersion;
    this.#submit =
      options.submit ?? ((storeVersion) => anchorCheckpoint(api, { owner, storeVersion }));
  }

  /** Sends nothing more; calls waiting or made later fail with `ANCHOR_CLOSED`. */
  close(): void {
    this.#closed = true;
  }

  /** Resolves once the chain has `version` or a newer one anchored for the owner. */
  anchor(version: bigint): Promise<AnchoredStoreVersion> {
    const run = this.#tail.then(() => this.#anchorNow(version));
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #anchorNow(version: bigint): Promise<AnchoredStoreVersion> {
    let lastError: unknown;
    let waitForInterval = false;
    for (let attempt = 0; attempt < this.#attempts; attempt++) {
      if (waitForInterval) await this.#waitForBlocks(this.#minCheckpointInterval());
      const held = await this.#heldAtHead(version);
      if (held) return held;
      this.#ensureOpen();
      try {
        const included = await this.#submit(version);
        return { ...included, submitted: true };
      } catch (error) {
        lastError = error;
        waitForInterval = rejectedFor(error, 'backups.RateLimited');
        // Not included in time: sending again would only wait again; the read decides.
        if (error instanceof ChainError && error.code === 'TX_TIMEOUT') break;
        if (!waitForInterval && !lostRace(error)) throw error;
      }
    }
    const held = await this.#heldAtHead(version);
    if (held) return held;
    throw lastError;
  }

  #ensureOpen(): void {
    if (this.#closed)
      throw new ChainError('ANCHOR_CLOSED', 'checkpoint not sent', 'the companion is stopping');
  }

  /** The head, when its state has `version` or a newer one anchored for the owner. */
  async #heldAtHead(version: bigint): Promise<AnchoredStoreVersion | undefined> {
    const head = await this.#api.rpc.chain.getHeader();
    const state = await this.#api.query.backups.assignments.at(head.hash, this.#owner.address);
    if (state.isNone) return;
    const anchored = state.unwrap().confirmedStoreVersion.toBigInt();
    const local = this.#localVersion?.();
    if (local !== undefined && anchored > local)
      throw new ChainError(
        'STORE_VERSION_AHEAD',
        'the chain anchors a newer store than this one',
        `anchored ${anchored}, this store ${local}: another instance or a rollback anchored it`,
      );
    if (anchored < version) return;
    return { blockHash: head.hash.toHex(), blockNumber: head.number.toNumber(), submitted: false };
  }

  #minCheckpointInterval(): number {
    return this.#api.consts.backups.minCheckpointInterval.toNumber();
  }

  /** Resolves after `count` new blocks, or after `rateLimitWaitMs` without them. */
  async #waitForBlocks(count: number): Promise<void> {
    const start = (await this.#api.rpc.chain.getHeader()).number.toNumber();
    await new Promise<void>((resolve) => {
      let unsubscribe: (() => void) | undefined;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        unsubscribe?.();
        resolve();
      };
      const timer = setTimeout(finish, this.#rateLimitWaitMs);
      void this.#api.rpc.chain
        .subscribeNewHeads((header) => {
          if (header.number.toNumber() >= start + count) finish();
        })
        .then((unsub) => {
          if (done) unsub();
          else unsubscribe = unsub;
        }, finish);
    });
  }
}

/**
 * Lost to another transaction: dropped from the pool, refused because the version is
 * anchored already, or refused because an identical checkpoint is in the pool (1014).
 */
function lostRace(error: unknown): boolean {
  if (rejectedFor(error, 'backups.StoreVersionNotIncreased')) return true;
  if (error instanceof ChainError && error.code === 'TX_DROPPED') return true;
  return (
    error instanceof TransactionRejectedError &&
    error.palletError === undefined &&
    /\b1014\b|priority is too low/i.test(error.message)
  );
}

function rejectedFor(error: unknown, palletError: string): boolean {
  return error instanceof TransactionRejectedError && error.palletError === palletError;
}
