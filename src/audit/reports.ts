import { graphql } from './graphql.js';
import { renderTable, shortAccount } from './table.js';

/** A misbehaviour record as the indexer serves it. */
export interface MisbehaviourRow {
  id: string;
  kind: string;
  subject: string;
  owner: string | null;
  evidenceBlocks: number[];
  evidenceEvents: string[];
  details: string;
  firstSeen: number;
  lastSeen: number;
  resolved: boolean;
}

/** Filters of {@link fetchMisbehaviour}. */
export interface AuditFilter {
  /** Only this kind (e.g. DID_NOT_SERVE). */
  kind?: string;
  /** Only records whose subject is this account. */
  subject?: string;
  /** Only records still open. */
  unresolved?: boolean;
}

const KINDS = [
  'DID_NOT_SERVE',
  'AT_RISK',
  'DUPLICATE_INSTANCE',
  'REVOKED_MEASUREMENT',
  'RULE_VIOLATION',
  'BAD_SHARE',
  'COLLATERAL_EXPIRING',
  'ESCROW_DID_NOT_SERVE',
  'COLD_RELEASE_WITHOUT_APPROVAL',
  'TCB_BELOW_MINIMUM',
];

/** Throws a `RangeError` naming the accepted kinds when `kind` is not one of them. */
export function checkKind(kind: string | undefined): void {
  if (kind !== undefined && !KINDS.includes(kind))
    throw new RangeError(`--kind must be one of ${KINDS.join(', ')}; got "${kind}"`);
}

/** Misbehaviour records matching `filter`, oldest first. */
export async function fetchMisbehaviour(
  url: string,
  filter: AuditFilter = {},
): Promise<MisbehaviourRow[]> {
  checkKind(filter.kind);
  const conditions: Record<string, unknown> = {};
  if (filter.kind) conditions.kind = { equalTo: filter.kind };
  if (filter.subject) conditions.subject = { equalTo: filter.subject };
  if (filter.unresolved) conditions.resolved = { equalTo: false };
  const data = await graphql<{ misbehaviours: { nodes: MisbehaviourRow[] } }>(
    url,
    `query ($filter: MisbehaviourFilter) {
      misbehaviours(filter: $filter, orderBy: [FIRST_SEEN_ASC, ID_ASC]) {
        nodes { id kind subject owner evidenceBlocks evidenceEvents details firstSeen lastSeen resolved }
      }
    }`,
    // The service refuses an empty or null filter: no conditions means no variable.
    Object.keys(conditions).length > 0 ? { filter: conditions } : {},
  );
  return data.misbehaviours.nodes;
}

/** The audit table: one line per record. */
export function renderMisbehaviour(rows: MisbehaviourRow[]): string {
  if (rows.length === 0) return 'no misbehaviour recorded';
  return renderTable(
    ['kind', 'subject', 'owner', 'first seen', 'last seen', 'state', 'evidence blocks'],
    rows.map((r) => [
      r.kind,
      shortAccount(r.subject),
      r.owner ? shortAccount(r.owner) : '-',
      String(r.firstSeen),
      String(r.lastSeen),
      r.resolved ? 'resolved' : 'open',
      r.evidenceBlocks.join(','),
    ]),
  );
}

/** One epoch of an owner's assignment history. */
export interface EpochRow {
  epoch: number;
  cause: string;
  providers: string[];
  threshold: number;
  openedAt: number;
  confirmed: boolean;
  confirmedAt: number | null;
  holders: string[] | null;
  storeVersion: string | null;
}

/** An owner with its assignment history. */
export interface OwnerRow {
  id: string;
  currentEpoch: number;
  confirmedEpoch: number;
  confirmedHolders: string[];
  confirmedThreshold: number;
  confirmedStoreVersion: string;
  underProvisioned: boolean;
  removed: boolean;
  epochs: { nodes: EpochRow[] };
}

/** Owners (or one owner) with their full assignment history, epochs ascending. */
export async function fetchAssignments(url: string, owner?: string): Promise<OwnerRow[]> {
  const data = await graphql<{ owners: { nodes: OwnerRow[] } }>(
    url,
    `query ($filter: OwnerFilter) {
      owners(filter: $filter, orderBy: ID_ASC) {
        nodes {
          id currentEpoch confirmedEpoch confirmedHolders confirmedThreshold confirmedStoreVersion
          underProvisioned removed
          epochs(orderBy: EPOCH_ASC) {
            nodes { epoch cause providers threshold openedAt confirmed confirmedAt holders storeVersion }
          }
        }
      }
    }`,
    owner ? { filter: { id: { equalTo: owner } } } : {},
  );
  return data.owners.nodes;
}

/** The assignments report: per owner, a summary line and its epochs. */
export function renderAssignments(owners: OwnerRow[]): string {
  if (owners.length === 0) return 'no owners indexed';
  return owners
    .map((o) => {
      const state = o.removed
        ? 'removed'
        : o.currentEpoch === o.confirmedEpoch
          ? 'confirmed'
          : 'pending';
      const head = `${o.id}  epoch ${o.currentEpoch} (${state}), confirmed ${o.confirmedEpoch} with ${o.confirmedHolders.length} holders, t=${o.confirmedThreshold}, store version ${o.confirmedStoreVersion}${o.underProvisioned ? ', UNDER-PROVISIONED' : ''}`;
      const table = renderTable(
        ['epoch', 'cause', 'opened', 'providers', 'confirmed', 'holders', 'version'],
        o.epochs.nodes.map((e) => [
          String(e.epoch),
          e.cause,
          String(e.openedAt),
          e.providers.map(shortAccount).join(' '),
          e.confirmed ? String(e.confirmedAt ?? '') : '-',
          (e.holders ?? []).map(shortAccount).join(' ') || '-',
          e.storeVersion ?? '-',
        ]),
      );
      return `${head}\n${table}`;
    })
    .join('\n\n');
}
