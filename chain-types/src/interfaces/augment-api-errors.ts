// Auto-generated via `yarn polkadot-types-from-chain`, do not edit
/* eslint-disable */

// import type lookup before we augment - in some environments
// this is required to allow for ambient/previous definitions
import '@polkadot/api-base/types/errors';

import type { ApiTypes, AugmentedError } from '@polkadot/api-base/types';

export type __AugmentedError<ApiType extends ApiTypes> = AugmentedError<ApiType>;

declare module '@polkadot/api-base/types/errors' {
  interface AugmentedErrors<ApiType extends ApiTypes> {
    attestation: {
      /**
       * The account already has an attestation and may not register a fresh one.
       **/
      AlreadyAttested: AugmentedError<ApiType>;
      /**
       * The restart-key signature does not verify.
       **/
      BadRestartSignature: AugmentedError<ApiType>;
      /**
       * The cached collateral for the quote's platform has expired.
       **/
      CachedCollateralExpired: AugmentedError<ApiType>;
      /**
       * `MaxCachedCollateral` bundles are cached already.
       **/
      CollateralCacheFull: AugmentedError<ApiType>;
      /**
       * The uploaded collateral's TCB info or QE identity is past its `nextUpdate`.
       **/
      CollateralExpired: AugmentedError<ApiType>;
      /**
       * The uploaded collateral's TCB info is for another FMSPC than the quote's platform.
       **/
      CollateralFmspcMismatch: AugmentedError<ApiType>;
      /**
       * The quote refers to cached collateral, but none is cached for its FMSPC and PCK CA.
       **/
      CollateralNotCached: AugmentedError<ApiType>;
      /**
       * No bundle is cached for this FMSPC and PCK CA.
       **/
      CollateralNotFound: AugmentedError<ApiType>;
      /**
       * The cache already holds a bundle for this FMSPC and PCK CA that is as new or newer
       * (higher TCB evaluation number, or the same and expiring no earlier).
       **/
      CollateralNotNewer: AugmentedError<ApiType>;
      /**
       * The uploaded collateral's TCB info or QE identity is issued in the future.
       **/
      CollateralNotYetValid: AugmentedError<ApiType>;
      /**
       * Intel's signatures, issuer chains or CRLs in the uploaded collateral do not
       * verify, or the quote that came with it does not verify with it.
       **/
      CollateralSignatureInvalid: AugmentedError<ApiType>;
      /**
       * Only governance may remove a bundle that has not expired.
       **/
      CollateralStillValid: AugmentedError<ApiType>;
      /**
       * A TD-under-debug attribute is set: DEBUG (bit 0) or another of bits 1–7
       * (profiling, reserved).
       **/
      DebugTd: AugmentedError<ApiType>;
      /**
       * The quote has no collateral but no dev PCK key is allow-listed.
       **/
      DevPathDisabled: AugmentedError<ApiType>;
      /**
       * The incarnation skips ahead of the recorded one plus one.
       **/
      IncarnationGap: AugmentedError<ApiType>;
      /**
       * The quote has collateral but the Intel path is disabled.
       **/
      IntelPathDisabled: AugmentedError<ApiType>;
      /**
       * The collateral does not decode.
       **/
      MalformedCollateral: AugmentedError<ApiType>;
      /**
       * The quote bytes do not parse as a TDX v4 quote.
       **/
      MalformedQuote: AugmentedError<ApiType>;
      /**
       * The measurement is already accepted.
       **/
      MeasurementAlreadyAccepted: AugmentedError<ApiType>;
      /**
       * The TD's measurement is not accepted.
       **/
      MeasurementNotAccepted: AugmentedError<ApiType>;
      /**
       * The measurement is not in the accepted list.
       **/
      MeasurementNotFound: AugmentedError<ApiType>;
      /**
       * The TD attribute MIGRATABLE (bit 29) is on.
       **/
      MigratableTd: AugmentedError<ApiType>;
      /**
       * The TD's MRCONFIGID differs from the one the TD policy requires.
       **/
      MrConfigIdMismatch: AugmentedError<ApiType>;
      /**
       * The TD's MROWNERCONFIG differs from the one the TD policy requires.
       **/
      MrOwnerConfigMismatch: AugmentedError<ApiType>;
      /**
       * The TD's MROWNER differs from the one the TD policy requires.
       **/
      MrOwnerMismatch: AugmentedError<ApiType>;
      /**
       * The account is not a registered TSS account.
       **/
      NotRegistered: AugmentedError<ApiType>;
      /**
       * The quote's PCK CA certificate is not one the cached bundle was uploaded with, so
       * verifying it with the cache would cost more than a cached-path attestation is
       * charged. Upload the bundle again with a quote under this certificate (it is added
       * to the bundle's memo), or carry the collateral in the call.
       **/
      PckCaNotCached: AugmentedError<ApiType>;
      /**
       * The quote's signatures or certification chain do not verify.
       **/
      QuoteSignatureInvalid: AugmentedError<ApiType>;
      /**
       * The account attested less than `MinRestartInterval` blocks ago.
       **/
      RateLimited: AugmentedError<ApiType>;
      /**
       * The incarnation was already attested (a replay).
       **/
      ReplayedAttestation: AugmentedError<ApiType>;
      /**
       * The quote's report data does not bind the submitted values.
       **/
      ReportDataMismatch: AugmentedError<ApiType>;
      /**
       * A reserved TD attribute bit is set (bits 8–15, 23–26, 32–61).
       **/
      ReservedTdAttributes: AugmentedError<ApiType>;
      /**
       * The TD's RTMR3 differs from the one the TD policy requires.
       **/
      Rtmr3Mismatch: AugmentedError<ApiType>;
      /**
       * The TD attribute SEPT_VE_DISABLE (bit 28) is off.
       **/
      SeptVeNotDisabled: AugmentedError<ApiType>;
      /**
       * A service TD is bound to the TD (SERVTD_EXT, bit 17, or a TD 1.5 MRSERVICETD).
       **/
      ServiceTdBound: AugmentedError<ApiType>;
      /**
       * The bound block is older than `MaxQuoteAge`.
       **/
      StaleBlock: AugmentedError<ApiType>;
      /**
       * The collateral's TCB evaluation data number is below governance's minimum (and
       * not the previous one within its grace period).
       **/
      TcbEvaluationTooOld: AugmentedError<ApiType>;
      /**
       * The platform's TCB status is not accepted by the trust policy.
       **/
      TcbStatusNotAccepted: AugmentedError<ApiType>;
      /**
       * The TD attributes do not match the TD policy: `attributes & attributes_mask` differs
       * from `attributes_value`.
       **/
      TdAttributesNotAllowed: AugmentedError<ApiType>;
      /**
       * `MaxMeasurements` measurements are already accepted.
       **/
      TooManyMeasurements: AugmentedError<ApiType>;
      /**
       * The bound block is in the future or not a block of this chain.
       **/
      UnknownBlock: AugmentedError<ApiType>;
      /**
       * The quote's PCK key is not allow-listed.
       **/
      UnknownPckKey: AugmentedError<ApiType>;
      /**
       * The TD policy can never be met: a value bit outside the mask, or required
       * attribute bits that break the fixed attribute rules.
       **/
      UnsatisfiableTdPolicy: AugmentedError<ApiType>;
      /**
       * The quote's certification data is not of the type its trust path expects (outer
       * type 6; inner type 5 on the Intel path, 0x0C05 on the dev path), or the collateral
       * brings a PCK certificate chain of its own.
       **/
      UnsupportedCertificationData: AugmentedError<ApiType>;
      /**
       * The quote binds another chain's genesis hash.
       **/
      WrongGenesis: AugmentedError<ApiType>;
      /**
       * The TD's XFAM differs from the one the TD policy requires.
       **/
      XfamMismatch: AugmentedError<ApiType>;
    };
    backups: {
      /**
       * The restart attestation is older than `ColdRequestWindow` blocks: attest again.
       **/
      AttestationTooOld: AugmentedError<ApiType>;
      /**
       * An acknowledgement's signature does not verify.
       **/
      BadAcknowledgement: AugmentedError<ApiType>;
      /**
       * Bad-share report: the provider's signature over the release statement does not
       * verify.
       **/
      BadReleaseSignature: AugmentedError<ApiType>;
      /**
       * Bad-share report: this provider's release to this incarnation is already proven
       * bad.
       **/
      BadShareAlreadyReported: AugmentedError<ApiType>;
      /**
       * The signature of the owner or provider does not verify.
       **/
      BadSignature: AugmentedError<ApiType>;
      /**
       * The cold request is approved already.
       **/
      ColdRequestAlreadyApproved: AugmentedError<ApiType>;
      /**
       * A cold request for this or a newer incarnation exists.
       **/
      ColdRequestExists: AugmentedError<ApiType>;
      /**
       * The cold request is older than `ColdRequestLifetime`.
       **/
      ColdRequestExpired: AugmentedError<ApiType>;
      /**
       * Governance has not approved the cold request.
       **/
      ColdRequestNotApproved: AugmentedError<ApiType>;
      /**
       * No cold request of the owner for that incarnation.
       **/
      ColdRequestNotFound: AugmentedError<ApiType>;
      /**
       * Two acknowledgements name the same provider.
       **/
      DuplicateAcknowledgement: AugmentedError<ApiType>;
      /**
       * This provider already recorded a release for that incarnation.
       **/
      DuplicateReceipt: AugmentedError<ApiType>;
      /**
       * That epoch is already confirmed.
       **/
      EpochAlreadyConfirmed: AugmentedError<ApiType>;
      /**
       * A committee exists and the epoch has no escrow deposit of it: deposit first.
       **/
      EscrowDepositMissing: AugmentedError<ApiType>;
      /**
       * This member already released its share to that incarnation.
       **/
      EscrowShareAlreadyReleased: AugmentedError<ApiType>;
      /**
       * At least `t` holders of the confirmed epoch still hold their share: recover from
       * them.
       **/
      HoldersIntact: AugmentedError<ApiType>;
      /**
       * A committee needs 2 ≤ threshold ≤ members, distinct accounts and distinct,
       * non-zero sealing keys.
       **/
      InvalidEscrowCommittee: AugmentedError<ApiType>;
      /**
       * Parameters break a rule: 1 ≤ n ≤ MaxProviders, t ≤ n, t ≥ 2 when n ≥ 2,
       * n ≤ active set − 1, max_load ≥ 1.
       **/
      InvalidParams: AugmentedError<ApiType>;
      /**
       * An escrow member's sealing key is an X25519 point of small order: no share could
       * ever be sealed to it, so no owner could confirm an epoch.
       **/
      LowOrderSealingKey: AugmentedError<ApiType>;
      /**
       * The network has no escrow committee.
       **/
      NoEscrowCommittee: AugmentedError<ApiType>;
      /**
       * The owner's confirmed epoch has no escrow deposit whose committee is still kept.
       **/
      NoEscrowDeposit: AugmentedError<ApiType>;
      /**
       * The provider is not a holder of the owner's confirmed epoch.
       **/
      NotAConfirmedHolder: AugmentedError<ApiType>;
      /**
       * No committee member at that index.
       **/
      NotAnEscrowMember: AugmentedError<ApiType>;
      /**
       * A rollback must name a version below the anchored one.
       **/
      NotARollback: AugmentedError<ApiType>;
      /**
       * Fewer valid acknowledgements than the threshold.
       **/
      NotEnoughAcknowledgements: AugmentedError<ApiType>;
      /**
       * The owner checkpointed less than `MinCheckpointInterval` blocks ago.
       **/
      RateLimited: AugmentedError<ApiType>;
      /**
       * Bad-share report: the recovery keys are not one per confirmed holder, or their
       * root is not the one the owner's restart attestation recorded.
       **/
      RecoveryKeysMismatch: AugmentedError<ApiType>;
      /**
       * Bad-share report: the provider is not a holder of the owner's confirmed epoch with
       * a recorded commitment.
       **/
      ReportedProviderNotHolder: AugmentedError<ApiType>;
      /**
       * Bad-share report: the owner has no confirmed epoch, or the report names another
       * epoch than its confirmed one.
       **/
      ReportEpochNotConfirmed: AugmentedError<ApiType>;
      /**
       * Bad-share report: the incarnation is not the owner's current one, or is 0 (no
       * share is released before a restart).
       **/
      ReportIncarnationNotCurrent: AugmentedError<ApiType>;
      /**
       * Bad-share report: the revealed private key is not the one of the provider's
       * recovery key.
       **/
      RevealedKeyMismatch: AugmentedError<ApiType>;
      /**
       * Bad-share report: the release opens to exactly the committed share; nothing is
       * wrong with it (a false report).
       **/
      ShareMatchesCommitment: AugmentedError<ApiType>;
      /**
       * The acknowledgement was made by an earlier incarnation of the provider, which has
       * since lost its memory (or names an incarnation the provider has not reached).
       **/
      StaleAcknowledgement: AugmentedError<ApiType>;
      /**
       * A deposit for that epoch with this or a higher sequence exists (a replay).
       **/
      StaleEscrowDeposit: AugmentedError<ApiType>;
      /**
       * The incarnation is not the owner's recorded one.
       **/
      StaleIncarnation: AugmentedError<ApiType>;
      /**
       * Store versions never go down.
       **/
      StoreVersionDecreased: AugmentedError<ApiType>;
      /**
       * A checkpoint must raise the store version.
       **/
      StoreVersionNotIncreased: AugmentedError<ApiType>;
      /**
       * An acknowledgement names a provider not assigned in that epoch.
       **/
      UnexpectedAcknowledgement: AugmentedError<ApiType>;
      /**
       * No backup state for this owner (not registered).
       **/
      UnknownOwner: AugmentedError<ApiType>;
      /**
       * That epoch is neither the open one nor the next rotation.
       **/
      WrongEpoch: AugmentedError<ApiType>;
      /**
       * The deposit is for another committee generation than the current one.
       **/
      WrongEscrowGeneration: AugmentedError<ApiType>;
      /**
       * The deposit does not have one sealed share and one commitment per member.
       **/
      WrongEscrowShareCount: AugmentedError<ApiType>;
    };
    balances: {
      /**
       * Beneficiary account must pre-exist.
       **/
      DeadAccount: AugmentedError<ApiType>;
      /**
       * The delta cannot be zero.
       **/
      DeltaZero: AugmentedError<ApiType>;
      /**
       * Value too low to create account due to existential deposit.
       **/
      ExistentialDeposit: AugmentedError<ApiType>;
      /**
       * A vesting schedule already exists for this account.
       **/
      ExistingVestingSchedule: AugmentedError<ApiType>;
      /**
       * Transfer/payment would kill account.
       **/
      Expendability: AugmentedError<ApiType>;
      /**
       * Balance too low to send value.
       **/
      InsufficientBalance: AugmentedError<ApiType>;
      /**
       * The issuance cannot be modified since it is already deactivated.
       **/
      IssuanceDeactivated: AugmentedError<ApiType>;
      /**
       * Account liquidity restrictions prevent withdrawal.
       **/
      LiquidityRestrictions: AugmentedError<ApiType>;
      /**
       * Number of freezes exceed `MaxFreezes`.
       **/
      TooManyFreezes: AugmentedError<ApiType>;
      /**
       * Number of holds exceed `VariantCountOf<T::RuntimeHoldReason>`.
       **/
      TooManyHolds: AugmentedError<ApiType>;
      /**
       * Number of named reserves exceed `MaxReserves`.
       **/
      TooManyReserves: AugmentedError<ApiType>;
      /**
       * Vesting balance too high to send value.
       **/
      VestingBalance: AugmentedError<ApiType>;
    };
    grandpa: {
      /**
       * Attempt to signal GRANDPA change with one already pending.
       **/
      ChangePending: AugmentedError<ApiType>;
      /**
       * A given equivocation report is valid but already previously reported.
       **/
      DuplicateOffenceReport: AugmentedError<ApiType>;
      /**
       * An equivocation proof provided as part of an equivocation report is invalid.
       **/
      InvalidEquivocationProof: AugmentedError<ApiType>;
      /**
       * A key ownership proof provided as part of an equivocation report is invalid.
       **/
      InvalidKeyOwnershipProof: AugmentedError<ApiType>;
      /**
       * Attempt to signal GRANDPA pause when the authority set isn't live
       * (either paused or already pending pause).
       **/
      PauseFailed: AugmentedError<ApiType>;
      /**
       * Attempt to signal GRANDPA resume when the authority set isn't paused
       * (either live or already pending resume).
       **/
      ResumeFailed: AugmentedError<ApiType>;
      /**
       * Cannot signal forced change so soon after last.
       **/
      TooSoon: AugmentedError<ApiType>;
    };
    registry: {
      /**
       * The validator is already chilled.
       **/
      AlreadyChilled: AugmentedError<ApiType>;
      /**
       * The operator already has a registered validator.
       **/
      AlreadyRegistered: AugmentedError<ApiType>;
      /**
       * The operator cannot cover the bond.
       **/
      InsufficientBond: AugmentedError<ApiType>;
      /**
       * The endpoint is empty, not ASCII, or not an http(s) URL.
       **/
      InvalidEndpoint: AugmentedError<ApiType>;
      /**
       * The validator is not chilled.
       **/
      NotChilled: AugmentedError<ApiType>;
      /**
       * The operator has no registered validator.
       **/
      NotRegistered: AugmentedError<ApiType>;
      /**
       * The TSS account must differ from the operator account.
       **/
      OperatorIsTssAccount: AugmentedError<ApiType>;
      /**
       * `MaxValidators` are already registered.
       **/
      TooManyValidators: AugmentedError<ApiType>;
      /**
       * The TSS account is already registered by some operator.
       **/
      TssAccountInUse: AugmentedError<ApiType>;
      /**
       * Session length must be at least one block.
       **/
      ZeroSessionLength: AugmentedError<ApiType>;
    };
    sudo: {
      /**
       * Sender must be the Sudo account.
       **/
      RequireSudo: AugmentedError<ApiType>;
    };
    system: {
      /**
       * The origin filter prevent the call to be dispatched.
       **/
      CallFiltered: AugmentedError<ApiType>;
      /**
       * Failed to extract the runtime version from the new runtime.
       * 
       * Either calling `Core_version` or decoding `RuntimeVersion` failed.
       **/
      FailedToExtractRuntimeVersion: AugmentedError<ApiType>;
      /**
       * The name of specification does not match between the current runtime
       * and the new runtime.
       **/
      InvalidSpecName: AugmentedError<ApiType>;
      /**
       * A multi-block migration is ongoing and prevents the current code from being replaced.
       **/
      MultiBlockMigrationsOngoing: AugmentedError<ApiType>;
      /**
       * Suicide called when the account has non-default composite data.
       **/
      NonDefaultComposite: AugmentedError<ApiType>;
      /**
       * There is a non-zero reference count preventing the account from being purged.
       **/
      NonZeroRefCount: AugmentedError<ApiType>;
      /**
       * No upgrade authorized.
       **/
      NothingAuthorized: AugmentedError<ApiType>;
      /**
       * The specification version is not allowed to decrease between the current runtime
       * and the new runtime.
       **/
      SpecVersionNeedsToIncrease: AugmentedError<ApiType>;
      /**
       * The submitted code is not authorized.
       **/
      Unauthorized: AugmentedError<ApiType>;
    };
  } // AugmentedErrors
} // declare module
