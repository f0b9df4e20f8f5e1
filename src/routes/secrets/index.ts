import { timingSafeEqual } from 'node:crypto';
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import { invalidRequest } from '../../http/errors.js';
import { refusal } from '../../http/refusal.js';
import type { SecretNamespace } from '../../keystore/sealedStore.js';
import { putSecretSchema, secretName } from './schemas.js';

/** Dependencies of the local secret API. */
export interface SecretApiDeps {
  /**
   * The store's `tss` namespace: the only one this API can address, so no name a request
   * carries reaches the companion's own keys (`node` namespace).
   */
  secrets: SecretNamespace<'tss'>;
  /** Bearer token the local TSS server presents (compared in constant time). */
  token: string;
  /** Anchors `version` on chain; resolves once it is in a block. */
  anchor: (version: number) => Promise<{ blockNumber: number }>;
}

const name = secretName;
const putBody = putSecretSchema;

/**
 * The local secret API for the TSS server on the same machine, mounted at `/v1/secrets`
 * and bound to loopback: `PUT|GET|DELETE /v1/secrets/:name` (values base64 in JSON) and
 * `POST /v1/secrets/checkpoint`, which answers only once the data is durable (every
 * commit is) and its store version is anchored on chain. Every request needs
 * `authorization: Bearer <token>`. A secret whose bytes on disk are not the ones last
 * committed answers 422 `STORE_INTEGRITY` (through the one error mapping); nothing is
 * served from it.
 *
 * @example
 * app.route('/v1/secrets', secretApiRoutes({ secrets: store.namespace('tss'), token, anchor }));
 */
export function secretApiRoutes(deps: SecretApiDeps) {
  if (deps.secrets.namespace !== 'tss')
    throw new TypeError("the secret API must be given the store's tss namespace only");
  const secrets = deps.secrets;
  const expected = Buffer.from(`Bearer ${deps.token}`);
  return new Hono()
    .use('*', async (c, next) => {
      const given = Buffer.from(c.req.header('authorization') ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return refusal(c, 401, 'UNAUTHORISED', 'missing or wrong bearer token');
      }
      await next();
    })
    .post('/checkpoint', async (c) => {
      const version = secrets.version;
      const { blockNumber } = await deps.anchor(version);
      return c.json({ storeVersion: version, anchoredAt: blockNumber });
    })
    .put(
      '/:name{.+}',
      zValidator('param', z.object({ name }), invalidRequest),
      zValidator('json', putBody, invalidRequest),
      (c) => {
        const storeVersion = secrets.put(
          c.req.valid('param').name,
          Buffer.from(c.req.valid('json').value, 'base64'),
        );
        return c.json({ storeVersion });
      },
    )
    .get('/:name{.+}', zValidator('param', z.object({ name }), invalidRequest), (c) => {
      const value = secrets.get(c.req.valid('param').name);
      if (!value) return refusal(c, 404, 'NOT_FOUND', 'no such secret');
      return c.json({ value: Buffer.from(value).toString('base64') });
    })
    .delete('/:name{.+}', zValidator('param', z.object({ name }), invalidRequest), (c) => {
      return c.json({ storeVersion: secrets.delete(c.req.valid('param').name) });
    });
}
