/**
 * Intel DCAP collateral as an operator provides it: the JSON that Intel's PCS or a PCCS
 * serves, in dcap-qvl's `QuoteCollateralV3` shape (PEM issuer chains, hex DER CRLs, TCB
 * info and QE identity as JSON text, hex signatures). This module only reads, checks
 * dates and encodes; it fetches nothing and verifies no signature (the chain does, once,
 * when the bundle is uploaded).
 *
 * @example
 * const file = parseCollateralFile(readFileSync('collateral.json', 'utf8'));
 * checkCollateralWindow(file, Date.now() / 1000);
 * const scale = encodeCollateral(file);
 */
import { compactToU8a, hexToU8a, isHex, stringToU8a, u8aConcat } from '@polkadot/util';
import { z } from 'zod';
import { CollateralFileError } from '../errors/quote.js';

/** Largest collateral file accepted (the chain's `MaxCollateralLen` is 64 KiB of SCALE). */
export const MAX_COLLATERAL_FILE_BYTES = 256 * 1024;

/** The chain's `MaxCollateralLen`: the largest SCALE-encoded bundle a call may carry. */
export const MAX_COLLATERAL_SCALE_BYTES = 64 * 1024;

const pemChain = z
  .string()
  .min(1)
  .refine((s) => s.includes('-----BEGIN CERTIFICATE-----'), 'not a PEM certificate chain');
const hexBytes = z
  .string()
  .min(2)
  .refine((s) => isHex(s.startsWith('0x') ? s : `0x${s}`), 'not hex');
const jsonText = z.string().min(2);

/** The fields of a collateral file, in the order the chain's SCALE encoding takes them. */
const collateralSchema = z
  .object({
    pck_crl_issuer_chain: pemChain,
    root_ca_crl: hexBytes,
    pck_crl: hexBytes,
    tcb_info_issuer_chain: pemChain,
    tcb_info: jsonText,
    tcb_info_signature: hexBytes,
    qe_identity_issuer_chain: pemChain,
    qe_identity: jsonText,
    qe_identity_signature: hexBytes,
  })
  .strict();

/** A collateral file whose fields are present and well-formed. */
export type CollateralFile = z.infer<typeof collateralSchema>;

/** The dated part of Intel's TCB info and QE identity documents. */
const datedDocument = z.object({
  issueDate: z.string(),
  nextUpdate: z.string(),
  fmspc: z.string().optional(),
  tcbEvaluationDataNumber: z.number().int().nonnegative(),
});

/** What the file says about itself (not verified: the chain verifies the signatures). */
export interface CollateralSummary {
  /** The FMSPC of the TCB info (upper-case hex). */
  fmspc: string;
  /** The lower of the TCB info's and QE identity's evaluation data numbers. */
  tcbEvaluationNumber: number;
  /** UNIX seconds: the later issue date of TCB info and QE identity. */
  issuedAt: number;
  /** UNIX seconds: the earlier next update of TCB info and QE identity. */
  nextUpdate: number;
}

/** Intel's RFC 3339 UTC timestamps (`2025-06-19T10:16:03Z`, fractions allowed). */
const INTEL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function timestamp(field: string, text: string): number {
  const millis = INTEL_TIMESTAMP.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(millis)) {
    throw new CollateralFileError(
      'COLLATERAL_FIELD_INVALID',
      field,
      `not a UTC timestamp: ${text}`,
    );
  }
  return Math.floor(millis / 1000);
}

function document(field: 'tcb_info' | 'qe_identity', text: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CollateralFileError('COLLATERAL_FIELD_INVALID', field, 'not JSON');
  }
  const result = datedDocument.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CollateralFileError(
      'COLLATERAL_FIELD_INVALID',
      `${field}.${issue?.path.join('.') ?? ''}`,
      issue?.message ?? 'invalid',
    );
  }
  return result.data;
}

/**
 * Parses a collateral file's text. Throws {@link CollateralFileError}
 * `COLLATERAL_FILE_INVALID` (too large, not JSON) or `COLLATERAL_FIELD_INVALID` naming the
 * first missing, unknown or malformed field.
 */
export function parseCollateralFile(text: string): CollateralFile {
  if (text.length > MAX_COLLATERAL_FILE_BYTES) {
    throw new CollateralFileError(
      'COLLATERAL_FILE_INVALID',
      'file',
      `larger than ${MAX_COLLATERAL_FILE_BYTES} bytes`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CollateralFileError('COLLATERAL_FILE_INVALID', 'file', 'not JSON');
  }
  const result = collateralSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field =
      issue?.code === 'unrecognized_keys'
        ? issue.keys.join(', ')
        : (issue?.path.join('.') ?? 'file');
    throw new CollateralFileError('COLLATERAL_FIELD_INVALID', field, issue?.message ?? 'invalid');
  }
  return result.data;
}

/** Reads the dates, FMSPC and evaluation numbers of a parsed file. */
export function summarizeCollateral(file: CollateralFile): CollateralSummary {
  const tcb = document('tcb_info', file.tcb_info);
  const qe = document('qe_identity', file.qe_identity);
  if (!tcb.fmspc || !/^[0-9a-fA-F]{12}$/.test(tcb.fmspc)) {
    throw new CollateralFileError('COLLATERAL_FIELD_INVALID', 'tcb_info.fmspc', 'not 6 hex bytes');
  }
  return {
    fmspc: tcb.fmspc.toUpperCase(),
    tcbEvaluationNumber: Math.min(tcb.tcbEvaluationDataNumber, qe.tcbEvaluationDataNumber),
    issuedAt: Math.max(
      timestamp('tcb_info.issueDate', tcb.issueDate),
      timestamp('qe_identity.issueDate', qe.issueDate),
    ),
    nextUpdate: Math.min(
      timestamp('tcb_info.nextUpdate', tcb.nextUpdate),
      timestamp('qe_identity.nextUpdate', qe.nextUpdate),
    ),
  };
}

/**
 * Refuses a file the chain would refuse for its dates at `nowSecs`:
 * `COLLATERAL_EXPIRED` past its next update, `COLLATERAL_NOT_YET_VALID` before its issue
 * date. Returns its summary.
 */
export function checkCollateralWindow(file: CollateralFile, nowSecs: number): CollateralSummary {
  const summary = summarizeCollateral(file);
  const iso = (secs: number) => new Date(secs * 1000).toISOString();
  if (nowSecs > summary.nextUpdate) {
    throw new CollateralFileError(
      'COLLATERAL_EXPIRED',
      'nextUpdate',
      `expired at ${iso(summary.nextUpdate)} (chain time ${iso(nowSecs)}): fetch a newer one`,
    );
  }
  if (nowSecs < summary.issuedAt) {
    throw new CollateralFileError(
      'COLLATERAL_NOT_YET_VALID',
      'issueDate',
      `issued at ${iso(summary.issuedAt)}, after chain time ${iso(nowSecs)}`,
    );
  }
  return summary;
}

/** A SCALE byte vector: compact length, then the bytes. */
function lengthPrefixed(b: Uint8Array): Uint8Array {
  return u8aConcat(compactToU8a(b.length), b);
}
const text = (s: string) => lengthPrefixed(stringToU8a(s));
const bytes = (hex: string) => lengthPrefixed(hexToU8a(hex.startsWith('0x') ? hex : `0x${hex}`));

/**
 * The SCALE encoding of the file as the chain takes it (`dcap_qvl::QuoteCollateralV3`:
 * strings and byte vectors length-prefixed in field order, then `None` for the PCK chain,
 * which the quote carries). Throws `COLLATERAL_FILE_INVALID` when it is larger than a call
 * may carry.
 */
export function encodeCollateral(file: CollateralFile): Uint8Array {
  const encoded = u8aConcat(
    text(file.pck_crl_issuer_chain),
    bytes(file.root_ca_crl),
    bytes(file.pck_crl),
    text(file.tcb_info_issuer_chain),
    text(file.tcb_info),
    bytes(file.tcb_info_signature),
    text(file.qe_identity_issuer_chain),
    text(file.qe_identity),
    bytes(file.qe_identity_signature),
    new Uint8Array([0]),
  );
  if (encoded.length > MAX_COLLATERAL_SCALE_BYTES) {
    throw new CollateralFileError(
      'COLLATERAL_FILE_INVALID',
      'file',
      `${encoded.length} bytes encoded, more than the chain's ${MAX_COLLATERAL_SCALE_BYTES}`,
    );
  }
  return encoded;
}
