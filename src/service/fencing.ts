import type { ApiPromise } from '@polkadot/api';

/** This account's attestation record at a finalized block, and that block's number. */
export interface FinalizedRecord {
  block: number;
  /** 0 when the account has no record. */
  incarnation: number;
  /** Empty when the account has no record. */
  recoveryKeysRoot: Uint8Array;
  attestedAt: number;
}

/** What fencing reads from the chain. */
export interface FinalizedRecordSource {
  /**
   * Calls `onHead` with the hash of every finalized head the node announces; resolves to a
   * function that stops it.
   */
  followFinalized(onHead: (hash: string) => void): Promise<() => void>;
  /** The record at finalized block `hash`, or at the finalized head when not given. */
  recordAt(hash?: string): Promise<FinalizedRecord>;
}

/** {@link FinalizedRecordSource} of `account` over a polkadot.js connection. */
export function apiRecordSource(api: ApiPromise, account: string): FinalizedRecordSource {
  return {
    async followFinalized(onHead) {
      const unsubscribe = await api.rpc.chain.subscribeFinalizedHeads((header) =>
        onHead(header.hash.toHex()),
      );
      return unsubscribe as unknown as () => void;
    },
    async recordAt(at) {
      const hash = at ?? (await api.rpc.chain.getFinalizedHead());
      const [header, state] = await Promise.all([api.rpc.chain.getHeader(hash), api.at(hash)]);
      const record = await state.query.attestation.attestations(account);
      const r = record.isSome ? record.unwrap() : undefined;
      return {
        block: header.number.toNumber(),
        incarnation: r?.incarnation.toNumber() ?? 0,
        recoveryKeysRoot: r?.recoveryKeysRoot.toU8a() ?? new Uint8Array(),
        attestedAt: r?.attestedAt.toNumber() ?? 0,
      };
    },
  };
}

/**
 * Fencing (invariant I4): this instance must stop serving once a finalized block records a
 * newer incarnation of its account, the sign that another instance (a copy of its disk
 * started by the host, or its own successor) has attested. Finalized only: a newer
 * attestation in a block that a fork drops must not stop the live instance, and holders
 * release nothing to the newer one before it is final anyway.
 *
 * {@link start} follows finalized heads; {@link check} reads the finalized head once (the
 * caller's periodic fallback, for a subscription that missed a head). `onNewer` is called
 * at most once, with the chain's incarnation. A head whose record cannot be read is
 * skipped: the next head or check reads again.
 */
export class FencingWatch {
  #unsubscribe: (() => void) | undefined;
  #fired = false;

  constructor(
    private readonly source: FinalizedRecordSource,
    private readonly options: {
      /** This instance's incarnation (0 until its restart is attested). */
      current: () => number;
      onNewer: (chainIncarnation: number) => void;
    },
  ) {}

  /** Starts following finalized heads. */
  async start(): Promise<void> {
    this.#unsubscribe = await this.source.followFinalized((hash) => {
      void this.source
        .recordAt(hash)
        .then((record) => this.#judge(record.incarnation))
        .catch(() => undefined);
    });
  }

  /**
   * Reads the finalized record once; returns the chain's incarnation, after calling
   * `onNewer` if it is newer than this instance's. Rejects if the chain cannot be read.
   */
  async check(): Promise<number> {
    const { incarnation } = await this.source.recordAt();
    this.#judge(incarnation);
    return incarnation;
  }

  /** Stops following heads; `onNewer` is not called after this. */
  stop(): void {
    this.#fired = true;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #judge(chainIncarnation: number): void {
    if (this.#fired || chainIncarnation <= this.options.current()) return;
    this.#fired = true;
    this.options.onNewer(chainIncarnation);
  }
}
