import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BaseError } from './errors/base.js';
import { PROVIDER_RATE_LIMIT, type RateLimitOptions } from './http/rateLimit.js';

/** Configuration errors name each invalid field. */
export class ConfigError extends BaseError {
  override name = 'ConfigError';
  constructor(details: string) {
    super('CONFIG_INVALID', 'invalid configuration', details);
  }
}

const schema = z.strictObject({
  /** Where the sealed store and the registration payload live. */
  dataDir: z.string().min(1),
  /** Chain WebSocket endpoint. */
  chainUrl: z.string().regex(/^wss?:\/\//, 'must be a ws:// or wss:// URL'),
  /** Address the provider API binds to. */
  providerHost: z.string().min(1).default('127.0.0.1'),
  /** Port of the provider API. */
  providerPort: z.coerce.number().int().min(1).max(65535),
  /** URL other companions reach the provider API at (registered on chain). */
  publicEndpoint: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL')
    .optional(),
  /** Loopback port of the local secret API (0 disables it). */
  secretApiPort: z.coerce.number().int().min(0).max(65535).default(0),
  /** Bearer token of the local secret API (environment only: CUSTOS_SECRET_API_TOKEN). */
  secretApiToken: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Quote source. */
  quoteSource: z.enum(['mock', 'configfs-tsm']).default('configfs-tsm'),
  /** configfs-tsm report directory. */
  tsmRoot: z.string().default('/sys/kernel/config/tsm/report'),
  /** Memory-backed directory for the first KEK between `init` and `start`. */
  kekHandoffDir: z.string().default('/dev/shm/custos'),
  /** Blocks after which a restart attestation is too old to release shares to. */
  releaseWindow: z.coerce.number().int().min(1).default(50),
  /** Milliseconds between chain polls. */
  pollMs: z.coerce.number().int().min(50).default(1000),
  /**
   * Operator override (flag `--accept-rollback` only, never from the environment): the
   * exact local store version the operator accepts recovering from although the chain
   * anchored a newer one. Recorded on chain as `backups.RollbackAccepted`.
   */
  acceptRollback: z.coerce.number().int().min(0).optional(),
  /** Requests one client (IPv4 address or IPv6 /64) may send the provider API at once. */
  rateLimitClientBurst: z.coerce.number().int().min(1).default(PROVIDER_RATE_LIMIT.perClient.burst),
  /** Requests per second one client may send the provider API, sustained. */
  rateLimitClientPerSecond: z.coerce
    .number()
    .positive()
    .default(PROVIDER_RATE_LIMIT.perClient.perSecond),
  /** Requests all clients together may send the provider API at once. */
  rateLimitGlobalBurst: z.coerce.number().int().min(1).default(PROVIDER_RATE_LIMIT.global.burst),
  /** Requests per second all clients together may send the provider API, sustained. */
  rateLimitGlobalPerSecond: z.coerce
    .number()
    .positive()
    .default(PROVIDER_RATE_LIMIT.global.perSecond),
  /** Clients whose rate is tracked at once (memory bound; least recently seen forgotten). */
  rateLimitMaxClients: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(PROVIDER_RATE_LIMIT.maxClients),
  /** pino level. */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** The validated, frozen configuration. */
export type Config = Readonly<z.infer<typeof schema>>;

const ENV: Record<string, keyof z.infer<typeof schema>> = {
  CUSTOS_DATA_DIR: 'dataDir',
  CUSTOS_CHAIN_URL: 'chainUrl',
  CUSTOS_PROVIDER_HOST: 'providerHost',
  CUSTOS_PROVIDER_PORT: 'providerPort',
  CUSTOS_PUBLIC_ENDPOINT: 'publicEndpoint',
  CUSTOS_SECRET_API_PORT: 'secretApiPort',
  CUSTOS_SECRET_API_TOKEN: 'secretApiToken',
  CUSTOS_QUOTE_SOURCE: 'quoteSource',
  CUSTOS_TSM_ROOT: 'tsmRoot',
  CUSTOS_KEK_HANDOFF_DIR: 'kekHandoffDir',
  CUSTOS_RELEASE_WINDOW: 'releaseWindow',
  CUSTOS_POLL_MS: 'pollMs',
  CUSTOS_RATE_LIMIT_CLIENT_BURST: 'rateLimitClientBurst',
  CUSTOS_RATE_LIMIT_CLIENT_PER_SECOND: 'rateLimitClientPerSecond',
  CUSTOS_RATE_LIMIT_GLOBAL_BURST: 'rateLimitGlobalBurst',
  CUSTOS_RATE_LIMIT_GLOBAL_PER_SECOND: 'rateLimitGlobalPerSecond',
  CUSTOS_RATE_LIMIT_MAX_CLIENTS: 'rateLimitMaxClients',
  CUSTOS_LOG_LEVEL: 'logLevel',
};

/**
 * Builds the configuration from, in rising precedence: a JSON file (`configFile`), the
 * environment (`CUSTOS_*`), and flags. Parsed once; fails fast with every invalid field
 * named; the token is never echoed.
 *
 * @example
 * const config = loadConfig({ env: process.env, flags: { dataDir: './data' } });
 */
export function loadConfig(sources: {
  env: Record<string, string | undefined>;
  flags?: Record<string, unknown>;
  configFile?: string;
}): Config {
  let file: Record<string, unknown> = {};
  if (sources.configFile) {
    try {
      file = JSON.parse(readFileSync(sources.configFile, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError(
        `config file ${sources.configFile}: ${error instanceof Error ? error.message : error}`,
      );
    }
  }
  if ('acceptRollback' in file)
    throw new ConfigError('acceptRollback: only the --accept-rollback flag may set it');
  const fromEnv: Record<string, unknown> = {};
  for (const [variable, key] of Object.entries(ENV)) {
    const value = sources.env[variable];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }
  const flags = Object.fromEntries(
    Object.entries(sources.flags ?? {}).filter(([, v]) => v !== undefined),
  );
  const parsed = schema.safeParse({ ...file, ...fromEnv, ...flags });
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`).join('; '),
    );
  }
  return Object.freeze(parsed.data);
}

/**
 * The provider API's rate limits of a configuration, as `createApp` takes them.
 *
 * @example
 * createApp({ provider, vault, metrics, logger, rateLimit: providerRateLimits(config) });
 */
export function providerRateLimits(
  config: Config,
): Pick<RateLimitOptions, 'perClient' | 'global' | 'maxClients'> {
  return {
    perClient: { burst: config.rateLimitClientBurst, perSecond: config.rateLimitClientPerSecond },
    global: { burst: config.rateLimitGlobalBurst, perSecond: config.rateLimitGlobalPerSecond },
    maxClients: config.rateLimitMaxClients,
  };
}

/** Where the indexer's GraphQL service listens when nothing says otherwise. */
export const DEFAULT_GRAPHQL_URL = 'http://127.0.0.1:3000/';

/**
 * The chain URL of a command that needs no data directory (collateral, escrow): `flag`,
 * then `CUSTOS_CHAIN_URL` in `env`. Throws {@link ConfigError} naming `chain` unless it is
 * a ws:// or wss:// URL.
 */
export function chainUrlSetting(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const url = flag ?? env.CUSTOS_CHAIN_URL;
  if (!url || !/^wss?:\/\/\S+$/.test(url))
    throw new ConfigError(`chain: must be a ws:// or wss:// URL, got "${url ?? ''}"`);
  return url;
}

/**
 * The indexer's GraphQL URL (audit, assignments): `flag`, then `CUSTOS_GRAPHQL_URL` in
 * `env`, then {@link DEFAULT_GRAPHQL_URL}. Throws {@link ConfigError} naming `graphql`
 * unless it is an http(s) URL.
 */
export function graphqlUrlSetting(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const url = flag ?? env.CUSTOS_GRAPHQL_URL ?? DEFAULT_GRAPHQL_URL;
  if (!/^https?:\/\/\S+$/.test(url))
    throw new ConfigError(`graphql: must be an http(s) URL, got "${url}"`);
  return url;
}
