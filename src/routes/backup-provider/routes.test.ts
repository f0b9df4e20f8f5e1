/**
 * Provider routes in-process (`app.request`, no port): every refusal is a clear error and
 * stores or releases nothing. The chain is a scripted in-memory view of finalized state
 * here; test/integration runs the same provider against Chopsticks.
 */
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import {
  cryptoWaitReady,
  decodeAddress,
  encodeAddress,
  mnemonicGenerate,
  randomAsU8a,
  signatureVerify,
} from '@polkadot/util-crypto';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateHpkeKeyPair, hpkeSeal } from '../../crypto/hpke.js';
import { ProviderRefusalError } from '../../errors/provider.js';
import { createApp, MAX_BODY_BYTES } from '../../http/app.js';
import { Metrics } from '../../metrics.js';
import { verifyRelease } from '../../owner/verifyRelease.js';
import {
  canonicalAccount,
  chainAckPayload,
  recoveryKeysRoot,
  releaseRequestPayload,
  shareAad,
  shareCommitment,
  shareOfferPayload,
  TAGS,
} from '../../protocol/messages.js';
import { BackupProvider } from '../../provider/backupProvider.js';
import type {
  AssignmentView,
  AttestationView,
  ProviderChainView,
} from '../../provider/chainView.js';
import { MAX_CANDIDATES_PER_EPOCH, ShareVault } from '../../provider/shareVault.js';

const genesis = new Uint8Array(32).fill(0xaa);
/** A well-formed held share: 32 y bytes, x = `x`, 32 blinding bytes. */
const heldShare = (fill: number, x = 1) =>
  u8aConcat(new Uint8Array(32).fill(fill), Uint8Array.of(x), new Uint8Array(32).fill(fill + 1));

async function setup() {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const provider = keyring.addFromMnemonic(mnemonicGenerate());
  const owner = keyring.addFromMnemonic(mnemonicGenerate());
  const restart = keyring.addFromMnemonic(mnemonicGenerate());
  const providerHpke = await generateHpkeKeyPair();
  const recovery = await generateHpkeKeyPair();
  const ownerKey = canonicalAccount(owner.address);
  const state = {
    finalized: 100,
    reads: 0,
    assignment: {
      epoch: 3,
      providers: [provider.address],
      confirmedEpoch: 2,
      confirmedAt: 90,
      confirmedProviders: [provider.address],
      confirmedCommitments: [new Uint8Array(32)],
    } as AssignmentView,
    attestation: {
      incarnation: 1,
      recoveryKeysRoot: recoveryKeysRoot([recovery.publicKey]),
      attestedAt: 95,
    } as AttestationView | undefined,
    providerIncarnation: 4,
    /** The owner's restart key as the chain records it. */
    restartKey: restart.publicKey,
    /** Applied to the state when the provider waits for a newer finalized block. */
    nextFinalized: undefined as (() => void) | undefined,
  };
  const isOwner = (o: string) => canonicalAccount(o) === ownerKey;
  const chain: ProviderChainView = {
    genesisHash: () => genesis,
    finalized: async () => {
      state.reads++;
      return {
        block: state.finalized,
        assignment: async (o) => (isOwner(o) ? state.assignment : undefined),
        attestation: async (o) =>
          isOwner(o)
            ? state.attestation
            : o === provider.address
              ? {
                  incarnation: state.providerIncarnation,
                  recoveryKeysRoot: new Uint8Array(32),
                  attestedAt: 1,
                }
              : undefined,
        restartKey: async (o) => (isOwner(o) ? state.restartKey : undefined),
      };
    },
    // The chain moves on only when a test says what the next finalized block holds.
    newer: async () => {
      const next = state.nextFinalized;
      if (!next) return undefined;
      state.nextFinalized = undefined;
      next();
      state.finalized += 1;
      return await chain.finalized();
    },
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
  // Rate limits have their own tests (src/http/rateLimit.test.ts); these requests all come
  // from one in-process client.
  const roomy = { burst: 10_000, perSecond: 10_000 };
  const app = createApp({
    provider: backup,
    vault,
    metrics,
    logger: pino({ level: 'silent' }),
    rateLimit: { perClient: roomy, global: roomy, maxClients: 16 },
  });
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

  const offer = async (epoch = 3, held = heldShare(5), signer = owner, as = owner.address) => {
    const sealed = await hpkeSeal(
      providerHpke.publicKey,
      held,
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
      owner: as,
      epoch,
      enc: u8aToHex(sealed.enc),
      ciphertext: u8aToHex(sealed.ciphertext),
      signature: u8aToHex(signature),
    };
  };
  const release = (incarnation = 1, keys = [recovery.publicKey], signer = restart) => ({
    owner: owner.address,
    incarnation,
    recoveryKeys: keys.map((k) => u8aToHex(k)),
    signature: u8aToHex(
      signer.sign(
        releaseRequestPayload(
          genesis,
          owner.address,
          incarnation,
          recoveryKeysRoot(keys),
          provider.address,
        ),
      ),
    ),
  });
  const commitmentOf = (held: Uint8Array, epoch = 3) =>
    shareCommitment(genesis, owner.address, epoch, provider.address, held);
  return {
    app,
    backup,
    post,
    offer,
    release,
    state,
    metrics,
    vault,
    receipts,
    owner,
    ownerKey,
    provider,
    recovery,
    restart,
    commitmentOf,
  };
}

type Setup = Awaited<ReturnType<typeof setup>>;
let s: Setup;
beforeAll(async () => {
  s = await setup();
});

const released = () => s.metrics.value('custos_shares_released_total');

describe('POST /v1/backup-provider/shares', () => {
  it('holds an assigned share under its commitment and acknowledges it at its incarnation', async () => {
    const res = await s.post('/shares', await s.offer());
    expect(res.status).toBe(200);
    const ack = (await res.json()) as {
      provider: string;
      providerIncarnation: number;
      shareCommitment: string;
      signature: string;
    };
    expect(ack.provider).toBe(s.provider.address);
    expect(ack.providerIncarnation).toBe(4);
    const commitment = s.commitmentOf(heldShare(5));
    expect(ack.shareCommitment).toBe(u8aToHex(commitment));
    const payload = chainAckPayload(genesis, s.owner.address, 3, 4, commitment);
    expect(signatureVerify(payload, ack.signature, s.provider.publicKey).isValid).toBe(true);
    expect(s.vault.epochs(s.ownerKey)).toEqual([3]);
  });

  it('a replayed offer, under any spelling of the owner, replaces nothing and adds no entry', async () => {
    const before = s.vault.size;
    const hexUpper = `0x${u8aToHex(decodeAddress(s.owner.address)).slice(2).toUpperCase()}`;
    for (const as of [s.owner.address, encodeAddress(s.owner.publicKey, 0), hexUpper]) {
      const res = await s.post('/shares', await s.offer(3, heldShare(5), s.owner, as));
      expect(res.status).toBe(200);
    }
    expect(s.vault.size).toBe(before);
    expect(s.vault.owners()).toEqual([s.ownerKey]);
  });

  it('refuses malformed shares (length, x = 0) and stores nothing', async () => {
    const before = s.vault.size;
    for (const held of [heldShare(7, 0), new Uint8Array(33).fill(5), new Uint8Array(66).fill(1)]) {
      const res = await s.post('/shares', await s.offer(3, held));
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ code: 'MALFORMED_SHARE' });
    }
    expect(s.vault.size).toBe(before);
  });

  it('checks the owner signature before any chain read', async () => {
    const reads = s.state.reads;
    const forged = await s.offer(3, heldShare(9), s.restart);
    const res = await s.post('/shares', forged);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'BAD_SIGNATURE' });
    expect(s.state.reads).toBe(reads);
  });

  it('refuses an epoch the chain does not assign, a confirmed epoch, an unknown owner', async () => {
    // Neither the open epoch (3) nor the next one.
    expect((await s.post('/shares', await s.offer(5))).status).toBe(403);
    const old = await s.post('/shares', await s.offer(2));
    expect(old.status).toBe(409);
    expect(await old.json()).toMatchObject({ code: 'EPOCH_CONFIRMED' });
    const stranger = await s.post('/shares', { ...(await s.offer()), owner: s.provider.address });
    expect(stranger.status).toBe(401); // signed for another owner: the signature fails first
  });

  it('bounds the candidates of one epoch', async () => {
    for (let i = 0; s.vault.size < MAX_CANDIDATES_PER_EPOCH; i++)
      expect((await s.post('/shares', await s.offer(3, heldShare(20 + i)))).status).toBe(200);
    const res = await s.post('/shares', await s.offer(3, heldShare(99)));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'TOO_MANY_OFFERS' });
    expect(s.vault.size).toBe(MAX_CANDIDATES_PER_EPOCH);
  });

  it('after the confirmation keeps only the confirmed share and refuses replays of the epoch', async () => {
    const confirmed = heldShare(5);
    s.state.assignment = {
      ...s.state.assignment,
      confirmedEpoch: 3,
      confirmedCommitments: [s.commitmentOf(confirmed)],
    };
    s.vault.settle(s.ownerKey, 3, s.commitmentOf(confirmed));
    expect(s.vault.size).toBe(1);
    const replay = await s.post('/shares', await s.offer(3, heldShare(21)));
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ code: 'EPOCH_CONFIRMED' });
    expect(s.vault.get(s.ownerKey, 3, s.commitmentOf(confirmed))).toEqual(confirmed);
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
    expect(await (await s.post('/release', s.release(1, [other]))).json()).toMatchObject({
      code: 'WRONG_RECOVERY_KEY',
    });
    // Keys whose root the chain did record, but more than one per confirmed holder and an
    // escrow key.
    const three = [s.recovery.publicKey, other, (await generateHpkeKeyPair()).publicKey];
    s.state.attestation = { ...saved!, recoveryKeysRoot: recoveryKeysRoot(three) };
    expect(await (await s.post('/release', s.release(1, three))).json()).toMatchObject({
      code: 'WRONG_RECOVERY_KEY',
      message: expect.stringContaining('3 keys for 1 confirmed holders'),
    });
    s.state.attestation = saved;

    s.state.finalized = 200;
    expect(await (await s.post('/release', s.release())).json()).toMatchObject({
      code: 'STALE_ATTESTATION',
    });
    s.state.finalized = 100;

    s.state.attestation = { ...saved!, incarnation: 2 };
    const res = await s.post('/release', s.release(1));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'SUPERSEDED_INCARNATION' });
    s.state.attestation = saved;

    expect(
      await (await s.post('/release', s.release(1, [s.recovery.publicKey], s.owner))).json(),
    ).toMatchObject({ code: 'BAD_SIGNATURE' });

    const confirmed = s.state.assignment.confirmedProviders;
    s.state.assignment.confirmedProviders = [s.owner.address];
    expect(await (await s.post('/release', s.release())).json()).toMatchObject({
      code: 'NOT_A_CONFIRMED_HOLDER',
    });
    s.state.assignment.confirmedProviders = confirmed;

    // An epoch confirmed after the attestation (the recovered owner's own rotation): its
    // share is not what that restart lost, and is never sealed to that restart's keys.
    s.state.assignment.confirmedAt = 96;
    expect(await (await s.post('/release', s.release())).json()).toMatchObject({
      code: 'CONFIRMED_AFTER_RESTART',
    });
    s.state.assignment.confirmedAt = 90;

    const commitments = s.state.assignment.confirmedCommitments;
    s.state.assignment.confirmedCommitments = [new Uint8Array(32).fill(3)];
    expect(await (await s.post('/release', s.release())).json()).toMatchObject({
      code: 'NO_SHARE',
    });
    s.state.assignment.confirmedCommitments = commitments;

    expect(released()).toBe(before);
    expect(s.receipts).toEqual([]);
    expect(s.metrics.value('custos_requests_refused_total', { code: 'WRONG_RECOVERY_KEY' })).toBe(
      2,
    );
  });

  it('releases the confirmed share, signed, and gives the same answer again (idempotent)', async () => {
    const [first, concurrent] = await Promise.all([
      s.post('/release', s.release()),
      s.post('/release', s.release()),
    ]);
    expect(first.status).toBe(200);
    const body = await first.json();
    expect(await concurrent.json()).toEqual(body);
    const again = await (await s.post('/release', s.release())).json();
    expect(again).toEqual(body);
    const held = await verifyRelease(
      {
        genesisHash: genesis,
        owner: s.owner.address,
        incarnation: 1,
        epoch: 3,
      },
      {
        provider: s.provider.address,
        commitment: s.commitmentOf(heldShare(5)),
        recovery: s.recovery,
      },
      body,
    );
    expect(held).toEqual(heldShare(5));
    // The exact request again (a retry, or the host replaying it) gets the same answer; the
    // same fields under a signature the restart key did not make are still refused, after
    // the release as before it.
    const exact = s.release();
    expect(await (await s.post('/release', exact)).json()).toEqual(body);
    expect(await (await s.post('/release', exact)).json()).toEqual(body);
    const copied = { ...exact, signature: s.release(1, [s.recovery.publicKey], s.owner).signature };
    const forged = await s.post('/release', copied);
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ code: 'BAD_SIGNATURE' });
    // A remembered signature vouches only under the restart key it was verified with.
    s.state.restartKey = s.owner.publicKey;
    expect(await (await s.post('/release', exact)).json()).toMatchObject({
      code: 'BAD_SIGNATURE',
    });
    s.state.restartKey = s.restart.publicKey;
    expect(s.receipts).toEqual([[s.ownerKey, 1]]);
    expect(released()).toBe(1);
  });

  it('refuses what the finalized view refutes before looking at the signature', async () => {
    // Forged (signed by the owner's TSS key, not its restart key): each is refused for
    // what public chain state shows, which costs no signature check.
    const other = (await generateHpkeKeyPair()).publicKey;
    const forged = (incarnation: number, keys: Uint8Array[]) =>
      s.post('/release', s.release(incarnation, keys, s.owner));
    expect(await (await forged(1, [other])).json()).toMatchObject({ code: 'WRONG_RECOVERY_KEY' });
    const saved = s.state.attestation;
    s.state.attestation = { ...saved!, incarnation: 2 };
    expect(await (await forged(1, [s.recovery.publicKey])).json()).toMatchObject({
      code: 'SUPERSEDED_INCARNATION',
    });
    s.state.attestation = saved;
    s.state.finalized = 200;
    expect(await (await forged(1, [s.recovery.publicKey])).json()).toMatchObject({
      code: 'STALE_ATTESTATION',
    });
    s.state.finalized = 100;
    // An incarnation the view has not reached: the signature is checked before the
    // provider would wait for newer blocks, so a forged one never holds it.
    let waited = 0;
    s.state.nextFinalized = () => {
      waited++;
    };
    const ahead = await forged(7, [s.recovery.publicKey]);
    expect(ahead.status).toBe(401);
    expect(await ahead.json()).toMatchObject({ code: 'BAD_SIGNATURE' });
    expect(waited).toBe(0);
    s.state.nextFinalized = undefined;
  });

  it('a newer incarnation gets its own release; the older one is refused from then on', async () => {
    // This restart also made an escrow recovery key (a network with an escrow committee):
    // the holder's key comes first, the escrow key last, and the holder serves.
    const fresh = await generateHpkeKeyPair();
    const escrowKey = (await generateHpkeKeyPair()).publicKey;
    const keys = [fresh.publicKey, escrowKey];
    s.state.attestation = {
      incarnation: 2,
      recoveryKeysRoot: recoveryKeysRoot(keys),
      attestedAt: 99,
    };
    expect((await s.post('/release', s.release(2, keys))).status).toBe(200);
    expect(await (await s.post('/release', s.release(1))).json()).toMatchObject({
      code: 'SUPERSEDED_INCARNATION',
    });
    expect(s.receipts).toEqual([
      [s.ownerKey, 1],
      [s.ownerKey, 2],
    ]);
  });
});

describe('a provider whose view lags the owner', () => {
  it('waits for the finalized block with the attestation instead of refusing from older state', async () => {
    const fresh = await generateHpkeKeyPair();
    const before = s.state.finalized;
    s.state.nextFinalized = () => {
      s.state.attestation = {
        incarnation: 3,
        recoveryKeysRoot: recoveryKeysRoot([fresh.publicKey]),
        attestedAt: before + 1,
      };
    };
    const res = await s.post('/release', s.release(3, [fresh.publicKey]));
    expect(res.status).toBe(200);
    expect(s.state.finalized).toBe(before + 1);
    // Nothing newer comes: refused from what the view holds, never served.
    const none = await s.post('/release', s.release(4, [fresh.publicKey]));
    expect(await none.json()).toMatchObject({ code: 'NO_ATTESTATION' });
  });
});

describe('request hygiene', () => {
  it('names the invalid field of malformed input', async () => {
    const res = await s.post('/release', { ...s.release(), recoveryKeys: ['0x1234'] });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('recoveryKeys'),
    });
    const key = u8aToHex(s.recovery.publicKey);
    for (const recoveryKeys of [[], [key, key], Array.from({ length: 17 }, () => key)]) {
      const bad = await s.post('/release', { ...s.release(), recoveryKeys });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ message: expect.stringContaining('recoveryKeys') });
    }
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
    expect(metrics).toContain('custos_shares_released_total 3');
    expect(metrics).toContain('custos_requests_refused_total{code="EPOCH_CONFIRMED"} 2');
  });
});

describe('refusals answered, not thrown', () => {
  /** The provider of `s` behind an app whose log lines are kept. */
  const loggedApp = () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => lines.push(JSON.parse(line)) },
    );
    const roomy = { burst: 10_000, perSecond: 10_000 };
    const app = createApp({
      provider: s.backup,
      vault: s.vault,
      metrics: s.metrics,
      logger,
      rateLimit: { perClient: roomy, global: roomy, maxClients: 16 },
    });
    return { app, lines, logger };
  };

  it('a forged release request: answered 403, counted once per call, one line, no receipt', async () => {
    const { app, lines, logger } = loggedApp();
    const refusals = () =>
      s.metrics.value('custos_requests_refused_total', { code: 'WRONG_RECOVERY_KEY' });
    const before = refusals();
    const receipts = s.receipts.length;
    // Recovery keys of the forger's own: refused from the view, before any signature.
    const forged = s.release(s.state.attestation?.incarnation ?? 1, [randomAsU8a(32)]);
    const request = {
      owner: forged.owner,
      incarnation: forged.incarnation,
      recoveryKeys: forged.recoveryKeys.map((k) => hexToU8a(k)),
      signature: hexToU8a(forged.signature),
    };
    const outcome = await s.backup.release(request);
    expect(outcome).toBeInstanceOf(ProviderRefusalError);
    expect(outcome).toMatchObject({ code: 'WRONG_RECOVERY_KEY', status: 403 });
    await expect(s.backup.releaseShare(request)).rejects.toMatchObject({
      code: 'WRONG_RECOVERY_KEY',
      status: 403,
    });
    expect(refusals()).toBe(before + 2);
    // The same refusal is shared by every such request: a caller may log it with pino's
    // error serializer (which marks the error while it works), again and again.
    const thrown = await s.backup.releaseShare(request).catch((error: unknown) => error);
    expect(thrown).toBe(outcome);
    for (let i = 0; i < 2; i++) logger.warn({ err: thrown }, 'refused');
    expect(lines.filter((l) => l.msg === 'refused')).toEqual([
      expect.objectContaining({ err: expect.objectContaining({ code: 'WRONG_RECOVERY_KEY' }) }),
      expect.objectContaining({ err: expect.objectContaining({ code: 'WRONG_RECOVERY_KEY' }) }),
    ]);
    expect(refusals()).toBe(before + 3);

    const res = await app.request('/v1/backup-provider/release', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(forged),
    });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('WRONG_RECOVERY_KEY');
    expect(body.message).toMatch(/^request refused: recoveryKeys: /);
    expect(refusals()).toBe(before + 4);
    const id = res.headers.get('x-request-id');
    expect(lines.filter((l) => l.req === id)).toEqual([
      expect.objectContaining({ level: 40, code: 'WRONG_RECOVERY_KEY', reason: body.message }),
    ]);
    expect(s.receipts).toHaveLength(receipts);
  });

  it('a forged share offer likewise: answered 401, counted, one line, nothing held', async () => {
    const { app, lines } = loggedApp();
    const refusals = () =>
      s.metrics.value('custos_requests_refused_total', { code: 'BAD_SIGNATURE' });
    const before = refusals();
    const held = s.vault.size;
    // Signed by the restart key, not the owner's account key.
    const forged = await s.offer(3, heldShare(41), s.restart);
    const offer = {
      owner: forged.owner,
      epoch: forged.epoch,
      enc: hexToU8a(forged.enc),
      ciphertext: hexToU8a(forged.ciphertext),
      signature: hexToU8a(forged.signature),
    };
    const outcome = await s.backup.offerShare(offer);
    expect(outcome).toBeInstanceOf(ProviderRefusalError);
    expect(outcome).toMatchObject({ code: 'BAD_SIGNATURE', status: 401 });
    await expect(s.backup.acceptShare(offer)).rejects.toMatchObject({ code: 'BAD_SIGNATURE' });
    const res = await app.request('/v1/backup-provider/shares', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(forged),
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { code: string; message: string };
    expect(body).toEqual({
      code: 'BAD_SIGNATURE',
      message: 'request refused: offer is not signed by the owner',
    });
    expect(refusals()).toBe(before + 3);
    const id = res.headers.get('x-request-id');
    expect(lines.filter((l) => l.req === id)).toEqual([
      expect.objectContaining({ level: 40, code: 'BAD_SIGNATURE', reason: body.message }),
    ]);
    expect(s.vault.size).toBe(held);
  });
});
