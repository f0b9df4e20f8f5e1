import type { ApiPromise } from '@polkadot/api';
import type {
  PalletCustosAttestationAttestationRecord,
  PalletCustosBackupsBackupState,
} from '@polkadot/types/lookup';
import type { U8aFixed, Vec } from '@polkadot/types-codec';
import { confirmedCommitments } from '../chain/confirmedCommitments.js';

/** An owner's backup assignment as a provider needs it. */
export interface AssignmentView {
  epoch: number;
  providers: string[];
  confirmedEpoch: number;
  /** Block of the confirmation of `confirmedEpoch` (0 when none). */
  confirmedAt: number;
  confirmedProviders: string[];
  /** Per confirmed holder (same order), the share commitment the chain recorded. */
  confirmedCommitments: Uint8Array[];
}

/** An account's latest attestation record. */
export interface AttestationView {
  incarnation: number;
  /** What the latest quote bound: `recoveryKeysRoot` of the per-holder keys (restart). */
  recoveryKeysRoot: Uint8Array;
  attestedAt: number;
}

/**
 * Chain state at one finalized block: every read of one request comes from the same
 * block, and never from a block that could still be dropped.
 */
export interface FinalizedView {
  /** Number of the finalized block the reads come from. */
  block: number;
  /** The owner's assignment, or undefined if it has none. */
  assignment(owner: string): Promise<AssignmentView | undefined>;
  /** The account's latest attestation, or undefined. */
  attestation(account: string): Promise<AttestationView | undefined>;
  /** The sr25519 restart key registered for the owner, or undefined if unregistered. */
  restartKey(owner: string): Promise<Uint8Array | undefined>;
}

/** What a provider reads from the chain to decide: finalized state only. */
export interface ProviderChainView {
  /** Genesis hash (32 bytes): domain of every signature. */
  genesisHash(): Uint8Array;
  /** A view of the latest finalized block. */
  finalized(): Promise<FinalizedView>;
  /**
   * A view of the first finalized block after `block`, once it is read, or undefined if
   * none comes within the view's wait. Lets a request that names chain state newer than
   * what the view holds wait for it instead of being refused from older state. Views that
   * read the chain on every call do not need it.
   */
  newer?(block: number): Promise<FinalizedView | undefined>;
}

/** Most confirmations whose commitments {@link commitmentsCache} remembers. */
const COMMITMENT_CACHE = 1024;

/**
 * The commitments of one confirmation, read from the confirmation extrinsic the chain
 * included (owners confirmed before the runtime stored commitments), once per (owner,
 * epoch, block): a confirmation never changes. Bounded; a failed read is forgotten.
 */
export function commitmentsCache(api: ApiPromise) {
  const cache = new Map<string, Promise<Uint8Array[]>>();
  return (owner: string, epoch: number, confirmedAt: number, holders: string[]) => {
    if (epoch === 0 || holders.length === 0) return Promise.resolve([]);
    const key = `${owner}/${epoch}/${confirmedAt}`;
    let found = cache.get(key);
    if (!found) {
      found = confirmedCommitments(api, { owner, epoch, confirmedAt, holders });
      found.catch(() => cache.delete(key));
      if (cache.size >= COMMITMENT_CACHE) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      cache.set(key, found);
    }
    return found;
  };
}

/** What {@link commitmentsCache} returns: the commitments of one confirmation. */
export type CommitmentsOf = ReturnType<typeof commitmentsCache>;

/**
 * An owner's assignment as a provider needs it, from its `Assignments` and
 * `ConfirmedCommitments` records. Owners confirmed before the runtime stored commitments
 * have none stored: those are read from the confirmation the chain included.
 */
export async function assignmentViewOf(
  owner: string,
  s: PalletCustosBackupsBackupState,
  stored: Vec<U8aFixed>,
  commitmentsOf: CommitmentsOf,
): Promise<AssignmentView> {
  const confirmedProviders = s.confirmedProviders.map((p) => p.toString());
  return {
    epoch: s.epoch.toNumber(),
    providers: s.providers.map((p) => p.toString()),
    confirmedEpoch: s.confirmedEpoch.toNumber(),
    confirmedAt: s.confirmedAt.toNumber(),
    confirmedProviders,
    confirmedCommitments:
      stored.length === confirmedProviders.length
        ? stored.map((c) => c.toU8a())
        : await commitmentsOf(
            owner,
            s.confirmedEpoch.toNumber(),
            s.confirmedAt.toNumber(),
            confirmedProviders,
          ),
  };
}

/** An account's attestation record as a provider needs it. */
export function attestationViewOf(r: PalletCustosAttestationAttestationRecord): AttestationView {
  return {
    incarnation: r.incarnation.toNumber(),
    recoveryKeysRoot: r.recoveryKeysRoot.toU8a(),
    attestedAt: r.attestedAt.toNumber(),
  };
}

/**
 * {@link ProviderChainView} over a typed ApiPromise (chain-types), reading at the chain's
 * finalized head on every call (the test harness's in-process providers; a companion uses
 * `watchedChainView`, which reads off the request path). Accounts are returned as the API
 * formats them; compare by public key.
 */
export function apiChainView(api: ApiPromise): ProviderChainView {
  const commitmentsOf = commitmentsCache(api);
  return {
    genesisHash: () => api.genesisHash.toU8a(),
    finalized: async () => {
      const hash = await api.rpc.chain.getFinalizedHead();
      const [at, header] = await Promise.all([api.at(hash), api.rpc.chain.getHeader(hash)]);
      return {
        block: header.number.toNumber(),
        assignment: async (owner) => {
          const [state, stored] = await Promise.all([
            at.query.backups.assignments(owner),
            at.query.backups.confirmedCommitments(owner),
          ]);
          return state.isNone
            ? undefined
            : await assignmentViewOf(owner, state.unwrap(), stored, commitmentsOf);
        },
        attestation: async (account) => {
          const record = await at.query.attestation.attestations(account);
          return record.isNone ? undefined : attestationViewOf(record.unwrap());
        },
        restartKey: async (owner) => {
          const operator = await at.query.registry.tssOperators(owner);
          if (operator.isNone) return undefined;
          const info = await at.query.registry.validators(operator.unwrap());
          return info.isSome ? info.unwrap().server.restartKey.toU8a() : undefined;
        },
      };
    },
  };
}
