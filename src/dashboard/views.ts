/**
 * What the dashboard shows, built from indexer rows by pure functions (no I/O): the
 * assignment graph, recovery timelines and an owner's epoch timeline. Every field comes
 * from the chain's events as the indexer recorded them; nothing is inferred from wall-clock
 * time, so the same indexed chain always gives the same views.
 */

/** A validator as the dashboard lists it. */
export interface ValidatorView {
  operator: string;
  tssAccount: string;
  status: string;
  active: boolean;
  endpoint: string;
  registeredAt: number;
  /** Latest attested incarnation of its TSS account (0: never restarted). */
  incarnation: number;
  /** Block of its latest restart attestation; null if it never restarted. */
  lastRestartBlock: number | null;
}

/** An owner's backup state (the indexer's Owner row). */
export interface OwnerRow {
  id: string;
  registration: number;
  currentEpoch: number;
  confirmedEpoch: number;
  currentProviders: string[];
  confirmedHolders: string[];
  threshold: number;
  removed: boolean;
}

/** How a holder stands with an owner. */
export type EdgeState =
  /** Holds a share of the confirmed epoch and is a provider of the current one. */
  | 'confirmed'
  /** A provider of the current epoch, which is not confirmed yet. */
  | 'pending'
  /** Holds a share of the confirmed epoch but is no provider of the current one. */
  | 'outgoing';

/** One owner → holder edge. */
export interface GraphEdge {
  owner: string;
  holder: string;
  state: EdgeState;
}

/** The assignment graph: every owner not removed, its holders and how each stands. */
export interface AssignmentGraph {
  owners: {
    id: string;
    currentEpoch: number;
    confirmedEpoch: number;
    threshold: number;
    /** The current epoch is confirmed (the owner is safely backed up). */
    settled: boolean;
  }[];
  edges: GraphEdge[];
}

/**
 * The assignment graph of `owners`: for each owner, an edge to each provider of its
 * current epoch (`confirmed` when that epoch is confirmed and the provider holds a share of
 * it, else `pending`) and to each confirmed holder that is no longer a provider
 * (`outgoing`: its share still counts until the next confirmation). Removed owners are
 * left out.
 */
export function assignmentGraph(owners: readonly OwnerRow[]): AssignmentGraph {
  const live = owners.filter((o) => !o.removed);
  const edges: GraphEdge[] = [];
  for (const owner of live) {
    const settled = owner.confirmedEpoch >= owner.currentEpoch;
    const holders = new Set(owner.confirmedHolders);
    for (const provider of owner.currentProviders)
      edges.push({
        owner: owner.id,
        holder: provider,
        state: settled && holders.has(provider) ? 'confirmed' : 'pending',
      });
    const providers = new Set(owner.currentProviders);
    for (const holder of owner.confirmedHolders)
      if (!providers.has(holder)) edges.push({ owner: owner.id, holder, state: 'outgoing' });
  }
  return {
    owners: live.map((o) => ({
      id: o.id,
      currentEpoch: o.currentEpoch,
      confirmedEpoch: o.confirmedEpoch,
      threshold: o.threshold,
      settled: o.confirmedEpoch >= o.currentEpoch,
    })),
    edges,
  };
}

/** A restart attestation (the indexer's Attestation row of kind RESTART). */
export interface RestartRow {
  id: string;
  tssAccount: string;
  incarnation: number;
  quotedBlock: number | null;
  blockNumber: number;
}

/** A release receipt (ReleaseRecorded). */
export interface ReceiptRow {
  id: string;
  owner: string;
  provider: string;
  incarnation: number;
  blockNumber: number;
}

/** An EpochConfirmed. */
export interface ConfirmationRow {
  id: string;
  owner: string;
  epoch: number;
  blockNumber: number;
}

/** One step of a recovery, at a block, with the event that shows it. */
export interface TimelineStep {
  step: 'quoted' | 'attested' | 'released' | 'ready';
  block: number;
  /** ChainEvent id of the evidence; null for `quoted` (the block the quote names). */
  event: string | null;
  /** The releasing holder (`released` only). */
  provider?: string;
}

/** An owner's recovery after one restart, from the chain's events. */
export interface RecoveryTimeline {
  owner: string;
  incarnation: number;
  steps: TimelineStep[];
  /** The owner confirmed a new epoch after the restart (it rotated its KEK: ready). */
  ready: boolean;
}

/**
 * One timeline per restart attestation, newest first: the block the quote was taken at
 * (the companion was up by then), the attestation, each holder's release receipt for that
 * incarnation, and the owner's first confirmation after the attestation (the rotation that
 * ends a recovery). A later restart of the same owner bounds the search for `ready`.
 */
export function recoveryTimelines(
  restarts: readonly RestartRow[],
  receipts: readonly ReceiptRow[],
  confirmations: readonly ConfirmationRow[],
): RecoveryTimeline[] {
  const byBlock = <T extends { blockNumber: number; id: string }>(a: T, b: T) =>
    a.blockNumber - b.blockNumber || compareEventIds(a.id, b.id);
  const sortedRestarts = [...restarts].sort(byBlock);
  const out: RecoveryTimeline[] = [];
  for (const [i, restart] of sortedRestarts.entries()) {
    const next = sortedRestarts.slice(i + 1).find((r) => r.tssAccount === restart.tssAccount);
    const steps: TimelineStep[] = [];
    if (restart.quotedBlock !== null)
      steps.push({ step: 'quoted', block: restart.quotedBlock, event: null });
    steps.push({ step: 'attested', block: restart.blockNumber, event: restart.id });
    for (const r of [...receipts].sort(byBlock))
      if (r.owner === restart.tssAccount && r.incarnation === restart.incarnation)
        steps.push({ step: 'released', block: r.blockNumber, event: r.id, provider: r.provider });
    const ready = [...confirmations]
      .sort(byBlock)
      .find(
        (c) =>
          c.owner === restart.tssAccount &&
          compareEventIds(c.id, restart.id) > 0 &&
          (next === undefined || compareEventIds(c.id, next.id) < 0),
      );
    if (ready) steps.push({ step: 'ready', block: ready.blockNumber, event: ready.id });
    out.push({
      owner: restart.tssAccount,
      incarnation: restart.incarnation,
      steps,
      ready: ready !== undefined,
    });
  }
  return out.reverse();
}

/** Orders ChainEvent ids (`<block>-<eventIdx>`) by position in the chain. */
export function compareEventIds(a: string, b: string): number {
  const [ab, ai] = a.split('-').map(Number) as [number, number];
  const [bb, bi] = b.split('-').map(Number) as [number, number];
  return ab - bb || ai - bi;
}

/** An epoch row (EpochAssignment). */
export interface EpochRow {
  registration: number;
  epoch: number;
  cause: string;
  providers: string[];
  threshold: number;
  openedAt: number;
  openedBy: string;
  confirmed: boolean;
  confirmedAt: number | null;
  holders: string[] | null;
}

/** One bar of an owner's epoch timeline. */
export interface EpochBar {
  registration: number;
  epoch: number;
  cause: string;
  openedAt: number;
  openedBy: string;
  /** Block the next epoch of the same registration opened; null for the latest. */
  closedAt: number | null;
  confirmedAt: number | null;
  providers: string[];
  holders: string[];
  threshold: number;
}

/**
 * An owner's epochs in chain order (registration, then epoch), each ending where the next
 * epoch of the same registration opened.
 */
export function epochTimeline(epochs: readonly EpochRow[]): EpochBar[] {
  const sorted = [...epochs].sort((a, b) => a.registration - b.registration || a.epoch - b.epoch);
  return sorted.map((e, i) => {
    const next = sorted[i + 1];
    return {
      registration: e.registration,
      epoch: e.epoch,
      cause: e.cause,
      openedAt: e.openedAt,
      openedBy: e.openedBy,
      closedAt: next && next.registration === e.registration ? next.openedAt : null,
      confirmedAt: e.confirmed ? e.confirmedAt : null,
      providers: e.providers,
      holders: e.holders ?? [],
      threshold: e.threshold,
    };
  });
}
