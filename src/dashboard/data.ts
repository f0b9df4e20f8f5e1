/**
 * The dashboard's reads: GraphQL queries against the indexer's query service, and nothing
 * else (no chain, no database). Collections are read page by page until the service says
 * there is no next page (it answers at most its `--query-limit` rows per query, 100 by
 * default), whatever the network's size. The pages of one overview are separate queries:
 * rows the indexer adds while they run may show up on the next poll only.
 */
import { graphql } from '../audit/graphql.js';
import {
  type AssignmentGraph,
  type AttestationRow,
  assignmentGraph,
  type ConfirmationRow,
  type EpochBar,
  type EpochRow,
  type EscrowReleaseRow,
  epochTimeline,
  type OwnerRow,
  type ReceiptRow,
  type RecoveryTimeline,
  type RemovalRow,
  recoveryTimelines,
  type ValidatorView,
} from './views.js';

/** Rows asked for per query (the service may answer fewer: it then says there is more). */
const PAGE = 100;

/** A GraphQL reader (the real one posts to the query service; tests may pass another). */
export type GraphqlReader = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/** The reader that posts to `url` (see {@link graphql} for its errors). */
export const graphqlReader =
  (url: string): GraphqlReader =>
  <T>(query: string, variables: Record<string, unknown> = {}) =>
    graphql<T>(url, query, variables);

/** Every row of `collection` selected by `fields`, in `orderBy` order. */
async function allRows<T>(
  read: GraphqlReader,
  collection: string,
  fields: string,
  orderBy: string,
  filter?: { type: string; value: Record<string, unknown> },
): Promise<T[]> {
  const rows: T[] = [];
  const filterArg = filter ? `, filter: $filter` : '';
  const filterVar = filter ? `, $filter: ${filter.type}` : '';
  for (let offset = 0; ; ) {
    const data = await read<Record<string, { nodes: T[]; pageInfo: { hasNextPage: boolean } }>>(
      `query ($first: Int!, $offset: Int!${filterVar}) {
        ${collection}(first: $first, offset: $offset, orderBy: ${orderBy}${filterArg}) {
          nodes { ${fields} } pageInfo { hasNextPage } }
      }`,
      { first: PAGE, offset, ...(filter ? { filter: filter.value } : {}) },
    );
    const page = data[collection];
    const nodes = page?.nodes ?? [];
    rows.push(...nodes);
    if (!page?.pageInfo.hasNextPage || nodes.length === 0) return rows;
    offset += nodes.length;
  }
}

/** A misbehaviour record with its evidence. */
export interface FindingView {
  id: string;
  kind: string;
  subject: string;
  owner: string | null;
  details: string;
  evidenceBlocks: number[];
  evidenceEvents: string[];
  firstSeen: number;
  lastSeen: number;
  resolved: boolean;
  resolvedAt: number | null;
}

/** Everything the dashboard's main page shows. */
export interface Overview {
  /** The last block the indexer processed (null before its first). */
  indexedHeight: number | null;
  /** The chain's best block as the indexer last saw it. */
  targetHeight: number | null;
  validators: ValidatorView[];
  graph: AssignmentGraph;
  recoveries: RecoveryTimeline[];
  /** Open findings first, then resolved ones; each group newest first. */
  findings: FindingView[];
}

/** Reads the whole overview from the query service. */
export async function readOverview(read: GraphqlReader): Promise<Overview> {
  const meta = await read<{
    _metadata: { lastProcessedHeight: number | null; targetHeight: number | null } | null;
  }>('{ _metadata { lastProcessedHeight targetHeight } }');
  const [
    validators,
    accounts,
    owners,
    attestations,
    receipts,
    confirmations,
    findings,
    escrowReleases,
    removals,
  ] = await Promise.all([
    allRows<Omit<ValidatorView, 'operator' | 'incarnation' | 'lastRestartBlock'> & { id: string }>(
      read,
      'validators',
      'id tssAccount status active endpoint registeredAt',
      'ID_ASC',
    ),
    allRows<{ id: string; incarnation: number; lastRestartBlock: number | null }>(
      read,
      'tssAccounts',
      'id incarnation lastRestartBlock',
      'ID_ASC',
    ),
    allRows<OwnerRow>(
      read,
      'owners',
      'id registration currentEpoch confirmedEpoch currentProviders confirmedHolders threshold removed',
      'ID_ASC',
    ),
    allRows<AttestationRow>(
      read,
      'attestations',
      'id tssAccount kind incarnation quotedBlock blockNumber',
      '[BLOCK_NUMBER_ASC, ID_ASC]',
    ),
    allRows<ReceiptRow>(
      read,
      'releaseReceipts',
      'id owner provider incarnation blockNumber',
      '[BLOCK_NUMBER_ASC, ID_ASC]',
    ),
    allRows<ConfirmationRow>(
      read,
      'confirmations',
      'id owner epoch blockNumber',
      '[BLOCK_NUMBER_ASC, ID_ASC]',
    ),
    allRows<FindingView>(
      read,
      'misbehaviours',
      'id kind subject owner details evidenceBlocks evidenceEvents firstSeen lastSeen resolved resolvedAt',
      '[FIRST_SEEN_DESC, ID_ASC]',
    ),
    allRows<EscrowReleaseRow>(
      read,
      'escrowReleases',
      'id owner incarnation member blockNumber',
      '[BLOCK_NUMBER_ASC, ID_ASC]',
    ),
    allRows<RemovalRow>(
      read,
      'ownerRemovals',
      'id owner blockNumber',
      '[BLOCK_NUMBER_ASC, ID_ASC]',
    ),
  ]);
  const account = new Map(accounts.map((a) => [a.id, a]));
  return {
    indexedHeight: meta._metadata?.lastProcessedHeight ?? null,
    targetHeight: meta._metadata?.targetHeight ?? null,
    validators: validators.map((v) => ({
      operator: v.id,
      tssAccount: v.tssAccount,
      status: v.status,
      active: v.active,
      endpoint: v.endpoint,
      registeredAt: v.registeredAt,
      incarnation: account.get(v.tssAccount)?.incarnation ?? 0,
      lastRestartBlock: account.get(v.tssAccount)?.lastRestartBlock ?? null,
    })),
    graph: assignmentGraph(owners),
    recoveries: recoveryTimelines(attestations, receipts, confirmations, escrowReleases, removals),
    findings: [...findings.filter((f) => !f.resolved), ...findings.filter((f) => f.resolved)],
  };
}

/**
 * {@link readOverview} shared between callers: concurrent requests share one read, and an
 * overview is reused while the indexer's processed height is unchanged (one small
 * `_metadata` query instead of every collection). Never older than the height it names.
 */
export function overviewCache(read: GraphqlReader): () => Promise<Overview> {
  let cached: Overview | undefined;
  let inFlight: Promise<Overview> | undefined;
  return () => {
    inFlight ??= (async () => {
      try {
        if (cached) {
          const meta = await read<{ _metadata: { lastProcessedHeight: number | null } | null }>(
            '{ _metadata { lastProcessedHeight } }',
          );
          const height = meta._metadata?.lastProcessedHeight ?? null;
          if (height !== null && height === cached.indexedHeight) return cached;
        }
        cached = await readOverview(read);
        return cached;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };
}

/** One owner's epochs; null when the indexer knows no such owner. */
export async function readOwnerEpochs(
  read: GraphqlReader,
  owner: string,
): Promise<{ owner: string; registration: number; epochs: EpochBar[] } | null> {
  const data = await read<{ owner: { id: string; registration: number } | null }>(
    'query ($id: String!) { owner(id: $id) { id registration } }',
    { id: owner },
  );
  if (!data.owner) return null;
  const epochs = await allRows<EpochRow>(
    read,
    'epochAssignments',
    'registration epoch cause providers threshold openedAt openedBy confirmed confirmedAt holders',
    '[REGISTRATION_ASC, EPOCH_ASC]',
    { type: 'EpochAssignmentFilter', value: { ownerId: { equalTo: owner } } },
  );
  const removals = await allRows<RemovalRow>(
    read,
    'ownerRemovals',
    'id owner blockNumber',
    '[BLOCK_NUMBER_ASC, ID_ASC]',
    { type: 'OwnerRemovalFilter', value: { owner: { equalTo: owner } } },
  );
  return {
    owner,
    registration: data.owner.registration,
    epochs: epochTimeline(
      epochs,
      removals.map((r) => r.blockNumber),
    ),
  };
}

/** A chain event as the indexer recorded it. */
export interface EventView {
  id: string;
  blockNumber: number;
  pallet: string;
  method: string;
  /** The event's fields by name, as JSON. */
  args: unknown;
}

/** The ChainEvent `id`; null when the indexer has none. */
export async function readEvent(read: GraphqlReader, id: string): Promise<EventView | null> {
  const data = await read<{
    chainEvent: {
      id: string;
      blockNumber: number;
      pallet: string;
      method: string;
      args: string;
    } | null;
  }>('query ($id: String!) { chainEvent(id: $id) { id blockNumber pallet method args } }', { id });
  if (!data.chainEvent) return null;
  const { args, ...rest } = data.chainEvent;
  let parsed: unknown = args;
  try {
    parsed = JSON.parse(args);
  } catch {
    // Kept as the string the indexer stored.
  }
  return { ...rest, args: parsed };
}
