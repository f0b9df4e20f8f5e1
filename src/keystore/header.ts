import { HeaderInvalidError, StoreFormatError } from '../errors/keystore.js';

/**
 * Format of the sealed store; bumped on incompatible layout changes. 2: namespaces and the
 * manifest (see `sealedStore.ts`). A store of another format is refused
 * ({@link StoreFormatError}); there is no migration.
 */
export const STORE_FORMAT_VERSION = 2;

/**
 * The plaintext header: only what recovery needs before the KEK is known. Its integrity is
 * checked (MAC under a key derived from the DEK) as soon as the store is unlocked.
 *
 * The restart key's secret seed lives here on purpose (DESIGN.md flow 3): a restarted node
 * must sign its restart attestation before it has its KEK. It can do nothing alone: the
 * chain also requires a fresh quote from a genuine TD with an accepted measurement, and
 * shares are released only to that TD's ephemeral recovery key.
 */
export interface StoreHeader {
  format: number;
  /** TSS account, SS58. */
  tssAccount: string;
  /** 32-byte sr25519 seed of the restart key, hex. */
  restartSeed: string;
  /** Increases on every commit. */
  storeVersion: number;
}

const HEX32 = /^0x[0-9a-f]{64}$/;

/**
 * Parses and validates a header; throws {@link StoreFormatError} for a store of another
 * format and {@link HeaderInvalidError} naming the field for anything else malformed.
 */
export function parseHeader(text: string): StoreHeader {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new HeaderInvalidError('not JSON');
  }
  if (typeof raw !== 'object' || raw === null) throw new HeaderInvalidError('not an object');
  const h = raw as Record<string, unknown>;
  if (typeof h.format !== 'number' || !Number.isSafeInteger(h.format))
    throw new HeaderInvalidError('format');
  if (h.format !== STORE_FORMAT_VERSION) throw new StoreFormatError(h.format, STORE_FORMAT_VERSION);
  if (typeof h.tssAccount !== 'string' || h.tssAccount.length < 40)
    throw new HeaderInvalidError('tssAccount');
  if (typeof h.restartSeed !== 'string' || !HEX32.test(h.restartSeed))
    throw new HeaderInvalidError('restartSeed');
  if (
    typeof h.storeVersion !== 'number' ||
    !Number.isSafeInteger(h.storeVersion) ||
    h.storeVersion < 0
  ) {
    throw new HeaderInvalidError('storeVersion');
  }
  return {
    format: h.format,
    tssAccount: h.tssAccount,
    restartSeed: h.restartSeed,
    storeVersion: h.storeVersion,
  };
}

/** Canonical bytes of a header (fixed key order), for its MAC. */
export function headerBytes(h: StoreHeader): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({
      format: h.format,
      tssAccount: h.tssAccount,
      restartSeed: h.restartSeed,
      storeVersion: h.storeVersion,
    }),
  );
}
