// Auto-generated via `yarn polkadot-types-from-chain`, do not edit
/* eslint-disable */

// import type lookup before we augment - in some environments
// this is required to allow for ambient/previous definitions
import '@polkadot/api-base/types/consts';

import type { ApiTypes, AugmentedConst } from '@polkadot/api-base/types';
import type { u128, u16, u32, u64, u8 } from '@polkadot/types-codec';
import type { FrameSystemLimitsBlockLength, FrameSystemLimitsBlockWeights, SpVersionRuntimeVersion, SpWeightsRuntimeDbWeight, SpWeightsWeightV2Weight } from '@polkadot/types/lookup';

export type __AugmentedConst<ApiType extends ApiTypes> = AugmentedConst<ApiType>;

declare module '@polkadot/api-base/types/consts' {
  interface AugmentedConsts<ApiType extends ApiTypes> {
    attestation: {
      /**
       * Most collateral bundles cached at once (one per FMSPC and PCK CA in the fleet).
       **/
      maxCachedCollateral: u32 & AugmentedConst<ApiType>;
      /**
       * Largest SCALE-encoded collateral accepted, in bytes.
       **/
      maxCollateralLen: u32 & AugmentedConst<ApiType>;
      /**
       * Most allow-listed dev PCK keys.
       **/
      maxDevPckKeys: u32 & AugmentedConst<ApiType>;
      /**
       * Most accepted measurements at once.
       **/
      maxMeasurements: u32 & AugmentedConst<ApiType>;
      /**
       * A quote must bind a block at most this many blocks old.
       **/
      maxQuoteAge: u32 & AugmentedConst<ApiType>;
      /**
       * Largest quote accepted, in bytes.
       **/
      maxQuoteLen: u32 & AugmentedConst<ApiType>;
      /**
       * Minimum blocks between two accepted restart attestations of one account.
       **/
      minRestartInterval: u32 & AugmentedConst<ApiType>;
      /**
       * Pool priority of restart attestations.
       **/
      unsignedPriority: u64 & AugmentedConst<ApiType>;
    };
    aura: {
      /**
       * The slot duration Aura should run with, expressed in milliseconds.
       * 
       * The effective value of this type can be changed with a runtime upgrade.
       * 
       * For backwards compatibility either use [`MinimumPeriodTimesTwo`] or a const.
       **/
      slotDuration: u64 & AugmentedConst<ApiType>;
    };
    backups: {
      /**
       * Blocks after a cold request within which it can be approved and released to.
       **/
      coldRequestLifetime: u32 & AugmentedConst<ApiType>;
      /**
       * Blocks after its restart attestation within which an owner may request cold
       * recovery.
       **/
      coldRequestWindow: u32 & AugmentedConst<ApiType>;
      /**
       * Most cold requests one approval names.
       **/
      maxColdApprovals: u32 & AugmentedConst<ApiType>;
      /**
       * Most escrow committee members.
       **/
      maxEscrowMembers: u32 & AugmentedConst<ApiType>;
      /**
       * Most under-provisioned owners topped up per session.
       **/
      maxFillsPerSession: u32 & AugmentedConst<ApiType>;
      /**
       * Largest active set the pallet draws from.
       **/
      maxPool: u32 & AugmentedConst<ApiType>;
      /**
       * Largest `n`.
       **/
      maxProviders: u32 & AugmentedConst<ApiType>;
      /**
       * Most owners reassigned or topped up in one block; a session's remaining work
       * waits for the next blocks (see [`ReassignmentRound`]).
       **/
      maxReassignmentsPerBlock: u32 & AugmentedConst<ApiType>;
      /**
       * Most recovery keys a cold request reveals: `MaxProviders` + 1 (the escrow key).
       **/
      maxRecoveryKeys: u32 & AugmentedConst<ApiType>;
      /**
       * Minimum blocks between two checkpoints of one owner.
       **/
      minCheckpointInterval: u32 & AugmentedConst<ApiType>;
      /**
       * Most weight the session's reassignment work may use in one block. An owner is
       * started only if its worst case (every slot falling back to a scan of `MaxPool`)
       * still fits. `integrity_test` requires it to hold one worst-case owner with
       * `n = MaxProviders` and to be at most a quarter of the block.
       **/
      reassignmentWeightPerBlock: SpWeightsWeightV2Weight & AugmentedConst<ApiType>;
      /**
       * Pool priority of this pallet's unsigned calls.
       **/
      unsignedPriority: u64 & AugmentedConst<ApiType>;
    };
    balances: {
      /**
       * The minimum amount required to keep an account open. MUST BE GREATER THAN ZERO!
       * 
       * If you *really* need it to be zero, you can enable the feature `insecure_zero_ed` for
       * this pallet. However, you do so at your own risk: this will open up a major DoS vector.
       * In case you have multiple sources of provider references, you may also get unexpected
       * behaviour if you set this to zero.
       * 
       * Bottom line: Do yourself a favour and make it at least one!
       **/
      existentialDeposit: u128 & AugmentedConst<ApiType>;
      /**
       * The maximum number of individual freeze locks that can exist on an account at any time.
       **/
      maxFreezes: u32 & AugmentedConst<ApiType>;
      /**
       * The maximum number of locks that should exist on an account.
       * Not strictly enforced, but used for weight estimation.
       * 
       * Use of locks is deprecated in favour of freezes. See `https://github.com/paritytech/substrate/pull/12951/`
       **/
      maxLocks: u32 & AugmentedConst<ApiType>;
      /**
       * The maximum number of named reserves that can exist on an account.
       * 
       * Use of reserves is deprecated in favour of holds. See `https://github.com/paritytech/substrate/pull/12951/`
       **/
      maxReserves: u32 & AugmentedConst<ApiType>;
    };
    grandpa: {
      /**
       * Max Authorities in use
       **/
      maxAuthorities: u32 & AugmentedConst<ApiType>;
      /**
       * The maximum number of nominators for each validator.
       **/
      maxNominators: u32 & AugmentedConst<ApiType>;
      /**
       * The maximum number of entries to keep in the set id to session index mapping.
       * 
       * Since the `SetIdSession` map is only used for validating equivocations this
       * value should relate to the bonding duration of whatever staking system is
       * being used (if any). If equivocation handling is not enabled then this value
       * can be zero.
       **/
      maxSetIdSessionEntries: u64 & AugmentedConst<ApiType>;
    };
    registry: {
      /**
       * Session length when genesis sets none.
       **/
      defaultSessionLength: u32 & AugmentedConst<ApiType>;
      /**
       * Largest registration collateral, in bytes.
       **/
      maxCollateralLen: u32 & AugmentedConst<ApiType>;
      /**
       * Longest endpoint URL, in bytes.
       **/
      maxEndpointLen: u32 & AugmentedConst<ApiType>;
      /**
       * Largest registration quote, in bytes.
       **/
      maxQuoteLen: u32 & AugmentedConst<ApiType>;
      /**
       * Most registered validators.
       **/
      maxValidators: u32 & AugmentedConst<ApiType>;
      /**
       * Bond held from an operator while registered.
       **/
      validatorBond: u128 & AugmentedConst<ApiType>;
    };
    system: {
      /**
       * Maximum number of block number to block hash mappings to keep (oldest pruned first).
       **/
      blockHashCount: u32 & AugmentedConst<ApiType>;
      /**
       * The maximum length of a block (in bytes).
       **/
      blockLength: FrameSystemLimitsBlockLength & AugmentedConst<ApiType>;
      /**
       * Block & extrinsics weights: base values and limits.
       **/
      blockWeights: FrameSystemLimitsBlockWeights & AugmentedConst<ApiType>;
      /**
       * The weight of runtime database operations the runtime can invoke.
       **/
      dbWeight: SpWeightsRuntimeDbWeight & AugmentedConst<ApiType>;
      /**
       * The designated SS58 prefix of this chain.
       * 
       * This replaces the "ss58Format" property declared in the chain spec. Reason is
       * that the runtime should know about the prefix in order to make use of it as
       * an identifier of the chain.
       **/
      ss58Prefix: u16 & AugmentedConst<ApiType>;
      /**
       * Get the chain's in-code version.
       **/
      version: SpVersionRuntimeVersion & AugmentedConst<ApiType>;
    };
    timestamp: {
      /**
       * The minimum period between blocks.
       * 
       * Be aware that this is different to the *expected* period that the block production
       * apparatus provides. Your chosen consensus system will generally work with this to
       * determine a sensible block time. For example, in the Aura pallet it will be double this
       * period on default settings.
       **/
      minimumPeriod: u64 & AugmentedConst<ApiType>;
    };
    transactionPayment: {
      /**
       * A fee multiplier for `Operational` extrinsics to compute "virtual tip" to boost their
       * `priority`
       * 
       * This value is multiplied by the `final_fee` to obtain a "virtual tip" that is later
       * added to a tip component in regular `priority` calculations.
       * It means that a `Normal` transaction can front-run a similarly-sized `Operational`
       * extrinsic (with no tip), by including a tip value greater than the virtual tip.
       * 
       * ```rust,ignore
       * // For `Normal`
       * let priority = priority_calc(tip);
       * 
       * // For `Operational`
       * let virtual_tip = (inclusion_fee + tip) * OperationalFeeMultiplier;
       * let priority = priority_calc(tip + virtual_tip);
       * ```
       * 
       * Note that since we use `final_fee` the multiplier applies also to the regular `tip`
       * sent with the transaction. So, not only does the transaction get a priority bump based
       * on the `inclusion_fee`, but we also amplify the impact of tips applied to `Operational`
       * transactions.
       **/
      operationalFeeMultiplier: u8 & AugmentedConst<ApiType>;
    };
  } // AugmentedConsts
} // declare module
