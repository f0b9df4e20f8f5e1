import { sha512 } from '@noble/hashes/sha2.js';

/** Domain tag of the report-data binding; the runtime uses the same bytes. */
export const REPORT_DATA_DOMAIN_TAG = new TextEncoder().encode('custos/tdx-report-data/1');

/** Why a quote was produced: registration or restart. */
export type ReportDataContext = 'register' | 'restart';

const CONTEXT_BYTE: Record<ReportDataContext, number> = { register: 1, restart: 2 };

/** Everything a quote's 64 bytes of report data bind (DESIGN.md flow 3). */
export interface ReportDataInput {
  context: ReportDataContext;
  /** 32-byte genesis hash of the chain the quote is for. */
  genesisHash: Uint8Array;
  /** 32-byte TSS account (sr25519 public key). */
  tssAccount: Uint8Array;
  /** 32-byte x25519 key: the server's (register) or the recovery key (restart). */
  publicKey: Uint8Array;
  /** 32-byte sr25519 restart key registered for the account. */
  restartKey: Uint8Array;
  /** 0 at first registration, recorded + 1 on restart. */
  incarnation: number;
  /** A recent block's number. */
  blockNumber: number;
  /** That block's 32-byte hash. */
  blockHash: Uint8Array;
}

/** Error for an input that cannot be bound (wrong length or range). */
export class ReportDataInputError extends Error {
  override readonly name = 'ReportDataInputError';
  readonly code = 'REPORT_DATA_INPUT_INVALID';
  constructor(
    readonly field: keyof ReportDataInput,
    readonly reason: string,
  ) {
    super(`report data: ${field} ${reason}`);
  }
}

function bytes32(field: keyof ReportDataInput, value: Uint8Array): Uint8Array {
  if (value.length !== 32) {
    throw new ReportDataInputError(field, `must be 32 bytes, got ${value.length}`);
  }
  return value;
}

function u32le(field: keyof ReportDataInput, value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new ReportDataInputError(field, 'must be an integer in 0..2^32-1');
  }
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, true);
  return out;
}

/**
 * The 64 report-data bytes for `input`:
 * `SHA-512(tag ‖ context ‖ genesis ‖ account ‖ publicKey ‖ restartKey ‖ incarnation LE ‖
 * blockNumber LE ‖ blockHash)`. Byte-identical to `ReportDataInput::report_data` in
 * `chain/primitives`; shared vectors in `chain/primitives/test-vectors/tdx.json` prove it.
 *
 * @example
 * const rd = computeReportData({ context: 'restart', genesisHash, tssAccount, publicKey,
 *   restartKey, incarnation: 1, blockNumber: 42, blockHash });
 */
export function computeReportData(input: ReportDataInput): Uint8Array {
  const parts = [
    REPORT_DATA_DOMAIN_TAG,
    Uint8Array.of(CONTEXT_BYTE[input.context]),
    bytes32('genesisHash', input.genesisHash),
    bytes32('tssAccount', input.tssAccount),
    bytes32('publicKey', input.publicKey),
    bytes32('restartKey', input.restartKey),
    u32le('incarnation', input.incarnation),
    u32le('blockNumber', input.blockNumber),
    bytes32('blockHash', input.blockHash),
  ];
  const total = parts.reduce((n, p) => n + p.length, 0);
  const preimage = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    preimage.set(part, offset);
    offset += part.length;
  }
  return sha512(preimage);
}
