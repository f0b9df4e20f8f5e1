import { u8aToHex } from '@polkadot/util';
import { zeroize } from '../crypto/aead.js';

/** Most candidate shares held for one (owner, epoch) before it is confirmed. */
export const MAX_CANDIDATES_PER_EPOCH = 8;
/** Most epochs held for one owner (the confirmed one, the open one, and a rotation). */
export const MAX_EPOCHS_PER_OWNER = 3;

/** What {@link ShareVault.offer} did. */
export type OfferOutcome = 'stored' | 'already-held' | 'too-many-candidates' | 'too-many-epochs';

/**
 * Shares this provider holds, in memory only (never on disk, lost on restart by design).
 * Keys are canonical owner accounts (see `canonicalAccount`) and each share is held under
 * its commitment, so the provider can serve exactly the share the chain confirmed:
 *
 * - before an epoch is confirmed, every distinct offer of it is a candidate (an owner that
 *   retries re-splits its KEK; a replayed old offer only adds a candidate, bounded by
 *   {@link MAX_CANDIDATES_PER_EPOCH}, and never replaces one);
 * - once the chain confirmed an epoch with this provider's commitment, {@link settle}
 *   keeps that one share of it and drops every other candidate and every older epoch.
 *
 * Shares handed out are copies; dropped shares are zeroised.
 */
export class ShareVault {
  #shares = new Map<string, Map<number, Map<string, Uint8Array>>>();

  /**
   * Holds `held` as a candidate for `owner`'s `epoch` under `commitment`. Never replaces a
   * held share: the same commitment again is `already-held`.
   */
  offer(owner: string, epoch: number, commitment: Uint8Array, held: Uint8Array): OfferOutcome {
    let epochs = this.#shares.get(owner);
    const candidates = epochs?.get(epoch);
    const key = u8aToHex(commitment);
    if (candidates?.has(key)) return 'already-held';
    if (candidates && candidates.size >= MAX_CANDIDATES_PER_EPOCH) return 'too-many-candidates';
    if (!candidates && epochs && epochs.size >= MAX_EPOCHS_PER_OWNER) return 'too-many-epochs';
    if (!epochs) {
      epochs = new Map();
      this.#shares.set(owner, epochs);
    }
    let slot = candidates;
    if (!slot) {
      slot = new Map();
      epochs.set(epoch, slot);
    }
    slot.set(key, held.slice());
    return 'stored';
  }

  /** A copy of the share of `owner`'s `epoch` whose commitment is `commitment`, if held. */
  get(owner: string, epoch: number, commitment: Uint8Array): Uint8Array | undefined {
    return this.#shares.get(owner)?.get(epoch)?.get(u8aToHex(commitment))?.slice();
  }

  /**
   * Applies the chain's view of `owner`: drops (zeroised) every epoch older than
   * `confirmedEpoch`; when `commitment` is this provider's confirmed commitment, every other
   * candidate of that epoch; and, when `live` names the epochs the chain can still confirm
   * (the open one and the next), every newer epoch not among them (abandoned rotations).
   */
  settle(owner: string, confirmedEpoch: number, commitment?: Uint8Array, live?: number[]): void {
    const epochs = this.#shares.get(owner);
    if (!epochs) return;
    const keep = commitment ? u8aToHex(commitment) : undefined;
    for (const [epoch, candidates] of epochs) {
      const abandoned = live !== undefined && epoch > confirmedEpoch && !live.includes(epoch);
      if (epoch < confirmedEpoch || abandoned) {
        for (const share of candidates.values()) zeroize(share);
        epochs.delete(epoch);
      } else if (epoch === confirmedEpoch && keep) {
        for (const [key, share] of candidates) {
          if (key === keep) continue;
          zeroize(share);
          candidates.delete(key);
        }
        if (candidates.size === 0) epochs.delete(epoch);
      }
    }
    if (epochs.size === 0) this.#shares.delete(owner);
  }

  /** Owners with at least one share held. */
  owners(): string[] {
    return [...this.#shares.keys()];
  }

  /** Whether any share of `owner` is held. */
  holds(owner: string): boolean {
    return this.#shares.has(owner);
  }

  /** Drops (zeroised) every share of `owner`. */
  drop(owner: string): void {
    for (const candidates of this.#shares.get(owner)?.values() ?? [])
      for (const share of candidates.values()) zeroize(share);
    this.#shares.delete(owner);
  }

  /** Number of shares held (every candidate counts). */
  get size(): number {
    let n = 0;
    for (const epochs of this.#shares.values())
      for (const candidates of epochs.values()) n += candidates.size;
    return n;
  }

  /** Epochs held for `owner`, ascending. */
  epochs(owner: string): number[] {
    return [...(this.#shares.get(owner)?.keys() ?? [])].sort((a, b) => a - b);
  }
}
