import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

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

  it('refuses unknown keys and a missing file', () => {
    expect(() => loadConfig({ env, flags: { bogus: 1 } })).toThrow(/Unrecognized key/i);
    expect(() => loadConfig({ env, configFile: '/nonexistent.json' })).toThrow(/config file/);
  });
});
