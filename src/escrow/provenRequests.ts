/**
 * What `custos escrow sign` checks against a verified state proof (see
 * `../chain/stateProof.ts`) before it releases to an exported request: every field the
 * release depends on must be what the chain's state at the trusted block says, so a
 * networked machine that lies about the chain gets nothing.
 *
 * {@link provenStorageKeys} names the keys an export proves; {@link checkProvenRequest}
 * compares one exported request with the proven values and returns why it must be
 * refused, or nothing. Values are decoded with the runtime's own type definitions (the
 * generated `chain-types` lookup), exactly: a value that does not re-encode to the same
 * bytes (bytes left over, a non-canonical tag) is refused.
 */

import { TypeRegistry } from '@polkadot/types';
import type { RegistryTypes } from '@polkadot/types/types';
import { hexToU8a, u8aEq, u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import lookup from '../../chain-types/src/interfaces/lookup.js';
import type { ProvenState } from '../chain/stateProof.js';
import { storageKeys } from '../chain/storageKeys.js';
import { recoveryKeysRoot } from '../protocol/messages.js';
import { escrowKeyEntry } from './shares.js';

/** The fields of an exported request the proof checks (see `offline.ts`). */
export interface ProvableRequest {
  owner: string;
  incarnation: number;
  epoch: number;
  restartKey: string;
  escrowKey: string;
  recoveryKeys: string[];
  requestedAt: number;
  approvedAt: number;
  deposit: {
    generation: number;
    memberIndex: number;
    sealingKey: string;
    sealedShare: string;
    commitment: string;
  };
}

/** Why a request is refused on the proven state (a code and a sentence naming the field). */
export interface ProofRefusal {
  code: /** A value the check needs is not in the proof. */
    | 'NOT_PROVEN'
    /** An exported field differs from the proven state (the reason names it). */
    | 'STATE_MISMATCH'
    /** The proven request is not approved by governance. */
    | 'NOT_APPROVED'
    /** The owner's latest attested incarnation is not the request's. */
    | 'SUPERSEDED'
    /** The recovery and escrow keys are not the ones the owner's restart quote bound. */
    | 'KEYS_NOT_ATTESTED';
  reason: string;
}

const registry = new TypeRegistry();
registry.register(lookup as unknown as RegistryTypes);

/** Decodes `bytes` as `type`, or undefined when they do not decode to exactly it. */
function decodeExact<T>(type: string, bytes: Uint8Array): T | undefined {
  try {
    const value = registry.createType(type, bytes);
    // Re-encoding must give the same bytes: polkadot.js reads a non-canonical Option tag
    // (0x02) as Some without complaint.
    return u8aEq(value.toU8a(), bytes) ? (value as unknown as T) : undefined;
  } catch {
    return undefined;
  }
}

interface Bytes {
  toU8a(bare?: boolean): Uint8Array;
}
interface Num {
  toNumber(): number;
}
interface ColdRequestValue {
  incarnation: Num;
  epoch: Num;
  escrowKey: Bytes;
  requestedAt: Num;
  approvedAt: { isSome: boolean; unwrap(): Num };
}
interface AttestationRecordValue {
  incarnation: Num;
  recoveryKeysRoot: Bytes;
}
interface ValidatorInfoValue {
  server: { tssAccount: Bytes; restartKey: Bytes };
}
interface EscrowDepositValue {
  generation: Num;
  sealed: Bytes[];
  commitments: Bytes[];
}
interface CommitteeValue {
  generation: Num;
  members: { account: Bytes; sealingKey: Bytes }[];
}

/**
 * The keys an export proves: the chain's recorded genesis, the committee in force and the
 * retired ones named by `generations`, and for each owner its attestation record, cold
 * request, operator, that operator's validator record and its deposit of `epoch`.
 */
export function provenStorageKeys(
  generations: number[],
  requests: { owner: string; epoch: number; operator: Uint8Array }[],
): Uint8Array[] {
  const keys = [storageKeys.genesisHash(), storageKeys.committee()];
  for (const g of new Set(generations)) keys.push(storageKeys.retiredCommittee(g));
  for (const r of requests) {
    const owner = decodeAddress(r.owner);
    keys.push(
      storageKeys.attestation(owner),
      storageKeys.coldRequest(owner),
      storageKeys.tssOperator(owner),
      storageKeys.validator(r.operator),
      storageKeys.escrowDeposit(owner, r.epoch),
    );
  }
  return keys;
}

/** The genesis hash the proven state records, or undefined when the proof lacks it. */
export function provenGenesis(state: ProvenState): Uint8Array | undefined {
  const value = state.get(storageKeys.genesisHash());
  return value?.length === 32 ? value : undefined;
}

/**
 * Why `request` must not be released to by member `member` (its 32-byte account) on the
 * proven `state`, or undefined when every field the release depends on is proven: the
 * owner's cold request (incarnation, epoch, escrow key, times) approved by governance, the
 * owner's latest attestation for that incarnation binding exactly these recovery keys and
 * this escrow key, the owner's registered restart key, the deposit of that epoch (the
 * committee generation, this member's sealed share and commitment), and the member's place
 * and sealing key in that generation's committee (in force or retired).
 */
export function checkProvenRequest(
  state: ProvenState,
  request: ProvableRequest,
  member: Uint8Array,
): ProofRefusal | undefined {
  const owner = decodeAddress(request.owner);
  const read = <T>(what: string, key: Uint8Array, type: string): T | ProofRefusal => {
    const bytes = state.get(key);
    if (!bytes) return { code: 'NOT_PROVEN', reason: `the proof does not show ${what}` };
    const value = decodeExact<T>(type, bytes);
    return value ?? { code: 'NOT_PROVEN', reason: `${what} does not decode as ${type}` };
  };
  const isRefusal = (v: unknown): v is ProofRefusal =>
    typeof v === 'object' && v !== null && 'code' in v && 'reason' in v;
  const mismatch = (field: string, proven: string | number): ProofRefusal => ({
    code: 'STATE_MISMATCH',
    reason: `${field}: the export says ${String(fieldOf(request, field))}, the proven state ${proven}`,
  });

  const cold = read<ColdRequestValue>(
    'the owner’s cold request',
    storageKeys.coldRequest(owner),
    'PalletCustosBackupsEscrowColdRequest',
  );
  if (isRefusal(cold)) return cold;
  if (cold.incarnation.toNumber() !== request.incarnation)
    return mismatch('incarnation', cold.incarnation.toNumber());
  if (cold.epoch.toNumber() !== request.epoch) return mismatch('epoch', cold.epoch.toNumber());
  const escrowKey = hexToU8a(request.escrowKey);
  if (!u8aEq(cold.escrowKey.toU8a(), escrowKey))
    return mismatch('escrowKey', u8aToHex(cold.escrowKey.toU8a()));
  if (cold.requestedAt.toNumber() !== request.requestedAt)
    return mismatch('requestedAt', cold.requestedAt.toNumber());
  if (!cold.approvedAt.isSome)
    return { code: 'NOT_APPROVED', reason: 'governance has not approved the proven request' };
  if (cold.approvedAt.unwrap().toNumber() !== request.approvedAt)
    return mismatch('approvedAt', cold.approvedAt.unwrap().toNumber());

  const record = read<AttestationRecordValue>(
    'the owner’s attestation record',
    storageKeys.attestation(owner),
    'PalletCustosAttestationAttestationRecord',
  );
  if (isRefusal(record)) return record;
  if (record.incarnation.toNumber() !== request.incarnation)
    return {
      code: 'SUPERSEDED',
      reason: `the owner’s latest attested incarnation is ${record.incarnation.toNumber()}, the request’s ${request.incarnation}`,
    };
  const attestedKeys = [...request.recoveryKeys.map((k) => hexToU8a(k)), escrowKeyEntry(escrowKey)];
  if (!u8aEq(recoveryKeysRoot(attestedKeys), record.recoveryKeysRoot.toU8a()))
    return {
      code: 'KEYS_NOT_ATTESTED',
      reason: 'recoveryKeys and escrowKey are not the keys the owner’s restart quote bound',
    };

  const operator = state.get(storageKeys.tssOperator(owner));
  if (operator?.length !== 32)
    return { code: 'NOT_PROVEN', reason: 'the proof does not show the owner’s operator' };
  const validator = read<ValidatorInfoValue>(
    'the owner’s validator record',
    storageKeys.validator(operator),
    'PalletCustosRegistryValidatorInfo',
  );
  if (isRefusal(validator)) return validator;
  if (!u8aEq(validator.server.tssAccount.toU8a(), owner))
    return { code: 'NOT_PROVEN', reason: 'the proven validator record is for another account' };
  if (!u8aEq(validator.server.restartKey.toU8a(), hexToU8a(request.restartKey)))
    return mismatch('restartKey', u8aToHex(validator.server.restartKey.toU8a()));

  const deposit = read<EscrowDepositValue>(
    `the owner’s deposit of epoch ${request.epoch}`,
    storageKeys.escrowDeposit(owner, request.epoch),
    'PalletCustosBackupsEscrowEscrowDeposit',
  );
  if (isRefusal(deposit)) return deposit;
  const { generation, memberIndex } = request.deposit;
  if (deposit.generation.toNumber() !== generation)
    return mismatch('deposit.generation', deposit.generation.toNumber());
  const sealed = deposit.sealed[memberIndex];
  const commitment = deposit.commitments[memberIndex];
  if (!sealed || !commitment)
    return mismatch('deposit.memberIndex', `a deposit of ${deposit.sealed.length} shares`);
  if (!u8aEq(sealed.toU8a(), hexToU8a(request.deposit.sealedShare)))
    return mismatch('deposit.sealedShare', 'another share');
  if (!u8aEq(commitment.toU8a(), hexToU8a(request.deposit.commitment)))
    return mismatch('deposit.commitment', u8aToHex(commitment.toU8a()));

  let committee = read<CommitteeValue>(
    'the committee in force',
    storageKeys.committee(),
    'PalletCustosBackupsEscrowEscrowCommittee',
  );
  if (isRefusal(committee) || committee.generation.toNumber() !== generation)
    committee = read<CommitteeValue>(
      `committee ${generation}`,
      storageKeys.retiredCommittee(generation),
      'PalletCustosBackupsEscrowEscrowCommittee',
    );
  if (isRefusal(committee)) return committee;
  if (committee.generation.toNumber() !== generation)
    return mismatch('deposit.generation', `a committee of generation ${committee.generation}`);
  const seat = committee.members[memberIndex];
  if (!seat || !u8aEq(seat.account.toU8a(), member))
    return mismatch('deposit.memberIndex', `another member at index ${memberIndex}`);
  if (!u8aEq(seat.sealingKey.toU8a(), hexToU8a(request.deposit.sealingKey)))
    return mismatch('deposit.sealingKey', u8aToHex(seat.sealingKey.toU8a()));
  return undefined;
}

/** The value of a dotted `field` of `request`, for messages. */
function fieldOf(request: ProvableRequest, field: string): unknown {
  return field
    .split('.')
    .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], request);
}
