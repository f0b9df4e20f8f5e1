import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CollateralFileError } from '../../src/errors/quote.js';
import {
  checkCollateralWindow,
  encodeCollateral,
  MAX_COLLATERAL_FILE_BYTES,
  parseCollateralFile,
  summarizeCollateral,
} from '../../src/quote/collateralFile.js';

const FIXTURES = new URL('../../../shared/fixtures/tdx/', import.meta.url);
const fixtureText = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const genuine = () => fixtureText('tdx_quote_collateral.json');
/** The SCALE bytes the pallet's benchmarks embed, made from the same JSON in Rust. */
const rustScale = () =>
  readFileSync(
    new URL(
      '../../chain/pallets/attestation/benchmark-fixtures/tdx_quote_collateral.scale',
      import.meta.url,
    ),
  );

function refusal(run: () => unknown): CollateralFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof CollateralFileError) return error;
    throw error;
  }
  throw new Error('expected a CollateralFileError');
}

describe('collateral file', () => {
  it('encodes byte for byte as the chain decodes it', () => {
    const scale = encodeCollateral(parseCollateralFile(genuine()));
    expect(Buffer.from(scale).equals(rustScale())).toBe(true);
  });

  it('summarizes FMSPC, evaluation number and validity window', () => {
    expect(summarizeCollateral(parseCollateralFile(genuine()))).toEqual({
      fmspc: 'B0C06F000000',
      tcbEvaluationNumber: 17,
      issuedAt: Date.parse('2025-06-19T10:32:27Z') / 1000,
      nextUpdate: Date.parse('2025-07-19T10:16:03Z') / 1000,
    });
  });

  it('refuses a file outside its window at the chain time, naming the date', () => {
    const file = parseCollateralFile(genuine());
    expect(checkCollateralWindow(file, Date.parse('2025-06-25T00:00:00Z') / 1000).fmspc).toBe(
      'B0C06F000000',
    );
    const expired = refusal(() => checkCollateralWindow(file, Date.parse('2026-12-02') / 1000));
    expect(expired.code).toBe('COLLATERAL_EXPIRED');
    expect(expired.message).toContain('2025-07-19T10:16:03.000Z');
    const early = refusal(() => checkCollateralWindow(file, Date.parse('2025-06-01') / 1000));
    expect(early.code).toBe('COLLATERAL_NOT_YET_VALID');
  });

  it('names the missing, unknown or malformed field', () => {
    const json = JSON.parse(genuine()) as Record<string, string>;
    const variant = (edit: (j: Record<string, string>) => void) => {
      const copy = { ...json };
      edit(copy);
      return JSON.stringify(copy);
    };
    const cases: [string, string, string][] = [
      [variant((j) => delete j.pck_crl), 'COLLATERAL_FIELD_INVALID', 'pck_crl'],
      [variant((j) => (j.extra = 'x')), 'COLLATERAL_FIELD_INVALID', 'extra'],
      [variant((j) => (j.root_ca_crl = 'zz')), 'COLLATERAL_FIELD_INVALID', 'root_ca_crl'],
      [
        variant((j) => (j.tcb_info_issuer_chain = 'no pem')),
        'COLLATERAL_FIELD_INVALID',
        'tcb_info_issuer_chain',
      ],
      ['[1, 2', 'COLLATERAL_FILE_INVALID', 'file'],
      [' '.repeat(MAX_COLLATERAL_FILE_BYTES + 1), 'COLLATERAL_FILE_INVALID', 'file'],
    ];
    for (const [text, code, field] of cases) {
      const error = refusal(() => parseCollateralFile(text));
      expect([error.code, error.field]).toEqual([code, field]);
    }
    const badDate = variant((j) => {
      j.tcb_info = (j.tcb_info as string).replace('2025-07-19T10:16:03Z', '19 July 2025');
    });
    const dated = refusal(() => summarizeCollateral(parseCollateralFile(badDate)));
    expect([dated.code, dated.field]).toEqual(['COLLATERAL_FIELD_INVALID', 'tcb_info.nextUpdate']);
    const impossible = variant((j) => {
      j.qe_identity = (j.qe_identity as string).replace(
        '2025-07-19T10:32:27Z',
        '2025-13-40T10:32:27Z',
      );
    });
    const month = refusal(() => summarizeCollateral(parseCollateralFile(impossible)));
    expect([month.code, month.field]).toEqual([
      'COLLATERAL_FIELD_INVALID',
      'qe_identity.nextUpdate',
    ]);
    const notJson = variant((j) => (j.qe_identity = '{not json'));
    const qe = refusal(() => summarizeCollateral(parseCollateralFile(notJson)));
    expect([qe.code, qe.field]).toEqual(['COLLATERAL_FIELD_INVALID', 'qe_identity']);
  });
});
