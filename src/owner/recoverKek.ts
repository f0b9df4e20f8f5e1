import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import type { BadShareReport } from '../chain/reportBadShare.js';
import { zeroize } from '../crypto/aead.js';
import type { HpkeKeyPair } from '../crypto/hpke.js';
import { NoAssignmentError, PeerError, RecoveryKeysMismatchError } from '../errors/owner.js';
import { recoveryKeysRoot, releaseRequestPayload } from '../protocol/messages.js';
import { assignmentViewOf, commitmentsCache } from '../provider/chainView.js';
import { postJson, providerEndpoint } from './providers.js';
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
}

/**
 * Flow 3, after the chain finalized the restart attestation: reads the confirmed epoch and
 * its holders at the finalized head, and the commitment each holder acknowledged from the
 * confirmation the chain included (see `confirmedCommitments`), asks every
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
  const at = await api.at(await api.rpc.chain.getFinalizedHead());
  const [state, stored] = await Promise.all([
    at.query.backups.assignments(p.owner),
    at.query.backups.confirmedCommitments(p.owner),
  ]);
  if (state.isNone) throw new NoAssignmentError(p.owner);
  const a = state.unwrap();
  // Owners confirmed before the runtime stored commitments: read from the confirmation.
  const confirmed = await assignmentViewOf(p.owner, a, stored, commitmentsCache(api));
  const providers = confirmed.confirmedProviders;
  const commitments = confirmed.confirmedCommitments;
  if (p.recoveryKeys.length !== providers.length)
    throw new RecoveryKeysMismatchError(p.recoveryKeys.length, providers.length);
  const holders = providers.map((provider, i) => ({
    provider,
    commitment: commitments[i]!,
    recovery: p.recoveryKeys[i]!,
  }));
  const publicKeys = [...p.recoveryKeys.map((k) => k.publicKey), ...(p.rootExtra ?? [])];
  const root = recoveryKeysRoot(publicKeys);
  const epoch = a.confirmedEpoch.toNumber();
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
      threshold: a.confirmedThreshold.toNumber(),
      received,
      skip: p.skip,
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
        const target = await providerEndpoint(api, provider);
        if (!target) throw new PeerError('PROVIDER_NOT_REGISTERED', 'not registered');
        const signature = p.restartKey.sign(
          releaseRequestPayload(genesisHash, p.owner, p.incarnation, root, provider),
        );
        return await postJson(`${target.endpoint}/v1/backup-provider/release`, {
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
