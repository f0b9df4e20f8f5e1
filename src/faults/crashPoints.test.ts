import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CRASH_POINTS, crashPoint, installCrashPoint } from './crashPoints.js';

describe('crash points', () => {
  it('do nothing unless armed, and fire once at the armed step only', () => {
    const hits: string[] = [];
    for (const p of CRASH_POINTS) crashPoint(p);
    installCrashPoint('backup.epoch-confirmed', () => hits.push('fired'));
    crashPoint('backup.kek-staged');
    expect(hits).toEqual([]);
    crashPoint('backup.epoch-confirmed');
    crashPoint('backup.epoch-confirmed');
    expect(hits).toEqual(['fired']);
  });

  it('refuse an unknown name, naming the known ones', () => {
    expect(() => installCrashPoint('backup.typo', () => undefined)).toThrow(
      /unknown crash point "backup.typo"; known: backup.kek-staged/,
    );
  });

  it('are armed by no production module: only the test wrapper reads the variable', () => {
    const root = fileURLToPath(new URL('../', import.meta.url));
    const readers = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter((f) => readFileSync(join(root, f), 'utf8').includes('CUSTOS_TEST_CRASH_AT'));
    expect(readers).toEqual([]);
    const wrapper = new URL('../../test/fixtures/crashable-custos.ts', import.meta.url);
    expect(readFileSync(wrapper, 'utf8')).toContain('process.env.CUSTOS_TEST_CRASH_AT');
  });
});
