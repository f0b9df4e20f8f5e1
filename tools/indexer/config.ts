/**
 * Options of the indexer runner, validated once with zod. Errors name the bad field and
 * never echo a database password.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import {
  type AuditWindows,
  InvalidAuditWindowsError,
  resolveAuditWindows,
} from '../../indexer/src/helpers/rules.js';
import { IndexerConfigError } from './errors.js';

/** How the runner reaches PostgreSQL. */
export interface DbConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** Options of `startIndexer`. */
export interface IndexerOptions {
  /** Chain JSON-RPC endpoint, ws:// or wss://. */
  endpoint: string;
  /** Directory for the embedded database, the per-run project and logs (created). */
  workDir: string;
  /** postgres://user:pass@host:port/db of an existing server; omit for embedded PostgreSQL. */
  dbUrl?: string;
  /** GraphQL port on 127.0.0.1; omit for a free one. */
  graphqlPort?: number;
  /** Misbehaviour windows in blocks (defaults in docs/auditing.md). */
  windows?: Partial<AuditWindows>;
  /** Log level of the SubQuery node and query service. */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
  /** More `subql-node` flags (benches compare its options, e.g. `--workers=2`). */
  nodeArgs?: string[];
  /**
   * When set, the SubQuery node runs under V8's sampling profiler and writes its
   * `.cpuprofile` into this directory when it exits (bench/indexer/profile.ts).
   */
  cpuProfileDir?: string;
}

/** {@link IndexerOptions} after validation. */
export interface ResolvedIndexerOptions {
  endpoint: string;
  workDir: string;
  db: DbConnection | undefined;
  graphqlPort: number | undefined;
  windows: AuditWindows;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
  nodeArgs: string[];
  cpuProfileDir: string | undefined;
}

const port = z.number().int().min(1).max(65_535);

const schema = z.object({
  endpoint: z.string().refine((s) => {
    try {
      const url = new URL(s);
      return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be a ws:// or wss:// URL'),
  workDir: z.string().min(1, 'must be a directory path'),
  dbUrl: z.string().optional(),
  graphqlPort: port.optional(),
  windows: z.record(z.string(), z.unknown()).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug']).optional(),
  nodeArgs: z
    .array(z.string().regex(/^--[a-z][a-z-]*(=[\w.:/-]+)?$/, 'a --flag or --flag=value'))
    .max(20)
    .optional(),
  cpuProfileDir: z.string().min(1).optional(),
});

/**
 * Parses a postgres:// or postgresql:// URL with user, host and database.
 * @throws IndexerConfigError (the message never contains the password).
 */
export function parseDbUrl(dbUrl: string): DbConnection {
  let url: URL;
  try {
    url = new URL(dbUrl);
  } catch {
    throw new IndexerConfigError('dbUrl is not a URL (expected postgres://user:pass@host:port/db)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new IndexerConfigError(
      `dbUrl must use postgres:// or postgresql://, not ${url.protocol}`,
    );
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!url.hostname || !url.username || !database)
    throw new IndexerConfigError('dbUrl needs a user, a host and a database name');
  const portNumber = url.port === '' ? 5432 : Number(url.port);
  return {
    host: url.hostname,
    port: portNumber,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
  };
}

/**
 * Validates runner options and fills in defaults.
 * @throws IndexerConfigError naming the first bad field.
 * @example
 * parseIndexerOptions({ endpoint: 'ws://127.0.0.1:9944', workDir: '.indexer' });
 */
export function parseIndexerOptions(input: IndexerOptions): ResolvedIndexerOptions {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new IndexerConfigError(`${issue.path.join('.') || 'options'}: ${issue.message}`);
  }
  let windows: AuditWindows;
  try {
    windows = resolveAuditWindows(parsed.data.windows ?? {});
  } catch (error) {
    if (error instanceof InvalidAuditWindowsError) throw new IndexerConfigError(error.message);
    throw error;
  }
  return {
    endpoint: parsed.data.endpoint,
    workDir: resolve(parsed.data.workDir),
    db: parsed.data.dbUrl === undefined ? undefined : parseDbUrl(parsed.data.dbUrl),
    graphqlPort: parsed.data.graphqlPort,
    windows,
    logLevel: parsed.data.logLevel ?? 'warn',
    nodeArgs: parsed.data.nodeArgs ?? [],
    cpuProfileDir: parsed.data.cpuProfileDir,
  };
}
