import { z } from 'zod';
import { canonicalAccount, MAX_RECOVERY_KEYS } from '../../protocol/messages.js';

/**
 * A 0x-hex string of exactly `bytes` bytes, or of a length within `[min, max]`. A pattern,
 * so that the OpenAPI documents (`src/http/openapi.ts`) state it too; the string's length
 * is capped first, so the pattern never runs on an oversized value.
 */
export const hexBytes = (bytes: number | [number, number]) => {
  const [min, max] = typeof bytes === 'number' ? [bytes, bytes] : bytes;
  // A fixed size is a plain run of digits (cheaper to match than pairs of them).
  const digits = min === max ? `[0-9a-fA-F]{${2 * min}}` : `(?:[0-9a-fA-F]{2}){${min},${max}}`;
  const message =
    typeof bytes === 'number'
      ? `must be 0x-hex of ${bytes} bytes`
      : `must be 0x-hex of ${min}..${max} bytes`;
  return z
    .string()
    .max(2 + 2 * max, { message, abort: true })
    .regex(new RegExp(`^0x${digits}$`), { message });
};

/** An SS58 or hex account of 32 bytes. */
export const account = z
  .string()
  .max(66, { message: 'must be an SS58 or hex account of 32 bytes', abort: true })
  .refine(
    (s) => {
      try {
        // 32 bytes: 0x and 64 hex digits.
        return canonicalAccount(s).length === 66;
      } catch {
        return false;
      }
    },
    { message: 'must be an SS58 or hex account of 32 bytes' },
  )
  .meta({ description: 'an account of 32 bytes: SS58 (any network prefix) or 0x-hex' });

/** Reply of GET /v1/backup-provider/holdings/:owner. */
export const holdingsSchema = z.strictObject({
  owner: account,
  epochs: z
    .array(z.number().int().min(1))
    .meta({ description: 'epochs of the owner this provider holds a share of' }),
});

/** Reply of GET /v1/health. */
export const healthSchema = z.strictObject({
  status: z.literal('ok'),
  sharesHeld: z.number().int().min(0),
});

/** The body of every refusal: a fixed code and a message naming the field or the reason. */
export const errorBodySchema = z.strictObject({
  code: z
    .string()
    .meta({ description: 'a fixed code, e.g. INVALID_REQUEST, RATE_LIMITED, NO_ATTESTATION' }),
  message: z.string(),
});

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
