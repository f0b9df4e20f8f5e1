import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { QuoteSourceError } from '../errors/quote.js';
import { buildMockQuote } from './mockQuote.js';
import { ConfigfsTsmQuoteSource, MockQuoteSource, type TsmFs } from './sources.js';

const reportData = new Uint8Array(64).map((_, i) => i);
const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/**
 * A directory that imitates configfs-tsm: mkdir creates an entry with `provider` and
 * `generation`; writing `inblob` bumps the generation and makes `outblob` a quote over it;
 * rmdir removes the entry. `interfere` simulates a concurrent writer.
 */
function fakeTsm(options: { provider?: string; interfere?: boolean } = {}): {
  root: string;
  fs: TsmFs;
} {
  const root = mkdtempSync(join(tmpdir(), 'custos-tsm-'));
  roots.push(root);
  return {
    root,
    fs: {
      mkdir: async (p) => {
        mkdirSync(p);
        writeFileSync(join(p, 'provider'), `${options.provider ?? 'tdx_guest'}\n`);
        writeFileSync(join(p, 'generation'), '0\n');
      },
      writeFile: async (p, data) => {
        const entry = dirname(p);
        writeFileSync(p, data);
        if (basename(p) === 'inblob') {
          const generation =
            Number((await fs.readFile(join(entry, 'generation'), 'utf8')).trim()) + 1;
          writeFileSync(join(entry, 'generation'), `${generation}\n`);
          writeFileSync(join(entry, 'outblob'), buildMockQuote(data));
        }
      },
      readFile: async (p) => {
        const bytes = new Uint8Array(await fs.readFile(p));
        if (options.interfere && basename(p) === 'outblob') {
          writeFileSync(join(dirname(p), 'generation'), '99\n');
        }
        return bytes;
      },
      rmdir: async (p) => rmSync(p, { recursive: true }),
    },
  };
}

describe('quote sources', () => {
  it('mock source makes a quote carrying the report data', async () => {
    const quote = await new MockQuoteSource().getQuote(reportData);
    expect(quote.subarray(48 + 520, 48 + 584)).toEqual(reportData);
  });

  it('configfs-tsm writes inblob, reads outblob, and cleans up', async () => {
    const tsm = fakeTsm();
    const quote = await new ConfigfsTsmQuoteSource(tsm.root, tsm.fs).getQuote(reportData);
    expect(quote).toEqual(buildMockQuote(reportData));
    expect(readdirSync(tsm.root)).toEqual([]);
  });

  it('configfs-tsm refuses a concurrent rewrite of the entry', async () => {
    const tsm = fakeTsm({ interfere: true });
    await expect(new ConfigfsTsmQuoteSource(tsm.root, tsm.fs).getQuote(reportData)).rejects.toThrow(
      /rewritten concurrently/,
    );
    expect(readdirSync(tsm.root)).toEqual([]);
  });

  it('configfs-tsm refuses a non-TDX provider and a missing interface', async () => {
    const sev = fakeTsm({ provider: 'sev_guest' });
    await expect(new ConfigfsTsmQuoteSource(sev.root, sev.fs).getQuote(reportData)).rejects.toThrow(
      /expected "tdx_guest"/,
    );
    await expect(
      new ConfigfsTsmQuoteSource('/nonexistent/tsm/report').getQuote(reportData),
    ).rejects.toThrow(QuoteSourceError);
  });

  it('both sources refuse report data that is not 64 bytes', async () => {
    await expect(new MockQuoteSource().getQuote(new Uint8Array(32))).rejects.toThrow(
      /64 bytes, got 32/,
    );
    const tsm = fakeTsm();
    await expect(
      new ConfigfsTsmQuoteSource(tsm.root, tsm.fs).getQuote(new Uint8Array(65)),
    ).rejects.toThrow(/64 bytes/);
  });
});
