import type { ApiPromise } from '@polkadot/api';

/** What a provider reads from the chain to decide (all at the best block). */
export interface ProviderChainView {
  /** Genesis hash (32 bytes): domain of every signature. */
  genesisHash(): Uint8Array;
  /** Best block number. */
  bestBlock(): Promise<number>;
  /** The owner's assignment, or undefined if it has none. */
  assignment(
    owner: string,
  ): Promise<
    | { epoch: number; providers: string[]; confirmedEpoch: number; confirmedProviders: string[] }
    | undefined
  >;
  /** The owner's latest attestation, or undefined. */
  attestation(
    owner: string,
  ): Promise<
    { incarnation: number; recoveryPublicKey: Uint8Array; attestedAt: number } | undefined
  >;
  /** The sr25519 restart key registered for the owner, or undefined if unregistered. */
  restartKey(owner: string): Promise<Uint8Array | undefined>;
}

/**
 * {@link ProviderChainView} over a typed ApiPromise (chain-types). Accounts are returned
 * as the API formats them; compare by public key.
 */
export function apiChainView(api: ApiPromise): ProviderChainView {
  return {
    genesisHash: () => api.genesisHash.toU8a(),
    bestBlock: async () => (await api.rpc.chain.getHeader()).number.toNumber(),
    assignment: async (owner) => {
      const state = await api.query.backups.assignments(owner);
      if (state.isNone) return undefined;
      const s = state.unwrap();
      return {
        epoch: s.epoch.toNumber(),
        providers: s.providers.map((p) => p.toString()),
        confirmedEpoch: s.confirmedEpoch.toNumber(),
        confirmedProviders: s.confirmedProviders.map((p) => p.toString()),
      };
    },
    attestation: async (owner) => {
      const record = await api.query.attestation.attestations(owner);
      if (record.isNone) return undefined;
      const r = record.unwrap();
      return {
        incarnation: r.incarnation.toNumber(),
        recoveryPublicKey: r.recoveryPublicKey.toU8a(),
        attestedAt: r.attestedAt.toNumber(),
      };
    },
    restartKey: async (owner) => {
      const operator = await api.query.registry.tssOperators(owner);
      if (operator.isNone) return undefined;
      const info = await api.query.registry.validators(operator.unwrap());
      return info.isSome ? info.unwrap().server.restartKey.toU8a() : undefined;
    },
  };
}
