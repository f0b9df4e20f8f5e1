// Auto-generated via `yarn polkadot-types-from-defs`, do not edit
/* eslint-disable */

// import type lookup before we augment - in some environments
// this is required to allow for ambient/previous definitions
import '@polkadot/types/lookup';

import type { BTreeMap, Bytes, Compact, Enum, Null, Option, Result, Struct, Text, U8aFixed, Vec, bool, u128, u32, u64, u8 } from '@polkadot/types-codec';
import type { ITuple } from '@polkadot/types-codec/types';
import type { AccountId32, Call, H256, MultiAddress } from '@polkadot/types/interfaces/runtime';
import type { Event } from '@polkadot/types/interfaces/system';

declare module '@polkadot/types/lookup' {
  /** @name FrameSystemCall (9) */
  interface FrameSystemCall extends Enum {
    readonly isRemark: boolean;
    readonly asRemark: {
      readonly remark: Bytes;
    } & Struct;
    readonly isSetHeapPages: boolean;
    readonly asSetHeapPages: {
      readonly pages: u64;
    } & Struct;
    readonly isSetCode: boolean;
    readonly asSetCode: {
      readonly code: Bytes;
    } & Struct;
    readonly isSetCodeWithoutChecks: boolean;
    readonly asSetCodeWithoutChecks: {
      readonly code: Bytes;
    } & Struct;
    readonly isSetStorage: boolean;
    readonly asSetStorage: {
      readonly items: Vec<ITuple<[Bytes, Bytes]>>;
    } & Struct;
    readonly isKillStorage: boolean;
    readonly asKillStorage: {
      readonly keys_: Vec<Bytes>;
    } & Struct;
    readonly isKillPrefix: boolean;
    readonly asKillPrefix: {
      readonly prefix: Bytes;
      readonly subkeys: u32;
    } & Struct;
    readonly isRemarkWithEvent: boolean;
    readonly asRemarkWithEvent: {
      readonly remark: Bytes;
    } & Struct;
    readonly isAuthorizeUpgrade: boolean;
    readonly asAuthorizeUpgrade: {
      readonly codeHash: H256;
    } & Struct;
    readonly isAuthorizeUpgradeWithoutChecks: boolean;
    readonly asAuthorizeUpgradeWithoutChecks: {
      readonly codeHash: H256;
    } & Struct;
    readonly isApplyAuthorizedUpgrade: boolean;
    readonly asApplyAuthorizedUpgrade: {
      readonly code: Bytes;
    } & Struct;
    readonly type: 'Remark' | 'SetHeapPages' | 'SetCode' | 'SetCodeWithoutChecks' | 'SetStorage' | 'KillStorage' | 'KillPrefix' | 'RemarkWithEvent' | 'AuthorizeUpgrade' | 'AuthorizeUpgradeWithoutChecks' | 'ApplyAuthorizedUpgrade';
  }

  /** @name PalletTimestampCall (16) */
  interface PalletTimestampCall extends Enum {
    readonly isSet: boolean;
    readonly asSet: {
      readonly now: Compact<u64>;
    } & Struct;
    readonly type: 'Set';
  }

  /** @name PalletBalancesCall (18) */
  interface PalletBalancesCall extends Enum {
    readonly isTransferAllowDeath: boolean;
    readonly asTransferAllowDeath: {
      readonly dest: MultiAddress;
      readonly value: Compact<u128>;
    } & Struct;
    readonly isForceTransfer: boolean;
    readonly asForceTransfer: {
      readonly source: MultiAddress;
      readonly dest: MultiAddress;
      readonly value: Compact<u128>;
    } & Struct;
    readonly isTransferKeepAlive: boolean;
    readonly asTransferKeepAlive: {
      readonly dest: MultiAddress;
      readonly value: Compact<u128>;
    } & Struct;
    readonly isTransferAll: boolean;
    readonly asTransferAll: {
      readonly dest: MultiAddress;
      readonly keepAlive: bool;
    } & Struct;
    readonly isForceUnreserve: boolean;
    readonly asForceUnreserve: {
      readonly who: MultiAddress;
      readonly amount: u128;
    } & Struct;
    readonly isUpgradeAccounts: boolean;
    readonly asUpgradeAccounts: {
      readonly who: Vec<AccountId32>;
    } & Struct;
    readonly isForceSetBalance: boolean;
    readonly asForceSetBalance: {
      readonly who: MultiAddress;
      readonly newFree: Compact<u128>;
    } & Struct;
    readonly isForceAdjustTotalIssuance: boolean;
    readonly asForceAdjustTotalIssuance: {
      readonly direction: PalletBalancesAdjustmentDirection;
      readonly delta: Compact<u128>;
    } & Struct;
    readonly isBurn: boolean;
    readonly asBurn: {
      readonly value: Compact<u128>;
      readonly keepAlive: bool;
    } & Struct;
    readonly type: 'TransferAllowDeath' | 'ForceTransfer' | 'TransferKeepAlive' | 'TransferAll' | 'ForceUnreserve' | 'UpgradeAccounts' | 'ForceSetBalance' | 'ForceAdjustTotalIssuance' | 'Burn';
  }

  /** @name PalletBalancesAdjustmentDirection (23) */
  interface PalletBalancesAdjustmentDirection extends Enum {
    readonly isIncrease: boolean;
    readonly isDecrease: boolean;
    readonly type: 'Increase' | 'Decrease';
  }

  /** @name PalletSudoCall (24) */
  interface PalletSudoCall extends Enum {
    readonly isSudo: boolean;
    readonly asSudo: {
      readonly call: Call;
    } & Struct;
    readonly isSudoUncheckedWeight: boolean;
    readonly asSudoUncheckedWeight: {
      readonly call: Call;
      readonly weight: SpWeightsWeightV2Weight;
    } & Struct;
    readonly isSetKey: boolean;
    readonly asSetKey: {
      readonly new_: MultiAddress;
    } & Struct;
    readonly isSudoAs: boolean;
    readonly asSudoAs: {
      readonly who: MultiAddress;
      readonly call: Call;
    } & Struct;
    readonly isRemoveKey: boolean;
    readonly type: 'Sudo' | 'SudoUncheckedWeight' | 'SetKey' | 'SudoAs' | 'RemoveKey';
  }

  /** @name SpWeightsWeightV2Weight (25) */
  interface SpWeightsWeightV2Weight extends Struct {
    readonly refTime: Compact<u64>;
    readonly proofSize: Compact<u64>;
  }

  /** @name PalletGrandpaCall (26) */
  interface PalletGrandpaCall extends Enum {
    readonly isReportEquivocation: boolean;
    readonly asReportEquivocation: {
      readonly equivocationProof: SpConsensusGrandpaEquivocationProof;
      readonly keyOwnerProof: SpCoreVoid;
    } & Struct;
    readonly isReportEquivocationUnsigned: boolean;
    readonly asReportEquivocationUnsigned: {
      readonly equivocationProof: SpConsensusGrandpaEquivocationProof;
      readonly keyOwnerProof: SpCoreVoid;
    } & Struct;
    readonly isNoteStalled: boolean;
    readonly asNoteStalled: {
      readonly delay: u32;
      readonly bestFinalizedBlockNumber: u32;
    } & Struct;
    readonly type: 'ReportEquivocation' | 'ReportEquivocationUnsigned' | 'NoteStalled';
  }

  /** @name SpConsensusGrandpaEquivocationProof (27) */
  interface SpConsensusGrandpaEquivocationProof extends Struct {
    readonly setId: u64;
    readonly equivocation: SpConsensusGrandpaEquivocation;
  }

  /** @name SpConsensusGrandpaEquivocation (28) */
  interface SpConsensusGrandpaEquivocation extends Enum {
    readonly isPrevote: boolean;
    readonly asPrevote: FinalityGrandpaEquivocationPrevote;
    readonly isPrecommit: boolean;
    readonly asPrecommit: FinalityGrandpaEquivocationPrecommit;
    readonly type: 'Prevote' | 'Precommit';
  }

  /** @name FinalityGrandpaEquivocationPrevote (29) */
  interface FinalityGrandpaEquivocationPrevote extends Struct {
    readonly roundNumber: u64;
    readonly identity: SpConsensusGrandpaAppPublic;
    readonly first: ITuple<[FinalityGrandpaPrevote, SpConsensusGrandpaAppSignature]>;
    readonly second: ITuple<[FinalityGrandpaPrevote, SpConsensusGrandpaAppSignature]>;
  }

  /** @name SpConsensusGrandpaAppPublic (30) */
  interface SpConsensusGrandpaAppPublic extends U8aFixed {}

  /** @name FinalityGrandpaPrevote (31) */
  interface FinalityGrandpaPrevote extends Struct {
    readonly targetHash: H256;
    readonly targetNumber: u32;
  }

  /** @name SpConsensusGrandpaAppSignature (32) */
  interface SpConsensusGrandpaAppSignature extends U8aFixed {}

  /** @name FinalityGrandpaEquivocationPrecommit (35) */
  interface FinalityGrandpaEquivocationPrecommit extends Struct {
    readonly roundNumber: u64;
    readonly identity: SpConsensusGrandpaAppPublic;
    readonly first: ITuple<[FinalityGrandpaPrecommit, SpConsensusGrandpaAppSignature]>;
    readonly second: ITuple<[FinalityGrandpaPrecommit, SpConsensusGrandpaAppSignature]>;
  }

  /** @name FinalityGrandpaPrecommit (36) */
  interface FinalityGrandpaPrecommit extends Struct {
    readonly targetHash: H256;
    readonly targetNumber: u32;
  }

  /** @name SpCoreVoid (38) */
  type SpCoreVoid = Null;

  /** @name PalletCustosRegistryCall (39) */
  interface PalletCustosRegistryCall extends Enum {
    readonly isRegister: boolean;
    readonly asRegister: {
      readonly server: PalletCustosRegistryServerInfo;
      readonly evidence: PalletCustosAttestationQuoteEvidence;
    } & Struct;
    readonly isChill: boolean;
    readonly isResume: boolean;
    readonly isLeave: boolean;
    readonly isSetSessionLength: boolean;
    readonly asSetSessionLength: {
      readonly blocks: u32;
    } & Struct;
    readonly isRemoveValidator: boolean;
    readonly asRemoveValidator: {
      readonly operator: AccountId32;
    } & Struct;
    readonly type: 'Register' | 'Chill' | 'Resume' | 'Leave' | 'SetSessionLength' | 'RemoveValidator';
  }

  /** @name PalletCustosRegistryServerInfo (40) */
  interface PalletCustosRegistryServerInfo extends Struct {
    readonly tssAccount: AccountId32;
    readonly x25519PublicKey: U8aFixed;
    readonly endpoint: Bytes;
    readonly restartKey: U8aFixed;
  }

  /** @name PalletCustosAttestationQuoteEvidence (42) */
  interface PalletCustosAttestationQuoteEvidence extends Struct {
    readonly quote: Bytes;
    readonly collateral: PalletCustosAttestationQuoteCollateral;
    readonly genesisHash: H256;
    readonly blockNumber: u32;
    readonly blockHash: H256;
  }

  /** @name PalletCustosAttestationQuoteCollateral (44) */
  interface PalletCustosAttestationQuoteCollateral extends Enum {
    readonly isDev: boolean;
    readonly isIntel: boolean;
    readonly asIntel: Bytes;
    readonly isIntelCached: boolean;
    readonly type: 'Dev' | 'Intel' | 'IntelCached';
  }

  /** @name PalletCustosAttestationCall (46) */
  interface PalletCustosAttestationCall extends Enum {
    readonly isAttestRestart: boolean;
    readonly asAttestRestart: {
      readonly attestation: PalletCustosAttestationRestartAttestation;
      readonly signature: U8aFixed;
    } & Struct;
    readonly isAddMeasurement: boolean;
    readonly asAddMeasurement: {
      readonly measurement: U8aFixed;
    } & Struct;
    readonly isRemoveMeasurement: boolean;
    readonly asRemoveMeasurement: {
      readonly measurement: U8aFixed;
    } & Struct;
    readonly isSetTrustPolicy: boolean;
    readonly asSetTrustPolicy: {
      readonly policy: PalletCustosAttestationTrustPolicy;
    } & Struct;
    readonly isSetTdPolicy: boolean;
    readonly asSetTdPolicy: {
      readonly policy: PalletCustosAttestationTdPolicy;
    } & Struct;
    readonly isUploadCollateral: boolean;
    readonly asUploadCollateral: {
      readonly quote: Bytes;
      readonly collateral: Bytes;
    } & Struct;
    readonly isRemoveCollateral: boolean;
    readonly asRemoveCollateral: {
      readonly key: CustosPrimitivesCollateralCollateralKey;
    } & Struct;
    readonly isSetCollateralPolicy: boolean;
    readonly asSetCollateralPolicy: {
      readonly minTcbEvaluationNumber: u32;
      readonly graceSecs: u64;
      readonly expiryWarningBlocks: u32;
    } & Struct;
    readonly type: 'AttestRestart' | 'AddMeasurement' | 'RemoveMeasurement' | 'SetTrustPolicy' | 'SetTdPolicy' | 'UploadCollateral' | 'RemoveCollateral' | 'SetCollateralPolicy';
  }

  /** @name PalletCustosAttestationRestartAttestation (47) */
  interface PalletCustosAttestationRestartAttestation extends Struct {
    readonly tssAccount: AccountId32;
    readonly incarnation: u32;
    readonly recoveryKeysRoot: U8aFixed;
    readonly evidence: PalletCustosAttestationQuoteEvidence;
  }

  /** @name PalletCustosAttestationTrustPolicy (48) */
  interface PalletCustosAttestationTrustPolicy extends Struct {
    readonly intel: Option<CustosPrimitivesVerifyIntelTrust>;
    readonly devPckKeys: Vec<U8aFixed>;
  }

  /** @name CustosPrimitivesVerifyIntelTrust (50) */
  interface CustosPrimitivesVerifyIntelTrust extends Struct {
    readonly acceptSwHardeningNeeded: bool;
    readonly acceptConfigurationNeeded: bool;
    readonly acceptOutOfDate: bool;
  }

  /** @name PalletCustosAttestationTdPolicy (53) */
  interface PalletCustosAttestationTdPolicy extends Struct {
    readonly attributesMask: u64;
    readonly attributesValue: u64;
    readonly xfam: Option<u64>;
    readonly mrConfigId: Option<PalletCustosAttestationTdRegister>;
    readonly mrOwner: Option<PalletCustosAttestationTdRegister>;
    readonly mrOwnerConfig: Option<PalletCustosAttestationTdRegister>;
    readonly rtmr3: Option<PalletCustosAttestationTdRegister>;
  }

  /** @name PalletCustosAttestationTdRegister (56) */
  interface PalletCustosAttestationTdRegister extends U8aFixed {}

  /** @name CustosPrimitivesCollateralCollateralKey (58) */
  interface CustosPrimitivesCollateralCollateralKey extends Struct {
    readonly fmspc: U8aFixed;
    readonly pckCa: CustosPrimitivesCollateralPckCaKind;
  }

  /** @name CustosPrimitivesCollateralPckCaKind (60) */
  interface CustosPrimitivesCollateralPckCaKind extends Enum {
    readonly isProcessor: boolean;
    readonly isPlatform: boolean;
    readonly type: 'Processor' | 'Platform';
  }

  /** @name PalletCustosBackupsCall (61) */
  interface PalletCustosBackupsCall extends Enum {
    readonly isConfirmEpoch: boolean;
    readonly asConfirmEpoch: {
      readonly owner: AccountId32;
      readonly epoch: u32;
      readonly storeVersion: u64;
      readonly acks: Vec<PalletCustosBackupsAcknowledgement>;
      readonly signature: U8aFixed;
    } & Struct;
    readonly isCheckpoint: boolean;
    readonly asCheckpoint: {
      readonly owner: AccountId32;
      readonly storeVersion: u64;
      readonly signature: U8aFixed;
    } & Struct;
    readonly isRecordRelease: boolean;
    readonly asRecordRelease: {
      readonly provider: AccountId32;
      readonly owner: AccountId32;
      readonly incarnation: u32;
      readonly signature: U8aFixed;
    } & Struct;
    readonly isForceReassign: boolean;
    readonly asForceReassign: {
      readonly owner: AccountId32;
    } & Struct;
    readonly isSetParams: boolean;
    readonly asSetParams: {
      readonly params: PalletCustosBackupsBackupParams;
    } & Struct;
    readonly isAcceptRollback: boolean;
    readonly asAcceptRollback: {
      readonly owner: AccountId32;
      readonly incarnation: u32;
      readonly storeVersion: u64;
      readonly signature: U8aFixed;
    } & Struct;
    readonly isReportBadShare: boolean;
    readonly asReportBadShare: {
      readonly report: PalletCustosBackupsBadShareReport;
    } & Struct;
    readonly isSetEscrowCommittee: boolean;
    readonly asSetEscrowCommittee: {
      readonly members: Vec<PalletCustosBackupsEscrowEscrowMember>;
      readonly threshold: u32;
    } & Struct;
    readonly isClearEscrowCommittee: boolean;
    readonly isDepositEscrow: boolean;
    readonly asDepositEscrow: {
      readonly owner: AccountId32;
      readonly epoch: u32;
      readonly deposit: PalletCustosBackupsEscrowEscrowDeposit;
      readonly signature: U8aFixed;
    } & Struct;
    readonly isRequestColdRecovery: boolean;
    readonly asRequestColdRecovery: {
      readonly owner: AccountId32;
      readonly incarnation: u32;
      readonly recoveryKeys: Vec<U8aFixed>;
      readonly escrowKey: U8aFixed;
      readonly signature: U8aFixed;
    } & Struct;
    readonly isApproveColdRecovery: boolean;
    readonly asApproveColdRecovery: {
      readonly requests: Vec<ITuple<[AccountId32, u32]>>;
    } & Struct;
    readonly isReleaseEscrowShare: boolean;
    readonly asReleaseEscrowShare: {
      readonly owner: AccountId32;
      readonly incarnation: u32;
      readonly memberIndex: u32;
      readonly sealed: U8aFixed;
      readonly signature: U8aFixed;
    } & Struct;
    readonly type: 'ConfirmEpoch' | 'Checkpoint' | 'RecordRelease' | 'ForceReassign' | 'SetParams' | 'AcceptRollback' | 'ReportBadShare' | 'SetEscrowCommittee' | 'ClearEscrowCommittee' | 'DepositEscrow' | 'RequestColdRecovery' | 'ApproveColdRecovery' | 'ReleaseEscrowShare';
  }

  /** @name PalletCustosBackupsAcknowledgement (63) */
  interface PalletCustosBackupsAcknowledgement extends Struct {
    readonly provider: AccountId32;
    readonly providerIncarnation: u32;
    readonly shareCommitment: U8aFixed;
    readonly signature: U8aFixed;
  }

  /** @name PalletCustosBackupsBackupParams (65) */
  interface PalletCustosBackupsBackupParams extends Struct {
    readonly n: u32;
    readonly t: u32;
    readonly maxLoad: u32;
  }

  /** @name PalletCustosBackupsBadShareReport (66) */
  interface PalletCustosBackupsBadShareReport extends Struct {
    readonly owner: AccountId32;
    readonly provider: AccountId32;
    readonly incarnation: u32;
    readonly epoch: u32;
    readonly recoveryKeys: Vec<U8aFixed>;
    readonly revealedKey: U8aFixed;
    readonly enc: U8aFixed;
    readonly ciphertext: Bytes;
    readonly signature: U8aFixed;
  }

  /** @name PalletCustosBackupsEscrowEscrowMember (71) */
  interface PalletCustosBackupsEscrowEscrowMember extends Struct {
    readonly account: AccountId32;
    readonly sealingKey: U8aFixed;
  }

  /** @name PalletCustosBackupsEscrowEscrowDeposit (73) */
  interface PalletCustosBackupsEscrowEscrowDeposit extends Struct {
    readonly generation: u32;
    readonly sequence: u32;
    readonly sealed: Vec<U8aFixed>;
    readonly commitments: Vec<U8aFixed>;
  }

  /** @name SpRuntimeMultiSignature (81) */
  interface SpRuntimeMultiSignature extends Enum {
    readonly isEd25519: boolean;
    readonly asEd25519: U8aFixed;
    readonly isSr25519: boolean;
    readonly asSr25519: U8aFixed;
    readonly isEcdsa: boolean;
    readonly asEcdsa: U8aFixed;
    readonly isEth: boolean;
    readonly asEth: U8aFixed;
    readonly type: 'Ed25519' | 'Sr25519' | 'Ecdsa' | 'Eth';
  }

  /** @name FrameSystemExtensionsCheckNonZeroSender (83) */
  type FrameSystemExtensionsCheckNonZeroSender = Null;

  /** @name FrameSystemExtensionsCheckSpecVersion (84) */
  type FrameSystemExtensionsCheckSpecVersion = Null;

  /** @name FrameSystemExtensionsCheckTxVersion (85) */
  type FrameSystemExtensionsCheckTxVersion = Null;

  /** @name FrameSystemExtensionsCheckGenesis (86) */
  type FrameSystemExtensionsCheckGenesis = Null;

  /** @name FrameSystemExtensionsCheckNonce (89) */
  interface FrameSystemExtensionsCheckNonce extends Compact<u32> {}

  /** @name FrameSystemExtensionsCheckWeight (91) */
  type FrameSystemExtensionsCheckWeight = Null;

  /** @name PalletTransactionPaymentChargeTransactionPayment (92) */
  interface PalletTransactionPaymentChargeTransactionPayment extends Compact<u128> {}

  /** @name FrameSystemExtensionsWeightReclaim (93) */
  type FrameSystemExtensionsWeightReclaim = Null;

  /** @name FrameSystemAccountInfo (95) */
  interface FrameSystemAccountInfo extends Struct {
    readonly nonce: u32;
    readonly consumers: u32;
    readonly providers: u32;
    readonly sufficients: u32;
    readonly data: PalletBalancesAccountData;
  }

  /** @name PalletBalancesAccountData (96) */
  interface PalletBalancesAccountData extends Struct {
    readonly free: u128;
    readonly reserved: u128;
    readonly frozen: u128;
    readonly flags: u128;
  }

  /** @name FrameSupportDispatchPerDispatchClassWeight (98) */
  interface FrameSupportDispatchPerDispatchClassWeight extends Struct {
    readonly normal: SpWeightsWeightV2Weight;
    readonly operational: SpWeightsWeightV2Weight;
    readonly mandatory: SpWeightsWeightV2Weight;
  }

  /** @name SpRuntimeDigest (99) */
  interface SpRuntimeDigest extends Struct {
    readonly logs: Vec<SpRuntimeDigestDigestItem>;
  }

  /** @name SpRuntimeDigestDigestItem (101) */
  interface SpRuntimeDigestDigestItem extends Enum {
    readonly isOther: boolean;
    readonly asOther: Bytes;
    readonly isConsensus: boolean;
    readonly asConsensus: ITuple<[U8aFixed, Bytes]>;
    readonly isSeal: boolean;
    readonly asSeal: ITuple<[U8aFixed, Bytes]>;
    readonly isPreRuntime: boolean;
    readonly asPreRuntime: ITuple<[U8aFixed, Bytes]>;
    readonly isRuntimeEnvironmentUpdated: boolean;
    readonly type: 'Other' | 'Consensus' | 'Seal' | 'PreRuntime' | 'RuntimeEnvironmentUpdated';
  }

  /** @name FrameSystemEventRecord (104) */
  interface FrameSystemEventRecord extends Struct {
    readonly phase: FrameSystemPhase;
    readonly event: Event;
    readonly topics: Vec<H256>;
  }

  /** @name FrameSystemEvent (106) */
  interface FrameSystemEvent extends Enum {
    readonly isExtrinsicSuccess: boolean;
    readonly asExtrinsicSuccess: {
      readonly dispatchInfo: FrameSystemDispatchEventInfo;
    } & Struct;
    readonly isExtrinsicFailed: boolean;
    readonly asExtrinsicFailed: {
      readonly dispatchError: SpRuntimeDispatchError;
      readonly dispatchInfo: FrameSystemDispatchEventInfo;
    } & Struct;
    readonly isCodeUpdated: boolean;
    readonly asCodeUpdated: {
      readonly hash_: H256;
    } & Struct;
    readonly isNewAccount: boolean;
    readonly asNewAccount: {
      readonly account: AccountId32;
    } & Struct;
    readonly isKilledAccount: boolean;
    readonly asKilledAccount: {
      readonly account: AccountId32;
    } & Struct;
    readonly isRemarked: boolean;
    readonly asRemarked: {
      readonly sender: AccountId32;
      readonly hash_: H256;
    } & Struct;
    readonly isUpgradeAuthorized: boolean;
    readonly asUpgradeAuthorized: {
      readonly codeHash: H256;
      readonly checkVersion: bool;
    } & Struct;
    readonly isRejectedInvalidAuthorizedUpgrade: boolean;
    readonly asRejectedInvalidAuthorizedUpgrade: {
      readonly codeHash: H256;
      readonly error: SpRuntimeDispatchError;
    } & Struct;
    readonly type: 'ExtrinsicSuccess' | 'ExtrinsicFailed' | 'CodeUpdated' | 'NewAccount' | 'KilledAccount' | 'Remarked' | 'UpgradeAuthorized' | 'RejectedInvalidAuthorizedUpgrade';
  }

  /** @name FrameSystemDispatchEventInfo (107) */
  interface FrameSystemDispatchEventInfo extends Struct {
    readonly weight: SpWeightsWeightV2Weight;
    readonly class: FrameSupportDispatchDispatchClass;
    readonly paysFee: FrameSupportDispatchPays;
  }

  /** @name FrameSupportDispatchDispatchClass (108) */
  interface FrameSupportDispatchDispatchClass extends Enum {
    readonly isNormal: boolean;
    readonly isOperational: boolean;
    readonly isMandatory: boolean;
    readonly type: 'Normal' | 'Operational' | 'Mandatory';
  }

  /** @name FrameSupportDispatchPays (109) */
  interface FrameSupportDispatchPays extends Enum {
    readonly isYes: boolean;
    readonly isNo: boolean;
    readonly type: 'Yes' | 'No';
  }

  /** @name SpRuntimeDispatchError (110) */
  interface SpRuntimeDispatchError extends Enum {
    readonly isOther: boolean;
    readonly isCannotLookup: boolean;
    readonly isBadOrigin: boolean;
    readonly isModule: boolean;
    readonly asModule: SpRuntimeModuleError;
    readonly isConsumerRemaining: boolean;
    readonly isNoProviders: boolean;
    readonly isTooManyConsumers: boolean;
    readonly isToken: boolean;
    readonly asToken: SpRuntimeTokenError;
    readonly isArithmetic: boolean;
    readonly asArithmetic: SpArithmeticArithmeticError;
    readonly isTransactional: boolean;
    readonly asTransactional: SpRuntimeTransactionalError;
    readonly isExhausted: boolean;
    readonly isCorruption: boolean;
    readonly isUnavailable: boolean;
    readonly isRootNotAllowed: boolean;
    readonly isTrie: boolean;
    readonly asTrie: SpRuntimeProvingTrieTrieError;
    readonly type: 'Other' | 'CannotLookup' | 'BadOrigin' | 'Module' | 'ConsumerRemaining' | 'NoProviders' | 'TooManyConsumers' | 'Token' | 'Arithmetic' | 'Transactional' | 'Exhausted' | 'Corruption' | 'Unavailable' | 'RootNotAllowed' | 'Trie';
  }

  /** @name SpRuntimeModuleError (111) */
  interface SpRuntimeModuleError extends Struct {
    readonly index: u8;
    readonly error: U8aFixed;
  }

  /** @name SpRuntimeTokenError (112) */
  interface SpRuntimeTokenError extends Enum {
    readonly isFundsUnavailable: boolean;
    readonly isOnlyProvider: boolean;
    readonly isBelowMinimum: boolean;
    readonly isCannotCreate: boolean;
    readonly isUnknownAsset: boolean;
    readonly isFrozen: boolean;
    readonly isUnsupported: boolean;
    readonly isCannotCreateHold: boolean;
    readonly isNotExpendable: boolean;
    readonly isBlocked: boolean;
    readonly type: 'FundsUnavailable' | 'OnlyProvider' | 'BelowMinimum' | 'CannotCreate' | 'UnknownAsset' | 'Frozen' | 'Unsupported' | 'CannotCreateHold' | 'NotExpendable' | 'Blocked';
  }

  /** @name SpArithmeticArithmeticError (113) */
  interface SpArithmeticArithmeticError extends Enum {
    readonly isUnderflow: boolean;
    readonly isOverflow: boolean;
    readonly isDivisionByZero: boolean;
    readonly type: 'Underflow' | 'Overflow' | 'DivisionByZero';
  }

  /** @name SpRuntimeTransactionalError (114) */
  interface SpRuntimeTransactionalError extends Enum {
    readonly isLimitReached: boolean;
    readonly isNoLayer: boolean;
    readonly type: 'LimitReached' | 'NoLayer';
  }

  /** @name SpRuntimeProvingTrieTrieError (115) */
  interface SpRuntimeProvingTrieTrieError extends Enum {
    readonly isInvalidStateRoot: boolean;
    readonly isIncompleteDatabase: boolean;
    readonly isValueAtIncompleteKey: boolean;
    readonly isDecoderError: boolean;
    readonly isInvalidHash: boolean;
    readonly isDuplicateKey: boolean;
    readonly isExtraneousNode: boolean;
    readonly isExtraneousValue: boolean;
    readonly isExtraneousHashReference: boolean;
    readonly isInvalidChildReference: boolean;
    readonly isValueMismatch: boolean;
    readonly isIncompleteProof: boolean;
    readonly isRootMismatch: boolean;
    readonly isDecodeError: boolean;
    readonly type: 'InvalidStateRoot' | 'IncompleteDatabase' | 'ValueAtIncompleteKey' | 'DecoderError' | 'InvalidHash' | 'DuplicateKey' | 'ExtraneousNode' | 'ExtraneousValue' | 'ExtraneousHashReference' | 'InvalidChildReference' | 'ValueMismatch' | 'IncompleteProof' | 'RootMismatch' | 'DecodeError';
  }

  /** @name PalletBalancesEvent (116) */
  interface PalletBalancesEvent extends Enum {
    readonly isEndowed: boolean;
    readonly asEndowed: {
      readonly account: AccountId32;
      readonly freeBalance: u128;
    } & Struct;
    readonly isDustLost: boolean;
    readonly asDustLost: {
      readonly account: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isTransfer: boolean;
    readonly asTransfer: {
      readonly from: AccountId32;
      readonly to: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isBalanceSet: boolean;
    readonly asBalanceSet: {
      readonly who: AccountId32;
      readonly free: u128;
    } & Struct;
    readonly isReserved: boolean;
    readonly asReserved: {
      readonly who: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isUnreserved: boolean;
    readonly asUnreserved: {
      readonly who: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isReserveRepatriated: boolean;
    readonly asReserveRepatriated: {
      readonly from: AccountId32;
      readonly to: AccountId32;
      readonly amount: u128;
      readonly destinationStatus: FrameSupportTokensMiscBalanceStatus;
    } & Struct;
    readonly isDeposit: boolean;
    readonly asDeposit: {
      readonly who: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isWithdraw: boolean;
    readonly asWithdraw: {
      readonly who: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isSlashed: boolean;
    readonly asSlashed: {
      readonly who: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isMinted: boolean;
    readonly asMinted: {
      readonly who: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isMintedCredit: boolean;
    readonly asMintedCredit: {
      readonly amount: u128;
    } & Struct;
    readonly isBurned: boolean;
    readonly asBurned: {
      readonly who: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isBurnedDebt: boolean;
    readonly asBurnedDebt: {
      readonly amount: u128;
    } & Struct;
    readonly isSuspended: boolean;
    readonly asSuspended: {
      readonly who: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isRestored: boolean;
    readonly asRestored: {
      readonly who: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isUpgraded: boolean;
    readonly asUpgraded: {
      readonly who: AccountId32;
    } & Struct;
    readonly isIssued: boolean;
    readonly asIssued: {
      readonly amount: u128;
    } & Struct;
    readonly isRescinded: boolean;
    readonly asRescinded: {
      readonly amount: u128;
    } & Struct;
    readonly isLocked: boolean;
    readonly asLocked: {
      readonly who: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isUnlocked: boolean;
    readonly asUnlocked: {
      readonly who: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isFrozen: boolean;
    readonly asFrozen: {
      readonly who: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isThawed: boolean;
    readonly asThawed: {
      readonly who: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isTotalIssuanceForced: boolean;
    readonly asTotalIssuanceForced: {
      readonly old: u128;
      readonly new_: u128;
    } & Struct;
    readonly isHeld: boolean;
    readonly asHeld: {
      readonly reason: CustosRuntimeRuntimeHoldReason;
      readonly who: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isBurnedHeld: boolean;
    readonly asBurnedHeld: {
      readonly reason: CustosRuntimeRuntimeHoldReason;
      readonly who: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isTransferOnHold: boolean;
    readonly asTransferOnHold: {
      readonly reason: CustosRuntimeRuntimeHoldReason;
      readonly source: AccountId32;
      readonly dest: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isTransferAndHold: boolean;
    readonly asTransferAndHold: {
      readonly reason: CustosRuntimeRuntimeHoldReason;
      readonly source: AccountId32;
      readonly dest: AccountId32;
      readonly transferred: u128;
    } & Struct;
    readonly isReleased: boolean;
    readonly asReleased: {
      readonly reason: CustosRuntimeRuntimeHoldReason;
      readonly who: AccountId32;
      readonly amount: u128;
    } & Struct;
    readonly isUnexpected: boolean;
    readonly asUnexpected: PalletBalancesUnexpectedKind;
    readonly type: 'Endowed' | 'DustLost' | 'Transfer' | 'BalanceSet' | 'Reserved' | 'Unreserved' | 'ReserveRepatriated' | 'Deposit' | 'Withdraw' | 'Slashed' | 'Minted' | 'MintedCredit' | 'Burned' | 'BurnedDebt' | 'Suspended' | 'Restored' | 'Upgraded' | 'Issued' | 'Rescinded' | 'Locked' | 'Unlocked' | 'Frozen' | 'Thawed' | 'TotalIssuanceForced' | 'Held' | 'BurnedHeld' | 'TransferOnHold' | 'TransferAndHold' | 'Released' | 'Unexpected';
  }

  /** @name FrameSupportTokensMiscBalanceStatus (117) */
  interface FrameSupportTokensMiscBalanceStatus extends Enum {
    readonly isFree: boolean;
    readonly isReserved: boolean;
    readonly type: 'Free' | 'Reserved';
  }

  /** @name CustosRuntimeRuntimeHoldReason (118) */
  interface CustosRuntimeRuntimeHoldReason extends Enum {
    readonly isRegistry: boolean;
    readonly asRegistry: PalletCustosRegistryHoldReason;
    readonly type: 'Registry';
  }

  /** @name PalletCustosRegistryHoldReason (119) */
  interface PalletCustosRegistryHoldReason extends Enum {
    readonly isValidatorBond: boolean;
    readonly type: 'ValidatorBond';
  }

  /** @name PalletBalancesUnexpectedKind (120) */
  interface PalletBalancesUnexpectedKind extends Enum {
    readonly isBalanceUpdated: boolean;
    readonly isFailedToMutateAccount: boolean;
    readonly type: 'BalanceUpdated' | 'FailedToMutateAccount';
  }

  /** @name PalletTransactionPaymentEvent (121) */
  interface PalletTransactionPaymentEvent extends Enum {
    readonly isTransactionFeePaid: boolean;
    readonly asTransactionFeePaid: {
      readonly who: AccountId32;
      readonly actualFee: u128;
      readonly tip: u128;
    } & Struct;
    readonly type: 'TransactionFeePaid';
  }

  /** @name PalletSudoEvent (122) */
  interface PalletSudoEvent extends Enum {
    readonly isSudid: boolean;
    readonly asSudid: {
      readonly sudoResult: Result<Null, SpRuntimeDispatchError>;
    } & Struct;
    readonly isKeyChanged: boolean;
    readonly asKeyChanged: {
      readonly old: Option<AccountId32>;
      readonly new_: AccountId32;
    } & Struct;
    readonly isKeyRemoved: boolean;
    readonly isSudoAsDone: boolean;
    readonly asSudoAsDone: {
      readonly sudoResult: Result<Null, SpRuntimeDispatchError>;
    } & Struct;
    readonly type: 'Sudid' | 'KeyChanged' | 'KeyRemoved' | 'SudoAsDone';
  }

  /** @name PalletGrandpaEvent (125) */
  interface PalletGrandpaEvent extends Enum {
    readonly isNewAuthorities: boolean;
    readonly asNewAuthorities: {
      readonly authoritySet: Vec<ITuple<[SpConsensusGrandpaAppPublic, u64]>>;
    } & Struct;
    readonly isPaused: boolean;
    readonly isResumed: boolean;
    readonly type: 'NewAuthorities' | 'Paused' | 'Resumed';
  }

  /** @name PalletCustosRegistryEvent (128) */
  interface PalletCustosRegistryEvent extends Enum {
    readonly isValidatorRegistered: boolean;
    readonly asValidatorRegistered: {
      readonly operator: AccountId32;
      readonly tssAccount: AccountId32;
      readonly x25519PublicKey: U8aFixed;
      readonly endpoint: Bytes;
      readonly restartKey: U8aFixed;
      readonly bond: u128;
    } & Struct;
    readonly isValidatorChilled: boolean;
    readonly asValidatorChilled: {
      readonly operator: AccountId32;
    } & Struct;
    readonly isValidatorResumed: boolean;
    readonly asValidatorResumed: {
      readonly operator: AccountId32;
    } & Struct;
    readonly isValidatorLeft: boolean;
    readonly asValidatorLeft: {
      readonly operator: AccountId32;
      readonly tssAccount: AccountId32;
    } & Struct;
    readonly isValidatorRemoved: boolean;
    readonly asValidatorRemoved: {
      readonly operator: AccountId32;
      readonly tssAccount: AccountId32;
    } & Struct;
    readonly isNewSession: boolean;
    readonly asNewSession: {
      readonly index: u32;
      readonly active: u32;
      readonly entered: Vec<AccountId32>;
      readonly left: Vec<AccountId32>;
    } & Struct;
    readonly isSessionLengthChanged: boolean;
    readonly asSessionLengthChanged: {
      readonly blocks: u32;
    } & Struct;
    readonly type: 'ValidatorRegistered' | 'ValidatorChilled' | 'ValidatorResumed' | 'ValidatorLeft' | 'ValidatorRemoved' | 'NewSession' | 'SessionLengthChanged';
  }

  /** @name PalletCustosAttestationEvent (129) */
  interface PalletCustosAttestationEvent extends Enum {
    readonly isAttested: boolean;
    readonly asAttested: {
      readonly tssAccount: AccountId32;
      readonly incarnation: u32;
      readonly measurement: U8aFixed;
      readonly recoveryPublicKey: U8aFixed;
      readonly tcb: Option<PalletCustosAttestationTcbLevel>;
    } & Struct;
    readonly isRestartAttested: boolean;
    readonly asRestartAttested: {
      readonly tssAccount: AccountId32;
      readonly incarnation: u32;
      readonly recoveryKeysRoot: U8aFixed;
      readonly measurement: U8aFixed;
      readonly quotedBlock: u32;
      readonly quoteHash: U8aFixed;
      readonly tcb: Option<PalletCustosAttestationTcbLevel>;
    } & Struct;
    readonly isAttestationRejected: boolean;
    readonly asAttestationRejected: {
      readonly tssAccount: AccountId32;
      readonly incarnation: u32;
      readonly reason: PalletCustosAttestationError;
    } & Struct;
    readonly isMeasurementAdded: boolean;
    readonly asMeasurementAdded: {
      readonly measurement: U8aFixed;
    } & Struct;
    readonly isMeasurementRemoved: boolean;
    readonly asMeasurementRemoved: {
      readonly measurement: U8aFixed;
    } & Struct;
    readonly isTrustPolicyChanged: boolean;
    readonly asTrustPolicyChanged: {
      readonly intelEnabled: bool;
      readonly devPckKeys: u32;
    } & Struct;
    readonly isTdPolicySet: boolean;
    readonly asTdPolicySet: {
      readonly policy: PalletCustosAttestationTdPolicy;
    } & Struct;
    readonly isCollateralCached: boolean;
    readonly asCollateralCached: {
      readonly key: CustosPrimitivesCollateralCollateralKey;
      readonly tcbEvaluationNumber: u32;
      readonly expiresAt: u64;
      readonly uploader: Option<AccountId32>;
    } & Struct;
    readonly isCollateralRemoved: boolean;
    readonly asCollateralRemoved: {
      readonly key: CustosPrimitivesCollateralCollateralKey;
    } & Struct;
    readonly isCollateralExpiring: boolean;
    readonly asCollateralExpiring: {
      readonly key: CustosPrimitivesCollateralCollateralKey;
      readonly expiresAt: u64;
    } & Struct;
    readonly isCollateralPolicySet: boolean;
    readonly asCollateralPolicySet: {
      readonly policy: PalletCustosAttestationCollateralPolicy;
    } & Struct;
    readonly type: 'Attested' | 'RestartAttested' | 'AttestationRejected' | 'MeasurementAdded' | 'MeasurementRemoved' | 'TrustPolicyChanged' | 'TdPolicySet' | 'CollateralCached' | 'CollateralRemoved' | 'CollateralExpiring' | 'CollateralPolicySet';
  }

  /** @name PalletCustosAttestationTcbLevel (131) */
  interface PalletCustosAttestationTcbLevel extends Struct {
    readonly collateral: CustosPrimitivesCollateralCollateralKey;
    readonly tcbEvaluationNumber: u32;
  }

  /** @name PalletCustosAttestationError (132) */
  interface PalletCustosAttestationError extends Enum {
    readonly isNotRegistered: boolean;
    readonly isBadRestartSignature: boolean;
    readonly isWrongGenesis: boolean;
    readonly isUnknownBlock: boolean;
    readonly isStaleBlock: boolean;
    readonly isReplayedAttestation: boolean;
    readonly isIncarnationGap: boolean;
    readonly isRateLimited: boolean;
    readonly isIntelPathDisabled: boolean;
    readonly isDevPathDisabled: boolean;
    readonly isMalformedQuote: boolean;
    readonly isMalformedCollateral: boolean;
    readonly isQuoteSignatureInvalid: boolean;
    readonly isUnknownPckKey: boolean;
    readonly isTcbStatusNotAccepted: boolean;
    readonly isDebugTd: boolean;
    readonly isMeasurementNotAccepted: boolean;
    readonly isReportDataMismatch: boolean;
    readonly isAlreadyAttested: boolean;
    readonly isMeasurementAlreadyAccepted: boolean;
    readonly isMeasurementNotFound: boolean;
    readonly isTooManyMeasurements: boolean;
    readonly isTdAttributesNotAllowed: boolean;
    readonly isXfamMismatch: boolean;
    readonly isMrConfigIdMismatch: boolean;
    readonly isMrOwnerMismatch: boolean;
    readonly isMrOwnerConfigMismatch: boolean;
    readonly isRtmr3Mismatch: boolean;
    readonly isReservedTdAttributes: boolean;
    readonly isSeptVeNotDisabled: boolean;
    readonly isMigratableTd: boolean;
    readonly isServiceTdBound: boolean;
    readonly isUnsupportedCertificationData: boolean;
    readonly isUnsatisfiableTdPolicy: boolean;
    readonly isCollateralNotCached: boolean;
    readonly isCachedCollateralExpired: boolean;
    readonly isTcbEvaluationTooOld: boolean;
    readonly isCollateralExpired: boolean;
    readonly isCollateralNotYetValid: boolean;
    readonly isCollateralFmspcMismatch: boolean;
    readonly isCollateralSignatureInvalid: boolean;
    readonly isCollateralNotNewer: boolean;
    readonly isCollateralCacheFull: boolean;
    readonly isCollateralNotFound: boolean;
    readonly isCollateralStillValid: boolean;
    readonly isPckCaNotCached: boolean;
    readonly type: 'NotRegistered' | 'BadRestartSignature' | 'WrongGenesis' | 'UnknownBlock' | 'StaleBlock' | 'ReplayedAttestation' | 'IncarnationGap' | 'RateLimited' | 'IntelPathDisabled' | 'DevPathDisabled' | 'MalformedQuote' | 'MalformedCollateral' | 'QuoteSignatureInvalid' | 'UnknownPckKey' | 'TcbStatusNotAccepted' | 'DebugTd' | 'MeasurementNotAccepted' | 'ReportDataMismatch' | 'AlreadyAttested' | 'MeasurementAlreadyAccepted' | 'MeasurementNotFound' | 'TooManyMeasurements' | 'TdAttributesNotAllowed' | 'XfamMismatch' | 'MrConfigIdMismatch' | 'MrOwnerMismatch' | 'MrOwnerConfigMismatch' | 'Rtmr3Mismatch' | 'ReservedTdAttributes' | 'SeptVeNotDisabled' | 'MigratableTd' | 'ServiceTdBound' | 'UnsupportedCertificationData' | 'UnsatisfiableTdPolicy' | 'CollateralNotCached' | 'CachedCollateralExpired' | 'TcbEvaluationTooOld' | 'CollateralExpired' | 'CollateralNotYetValid' | 'CollateralFmspcMismatch' | 'CollateralSignatureInvalid' | 'CollateralNotNewer' | 'CollateralCacheFull' | 'CollateralNotFound' | 'CollateralStillValid' | 'PckCaNotCached';
  }

  /** @name PalletCustosAttestationCollateralPolicy (133) */
  interface PalletCustosAttestationCollateralPolicy extends Struct {
    readonly minTcbEvaluationNumber: u32;
    readonly previousAcceptedUntil: u64;
    readonly expiryWarningBlocks: u32;
  }

  /** @name PalletCustosBackupsEvent (134) */
  interface PalletCustosBackupsEvent extends Enum {
    readonly isProvidersAssigned: boolean;
    readonly asProvidersAssigned: {
      readonly owner: AccountId32;
      readonly epoch: u32;
      readonly providers: Vec<AccountId32>;
      readonly threshold: u32;
    } & Struct;
    readonly isReassigned: boolean;
    readonly asReassigned: {
      readonly owner: AccountId32;
      readonly epoch: u32;
      readonly added: Vec<AccountId32>;
      readonly removed: Vec<AccountId32>;
      readonly forced: bool;
    } & Struct;
    readonly isUnderProvisioned: boolean;
    readonly asUnderProvisioned: {
      readonly owner: AccountId32;
      readonly have: u32;
      readonly need: u32;
    } & Struct;
    readonly isReshareNeeded: boolean;
    readonly asReshareNeeded: {
      readonly provider: AccountId32;
      readonly owners: Vec<AccountId32>;
    } & Struct;
    readonly isEpochConfirmed: boolean;
    readonly asEpochConfirmed: {
      readonly owner: AccountId32;
      readonly epoch: u32;
      readonly holders: Vec<AccountId32>;
      readonly commitments: Vec<U8aFixed>;
      readonly threshold: u32;
      readonly storeVersion: u64;
    } & Struct;
    readonly isCheckpointAnchored: boolean;
    readonly asCheckpointAnchored: {
      readonly owner: AccountId32;
      readonly storeVersion: u64;
    } & Struct;
    readonly isReleaseRecorded: boolean;
    readonly asReleaseRecorded: {
      readonly provider: AccountId32;
      readonly owner: AccountId32;
      readonly incarnation: u32;
    } & Struct;
    readonly isRollbackAccepted: boolean;
    readonly asRollbackAccepted: {
      readonly owner: AccountId32;
      readonly incarnation: u32;
      readonly anchoredVersion: u64;
      readonly acceptedVersion: u64;
    } & Struct;
    readonly isOwnerRemoved: boolean;
    readonly asOwnerRemoved: {
      readonly owner: AccountId32;
    } & Struct;
    readonly isParamsChanged: boolean;
    readonly asParamsChanged: {
      readonly params: PalletCustosBackupsBackupParams;
    } & Struct;
    readonly isBadShareProven: boolean;
    readonly asBadShareProven: {
      readonly owner: AccountId32;
      readonly provider: AccountId32;
      readonly incarnation: u32;
      readonly epoch: u32;
      readonly commitment: U8aFixed;
      readonly kind: PalletCustosBackupsBadShareKind;
      readonly released: Bytes;
    } & Struct;
    readonly isEscrowCommitteeSet: boolean;
    readonly asEscrowCommitteeSet: {
      readonly generation: u32;
      readonly members: Vec<AccountId32>;
      readonly threshold: u32;
    } & Struct;
    readonly isEscrowCommitteeCleared: boolean;
    readonly asEscrowCommitteeCleared: {
      readonly generation: u32;
    } & Struct;
    readonly isEscrowDeposited: boolean;
    readonly asEscrowDeposited: {
      readonly owner: AccountId32;
      readonly epoch: u32;
      readonly generation: u32;
      readonly commitments: Vec<U8aFixed>;
    } & Struct;
    readonly isColdRecoveryRequested: boolean;
    readonly asColdRecoveryRequested: {
      readonly owner: AccountId32;
      readonly incarnation: u32;
      readonly epoch: u32;
      readonly escrowKey: U8aFixed;
      readonly intactHolders: u32;
    } & Struct;
    readonly isColdRecoveryApproved: boolean;
    readonly asColdRecoveryApproved: {
      readonly owner: AccountId32;
      readonly incarnation: u32;
    } & Struct;
    readonly isColdApprovalSkipped: boolean;
    readonly asColdApprovalSkipped: {
      readonly owner: AccountId32;
      readonly incarnation: u32;
      readonly reason: PalletCustosBackupsEscrowColdApprovalSkip;
    } & Struct;
    readonly isEscrowShareReleased: boolean;
    readonly asEscrowShareReleased: {
      readonly owner: AccountId32;
      readonly incarnation: u32;
      readonly memberIndex: u32;
      readonly member: AccountId32;
    } & Struct;
    readonly isColdRecoveryClosed: boolean;
    readonly asColdRecoveryClosed: {
      readonly owner: AccountId32;
      readonly incarnation: u32;
      readonly epoch: u32;
    } & Struct;
    readonly type: 'ProvidersAssigned' | 'Reassigned' | 'UnderProvisioned' | 'ReshareNeeded' | 'EpochConfirmed' | 'CheckpointAnchored' | 'ReleaseRecorded' | 'RollbackAccepted' | 'OwnerRemoved' | 'ParamsChanged' | 'BadShareProven' | 'EscrowCommitteeSet' | 'EscrowCommitteeCleared' | 'EscrowDeposited' | 'ColdRecoveryRequested' | 'ColdRecoveryApproved' | 'ColdApprovalSkipped' | 'EscrowShareReleased' | 'ColdRecoveryClosed';
  }

  /** @name PalletCustosBackupsBadShareKind (135) */
  interface PalletCustosBackupsBadShareKind extends Enum {
    readonly isUndecryptable: boolean;
    readonly isWrongLength: boolean;
    readonly isCommitmentMismatch: boolean;
    readonly type: 'Undecryptable' | 'WrongLength' | 'CommitmentMismatch';
  }

  /** @name PalletCustosBackupsEscrowColdApprovalSkip (136) */
  interface PalletCustosBackupsEscrowColdApprovalSkip extends Enum {
    readonly isNotFound: boolean;
    readonly isSuperseded: boolean;
    readonly isExpired: boolean;
    readonly isAlreadyApproved: boolean;
    readonly type: 'NotFound' | 'Superseded' | 'Expired' | 'AlreadyApproved';
  }

  /** @name FrameSystemPhase (137) */
  interface FrameSystemPhase extends Enum {
    readonly isApplyExtrinsic: boolean;
    readonly asApplyExtrinsic: u32;
    readonly isFinalization: boolean;
    readonly isInitialization: boolean;
    readonly type: 'ApplyExtrinsic' | 'Finalization' | 'Initialization';
  }

  /** @name FrameSystemLastRuntimeUpgradeInfo (141) */
  interface FrameSystemLastRuntimeUpgradeInfo extends Struct {
    readonly specVersion: Compact<u32>;
    readonly specName: Text;
  }

  /** @name FrameSystemCodeUpgradeAuthorization (144) */
  interface FrameSystemCodeUpgradeAuthorization extends Struct {
    readonly codeHash: H256;
    readonly checkVersion: bool;
  }

  /** @name FrameSystemLimitsBlockWeights (145) */
  interface FrameSystemLimitsBlockWeights extends Struct {
    readonly baseBlock: SpWeightsWeightV2Weight;
    readonly maxBlock: SpWeightsWeightV2Weight;
    readonly perClass: FrameSupportDispatchPerDispatchClassWeightsPerClass;
  }

  /** @name FrameSupportDispatchPerDispatchClassWeightsPerClass (146) */
  interface FrameSupportDispatchPerDispatchClassWeightsPerClass extends Struct {
    readonly normal: FrameSystemLimitsWeightsPerClass;
    readonly operational: FrameSystemLimitsWeightsPerClass;
    readonly mandatory: FrameSystemLimitsWeightsPerClass;
  }

  /** @name FrameSystemLimitsWeightsPerClass (147) */
  interface FrameSystemLimitsWeightsPerClass extends Struct {
    readonly baseExtrinsic: SpWeightsWeightV2Weight;
    readonly maxExtrinsic: Option<SpWeightsWeightV2Weight>;
    readonly maxTotal: Option<SpWeightsWeightV2Weight>;
    readonly reserved: Option<SpWeightsWeightV2Weight>;
  }

  /** @name FrameSystemLimitsBlockLength (149) */
  interface FrameSystemLimitsBlockLength extends Struct {
    readonly max: FrameSupportDispatchPerDispatchClassU32;
    readonly maxHeaderSize: Option<u32>;
  }

  /** @name FrameSupportDispatchPerDispatchClassU32 (150) */
  interface FrameSupportDispatchPerDispatchClassU32 extends Struct {
    readonly normal: u32;
    readonly operational: u32;
    readonly mandatory: u32;
  }

  /** @name SpWeightsRuntimeDbWeight (152) */
  interface SpWeightsRuntimeDbWeight extends Struct {
    readonly read: u64;
    readonly write: u64;
  }

  /** @name SpVersionRuntimeVersion (153) */
  interface SpVersionRuntimeVersion extends Struct {
    readonly specName: Text;
    readonly implName: Text;
    readonly authoringVersion: u32;
    readonly specVersion: u32;
    readonly implVersion: u32;
    readonly apis: Vec<ITuple<[U8aFixed, u32]>>;
    readonly transactionVersion: u32;
    readonly systemVersion: u8;
  }

  /** @name FrameSystemError (159) */
  interface FrameSystemError extends Enum {
    readonly isInvalidSpecName: boolean;
    readonly isSpecVersionNeedsToIncrease: boolean;
    readonly isFailedToExtractRuntimeVersion: boolean;
    readonly isNonDefaultComposite: boolean;
    readonly isNonZeroRefCount: boolean;
    readonly isCallFiltered: boolean;
    readonly isMultiBlockMigrationsOngoing: boolean;
    readonly isNothingAuthorized: boolean;
    readonly isUnauthorized: boolean;
    readonly type: 'InvalidSpecName' | 'SpecVersionNeedsToIncrease' | 'FailedToExtractRuntimeVersion' | 'NonDefaultComposite' | 'NonZeroRefCount' | 'CallFiltered' | 'MultiBlockMigrationsOngoing' | 'NothingAuthorized' | 'Unauthorized';
  }

  /** @name PalletBalancesBalanceLock (161) */
  interface PalletBalancesBalanceLock extends Struct {
    readonly id: U8aFixed;
    readonly amount: u128;
    readonly reasons: PalletBalancesReasons;
  }

  /** @name PalletBalancesReasons (162) */
  interface PalletBalancesReasons extends Enum {
    readonly isFee: boolean;
    readonly isMisc: boolean;
    readonly isAll: boolean;
    readonly type: 'Fee' | 'Misc' | 'All';
  }

  /** @name PalletBalancesReserveData (165) */
  interface PalletBalancesReserveData extends Struct {
    readonly id: Null;
    readonly amount: u128;
  }

  /** @name FrameSupportTokensMiscIdAmount (171) */
  interface FrameSupportTokensMiscIdAmount extends Struct {
    readonly id: Null;
    readonly amount: u128;
  }

  /** @name PalletBalancesError (173) */
  interface PalletBalancesError extends Enum {
    readonly isVestingBalance: boolean;
    readonly isLiquidityRestrictions: boolean;
    readonly isInsufficientBalance: boolean;
    readonly isExistentialDeposit: boolean;
    readonly isExpendability: boolean;
    readonly isExistingVestingSchedule: boolean;
    readonly isDeadAccount: boolean;
    readonly isTooManyReserves: boolean;
    readonly isTooManyHolds: boolean;
    readonly isTooManyFreezes: boolean;
    readonly isIssuanceDeactivated: boolean;
    readonly isDeltaZero: boolean;
    readonly type: 'VestingBalance' | 'LiquidityRestrictions' | 'InsufficientBalance' | 'ExistentialDeposit' | 'Expendability' | 'ExistingVestingSchedule' | 'DeadAccount' | 'TooManyReserves' | 'TooManyHolds' | 'TooManyFreezes' | 'IssuanceDeactivated' | 'DeltaZero';
  }

  /** @name PalletTransactionPaymentReleases (175) */
  interface PalletTransactionPaymentReleases extends Enum {
    readonly isV1Ancient: boolean;
    readonly isV2: boolean;
    readonly type: 'V1Ancient' | 'V2';
  }

  /** @name FrameSupportStorageNoDrop (176) */
  interface FrameSupportStorageNoDrop extends FrameSupportTokensFungibleImbalance {}

  /** @name FrameSupportTokensFungibleImbalance (177) */
  interface FrameSupportTokensFungibleImbalance extends Struct {
    readonly amount: u128;
  }

  /** @name PalletSudoError (178) */
  interface PalletSudoError extends Enum {
    readonly isRequireSudo: boolean;
    readonly type: 'RequireSudo';
  }

  /** @name SpConsensusAuraSr25519AppSr25519Public (181) */
  interface SpConsensusAuraSr25519AppSr25519Public extends U8aFixed {}

  /** @name PalletGrandpaStoredState (184) */
  interface PalletGrandpaStoredState extends Enum {
    readonly isLive: boolean;
    readonly isPendingPause: boolean;
    readonly asPendingPause: {
      readonly scheduledAt: u32;
      readonly delay: u32;
    } & Struct;
    readonly isPaused: boolean;
    readonly isPendingResume: boolean;
    readonly asPendingResume: {
      readonly scheduledAt: u32;
      readonly delay: u32;
    } & Struct;
    readonly type: 'Live' | 'PendingPause' | 'Paused' | 'PendingResume';
  }

  /** @name PalletGrandpaStoredPendingChange (185) */
  interface PalletGrandpaStoredPendingChange extends Struct {
    readonly scheduledAt: u32;
    readonly delay: u32;
    readonly nextAuthorities: Vec<ITuple<[SpConsensusGrandpaAppPublic, u64]>>;
    readonly forced: Option<u32>;
  }

  /** @name PalletGrandpaError (187) */
  interface PalletGrandpaError extends Enum {
    readonly isPauseFailed: boolean;
    readonly isResumeFailed: boolean;
    readonly isChangePending: boolean;
    readonly isTooSoon: boolean;
    readonly isInvalidKeyOwnershipProof: boolean;
    readonly isInvalidEquivocationProof: boolean;
    readonly isDuplicateOffenceReport: boolean;
    readonly type: 'PauseFailed' | 'ResumeFailed' | 'ChangePending' | 'TooSoon' | 'InvalidKeyOwnershipProof' | 'InvalidEquivocationProof' | 'DuplicateOffenceReport';
  }

  /** @name PalletCustosRegistryValidatorInfo (188) */
  interface PalletCustosRegistryValidatorInfo extends Struct {
    readonly server: PalletCustosRegistryServerInfo;
    readonly status: PalletCustosRegistryValidatorStatus;
    readonly bond: u128;
    readonly registeredAt: u32;
  }

  /** @name PalletCustosRegistryValidatorStatus (189) */
  interface PalletCustosRegistryValidatorStatus extends Enum {
    readonly isValidating: boolean;
    readonly isChilled: boolean;
    readonly type: 'Validating' | 'Chilled';
  }

  /** @name PalletCustosRegistryActiveValidator (191) */
  interface PalletCustosRegistryActiveValidator extends Struct {
    readonly operator: AccountId32;
    readonly tssAccount: AccountId32;
  }

  /** @name PalletCustosRegistryError (193) */
  interface PalletCustosRegistryError extends Enum {
    readonly isAlreadyRegistered: boolean;
    readonly isTssAccountInUse: boolean;
    readonly isOperatorIsTssAccount: boolean;
    readonly isInvalidEndpoint: boolean;
    readonly isTooManyValidators: boolean;
    readonly isNotRegistered: boolean;
    readonly isAlreadyChilled: boolean;
    readonly isNotChilled: boolean;
    readonly isInsufficientBond: boolean;
    readonly isZeroSessionLength: boolean;
    readonly type: 'AlreadyRegistered' | 'TssAccountInUse' | 'OperatorIsTssAccount' | 'InvalidEndpoint' | 'TooManyValidators' | 'NotRegistered' | 'AlreadyChilled' | 'NotChilled' | 'InsufficientBond' | 'ZeroSessionLength';
  }

  /** @name PalletCustosAttestationAttestationRecord (195) */
  interface PalletCustosAttestationAttestationRecord extends Struct {
    readonly incarnation: u32;
    readonly recoveryKeysRoot: U8aFixed;
    readonly attestedAt: u32;
    readonly measurement: U8aFixed;
  }

  /** @name PalletCustosAttestationCachedCollateral (196) */
  interface PalletCustosAttestationCachedCollateral extends Struct {
    readonly facts: CustosPrimitivesCollateralCollateralFacts;
    readonly cachedAt: u32;
    readonly expiryAnnounced: bool;
  }

  /** @name CustosPrimitivesCollateralCollateralFacts (197) */
  interface CustosPrimitivesCollateralCollateralFacts extends Struct {
    readonly key: CustosPrimitivesCollateralCollateralKey;
    readonly tcbEvaluationNumber: u32;
    readonly issuedAt: u64;
    readonly expiresAt: u64;
  }

  /** @name PalletCustosAttestationSignatureMemo (198) */
  interface PalletCustosAttestationSignatureMemo extends Struct {
    readonly bundle: Vec<U8aFixed>;
    readonly pckCa: Vec<U8aFixed>;
  }

  /** @name PalletCustosBackupsBackupState (200) */
  interface PalletCustosBackupsBackupState extends Struct {
    readonly epoch: u32;
    readonly providers: Vec<AccountId32>;
    readonly threshold: u32;
    readonly confirmedEpoch: u32;
    readonly confirmedProviders: Vec<AccountId32>;
    readonly confirmedThreshold: u32;
    readonly confirmedStoreVersion: u64;
    readonly epochOpenedAt: u32;
    readonly confirmedAt: u32;
    readonly underProvisioned: bool;
  }

  /** @name PalletCustosBackupsReassignmentRound (204) */
  interface PalletCustosBackupsReassignmentRound extends Struct {
    readonly session: u32;
    readonly seed: U8aFixed;
    readonly openedAt: u32;
    readonly fillsLeft: u32;
    readonly fillCursor: Option<AccountId32>;
  }

  /** @name PalletCustosBackupsEscrowEscrowCommittee (208) */
  interface PalletCustosBackupsEscrowEscrowCommittee extends Struct {
    readonly generation: u32;
    readonly threshold: u32;
    readonly members: Vec<PalletCustosBackupsEscrowEscrowMember>;
  }

  /** @name PalletCustosBackupsEscrowColdRequest (209) */
  interface PalletCustosBackupsEscrowColdRequest extends Struct {
    readonly incarnation: u32;
    readonly epoch: u32;
    readonly escrowKey: U8aFixed;
    readonly requestedAt: u32;
    readonly approvedAt: Option<u32>;
  }

  /** @name PalletCustosBackupsEscrowEscrowRelease (211) */
  interface PalletCustosBackupsEscrowEscrowRelease extends Struct {
    readonly sealed: U8aFixed;
    readonly at: u32;
  }

  /** @name PalletCustosBackupsBadShareRecord (212) */
  interface PalletCustosBackupsBadShareRecord extends Struct {
    readonly epoch: u32;
    readonly kind: PalletCustosBackupsBadShareKind;
    readonly reportedAt: u32;
  }

  /** @name PalletCustosBackupsError (213) */
  interface PalletCustosBackupsError extends Enum {
    readonly isUnknownOwner: boolean;
    readonly isBadSignature: boolean;
    readonly isEpochAlreadyConfirmed: boolean;
    readonly isWrongEpoch: boolean;
    readonly isNotEnoughAcknowledgements: boolean;
    readonly isUnexpectedAcknowledgement: boolean;
    readonly isDuplicateAcknowledgement: boolean;
    readonly isBadAcknowledgement: boolean;
    readonly isStoreVersionDecreased: boolean;
    readonly isStoreVersionNotIncreased: boolean;
    readonly isRateLimited: boolean;
    readonly isNotAConfirmedHolder: boolean;
    readonly isStaleIncarnation: boolean;
    readonly isDuplicateReceipt: boolean;
    readonly isInvalidParams: boolean;
    readonly isNotARollback: boolean;
    readonly isStaleAcknowledgement: boolean;
    readonly isReportEpochNotConfirmed: boolean;
    readonly isReportedProviderNotHolder: boolean;
    readonly isReportIncarnationNotCurrent: boolean;
    readonly isRecoveryKeysMismatch: boolean;
    readonly isRevealedKeyMismatch: boolean;
    readonly isBadReleaseSignature: boolean;
    readonly isBadShareAlreadyReported: boolean;
    readonly isShareMatchesCommitment: boolean;
    readonly isNoEscrowCommittee: boolean;
    readonly isInvalidEscrowCommittee: boolean;
    readonly isWrongEscrowGeneration: boolean;
    readonly isWrongEscrowShareCount: boolean;
    readonly isEscrowDepositMissing: boolean;
    readonly isNoEscrowDeposit: boolean;
    readonly isHoldersIntact: boolean;
    readonly isColdRequestExists: boolean;
    readonly isColdRequestNotFound: boolean;
    readonly isColdRequestExpired: boolean;
    readonly isColdRequestNotApproved: boolean;
    readonly isColdRequestAlreadyApproved: boolean;
    readonly isNotAnEscrowMember: boolean;
    readonly isEscrowShareAlreadyReleased: boolean;
    readonly isAttestationTooOld: boolean;
    readonly isStaleEscrowDeposit: boolean;
    readonly isLowOrderSealingKey: boolean;
    readonly type: 'UnknownOwner' | 'BadSignature' | 'EpochAlreadyConfirmed' | 'WrongEpoch' | 'NotEnoughAcknowledgements' | 'UnexpectedAcknowledgement' | 'DuplicateAcknowledgement' | 'BadAcknowledgement' | 'StoreVersionDecreased' | 'StoreVersionNotIncreased' | 'RateLimited' | 'NotAConfirmedHolder' | 'StaleIncarnation' | 'DuplicateReceipt' | 'InvalidParams' | 'NotARollback' | 'StaleAcknowledgement' | 'ReportEpochNotConfirmed' | 'ReportedProviderNotHolder' | 'ReportIncarnationNotCurrent' | 'RecoveryKeysMismatch' | 'RevealedKeyMismatch' | 'BadReleaseSignature' | 'BadShareAlreadyReported' | 'ShareMatchesCommitment' | 'NoEscrowCommittee' | 'InvalidEscrowCommittee' | 'WrongEscrowGeneration' | 'WrongEscrowShareCount' | 'EscrowDepositMissing' | 'NoEscrowDeposit' | 'HoldersIntact' | 'ColdRequestExists' | 'ColdRequestNotFound' | 'ColdRequestExpired' | 'ColdRequestNotApproved' | 'ColdRequestAlreadyApproved' | 'NotAnEscrowMember' | 'EscrowShareAlreadyReleased' | 'AttestationTooOld' | 'StaleEscrowDeposit' | 'LowOrderSealingKey';
  }

  /** @name CustosRuntimeRuntime (214) */
  type CustosRuntimeRuntime = Null;

  /** @name SpRuntimeBlockLazyBlock (215) */
  interface SpRuntimeBlockLazyBlock extends Struct {
    readonly header: SpRuntimeHeader;
    readonly extrinsics: Vec<Bytes>;
  }

  /** @name SpRuntimeHeader (216) */
  interface SpRuntimeHeader extends Struct {
    readonly parentHash: H256;
    readonly number: Compact<u32>;
    readonly stateRoot: H256;
    readonly extrinsicsRoot: H256;
    readonly digest: SpRuntimeDigest;
  }

  /** @name SpRuntimeExtrinsicInclusionMode (220) */
  interface SpRuntimeExtrinsicInclusionMode extends Enum {
    readonly isAllExtrinsics: boolean;
    readonly isOnlyInherents: boolean;
    readonly type: 'AllExtrinsics' | 'OnlyInherents';
  }

  /** @name SpRuntimeTransactionValidityTransactionValidityError (224) */
  interface SpRuntimeTransactionValidityTransactionValidityError extends Enum {
    readonly isInvalid: boolean;
    readonly asInvalid: SpRuntimeTransactionValidityInvalidTransaction;
    readonly isUnknown: boolean;
    readonly asUnknown: SpRuntimeTransactionValidityUnknownTransaction;
    readonly type: 'Invalid' | 'Unknown';
  }

  /** @name SpRuntimeTransactionValidityInvalidTransaction (225) */
  interface SpRuntimeTransactionValidityInvalidTransaction extends Enum {
    readonly isCall: boolean;
    readonly isPayment: boolean;
    readonly isFuture: boolean;
    readonly isStale: boolean;
    readonly isBadProof: boolean;
    readonly isAncientBirthBlock: boolean;
    readonly isExhaustsResources: boolean;
    readonly isCustom: boolean;
    readonly asCustom: u8;
    readonly isBadMandatory: boolean;
    readonly isMandatoryValidation: boolean;
    readonly isBadSigner: boolean;
    readonly isIndeterminateImplicit: boolean;
    readonly isUnknownOrigin: boolean;
    readonly type: 'Call' | 'Payment' | 'Future' | 'Stale' | 'BadProof' | 'AncientBirthBlock' | 'ExhaustsResources' | 'Custom' | 'BadMandatory' | 'MandatoryValidation' | 'BadSigner' | 'IndeterminateImplicit' | 'UnknownOrigin';
  }

  /** @name SpRuntimeTransactionValidityUnknownTransaction (226) */
  interface SpRuntimeTransactionValidityUnknownTransaction extends Enum {
    readonly isCannotLookup: boolean;
    readonly isNoUnsignedValidator: boolean;
    readonly isCustom: boolean;
    readonly asCustom: u8;
    readonly type: 'CannotLookup' | 'NoUnsignedValidator' | 'Custom';
  }

  /** @name SpInherentsInherentData (227) */
  interface SpInherentsInherentData extends Struct {
    readonly data: BTreeMap<U8aFixed, Bytes>;
  }

  /** @name SpInherentsCheckInherentsResult (232) */
  interface SpInherentsCheckInherentsResult extends Struct {
    readonly okay: bool;
    readonly fatalError: bool;
    readonly errors: SpInherentsInherentData;
  }

  /** @name SpRuntimeTransactionValidityTransactionSource (233) */
  interface SpRuntimeTransactionValidityTransactionSource extends Enum {
    readonly isInBlock: boolean;
    readonly isLocal: boolean;
    readonly isExternal: boolean;
    readonly type: 'InBlock' | 'Local' | 'External';
  }

  /** @name SpRuntimeTransactionValidityValidTransaction (235) */
  interface SpRuntimeTransactionValidityValidTransaction extends Struct {
    readonly priority: u64;
    readonly requires: Vec<Bytes>;
    readonly provides: Vec<Bytes>;
    readonly longevity: u64;
    readonly propagate: bool;
  }

  /** @name SpSessionRuntimeApiOpaqueGeneratedSessionKeys (237) */
  interface SpSessionRuntimeApiOpaqueGeneratedSessionKeys extends Struct {
    readonly keys_: Bytes;
    readonly proof: Bytes;
  }

  /** @name SpCoreCryptoKeyTypeId (241) */
  interface SpCoreCryptoKeyTypeId extends U8aFixed {}

  /** @name PalletTransactionPaymentRuntimeDispatchInfo (246) */
  interface PalletTransactionPaymentRuntimeDispatchInfo extends Struct {
    readonly weight: SpWeightsWeightV2Weight;
    readonly class: FrameSupportDispatchDispatchClass;
    readonly partialFee: u128;
  }

  /** @name PalletTransactionPaymentFeeDetails (247) */
  interface PalletTransactionPaymentFeeDetails extends Struct {
    readonly inclusionFee: Option<PalletTransactionPaymentInclusionFee>;
    readonly tip: u128;
  }

  /** @name PalletTransactionPaymentInclusionFee (249) */
  interface PalletTransactionPaymentInclusionFee extends Struct {
    readonly baseFee: u128;
    readonly lenFee: u128;
    readonly adjustedWeightFee: u128;
  }

  /** @name CustosRuntimeRuntimeError (253) */
  interface CustosRuntimeRuntimeError extends Enum {
    readonly isSystem: boolean;
    readonly asSystem: FrameSystemError;
    readonly isBalances: boolean;
    readonly asBalances: PalletBalancesError;
    readonly isSudo: boolean;
    readonly asSudo: PalletSudoError;
    readonly isGrandpa: boolean;
    readonly asGrandpa: PalletGrandpaError;
    readonly isRegistry: boolean;
    readonly asRegistry: PalletCustosRegistryError;
    readonly isAttestation: boolean;
    readonly asAttestation: PalletCustosAttestationError;
    readonly isBackups: boolean;
    readonly asBackups: PalletCustosBackupsError;
    readonly type: 'System' | 'Balances' | 'Sudo' | 'Grandpa' | 'Registry' | 'Attestation' | 'Backups';
  }

} // declare module
