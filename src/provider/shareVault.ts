import { zeroize } from '../crypto/aead.js';

/** One share held for an owner's epoch. */
export interface HeldShare {
  epoch: number;
  share: Uint8Array;
}

/**
 * Shares this provider holds, in memory only (never on disk, lost on restart by design).
 * Keeps every epoch an owner sent until told which one the chain confirmed, so the old
 * confirmed epoch can still be served while a new one is pending (two-phase).
 */
export class ShareVault {
  #shares = new Map<string, Map<number, Uint8Array>>();

  /** Holds `share` for `owner`'s `epoch` (replacing an earlier copy of that epoch). */
  put(owner: string, epoch: number, share: Uint8Array): void {
    let epochs = this.#shares.get(owner);
    if (!epochs) {
      epochs = new Map();
      this.#shares.set(owner, epochs);
    }
    zeroize(epochs.get(epoch));
    epochs.set(epoch, share.slice());
  }

  /** The share for `owner`'s `epoch`, if held (a copy). */
  get(owner: string, epoch: number): Uint8Array | undefined {
    return this.#shares.get(owner)?.get(epoch)?.slice();
  }

  /** Drops (zeroised) every epoch of `owner` older than `confirmedEpoch`. */
  prune(owner: string, confirmedEpoch: number): void {
    const epochs = this.#shares.get(owner);
    if (!epochs) return;
    for (const [epoch, share] of epochs) {
      if (epoch < confirmedEpoch) {
        zeroize(share);
        epochs.delete(epoch);
      }
    }
  }

  /** Owners with at least one share held. */
  owners(): string[] {
    return [...this.#shares.keys()];
  }

  /** Drops (zeroised) every share of `owner`. */
  drop(owner: string): void {
    for (const share of this.#shares.get(owner)?.values() ?? []) zeroize(share);
    this.#shares.delete(owner);
  }

  /** Number of (owner, epoch) shares held. */
  get size(): number {
    let n = 0;
    for (const epochs of this.#shares.values()) n += epochs.size;
    return n;
  }

  /** Epochs held for `owner`. */
  epochs(owner: string): number[] {
    return [...(this.#shares.get(owner)?.keys() ?? [])].sort((a, b) => a - b);
  }
}
