// Auto-generated via `yarn polkadot-types-from-defs`, do not edit
/* eslint-disable */

// import type lookup before we augment - in some environments
// this is required to allow for ambient/previous definitions
import '@polkadot/types/types/registry';

import type { CustosPrimitivesVerifyIntelTrust, CustosRuntimeRuntime, CustosRuntimeRuntimeError, CustosRuntimeRuntimeHoldReason, FrameSupportDispatchDispatchClass, FrameSupportDispatchPays, FrameSupportDispatchPerDispatchClassU32, FrameSupportDispatchPerDispatchClassWeight, FrameSupportDispatchPerDispatchClassWeightsPerClass, FrameSupportStorageNoDrop, FrameSupportTokensFungibleImbalance, FrameSupportTokensMiscBalanceStatus, FrameSupportTokensMiscIdAmount, FrameSystemAccountInfo, FrameSystemCall, FrameSystemCodeUpgradeAuthorization, FrameSystemDispatchEventInfo, FrameSystemError, FrameSystemEvent, FrameSystemEventRecord, FrameSystemExtensionsCheckGenesis, FrameSystemExtensionsCheckNonZeroSender, FrameSystemExtensionsCheckNonce, FrameSystemExtensionsCheckSpecVersion, FrameSystemExtensionsCheckTxVersion, FrameSystemExtensionsCheckWeight, FrameSystemExtensionsWeightReclaim, FrameSystemLastRuntimeUpgradeInfo, FrameSystemLimitsBlockLength, FrameSystemLimitsBlockWeights, FrameSystemLimitsWeightsPerClass, FrameSystemPhase, PalletBalancesAccountData, PalletBalancesAdjustmentDirection, PalletBalancesBalanceLock, PalletBalancesCall, PalletBalancesError, PalletBalancesEvent, PalletBalancesReasons, PalletBalancesReserveData, PalletBalancesUnexpectedKind, PalletCustosAttestationAttestationRecord, PalletCustosAttestationCall, PalletCustosAttestationError, PalletCustosAttestationEvent, PalletCustosAttestationQuoteEvidence, PalletCustosAttestationRestartAttestation, PalletCustosAttestationTdPolicy, PalletCustosAttestationTdRegister, PalletCustosAttestationTrustPolicy, PalletCustosBackupsAcknowledgement, PalletCustosBackupsBackupParams, PalletCustosBackupsBackupState, PalletCustosBackupsBadShareKind, PalletCustosBackupsBadShareRecord, PalletCustosBackupsBadShareReport, PalletCustosBackupsCall, PalletCustosBackupsError, PalletCustosBackupsEvent, PalletCustosRegistryActiveValidator, PalletCustosRegistryCall, PalletCustosRegistryError, PalletCustosRegistryEvent, PalletCustosRegistryHoldReason, PalletCustosRegistryServerInfo, PalletCustosRegistryValidatorInfo, PalletCustosRegistryValidatorStatus, PalletSudoCall, PalletSudoError, PalletSudoEvent, PalletTimestampCall, PalletTransactionPaymentChargeTransactionPayment, PalletTransactionPaymentEvent, PalletTransactionPaymentFeeDetails, PalletTransactionPaymentInclusionFee, PalletTransactionPaymentReleases, PalletTransactionPaymentRuntimeDispatchInfo, SpArithmeticArithmeticError, SpConsensusAuraSr25519AppSr25519Public, SpCoreCryptoKeyTypeId, SpInherentsCheckInherentsResult, SpInherentsInherentData, SpRuntimeBlockLazyBlock, SpRuntimeDigest, SpRuntimeDigestDigestItem, SpRuntimeDispatchError, SpRuntimeExtrinsicInclusionMode, SpRuntimeHeader, SpRuntimeModuleError, SpRuntimeMultiSignature, SpRuntimeProvingTrieTrieError, SpRuntimeTokenError, SpRuntimeTransactionValidityInvalidTransaction, SpRuntimeTransactionValidityTransactionSource, SpRuntimeTransactionValidityTransactionValidityError, SpRuntimeTransactionValidityUnknownTransaction, SpRuntimeTransactionValidityValidTransaction, SpRuntimeTransactionalError, SpSessionRuntimeApiOpaqueGeneratedSessionKeys, SpVersionRuntimeVersion, SpWeightsRuntimeDbWeight, SpWeightsWeightV2Weight } from '@polkadot/types/lookup';

declare module '@polkadot/types/types/registry' {
  interface InterfaceTypes {
    CustosPrimitivesVerifyIntelTrust: CustosPrimitivesVerifyIntelTrust;
    CustosRuntimeRuntime: CustosRuntimeRuntime;
    CustosRuntimeRuntimeError: CustosRuntimeRuntimeError;
    CustosRuntimeRuntimeHoldReason: CustosRuntimeRuntimeHoldReason;
    FrameSupportDispatchDispatchClass: FrameSupportDispatchDispatchClass;
    FrameSupportDispatchPays: FrameSupportDispatchPays;
    FrameSupportDispatchPerDispatchClassU32: FrameSupportDispatchPerDispatchClassU32;
    FrameSupportDispatchPerDispatchClassWeight: FrameSupportDispatchPerDispatchClassWeight;
    FrameSupportDispatchPerDispatchClassWeightsPerClass: FrameSupportDispatchPerDispatchClassWeightsPerClass;
    FrameSupportStorageNoDrop: FrameSupportStorageNoDrop;
    FrameSupportTokensFungibleImbalance: FrameSupportTokensFungibleImbalance;
    FrameSupportTokensMiscBalanceStatus: FrameSupportTokensMiscBalanceStatus;
    FrameSupportTokensMiscIdAmount: FrameSupportTokensMiscIdAmount;
    FrameSystemAccountInfo: FrameSystemAccountInfo;
    FrameSystemCall: FrameSystemCall;
    FrameSystemCodeUpgradeAuthorization: FrameSystemCodeUpgradeAuthorization;
    FrameSystemDispatchEventInfo: FrameSystemDispatchEventInfo;
    FrameSystemError: FrameSystemError;
    FrameSystemEvent: FrameSystemEvent;
    FrameSystemEventRecord: FrameSystemEventRecord;
    FrameSystemExtensionsCheckGenesis: FrameSystemExtensionsCheckGenesis;
    FrameSystemExtensionsCheckNonZeroSender: FrameSystemExtensionsCheckNonZeroSender;
    FrameSystemExtensionsCheckNonce: FrameSystemExtensionsCheckNonce;
    FrameSystemExtensionsCheckSpecVersion: FrameSystemExtensionsCheckSpecVersion;
    FrameSystemExtensionsCheckTxVersion: FrameSystemExtensionsCheckTxVersion;
    FrameSystemExtensionsCheckWeight: FrameSystemExtensionsCheckWeight;
    FrameSystemExtensionsWeightReclaim: FrameSystemExtensionsWeightReclaim;
    FrameSystemLastRuntimeUpgradeInfo: FrameSystemLastRuntimeUpgradeInfo;
    FrameSystemLimitsBlockLength: FrameSystemLimitsBlockLength;
    FrameSystemLimitsBlockWeights: FrameSystemLimitsBlockWeights;
    FrameSystemLimitsWeightsPerClass: FrameSystemLimitsWeightsPerClass;
    FrameSystemPhase: FrameSystemPhase;
    PalletBalancesAccountData: PalletBalancesAccountData;
    PalletBalancesAdjustmentDirection: PalletBalancesAdjustmentDirection;
    PalletBalancesBalanceLock: PalletBalancesBalanceLock;
    PalletBalancesCall: PalletBalancesCall;
    PalletBalancesError: PalletBalancesError;
    PalletBalancesEvent: PalletBalancesEvent;
    PalletBalancesReasons: PalletBalancesReasons;
    PalletBalancesReserveData: PalletBalancesReserveData;
    PalletBalancesUnexpectedKind: PalletBalancesUnexpectedKind;
    PalletCustosAttestationAttestationRecord: PalletCustosAttestationAttestationRecord;
    PalletCustosAttestationCall: PalletCustosAttestationCall;
    PalletCustosAttestationError: PalletCustosAttestationError;
    PalletCustosAttestationEvent: PalletCustosAttestationEvent;
    PalletCustosAttestationQuoteEvidence: PalletCustosAttestationQuoteEvidence;
    PalletCustosAttestationRestartAttestation: PalletCustosAttestationRestartAttestation;
    PalletCustosAttestationTdPolicy: PalletCustosAttestationTdPolicy;
    PalletCustosAttestationTdRegister: PalletCustosAttestationTdRegister;
    PalletCustosAttestationTrustPolicy: PalletCustosAttestationTrustPolicy;
    PalletCustosBackupsAcknowledgement: PalletCustosBackupsAcknowledgement;
    PalletCustosBackupsBackupParams: PalletCustosBackupsBackupParams;
    PalletCustosBackupsBackupState: PalletCustosBackupsBackupState;
    PalletCustosBackupsBadShareKind: PalletCustosBackupsBadShareKind;
    PalletCustosBackupsBadShareRecord: PalletCustosBackupsBadShareRecord;
    PalletCustosBackupsBadShareReport: PalletCustosBackupsBadShareReport;
    PalletCustosBackupsCall: PalletCustosBackupsCall;
    PalletCustosBackupsError: PalletCustosBackupsError;
    PalletCustosBackupsEvent: PalletCustosBackupsEvent;
    PalletCustosRegistryActiveValidator: PalletCustosRegistryActiveValidator;
    PalletCustosRegistryCall: PalletCustosRegistryCall;
    PalletCustosRegistryError: PalletCustosRegistryError;
    PalletCustosRegistryEvent: PalletCustosRegistryEvent;
    PalletCustosRegistryHoldReason: PalletCustosRegistryHoldReason;
    PalletCustosRegistryServerInfo: PalletCustosRegistryServerInfo;
    PalletCustosRegistryValidatorInfo: PalletCustosRegistryValidatorInfo;
    PalletCustosRegistryValidatorStatus: PalletCustosRegistryValidatorStatus;
    PalletSudoCall: PalletSudoCall;
    PalletSudoError: PalletSudoError;
    PalletSudoEvent: PalletSudoEvent;
    PalletTimestampCall: PalletTimestampCall;
    PalletTransactionPaymentChargeTransactionPayment: PalletTransactionPaymentChargeTransactionPayment;
    PalletTransactionPaymentEvent: PalletTransactionPaymentEvent;
    PalletTransactionPaymentFeeDetails: PalletTransactionPaymentFeeDetails;
    PalletTransactionPaymentInclusionFee: PalletTransactionPaymentInclusionFee;
    PalletTransactionPaymentReleases: PalletTransactionPaymentReleases;
    PalletTransactionPaymentRuntimeDispatchInfo: PalletTransactionPaymentRuntimeDispatchInfo;
    SpArithmeticArithmeticError: SpArithmeticArithmeticError;
    SpConsensusAuraSr25519AppSr25519Public: SpConsensusAuraSr25519AppSr25519Public;
    SpCoreCryptoKeyTypeId: SpCoreCryptoKeyTypeId;
    SpInherentsCheckInherentsResult: SpInherentsCheckInherentsResult;
    SpInherentsInherentData: SpInherentsInherentData;
    SpRuntimeBlockLazyBlock: SpRuntimeBlockLazyBlock;
    SpRuntimeDigest: SpRuntimeDigest;
    SpRuntimeDigestDigestItem: SpRuntimeDigestDigestItem;
    SpRuntimeDispatchError: SpRuntimeDispatchError;
    SpRuntimeExtrinsicInclusionMode: SpRuntimeExtrinsicInclusionMode;
    SpRuntimeHeader: SpRuntimeHeader;
    SpRuntimeModuleError: SpRuntimeModuleError;
    SpRuntimeMultiSignature: SpRuntimeMultiSignature;
    SpRuntimeProvingTrieTrieError: SpRuntimeProvingTrieTrieError;
    SpRuntimeTokenError: SpRuntimeTokenError;
    SpRuntimeTransactionValidityInvalidTransaction: SpRuntimeTransactionValidityInvalidTransaction;
    SpRuntimeTransactionValidityTransactionSource: SpRuntimeTransactionValidityTransactionSource;
    SpRuntimeTransactionValidityTransactionValidityError: SpRuntimeTransactionValidityTransactionValidityError;
    SpRuntimeTransactionValidityUnknownTransaction: SpRuntimeTransactionValidityUnknownTransaction;
    SpRuntimeTransactionValidityValidTransaction: SpRuntimeTransactionValidityValidTransaction;
    SpRuntimeTransactionalError: SpRuntimeTransactionalError;
    SpSessionRuntimeApiOpaqueGeneratedSessionKeys: SpSessionRuntimeApiOpaqueGeneratedSessionKeys;
    SpVersionRuntimeVersion: SpVersionRuntimeVersion;
    SpWeightsRuntimeDbWeight: SpWeightsRuntimeDbWeight;
    SpWeightsWeightV2Weight: SpWeightsWeightV2Weight;
  } // InterfaceTypes
} // declare module
