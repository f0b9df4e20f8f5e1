/** The indexer runner's option validation: clear typed errors, no password in messages. */
import { describe, expect, it } from 'vitest';
import { parseDbUrl, parseIndexerOptions } from '../../tools/indexer/config.js';
import { IndexerConfigError } from '../../tools/indexer/errors.js';
import { untraversableAncestor } from '../../tools/indexer/postgres.js';

const ok = { endpoint: 'ws://127.0.0.1:9944', workDir: '/tmp/custos-idx' };

describe('indexer options', () => {
  it('accept a ws endpoint and fill in defaults', () => {
    const o = parseIndexerOptions(ok);
    expect(o).toMatchObject({ endpoint: ok.endpoint, db: undefined, logLevel: 'warn' });
    expect(o.windows).toEqual({ releaseWindow: 50, confirmWindow: 100, duplicateWindow: 100 });
  });

  it.each([
    ['http://127.0.0.1:9944', /endpoint/],
    ['127.0.0.1:9944', /endpoint/],
    ['', /endpoint/],
  ])('refuse endpoint %j', (endpoint, message) => {
    expect(() => parseIndexerOptions({ ...ok, endpoint })).toThrow(IndexerConfigError);
    expect(() => parseIndexerOptions({ ...ok, endpoint })).toThrow(message);
  });

  it('refuse a bad port, log level or window', () => {
    expect(() => parseIndexerOptions({ ...ok, graphqlPort: 70_000 })).toThrow(/graphqlPort/);
    expect(() => parseIndexerOptions({ ...ok, logLevel: 'loud' as never })).toThrow(/logLevel/);
    expect(() => parseIndexerOptions({ ...ok, windows: { releaseWindow: 0 } })).toThrow(
      /releaseWindow/,
    );
  });

  it('pass only well-formed extra subql-node flags', () => {
    expect(
      parseIndexerOptions({ ...ok, nodeArgs: ['--workers=2', '--store-cache-async'] }).nodeArgs,
    ).toEqual(['--workers=2', '--store-cache-async']);
    expect(parseIndexerOptions(ok).nodeArgs).toEqual([]);
    for (const bad of ['workers=2', '--db-schema=x; rm -rf /', '--subquery=$(id)', '-w'])
      expect(() => parseIndexerOptions({ ...ok, nodeArgs: [bad] }), bad).toThrow(/nodeArgs/);
  });

  it('parse a PostgreSQL URL', () => {
    expect(parseDbUrl('postgres://idx:s3cret@db.local:6543/custos')).toEqual({
      host: 'db.local',
      port: 6543,
      user: 'idx',
      password: 's3cret',
      database: 'custos',
    });
    expect(parseDbUrl('postgresql://idx@127.0.0.1/custos').port).toBe(5432);
  });

  it.each([
    ['not a url', /not a URL/],
    ['mysql://u:p@h/db', /postgres:\/\//],
    ['postgres://u:p@h/', /database/],
    ['postgres://h:5432/db', /user/],
  ])('refuse db URL %j with a typed error', (dbUrl, message) => {
    expect(() => parseIndexerOptions({ ...ok, dbUrl })).toThrow(IndexerConfigError);
    expect(() => parseIndexerOptions({ ...ok, dbUrl })).toThrow(message);
  });

  it('never echo the password', () => {
    try {
      parseDbUrl('mysql://u:hunter2@h/db');
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
      expect((error as IndexerConfigError).code).toBe('INDEXER_CONFIG');
    }
  });

  it('name the nearest parent of the data directory that other users cannot enter', () => {
    const modes: Record<string, number> = { '/': 0o755, '/root': 0o700, '/root/a': 0o755 };
    const stat = (p: string) => ({ mode: 0o040000 | (modes[p] ?? 0o755) });
    expect(untraversableAncestor('/root/a/work/pg', stat)).toBe('/root');
    expect(untraversableAncestor('/tmp/work/pg', stat)).toBeUndefined();
    modes['/root/a'] = 0o750;
    expect(untraversableAncestor('/root/a/work/pg', stat)).toBe('/root/a');
  });
});
