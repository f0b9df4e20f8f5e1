import type { ApiPromise } from '@polkadot/api';
import { NoAssignmentError } from '../errors/owner.js';

/** What the chain says about the holders of an owner's confirmed epoch. */
export interface HolderHealth {
  /** Shares needed. */
  threshold: number;
  /** Holders of the confirmed epoch. */
  holders: string[];
  /**
   * Holders whose incarnation moved on since they acknowledged, or that are no longer
   * registered (left, or removed by governance): share lost.
   */
  lost: string[];
  /** Holders that, as far as the chain knows, still have their share. */
  intact: number;
}

/**
 * Reads, from chain state only, which holders of `owner`'s confirmed epoch restarted
 * (attested a restart) since they acknowledged their share, or are no longer registered:
 * their memory, and the share in it, is gone or out of reach for good (the same rule as the
 * backups pallet's `intact_holders`). If `intact < threshold`, no set of providers can give
 * the KEK back. Holders that are merely unreachable count as intact: they may answer
 * later, unless governance removes them (`registry.remove_validator`).
 *
 * @example
 * const { intact, threshold, lost } = await holderHealth(api, owner);
 */
export async function holderHealth(api: ApiPromise, owner: string): Promise<HolderHealth> {
  const state = await api.query.backups.assignments(owner);
  if (state.isNone) throw new NoAssignmentError(owner);
  const a = state.unwrap();
  const confirmedAt = a.confirmedAt.toNumber();
  const holders = a.confirmedProviders.map((p) => p.toString());
  const [records, acknowledged, operators] = await Promise.all([
    api.query.attestation.attestations.multi(holders),
    api.query.backups.confirmedIncarnations(owner),
    api.query.registry.tssOperators.multi(holders),
  ]);
  const lost = holders.filter((_, i) => {
    if (operators[i]?.isNone) return true;
    const record = records[i];
    if (!record || record.isNone) return false;
    const r = record.unwrap();
    // The incarnation the holder acknowledged with, as the chain counts intact holders for
    // a cold request; confirmations from before it was recorded fall back to block order.
    const at = acknowledged[i];
    if (at !== undefined) return r.incarnation.toNumber() !== at.toNumber();
    return r.incarnation.toNumber() > 0 && r.attestedAt.toNumber() > confirmedAt;
  });
  return {
    threshold: a.confirmedThreshold.toNumber(),
    holders,
    lost,
    intact: holders.length - lost.length,
  };
}
