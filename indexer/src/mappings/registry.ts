/** Handlers of the registry pallet's events: validators, their servers, sessions. */
import type { SubstrateEvent } from '@subql/types';
import { checkRevokedMeasurements } from '../helpers/measurements';
import { nextActiveSet } from '../helpers/rules';
import { allPages, recordChainEvent } from '../helpers/store';
import {
  ServerInfoRecord,
  Session,
  SessionLengthChange,
  TssAccount,
  Validator,
  ValidatorStatus,
  ValidatorStatusChange,
} from '../types';
import { account, accounts, ascii, big, fieldsOf, hex, u32 } from './decode';

/** ValidatorRegistered: a ServerInfo history row; the validator's current state. */
export async function handleRegistryValidatorRegistered(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'registry', 'ValidatorRegistered');
  const operator = account(f.operator);
  const server = {
    tssAccount: account(f.tssAccount),
    x25519PublicKey: hex(f.x25519PublicKey),
    endpoint: ascii(f.endpoint),
    restartKey: hex(f.restartKey),
    bond: big(f.bond),
  };
  await ServerInfoRecord.create({
    id: at.id,
    validatorId: operator,
    ...server,
    blockNumber: at.blockNumber,
  }).save();
  const previous = await Validator.get(operator);
  await Validator.create({
    id: operator,
    ...server,
    status: ValidatorStatus.VALIDATING,
    active: previous?.active ?? false,
    registeredAt: at.blockNumber,
    leftAt: undefined,
  }).save();
  // The registration quote's Attested event precedes this one; link the account to it.
  const tss = await TssAccount.get(server.tssAccount);
  if (tss) {
    tss.operator = operator;
    await tss.save();
  }
}

async function changeStatus(event: SubstrateEvent, status: ValidatorStatus, operator: string) {
  const at = await recordChainEvent(event);
  await ValidatorStatusChange.create({
    id: at.id,
    validatorId: operator,
    status,
    blockNumber: at.blockNumber,
  }).save();
  const validator = await Validator.get(operator);
  if (validator) {
    validator.status = status;
    if (status === ValidatorStatus.LEFT || status === ValidatorStatus.REMOVED)
      validator.leftAt = at.blockNumber;
    await validator.save();
  }
}

/** ValidatorChilled: status CHILLED (it leaves the active set at the next session). */
export async function handleRegistryValidatorChilled(event: SubstrateEvent): Promise<void> {
  const f = fieldsOf(event, 'registry', 'ValidatorChilled');
  await changeStatus(event, ValidatorStatus.CHILLED, account(f.operator));
}

/** ValidatorResumed: status VALIDATING again. */
export async function handleRegistryValidatorResumed(event: SubstrateEvent): Promise<void> {
  const f = fieldsOf(event, 'registry', 'ValidatorResumed');
  await changeStatus(event, ValidatorStatus.VALIDATING, account(f.operator));
}

/** ValidatorLeft: status LEFT, block recorded. */
export async function handleRegistryValidatorLeft(event: SubstrateEvent): Promise<void> {
  const f = fieldsOf(event, 'registry', 'ValidatorLeft');
  await changeStatus(event, ValidatorStatus.LEFT, account(f.operator));
}

/** ValidatorRemoved: governance unregistered it; status REMOVED, block recorded. */
export async function handleRegistryValidatorRemoved(event: SubstrateEvent): Promise<void> {
  const f = fieldsOf(event, 'registry', 'ValidatorRemoved');
  await changeStatus(event, ValidatorStatus.REMOVED, account(f.operator));
}

/**
 * NewSession: a Session row with the full active set (previous session's set, minus
 * `left`, plus `entered`); validators' `active` flags; then re-checks active validators
 * against revoked measurements.
 */
export async function handleRegistryNewSession(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'registry', 'NewSession');
  const index = u32(f.index);
  const entered = accounts(f.entered);
  const left = accounts(f.left);
  const previous = index > 0 ? await Session.get(String(index - 1)) : undefined;
  const activeSet = previous
    ? nextActiveSet(previous.activeSet, entered, left)
    : nextActiveSet(
        (await allPages((o) => Validator.getByActive(true, o))).map((v) => v.id),
        entered,
        left,
      );
  await Session.create({
    id: String(index),
    index,
    blockNumber: at.blockNumber,
    activeCount: u32(f.active),
    entered,
    left,
    activeSet,
    eventId: at.id,
  }).save();
  const members = new Set(activeSet);
  for (const operator of new Set([...left, ...entered])) {
    const validator = await Validator.get(operator);
    if (!validator) continue;
    validator.active = members.has(operator);
    await validator.save();
  }
  await checkRevokedMeasurements(activeSet, at);
}

/** SessionLengthChanged: a governance history row. */
export async function handleRegistrySessionLengthChanged(event: SubstrateEvent): Promise<void> {
  const at = await recordChainEvent(event);
  const f = fieldsOf(event, 'registry', 'SessionLengthChanged');
  await SessionLengthChange.create({
    id: at.id,
    blocks: u32(f.blocks),
    blockNumber: at.blockNumber,
  }).save();
}
