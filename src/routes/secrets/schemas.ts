import { z } from 'zod';

/** A secret's name in the URL: 1–256 of letters, digits and `. _ : / -`. */
export const secretName = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[A-Za-z0-9._:/-]+$/, 'letters, digits and . _ : / - only');

/** Body of PUT /v1/secrets/:name: the value, base64 (at most 1 MiB of bytes). */
export const putSecretSchema = z.strictObject({ value: z.string().base64().max(1_400_000) });

/** Reply of PUT and DELETE /v1/secrets/:name: the store version that committed the change. */
export const storeVersionSchema = z.strictObject({ storeVersion: z.number().int().min(0) });

/** Reply of GET /v1/secrets/:name. */
export const secretValueSchema = z.strictObject({ value: z.string().base64() });

/** Reply of POST /v1/secrets/checkpoint: the version anchored and the block it is in. */
export const checkpointSchema = z.strictObject({
  storeVersion: z.number().int().min(0),
  anchoredAt: z.number().int().min(0).meta({
    description:
      'the block the anchor is in, or, when the chain held this version already (a backup confirmation anchored it), the block whose state showed that',
  }),
});
