// Auto-generated via `yarn polkadot-types-from-chain`, do not edit
/* eslint-disable */

// import type lookup before we augment - in some environments
// this is required to allow for ambient/previous definitions
import '@polkadot/api-base/types/storage';

import type { ApiTypes, AugmentedQuery, QueryableStorageEntry } from '@polkadot/api-base/types';
import type { Bytes, Null, Option, Struct, U8aFixed, Vec, bool, u128, u32, u64, u8 } from '@polkadot/types-codec';
import type { AnyNumber, ITuple } from '@polkadot/types-codec/types';
import type { AccountId32, H256 } from '@polkadot/types/interfaces/runtime';
import type { CustosPrimitivesCollateralCollateralKey, CustosRuntimeRuntimeHoldReason, FrameSupportDispatchPerDispatchClassWeight, FrameSupportTokensFungibleImbalance, FrameSupportTokensMiscIdAmount, FrameSystemAccountInfo, FrameSystemCodeUpgradeAuthorization, FrameSystemEventRecord, FrameSystemLastRuntimeUpgradeInfo, FrameSystemPhase, PalletBalancesAccountData, PalletBalancesBalanceLock, PalletBalancesReserveData, PalletCustosAttestationAttestationRecord, PalletCustosAttestationCachedCollateral, PalletCustosAttestationCollateralPolicy, PalletCustosAttestationSignatureMemo, PalletCustosAttestationTdPolicy, PalletCustosAttestationTrustPolicy, PalletCustosBackupsBackupParams, PalletCustosBackupsBackupState, PalletCustosBackupsBadShareRecord, PalletCustosBackupsEscrowColdRequest, PalletCustosBackupsEscrowEscrowCommittee, PalletCustosBackupsEscrowEscrowDeposit, PalletCustosBackupsEscrowEscrowRelease, PalletCustosBackupsReassignmentRound, PalletCustosRegistryActiveValidator, PalletCustosRegistryValidatorInfo, PalletGrandpaStoredPendingChange, PalletGrandpaStoredState, PalletTransactionPaymentReleases, SpConsensusAuraSr25519AppSr25519Public, SpConsensusGrandpaAppPublic, SpRuntimeDigest, SpWeightsWeightV2Weight } from '@polkadot/types/lookup';
import type { Observable } from '@polkadot/types/types';

export type __AugmentedQuery<ApiType extends ApiTypes> = AugmentedQuery<ApiType, () => unknown>;
export type __QueryableStorageEntry<ApiType extends ApiTypes> = QueryableStorageEntry<ApiType>;

declare module '@polkadot/api-base/types/storage' {
  interface AugmentedQueries<ApiType extends ApiTypes> {
    attestation: {
      /**
       * Measurements (see [`Measurement`]) of TD images governance accepts.
       **/
      acceptedMeasurements: AugmentedQuery<ApiType, () => Observable<Vec<U8aFixed>>, []>;
      /**
       * Which TD report fields, besides the measurement, quotes must match (see [`TdPolicy`]).
       **/
      activeTdPolicy: AugmentedQuery<ApiType, () => Observable<PalletCustosAttestationTdPolicy>, []>;
      /**
       * Latest confirmed attestation per TSS account.
       **/
      attestations: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<Option<PalletCustosAttestationAttestationRecord>>, [AccountId32]>;
      /**
       * The SCALE-encoded `dcap_qvl::QuoteCollateralV3` of each bundle in
       * [`CollateralCache`], as uploaded (kept apart so that expiry checks read little).
       **/
      collateralBundles: AugmentedQuery<ApiType, (arg: CustosPrimitivesCollateralCollateralKey | { fmspc?: any; pckCa?: any } | string | Uint8Array) => Observable<Option<Bytes>>, [CustosPrimitivesCollateralCollateralKey]>;
      /**
       * A collateral bundle per FMSPC and PCK CA, verified once against Intel's root when it
       * was uploaded; Intel path quotes may refer to it instead of carrying collateral.
       **/
      collateralCache: AugmentedQuery<ApiType, (arg: CustosPrimitivesCollateralCollateralKey | { fmspc?: any; pckCa?: any } | string | Uint8Array) => Observable<Option<PalletCustosAttestationCachedCollateral>>, [CustosPrimitivesCollateralCollateralKey]>;
      /**
       * Governance's rules for Intel collateral (see [`CollateralPolicy`]).
       **/
      collateralRules: AugmentedQuery<ApiType, () => Observable<PalletCustosAttestationCollateralPolicy>, []>;
      /**
       * The digests of the signatures each cached bundle carries (and of Intel's root over the
       * uploading quote's PCK CA certificate), verified on upload: a cached-path quote pays
       * only for the signatures that are new with it (see `custos_primitives::signature_memo`).
       * Written and removed with [`CollateralCache`]; a bundle without one is not used.
       **/
      collateralSignatureMemos: AugmentedQuery<ApiType, (arg: CustosPrimitivesCollateralCollateralKey | { fmspc?: any; pckCa?: any } | string | Uint8Array) => Observable<Option<PalletCustosAttestationSignatureMemo>>, [CustosPrimitivesCollateralCollateralKey]>;
      /**
       * Counter for the related counted storage map
       **/
      counterForCollateralCache: AugmentedQuery<ApiType, () => Observable<u32>, []>;
      /**
       * Hash of block 0, recorded in block 1 (system keeps block hashes only for a while).
       **/
      genesisHash: AugmentedQuery<ApiType, () => Observable<Option<H256>>, []>;
      /**
       * Which roots may vouch for a quote.
       **/
      trust: AugmentedQuery<ApiType, () => Observable<PalletCustosAttestationTrustPolicy>, []>;
    };
    aura: {
      /**
       * The current authority set.
       **/
      authorities: AugmentedQuery<ApiType, () => Observable<Vec<SpConsensusAuraSr25519AppSr25519Public>>, []>;
      /**
       * The current slot of this block.
       * 
       * This will be set in `on_initialize`.
       **/
      currentSlot: AugmentedQuery<ApiType, () => Observable<u64>, []>;
    };
    backups: {
      /**
       * Backup state per owner (TSS account).
       **/
      assignments: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<Option<PalletCustosBackupsBackupState>>, [AccountId32]>;
      /**
       * Proven bad share releases: (owner, owner's incarnation, provider) → what the chain
       * established (see [`Pallet::report_bad_share`]). One per provider and incarnation.
       **/
      badShareReports: AugmentedQuery<ApiType, (arg1: AccountId32 | string | Uint8Array, arg2: u32 | AnyNumber | Uint8Array, arg3: AccountId32 | string | Uint8Array) => Observable<Option<PalletCustosBackupsBadShareRecord>>, [AccountId32, u32, AccountId32]>;
      /**
       * Each owner's open cold recovery request (at most one: a newer incarnation's replaces
       * it; a confirmation of a newer epoch closes it).
       **/
      coldRequests: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<Option<PalletCustosBackupsEscrowColdRequest>>, [AccountId32]>;
      /**
       * The escrow committee, if the network has one (see [`crate::escrow`]).
       **/
      committee: AugmentedQuery<ApiType, () => Observable<Option<PalletCustosBackupsEscrowEscrowCommittee>>, []>;
      /**
       * Per owner, the share commitment each holder of the confirmed epoch acknowledged, in
       * the order of `BackupState::confirmed_providers`.
       **/
      confirmedCommitments: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<Vec<U8aFixed>>, [AccountId32]>;
      /**
       * Per owner, the incarnation each holder of the confirmed epoch acknowledged with, in
       * the order of `BackupState::confirmed_providers`: a holder whose recorded incarnation
       * moved on has lost its share ([`Pallet::intact_holders`]).
       **/
      confirmedIncarnations: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<Vec<u32>>, [AccountId32]>;
      /**
       * Counter for the related counted storage map
       **/
      counterForUnderProvisioned: AugmentedQuery<ApiType, () => Observable<u32>, []>;
      /**
       * Providers that left the active set while some owners' current epochs still name
       * them: those owners wait for their reassignment in the open [`Round`]. Never holds a
       * member of the current active set.
       **/
      departedProviders: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<Option<Null>>, [AccountId32]>;
      /**
       * How many deposits on chain name each generation (current or retired); a retired
       * committee is removed when its count reaches zero.
       **/
      escrowDepositCount: AugmentedQuery<ApiType, (arg: u32 | AnyNumber | Uint8Array) => Observable<u32>, [u32]>;
      /**
       * Escrow deposits: (owner, epoch) → the epoch's KEK split for the committee. Kept for
       * the confirmed epoch and the open one.
       **/
      escrowDeposits: AugmentedQuery<ApiType, (arg1: AccountId32 | string | Uint8Array, arg2: u32 | AnyNumber | Uint8Array) => Observable<Option<PalletCustosBackupsEscrowEscrowDeposit>>, [AccountId32, u32]>;
      /**
       * Generation of the last committee set (never reused, also after a clear).
       **/
      escrowGeneration: AugmentedQuery<ApiType, () => Observable<u32>, []>;
      /**
       * Escrow releases: (owner, incarnation, member index) → the member's sealed share.
       **/
      escrowReleases: AugmentedQuery<ApiType, (arg1: AccountId32 | string | Uint8Array, arg2: u32 | AnyNumber | Uint8Array, arg3: u32 | AnyNumber | Uint8Array) => Observable<Option<PalletCustosBackupsEscrowEscrowRelease>>, [AccountId32, u32, u32]>;
      /**
       * Block of each owner's last checkpoint.
       **/
      lastCheckpoint: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<Option<u32>>, [AccountId32]>;
      /**
       * Block of each owner's last escrow deposit (deposits are rate-limited like
       * checkpoints).
       **/
      lastEscrowDeposit: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<Option<u32>>, [AccountId32]>;
      /**
       * Operator of each owner (from its registration).
       **/
      ownerOperators: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<Option<AccountId32>>, [AccountId32]>;
      /**
       * Governance parameters.
       **/
      params: AugmentedQuery<ApiType, () => Observable<PalletCustosBackupsBackupParams>, []>;
      /**
       * The validators providers are drawn from: the current active set.
       **/
      pool: AugmentedQuery<ApiType, () => Observable<Vec<PalletCustosRegistryActiveValidator>>, []>;
      /**
       * Number of owners whose current epoch names the provider.
       **/
      providerLoad: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<u32>, [AccountId32]>;
      /**
       * Reverse index: (provider, owner) for every provider of an owner's current epoch.
       **/
      providerOwners: AugmentedQuery<ApiType, (arg1: AccountId32 | string | Uint8Array, arg2: AccountId32 | string | Uint8Array) => Observable<Option<Null>>, [AccountId32, AccountId32]>;
      /**
       * Release receipts: (owner, incarnation, provider) → block.
       **/
      releaseReceipts: AugmentedQuery<ApiType, (arg1: AccountId32 | string | Uint8Array, arg2: u32 | AnyNumber | Uint8Array, arg3: AccountId32 | string | Uint8Array) => Observable<Option<u32>>, [AccountId32, u32, AccountId32]>;
      /**
       * Committees governance replaced or cleared whose deposits are still on chain:
       * generation → committee. A deposit is served by the members of its own generation, so
       * an owner that was down when the committee changed can still recover; the entry goes
       * with the last deposit naming it ([`EscrowDepositCount`]).
       **/
      retiredCommittees: AugmentedQuery<ApiType, (arg: u32 | AnyNumber | Uint8Array) => Observable<Option<PalletCustosBackupsEscrowEscrowCommittee>>, [u32]>;
      /**
       * The reassignment work of the last session boundary, while any is left (see
       * [`ReassignmentRound`] and [`Pallet::continue_reassignments`]).
       **/
      round: AugmentedQuery<ApiType, () => Observable<Option<PalletCustosBackupsReassignmentRound>>, []>;
      /**
       * Owners with fewer than `n` providers, topped up at session boundaries.
       **/
      underProvisioned: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<Option<Null>>, [AccountId32]>;
    };
    balances: {
      /**
       * The Balances pallet example of storing the balance of an account.
       * 
       * # Example
       * 
       * ```nocompile
       * impl pallet_balances::Config for Runtime {
       * type AccountStore = StorageMapShim<Self::Account<Runtime>, frame_system::Provider<Runtime>, AccountId, Self::AccountData<Balance>>
       * }
       * ```
       * 
       * You can also store the balance of an account in the `System` pallet.
       * 
       * # Example
       * 
       * ```nocompile
       * impl pallet_balances::Config for Runtime {
       * type AccountStore = System
       * }
       * ```
       * 
       * But this comes with tradeoffs, storing account balances in the system pallet stores
       * `frame_system` data alongside the account data contrary to storing account balances in the
       * `Balances` pallet, which uses a `StorageMap` to store balances data only.
       * NOTE: This is only used in the case that this pallet is used to store balances.
       **/
      account: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<PalletBalancesAccountData>, [AccountId32]>;
      /**
       * Freeze locks on account balances.
       **/
      freezes: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<Vec<FrameSupportTokensMiscIdAmount>>, [AccountId32]>;
      /**
       * Holds on account balances.
       **/
      holds: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<Vec<{
    readonly id: CustosRuntimeRuntimeHoldReason;
    readonly amount: u128;
  } & Struct>>, [AccountId32]>;
      /**
       * The total units of outstanding deactivated balance in the system.
       * 
       * This is not guaranteed to be less than or equal to [`TotalIssuance`]. Total issuance may be
       * reduced independently of this value, including while a reversible imbalance is outstanding.
       * Active issuance is therefore derived using saturating subtraction.
       **/
      inactiveIssuance: AugmentedQuery<ApiType, () => Observable<u128>, []>;
      /**
       * Any liquidity locks on some account balances.
       * NOTE: Should only be accessed when setting, changing and freeing a lock.
       * 
       * Use of locks is deprecated in favour of freezes. See `https://github.com/paritytech/substrate/pull/12951/`
       **/
      locks: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<Vec<PalletBalancesBalanceLock>>, [AccountId32]>;
      /**
       * Named reserves on some account balances.
       * 
       * Use of reserves is deprecated in favour of holds. See `https://github.com/paritytech/substrate/pull/12951/`
       **/
      reserves: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<Vec<PalletBalancesReserveData>>, [AccountId32]>;
      /**
       * The total units issued in the system.
       **/
      totalIssuance: AugmentedQuery<ApiType, () => Observable<u128>, []>;
    };
    grandpa: {
      /**
       * The current list of authorities.
       **/
      authorities: AugmentedQuery<ApiType, () => Observable<Vec<ITuple<[SpConsensusGrandpaAppPublic, u64]>>>, []>;
      /**
       * The number of changes (both in terms of keys and underlying economic responsibilities)
       * in the "set" of Grandpa validators from genesis.
       **/
      currentSetId: AugmentedQuery<ApiType, () => Observable<u64>, []>;
      /**
       * next block number where we can force a change.
       **/
      nextForced: AugmentedQuery<ApiType, () => Observable<Option<u32>>, []>;
      /**
       * Pending change: (signaled at, scheduled change).
       **/
      pendingChange: AugmentedQuery<ApiType, () => Observable<Option<PalletGrandpaStoredPendingChange>>, []>;
      /**
       * A mapping from grandpa set ID to the index of the *most recent* session for which its
       * members were responsible.
       * 
       * This is only used for validating equivocation proofs. An equivocation proof must
       * contains a key-ownership proof for a given session, therefore we need a way to tie
       * together sessions and GRANDPA set ids, i.e. we need to validate that a validator
       * was the owner of a given key on a given session, and what the active set ID was
       * during that session.
       * 
       * TWOX-NOTE: `SetId` is not under user control.
       **/
      setIdSession: AugmentedQuery<ApiType, (arg: u64 | AnyNumber | Uint8Array) => Observable<Option<u32>>, [u64]>;
      /**
       * `true` if we are currently stalled.
       **/
      stalled: AugmentedQuery<ApiType, () => Observable<Option<ITuple<[u32, u32]>>>, []>;
      /**
       * State of the current authority set.
       **/
      state: AugmentedQuery<ApiType, () => Observable<PalletGrandpaStoredState>, []>;
    };
    randomness: {
      /**
       * Series of block headers from the last 81 blocks that acts as random seed material. This
       * is arranged as a ring buffer with `block_number % 81` being the index into the `Vec` of
       * the oldest hash.
       **/
      randomMaterial: AugmentedQuery<ApiType, () => Observable<Vec<H256>>, []>;
    };
    registry: {
      /**
       * The current session's active set, sorted by operator.
       **/
      activeSet: AugmentedQuery<ApiType, () => Observable<Vec<PalletCustosRegistryActiveValidator>>, []>;
      /**
       * Counter for the related counted storage map
       **/
      counterForValidators: AugmentedQuery<ApiType, () => Observable<u32>, []>;
      /**
       * Index of the current session.
       **/
      currentSession: AugmentedQuery<ApiType, () => Observable<u32>, []>;
      /**
       * Blocks per session.
       **/
      sessionLength: AugmentedQuery<ApiType, () => Observable<u32>, []>;
      /**
       * Operator of each registered TSS account.
       **/
      tssOperators: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<Option<AccountId32>>, [AccountId32]>;
      /**
       * Registered validators by operator account.
       **/
      validators: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<Option<PalletCustosRegistryValidatorInfo>>, [AccountId32]>;
    };
    sudo: {
      /**
       * The `AccountId` of the sudo key.
       **/
      key: AugmentedQuery<ApiType, () => Observable<Option<AccountId32>>, []>;
    };
    system: {
      /**
       * The full account information for a particular account ID.
       **/
      account: AugmentedQuery<ApiType, (arg: AccountId32 | string | Uint8Array) => Observable<FrameSystemAccountInfo>, [AccountId32]>;
      /**
       * `Some` if a code upgrade has been authorized.
       **/
      authorizedUpgrade: AugmentedQuery<ApiType, () => Observable<Option<FrameSystemCodeUpgradeAuthorization>>, []>;
      /**
       * Map of block numbers to block hashes.
       **/
      blockHash: AugmentedQuery<ApiType, (arg: u32 | AnyNumber | Uint8Array) => Observable<H256>, [u32]>;
      /**
       * Total size (in bytes) of the current block.
       * 
       * Tracks the size of the header and all extrinsics.
       **/
      blockSize: AugmentedQuery<ApiType, () => Observable<Option<u32>>, []>;
      /**
       * Number of blocks till the pending code upgrade is applied.
       **/
      blocksTillUpgrade: AugmentedQuery<ApiType, () => Observable<Option<u8>>, []>;
      /**
       * The current weight for the block.
       **/
      blockWeight: AugmentedQuery<ApiType, () => Observable<FrameSupportDispatchPerDispatchClassWeight>, []>;
      /**
       * Digest of the current block, also part of the block header.
       **/
      digest: AugmentedQuery<ApiType, () => Observable<SpRuntimeDigest>, []>;
      /**
       * The number of events in the `Events<T>` list.
       **/
      eventCount: AugmentedQuery<ApiType, () => Observable<u32>, []>;
      /**
       * Events deposited for the current block.
       * 
       * NOTE: The item is unbound and should therefore never be read on chain.
       * It could otherwise inflate the PoV size of a block.
       * 
       * Events have a large in-memory size. Box the events to not go out-of-memory
       * just in case someone still reads them from within the runtime.
       **/
      events: AugmentedQuery<ApiType, () => Observable<Vec<FrameSystemEventRecord>>, []>;
      /**
       * Mapping between a topic (represented by T::Hash) and a vector of indexes
       * of events in the `<Events<T>>` list.
       * 
       * All topic vectors have deterministic storage locations depending on the topic. This
       * allows light-clients to leverage the changes trie storage tracking mechanism and
       * in case of changes fetch the list of events of interest.
       * 
       * The value has the type `(BlockNumberFor<T>, EventIndex)` because if we used only just
       * the `EventIndex` then in case if the topic has the same contents on the next block
       * no notification will be triggered thus the event might be lost.
       **/
      eventTopics: AugmentedQuery<ApiType, (arg: H256 | string | Uint8Array) => Observable<Vec<ITuple<[u32, u32]>>>, [H256]>;
      /**
       * The execution phase of the block.
       **/
      executionPhase: AugmentedQuery<ApiType, () => Observable<Option<FrameSystemPhase>>, []>;
      /**
       * Total extrinsics count for the current block.
       **/
      extrinsicCount: AugmentedQuery<ApiType, () => Observable<Option<u32>>, []>;
      /**
       * Extrinsics data for the current block (maps an extrinsic's index to its data).
       **/
      extrinsicData: AugmentedQuery<ApiType, (arg: u32 | AnyNumber | Uint8Array) => Observable<Bytes>, [u32]>;
      /**
       * The weight reclaimed for the extrinsic.
       * 
       * This information is available until the end of the extrinsic execution.
       * More precisely this information is removed in `note_applied_extrinsic`.
       * 
       * Logic doing some post dispatch weight reduction must update this storage to avoid duplicate
       * reduction.
       **/
      extrinsicWeightReclaimed: AugmentedQuery<ApiType, () => Observable<SpWeightsWeightV2Weight>, []>;
      /**
       * Whether all inherents have been applied.
       **/
      inherentsApplied: AugmentedQuery<ApiType, () => Observable<bool>, []>;
      /**
       * Stores the `spec_version` and `spec_name` of when the last runtime upgrade happened.
       **/
      lastRuntimeUpgrade: AugmentedQuery<ApiType, () => Observable<Option<FrameSystemLastRuntimeUpgradeInfo>>, []>;
      /**
       * The current block number being processed. Set by `execute_block`.
       **/
      number: AugmentedQuery<ApiType, () => Observable<u32>, []>;
      /**
       * Hash of the previous block.
       **/
      parentHash: AugmentedQuery<ApiType, () => Observable<H256>, []>;
      /**
       * True if we have upgraded so that AccountInfo contains three types of `RefCount`. False
       * (default) if not.
       **/
      upgradedToTripleRefCount: AugmentedQuery<ApiType, () => Observable<bool>, []>;
      /**
       * True if we have upgraded so that `type RefCount` is `u32`. False (default) if not.
       **/
      upgradedToU32RefCount: AugmentedQuery<ApiType, () => Observable<bool>, []>;
    };
    timestamp: {
      /**
       * Whether the timestamp has been updated in this block.
       * 
       * This value is updated to `true` upon successful submission of a timestamp by a node.
       * It is then checked at the end of each block execution in the `on_finalize` hook.
       **/
      didUpdate: AugmentedQuery<ApiType, () => Observable<bool>, []>;
      /**
       * The current time for the current block.
       **/
      now: AugmentedQuery<ApiType, () => Observable<u64>, []>;
    };
    transactionPayment: {
      nextFeeMultiplier: AugmentedQuery<ApiType, () => Observable<u128>, []>;
      storageVersion: AugmentedQuery<ApiType, () => Observable<PalletTransactionPaymentReleases>, []>;
      /**
       * The `OnChargeTransaction` stores the withdrawn tx fee here.
       * 
       * Use `withdraw_txfee` and `remaining_txfee` to access from outside the crate.
       **/
      txPaymentCredit: AugmentedQuery<ApiType, () => Observable<Option<FrameSupportTokensFungibleImbalance>>, []>;
    };
  } // AugmentedQueries
} // declare module
