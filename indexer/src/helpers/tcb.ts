/**
 * TCB_BELOW_MINIMUM: a TSS account whose latest attestation was verified under Intel
 * collateral of a TCB evaluation number below governance's minimum: attested in the grace
 * period after governance raised the minimum, or the minimum was raised after it attested.
 * Checked at every attestation and every CollateralPolicySet; resolved when the account
 * attests again at or above the minimum, or governance lowers the minimum to its number.
 * Dev-path attestations carry no TCB level and are never flagged.
 */
import type { EventPosition } from '../mappings/decode';
import { Misbehaviour, MisbehaviourKind, TssAccount } from '../types';
import { tcbBelowMinimumId } from './ids';
import { isBelowTcbMinimum } from './rules';
import {
  allPages,
  auditState,
  chainTcbMinimum,
  resolveMisbehaviour,
  upsertMisbehaviour,
} from './store';

/** The TCB level an Intel-path attestation was verified under. */
export interface TcbLevel {
  /** The collateral bundle's id, `<fmspc hex>-<CA>`. */
  collateral: string;
  /** Its TCB evaluation data number. */
  evaluationNumber: number;
}

/**
 * The minimum in force: the audit state's, or (a database made before it kept one) the
 * chain's policy at the block being indexed, remembered from then on.
 */
export async function tcbMinimum(): Promise<number> {
  const state = await auditState();
  if (state.minTcbEvaluationNumber !== undefined && state.minTcbEvaluationNumber !== null)
    return state.minTcbEvaluationNumber;
  state.minTcbEvaluationNumber = await chainTcbMinimum();
  await state.save();
  return state.minTcbEvaluationNumber;
}

/**
 * Adds `level`'s number to the audit state's list of numbers attested under; called before
 * a TSS account's row records an attestation under it.
 */
export async function noteAttestedUnderTcb(level: TcbLevel | undefined): Promise<void> {
  if (!level) return;
  const state = await auditState();
  const known = state.attestedTcbNumbers ?? [];
  if (known.includes(level.evaluationNumber)) return;
  state.attestedTcbNumbers = [...known, level.evaluationNumber].sort((a, b) => a - b);
  await state.save();
}

/** The open TCB_BELOW_MINIMUM records, of one account when `tssAccount` is given. */
async function openRecords(tssAccount?: string): Promise<Misbehaviour[]> {
  const filter: Parameters<typeof Misbehaviour.getByFields>[0] = [
    ['kind', '=', MisbehaviourKind.TCB_BELOW_MINIMUM],
    ['resolved', '=', false],
  ];
  if (tssAccount !== undefined) filter.push(['subject', '=', tssAccount]);
  return await allPages((o) => Misbehaviour.getByFields(filter, o));
}

/** Records (or extends) the finding for `account`'s latest attestation. */
async function flag(account: TssAccount, minimum: number, at: EventPosition, cause: string[]) {
  const evidence = [account.attestedEvent ?? '', ...cause].filter((e) => e !== '');
  await upsertMisbehaviour({
    id: tcbBelowMinimumId(account.id, account.incarnation),
    kind: MisbehaviourKind.TCB_BELOW_MINIMUM,
    subject: account.id,
    evidenceBlocks: [...new Set([account.attestedAt, at.blockNumber])],
    evidenceEvents: [...new Set(evidence)],
    details: `incarnation ${account.incarnation} was attested under Intel collateral ${account.tcbCollateral} of TCB evaluation number ${account.tcbEvaluationNumber}, below governance's minimum ${minimum}: it should attest again with newer collateral (and update its platform if that collateral's TCB status requires it)`,
    seen: at.blockNumber,
  });
}

/**
 * After `account` (its row already saved) attested at `at`: its records of earlier
 * incarnations are resolved, and one is opened if this attestation is below the minimum.
 */
export async function checkTcbOfAttestation(account: TssAccount, at: EventPosition) {
  const current = tcbBelowMinimumId(account.id, account.incarnation);
  for (const record of await openRecords(account.id)) {
    if (record.id !== current) await resolveMisbehaviour(record, at.blockNumber);
  }
  const minimum = await tcbMinimum();
  if (isBelowTcbMinimum(account.tcbEvaluationNumber, minimum)) await flag(account, minimum, at, []);
}

/**
 * Governance set `minimum` (CollateralPolicySet at `at`): every account whose latest
 * attestation is below it is flagged (one indexed lookup per number ever attested under
 * that is below it), and open records of accounts at or above it are resolved.
 */
export async function applyTcbMinimum(minimum: number, at: EventPosition): Promise<void> {
  const state = await auditState();
  state.minTcbEvaluationNumber = minimum;
  await state.save();
  const flagged = new Set<string>();
  for (const number of state.attestedTcbNumbers ?? []) {
    if (!isBelowTcbMinimum(number, minimum)) continue;
    const accounts = await allPages((o) => TssAccount.getByTcbEvaluationNumber(number, o));
    for (const account of accounts) {
      await flag(account, minimum, at, [at.id]);
      flagged.add(tcbBelowMinimumId(account.id, account.incarnation));
    }
  }
  for (const record of await openRecords()) {
    if (!flagged.has(record.id)) await resolveMisbehaviour(record, at.blockNumber);
  }
}
