import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import type { BadShareReport } from '../chain/reportBadShare.js';
import { zeroize } from '../crypto/aead.js';
import type { HpkeKeyPair } from '../crypto/hpke.js';
import { NoAssignmentError, PeerError, RecoveryKeysMismatchError } from '../errors/owner.js';
import { recoveryKeysRoot, releaseRequestPayload } from '../protocol/messages.js';
import { assignmentViewOf, commitmentsCache } from '../provider/chainView.js';
import { postJson } from './providers.js';
import { gatherShares } from './verifyRelease.js';

/** Parameters of {@link recoverKek}. */
export interface RecoverKekParameters {
  /** The owner's TSS account. */
  owner: string;
  /** The incarnation the chain just recorded for it. */
  incarnation: number;
  /**
   * The ephemeral recovery keys of this restart, one per confirmed holder in holder order;
   * the chain recorded the `recoveryKeysRoot` of their public halves followed by
   * `rootExtra` (the private halves stay here).
   */
  recoveryKeys: HpkeKeyPair[];
  /**
   * Entries after the holder keys in the root: the escrow key's tagged entry when the
   * network has an escrow committee (holders ignore it).
   */
  rootExtra?: Uint8Array[];
  /** The restart key (signs the requests). */
  restartKey: KeyringPair;
  /**
   * Verified shares already received for this incarnation, by confirmed epoch and
   * provider, kept across calls so that a retry asks only the others. Only shares that
   * matched the chain's commitment are put here. The caller zeroises them when done.
   */
  received?: Map<string, Uint8Array>;
  /**
   * Called for each answer that proves its holder misbehaved (see `verifyRelease`), with
   * the report the chain can check when the proof is complete.
   */
  onMisbehaviour?: (provider: string, reason: string, report?: BadShareReport) => void;
  /** Holders not to ask again (their recovery key was revealed in a report). */
  skip?: ReadonlySet<string>;
  /** See `GatherSharesParameters.onUnanswered`. */
  onUnanswered?: (failures: { provider: string; reason: string }[]) => void;
  /**
   * The holders to ask, read beforehand by {@link readHolderPlan} (the caller checked that
   * it is still the finalized confirmation, see {@link planMatches}); without it they are
   * read at the finalized head first.
   */
  plan?: HolderPlan;
}

/**
 * Whom to ask for an owner's shares: its confirmed epoch at one finalized block, each
 * holder with the commitment it acknowledged and the endpoint it registered. Read before
 * the restart attestation is final, it lets the owner ask the moment it is: a plan is valid
 * as long as the finalized confirmation is the same (same epoch, confirmed in the same
 * block), since holders, threshold and commitments only change with a confirmation.
 */
export interface HolderPlan {
  /** The confirmed epoch. */
  epoch: number;
  /** The block that confirmed it (tells a later registration's epoch of the same number apart). */
  confirmedAt: number;
  /** Shares needed. */
  threshold: number;
  /** In holder order (the order of the recovery keys). */
  holders: {
    provider: string;
    /** The commitment the holder acknowledged for its share. */
    commitment: Uint8Array;
    /**
     * Its registered endpoint when the plan was read, or undefined when it was no longer
     * registered. An endpoint can change without a confirmation: the caller reads the plan
     * again after a round that failed.
     */
    endpoint: string | undefined;
  }[];
}

/** Whether `plan` was read for the confirmation of `epoch` made in block `confirmedAt`. */
export function planMatches(
  plan: HolderPlan,
  confirmation: { epoch: number; confirmedAt: number },
): boolean {
  return plan.epoch === confirmation.epoch && plan.confirmedAt === confirmation.confirmedAt;
}

/**
 * Reads the {@link HolderPlan} of `owner` at block `hash` (default: the finalized head):
 * one round trip for the assignment and its commitments, then one for the holders'
 * operators and one for their endpoints.
 * @throws NoAssignmentError when the owner has no assignment there
 */
export async function readHolderPlan(
  api: ApiPromise,
  owner: string,
  hash?: string,
): Promise<HolderPlan> {
  const at = await api.at(hash ?? (await api.rpc.chain.getFinalizedHead()));
  const [state, stored] = await Promise.all([
    at.query.backups.assignments(owner),
    at.query.backups.confirmedCommitments(owner),
  ]);
  if (state.isNone) throw new NoAssignmentError(owner);
  const a = state.unwrap();
  // Owners confirmed before the runtime stored commitments: read from the confirmation.
  const confirmed = await assignmentViewOf(owner, a, stored, commitmentsCache(api));
  const providers = confirmed.confirmedProviders;
  const operators = await at.query.registry.tssOperators.multi(providers);
  const registered = operators.map((o) => (o.isSome ? o.unwrap() : undefined));
  const infos = await at.query.registry.validators.multi(registered.filter((o) => o !== undefined));
  let next = 0;
  const endpoints = registered.map((o) => {
    if (o === undefined) return undefined;
    const info = infos[next++];
    return info?.isSome ? info.unwrap().server.endpoint.toUtf8() : undefined;
  });
  return {
    epoch: a.confirmedEpoch.toNumber(),
    confirmedAt: a.confirmedAt.toNumber(),
    threshold: a.confirmedThreshold.toNumber(),
    holders: providers.map((provider, i) => ({
      provider,
      commitment: confirmed.confirmedCommitments[i]!,
      endpoint: endpoints[i],
    })),
  };
}

/**
 * Flow 3, after the chain finalized the restart attestation: takes the confirmed epoch, its
 * holders and the commitment each holder acknowledged from `plan`, or reads them at the
 * finalized head (see {@link readHolderPlan}), asks every
 * holder in parallel, verifies each answer against the chain before using it, and combines
 * `t` verified shares (see {@link gatherShares}): never a wrong KEK, whatever up to n − t
 * holders, the host or the network send. Throws `NotEnoughProvidersError` naming each
 * failed provider and why when fewer than `t` verified shares are in (callers retry with
 * backoff; nothing local is touched).
 *
 * @example
 * const kek = await recoverKek(api, { owner, incarnation: 1, recoveryKeys, restartKey });
 */
export async function recoverKek(api: ApiPromise, p: RecoverKekParameters): Promise<Uint8Array> {
  const plan = p.plan ?? (await readHolderPlan(api, p.owner));
  const providers = plan.holders.map((h) => h.provider);
  if (p.recoveryKeys.length !== providers.length)
    throw new RecoveryKeysMismatchError(p.recoveryKeys.length, providers.length);
  const holders = plan.holders.map((h, i) => ({
    provider: h.provider,
    commitment: h.commitment,
    recovery: p.recoveryKeys[i]!,
  }));
  const endpoints = new Map(plan.holders.map((h) => [h.provider, h.endpoint]));
  const publicKeys = [...p.recoveryKeys.map((k) => k.publicKey), ...(p.rootExtra ?? [])];
  const root = recoveryKeysRoot(publicKeys);
  const epoch = plan.epoch;
  const genesisHash = api.genesisHash.toU8a();
  const received = p.received ?? new Map<string, Uint8Array>();
  try {
    return await gatherShares({
      ctx: {
        genesisHash,
        owner: p.owner,
        incarnation: p.incarnation,
        epoch,
      },
      holders,
      threshold: plan.threshold,
      received,
      skip: p.skip,
      onUnanswered: p.onUnanswered,
      onMisbehaviour: (provider, reason, evidence) => {
        const index = providers.indexOf(provider);
        p.onMisbehaviour?.(
          provider,
          reason,
          evidence && {
            owner: p.owner,
            provider,
            incarnation: p.incarnation,
            epoch,
            recoveryKeys: publicKeys,
            // A copy: the caller zeroises it once the report is out.
            revealedKey: p.recoveryKeys[index]!.privateKey.slice(),
            ...evidence,
          },
        );
      },
      ask: async (provider) => {
        const endpoint = endpoints.get(provider);
        if (!endpoint) throw new PeerError('PROVIDER_NOT_REGISTERED', 'not registered');
        const signature = p.restartKey.sign(
          releaseRequestPayload(genesisHash, p.owner, p.incarnation, root, provider),
        );
        return await postJson(`${endpoint}/v1/backup-provider/release`, {
          owner: p.owner,
          incarnation: p.incarnation,
          recoveryKeys: publicKeys.map((k) => u8aToHex(k)),
          signature: u8aToHex(signature),
        });
      },
    });
  } finally {
    if (!p.received) for (const held of received.values()) zeroize(held);
  }
}
