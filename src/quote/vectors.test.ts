import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { buildMockQuote, devImage, devPckPublicKey, measurementOf } from './mockQuote.js';
import { computeReportData, type ReportDataContext, ReportDataInputError } from './reportData.js';

interface VectorCase {
  context: ReportDataContext;
  genesisHash: string;
  tssAccount: string;
  publicKey: string;
  restartKey: string;
  incarnation: number;
  blockNumber: number;
  blockHash: string;
  reportData: string;
  mockQuote: string;
}

const vectors = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../chain/primitives/test-vectors/tdx.json', import.meta.url)),
    'utf8',
  ),
) as { devPckPublicKey: string; devMeasurement: string; cases: VectorCase[] };

describe('shared TDX vectors (Rust primitives ⇄ TypeScript)', () => {
  it('has cases to check', () => {
    expect(vectors.cases.length).toBeGreaterThanOrEqual(2);
  });

  for (const [i, c] of vectors.cases.entries()) {
    const input = {
      context: c.context,
      genesisHash: hexToBytes(c.genesisHash),
      tssAccount: hexToBytes(c.tssAccount),
      publicKey: hexToBytes(c.publicKey),
      restartKey: hexToBytes(c.restartKey),
      incarnation: c.incarnation,
      blockNumber: c.blockNumber,
      blockHash: hexToBytes(c.blockHash),
    };

    it(`case ${i}: report data matches the runtime's binding`, () => {
      expect(bytesToHex(computeReportData(input))).toBe(c.reportData);
    });

    it(`case ${i}: mock quote is byte-identical to the Rust builder's`, () => {
      expect(bytesToHex(buildMockQuote(hexToBytes(c.reportData)))).toBe(c.mockQuote);
    });
  }

  it('dev PCK key and dev measurement match the chain preset', () => {
    expect(bytesToHex(devPckPublicKey())).toBe(vectors.devPckPublicKey);
    expect(bytesToHex(measurementOf(devImage()))).toBe(vectors.devMeasurement);
  });
});

describe('report data input validation', () => {
  const ok = {
    context: 'restart' as const,
    genesisHash: new Uint8Array(32),
    tssAccount: new Uint8Array(32),
    publicKey: new Uint8Array(32),
    restartKey: new Uint8Array(32),
    incarnation: 1,
    blockNumber: 1,
    blockHash: new Uint8Array(32),
  };

  it('names the field with a wrong length', () => {
    expect(() => computeReportData({ ...ok, tssAccount: new Uint8Array(31) })).toThrowError(
      /tssAccount must be 32 bytes, got 31/,
    );
  });

  it('refuses an out-of-range incarnation', () => {
    try {
      computeReportData({ ...ok, incarnation: 2 ** 32 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ReportDataInputError);
      expect((e as ReportDataInputError).field).toBe('incarnation');
    }
  });

  it('refuses report data of the wrong size in a mock quote', () => {
    expect(() => buildMockQuote(new Uint8Array(63))).toThrowError(/64 bytes/);
  });
});
