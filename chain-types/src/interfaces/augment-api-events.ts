// Auto-generated via `yarn polkadot-types-from-chain`, do not edit
/* eslint-disable */

// import type lookup before we augment - in some environments
// this is required to allow for ambient/previous definitions
import '@polkadot/api-base/types/events';

import type { ApiTypes, AugmentedEvent } from '@polkadot/api-base/types';
import type { Bytes, Null, Option, Result, U8aFixed, Vec, bool, u128, u32, u64 } from '@polkadot/types-codec';
import type { ITuple } from '@polkadot/types-codec/types';
import type { AccountId32, H256 } from '@polkadot/types/interfaces/runtime';
import type { CustosPrimitivesCollateralCollateralKey, CustosRuntimeRuntimeHoldReason, FrameSupportTokensMiscBalanceStatus, FrameSystemDispatchEventInfo, PalletBalancesUnexpectedKind, PalletCustosAttestationCollateralPolicy, PalletCustosAttestationError, PalletCustosAttestationTcbLevel, PalletCustosAttestationTdPolicy, PalletCustosBackupsBackupParams, PalletCustosBackupsBadShareKind, PalletCustosBackupsEscrowColdApprovalSkip, SpConsensusGrandpaAppPublic, SpRuntimeDispatchError } from '@polkadot/types/lookup';

export type __AugmentedEvent<ApiType extends ApiTypes> = AugmentedEvent<ApiType>;

declare module '@polkadot/api-base/types/events' {
  interface AugmentedEvents<ApiType extends ApiTypes> {
    attestation: {
      /**
       * A restart attestation that passed the pool failed verification in the block
       * (the trust policy or measurements changed in between). Nothing was recorded.
       **/
      AttestationRejected: AugmentedEvent<ApiType, [tssAccount: AccountId32, incarnation: u32, reason: PalletCustosAttestationError], { tssAccount: AccountId32, incarnation: u32, reason: PalletCustosAttestationError }>;
      /**
       * A registration quote was accepted; the account starts at `incarnation`.
       **/
      Attested: AugmentedEvent<ApiType, [tssAccount: AccountId32, incarnation: u32, measurement: U8aFixed, recoveryPublicKey: U8aFixed, tcb: Option<PalletCustosAttestationTcbLevel>], { tssAccount: AccountId32, incarnation: u32, measurement: U8aFixed, recoveryPublicKey: U8aFixed, tcb: Option<PalletCustosAttestationTcbLevel> }>;
      /**
       * A collateral bundle was verified and cached for the platforms of `key`,
       * replacing an older one if there was one.
       **/
      CollateralCached: AugmentedEvent<ApiType, [key: CustosPrimitivesCollateralCollateralKey, tcbEvaluationNumber: u32, expiresAt: u64, uploader: Option<AccountId32>], { key: CustosPrimitivesCollateralCollateralKey, tcbEvaluationNumber: u32, expiresAt: u64, uploader: Option<AccountId32> }>;
      /**
       * A cached bundle expires within the policy's warning period: upload a newer one,
       * or quotes of these platforms must carry their collateral.
       **/
      CollateralExpiring: AugmentedEvent<ApiType, [key: CustosPrimitivesCollateralCollateralKey, expiresAt: u64], { key: CustosPrimitivesCollateralCollateralKey, expiresAt: u64 }>;
      /**
       * Governance replaced the collateral policy.
       **/
      CollateralPolicySet: AugmentedEvent<ApiType, [policy: PalletCustosAttestationCollateralPolicy], { policy: PalletCustosAttestationCollateralPolicy }>;
      /**
       * A cached bundle was removed (governance, or anyone once it expired).
       **/
      CollateralRemoved: AugmentedEvent<ApiType, [key: CustosPrimitivesCollateralCollateralKey], { key: CustosPrimitivesCollateralCollateralKey }>;
      /**
       * Governance accepted a measurement.
       **/
      MeasurementAdded: AugmentedEvent<ApiType, [measurement: U8aFixed], { measurement: U8aFixed }>;
      /**
       * Governance withdrew a measurement.
       **/
      MeasurementRemoved: AugmentedEvent<ApiType, [measurement: U8aFixed], { measurement: U8aFixed }>;
      /**
       * A restart attestation was accepted.
       **/
      RestartAttested: AugmentedEvent<ApiType, [tssAccount: AccountId32, incarnation: u32, recoveryKeysRoot: U8aFixed, measurement: U8aFixed, quotedBlock: u32, quoteHash: U8aFixed, tcb: Option<PalletCustosAttestationTcbLevel>], { tssAccount: AccountId32, incarnation: u32, recoveryKeysRoot: U8aFixed, measurement: U8aFixed, quotedBlock: u32, quoteHash: U8aFixed, tcb: Option<PalletCustosAttestationTcbLevel> }>;
      /**
       * Governance replaced the TD policy.
       **/
      TdPolicySet: AugmentedEvent<ApiType, [policy: PalletCustosAttestationTdPolicy], { policy: PalletCustosAttestationTdPolicy }>;
      /**
       * Governance replaced the trust policy.
       **/
      TrustPolicyChanged: AugmentedEvent<ApiType, [intelEnabled: bool, devPckKeys: u32], { intelEnabled: bool, devPckKeys: u32 }>;
    };
    backups: {
      /**
       * The chain proved that `provider`, a holder of `owner`'s confirmed `epoch`, released
       * to `owner`'s `incarnation` a sealed share, signed by itself, that is not the share
       * it committed to (`commitment`).
       **/
      BadShareProven: AugmentedEvent<ApiType, [owner: AccountId32, provider: AccountId32, incarnation: u32, epoch: u32, commitment: U8aFixed, kind: PalletCustosBackupsBadShareKind, released: Bytes], { owner: AccountId32, provider: AccountId32, incarnation: u32, epoch: u32, commitment: U8aFixed, kind: PalletCustosBackupsBadShareKind, released: Bytes }>;
      /**
       * An owner anchored a store version without changing its epoch.
       **/
      CheckpointAnchored: AugmentedEvent<ApiType, [owner: AccountId32, storeVersion: u64], { owner: AccountId32, storeVersion: u64 }>;
      /**
       * An entry of governance's approval was not approved (the rest of it was).
       **/
      ColdApprovalSkipped: AugmentedEvent<ApiType, [owner: AccountId32, incarnation: u32, reason: PalletCustosBackupsEscrowColdApprovalSkip], { owner: AccountId32, incarnation: u32, reason: PalletCustosBackupsEscrowColdApprovalSkip }>;
      /**
       * Governance approved a cold recovery request.
       **/
      ColdRecoveryApproved: AugmentedEvent<ApiType, [owner: AccountId32, incarnation: u32], { owner: AccountId32, incarnation: u32 }>;
      /**
       * An owner recovered through the cold path confirmed a newer epoch: its request
       * and the releases are gone.
       **/
      ColdRecoveryClosed: AugmentedEvent<ApiType, [owner: AccountId32, incarnation: u32, epoch: u32], { owner: AccountId32, incarnation: u32, epoch: u32 }>;
      /**
       * An owner whose confirmed epoch has fewer than `t` intact holders asked for cold
       * recovery.
       **/
      ColdRecoveryRequested: AugmentedEvent<ApiType, [owner: AccountId32, incarnation: u32, epoch: u32, escrowKey: U8aFixed, intactHolders: u32], { owner: AccountId32, incarnation: u32, epoch: u32, escrowKey: U8aFixed, intactHolders: u32 }>;
      /**
       * An owner confirmed an epoch: `holders` acknowledged their shares.
       **/
      EpochConfirmed: AugmentedEvent<ApiType, [owner: AccountId32, epoch: u32, holders: Vec<AccountId32>, commitments: Vec<U8aFixed>, threshold: u32, storeVersion: u64], { owner: AccountId32, epoch: u32, holders: Vec<AccountId32>, commitments: Vec<U8aFixed>, threshold: u32, storeVersion: u64 }>;
      /**
       * Governance removed the escrow committee: no deposit is needed any more; deposits
       * already made are still served by their members until their owners confirm again.
       **/
      EscrowCommitteeCleared: AugmentedEvent<ApiType, [generation: u32], { generation: u32 }>;
      /**
       * Governance set the escrow committee. Deposits of earlier generations are still
       * served by their own members until their owners deposit again (live companions
       * rotate on this event).
       **/
      EscrowCommitteeSet: AugmentedEvent<ApiType, [generation: u32, members: Vec<AccountId32>, threshold: u32], { generation: u32, members: Vec<AccountId32>, threshold: u32 }>;
      /**
       * An owner escrowed the KEK of `epoch` with the committee of `generation`.
       **/
      EscrowDeposited: AugmentedEvent<ApiType, [owner: AccountId32, epoch: u32, generation: u32, commitments: Vec<U8aFixed>], { owner: AccountId32, epoch: u32, generation: u32, commitments: Vec<U8aFixed> }>;
      /**
       * An escrow member released its share to an owner's incarnation.
       **/
      EscrowShareReleased: AugmentedEvent<ApiType, [owner: AccountId32, incarnation: u32, memberIndex: u32, member: AccountId32], { owner: AccountId32, incarnation: u32, memberIndex: u32, member: AccountId32 }>;
      /**
       * An owner unregistered; its assignments are gone.
       **/
      OwnerRemoved: AugmentedEvent<ApiType, [owner: AccountId32], { owner: AccountId32 }>;
      /**
       * Governance changed the parameters (existing owners keep theirs until their next
       * change).
       **/
      ParamsChanged: AugmentedEvent<ApiType, [params: PalletCustosBackupsBackupParams], { params: PalletCustosBackupsBackupParams }>;
      /**
       * A newly registered owner got its first providers.
       **/
      ProvidersAssigned: AugmentedEvent<ApiType, [owner: AccountId32, epoch: u32, providers: Vec<AccountId32>, threshold: u32], { owner: AccountId32, epoch: u32, providers: Vec<AccountId32>, threshold: u32 }>;
      /**
       * An owner's provider set changed; a new epoch opened.
       **/
      Reassigned: AugmentedEvent<ApiType, [owner: AccountId32, epoch: u32, added: Vec<AccountId32>, removed: Vec<AccountId32>, forced: bool], { owner: AccountId32, epoch: u32, added: Vec<AccountId32>, removed: Vec<AccountId32>, forced: bool }>;
      /**
       * A provider released its share to an owner's incarnation.
       **/
      ReleaseRecorded: AugmentedEvent<ApiType, [provider: AccountId32, owner: AccountId32, incarnation: u32], { provider: AccountId32, owner: AccountId32, incarnation: u32 }>;
      /**
       * A provider's restart attestation shows it lost its memory: these owners must
       * reshare (each got a new epoch with the same providers).
       **/
      ReshareNeeded: AugmentedEvent<ApiType, [provider: AccountId32, owners: Vec<AccountId32>], { provider: AccountId32, owners: Vec<AccountId32> }>;
      /**
       * An owner's operator explicitly accepted recovering from a store older than the
       * anchored version (`custos start --accept-rollback`): secrets written after
       * `accepted_version` are gone. The anchored version is lowered to it.
       **/
      RollbackAccepted: AugmentedEvent<ApiType, [owner: AccountId32, incarnation: u32, anchoredVersion: u64, acceptedVersion: u64], { owner: AccountId32, incarnation: u32, anchoredVersion: u64, acceptedVersion: u64 }>;
      /**
       * Not enough eligible providers: the owner has fewer than `n`.
       **/
      UnderProvisioned: AugmentedEvent<ApiType, [owner: AccountId32, have: u32, need: u32], { owner: AccountId32, have: u32, need: u32 }>;
    };
    balances: {
      /**
       * A balance was set by root.
       **/
      BalanceSet: AugmentedEvent<ApiType, [who: AccountId32, free: u128], { who: AccountId32, free: u128 }>;
      /**
       * Some amount was burned from an account.
       **/
      Burned: AugmentedEvent<ApiType, [who: AccountId32, amount: u128], { who: AccountId32, amount: u128 }>;
      /**
       * Some debt has been dropped from the Total Issuance.
       **/
      BurnedDebt: AugmentedEvent<ApiType, [amount: u128], { amount: u128 }>;
      /**
       * Held balance was burned from an account.
       **/
      BurnedHeld: AugmentedEvent<ApiType, [reason: CustosRuntimeRuntimeHoldReason, who: AccountId32, amount: u128], { reason: CustosRuntimeRuntimeHoldReason, who: AccountId32, amount: u128 }>;
      /**
       * Some amount was deposited (e.g. for transaction fees).
       **/
      Deposit: AugmentedEvent<ApiType, [who: AccountId32, amount: u128], { who: AccountId32, amount: u128 }>;
      /**
       * An account was removed whose balance was non-zero but below ExistentialDeposit,
       * resulting in an outright loss.
       **/
      DustLost: AugmentedEvent<ApiType, [account: AccountId32, amount: u128], { account: AccountId32, amount: u128 }>;
      /**
       * An account was created with some free balance.
       **/
      Endowed: AugmentedEvent<ApiType, [account: AccountId32, freeBalance: u128], { account: AccountId32, freeBalance: u128 }>;
      /**
       * Some balance was frozen.
       **/
      Frozen: AugmentedEvent<ApiType, [who: AccountId32, amount: u128], { who: AccountId32, amount: u128 }>;
      /**
       * Some balance was placed on hold.
       **/
      Held: AugmentedEvent<ApiType, [reason: CustosRuntimeRuntimeHoldReason, who: AccountId32, amount: u128], { reason: CustosRuntimeRuntimeHoldReason, who: AccountId32, amount: u128 }>;
      /**
       * Total issuance was increased by `amount`, creating a credit to be balanced.
       **/
      Issued: AugmentedEvent<ApiType, [amount: u128], { amount: u128 }>;
      /**
       * Some balance was locked.
       **/
      Locked: AugmentedEvent<ApiType, [who: AccountId32, amount: u128], { who: AccountId32, amount: u128 }>;
      /**
       * Some amount was minted into an account.
       **/
      Minted: AugmentedEvent<ApiType, [who: AccountId32, amount: u128], { who: AccountId32, amount: u128 }>;
      /**
       * Some credit was balanced and added to the TotalIssuance.
       **/
      MintedCredit: AugmentedEvent<ApiType, [amount: u128], { amount: u128 }>;
      /**
       * Some balance was released from hold.
       **/
      Released: AugmentedEvent<ApiType, [reason: CustosRuntimeRuntimeHoldReason, who: AccountId32, amount: u128], { reason: CustosRuntimeRuntimeHoldReason, who: AccountId32, amount: u128 }>;
      /**
       * Total issuance was decreased by `amount`, creating a debt to be balanced.
       **/
      Rescinded: AugmentedEvent<ApiType, [amount: u128], { amount: u128 }>;
      /**
       * Some balance was reserved (moved from free to reserved).
       **/
      Reserved: AugmentedEvent<ApiType, [who: AccountId32, amount: u128], { who: AccountId32, amount: u128 }>;
      /**
       * Some balance was moved from the reserve of the first account to the second account.
       * Final argument indicates the destination balance type.
       **/
      ReserveRepatriated: AugmentedEvent<ApiType, [from: AccountId32, to: AccountId32, amount: u128, destinationStatus: FrameSupportTokensMiscBalanceStatus], { from: AccountId32, to: AccountId32, amount: u128, destinationStatus: FrameSupportTokensMiscBalanceStatus }>;
      /**
       * Some amount was restored into an account.
       **/
      Restored: AugmentedEvent<ApiType, [who: AccountId32, amount: u128], { who: AccountId32, amount: u128 }>;
      /**
       * Some amount was removed from the account (e.g. for misbehavior).
       **/
      Slashed: AugmentedEvent<ApiType, [who: AccountId32, amount: u128], { who: AccountId32, amount: u128 }>;
      /**
       * Some amount was suspended from an account (it can be restored later).
       **/
      Suspended: AugmentedEvent<ApiType, [who: AccountId32, amount: u128], { who: AccountId32, amount: u128 }>;
      /**
       * Some balance was thawed.
       **/
      Thawed: AugmentedEvent<ApiType, [who: AccountId32, amount: u128], { who: AccountId32, amount: u128 }>;
      /**
       * The `TotalIssuance` was forcefully changed.
       **/
      TotalIssuanceForced: AugmentedEvent<ApiType, [old: u128, new_: u128], { old: u128, new_: u128 }>;
      /**
       * Transfer succeeded.
       **/
      Transfer: AugmentedEvent<ApiType, [from: AccountId32, to: AccountId32, amount: u128], { from: AccountId32, to: AccountId32, amount: u128 }>;
      /**
       * The `transferred` balance is placed on hold at the `dest` account.
       **/
      TransferAndHold: AugmentedEvent<ApiType, [reason: CustosRuntimeRuntimeHoldReason, source: AccountId32, dest: AccountId32, transferred: u128], { reason: CustosRuntimeRuntimeHoldReason, source: AccountId32, dest: AccountId32, transferred: u128 }>;
      /**
       * A transfer of `amount` on hold from `source` to `dest` was initiated.
       **/
      TransferOnHold: AugmentedEvent<ApiType, [reason: CustosRuntimeRuntimeHoldReason, source: AccountId32, dest: AccountId32, amount: u128], { reason: CustosRuntimeRuntimeHoldReason, source: AccountId32, dest: AccountId32, amount: u128 }>;
      /**
       * An unexpected/defensive event was triggered.
       **/
      Unexpected: AugmentedEvent<ApiType, [PalletBalancesUnexpectedKind]>;
      /**
       * Some balance was unlocked.
       **/
      Unlocked: AugmentedEvent<ApiType, [who: AccountId32, amount: u128], { who: AccountId32, amount: u128 }>;
      /**
       * Some balance was unreserved (moved from reserved to free).
       **/
      Unreserved: AugmentedEvent<ApiType, [who: AccountId32, amount: u128], { who: AccountId32, amount: u128 }>;
      /**
       * An account was upgraded.
       **/
      Upgraded: AugmentedEvent<ApiType, [who: AccountId32], { who: AccountId32 }>;
      /**
       * Some amount was withdrawn from the account (e.g. for transaction fees).
       **/
      Withdraw: AugmentedEvent<ApiType, [who: AccountId32, amount: u128], { who: AccountId32, amount: u128 }>;
    };
    grandpa: {
      /**
       * New authority set has been applied.
       **/
      NewAuthorities: AugmentedEvent<ApiType, [authoritySet: Vec<ITuple<[SpConsensusGrandpaAppPublic, u64]>>], { authoritySet: Vec<ITuple<[SpConsensusGrandpaAppPublic, u64]>> }>;
      /**
       * Current authority set has been paused.
       **/
      Paused: AugmentedEvent<ApiType, []>;
      /**
       * Current authority set has been resumed.
       **/
      Resumed: AugmentedEvent<ApiType, []>;
    };
    registry: {
      /**
       * A new session started.
       **/
      NewSession: AugmentedEvent<ApiType, [index: u32, active: u32, entered: Vec<AccountId32>, left: Vec<AccountId32>], { index: u32, active: u32, entered: Vec<AccountId32>, left: Vec<AccountId32> }>;
      /**
       * Governance changed the session length.
       **/
      SessionLengthChanged: AugmentedEvent<ApiType, [blocks: u32], { blocks: u32 }>;
      /**
       * A validator asked to leave the active set at the next session.
       **/
      ValidatorChilled: AugmentedEvent<ApiType, [operator: AccountId32], { operator: AccountId32 }>;
      /**
       * A validator unregistered; its bond was released.
       **/
      ValidatorLeft: AugmentedEvent<ApiType, [operator: AccountId32, tssAccount: AccountId32], { operator: AccountId32, tssAccount: AccountId32 }>;
      /**
       * A validator registered; it joins the active set at the next session.
       **/
      ValidatorRegistered: AugmentedEvent<ApiType, [operator: AccountId32, tssAccount: AccountId32, x25519PublicKey: U8aFixed, endpoint: Bytes, restartKey: U8aFixed, bond: u128], { operator: AccountId32, tssAccount: AccountId32, x25519PublicKey: U8aFixed, endpoint: Bytes, restartKey: U8aFixed, bond: u128 }>;
      /**
       * Governance unregistered a validator that would not come back; its bond was
       * released.
       **/
      ValidatorRemoved: AugmentedEvent<ApiType, [operator: AccountId32, tssAccount: AccountId32], { operator: AccountId32, tssAccount: AccountId32 }>;
      /**
       * A chilled validator asked to rejoin the active set at the next session.
       **/
      ValidatorResumed: AugmentedEvent<ApiType, [operator: AccountId32], { operator: AccountId32 }>;
    };
    sudo: {
      /**
       * The sudo key has been updated.
       **/
      KeyChanged: AugmentedEvent<ApiType, [old: Option<AccountId32>, new_: AccountId32], { old: Option<AccountId32>, new_: AccountId32 }>;
      /**
       * The key was permanently removed.
       **/
      KeyRemoved: AugmentedEvent<ApiType, []>;
      /**
       * A sudo call just took place.
       **/
      Sudid: AugmentedEvent<ApiType, [sudoResult: Result<Null, SpRuntimeDispatchError>], { sudoResult: Result<Null, SpRuntimeDispatchError> }>;
      /**
       * A [sudo_as](Pallet::sudo_as) call just took place.
       **/
      SudoAsDone: AugmentedEvent<ApiType, [sudoResult: Result<Null, SpRuntimeDispatchError>], { sudoResult: Result<Null, SpRuntimeDispatchError> }>;
    };
    system: {
      /**
       * `:code` was updated to the code with the given hash.
       **/
      CodeUpdated: AugmentedEvent<ApiType, [hash_: H256], { hash_: H256 }>;
      /**
       * An extrinsic failed.
       **/
      ExtrinsicFailed: AugmentedEvent<ApiType, [dispatchError: SpRuntimeDispatchError, dispatchInfo: FrameSystemDispatchEventInfo], { dispatchError: SpRuntimeDispatchError, dispatchInfo: FrameSystemDispatchEventInfo }>;
      /**
       * An extrinsic completed successfully.
       **/
      ExtrinsicSuccess: AugmentedEvent<ApiType, [dispatchInfo: FrameSystemDispatchEventInfo], { dispatchInfo: FrameSystemDispatchEventInfo }>;
      /**
       * An account was reaped.
       **/
      KilledAccount: AugmentedEvent<ApiType, [account: AccountId32], { account: AccountId32 }>;
      /**
       * A new account was created.
       **/
      NewAccount: AugmentedEvent<ApiType, [account: AccountId32], { account: AccountId32 }>;
      /**
       * An invalid authorized upgrade was rejected while trying to apply it.
       **/
      RejectedInvalidAuthorizedUpgrade: AugmentedEvent<ApiType, [codeHash: H256, error: SpRuntimeDispatchError], { codeHash: H256, error: SpRuntimeDispatchError }>;
      /**
       * On on-chain remark happened.
       **/
      Remarked: AugmentedEvent<ApiType, [sender: AccountId32, hash_: H256], { sender: AccountId32, hash_: H256 }>;
      /**
       * An upgrade was authorized.
       **/
      UpgradeAuthorized: AugmentedEvent<ApiType, [codeHash: H256, checkVersion: bool], { codeHash: H256, checkVersion: bool }>;
    };
    transactionPayment: {
      /**
       * A transaction fee `actual_fee`, of which `tip` was added to the minimum inclusion fee,
       * has been paid by `who`.
       **/
      TransactionFeePaid: AugmentedEvent<ApiType, [who: AccountId32, actualFee: u128, tip: u128], { who: AccountId32, actualFee: u128, tip: u128 }>;
    };
  } // AugmentedEvents
} // declare module
