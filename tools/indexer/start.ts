/**
 * `startIndexer`: PostgreSQL (embedded unless a URL is given), the SubQuery node indexing
 * the chain at `endpoint`, and the query service serving GraphQL on 127.0.0.1.
 *
 * @example
 * const indexer = await startIndexer({ endpoint: chain.endpoint, workDir: '/tmp/idx' });
 * await indexer.waitForHeight(10);
 * const { validators } = await indexer.query<{ validators: unknown }>('{ validators { totalCount } }');
 * await indexer.stop();
 */
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { WsProvider } from '@polkadot/api';
import { freePort } from '../devnet/ports.js';
import { type IndexerOptions, parseIndexerOptions, type ResolvedIndexerOptions } from './config.js';
import { IndexerStartError } from './errors.js';
import { type RunningDatabase, startEmbeddedPostgres, useExternalPostgres } from './postgres.js';
import { type Service, startService } from './processes.js';
import { ensureIndexerBuilt, NODE_BIN, QUERY_BIN, writeRunProject } from './project.js';

/** The PostgreSQL schema the project's tables live in. */
export const DB_SCHEMA = 'custos';

/** A running indexer. */
export interface RunningIndexer {
  /** http://127.0.0.1:<port>/ — POST GraphQL here. */
  graphqlUrl: string;
  /** The database the node writes (embedded or external). */
  db: RunningDatabase['connection'];
  /** Runs a GraphQL query; throws on transport or GraphQL errors. */
  query<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Resolves once every block up to `height` is indexed (polls; `timeoutMs` guards hangs). */
  waitForHeight(height: number, timeoutMs?: number): Promise<void>;
  /** Stops the SubQuery node (`signal`, default SIGTERM) and starts it again on the same database. */
  restartNode(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the query service, the node and the embedded database. Idempotent. */
  stop(): Promise<void>;
}

/** The genesis hash of the chain at `endpoint` (the manifest's chainId). */
async function genesisHashOf(endpoint: string): Promise<string> {
  const provider = new WsProvider(endpoint, false);
  try {
    await Promise.race([
      provider.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 30_000)),
    ]);
    await provider.isReady;
    return (await provider.send('chain_getBlockHash', [0])) as string;
  } catch (error) {
    throw new IndexerStartError('chain connection', `no answer from ${endpoint}`, { cause: error });
  } finally {
    await provider.disconnect().catch(() => undefined);
  }
}

/** A condition that can never become true any more (a process died). */
class Hopeless extends Error {}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const done = await check().catch((error: unknown) => {
      if (error instanceof Hopeless) throw new IndexerStartError(what, error.message);
      return false;
    });
    if (done) return;
    if (Date.now() > end) throw new IndexerStartError(what, `not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

function dbEnv(db: RunningDatabase['connection']): Record<string, string> {
  return {
    DB_HOST: db.host,
    DB_PORT: String(db.port),
    DB_USER: db.user,
    DB_PASS: db.password,
    DB_DATABASE: db.database,
  };
}

function startNode(
  o: ResolvedIndexerOptions,
  db: RunningDatabase,
  projectDir: string,
  port: number,
) {
  return startService(
    'subql-node',
    NODE_BIN,
    [
      `--subquery=${projectDir}`,
      `--network-endpoint=${o.endpoint}`,
      `--db-schema=${DB_SCHEMA}`,
      // Never look a dictionary up on the internet: point the registry at a closed port.
      '--dictionary-registry=http://127.0.0.1:1/',
      '--historical=false',
      `--port=${port}`,
      '--store-flush-interval=1',
      `--log-level=${o.logLevel}`,
      '--output-fmt=json',
      ...o.nodeArgs,
    ],
    // Follow the chain's head every 500 ms (see preload.cjs): devnets make blocks faster
    // than the runtime's 6 s slots, and SubQuery's own poll would trail them.
    // Expand a runtime's metadata once, not for every block, decorate a block's API only for
    // handlers that use it, and call handlers without a script per call, in the node itself
    // rather than in vm2's sandbox (see preload.cjs); a bench may set any of them to 0 to
    // measure without it.
    {
      ...dbEnv(db.connection),
      CUSTOS_SUBQL_HEAD_POLL_MS: '500',
      CUSTOS_SUBQL_RESOLVE_FROM: dirname(NODE_BIN),
      CUSTOS_SUBQL_DECORATE_ONCE: process.env.CUSTOS_SUBQL_DECORATE_ONCE ?? '1',
      CUSTOS_SUBQL_LAZY_BLOCK_API: process.env.CUSTOS_SUBQL_LAZY_BLOCK_API ?? '1',
      CUSTOS_SUBQL_DIRECT_CALLS: process.env.CUSTOS_SUBQL_DIRECT_CALLS ?? '1',
      CUSTOS_SUBQL_HOST_MAPPING: process.env.CUSTOS_SUBQL_HOST_MAPPING ?? '1',
    },
    join(o.workDir, 'subql-node.log'),
    [
      // A larger young generation: decoding allocates many short-lived codec objects.
      `--max-semi-space-size=${semiSpaceMb()}`,
      ...(o.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfileDir}`] : []),
    ],
  );
}

/**
 * The SubQuery node's V8 semi-space limit in MiB: 32, or `CUSTOS_SUBQL_SEMI_SPACE_MB` (a
 * bench measuring Node's default sets 16; V8 rounds up to a power of two).
 */
function semiSpaceMb(): number {
  const set = Number(process.env.CUSTOS_SUBQL_SEMI_SPACE_MB ?? 32);
  return Number.isInteger(set) && set >= 1 && set <= 1024 ? set : 32;
}

/**
 * Starts PostgreSQL, the SubQuery node and the query service; resolves once GraphQL
 * answers. On any failure everything started so far is stopped before the error is thrown.
 * @throws IndexerConfigError, IndexerBuildError, IndexerStartError
 */
export async function startIndexer(options: IndexerOptions): Promise<RunningIndexer> {
  const o = parseIndexerOptions(options);
  await ensureIndexerBuilt();
  await mkdir(o.workDir, { recursive: true });
  await chmod(o.workDir, 0o755).catch(() => undefined);
  const genesisHash = await genesisHashOf(o.endpoint);
  const projectDir = join(o.workDir, 'project');
  await writeRunProject(projectDir, genesisHash, o.windows);

  const started: { db?: RunningDatabase; node?: Service; query?: Service } = {};
  const stopAll = async () => {
    await started.query?.stop();
    await started.node?.stop();
    await started.db?.stop();
  };
  try {
    started.db = o.db
      ? await useExternalPostgres(o.db)
      : await startEmbeddedPostgres(join(o.workDir, 'pg'));
    const db = started.db;
    const nodePort = await freePort();
    started.node = startNode(o, db, projectDir, nodePort);
    const nodeHealthy = () =>
      fetch(`http://127.0.0.1:${nodePort}/ready`).then(
        (r) => r.ok,
        () => false,
      );
    const nodeLog = join(o.workDir, 'subql-node.log');
    const nodeAlive = () => {
      if (started.node?.hasExited()) throw new Hopeless(`the node exited; see ${nodeLog}`);
    };
    await until(
      'SubQuery node',
      async () => {
        nodeAlive();
        return await nodeHealthy();
      },
      180_000,
    );
    const graphqlPort = o.graphqlPort ?? (await freePort());
    started.query = startService(
      'subql-query',
      QUERY_BIN,
      [
        `--name=${DB_SCHEMA}`,
        `--port=${graphqlPort}`,
        '--playground=false',
        `--log-level=${o.logLevel}`,
        '--output-fmt=json',
      ],
      dbEnv(db.connection),
      join(o.workDir, 'subql-query.log'),
    );
    const graphqlUrl = `http://127.0.0.1:${graphqlPort}/`;
    const query = async <T>(q: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const res = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: q, variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
      if (body.errors?.length)
        throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
      if (!res.ok || body.data === undefined) throw new Error(`GraphQL: HTTP ${res.status}`);
      return body.data;
    };
    const height = async () =>
      (
        await query<{ _metadata: { lastProcessedHeight: number | null } }>(
          '{ _metadata { lastProcessedHeight } }',
        )
      )._metadata.lastProcessedHeight ?? 0;
    const queryLog = join(o.workDir, 'subql-query.log');
    await until(
      'query service',
      async () => {
        if (started.query?.hasExited()) throw new Hopeless(`it exited; see ${queryLog}`);
        await height();
        return true;
      },
      120_000,
    );
    let stopping: Promise<void> | undefined;
    return {
      graphqlUrl,
      db: db.connection,
      query,
      async waitForHeight(target, timeoutMs = 240_000) {
        await until(
          `indexing to block ${target}`,
          async () => {
            nodeAlive();
            return (await height()) >= target;
          },
          timeoutMs,
        );
      },
      async restartNode(signal: NodeJS.Signals = 'SIGTERM') {
        await started.node?.stop(signal);
        started.node = startNode(o, db, projectDir, nodePort);
        await until(
          'SubQuery node (restart)',
          async () => {
            nodeAlive();
            return await nodeHealthy();
          },
          180_000,
        );
      },
      stop() {
        stopping ??= stopAll();
        return stopping;
      },
    };
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
}
