import { zValidator } from '@hono/zod-validator';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { Hono } from 'hono';
import { z } from 'zod';
import { ProviderRefusalError } from '../../errors/provider.js';
import { invalidRequest } from '../../http/errors.js';
import { refusal } from '../../http/refusal.js';
import { canonicalAccount } from '../../protocol/messages.js';
import type { BackupProvider } from '../../provider/backupProvider.js';
import type { ShareVault } from '../../provider/shareVault.js';
import { account, releaseRequestSchema, shareOfferSchema } from './schemas.js';

/**
 * Provider routes, mounted at `/v1/backup-provider`:
 * - `POST /shares`: accept a share (returns the signed acknowledgement);
 * - `POST /release`: release a share to a restarted owner (I1 checked against the chain);
 * - `GET /holdings/:owner`: the epochs of `owner` this provider holds a share of.
 *
 * The provider's refusals come back as values and are answered here (`refusal`), never
 * thrown: the request log writes each one's line, within the refusal budget.
 */
export function backupProviderRoutes(provider: BackupProvider, vault: ShareVault) {
  return new Hono()
    .get(
      '/holdings/:owner',
      zValidator('param', z.object({ owner: account }), invalidRequest),
      (c) =>
        c.json({
          owner: c.req.valid('param').owner,
          epochs: vault.epochs(canonicalAccount(c.req.valid('param').owner)),
        }),
    )
    .post('/shares', zValidator('json', shareOfferSchema, invalidRequest), async (c) => {
      const body = c.req.valid('json');
      const ack = await provider.offerShare({
        owner: body.owner,
        epoch: body.epoch,
        enc: hexToU8a(body.enc),
        ciphertext: hexToU8a(body.ciphertext),
        signature: hexToU8a(body.signature),
      });
      if (ack instanceof ProviderRefusalError) return refusal(c, ack.status, ack.code, ack.message);
      return c.json({
        provider: ack.provider,
        providerIncarnation: ack.providerIncarnation,
        shareCommitment: u8aToHex(ack.shareCommitment),
        signature: u8aToHex(ack.signature),
      });
    })
    .post('/release', zValidator('json', releaseRequestSchema, invalidRequest), async (c) => {
      const body = c.req.valid('json');
      const sealed = await provider.release({
        owner: body.owner,
        incarnation: body.incarnation,
        recoveryKeys: body.recoveryKeys.map((k) => hexToU8a(k)),
        signature: hexToU8a(body.signature),
      });
      // Answered here, not thrown to the error handler (likewise for offers): most
      // refusals answer forged requests, and a throw is a good part of what one costs.
      // The request log writes its line (within the refusal budget).
      if (sealed instanceof ProviderRefusalError)
        return refusal(c, sealed.status, sealed.code, sealed.message);
      return c.json({
        provider: sealed.provider,
        epoch: sealed.epoch,
        commitment: u8aToHex(sealed.commitment),
        enc: u8aToHex(sealed.enc),
        ciphertext: u8aToHex(sealed.ciphertext),
        signature: u8aToHex(sealed.signature),
      });
    });
}
