// Auto-generated via `yarn polkadot-types-from-chain`, do not edit
/* eslint-disable */

// import type lookup before we augment - in some environments
// this is required to allow for ambient/previous definitions
import '@polkadot/api-base/types/submittable';

import type { ApiTypes, AugmentedSubmittable, SubmittableExtrinsic, SubmittableExtrinsicFunction } from '@polkadot/api-base/types';
import type { Bytes, Compact, U8aFixed, Vec, bool, u128, u32, u64 } from '@polkadot/types-codec';
import type { AnyNumber, IMethod, ITuple } from '@polkadot/types-codec/types';
import type { AccountId32, Call, H256, MultiAddress } from '@polkadot/types/interfaces/runtime';
import type { CustosPrimitivesCollateralCollateralKey, PalletBalancesAdjustmentDirection, PalletCustosAttestationQuoteEvidence, PalletCustosAttestationRestartAttestation, PalletCustosAttestationTdPolicy, PalletCustosAttestationTrustPolicy, PalletCustosBackupsAcknowledgement, PalletCustosBackupsBackupParams, PalletCustosBackupsBadShareReport, PalletCustosBackupsEscrowEscrowDeposit, PalletCustosBackupsEscrowEscrowMember, PalletCustosRegistryServerInfo, SpConsensusGrandpaEquivocationProof, SpCoreVoid, SpWeightsWeightV2Weight } from '@polkadot/types/lookup';

export type __AugmentedSubmittable = AugmentedSubmittable<() => unknown>;
export type __SubmittableExtrinsic<ApiType extends ApiTypes> = SubmittableExtrinsic<ApiType>;
export type __SubmittableExtrinsicFunction<ApiType extends ApiTypes> = SubmittableExtrinsicFunction<ApiType>;

declare module '@polkadot/api-base/types/submittable' {
  interface AugmentedSubmittables<ApiType extends ApiTypes> {
    attestation: {
      /**
       * Accepts a TD measurement.
       * 
       * Origin: `GovernanceOrigin`. Appends to [`AcceptedMeasurements`]. Emits
       * `MeasurementAdded`.
       **/
      addMeasurement: AugmentedSubmittable<(measurement: U8aFixed | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [U8aFixed]>;
      /**
       * Records that a TSS account restarted in a genuine, accepted TD.
       * 
       * Origin: none (unsigned; authorised by `signature`, an sr25519 signature of the
       * account's registered restart key over [`RESTART_SIGNATURE_TAG`] and the
       * blake2-256 of the SCALE-encoded `attestation`). No fee: the account may hold
       * nothing. The pool runs every check (see the crate docs); the block re-runs the
       * cheap ones before and the quote check inside this call.
       * 
       * Writes [`Attestations`] (incarnation + 1, recovery keys root, block, measurement),
       * tells `OnRestartAttested`. Emits `RestartAttested`, or `AttestationRejected`
       * (nothing recorded) if the quote stopped verifying after it entered the pool.
       * 
       * Weight: the benchmarked path of the evidence (dev, or Intel with its collateral,
       * by quote and collateral length) plus the most `OnRestartAttested` may use; what
       * it did not use is refunded.
       **/
      attestRestart: AugmentedSubmittable<(attestation: PalletCustosAttestationRestartAttestation | { tssAccount?: any; incarnation?: any; recoveryKeysRoot?: any; evidence?: any } | string | Uint8Array, signature: U8aFixed | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [PalletCustosAttestationRestartAttestation, U8aFixed]>;
      /**
       * Removes the cached bundle of `key`.
       * 
       * Origin: `GovernanceOrigin` at any time; anyone signed once the bundle has expired
       * (then the fee is refunded). Refuses an unknown key (`CollateralNotFound`) and a
       * signed removal of a valid bundle (`CollateralStillValid`). Emits
       * `CollateralRemoved`.
       **/
      removeCollateral: AugmentedSubmittable<(key: CustosPrimitivesCollateralCollateralKey | { fmspc?: any; pckCa?: any } | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [CustosPrimitivesCollateralCollateralKey]>;
      /**
       * Withdraws a TD measurement. Validators already attested under it keep their
       * record; new quotes with it are refused (the indexer flags active validators on a
       * withdrawn measurement).
       * 
       * Origin: `GovernanceOrigin`. Removes from [`AcceptedMeasurements`]. Emits
       * `MeasurementRemoved`.
       **/
      removeMeasurement: AugmentedSubmittable<(measurement: U8aFixed | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [U8aFixed]>;
      /**
       * Sets the collateral policy: Intel path quotes need collateral of TCB evaluation
       * number `min_tcb_evaluation_number` or higher, or one below it for `grace_secs`
       * from now (so that Intel moving its baseline does not lock honest validators out
       * before their collateral is renewed; `grace_secs` 0 with an unchanged minimum keeps
       * the running grace period); cached bundles are announced `expiry_warning_blocks`
       * blocks before they expire.
       * 
       * Origin: `GovernanceOrigin`. Overwrites [`CollateralRules`]. Applies to quotes and
       * uploads checked from now on; recorded attestations stay. Emits
       * `CollateralPolicySet`.
       **/
      setCollateralPolicy: AugmentedSubmittable<(minTcbEvaluationNumber: u32 | AnyNumber | Uint8Array, graceSecs: u64 | AnyNumber | Uint8Array, expiryWarningBlocks: u32 | AnyNumber | Uint8Array) => SubmittableExtrinsic<ApiType>, [u32, u64, u32]>;
      /**
       * Replaces the TD policy: which TD report fields besides the measurement quotes must
       * match. Applies to quotes checked from now on; recorded attestations stay.
       * 
       * Origin: `GovernanceOrigin`. Refuses a policy no TD can meet
       * (`UnsatisfiableTdPolicy`). Overwrites [`ActiveTdPolicy`]. Emits `TdPolicySet`.
       **/
      setTdPolicy: AugmentedSubmittable<(policy: PalletCustosAttestationTdPolicy | { attributesMask?: any; attributesValue?: any; xfam?: any; mrConfigId?: any; mrOwner?: any; mrOwnerConfig?: any; rtmr3?: any } | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [PalletCustosAttestationTdPolicy]>;
      /**
       * Replaces the trust policy (Intel path settings and dev PCK allow-list).
       * 
       * Origin: `GovernanceOrigin`. Overwrites [`Trust`]. Emits `TrustPolicyChanged`.
       **/
      setTrustPolicy: AugmentedSubmittable<(policy: PalletCustosAttestationTrustPolicy | { intel?: any; devPckKeys?: any } | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [PalletCustosAttestationTrustPolicy]>;
      /**
       * Verifies a collateral bundle once against Intel's SGX root CA and caches it for
       * the platforms it serves (its FMSPC and PCK CA), so that their quotes may refer to
       * it ([`QuoteCollateral::IntelCached`]) instead of carrying it.
       * 
       * Origin: signed by anyone, or `GovernanceOrigin`. `quote` is a genuine quote of a
       * platform the bundle serves (any TCB status, any report data): it names the FMSPC
       * and PCK CA and proves the bundle verifies a real platform; the cached facts come
       * from the bundle alone. A signed upload that replaces the cached bundle of its key
       * is refunded; one that opens a new key pays its fee (a key costs whoever takes
       * it), as does every refused upload.
       * 
       * Refuses: Intel path disabled; a bundle that does not decode, has expired (any of
       * TCB info, QE identity and the two CRLs), is not yet valid, is for another FMSPC,
       * or whose signatures do not verify; one below the policy's TCB evaluation minimum;
       * one not newer than the cached one (a higher evaluation number, or the same and a
       * later expiry: a bundle mixing a newer part with older ones expires no later than
       * its oldest part, so it cannot push a complete newer bundle out); a new key when
       * the cache is full. Writes [`CollateralCache`], the bundle's canonical encoding
       * (no trailing bytes) to [`CollateralBundles`] and the digests of its verified
       * signatures to [`CollateralSignatureMemos`]. Emits `CollateralCached`.
       * 
       * The cached bundle itself, uploaded with a quote under a PCK CA certificate its
       * memo lacks, adds that certificate's signature to the memo (refunded, event
       * `CollateralCached` with the unchanged facts); a bundle that is neither newer nor
       * adds anything is `CollateralNotNewer`.
       **/
      uploadCollateral: AugmentedSubmittable<(quote: Bytes | string | Uint8Array, collateral: Bytes | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [Bytes, Bytes]>;
    };
    backups: {
      /**
       * Records that the owner's operator accepts recovering from an older store: lowers
       * the anchored store version to `store_version` so that the recovered store can be
       * backed up again. The companion submits it only when its operator names that exact
       * version (`custos start --accept-rollback <version>`).
       * 
       * Origin: none (unsigned, fee-free), authorised by the owner's TSS key over
       * `(tags::ROLLBACK, genesis, owner, incarnation, store_version)`. `incarnation` must
       * be the owner's current one (only the instance that just attested can roll back)
       * and `store_version` must be below the anchored version (so a replay, which finds
       * them equal, is refused). Writes [`Assignments`]. Emits `RollbackAccepted`.
       **/
      acceptRollback: AugmentedSubmittable<(owner: AccountId32 | string | Uint8Array, incarnation: u32 | AnyNumber | Uint8Array, storeVersion: u64 | AnyNumber | Uint8Array, signature: U8aFixed | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [AccountId32, u32, u64, U8aFixed]>;
      /**
       * Approves cold recovery requests: each names an owner and the incarnation of its
       * open request, which must be its latest incarnation, not yet approved and within
       * `ColdRequestLifetime`.
       * 
       * An entry that is not (no such request, a newer restart since, expired, approved
       * already or named twice) is skipped with `ColdApprovalSkipped` and its reason, and
       * the others are approved: an owner that restarts again while governance votes must
       * not hold back everyone else after a mass outage (it makes a new request).
       * 
       * Origin: `GovernanceOrigin`. Writes [`ColdRequests`]. Emits `ColdRecoveryApproved`
       * or `ColdApprovalSkipped` for each entry, in order.
       **/
      approveColdRecovery: AugmentedSubmittable<(requests: Vec<ITuple<[AccountId32, u32]>> | ([AccountId32 | string | Uint8Array, u32 | AnyNumber | Uint8Array])[]) => SubmittableExtrinsic<ApiType>, [Vec<ITuple<[AccountId32, u32]>>]>;
      /**
       * Anchors a new store version without changing the epoch (the companion's
       * checkpoint API).
       * 
       * Origin: none (unsigned, fee-free), authorised by the owner's TSS key over
       * `(tags::CHECKPOINT, genesis, owner, store_version)`. The version must exceed the
       * anchored one; at most one checkpoint per `MinCheckpointInterval` blocks.
       * Writes [`Assignments`] and [`LastCheckpoint`]. Emits `CheckpointAnchored`.
       **/
      checkpoint: AugmentedSubmittable<(owner: AccountId32 | string | Uint8Array, storeVersion: u64 | AnyNumber | Uint8Array, signature: U8aFixed | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [AccountId32, u64, U8aFixed]>;
      /**
       * Removes the escrow committee: new confirmations need no deposit, and no new
       * deposit is taken.
       * 
       * Origin: `GovernanceOrigin`. Refuses when there is none (`NoEscrowCommittee`). The
       * committee moves to [`RetiredCommittees`] while deposits name it, so owners that are
       * down can still take the cold path with the deposits they made. Emits
       * `EscrowCommitteeCleared`.
       **/
      clearEscrowCommittee: AugmentedSubmittable<() => SubmittableExtrinsic<ApiType>, []>;
      /**
       * Confirms an owner's epoch with its providers' acknowledgements and its store
       * version.
       * 
       * Origin: none (unsigned, fee-free), authorised by `signature`: the owner's TSS key
       * over `(tags::CONFIRM, genesis, owner, epoch, store_version, blake2_256(acks))`.
       * `epoch` is either the open epoch, or, when nothing is pending, the next one (a
       * KEK rotation to the same providers). Needs at least `threshold` valid
       * acknowledgements, each from a distinct provider of that epoch, naming that
       * provider's recorded incarnation and signed by it over [`ack_payload`]. Writes the
       * confirmed epoch, holders (the acknowledging providers) and store version in
       * [`Assignments`], and the holders' share commitments in [`ConfirmedCommitments`].
       * Emits `EpochConfirmed` with holders and their commitments.
       **/
      confirmEpoch: AugmentedSubmittable<(owner: AccountId32 | string | Uint8Array, epoch: u32 | AnyNumber | Uint8Array, storeVersion: u64 | AnyNumber | Uint8Array, acks: Vec<PalletCustosBackupsAcknowledgement> | (PalletCustosBackupsAcknowledgement | { provider?: any; providerIncarnation?: any; shareCommitment?: any; signature?: any } | string | Uint8Array)[], signature: U8aFixed | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [AccountId32, u32, u64, Vec<PalletCustosBackupsAcknowledgement>, U8aFixed]>;
      /**
       * Escrows the KEK of `owner`'s `epoch` with the committee.
       * 
       * Origin: none (unsigned, fee-free), authorised by the owner's TSS key over
       * `(tags::ESCROW_DEPOSIT, genesis, owner, epoch, blake2_256(deposit))`. `epoch` is the
       * open, unconfirmed epoch, or the next one when nothing is pending (a rotation); a
       * deposit for it replaces an earlier one (the owner redid the epoch with a new KEK).
       * The deposit names the current generation and has one sealed share and one
       * commitment per member; at most one deposit per `MinCheckpointInterval` blocks
       * (`RateLimited`). Writes [`EscrowDeposits`] and [`LastEscrowDeposit`]. Emits
       * `EscrowDeposited`.
       **/
      depositEscrow: AugmentedSubmittable<(owner: AccountId32 | string | Uint8Array, epoch: u32 | AnyNumber | Uint8Array, deposit: PalletCustosBackupsEscrowEscrowDeposit | { generation?: any; sequence?: any; sealed?: any; commitments?: any } | string | Uint8Array, signature: U8aFixed | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [AccountId32, u32, PalletCustosBackupsEscrowEscrowDeposit, U8aFixed]>;
      /**
       * Replaces an owner's providers with a fresh draw (avoiding the current ones where
       * possible) and opens a new epoch.
       * 
       * Origin: `GovernanceOrigin`. Writes [`Assignments`], [`ProviderOwners`],
       * [`ProviderLoad`]. Emits `Reassigned { forced: true }` (and `UnderProvisioned` if
       * short).
       * 
       * Weight: charged as if every slot of both its draws fell back to a scan of the
       * largest pool; the scans that did not happen are refunded.
       **/
      forceReassign: AugmentedSubmittable<(owner: AccountId32 | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [AccountId32]>;
      /**
       * Records that `provider` released its share to `owner`'s `incarnation`.
       * 
       * Origin: none (unsigned, fee-free), authorised by the provider's TSS key over
       * `(tags::RELEASE, genesis, provider, owner, incarnation)`. The provider must hold
       * a share of the owner's confirmed epoch and `incarnation` must be the owner's
       * recorded one; one receipt per (provider, owner, incarnation). Writes
       * [`ReleaseReceipts`]. Emits `ReleaseRecorded`.
       **/
      recordRelease: AugmentedSubmittable<(provider: AccountId32 | string | Uint8Array, owner: AccountId32 | string | Uint8Array, incarnation: u32 | AnyNumber | Uint8Array, signature: U8aFixed | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [AccountId32, AccountId32, u32, U8aFixed]>;
      /**
       * Records escrow member `member_index`'s share released to `owner`'s `incarnation`,
       * sealed to the request's escrow key.
       * 
       * Origin: none (unsigned, fee-free), authorised by the member's key over
       * `(tags::ESCROW_RELEASE, genesis, owner, incarnation, member_index,
       * blake2_256(sealed))`. The owner's request for `incarnation` must be approved,
       * within its lifetime and for its latest incarnation; `member_index` indexes the
       * committee of the deposit's generation (current or retired), whose member signs;
       * one release per member and incarnation. The chain cannot open the
       * share: the owner checks it against the deposit's commitment. Writes
       * [`EscrowReleases`]. Emits `EscrowShareReleased`.
       **/
      releaseEscrowShare: AugmentedSubmittable<(owner: AccountId32 | string | Uint8Array, incarnation: u32 | AnyNumber | Uint8Array, memberIndex: u32 | AnyNumber | Uint8Array, sealed: U8aFixed | string | Uint8Array, signature: U8aFixed | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [AccountId32, u32, u32, U8aFixed, U8aFixed]>;
      /**
       * Proves on chain that a holder of `report.owner`'s confirmed epoch released a bad
       * share to the owner's current incarnation.
       * 
       * Origin: none (unsigned, fee-free: the owner may hold nothing), authorised by the
       * evidence itself: the provider's own signature over its release statement. Checks,
       * cheapest first, each with its own error: the report's epoch is the owner's
       * confirmed one (`ReportEpochNotConfirmed`); the provider is its holder `i` with a
       * recorded commitment (`ReportedProviderNotHolder`); not yet proven for (owner,
       * incarnation, provider) (`BadShareAlreadyReported`); the incarnation is the owner's
       * current one, ≥ 1 (`ReportIncarnationNotCurrent`); `recovery_keys` are one per
       * holder and hash to the root the restart attestation recorded
       * (`RecoveryKeysMismatch`); the provider signed [`release_statement_payload`] for
       * exactly this sealed release, key, epoch and commitment (`BadReleaseSignature`);
       * `revealed_key` is the private key of `recovery_keys[i]` (`RevealedKeyMismatch`,
       * the first check that runs X25519 in wasm). Then the chain opens the
       * release (HPKE base mode, X25519/HKDF-SHA256/ChaCha20-Poly1305, info
       * `tags::SHARE_RELEASE_INFO`, aad [`release_aad`]) and accepts the report only if
       * it does not open (`Undecryptable`), opens to other than 65 bytes
       * (`WrongLength`), or opens to 65 bytes whose [`share_commitment`] is not the
       * recorded one (`CommitmentMismatch`); a release that matches its commitment is
       * refused (`ShareMatchesCommitment`).
       * 
       * Writes [`BadShareReports`]. Emits `BadShareProven`. The pool runs the same checks
       * and keeps one report per (owner, incarnation, provider).
       **/
      reportBadShare: AugmentedSubmittable<(report: PalletCustosBackupsBadShareReport | { owner?: any; provider?: any; incarnation?: any; epoch?: any; recoveryKeys?: any; revealedKey?: any; enc?: any; ciphertext?: any; signature?: any } | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [PalletCustosBackupsBadShareReport]>;
      /**
       * Asks the escrow committee for `owner`'s KEK after a restart that no `t` holders
       * can serve.
       * 
       * Origin: none (unsigned, fee-free), authorised by the owner's restart key over
       * `(tags::COLD_REQUEST, genesis, owner, incarnation, blake2_256(recovery_keys),
       * escrow_key)`. `incarnation` is the owner's recorded one (≥ 1), attested at most
       * `ColdRequestWindow` blocks ago; `recovery_keys` are one per holder of its confirmed
       * epoch, and the root of those followed by `escrow_key_entry(escrow_key)` is the one
       * its restart quote bound. The confirmed epoch has a deposit whose committee the
       * chain still keeps (current or retired) and fewer than its threshold of intact
       * holders ([`Self::intact_holders`]: each is a registry lookup and an attestation
       * read, charged per recovery key on top of the benchmark).
       * Refuses a request for an incarnation not newer than the open one. Writes
       * [`ColdRequests`]. Emits `ColdRecoveryRequested`.
       **/
      requestColdRecovery: AugmentedSubmittable<(owner: AccountId32 | string | Uint8Array, incarnation: u32 | AnyNumber | Uint8Array, recoveryKeys: Vec<U8aFixed>, escrowKey: U8aFixed | string | Uint8Array, signature: U8aFixed | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [AccountId32, u32, Vec<U8aFixed>, U8aFixed, U8aFixed]>;
      /**
       * Sets the escrow committee (see [`crate::escrow`]): `members` in share order and
       * the `threshold` of shares that recover a KEK.
       * 
       * Origin: `GovernanceOrigin`. Refuses fewer than two members, a threshold outside
       * 2..=members (one share would be the KEK itself), or repeated accounts or sealing
       * keys (`InvalidEscrowCommittee`), and a sealing key of small order, all-zero
       * included (`LowOrderSealingKey`). Writes [`Committee`] with the next generation;
       * the previous committee moves to [`RetiredCommittees`] while deposits name it.
       * Emits `EscrowCommitteeSet`.
       **/
      setEscrowCommittee: AugmentedSubmittable<(members: Vec<PalletCustosBackupsEscrowEscrowMember> | (PalletCustosBackupsEscrowEscrowMember | { account?: any; sealingKey?: any } | string | Uint8Array)[], threshold: u32 | AnyNumber | Uint8Array) => SubmittableExtrinsic<ApiType>, [Vec<PalletCustosBackupsEscrowEscrowMember>, u32]>;
      /**
       * Sets `n`, `t` and the load bound. Existing owners keep their sets until their next
       * change.
       * 
       * Origin: `GovernanceOrigin`. Checks the rules of [`Error::InvalidParams`] against
       * the current active set. Writes [`Params`]. Emits `ParamsChanged`.
       **/
      setParams: AugmentedSubmittable<(params: PalletCustosBackupsBackupParams | { n?: any; t?: any; maxLoad?: any } | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [PalletCustosBackupsBackupParams]>;
    };
    balances: {
      /**
       * Burn the specified liquid free balance from the origin account.
       * 
       * If the origin's account ends up below the existential deposit as a result
       * of the burn and `keep_alive` is false, the account will be reaped.
       * 
       * Unlike sending funds to a _burn_ address, which merely makes the funds inaccessible,
       * this `burn` operation will reduce total issuance by the amount _burned_.
       **/
      burn: AugmentedSubmittable<(value: Compact<u128> | AnyNumber | Uint8Array, keepAlive: bool | boolean | Uint8Array) => SubmittableExtrinsic<ApiType>, [Compact<u128>, bool]>;
      /**
       * Adjust the total issuance in a saturating way.
       * 
       * Can only be called by root and always needs a positive `delta`.
       * 
       * # Example
       **/
      forceAdjustTotalIssuance: AugmentedSubmittable<(direction: PalletBalancesAdjustmentDirection | 'Increase' | 'Decrease' | number | Uint8Array, delta: Compact<u128> | AnyNumber | Uint8Array) => SubmittableExtrinsic<ApiType>, [PalletBalancesAdjustmentDirection, Compact<u128>]>;
      /**
       * Set the regular balance of a given account.
       * 
       * The dispatch origin for this call is `root`.
       **/
      forceSetBalance: AugmentedSubmittable<(who: MultiAddress | { Id: any } | { Index: any } | { Raw: any } | { Address32: any } | { Address20: any } | string | Uint8Array, newFree: Compact<u128> | AnyNumber | Uint8Array) => SubmittableExtrinsic<ApiType>, [MultiAddress, Compact<u128>]>;
      /**
       * Exactly as `transfer_allow_death`, except the origin must be root and the source account
       * may be specified.
       **/
      forceTransfer: AugmentedSubmittable<(source: MultiAddress | { Id: any } | { Index: any } | { Raw: any } | { Address32: any } | { Address20: any } | string | Uint8Array, dest: MultiAddress | { Id: any } | { Index: any } | { Raw: any } | { Address32: any } | { Address20: any } | string | Uint8Array, value: Compact<u128> | AnyNumber | Uint8Array) => SubmittableExtrinsic<ApiType>, [MultiAddress, MultiAddress, Compact<u128>]>;
      /**
       * Unreserve some balance from a user by force.
       * 
       * Can only be called by ROOT.
       **/
      forceUnreserve: AugmentedSubmittable<(who: MultiAddress | { Id: any } | { Index: any } | { Raw: any } | { Address32: any } | { Address20: any } | string | Uint8Array, amount: u128 | AnyNumber | Uint8Array) => SubmittableExtrinsic<ApiType>, [MultiAddress, u128]>;
      /**
       * Transfer the entire transferable balance from the caller account.
       * 
       * NOTE: This function only attempts to transfer _transferable_ balances. This means that
       * any locked, reserved, or existential deposits (when `keep_alive` is `true`), will not be
       * transferred by this function. To ensure that this function results in a killed account,
       * you might need to prepare the account by removing any reference counters, storage
       * deposits, etc...
       * 
       * The dispatch origin of this call must be Signed.
       * 
       * - `dest`: The recipient of the transfer.
       * - `keep_alive`: A boolean to determine if the `transfer_all` operation should send all
       * of the funds the account has, causing the sender account to be killed (false), or
       * transfer everything except at least the existential deposit, which will guarantee to
       * keep the sender account alive (true).
       **/
      transferAll: AugmentedSubmittable<(dest: MultiAddress | { Id: any } | { Index: any } | { Raw: any } | { Address32: any } | { Address20: any } | string | Uint8Array, keepAlive: bool | boolean | Uint8Array) => SubmittableExtrinsic<ApiType>, [MultiAddress, bool]>;
      /**
       * Transfer some liquid free balance to another account.
       * 
       * `transfer_allow_death` will set the `FreeBalance` of the sender and receiver.
       * If the sender's account is below the existential deposit as a result
       * of the transfer, the account will be reaped.
       * 
       * The dispatch origin for this call must be `Signed` by the transactor.
       **/
      transferAllowDeath: AugmentedSubmittable<(dest: MultiAddress | { Id: any } | { Index: any } | { Raw: any } | { Address32: any } | { Address20: any } | string | Uint8Array, value: Compact<u128> | AnyNumber | Uint8Array) => SubmittableExtrinsic<ApiType>, [MultiAddress, Compact<u128>]>;
      /**
       * Same as the [`transfer_allow_death`] call, but with a check that the transfer will not
       * kill the origin account.
       * 
       * 99% of the time you want [`transfer_allow_death`] instead.
       * 
       * [`transfer_allow_death`]: struct.Pallet.html#method.transfer
       **/
      transferKeepAlive: AugmentedSubmittable<(dest: MultiAddress | { Id: any } | { Index: any } | { Raw: any } | { Address32: any } | { Address20: any } | string | Uint8Array, value: Compact<u128> | AnyNumber | Uint8Array) => SubmittableExtrinsic<ApiType>, [MultiAddress, Compact<u128>]>;
      /**
       * Upgrade a specified account.
       * 
       * - `origin`: Must be `Signed`.
       * - `who`: The account to be upgraded.
       * 
       * This will waive the transaction fee if at least all but 10% of the accounts needed to
       * be upgraded. (We let some not have to be upgraded just in order to allow for the
       * possibility of churn).
       **/
      upgradeAccounts: AugmentedSubmittable<(who: Vec<AccountId32> | (AccountId32 | string | Uint8Array)[]) => SubmittableExtrinsic<ApiType>, [Vec<AccountId32>]>;
    };
    grandpa: {
      /**
       * Note that the current authority set of the GRANDPA finality gadget has stalled.
       * 
       * This will trigger a forced authority set change at the beginning of the next session, to
       * be enacted `delay` blocks after that. The `delay` should be high enough to safely assume
       * that the block signalling the forced change will not be re-orged e.g. 1000 blocks.
       * The block production rate (which may be slowed down because of finality lagging) should
       * be taken into account when choosing the `delay`. The GRANDPA voters based on the new
       * authority will start voting on top of `best_finalized_block_number` for new finalized
       * blocks. `best_finalized_block_number` should be the highest of the latest finalized
       * block of all validators of the new authority set.
       * 
       * Only callable by root.
       **/
      noteStalled: AugmentedSubmittable<(delay: u32 | AnyNumber | Uint8Array, bestFinalizedBlockNumber: u32 | AnyNumber | Uint8Array) => SubmittableExtrinsic<ApiType>, [u32, u32]>;
      /**
       * Report voter equivocation/misbehavior. This method will verify the
       * equivocation proof and validate the given key ownership proof
       * against the extracted offender. If both are valid, the offence
       * will be reported.
       **/
      reportEquivocation: AugmentedSubmittable<(equivocationProof: SpConsensusGrandpaEquivocationProof | { setId?: any; equivocation?: any } | string | Uint8Array, keyOwnerProof: SpCoreVoid | null) => SubmittableExtrinsic<ApiType>, [SpConsensusGrandpaEquivocationProof, SpCoreVoid]>;
      /**
       * Report voter equivocation/misbehavior. This method will verify the
       * equivocation proof and validate the given key ownership proof
       * against the extracted offender. If both are valid, the offence
       * will be reported.
       * 
       * This extrinsic must be called unsigned and it is expected that only
       * block authors will call it (validated in `ValidateUnsigned`), as such
       * if the block author is defined it will be defined as the equivocation
       * reporter.
       **/
      reportEquivocationUnsigned: AugmentedSubmittable<(equivocationProof: SpConsensusGrandpaEquivocationProof | { setId?: any; equivocation?: any } | string | Uint8Array, keyOwnerProof: SpCoreVoid | null) => SubmittableExtrinsic<ApiType>, [SpConsensusGrandpaEquivocationProof, SpCoreVoid]>;
    };
    registry: {
      /**
       * Takes the caller's validator out of the active set from the next session on.
       * 
       * Origin: Signed by the operator. Sets its status to `Chilled` in [`Validators`].
       * Emits `ValidatorChilled`.
       **/
      chill: AugmentedSubmittable<() => SubmittableExtrinsic<ApiType>, []>;
      /**
       * Unregisters the caller's validator and releases its bond. It drops out of the
       * active set at the next session; its TSS account's attestation record is kept, so
       * a later registration of the same account continues its incarnation count.
       * 
       * Origin: Signed by the operator. Removes it from [`Validators`] and
       * [`TssOperators`]; releases the bond. Emits `ValidatorLeft`.
       **/
      leave: AugmentedSubmittable<() => SubmittableExtrinsic<ApiType>, []>;
      /**
       * Registers the caller's validator with its TSS server and a Register-context quote.
       * 
       * Origin: Signed by the operator (stash), which pays the fee and the bond.
       * Checks, in order: not registered yet, TSS account distinct and unused, endpoint
       * valid, room under `MaxValidators`, bond can be held, quote verifies (attestation
       * pallet; records the TSS account's attestation). Writes [`Validators`] and
       * [`TssOperators`]; holds `ValidatorBond`. Emits `ValidatorRegistered` (and the
       * attestation pallet's `Attested`). The validator joins the active set at the
       * next session.
       * 
       * Weight: the benchmarked call (dev-path quote), the quote check of this evidence's
       * path and size (so a dev-path check is counted twice, a small over-charge on a rare
       * call), and the most the `Observer` may use; what the `Observer` did not use is
       * refunded.
       **/
      register: AugmentedSubmittable<(server: PalletCustosRegistryServerInfo | { tssAccount?: any; x25519PublicKey?: any; endpoint?: any; restartKey?: any } | string | Uint8Array, evidence: PalletCustosAttestationQuoteEvidence | { quote?: any; collateral?: any; genesisHash?: any; blockNumber?: any; blockHash?: any } | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [PalletCustosRegistryServerInfo, PalletCustosAttestationQuoteEvidence]>;
      /**
       * Unregisters a validator that will not come back (its machine is gone, its operator
       * unreachable), exactly as if it had left: its bond is released, it drops out of the
       * active set at the next session, and the backup pallet frees its slots, so its
       * companion no longer counts as a holder of anyone's share (an owner whose holders
       * never return can then take the cold path).
       * 
       * Origin: `GovernanceOrigin`. Removes it from [`Validators`] and [`TssOperators`];
       * releases the bond. Errors: `NotRegistered`. Emits `ValidatorRemoved`. Weighed as
       * `leave`, which does the same work.
       **/
      removeValidator: AugmentedSubmittable<(operator: AccountId32 | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [AccountId32]>;
      /**
       * Puts a chilled validator back into the active set from the next session on.
       * 
       * Origin: Signed by the operator. Sets its status to `Validating` in
       * [`Validators`]. Emits `ValidatorResumed`.
       **/
      resume: AugmentedSubmittable<() => SubmittableExtrinsic<ApiType>, []>;
      /**
       * Changes the session length.
       * 
       * Origin: `GovernanceOrigin`. Writes [`SessionLength`]. Emits
       * `SessionLengthChanged`.
       **/
      setSessionLength: AugmentedSubmittable<(blocks: u32 | AnyNumber | Uint8Array) => SubmittableExtrinsic<ApiType>, [u32]>;
    };
    sudo: {
      /**
       * Permanently removes the sudo key.
       * 
       * **This cannot be un-done.**
       **/
      removeKey: AugmentedSubmittable<() => SubmittableExtrinsic<ApiType>, []>;
      /**
       * Authenticates the current sudo key and sets the given AccountId (`new`) as the new sudo
       * key.
       **/
      setKey: AugmentedSubmittable<(updated: MultiAddress | { Id: any } | { Index: any } | { Raw: any } | { Address32: any } | { Address20: any } | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [MultiAddress]>;
      /**
       * Authenticates the sudo key and dispatches a function call with `Root` origin.
       **/
      sudo: AugmentedSubmittable<(call: Call | IMethod | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [Call]>;
      /**
       * Authenticates the sudo key and dispatches a function call with `Signed` origin from
       * a given account.
       * 
       * The dispatch origin for this call must be _Signed_.
       **/
      sudoAs: AugmentedSubmittable<(who: MultiAddress | { Id: any } | { Index: any } | { Raw: any } | { Address32: any } | { Address20: any } | string | Uint8Array, call: Call | IMethod | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [MultiAddress, Call]>;
      /**
       * Authenticates the sudo key and dispatches a function call with `Root` origin.
       * This function does not check the weight of the call, and instead allows the
       * Sudo user to specify the weight of the call.
       * 
       * The dispatch origin for this call must be _Signed_.
       **/
      sudoUncheckedWeight: AugmentedSubmittable<(call: Call | IMethod | string | Uint8Array, weight: SpWeightsWeightV2Weight | { refTime?: any; proofSize?: any } | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [Call, SpWeightsWeightV2Weight]>;
    };
    system: {
      /**
       * Provide the preimage (runtime binary) `code` for an upgrade that has been authorized.
       * 
       * If the authorization required a version check, this call will ensure the spec name
       * remains unchanged and that the spec version has increased.
       * 
       * Depending on the runtime's `OnSetCode` configuration, this function may directly apply
       * the new `code` in the same block or attempt to schedule the upgrade.
       * 
       * All origins are allowed.
       **/
      applyAuthorizedUpgrade: AugmentedSubmittable<(code: Bytes | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [Bytes]>;
      /**
       * Authorize an upgrade to a given `code_hash` for the runtime. The runtime can be supplied
       * later.
       * 
       * This call requires Root origin.
       **/
      authorizeUpgrade: AugmentedSubmittable<(codeHash: H256 | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [H256]>;
      /**
       * Authorize an upgrade to a given `code_hash` for the runtime. The runtime can be supplied
       * later.
       * 
       * WARNING: This authorizes an upgrade that will take place without any safety checks, for
       * example that the spec name remains the same and that the version number increases. Not
       * recommended for normal use. Use `authorize_upgrade` instead.
       * 
       * This call requires Root origin.
       **/
      authorizeUpgradeWithoutChecks: AugmentedSubmittable<(codeHash: H256 | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [H256]>;
      /**
       * Kill all storage items with a key that starts with the given prefix.
       * 
       * **NOTE:** We rely on the Root origin to provide us the number of subkeys under
       * the prefix we are removing to accurately calculate the weight of this function.
       **/
      killPrefix: AugmentedSubmittable<(prefix: Bytes | string | Uint8Array, subkeys: u32 | AnyNumber | Uint8Array) => SubmittableExtrinsic<ApiType>, [Bytes, u32]>;
      /**
       * Kill some items from storage.
       **/
      killStorage: AugmentedSubmittable<(keys: Vec<Bytes> | (Bytes | string | Uint8Array)[]) => SubmittableExtrinsic<ApiType>, [Vec<Bytes>]>;
      /**
       * Make some on-chain remark.
       * 
       * Can be executed by every `origin`.
       **/
      remark: AugmentedSubmittable<(remark: Bytes | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [Bytes]>;
      /**
       * Make some on-chain remark and emit event.
       **/
      remarkWithEvent: AugmentedSubmittable<(remark: Bytes | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [Bytes]>;
      /**
       * Set the new runtime code.
       **/
      setCode: AugmentedSubmittable<(code: Bytes | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [Bytes]>;
      /**
       * Set the new runtime code without doing any checks of the given `code`.
       * 
       * Note that runtime upgrades will not run if this is called with a not-increasing spec
       * version!
       **/
      setCodeWithoutChecks: AugmentedSubmittable<(code: Bytes | string | Uint8Array) => SubmittableExtrinsic<ApiType>, [Bytes]>;
      /**
       * Set the number of pages in the WebAssembly environment's heap.
       **/
      setHeapPages: AugmentedSubmittable<(pages: u64 | AnyNumber | Uint8Array) => SubmittableExtrinsic<ApiType>, [u64]>;
      /**
       * Set some items of storage.
       **/
      setStorage: AugmentedSubmittable<(items: Vec<ITuple<[Bytes, Bytes]>> | ([Bytes | string | Uint8Array, Bytes | string | Uint8Array])[]) => SubmittableExtrinsic<ApiType>, [Vec<ITuple<[Bytes, Bytes]>>]>;
    };
    timestamp: {
      /**
       * Set the current time.
       * 
       * This call should be invoked exactly once per block. It will panic at the finalization
       * phase, if this call hasn't been invoked by that time.
       * 
       * The timestamp should be greater than the previous one by the amount specified by
       * [`Config::MinimumPeriod`].
       * 
       * The dispatch origin for this call must be _None_.
       * 
       * This dispatch class is _Mandatory_ to ensure it gets executed in the block. Be aware
       * that changing the complexity of this call could result exhausting the resources in a
       * block to execute any other calls.
       * 
       * ## Complexity
       * - `O(1)` (Note that implementations of `OnTimestampSet` must also be `O(1)`)
       * - 1 storage read and 1 storage mutation (codec `O(1)` because of `DidUpdate::take` in
       * `on_finalize`)
       * - 1 event handler `on_timestamp_set`. Must be `O(1)`.
       **/
      set: AugmentedSubmittable<(now: Compact<u64> | AnyNumber | Uint8Array) => SubmittableExtrinsic<ApiType>, [Compact<u64>]>;
    };
  } // AugmentedSubmittables
} // declare module
