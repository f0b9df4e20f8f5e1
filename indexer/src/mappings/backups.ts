/**
 * Handlers of the backups pallet's events: assignment history per owner and epoch,
 * confirmations, checkpoints, release receipts, parameters. Assignments are checked
 * against the pallet's own rules (RULE_VIOLATION); unconfirmed epochs open a confirmation
 * watch (AT_RISK); receipts close release watches (DID_NOT_SERVE).
 */
import type { SubstrateEvent } from '@subql/types';
import {
  badShareId,
  confirmationWatchId,
  didNotServeId,
  epochAssignmentId,
  provisionId,
  releaseWatchId,
  ruleViolationId,
} from '../helpers/ids';
import { type AssignmentRule, assignmentBreaches, confirmationDeadline } from '../helpers/rules';
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
  AssignmentCause,
  AssignmentChange,
  BadShareProof,
  Checkpoint,
  Confirmation,
  EpochAssignment,
  Misbehaviour,
  MisbehaviourKind,
  Owner,
  OwnerRemoval,
  ParamsChange,
  Provision,
  ReleaseReceipt,
  Reshare,
  RollbackAcceptance,
  TssAccount,
  UnderProvisioning,
  Watch,
  WatchKind,
} from '../types';
import {
  account,
  accounts,
  big,
  bool,
  type EventPosition,
  fieldsOf,
  hex,
  namedFields,
  u32,
  variant,
} from './decode';

/** The owner's AT_RISK records that are not resolved yet. */
async function openAtRisk(owner: string): Promise<Misbehaviour[]> {
  return await allPages((o) =>
    Misbehaviour.getByFields(
      [
        ['kind', '=', MisbehaviourKind.AT_RISK],
        ['subject', '=', owner],
        ['resolved', '=', false],
      ],
      o,
    ),
  );
}

/**
 * Opens the owner's confirmation watch unless one is already running, or the owner is
 * already recorded AT_RISK for this unconfirmed stretch (later epoch changes within one
 * stretch neither restart the watch nor add a second record).
 */
async function watchConfirmation(owner: Owner, at: EventPosition) {
  const existing = await Watch.get(confirmationWatchId(owner.id, owner.registration));
  if (existing?.open) return;
  if ((await openAtRisk(owner.id)).length > 0) return;
  const state = await auditState();
  await openWatch(
    Watch.create({
      id: confirmationWatchId(owner.id, owner.registration),
      kind: WatchKind.CONFIRMATION,
      open: true,
      deadline: confirmationDeadline(at.blockNumber, state.confirmWindow),
      owner: owner.id,
      registration: owner.registration,
      epoch: owner.currentEpoch,
      evidenceBlocks: [at.blockNumber],
      evidenceEvents: [at.id],
    }),
  );
}

/** Resolves the owner's open AT_RISK records. */
async function resolveAtRisk(owner: string, at: number) {
  for (const record of await openAtRisk(owner)) await resolveMisbehaviour(record, at);
}

/** Opens an epoch row and sets the owner's current epoch to it. */
async function openEpoch(
  owner: Owner,
  epoch: number,
  cause: AssignmentCause,
  at: EventPosition,
  change: { added?: string[]; removed?: string[] } = {},
) {
  owner.currentEpoch = epoch;
  owner.epochOpenedAt = at.blockNumber;
  await owner.save();
  await EpochAssignment.create({
    id: epochAssignmentId(owner.id, owner.registration, epoch),
    ownerId: owner.id,
    registration: owner.registration,
    epoch,
    providers: owner.currentProviders,
    threshold: owner.threshold,
    cause,
    added: change.added ?? [],
    removed: change.removed ?? [],
    openedAt: at.blockNumber,
    openedBy: at.id,
    confirmed: false,
  }).save();
}

/** Replaces the owner's current-provider index rows. */
async function setProvisions(owner: string, removed: string[], added: string[]) {
  for (const provider of removed) await Provision.remove(provisionId(owner, provider));
  for (const provider of added)
    await Provision.create({ id: provisionId(owner, provider), owner, provider }).save();
}

/**
 * The operator of `owner` named by a `ValidatorRegistered` in the same extrinsic as
 * `event`, if any. At registration the pallet assigns providers before it emits
 * `ValidatorRegistered`, so the indexer does not know the new owner's operator yet.
 */
function operatorRegisteredWith(event: SubstrateEvent, owner: string): string | undefined {
  for (const record of event.extrinsic?.events ?? []) {
    const { section, method } = record.event;
    if (section !== 'registry' || method !== 'ValidatorRegistered') continue;
    const f = namedFields(record.event, 'registry', 'ValidatorRegistered');
    if (account(f.tssAccount) === owner) return account(f.operator);
  }
  return undefined;
}

/**
 * Checks the new epoch against the pallet's rules; one record per breach. `ownerOperator`
 * overrides the owner's operator as indexed so far (see {@link operatorRegisteredWith}).
 */
async function checkRules(
  owner: Owner,
  added: string[],
  at: EventPosition,
  ownerOperator?: string,
) {
  const state = await auditState();
  const operators = new Map<string, string | undefined>();
  for (const p of [owner.id, ...owner.currentProviders])
    operators.set(p, (await TssAccount.get(p))?.operator ?? undefined);
  if (ownerOperator) operators.set(owner.id, ownerOperator);
  const loads = new Map<string, number>();
  for (const p of added)
    loads.set(p, (await allPages((o) => Provision.getByProvider(p, o))).length);
  const breaches = assignmentBreaches({
    owner: owner.id,
    ownerOperator: operators.get(owner.id),
    providers: owner.currentProviders,
    added,
    operatorOf: (p) => operators.get(p),
    loadOf: (p) => loads.get(p) ?? 0,
    maxLoad: state.maxLoad,
  });
  const explain: Record<AssignmentRule, string> = {
    SELF: 'is the owner itself',
    OWN_OPERATOR: "belongs to the owner's operator",
    DUPLICATE_OPERATOR: 'shares its operator with another provider',
    OVER_LOAD: `serves more than max_load = ${state.maxLoad} owners`,
  };
  for (const b of breaches) {
    await upsertMisbehaviour({
      id: ruleViolationId(owner.id, owner.registration, owner.currentEpoch, b.rule, b.provider),
      kind: MisbehaviourKind.RULE_VIOLATION,
      subject: owner.id,
      owner: owner.id,
      evidenceBlocks: [at.blockNumber],
      evidenceEvents: [at.id],
      details: `${b.rule}: provider ${b.provider} of epoch ${owner.currentEpoch} ${explain[b.rule]}`,
      seen: at.blockNumber,
    });
  }
}

/**
 * ProvidersAssigned: a registration's epoch 1. An account that registers again after
 * leaving starts its next registration (epochs from 1 again, in rows of their own).
 */
export async function handleBackupsProvidersAssigned(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'backups', 'ProvidersAssigned');
  const ownerId = account(f.owner);
  const epoch = u32(f.epoch);
  const providers = accounts(f.providers);
  const threshold = u32(f.threshold);
  const state = await auditState();
  const earlier = await Owner.get(ownerId);
  // This very event, applied before (a replayed block): the same registration.
  const registration = !earlier
    ? 1
    : earlier.registeredBy === at.id
      ? earlier.registration
      : earlier.registration + 1;
  await AssignmentChange.create({
    id: at.id,
    owner: ownerId,
    epoch,
    cause: AssignmentCause.ASSIGNED,
    providers,
    added: providers,
    removed: [],
    threshold,
    blockNumber: at.blockNumber,
  }).save();
  const owner = Owner.create({
    id: ownerId,
    registration,
    registeredBy: at.id,
    currentEpoch: epoch,
    currentProviders: providers,
    threshold,
    epochOpenedAt: at.blockNumber,
    confirmedEpoch: 0,
    confirmedHolders: [],
    confirmedThreshold: 0,
    confirmedStoreVersion: 0n,
    underProvisioned: providers.length < state.n,
    removed: false,
  });
  await openEpoch(owner, epoch, AssignmentCause.ASSIGNED, at, { added: providers });
  await setProvisions(ownerId, [], providers);
  await checkRules(owner, providers, at, operatorRegisteredWith(event, ownerId));
  await watchConfirmation(owner, at);
}

/** Reassigned: a new epoch without `removed`, with `added`. */
export async function handleBackupsReassigned(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'backups', 'Reassigned');
  const ownerId = account(f.owner);
  const epoch = u32(f.epoch);
  const added = accounts(f.added);
  const removed = accounts(f.removed);
  const cause = bool(f.forced) ? AssignmentCause.FORCED : AssignmentCause.REASSIGNED;
  const state = await auditState();
  const owner = await Owner.get(ownerId);
  // This very event, applied before (a replayed block): the provider list would double.
  if (owner && owner.currentEpoch >= epoch) return;
  const gone = new Set(removed);
  const providers = [...(owner?.currentProviders ?? []).filter((p) => !gone.has(p)), ...added];
  await AssignmentChange.create({
    id: at.id,
    owner: ownerId,
    epoch,
    cause,
    providers,
    added,
    removed,
    blockNumber: at.blockNumber,
  }).save();
  if (!owner) return;
  owner.currentProviders = providers;
  owner.threshold = state.t;
  owner.underProvisioned = providers.length < state.n;
  await openEpoch(owner, epoch, cause, at, { added, removed });
  await setProvisions(ownerId, removed, added);
  await checkRules(owner, added, at);
  await watchConfirmation(owner, at);
}

/** UnderProvisioned: a history row (the owner's flag is set by the assignment event). */
export async function handleBackupsUnderProvisioned(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'backups', 'UnderProvisioned');
  await UnderProvisioning.create({
    id: at.id,
    owner: account(f.owner),
    have: u32(f.have),
    need: u32(f.need),
    blockNumber: at.blockNumber,
  }).save();
}

/** ReshareNeeded: each listed owner opens a new epoch with the same providers. */
export async function handleBackupsReshareNeeded(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'backups', 'ReshareNeeded');
  const owners = accounts(f.owners);
  await Reshare.create({
    id: at.id,
    provider: account(f.provider),
    owners,
    blockNumber: at.blockNumber,
  }).save();
  for (const ownerId of owners) {
    const owner = await Owner.get(ownerId);
    if (!owner) continue;
    // This very event, applied before (a replayed block): no second epoch.
    const current = await EpochAssignment.get(
      epochAssignmentId(ownerId, owner.registration, owner.currentEpoch),
    );
    if (current?.openedBy === at.id) continue;
    await openEpoch(owner, owner.currentEpoch + 1, AssignmentCause.RESHARE, at);
    await watchConfirmation(owner, at);
  }
}

/**
 * EpochConfirmed: a confirmation row; the owner's confirmed epoch, holders and store
 * version; a confirmation of the next epoch is a KEK rotation (new epoch row). Closes the
 * confirmation watch and resolves AT_RISK records once the current epoch is confirmed.
 */
export async function handleBackupsEpochConfirmed(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'backups', 'EpochConfirmed');
  const ownerId = account(f.owner);
  const epoch = u32(f.epoch);
  const holders = accounts(f.holders);
  const commitments = f.commitments.toJSON() as string[];
  const threshold = u32(f.threshold);
  const storeVersion = big(f.storeVersion);
  await Confirmation.create({
    id: at.id,
    owner: ownerId,
    epoch,
    holders,
    commitments,
    threshold,
    storeVersion,
    blockNumber: at.blockNumber,
  }).save();
  const owner = await Owner.get(ownerId);
  if (!owner) return;
  if (epoch > owner.currentEpoch) await openEpoch(owner, epoch, AssignmentCause.ROTATION, at);
  owner.confirmedEpoch = epoch;
  owner.confirmedHolders = holders;
  owner.confirmedThreshold = threshold;
  owner.confirmedStoreVersion = storeVersion;
  owner.confirmedAt = at.blockNumber;
  owner.confirmedEvent = at.id;
  await owner.save();
  const row = await EpochAssignment.get(epochAssignmentId(ownerId, owner.registration, epoch));
  if (row) {
    row.confirmed = true;
    row.confirmedAt = at.blockNumber;
    row.holders = holders;
    row.storeVersion = storeVersion;
    await row.save();
  }
  if (owner.confirmedEpoch >= owner.currentEpoch) {
    await closeWatch(confirmationWatchId(ownerId, owner.registration), at.blockNumber);
    await resolveAtRisk(ownerId, at.blockNumber);
  }
}

/** CheckpointAnchored: a checkpoint row; the owner's anchored store version. */
export async function handleBackupsCheckpointAnchored(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'backups', 'CheckpointAnchored');
  const ownerId = account(f.owner);
  const storeVersion = big(f.storeVersion);
  await Checkpoint.create({
    id: at.id,
    owner: ownerId,
    storeVersion,
    blockNumber: at.blockNumber,
  }).save();
  const owner = await Owner.get(ownerId);
  if (owner) {
    owner.confirmedStoreVersion = storeVersion;
    await owner.save();
  }
}

/**
 * ReleaseRecorded: a receipt row; closes the provider's release watch, or, if the deadline
 * had already passed, resolves its DID_NOT_SERVE record (a late release).
 */
export async function handleBackupsReleaseRecorded(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'backups', 'ReleaseRecorded');
  const provider = account(f.provider);
  const owner = account(f.owner);
  const incarnation = u32(f.incarnation);
  await ReleaseReceipt.create({
    id: at.id,
    provider,
    owner,
    incarnation,
    blockNumber: at.blockNumber,
  }).save();
  const watchId = releaseWatchId(owner, incarnation, provider);
  if (await closeWatch(watchId, at.blockNumber)) return;
  const late = await Misbehaviour.get(didNotServeId(owner, incarnation, provider));
  if (late) await resolveMisbehaviour(late, at.blockNumber);
}

/**
 * BadShareProven: the proof row and a BAD_SHARE misbehaviour naming the holder, with the
 * event as evidence. The chain checked the proof, so the record never resolves.
 */
export async function handleBackupsBadShareProven(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'backups', 'BadShareProven');
  const provider = account(f.provider);
  const owner = account(f.owner);
  const incarnation = u32(f.incarnation);
  const epoch = u32(f.epoch);
  const commitment = hex(f.commitment);
  const proofKind = variant(f.kind);
  await BadShareProof.create({
    id: at.id,
    provider,
    owner,
    incarnation,
    epoch,
    commitment,
    proofKind,
    released: hex(f.released),
    blockNumber: at.blockNumber,
  }).save();
  await upsertMisbehaviour({
    id: badShareId(provider, owner, incarnation),
    kind: MisbehaviourKind.BAD_SHARE,
    subject: provider,
    owner,
    evidenceBlocks: [at.blockNumber],
    evidenceEvents: [at.id],
    details: `signed a release of epoch ${epoch} for incarnation ${incarnation} that does not open to its commitment ${commitment} (${proofKind})`,
    seen: at.blockNumber,
  });
}

/** OwnerRemoved: the owner is gone; its provisions and watches end. */
export async function handleBackupsOwnerRemoved(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const ownerId = account(fieldsOf(event, 'backups', 'OwnerRemoved').owner);
  await OwnerRemoval.create({ id: at.id, owner: ownerId, blockNumber: at.blockNumber }).save();
  const owner = await Owner.get(ownerId);
  if (owner) {
    await setProvisions(ownerId, owner.currentProviders, []);
    owner.removed = true;
    owner.currentProviders = [];
    await owner.save();
  }
  const watches = await allPages((o) =>
    Watch.getByFields(
      [
        ['owner', '=', ownerId],
        ['open', '=', true],
      ],
      o,
    ),
  );
  for (const w of watches) await closeWatch(w.id, at.blockNumber);
  await resolveAtRisk(ownerId, at.blockNumber);
}

/** ParamsChanged: a governance row; the params in force for rule checks. */
export async function handleBackupsParamsChanged(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'backups', 'ParamsChanged');
  const params = f.params.toJSON() as { n: number; t: number; maxLoad: number };
  await ParamsChange.create({
    id: at.id,
    n: params.n,
    t: params.t,
    maxLoad: params.maxLoad,
    blockNumber: at.blockNumber,
  }).save();
  const state = await auditState();
  state.n = params.n;
  state.t = params.t;
  state.maxLoad = params.maxLoad;
  await state.save();
}

/**
 * RollbackAccepted: the operator's explicit override to recover an older store; a row with
 * the anchored version it replaced and the accepted one, which becomes the owner's
 * anchored store version (as the pallet lowers it).
 */
export async function handleBackupsRollbackAccepted(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'backups', 'RollbackAccepted');
  const ownerId = account(f.owner);
  const acceptedVersion = big(f.acceptedVersion);
  await RollbackAcceptance.create({
    id: at.id,
    owner: ownerId,
    incarnation: u32(f.incarnation),
    anchoredVersion: big(f.anchoredVersion),
    acceptedVersion,
    blockNumber: at.blockNumber,
  }).save();
  const owner = await Owner.get(ownerId);
  if (owner) {
    owner.confirmedStoreVersion = acceptedVersion;
    await owner.save();
  }
}
