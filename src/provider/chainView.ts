import type { ApiPromise } from '@polkadot/api';

/** An owner's backup assignment as a provider needs it. */
export interface AssignmentView {
  epoch: number;
  providers: string[];
  confirmedEpoch: number;
  confirmedProviders: string[];
  /** Per confirmed holder (same order), the share commitment the chain recorded. */
  confirmedCommitments: Uint8Array[];
}

/** An account's latest attestation record. */
export interface AttestationView {
  incarnation: number;
  recoveryPublicKey: Uint8Array;
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
}

/**
 * {@link ProviderChainView} over a typed ApiPromise (chain-types), reading at the chain's
 * finalized head. Accounts are returned as the API formats them; compare by public key.
 */
export function apiChainView(api: ApiPromise): ProviderChainView {
  return {
    genesisHash: () => api.genesisHash.toU8a(),
    finalized: async () => {
      const hash = await api.rpc.chain.getFinalizedHead();
      const [at, header] = await Promise.all([api.at(hash), api.rpc.chain.getHeader(hash)]);
      return {
        block: header.number.toNumber(),
        assignment: async (owner) => {
          const [state, commitments] = await Promise.all([
            at.query.backups.assignments(owner),
            at.query.backups.confirmedCommitments(owner),
          ]);
          if (state.isNone) return undefined;
          const s = state.unwrap();
          return {
            epoch: s.epoch.toNumber(),
            providers: s.providers.map((p) => p.toString()),
            confirmedEpoch: s.confirmedEpoch.toNumber(),
            confirmedProviders: s.confirmedProviders.map((p) => p.toString()),
            confirmedCommitments: commitments.map((c) => c.toU8a()),
          };
        },
        attestation: async (account) => {
          const record = await at.query.attestation.attestations(account);
          if (record.isNone) return undefined;
          const r = record.unwrap();
          return {
            incarnation: r.incarnation.toNumber(),
            recoveryPublicKey: r.recoveryPublicKey.toU8a(),
            attestedAt: r.attestedAt.toNumber(),
          };
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
