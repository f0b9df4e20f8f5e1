import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from '@noble/hashes/utils.js';
import { QuoteSourceError } from '../errors/quote.js';
import { buildMockQuote, type MockQuoteOptions } from './mockQuote.js';

/** Produces TDX quotes carrying given report data. */
export interface QuoteSource {
  /** `configfs-tsm` or `mock`. */
  readonly kind: 'configfs-tsm' | 'mock';
  /** A quote whose 64-byte report data is `reportData`. */
  getQuote(reportData: Uint8Array): Promise<Uint8Array>;
}

function assertReportData(source: string, reportData: Uint8Array) {
  if (reportData.length !== 64) {
    throw new QuoteSourceError(source, `report data must be 64 bytes, got ${reportData.length}`);
  }
}

/**
 * Dev quote source: mock quotes in the real TDX v4 layout, signed with the dev keys the
 * development chain trusts. Never use outside dev and test networks.
 *
 * @example
 * const quote = await new MockQuoteSource().getQuote(reportData);
 */
export class MockQuoteSource implements QuoteSource {
  readonly kind = 'mock' as const;
  constructor(private readonly options: MockQuoteOptions = {}) {}
  async getQuote(reportData: Uint8Array): Promise<Uint8Array> {
    assertReportData('mock', reportData);
    return buildMockQuote(reportData, this.options);
  }
}

/** File operations the configfs-tsm source needs (injectable for tests). */
export interface TsmFs {
  mkdir(path: string): Promise<unknown>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  readFile(path: string): Promise<Uint8Array>;
  rmdir(path: string): Promise<void>;
}

const defaultFs: TsmFs = {
  mkdir: (p) => nodeFs.mkdir(p),
  writeFile: (p, d) => nodeFs.writeFile(p, d),
  readFile: async (p) => new Uint8Array(await nodeFs.readFile(p)),
  rmdir: (p) => nodeFs.rmdir(p),
};

/**
 * The Linux TDX guest interface (configfs-tsm): create a report entry under `root`
 * (default `/sys/kernel/config/tsm/report`), write the report data to its `inblob`, read
 * the quote from `outblob`, and check that `generation` did not move in between (another
 * writer would mean the quote may carry someone else's report data). The entry is removed
 * afterwards.
 *
 * @example
 * const quote = await new ConfigfsTsmQuoteSource().getQuote(reportData);
 */
export class ConfigfsTsmQuoteSource implements QuoteSource {
  readonly kind = 'configfs-tsm' as const;
  constructor(
    private readonly root = '/sys/kernel/config/tsm/report',
    private readonly fs: TsmFs = defaultFs,
  ) {}

  async getQuote(reportData: Uint8Array): Promise<Uint8Array> {
    assertReportData('configfs-tsm', reportData);
    const entry = join(this.root, `custos-${Buffer.from(randomBytes(8)).toString('hex')}`);
    try {
      await this.fs.mkdir(entry);
    } catch (cause) {
      throw new QuoteSourceError(
        'configfs-tsm',
        `cannot create ${entry} (is this a TDX guest with configfs-tsm?)`,
        { cause },
      );
    }
    try {
      const provider = new TextDecoder()
        .decode(await this.fs.readFile(join(entry, 'provider')))
        .trim();
      if (provider !== 'tdx_guest') {
        throw new QuoteSourceError(
          'configfs-tsm',
          `provider is "${provider}", expected "tdx_guest"`,
        );
      }
      await this.fs.writeFile(join(entry, 'inblob'), reportData);
      const before = await this.#generation(entry);
      const quote = await this.fs.readFile(join(entry, 'outblob'));
      const after = await this.#generation(entry);
      if (before !== after) {
        throw new QuoteSourceError(
          'configfs-tsm',
          `report entry was rewritten concurrently (generation ${before} → ${after})`,
        );
      }
      if (quote.length < 1020)
        throw new QuoteSourceError('configfs-tsm', `outblob too short (${quote.length} bytes)`);
      return quote;
    } catch (error) {
      if (error instanceof QuoteSourceError) throw error;
      throw new QuoteSourceError('configfs-tsm', `reading ${entry} failed`, { cause: error });
    } finally {
      await this.fs.rmdir(entry).catch(() => undefined);
    }
  }

  async #generation(entry: string): Promise<string> {
    return new TextDecoder().decode(await this.fs.readFile(join(entry, 'generation'))).trim();
  }
}
