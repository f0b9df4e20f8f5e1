import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  chainUrlSetting,
  DEFAULT_GRAPHQL_URL,
  graphqlUrlSetting,
  loadConfig,
  providerRateLimits,
} from './config.js';
import { PROVIDER_RATE_LIMIT } from './http/rateLimit.js';

describe('config', () => {
  const env = {
    CUSTOS_DATA_DIR: '/d',
    CUSTOS_CHAIN_URL: 'ws://127.0.0.1:9944',
    CUSTOS_PROVIDER_PORT: '7001',
  };

  it('merges file < env < flags and applies defaults', () => {
    const c = loadConfig({ env, flags: { providerPort: 7002 } });
    expect(c.providerPort).toBe(7002);
    expect(c.providerHost).toBe('127.0.0.1');
    expect(c.quoteSource).toBe('configfs-tsm');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names every invalid field and never echoes the token', () => {
    try {
      loadConfig({
        env: {
          ...env,
          CUSTOS_CHAIN_URL: 'http://x',
          CUSTOS_PROVIDER_PORT: '70000',
          CUSTOS_SECRET_API_TOKEN: 'short',
        },
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toContain('chainUrl: must be a ws:// or wss:// URL');
      expect(msg).toContain('providerPort');
      expect(msg).toContain('secretApiToken');
      expect(msg).not.toContain('short');
    }
  });

  it('takes --accept-rollback from flags only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custos-config-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ acceptRollback: 3 }));
    const base = { dataDir: '/d', chainUrl: 'ws://127.0.0.1:1', providerPort: 1 };
    expect(() => loadConfig({ env: {}, configFile: file, flags: base })).toThrow(
      /acceptRollback: only the --accept-rollback flag may set it/,
    );
    expect(loadConfig({ env: { CUSTOS_ACCEPT_ROLLBACK: '3' }, flags: base }).acceptRollback).toBe(
      undefined,
    );
    expect(loadConfig({ env: {}, flags: { ...base, acceptRollback: '3' } }).acceptRollback).toBe(3);
    expect(() => loadConfig({ env: {}, flags: { ...base, acceptRollback: '-1' } })).toThrow(
      /acceptRollback/,
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses unknown keys and a missing file', () => {
    expect(() => loadConfig({ env, flags: { bogus: 1 } })).toThrow(/Unrecognized key/i);
    expect(() => loadConfig({ env, configFile: '/nonexistent.json' })).toThrow(/config file/);
  });

  it('rate limits of the provider API: defaults, environment, and refused values', () => {
    expect(providerRateLimits(loadConfig({ env }))).toEqual({
      perClient: { burst: 20, perSecond: 5 },
      global: { burst: 200, perSecond: 100 },
      maxClients: 10_000,
    });
    expect(providerRateLimits(loadConfig({ env }))).toEqual(PROVIDER_RATE_LIMIT);
    const c = loadConfig({
      env: {
        ...env,
        CUSTOS_RATE_LIMIT_CLIENT_BURST: '4',
        CUSTOS_RATE_LIMIT_CLIENT_PER_SECOND: '0.5',
        CUSTOS_RATE_LIMIT_GLOBAL_BURST: '40',
        CUSTOS_RATE_LIMIT_GLOBAL_PER_SECOND: '10',
        CUSTOS_RATE_LIMIT_MAX_CLIENTS: '500',
      },
    });
    expect(providerRateLimits(c)).toEqual({
      perClient: { burst: 4, perSecond: 0.5 },
      global: { burst: 40, perSecond: 10 },
      maxClients: 500,
    });
    try {
      loadConfig({
        env: {
          ...env,
          CUSTOS_RATE_LIMIT_CLIENT_BURST: '0',
          CUSTOS_RATE_LIMIT_CLIENT_PER_SECOND: '-1',
          CUSTOS_RATE_LIMIT_GLOBAL_BURST: '2.5',
          CUSTOS_RATE_LIMIT_GLOBAL_PER_SECOND: 'fast',
          CUSTOS_RATE_LIMIT_MAX_CLIENTS: '2000000',
        },
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      for (const field of [
        'rateLimitClientBurst',
        'rateLimitClientPerSecond',
        'rateLimitGlobalBurst',
        'rateLimitGlobalPerSecond',
        'rateLimitMaxClients',
      ])
        expect((e as Error).message).toContain(`${field}:`);
    }
  });
});

describe('URLs of commands without a data directory', () => {
  it('take the flag, then the environment, and refuse anything but their scheme', () => {
    expect(chainUrlSetting('ws://127.0.0.1:9944', { CUSTOS_CHAIN_URL: 'ws://x:1' })).toBe(
      'ws://127.0.0.1:9944',
    );
    expect(chainUrlSetting(undefined, { CUSTOS_CHAIN_URL: 'wss://rpc.example' })).toBe(
      'wss://rpc.example',
    );
    expect(() => chainUrlSetting(undefined, {})).toThrow(ConfigError);
    expect(() => chainUrlSetting('http://x', {})).toThrow('chain: must be a ws:// or wss:// URL');
    expect(graphqlUrlSetting(undefined, {})).toBe(DEFAULT_GRAPHQL_URL);
    expect(graphqlUrlSetting(undefined, { CUSTOS_GRAPHQL_URL: 'https://idx/' })).toBe(
      'https://idx/',
    );
    expect(() => graphqlUrlSetting('ftp://x', {})).toThrow('graphql: must be an http(s) URL');
  });
});
