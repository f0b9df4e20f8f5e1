/**
 * Handlers of the attestation pallet's events: attestations (register and restart),
 * rejections, governance's measurements, trust policy and TD policy, and the Intel
 * collateral cache. A restart attestation also opens
 * the release watches (DID_NOT_SERVE) and is checked for a duplicate instance.
 */
import type { SubstrateEvent } from '@subql/types';
import {
  collateralBundleId,
  collateralExpiringId,
  duplicateInstanceId,
  releaseWatchId,
} from '../helpers/ids';
import {
  activeOperators,
  checkRevokedMeasurements,
  noteAttestedUnder,
  noteMeasurementChange,
  resolveRevokedFor,
  resolveRevokedMeasurement,
} from '../helpers/measurements';
import { isDuplicateInstance, releaseObligations } from '../helpers/rules';
import {
  allPages,
  auditState,
  closeWatch,
  openWatch,
  recordChainEvent,
  resolveMisbehaviour,
  upsertMisbehaviour,
} from '../helpers/store';
import {
  applyTcbMinimum,
  checkTcbOfAttestation,
  noteAttestedUnderTcb,
  type TcbLevel,
} from '../helpers/tcb';
import {
  Attestation,
  AttestationKind,
  AttestationRejection,
  CollateralBundle,
  CollateralChange,
  CollateralChangeKind,
  CollateralPolicyChange,
  Measurement,
  MeasurementChange,
  MeasurementChangeKind,
  Misbehaviour,
  MisbehaviourKind,
  Owner,
  TdPolicyChange,
  TrustPolicyChange,
  TssAccount,
  Watch,
  WatchKind,
} from '../types';
import {
  account,
  big,
  bool,
  type Codec,
  fieldsOf,
  hex,
  hex64,
  optional,
  structField,
  u32,
  variant,
} from './decode';

/** The TCB level of an attestation event's `tcb` field (`None`: the dev path). */
function tcbLevelOf(field: Codec): TcbLevel | undefined {
  const level = optional(field);
  if (level === undefined) return undefined;
  return {
    collateral: bundleIdOf(structField(level, 'collateral')).id,
    evaluationNumber: u32(structField(level, 'tcbEvaluationNumber')),
  };
}

/** The row fields of a TCB level: null on the dev path. */
function rowFieldsOf(tcb: TcbLevel | undefined) {
  return { tcbCollateral: tcb?.collateral, tcbEvaluationNumber: tcb?.evaluationNumber };
}

/**
 * Attested: a registration quote accepted; the account's attestation state starts; a
 * TCB_BELOW_MINIMUM record if its collateral is below governance's minimum.
 */
export async function handleAttestationAttested(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'attestation', 'Attested');
  const tssAccount = account(f.tssAccount);
  const incarnation = u32(f.incarnation);
  const measurement = hex(f.measurement);
  const recoveryKey = hex(f.recoveryPublicKey);
  const tcb = tcbLevelOf(f.tcb);
  await Attestation.create({
    id: at.id,
    tssAccount,
    kind: AttestationKind.REGISTER,
    incarnation,
    measurement,
    recoveryKey,
    ...rowFieldsOf(tcb),
    blockNumber: at.blockNumber,
  }).save();
  await noteAttestedUnder(measurement);
  await noteAttestedUnderTcb(tcb);
  const existing = await TssAccount.get(tssAccount);
  const row = TssAccount.create({
    ...(existing ?? {}),
    id: tssAccount,
    incarnation,
    measurement,
    recoveryKey,
    attestedAt: at.blockNumber,
    attestedEvent: at.id,
    ...rowFieldsOf(tcb),
  });
  await row.save();
  await checkTcbOfAttestation(row, at);
}

/**
 * RestartAttested: the attestation row; a DUPLICATE_INSTANCE record if the account's
 * previous restart was within the window; a TCB_BELOW_MINIMUM record if its collateral is
 * below governance's minimum (its older ones resolved); release watches for every holder of
 * the owner's last confirmed epoch (older, now unservable watches of this owner are closed).
 */
export async function handleAttestationRestartAttested(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'attestation', 'RestartAttested');
  const tssAccount = account(f.tssAccount);
  const incarnation = u32(f.incarnation);
  const measurement = hex(f.measurement);
  const recoveryKey = hex(f.recoveryKeysRoot);
  const tcb = tcbLevelOf(f.tcb);
  await Attestation.create({
    id: at.id,
    tssAccount,
    kind: AttestationKind.RESTART,
    incarnation,
    measurement,
    recoveryKey,
    quotedBlock: u32(f.quotedBlock),
    quoteHash: hex(f.quoteHash),
    ...rowFieldsOf(tcb),
    blockNumber: at.blockNumber,
  }).save();

  await noteAttestedUnder(measurement);
  await noteAttestedUnderTcb(tcb);
  const state = await auditState();
  const previous = await TssAccount.get(tssAccount);
  // This very event, applied before (a replayed block): nothing more to derive.
  if (previous?.lastRestartEvent === at.id) return;
  if (
    previous?.lastRestartBlock !== undefined &&
    previous.lastRestartBlock !== null &&
    isDuplicateInstance(previous.lastRestartBlock, at.blockNumber, state.duplicateWindow)
  ) {
    await upsertMisbehaviour({
      id: duplicateInstanceId(tssAccount, incarnation),
      kind: MisbehaviourKind.DUPLICATE_INSTANCE,
      subject: tssAccount,
      evidenceBlocks: [previous.lastRestartBlock, at.blockNumber],
      evidenceEvents: [previous.lastRestartEvent ?? '', at.id].filter((e) => e !== ''),
      details: `restart attestations for incarnations ${previous.incarnation} and ${incarnation} ${at.blockNumber - previous.lastRestartBlock} blocks apart (window ${state.duplicateWindow})`,
      seen: at.blockNumber,
    });
  }
  const row = TssAccount.create({
    ...(previous ?? {}),
    id: tssAccount,
    incarnation,
    measurement,
    recoveryKey,
    attestedAt: at.blockNumber,
    attestedEvent: at.id,
    ...rowFieldsOf(tcb),
    lastRestartBlock: at.blockNumber,
    lastRestartEvent: at.id,
  });
  await row.save();
  await resolveRevokedFor(tssAccount, measurement, at.blockNumber);
  await checkTcbOfAttestation(row, at);

  // Older incarnations can no longer be served (the pallet refuses stale receipts).
  const older = await allPages((o) =>
    Watch.getByFields(
      [
        ['owner', '=', tssAccount],
        ['kind', '=', WatchKind.RELEASE],
        ['open', '=', true],
      ],
      o,
    ),
  );
  for (const w of older) await closeWatch(w.id, at.blockNumber);

  const owner = await Owner.get(tssAccount);
  if (!owner || owner.removed || owner.confirmedEpoch === 0) return;
  for (const o of releaseObligations(owner.confirmedHolders, at.blockNumber, state.releaseWindow)) {
    await openWatch(
      Watch.create({
        id: releaseWatchId(tssAccount, incarnation, o.provider),
        kind: WatchKind.RELEASE,
        open: true,
        deadline: o.deadline,
        owner: tssAccount,
        provider: o.provider,
        incarnation,
        epoch: owner.confirmedEpoch,
        evidenceBlocks: [owner.confirmedAt ?? at.blockNumber, at.blockNumber],
        evidenceEvents: [owner.confirmedEvent ?? '', at.id].filter((e) => e !== ''),
      }),
    );
  }
}

/** AttestationRejected: a rejection row with the pallet error's name. */
export async function handleAttestationAttestationRejected(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'attestation', 'AttestationRejected');
  await AttestationRejection.create({
    id: at.id,
    tssAccount: account(f.tssAccount),
    incarnation: u32(f.incarnation),
    reason: variant(f.reason),
    blockNumber: at.blockNumber,
  }).save();
}

async function changeMeasurement(event: SubstrateEvent, kind: MeasurementChangeKind) {
  const at = await recordChainEvent(event);
  const method = kind === MeasurementChangeKind.ADDED ? 'MeasurementAdded' : 'MeasurementRemoved';
  const measurement = hex(fieldsOf(event, 'attestation', method).measurement);
  await MeasurementChange.create({
    id: at.id,
    measurement,
    kind,
    blockNumber: at.blockNumber,
  }).save();
  await Measurement.create({
    id: measurement,
    accepted: kind === MeasurementChangeKind.ADDED,
    changedAt: at.blockNumber,
    changeEvent: at.id,
  }).save();
  return { at, measurement };
}

/**
 * MeasurementAdded: history row; open REVOKED_MEASUREMENT records on it are resolved
 * (skipped, after one indexed lookup, when no account is attested under it).
 */
export async function handleAttestationMeasurementAdded(event: SubstrateEvent): Promise<void> {
  const { at, measurement } = await changeMeasurement(event, MeasurementChangeKind.ADDED);
  if (await noteMeasurementChange(measurement, true))
    await resolveRevokedMeasurement(measurement, at.blockNumber);
}

/**
 * MeasurementRemoved: history row; active validators on it get REVOKED_MEASUREMENT
 * (skipped, after one indexed lookup, when no account is attested under it).
 */
export async function handleAttestationMeasurementRemoved(event: SubstrateEvent): Promise<void> {
  const { at, measurement } = await changeMeasurement(event, MeasurementChangeKind.REMOVED);
  if (await noteMeasurementChange(measurement, false))
    await checkRevokedMeasurements(await activeOperators(), at);
}

/** TrustPolicyChanged: a governance history row. */
export async function handleAttestationTrustPolicyChanged(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'attestation', 'TrustPolicyChanged');
  await TrustPolicyChange.create({
    id: at.id,
    intelEnabled: bool(f.intelEnabled),
    devPckKeys: u32(f.devPckKeys),
    blockNumber: at.blockNumber,
  }).save();
}

/** TdPolicySet: a governance history row with the policy's fields (null = not checked). */
export async function handleAttestationTdPolicySet(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const policy = fieldsOf(event, 'attestation', 'TdPolicySet').policy;
  const pinned = (name: string, as: (c: Codec) => string) => {
    const value = optional(structField(policy, name));
    return value === undefined ? undefined : as(value);
  };
  await TdPolicyChange.create({
    id: at.id,
    attributesMask: hex64(structField(policy, 'attributesMask')),
    attributesValue: hex64(structField(policy, 'attributesValue')),
    xfam: pinned('xfam', hex64),
    mrConfigId: pinned('mrConfigId', hex),
    mrOwner: pinned('mrOwner', hex),
    mrOwnerConfig: pinned('mrOwnerConfig', hex),
    rtmr3: pinned('rtmr3', hex),
    blockNumber: at.blockNumber,
  }).save();
}

/** The id of a cache key (`CollateralKey { fmspc, pck_ca }`): `<fmspc hex>-<CA>`. */
function bundleIdOf(key: Codec): { id: string; fmspc: string; pckCa: string } {
  const fmspc = hex(structField(key, 'fmspc'));
  const pckCa = variant(structField(key, 'pckCa'));
  return { id: collateralBundleId(fmspc, pckCa), fmspc, pckCa };
}

/**
 * Resolves the bundle's open COLLATERAL_EXPIRING records in block `at`: a newer bundle was
 * cached under its key, or it was removed.
 */
async function resolveExpiring(bundle: string, at: number): Promise<void> {
  const open = await allPages((o) =>
    Misbehaviour.getByFields(
      [
        ['kind', '=', MisbehaviourKind.COLLATERAL_EXPIRING],
        ['subject', '=', bundle],
        ['resolved', '=', false],
      ],
      o,
    ),
  );
  for (const record of open) await resolveMisbehaviour(record, at);
}

/** CollateralCached: the bundle's current state and a history row. */
export async function handleAttestationCollateralCached(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'attestation', 'CollateralCached');
  const { id, fmspc, pckCa } = bundleIdOf(f.key);
  const tcbEvaluationNumber = u32(f.tcbEvaluationNumber);
  const expiresAt = big(f.expiresAt);
  const uploaderCodec = optional(f.uploader);
  const uploader = uploaderCodec === undefined ? undefined : account(uploaderCodec);
  const before = await CollateralBundle.get(id);
  await CollateralBundle.create({
    id,
    fmspc,
    pckCa,
    tcbEvaluationNumber,
    expiresAt,
    uploader,
    cachedAt: at.blockNumber,
  }).save();
  await CollateralChange.create({
    id: at.id,
    kind: CollateralChangeKind.CACHED,
    bundle: id,
    tcbEvaluationNumber,
    expiresAt,
    uploader,
    blockNumber: at.blockNumber,
  }).save();
  // A bundle that expires later (renewed) ends the announcement; the same bundle cached
  // again (its memo extended) does not.
  if (before && expiresAt > before.expiresAt) await resolveExpiring(id, at.blockNumber);
}

/** CollateralRemoved: the bundle is marked removed; a history row. */
export async function handleAttestationCollateralRemoved(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const { id } = bundleIdOf(fieldsOf(event, 'attestation', 'CollateralRemoved').key);
  const bundle = await CollateralBundle.get(id);
  if (bundle) {
    bundle.removedAt = at.blockNumber;
    await bundle.save();
  }
  await CollateralChange.create({
    id: at.id,
    kind: CollateralChangeKind.REMOVED,
    bundle: id,
    blockNumber: at.blockNumber,
  }).save();
  await resolveExpiring(id, at.blockNumber);
}

/**
 * CollateralExpiring: the bundle is marked as announced; a history row; a
 * COLLATERAL_EXPIRING record (subject: the bundle, `<fmspc>-<CA>`) until a newer bundle is
 * cached under its key or it is removed.
 */
export async function handleAttestationCollateralExpiring(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'attestation', 'CollateralExpiring');
  const { id } = bundleIdOf(f.key);
  const bundle = await CollateralBundle.get(id);
  if (bundle) {
    bundle.expiringAt = at.blockNumber;
    await bundle.save();
  }
  await CollateralChange.create({
    id: at.id,
    kind: CollateralChangeKind.EXPIRING,
    bundle: id,
    expiresAt: big(f.expiresAt),
    blockNumber: at.blockNumber,
  }).save();
  const expiresAt = big(f.expiresAt);
  await upsertMisbehaviour({
    id: collateralExpiringId(id, expiresAt),
    kind: MisbehaviourKind.COLLATERAL_EXPIRING,
    subject: id,
    evidenceBlocks: [at.blockNumber],
    evidenceEvents: [at.id],
    details: `cached Intel collateral ${id} expires at ${expiresAt} (unix seconds); upload a newer bundle (custos collateral) before then, or quotes referring to the cache are refused`,
    seen: at.blockNumber,
  });
}

/**
 * CollateralPolicySet: a governance history row; accounts whose latest attestation is below
 * the new minimum get TCB_BELOW_MINIMUM records, and open ones at or above it are resolved.
 */
export async function handleAttestationCollateralPolicySet(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const policy = fieldsOf(event, 'attestation', 'CollateralPolicySet').policy;
  const minTcbEvaluationNumber = u32(structField(policy, 'minTcbEvaluationNumber'));
  await CollateralPolicyChange.create({
    id: at.id,
    minTcbEvaluationNumber,
    previousAcceptedUntil: big(structField(policy, 'previousAcceptedUntil')),
    expiryWarningBlocks: u32(structField(policy, 'expiryWarningBlocks')),
    blockNumber: at.blockNumber,
  }).save();
  await applyTcbMinimum(minTcbEvaluationNumber, at);
}
