/**
 * Store helpers shared by the mappings: the generic event row, paging, the audit state and
 * upserts of misbehaviour records and watches. Every write sets values keyed by
 * deterministic ids, so replaying a block writes the same rows.
 */
import type { SubstrateEvent } from '@subql/types';
import { argsJson, type EventPosition, positionOf } from '../mappings/decode';
import {
  AuditState,
  ChainEvent,
  Measurement,
  Misbehaviour,
  type MisbehaviourKind,
  TssAccount,
  Watch,
} from '../types';
import { resolveAuditWindows } from './rules';

/** A stored row lacks a field its kind always sets (a bug in the mappings, never input). */
export class IncompleteRowError extends Error {
  override readonly name = 'IncompleteRowError';
}

/**
 * `row[field]`, which the row's kind always sets (for example a RELEASE watch's provider).
 * @throws IncompleteRowError when it is missing.
 */
export function requiredField<R extends { id: string }, K extends keyof R>(
  row: R,
  field: K,
): NonNullable<R[K]> {
  const value = row[field];
  if (value === undefined || value === null)
    throw new IncompleteRowError(`row ${row.id} has no ${String(field)}`);
  return value as NonNullable<R[K]>;
}

/** Rows fetched per page; the node's default `--query-limit` is 100. */
export const PAGE = 100;

/**
 * Writes the generic ChainEvent row of `event` (id `<block>-<eventIdx>`) and returns its
 * position. Every handler calls this once, so ChainEvent counts equal on-chain counts.
 */
export async function recordChainEvent(event: SubstrateEvent): Promise<EventPosition> {
  const at = positionOf(event);
  await ChainEvent.create({
    id: at.id,
    blockNumber: at.blockNumber,
    eventIdx: at.eventIdx,
    extrinsicIdx: at.extrinsicIdx,
    pallet: event.event.section,
    method: event.event.method,
    args: argsJson(event),
  }).save();
  return at;
}

/** All rows a paged getter returns, page by page (read everything before mutating). */
export async function allPages<T>(
  page: (options: { limit: number; offset: number }) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const rows = await page({ limit: PAGE, offset });
    out.push(...rows);
    if (rows.length < PAGE) return out;
  }
}

/** Windows the runner injects into the sandbox (see tools/indexer/project.ts at the root). */
interface Injected {
  __custosAuditWindows?: Record<string, unknown>;
}

/**
 * The indexer-wide state, created at first use: the audit windows (from the runner's
 * injection, validated; persisted so a restart with other values cannot change how this
 * database was derived), the backups params in force (read from chain state once, then
 * kept current by ParamsChanged), the measurements and TCB evaluation numbers TSS accounts
 * were attested under, and governance's minimum TCB evaluation number (read from chain
 * state once, then kept current by CollateralPolicySet).
 */
export async function auditState(): Promise<AuditState> {
  const existing = await AuditState.get('state');
  if (existing) return existing;
  const windows = resolveAuditWindows((globalThis as Injected).__custosAuditWindows ?? {});
  const query = api.query.backups?.params;
  if (!query) throw new Error('the runtime has no backups.params storage: not a custos chain');
  const params = (await query()).toJSON() as {
    n: number;
    t: number;
    maxLoad: number;
  };
  // Accounts attested before this row existed (none when it is made at the first
  // attestation, as the attestation handlers make it).
  const attested = await allPages((o) => TssAccount.getByFields([], o));
  const attestedMeasurements = [...new Set(attested.map((a) => a.measurement))];
  const revokedAttested: string[] = [];
  for (const measurement of attestedMeasurements) {
    if ((await Measurement.get(measurement))?.accepted === false) revokedAttested.push(measurement);
  }
  const attestedTcbNumbers = [
    ...new Set(
      attested.flatMap((a) =>
        a.tcbEvaluationNumber === undefined || a.tcbEvaluationNumber === null
          ? []
          : [a.tcbEvaluationNumber],
      ),
    ),
  ].sort((a, b) => a - b);
  const minTcbEvaluationNumber = await chainTcbMinimum();
  const state = AuditState.create({
    id: 'state',
    ...windows,
    nextDeadline: undefined,
    n: params.n,
    t: params.t,
    maxLoad: params.maxLoad,
    attestedMeasurements,
    revokedAttested,
    minTcbEvaluationNumber,
    attestedTcbNumbers,
  });
  await state.save();
  return state;
}

/** Governance's minimum TCB evaluation number in the chain state of the block being indexed. */
export async function chainTcbMinimum(): Promise<number> {
  const query = api.query.attestation?.collateralRules;
  if (!query) throw new Error('the runtime has no attestation.collateralRules storage');
  const minimum = ((await query()).toJSON() as { minTcbEvaluationNumber?: unknown })
    .minTcbEvaluationNumber;
  if (typeof minimum !== 'number' || !Number.isInteger(minimum) || minimum < 0)
    throw new Error(`attestation.collateralRules has no minTcbEvaluationNumber (got ${minimum})`);
  return minimum;
}

/** Opens (or re-opens with the same values) a watch and lowers the next deadline. */
export async function openWatch(watch: Watch): Promise<void> {
  const state = await auditState();
  await watch.save();
  if (
    state.nextDeadline === undefined ||
    state.nextDeadline === null ||
    watch.deadline < state.nextDeadline
  ) {
    state.nextDeadline = watch.deadline;
    await state.save();
  }
}

/** Closes a watch in block `at` if it is open. Returns whether it was open. */
export async function closeWatch(id: string, at: number): Promise<boolean> {
  const watch = await Watch.get(id);
  if (!watch?.open) return false;
  watch.open = false;
  watch.closedAt = at;
  await watch.save();
  return true;
}

/** What {@link upsertMisbehaviour} records. */
export interface MisbehaviourInput {
  id: string;
  kind: MisbehaviourKind;
  subject: string;
  owner?: string;
  evidenceBlocks: number[];
  evidenceEvents: string[];
  details: string;
  /** The block in which the condition was seen. */
  seen: number;
}

/**
 * Creates the record, or, if it exists, extends `lastSeen` (the first sighting stays as
 * first recorded). A record that was resolved and is seen again opens again, its evidence
 * extended with the new. Deterministic ids and the `lastSeen` check make replays no-ops.
 */
export async function upsertMisbehaviour(input: MisbehaviourInput): Promise<Misbehaviour> {
  const existing = await Misbehaviour.get(input.id);
  if (existing) {
    if (input.seen <= existing.lastSeen) return existing;
    existing.lastSeen = input.seen;
    if (existing.resolved && input.seen >= (existing.resolvedAt ?? 0)) {
      // The condition came back after it was resolved: the same record opens again, with
      // the new evidence added to the old.
      existing.resolved = false;
      existing.resolvedAt = undefined;
      existing.details = input.details;
      existing.evidenceBlocks = [
        ...new Set([...existing.evidenceBlocks, ...input.evidenceBlocks]),
      ].sort((a, b) => a - b);
      existing.evidenceEvents = [...new Set([...existing.evidenceEvents, ...input.evidenceEvents])];
    }
    await existing.save();
    return existing;
  }
  const record = Misbehaviour.create({
    id: input.id,
    kind: input.kind,
    subject: input.subject,
    owner: input.owner,
    evidenceBlocks: [...input.evidenceBlocks].sort((a, b) => a - b),
    evidenceEvents: input.evidenceEvents,
    details: input.details,
    firstSeen: input.seen,
    lastSeen: input.seen,
    resolved: false,
  });
  await record.save();
  return record;
}

/** Marks a record resolved in block `at` (no-op if missing or already resolved). */
export async function resolveMisbehaviour(record: Misbehaviour, at: number): Promise<void> {
  if (record.resolved) return;
  record.resolved = true;
  record.resolvedAt = at;
  if (at - 1 > record.lastSeen) record.lastSeen = at - 1;
  await record.save();
}
