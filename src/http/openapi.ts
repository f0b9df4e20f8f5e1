/**
 * OpenAPI 3.1 documents of the companion's two HTTP APIs, generated from the same zod
 * schemas the routes validate with (zod's JSON Schema output, draft 2020-12, which OpenAPI
 * 3.1 uses). Served at `/v1/openapi.json` by each app; `openapi.test.ts` checks that every
 * route an app serves is documented and nothing else is.
 */
import { type ZodType, z } from 'zod';
import {
  account,
  errorBodySchema,
  healthSchema,
  holdingsSchema,
  releaseRequestSchema,
  sealedReleaseSchema,
  shareAckSchema,
  shareOfferSchema,
} from '../routes/backup-provider/schemas.js';
import {
  checkpointSchema,
  putSecretSchema,
  secretName,
  secretValueSchema,
  storeVersionSchema,
} from '../routes/secrets/schemas.js';

/** The version both documents carry (the package's). */
export const API_VERSION = '0.1.0';

type JsonObject = Record<string, unknown>;

/** `schema` as JSON Schema for a request (`input`) or a reply (`output`). */
function jsonSchema(schema: ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JsonObject;
  return rest;
}

const json = (schema: ZodType, io: 'input' | 'output') => ({
  'application/json': { schema: jsonSchema(schema, io) },
});

/** A refusal response: `{ code, message }`. */
const refusal = (description: string) => ({
  description,
  content: json(errorBodySchema, 'output'),
});

/** The refusals every route of the hardened apps may answer. */
const COMMON_REFUSALS = {
  '400': refusal('a field is malformed: the message names it and says why'),
  '413': refusal('the body is larger than the API accepts'),
  '415': refusal('the body is not application/json'),
  '422': refusal('a known error with its fixed code (for example STORE_INTEGRITY)'),
  '500': refusal('an unexpected error (logged; no internals in the answer)'),
};

interface Operation {
  summary: string;
  params?: { name: string; schema: ZodType; description: string }[];
  body?: ZodType;
  reply: { schema?: ZodType; description: string; contentType?: string };
  refusals?: Record<string, string>;
}

function operation(op: Operation, security?: JsonObject[]): JsonObject {
  return {
    summary: op.summary,
    ...(security ? { security } : {}),
    ...(op.params
      ? {
          parameters: op.params.map((p) => ({
            name: p.name,
            in: 'path',
            required: true,
            description: p.description,
            schema: jsonSchema(p.schema, 'input'),
          })),
        }
      : {}),
    ...(op.body ? { requestBody: { required: true, content: json(op.body, 'input') } } : {}),
    responses: {
      '200': {
        description: op.reply.description,
        ...(op.reply.schema
          ? { content: json(op.reply.schema, 'output') }
          : {
              content: { [op.reply.contentType ?? 'text/plain']: { schema: { type: 'string' } } },
            }),
      },
      ...COMMON_REFUSALS,
      ...Object.fromEntries(
        Object.entries(op.refusals ?? {}).map(([status, d]) => [status, refusal(d)]),
      ),
    },
  };
}

/**
 * The provider API (`createApp`): what other validators' companions call to back up and
 * recover a KEK, plus health and metrics.
 */
export function providerOpenApi(): JsonObject {
  const limited = {
    '429': 'RATE_LIMITED: retry after the Retry-After header (seconds)',
    '503': 'CHAIN_NOT_READ: the provider has not read the finalized chain state it needs yet',
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'custos provider API',
      version: API_VERSION,
      description:
        'Served by every companion to the other validators: stores shares of their KEK and releases them, sealed, to a restarted owner once its restart attestation is final on chain.',
    },
    paths: {
      '/v1/backup-provider/shares': {
        post: operation({
          summary: "store a share of the owner's current epoch; answers the signed acknowledgement",
          body: shareOfferSchema,
          reply: {
            schema: shareAckSchema,
            description: 'the acknowledgement the owner puts on chain',
          },
          refusals: {
            ...limited,
            '401': 'BAD_SIGNATURE: the offer is not signed by the owner',
            '403': "NOT_ASSIGNED: this provider is not one of the epoch's providers",
            '404': 'UNKNOWN_OWNER: no backup assignment for the owner',
            '409': 'EPOCH_CONFIRMED (the epoch is confirmed already) or TOO_MANY_OFFERS',
            '422': 'UNDECRYPTABLE_SHARE or MALFORMED_SHARE',
          },
        }),
      },
      '/v1/backup-provider/release': {
        post: operation({
          summary: "release this provider's share to a restarted owner, sealed to its recovery key",
          body: releaseRequestSchema,
          reply: { schema: sealedReleaseSchema, description: 'the sealed, signed share' },
          refusals: {
            ...limited,
            '401': "BAD_SIGNATURE: the request is not signed by the owner's restart key",
            '403':
              'NO_ATTESTATION, STALE_ATTESTATION, WRONG_RECOVERY_KEY (not bound by the final restart attestation) or NOT_A_CONFIRMED_HOLDER',
            '404': 'UNKNOWN_OWNER or NO_SHARE (no share of the confirmed epoch held)',
            '409': 'SUPERSEDED_INCARNATION or CONFIRMED_AFTER_RESTART',
          },
        }),
      },
      '/v1/backup-provider/holdings/{owner}': {
        get: operation({
          summary: 'the epochs of an owner this provider holds a share of',
          params: [{ name: 'owner', schema: account, description: 'the owner' }],
          reply: { schema: holdingsSchema, description: 'the epochs held' },
          refusals: limited,
        }),
      },
      '/v1/health': {
        get: operation({
          summary: 'liveness, and how many shares are held',
          reply: { schema: healthSchema, description: 'up' },
        }),
      },
      '/metrics': {
        get: operation({
          summary: 'Prometheus counters (docs/companion.md "Metrics")',
          reply: {
            description: 'the text exposition format',
            contentType: 'text/plain; version=0.0.4',
          },
        }),
      },
      '/v1/openapi.json': {
        get: operation({
          summary: 'this document',
          reply: { description: 'OpenAPI 3.1', contentType: 'application/json' },
        }),
      },
    },
  };
}

/**
 * The local secret API (`createLocalApp`): what the TSS server on the same machine calls to
 * keep its keyshares in the sealed store and checkpoint them on chain.
 */
export function secretApiOpenApi(): JsonObject {
  const bearer = [{ bearer: [] }];
  const unauthorised = { '401': 'missing or wrong bearer token' };
  const nameParam = [
    { name: 'name', schema: secretName, description: 'the secret, e.g. tss/keyshare' },
  ];
  return {
    openapi: '3.1.0',
    info: {
      title: 'custos secret API',
      version: API_VERSION,
      description:
        'Served on loopback to the TSS server next to the companion: secrets kept in the encrypted store; a checkpoint answers once the store version is anchored on chain.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'the token from custos init' },
      },
    },
    paths: {
      '/v1/secrets/{name}': {
        put: operation(
          {
            summary: 'store a secret (durable when the answer arrives)',
            params: nameParam,
            body: putSecretSchema,
            reply: { schema: storeVersionSchema, description: 'the committed store version' },
            refusals: unauthorised,
          },
          bearer,
        ),
        get: operation(
          {
            summary: 'read a secret',
            params: nameParam,
            reply: { schema: secretValueSchema, description: 'the value, base64' },
            refusals: { ...unauthorised, '404': 'no such secret' },
          },
          bearer,
        ),
        delete: operation(
          {
            summary: 'delete a secret',
            params: nameParam,
            reply: { schema: storeVersionSchema, description: 'the committed store version' },
            refusals: unauthorised,
          },
          bearer,
        ),
      },
      '/v1/secrets/checkpoint': {
        post: operation(
          {
            summary: 'anchor the current store version on chain; answers once it is in a block',
            reply: {
              schema: checkpointSchema,
              description:
                'the anchored version and its block; concurrent checkpoints are anchored one at a time, and one the chain already holds sends nothing',
            },
            refusals: unauthorised,
          },
          bearer,
        ),
      },
      '/v1/openapi.json': {
        get: operation({
          summary: 'this document',
          reply: { description: 'OpenAPI 3.1', contentType: 'application/json' },
        }),
      },
    },
  };
}
