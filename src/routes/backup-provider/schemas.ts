import { isHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { z } from 'zod';
import { MAX_RECOVERY_KEYS } from '../../protocol/messages.js';

/** A 0x-hex string of exactly `bytes` bytes, or of a length within `[min, max]`. */
export const hexBytes = (bytes: number | [number, number]) =>
  z.string().refine(
    (s) => {
      if (!isHex(s)) return false;
      const n = (s.length - 2) / 2;
      return typeof bytes === 'number' ? n === bytes : n >= bytes[0] && n <= bytes[1];
    },
    {
      message:
        typeof bytes === 'number'
          ? `must be 0x-hex of ${bytes} bytes`
          : `must be 0x-hex of ${bytes[0]}..${bytes[1]} bytes`,
    },
  );

/** An SS58 or hex account of 32 bytes. */
export const account = z.string().refine(
  (s) => {
    try {
      return decodeAddress(s).length === 32;
    } catch {
      return false;
    }
  },
  { message: 'must be an SS58 or hex account of 32 bytes' },
);

/** Body of POST /v1/backup-provider/shares. */
export const shareOfferSchema = z.strictObject({
  owner: account,
  epoch: z.number().int().min(1).max(0xffff_ffff),
  enc: hexBytes(32),
  ciphertext: hexBytes([17, 4096]),
  signature: hexBytes(64),
});

/** Body of POST /v1/backup-provider/release. */
export const releaseRequestSchema = z.strictObject({
  owner: account,
  incarnation: z.number().int().min(1).max(0xffff_ffff),
  /** One x25519 key per confirmed holder, in holder order (their root is on chain). */
  recoveryKeys: z
    .array(hexBytes(32))
    .min(1)
    .max(MAX_RECOVERY_KEYS)
    .refine((keys) => new Set(keys.map((k) => k.toLowerCase())).size === keys.length, {
      message: 'must not repeat a key',
    }),
  signature: hexBytes(64),
});

/** Reply of POST /v1/backup-provider/shares: the provider's signed acknowledgement. */
export const shareAckSchema = z.strictObject({
  provider: account,
  providerIncarnation: z.number().int().min(0).max(0xffff_ffff),
  shareCommitment: hexBytes(32),
  signature: hexBytes(64),
});

/**
 * Most bytes of a released ciphertext: the runtime's `MaxReleaseCiphertext`, so that every
 * signed release the owner accepts for checking can also be proven on chain if it is bad.
 * An honest release is 81 bytes (65 + the 16-byte tag).
 */
export const MAX_RELEASE_CIPHERTEXT_BYTES = 256;

/** Reply of POST /v1/backup-provider/release: the share sealed to the recovery key, signed. */
export const sealedReleaseSchema = z.strictObject({
  provider: account,
  epoch: z.number().int().min(1).max(0xffff_ffff),
  commitment: hexBytes(32),
  enc: hexBytes(32),
  ciphertext: hexBytes([17, MAX_RELEASE_CIPHERTEXT_BYTES]),
  signature: hexBytes(64),
});
