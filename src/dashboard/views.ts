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
  /** Holds a share of the confirmed epoch (it counts for recovery) and is a provider of the current one. */
  | 'confirmed'
  /** A provider of the current epoch without a share of the confirmed one (yet). */
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
 * current epoch (`confirmed` when it holds a share of the owner's confirmed epoch, which
 * counts for recovery even while a newer epoch is open; else `pending`) and to each
 * confirmed holder that is no longer a provider (`outgoing`: its share still counts until
 * the next confirmation). Removed owners are left out.
 */
export function assignmentGraph(owners: readonly OwnerRow[]): AssignmentGraph {
  const live = owners.filter((o) => !o.removed);
  const edges: GraphEdge[] = [];
  for (const owner of live) {
    const holders = new Set(owner.confirmedHolders);
    for (const provider of owner.currentProviders)
      edges.push({
        owner: owner.id,
        holder: provider,
        state: holders.has(provider) ? 'confirmed' : 'pending',
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

/** An attestation (the indexer's Attestation row): a registration or a restart. */
export interface AttestationRow {
  id: string;
  tssAccount: string;
  kind: 'REGISTER' | 'RESTART';
  incarnation: number;
  quotedBlock: number | null;
  blockNumber: number;
}

/** An escrow member's release to a cold recovery (EscrowShareReleased). */
export interface EscrowReleaseRow {
  id: string;
  owner: string;
  incarnation: number;
  member: string;
  blockNumber: number;
}

/** An owner's removal (OwnerRemoved). */
export interface RemovalRow {
  id: string;
  owner: string;
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
  step: 'quoted' | 'attested' | 'released' | 'escrow-released' | 'ready';
  block: number;
  /** ChainEvent id of the evidence; null for `quoted` (the block the quote names). */
  event: string | null;
  /** The releasing holder or escrow member (`released`, `escrow-released`). */
  provider?: string;
}

/** An owner's recovery after one restart, from the chain's events. */
export interface RecoveryTimeline {
  owner: string;
  incarnation: number;
  /** ChainEvent id of the restart attestation. */
  at: string;
  steps: TimelineStep[];
  /** The owner confirmed a new epoch after the restart (it rotated its KEK: ready). */
  ready: boolean;
}

/**
 * One timeline per restart attestation, newest first: the block the quote was taken at
 * (the companion was up by then), the attestation, each holder's release receipt and each
 * escrow member's release for that incarnation, and the owner's first confirmation after
 * the attestation (only the restarted companion can sign one: its KEK rotation, which
 * ends a recovery). The account's next attestation of either kind, or the owner's removal,
 * ends the search for that confirmation: a later registration's confirmation never marks
 * an earlier restart ready.
 */
export function recoveryTimelines(
  attestations: readonly AttestationRow[],
  receipts: readonly ReceiptRow[],
  confirmations: readonly ConfirmationRow[],
  escrowReleases: readonly EscrowReleaseRow[] = [],
  removals: readonly RemovalRow[] = [],
): RecoveryTimeline[] {
  const byAccount = <T extends { id: string }>(rows: readonly T[], key: (row: T) => string) => {
    const out = new Map<string, T[]>();
    for (const row of [...rows].sort((a, b) => compareEventIds(a.id, b.id))) {
      const list = out.get(key(row)) ?? [];
      list.push(row);
      out.set(key(row), list);
    }
    return out;
  };
  const attestationsOf = byAccount(attestations, (a) => a.tssAccount);
  const receiptsOf = byAccount(receipts, (r) => r.owner);
  const escrowOf = byAccount(escrowReleases, (r) => r.owner);
  const confirmationsOf = byAccount(confirmations, (c) => c.owner);
  const removalsOf = byAccount(removals, (r) => r.owner);
  const out: RecoveryTimeline[] = [];
  for (const [account, own] of attestationsOf) {
    for (const [i, restart] of own.entries()) {
      if (restart.kind !== 'RESTART') continue;
      const bounds = [
        own[i + 1]?.id,
        removalsOf.get(account)?.find((r) => compareEventIds(r.id, restart.id) > 0)?.id,
      ]
        .filter((id): id is string => id !== undefined)
        .sort(compareEventIds);
      const end = bounds[0];
      const steps: TimelineStep[] = [];
      if (restart.quotedBlock !== null)
        steps.push({ step: 'quoted', block: restart.quotedBlock, event: null });
      steps.push({ step: 'attested', block: restart.blockNumber, event: restart.id });
      for (const r of receiptsOf.get(account) ?? [])
        if (r.incarnation === restart.incarnation)
          steps.push({ step: 'released', block: r.blockNumber, event: r.id, provider: r.provider });
      for (const r of escrowOf.get(account) ?? [])
        if (r.incarnation === restart.incarnation)
          steps.push({
            step: 'escrow-released',
            block: r.blockNumber,
            event: r.id,
            provider: r.member,
          });
      const ready = (confirmationsOf.get(account) ?? []).find(
        (c) =>
          compareEventIds(c.id, restart.id) > 0 &&
          (end === undefined || compareEventIds(c.id, end) < 0),
      );
      if (ready) steps.push({ step: 'ready', block: ready.blockNumber, event: ready.id });
      steps.sort(
        (a, b) =>
          a.block - b.block ||
          (a.event && b.event ? compareEventIds(a.event, b.event) : a.event ? 1 : -1),
      );
      out.push({
        owner: account,
        incarnation: restart.incarnation,
        at: restart.id,
        steps,
        ready: ready !== undefined,
      });
    }
  }
  return out.sort((a, b) => compareEventIds(b.at, a.at));
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
  /** Block the next epoch of the same registration opened, or the owner was removed; null while current. */
  closedAt: number | null;
  confirmedAt: number | null;
  providers: string[];
  holders: string[];
  threshold: number;
}

/**
 * An owner's epochs in chain order (registration, then epoch), each ending where the next
 * epoch of the same registration opened; a registration's last epoch ends at the owner's
 * first removal after it opened (`removedAt`, blocks), and only the live registration's
 * last epoch stays open (`closedAt` null).
 */
export function epochTimeline(
  epochs: readonly EpochRow[],
  removedAt: readonly number[] = [],
): EpochBar[] {
  const sorted = [...epochs].sort((a, b) => a.registration - b.registration || a.epoch - b.epoch);
  const removals = [...removedAt].sort((a, b) => a - b);
  return sorted.map((e, i) => {
    const next = sorted[i + 1];
    const closedAt =
      next && next.registration === e.registration
        ? next.openedAt
        : (removals.find((block) => block >= e.openedAt) ?? null);
    return {
      registration: e.registration,
      epoch: e.epoch,
      cause: e.cause,
      openedAt: e.openedAt,
      openedBy: e.openedBy,
      closedAt,
      confirmedAt: e.confirmed ? e.confirmedAt : null,
      providers: e.providers,
      holders: e.holders ?? [],
      threshold: e.threshold,
    };
  });
}
