/**
 * REVOKED_MEASUREMENT: an active validator whose attested measurement governance has since
 * removed. Checked when a measurement is removed and at every session (new members, and
 * `lastSeen` of the ones still active); resolved when the validator leaves the active set,
 * re-attests with another measurement, or the measurement is accepted again.
 */
import type { EventPosition } from '../mappings/decode';
import { Measurement, Misbehaviour, MisbehaviourKind, TssAccount, Validator } from '../types';
import { revokedMeasurementId } from './ids';
import { revokedActive } from './rules';
import { allPages, auditState, resolveMisbehaviour, upsertMisbehaviour } from './store';

/** The open REVOKED_MEASUREMENT records. */
export async function openRevokedRecords(): Promise<Misbehaviour[]> {
  return await allPages((o) =>
    Misbehaviour.getByFields(
      [
        ['kind', '=', MisbehaviourKind.REVOKED_MEASUREMENT],
        ['resolved', '=', false],
      ],
      o,
    ),
  );
}

/**
 * Checks every operator of `activeSet` (their TSS accounts' measurements) against removed
 * measurements; records or extends findings, and resolves open records whose validator is
 * no longer active on that measurement.
 */
export async function checkRevokedMeasurements(activeSet: string[], at: EventPosition) {
  const facts: { tssAccount: string; measurement: string | undefined; operator: string }[] = [];
  for (const operator of activeSet) {
    const validator = await Validator.get(operator);
    if (!validator) continue;
    const tss = await TssAccount.get(validator.tssAccount);
    facts.push({ tssAccount: validator.tssAccount, measurement: tss?.measurement, operator });
  }
  // Only the active set's measurements matter: look those up rather than every removed
  // measurement ever (that list only grows, and this runs on every removal and session).
  // The audit state names the revoked ones among those ever attested under; a database
  // without that list reads each measurement's row.
  const known = await revokedAttestedMeasurements();
  const revoked = new Set<string>();
  for (const measurement of new Set(facts.map((f) => f.measurement))) {
    if (measurement === undefined) continue;
    const isRevoked = known
      ? known.has(measurement)
      : (await Measurement.get(measurement))?.accepted === false;
    if (isRevoked) revoked.add(measurement);
  }
  const flagged = new Set<string>();
  for (const tssAccount of revokedActive(facts, revoked)) {
    const fact = facts.find((v) => v.tssAccount === tssAccount)!;
    const measurement = fact.measurement!;
    const id = revokedMeasurementId(tssAccount, measurement);
    flagged.add(id);
    const tss = await TssAccount.get(tssAccount);
    const removal = await Measurement.get(measurement);
    await upsertMisbehaviour({
      id,
      kind: MisbehaviourKind.REVOKED_MEASUREMENT,
      subject: tssAccount,
      evidenceBlocks: [tss?.attestedAt ?? at.blockNumber, removal?.changedAt ?? at.blockNumber],
      evidenceEvents: [removal?.changeEvent ?? at.id],
      details: `active validator (operator ${fact.operator}) attested with measurement ${measurement}, which governance removed`,
      seen: at.blockNumber,
    });
  }
  // Nothing flagged and no measurement ever attested under is revoked: no record can be
  // open (one is opened only on a revoked measurement its account attested under, and all
  // records on a measurement are resolved when governance accepts it again), so the store
  // is not asked for any.
  if (flagged.size === 0 && known?.size === 0) return;
  for (const record of await openRevokedRecords()) {
    if (!flagged.has(record.id)) await resolveMisbehaviour(record, at.blockNumber);
  }
}

/**
 * The measurements TSS accounts were attested under that governance has since removed
 * (and not accepted again), from the audit state; undefined in a database made before
 * the audit state kept them.
 */
async function revokedAttestedMeasurements(): Promise<Set<string> | undefined> {
  const lists = await measurementLists();
  return lists && new Set(lists.revoked);
}

/**
 * The audit state with its two measurement lists, or undefined in a database made before
 * the audit state kept them.
 */
async function measurementLists() {
  const state = await auditState();
  const attested = state.attestedMeasurements;
  const revoked = state.revokedAttested;
  return attested && revoked ? { state, attested, revoked } : undefined;
}

/** Resolves open records of `tssAccount` (it re-attested with `measurement`). */
export async function resolveRevokedFor(tssAccount: string, measurement: string, at: number) {
  for (const record of await openRevokedRecords()) {
    if (
      record.subject === tssAccount &&
      record.id !== revokedMeasurementId(tssAccount, measurement)
    )
      await resolveMisbehaviour(record, at);
  }
}

/** Resolves open records on `measurement` (governance accepted it again). */
export async function resolveRevokedMeasurement(measurement: string, at: number) {
  for (const record of await openRevokedRecords()) {
    if (record.id.endsWith(`-${measurement}`)) await resolveMisbehaviour(record, at);
  }
}

/**
 * Records a governance change of `measurement` (`accepted`: added, or removed) in the
 * audit state, and answers whether any TSS account's latest attestation may be under it.
 * When none is, the change can neither open nor resolve a REVOKED_MEASUREMENT record:
 * records name the measurement their account attested under, and an account that
 * re-attests under another has its records resolved then. Answered from the audit state's
 * lists (a cached row, no query); a database made before those lists asks the store (one
 * indexed lookup).
 */
export async function noteMeasurementChange(
  measurement: string,
  accepted: boolean,
): Promise<boolean> {
  const lists = await measurementLists();
  if (!lists) return (await TssAccount.getByMeasurement(measurement, { limit: 1 })).length > 0;
  const { state, attested, revoked } = lists;
  if (!attested.includes(measurement)) return false;
  const next = accepted
    ? revoked.filter((m) => m !== measurement)
    : [...new Set([...revoked, measurement])];
  if (next.length !== revoked.length) {
    state.revokedAttested = next;
    await state.save();
  }
  return true;
}

/**
 * Adds `measurement` to the audit state's list of measurements attested under; called
 * before a TSS account's row records an attestation under it.
 */
export async function noteAttestedUnder(measurement: string): Promise<void> {
  const state = await auditState();
  const known = state.attestedMeasurements;
  if (!known || known.includes(measurement)) return;
  state.attestedMeasurements = [...known, measurement];
  await state.save();
}

/** The operators of the current active set (validators flagged active). */
export async function activeOperators(): Promise<string[]> {
  return (await allPages((o) => Validator.getByActive(true, o))).map((v) => v.id).sort();
}
