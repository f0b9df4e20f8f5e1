/**
 * Provider routes in-process (`app.request`, no port): every refusal is a clear error and
 * releases nothing. The chain is a scripted in-memory view here; test/integration runs the
 * same provider against Chopsticks.
 */
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateHpkeKeyPair, hpkeOpen, hpkeSeal } from '../../crypto/hpke.js';
import { createApp, MAX_BODY_BYTES } from '../../http/app.js';
import { Metrics } from '../../metrics.js';
import {
  releaseAad,
  releaseRequestPayload,
  shareAad,
  shareOfferPayload,
  TAGS,
} from '../../protocol/messages.js';
import { BackupProvider } from '../../provider/backupProvider.js';
import type { ProviderChainView } from '../../provider/chainView.js';
import { ShareVault } from '../../provider/shareVault.js';

const genesis = new Uint8Array(32).fill(0xaa);

async function setup() {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const provider = keyring.addFromMnemonic(mnemonicGenerate());
  const owner = keyring.addFromMnemonic(mnemonicGenerate());
  const restart = keyring.addFromMnemonic(mnemonicGenerate());
  const providerHpke = await generateHpkeKeyPair();
  const recovery = await generateHpkeKeyPair();
  const state = {
    best: 100,
    assignment: {
      epoch: 2,
      providers: [provider.address],
      confirmedEpoch: 2,
      confirmedProviders: [provider.address],
    },
    attestation: { incarnation: 1, recoveryPublicKey: recovery.publicKey, attestedAt: 95 } as
      | { incarnation: number; recoveryPublicKey: Uint8Array; attestedAt: number }
      | undefined,
  };
  const chain: ProviderChainView = {
    genesisHash: () => genesis,
    bestBlock: async () => state.best,
    assignment: async (o) => (o === owner.address ? state.assignment : undefined),
    attestation: async (o) => (o === owner.address ? state.attestation : undefined),
    restartKey: async (o) => (o === owner.address ? restart.publicKey : undefined),
  };
  const metrics = new Metrics();
  const vault = new ShareVault();
  const receipts: [string, number][] = [];
  const backup = new BackupProvider({
    chain,
    signer: provider,
    x25519PrivateKey: providerHpke.privateKey,
    vault,
    metrics,
    releaseWindow: 20,
    onReleased: (o, i) => receipts.push([o, i]),
  });
  const app = createApp({ provider: backup, vault, metrics, logger: pino({ level: 'silent' }) });
  const post = (
    path: string,
    body: unknown,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ) =>
    app.request(`/v1/backup-provider${path}`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const offer = async (epoch = 2, share = new Uint8Array(33).fill(5), signer = owner) => {
    const sealed = await hpkeSeal(
      providerHpke.publicKey,
      share,
      TAGS.shareInfo,
      shareAad(owner.address, epoch, provider.address),
    );
    const signature = signer.sign(
      shareOfferPayload(
        genesis,
        owner.address,
        epoch,
        provider.address,
        sealed.enc,
        sealed.ciphertext,
      ),
    );
    return {
      owner: owner.address,
      epoch,
      enc: u8aToHex(sealed.enc),
      ciphertext: u8aToHex(sealed.ciphertext),
      signature: u8aToHex(signature),
    };
  };
  const release = (incarnation = 1, key = recovery.publicKey, signer = restart) => ({
    owner: owner.address,
    incarnation,
    recoveryPublicKey: u8aToHex(key),
    signature: u8aToHex(
      signer.sign(
        releaseRequestPayload(genesis, owner.address, incarnation, key, provider.address),
      ),
    ),
  });
  return {
    app,
    post,
    offer,
    release,
    state,
    metrics,
    vault,
    receipts,
    owner,
    provider,
    recovery,
    restart,
  };
}

type Setup = Awaited<ReturnType<typeof setup>>;
let s: Setup;
beforeAll(async () => {
  s = await setup();
});

const released = () => s.metrics.value('custos_shares_released_total');

describe('POST /v1/backup-provider/shares', () => {
  it('accepts an assigned share, keeps it in memory and acknowledges it', async () => {
    const res = await s.post('/shares', await s.offer());
    expect(res.status).toBe(200);
    const ack = (await res.json()) as { provider: string; shareCommitment: string };
    expect(ack.provider).toBe(s.provider.address);
    expect(s.vault.epochs(s.owner.address)).toEqual([2]);
  });

  it('refuses an epoch the chain does not assign, a bad signature, an unknown owner', async () => {
    // Neither the open epoch (2) nor the next one (a rotation: 3).
    expect((await s.post('/shares', await s.offer(4))).status).toBe(403);
    const forged = await s.offer(2, new Uint8Array(33), s.restart);
    const res = await s.post('/shares', forged);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'BAD_SIGNATURE' });
    const stranger = { ...(await s.offer()), owner: s.provider.address };
    expect((await s.post('/shares', stranger)).status).toBe(404);
  });
});

describe('POST /v1/backup-provider/release', () => {
  it('refuses without an attestation, for another recovery key, stale, superseded, unsigned', async () => {
    const before = released();
    const saved = s.state.attestation;
    s.state.attestation = undefined;
    expect(await (await s.post('/release', s.release())).json()).toMatchObject({
      code: 'NO_ATTESTATION',
    });
    s.state.attestation = saved;

    const other = (await generateHpkeKeyPair()).publicKey;
    expect(await (await s.post('/release', s.release(1, other))).json()).toMatchObject({
      code: 'WRONG_RECOVERY_KEY',
    });

    s.state.best = 200;
    expect(await (await s.post('/release', s.release())).json()).toMatchObject({
      code: 'STALE_ATTESTATION',
    });
    s.state.best = 100;

    s.state.attestation = { ...saved!, incarnation: 2 };
    const res = await s.post('/release', s.release(1));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'SUPERSEDED_INCARNATION' });
    s.state.attestation = saved;

    expect(
      await (await s.post('/release', s.release(1, s.recovery.publicKey, s.owner))).json(),
    ).toMatchObject({ code: 'BAD_SIGNATURE' });

    const confirmed = s.state.assignment.confirmedProviders;
    s.state.assignment.confirmedProviders = [s.owner.address];
    expect(await (await s.post('/release', s.release())).json()).toMatchObject({
      code: 'NOT_A_CONFIRMED_HOLDER',
    });
    s.state.assignment.confirmedProviders = confirmed;

    expect(released()).toBe(before);
    expect(s.receipts).toEqual([]);
    expect(s.metrics.value('custos_requests_refused_total', { code: 'WRONG_RECOVERY_KEY' })).toBe(
      1,
    );
  });

  it('releases to the attested recovery key once, then refuses the replay', async () => {
    const res = await s.post('/release', s.release());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { enc: string; ciphertext: string };
    const share = await hpkeOpen(
      s.recovery.privateKey,
      {
        enc: Buffer.from(body.enc.slice(2), 'hex'),
        ciphertext: Buffer.from(body.ciphertext.slice(2), 'hex'),
      },
      TAGS.releaseInfo,
      releaseAad(s.owner.address, 1, s.provider.address),
      'share',
    );
    expect(share).toEqual(new Uint8Array(33).fill(5));
    expect(s.receipts).toEqual([[s.owner.address, 1]]);
    const replay = await s.post('/release', s.release());
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ code: 'REPLAYED_REQUEST' });
    expect(released()).toBe(1);
  });
});

describe('request hygiene', () => {
  it('names the invalid field of malformed input', async () => {
    const res = await s.post('/release', { ...s.release(), recoveryPublicKey: '0x1234' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('recoveryPublicKey'),
    });
    const extra = await s.post('/release', { ...s.release(), extra: 1 });
    expect(extra.status).toBe(400);
    const broken = await s.post('/shares', '{"owner":');
    expect(broken.status).toBe(400);
  });

  it('refuses a wrong content type and an oversized body', async () => {
    expect(
      (await s.post('/shares', await s.offer(), { 'content-type': 'text/plain' })).status,
    ).toBe(415);
    const big = JSON.stringify({ owner: s.owner.address, pad: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await s.post('/shares', big);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
  });

  it('serves health and Prometheus metrics', async () => {
    const health = await s.app.request('/v1/health');
    expect(await health.json()).toMatchObject({ status: 'ok', sharesHeld: 1 });
    const metrics = await (await s.app.request('/metrics')).text();
    expect(metrics).toContain('custos_shares_released_total 1');
    expect(metrics).toContain('custos_requests_refused_total{code="REPLAYED_REQUEST"} 1');
  });
});
