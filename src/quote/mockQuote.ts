import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';

/**
 * Mock TDX quotes: the real TDX v4 byte layout, signed with P-256 dev keys that the dev
 * chain's genesis trusts. Byte-identical to `custos_primitives::mock` for the same inputs
 * (see `chain/primitives/test-vectors/tdx.json`).
 *
 * Layout: header (48) ‖ TD report 1.0 (584) ‖ u32 signature-data length ‖ ECDSA quote
 * signature (64) ‖ attestation key (64) ‖ certification data type 6 { QE report (384) ‖
 * QE report signature (64) ‖ QE auth data ‖ certification data type 0x0C05 = the 64-byte
 * dev PCK public key }.
 */

/** Inner certification-data type of a mock quote (raw dev PCK key). */
export const DEV_PCK_KEY_CERT_TYPE = 0x0c05;
/** Seed of the dev PCK key the development preset allow-lists. */
export const DEV_PCK_SEED = 'custos/dev-pck-key/0';
/** Seed of the attestation key mock quotes are signed with. */
export const DEV_ATTESTATION_SEED = 'custos/dev-attestation-key/0';

const INTEL_QE_VENDOR_ID = Uint8Array.from([
  0x93, 0x9a, 0x72, 0x33, 0xf7, 0x9c, 0x4c, 0xa9, 0x94, 0x0a, 0x0d, 0xb3, 0x95, 0x7f, 0x06, 0x07,
]);

/**
 * TD attributes of the dev image (u64, little-endian in the report): only
 * SEPT_VE_DISABLE (bit 28), as a production TD has them. The chain refuses DEBUG and the
 * rest of bits 0–7, reserved bits, SERVTD_EXT (17), MIGRATABLE (29), and SEPT_VE_DISABLE
 * off (`custos_primitives::check_td_attributes`).
 */
export const DEV_TD_ATTRIBUTES = 0x1000_0000n;
/** XFAM of the dev image (x87, SSE, AVX, AVX-512, PKRU, AMX), as the Intel fixtures carry it. */
export const DEV_XFAM = 0x6_02e7n;

/** Report fields of a mock TD image (same as `custos_primitives::mock::MockTdImage`). */
export interface MockTdImage {
  mrTd: Uint8Array;
  /** RTMR0..RTMR3, 48 bytes each. */
  rtmr: [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  /** 8 bytes, little-endian; bit 0 = debug, bit 28 = SEPT_VE_DISABLE. */
  tdAttributes: Uint8Array;
  /** 8 bytes, little-endian. */
  xfam: Uint8Array;
  /** MRCONFIGID, MROWNER, MROWNERCONFIG: 48 bytes each. */
  mrConfigId: Uint8Array;
  mrOwner: Uint8Array;
  mrOwnerConfig: Uint8Array;
}

/** 8 little-endian bytes of a u64. */
export function le64(v: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, v, true);
  return b;
}

/** The dev image whose measurement and TD policy the development preset accepts. */
export function devImage(): MockTdImage {
  const fill = (b: number) => new Uint8Array(48).fill(b);
  return {
    mrTd: fill(0x4d),
    rtmr: [fill(0x10), fill(0x11), fill(0x12), fill(0x13)],
    tdAttributes: le64(DEV_TD_ATTRIBUTES),
    xfam: le64(DEV_XFAM),
    mrConfigId: fill(0),
    mrOwner: fill(0),
    mrOwnerConfig: fill(0),
  };
}

/** A P-256 secret key from a seed: SHA-256(seed). */
export function secretKeyFromSeed(seed: string): Uint8Array {
  return sha256(new TextEncoder().encode(seed));
}

/** Raw public key (x ‖ y, 64 bytes) of a P-256 secret key. */
export function rawPublicKey(secretKey: Uint8Array): Uint8Array {
  return p256.getPublicKey(secretKey, false).subarray(1);
}

/** The dev PCK public key the development preset allow-lists. */
export function devPckPublicKey(): Uint8Array {
  return rawPublicKey(secretKeyFromSeed(DEV_PCK_SEED));
}

/** Measurement of a TD image: SHA-256(MRTD ‖ RTMR0 ‖ RTMR1 ‖ RTMR2). */
export function measurementOf(image: MockTdImage): Uint8Array {
  return sha256(concat(image.mrTd, image.rtmr[0], image.rtmr[1], image.rtmr[2]));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function le16(v: number): Uint8Array {
  const b = new Uint8Array(2);
  new DataView(b.buffer).setUint16(0, v, true);
  return b;
}

function le32(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v, true);
  return b;
}

function sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  // RFC 6979 deterministic k, SHA-256 prehash, raw r ‖ s; s is not normalised, as in
  // RustCrypto, so both builders emit identical bytes.
  return p256.sign(message, secretKey, { prehash: true, lowS: false });
}

/** Options of {@link buildMockQuote}. */
export interface MockQuoteOptions {
  image?: MockTdImage;
  pckSeed?: string;
  attestationSeed?: string;
}

/**
 * Builds a mock TDX v4 quote carrying `reportData` (64 bytes).
 *
 * @example
 * const quote = buildMockQuote(computeReportData(input));
 */
export function buildMockQuote(reportData: Uint8Array, options: MockQuoteOptions = {}): Uint8Array {
  if (reportData.length !== 64) {
    throw new RangeError(`mock quote: reportData must be 64 bytes, got ${reportData.length}`);
  }
  const image = options.image ?? devImage();
  const pck = secretKeyFromSeed(options.pckSeed ?? DEV_PCK_SEED);
  const attestation = secretKeyFromSeed(options.attestationSeed ?? DEV_ATTESTATION_SEED);
  const attestationPub = rawPublicKey(attestation);

  const header = concat(
    le16(4),
    le16(2),
    le32(0x81),
    le16(0),
    le16(0),
    INTEL_QE_VENDOR_ID,
    new Uint8Array(20),
  );
  const tdReport = concat(
    new Uint8Array(16), // TEE TCB SVN
    new Uint8Array(48), // MRSEAM
    new Uint8Array(48), // MRSIGNERSEAM
    new Uint8Array(8), // SEAM attributes
    image.tdAttributes,
    image.xfam,
    image.mrTd,
    image.mrConfigId,
    image.mrOwner,
    image.mrOwnerConfig,
    ...image.rtmr,
    reportData,
  );
  const signedPart = concat(header, tdReport);
  const quoteSignature = sign(attestation, signedPart);

  const qeAuthData = new Uint8Array(32);
  const qeReport = concat(
    new Uint8Array(320),
    sha256(concat(attestationPub, qeAuthData)),
    new Uint8Array(32),
  );
  const qeReportSignature = sign(pck, qeReport);
  const qeCert = concat(
    qeReport,
    qeReportSignature,
    le16(qeAuthData.length),
    qeAuthData,
    le16(DEV_PCK_KEY_CERT_TYPE),
    le32(64),
    rawPublicKey(pck),
  );
  const sigData = concat(quoteSignature, attestationPub, le16(6), le32(qeCert.length), qeCert);
  return concat(signedPart, le32(sigData.length), sigData);
}
