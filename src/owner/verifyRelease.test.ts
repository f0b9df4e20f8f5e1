/**
 * Recovery against Byzantine holders, in-process: honest holders are the real
 * BackupProvider over a scripted finalized chain view; faulty ones (at most n − t) answer
 * with garbage, a share of another epoch, x = 0, another holder's or an older incarnation's
 * captured reply, a refusal, or late. Property: the owner never combines a wrong KEK, and
 * recovers whenever t honest holders answer. Seeded (CUSTOS_PROPERTY_SEED replays a run).
 */
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, randomAsU8a } from '@polkadot/util-crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateHpkeKeyPair, type HpkeKeyPair, hpkeSeal } from '../crypto/hpke.js';
import { splitSecret } from '../crypto/shamir.js';
import { NotEnoughProvidersError } from '../errors/owner.js';
import { Metrics } from '../metrics.js';
import {
  BLINDING_BYTES,
  canonicalAccount,
  recoveryKeysRoot,
  releaseAad,
  releaseRequestPayload,
  releaseStatementPayload,
  sealedHash,
  shareAad,
  shareCommitment,
  shareOfferPayload,
  TAGS,
} from '../protocol/messages.js';
import { BackupProvider, type SealedRelease } from '../provider/backupProvider.js';
import type { AssignmentView, AttestationView, ProviderChainView } from '../provider/chainView.js';
import { ShareVault } from '../provider/shareVault.js';
import {
  type ConfirmedHolder,
  gatherShares,
  type ReleaseContext,
  type UnusableReleaseError,
  verifyRelease,
} from './verifyRelease.js';

const genesis = new Uint8Array(32).fill(0x42);
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const EPOCH = 5;

interface Holder {
  pair: KeyringPair;
  hpke: HpkeKeyPair;
  provider: BackupProvider;
}

const json = (r: SealedRelease) => ({
  provider: r.provider,
  epoch: r.epoch,
  commitment: u8aToHex(r.commitment),
  enc: u8aToHex(r.enc),
  ciphertext: u8aToHex(r.ciphertext),
  signature: u8aToHex(r.signature),
});

/** n holders that took the owner's shares of EPOCH through the real provider code. */
async function world(n: number, t: number) {
  const owner = keyring.addFromSeed(randomAsU8a(32));
  const restart = keyring.addFromSeed(randomAsU8a(32));
  const kek = randomAsU8a(32);
  const pairs = Array.from({ length: n }, () => keyring.addFromSeed(randomAsU8a(32)));
  const assignment: AssignmentView = {
    epoch: EPOCH,
    providers: pairs.map((p) => p.address),
    confirmedEpoch: EPOCH - 1,
    confirmedAt: 5,
    confirmedProviders: [],
    confirmedCommitments: [],
  };
  const attestation: AttestationView = {
    incarnation: 1,
    recoveryKeysRoot: new Uint8Array(32),
    attestedAt: 10,
  };
  const chain: ProviderChainView = {
    genesisHash: () => genesis,
    finalized: async () => ({
      block: 12,
      assignment: async (o) => (o === canonicalAccount(owner.address) ? assignment : undefined),
      attestation: async (o) =>
        o === canonicalAccount(owner.address)
          ? attestation
          : { incarnation: 0, recoveryKeysRoot: new Uint8Array(32), attestedAt: 1 },
      restartKey: async () => restart.publicKey,
    }),
  };
  const holders: Holder[] = [];
  for (const pair of pairs) {
    const hpke = await generateHpkeKeyPair();
    const provider = new BackupProvider({
      chain,
      signer: pair,
      x25519PrivateKey: hpke.privateKey,
      vault: new ShareVault(),
      metrics: new Metrics(),
      releaseWindow: 100,
    });
    holders.push({ pair, hpke, provider });
  }
  const shares = await splitSecret(kek, n, t);
  const commitments: Uint8Array[] = [];
  for (const [i, h] of holders.entries()) {
    const held = u8aConcat(shares[i]!, randomAsU8a(BLINDING_BYTES));
    const sealed = await hpkeSeal(
      h.hpke.publicKey,
      held,
      TAGS.shareInfo,
      shareAad(owner.address, EPOCH, h.pair.address),
    );
    const ack = await h.provider.acceptShare({
      owner: owner.address,
      epoch: EPOCH,
      ...sealed,
      signature: owner.sign(
        shareOfferPayload(
          genesis,
          owner.address,
          EPOCH,
          h.pair.address,
          sealed.enc,
          sealed.ciphertext,
        ),
      ),
    });
    expect(ack.shareCommitment).toEqual(
      shareCommitment(genesis, owner.address, EPOCH, h.pair.address, held),
    );
    commitments.push(ack.shareCommitment);
  }
  assignment.confirmedEpoch = EPOCH;
  assignment.confirmedProviders = pairs.map((p) => p.address);
  assignment.confirmedCommitments = commitments;

  /**
   * Attests incarnation `i` with fresh per-holder recovery keys and returns the owner's
   * context and its view of the holders.
   */
  const attest = async (incarnation: number) => {
    const recoveryKeys = await Promise.all(pairs.map(() => generateHpkeKeyPair()));
    const publicKeys = recoveryKeys.map((k) => k.publicKey);
    const root = recoveryKeysRoot(publicKeys);
    attestation.incarnation = incarnation;
    attestation.recoveryKeysRoot = root;
    const ctx: ReleaseContext = {
      genesisHash: genesis,
      owner: owner.address,
      incarnation,
      epoch: EPOCH,
    };
    const confirmed: ConfirmedHolder[] = pairs.map((p, i) => ({
      provider: p.address,
      commitment: commitments[i]!,
      recovery: recoveryKeys[i]!,
    }));
    const honest = async (h: Holder) =>
      json(
        await h.provider.releaseShare({
          owner: owner.address,
          incarnation,
          recoveryKeys: publicKeys,
          signature: restart.sign(
            releaseRequestPayload(genesis, owner.address, incarnation, root, h.pair.address),
          ),
        }),
      );
    return { ctx, honest, confirmed, recoveryKeys };
  };
  return { owner, kek, holders, commitments, attest };
}

/** A release the faulty holder `h` signs over `held` (its own choice of content). */
async function signedLie(ctx: ReleaseContext, h: Holder, to: ConfirmedHolder, held: Uint8Array) {
  const commitment = to.commitment;
  const sealed = await hpkeSeal(
    to.recovery.publicKey,
    held,
    TAGS.releaseInfo,
    releaseAad(ctx.owner, ctx.incarnation, ctx.epoch, h.pair.address),
  );
  const signature = h.pair.sign(
    releaseStatementPayload(
      genesis,
      h.pair.address,
      ctx.owner,
      ctx.incarnation,
      to.recovery.publicKey,
      ctx.epoch,
      commitment,
      sealedHash(sealed.enc, sealed.ciphertext),
    ),
  );
  return {
    provider: h.pair.address,
    epoch: ctx.epoch,
    commitment: u8aToHex(commitment),
    enc: u8aToHex(sealed.enc),
    ciphertext: u8aToHex(sealed.ciphertext),
    signature: u8aToHex(signature),
  };
}

const BEHAVIOURS = [
  'garbage',
  'other-share',
  'x-zero',
  'unsigned-garbage',
  'other-holder-reply',
  'old-incarnation-reply',
  'refuse',
  'late',
] as const;
type Behaviour = (typeof BEHAVIOURS)[number];
/** Behaviours whose reply proves the holder misbehaved (signed by it, wrong content). */
const PROVABLE: Behaviour[] = ['garbage', 'other-share', 'x-zero'];

beforeAll(async () => {
  await cryptoWaitReady();
});

describe('recovery against Byzantine holders', () => {
  it('verifies an honest release and refuses a tampered one', async () => {
    const w = await world(3, 2);
    const { ctx, honest, confirmed } = await w.attest(1);
    const reply = await honest(w.holders[0]!);
    const holder = confirmed[0]!;
    expect((await verifyRelease(ctx, holder, reply)).length).toBe(65);
    const flipped = `${reply.ciphertext.slice(0, -2)}${reply.ciphertext.endsWith('00') ? '01' : '00'}`;
    await expect(
      verifyRelease(ctx, holder, { ...reply, ciphertext: flipped }),
    ).rejects.toMatchObject({
      misbehaved: false,
    });
    await expect(verifyRelease(ctx, holder, { ...reply, epoch: 4 })).rejects.toThrow(/epoch 4/);
    await expect(verifyRelease(ctx, holder, { enc: reply.enc })).rejects.toThrow(/malformed reply/);
    // Sealed to holder 0's own key: another holder's key neither verifies nor opens it.
    await expect(
      verifyRelease(ctx, { ...holder, recovery: confirmed[1]!.recovery }, reply),
    ).rejects.toMatchObject({ misbehaved: false });
  });

  it('gives the chain evidence only for a lie the holder signed', async () => {
    const w = await world(3, 2);
    const { ctx, confirmed } = await w.attest(1);
    const lie = await signedLie(ctx, w.holders[1]!, confirmed[1]!, randomAsU8a(65));
    const error = await verifyRelease(ctx, confirmed[1]!, lie).catch((e: unknown) => e);
    expect(error).toMatchObject({ misbehaved: true });
    const evidence = (error as UnusableReleaseError).evidence!;
    expect(u8aToHex(evidence.signature)).toBe(lie.signature);
    expect(u8aToHex(evidence.ciphertext)).toBe(lie.ciphertext);
    // The same bytes, not signed by the holder: nobody can be blamed, no evidence.
    const forged = { ...lie, signature: u8aToHex(w.holders[0]!.pair.sign(randomAsU8a(32))) };
    const unsigned = await verifyRelease(ctx, confirmed[1]!, forged).catch((e: unknown) => e);
    expect(unsigned).toMatchObject({ misbehaved: false, evidence: undefined });
    // Bigger than the chain admits in a report: refused as malformed, no key revealed.
    const huge = await signedLie(ctx, w.holders[1]!, confirmed[1]!, randomAsU8a(300));
    const oversized = await verifyRelease(ctx, confirmed[1]!, huge).catch((e: unknown) => e);
    expect(oversized).toMatchObject({ misbehaved: false, evidence: undefined });
    expect((oversized as Error).message).toMatch(/ciphertext/);
  });

  it('never combines a wrong KEK and recovers while t honest holders answer (seeded)', async () => {
    const seed = Number(process.env.CUSTOS_PROPERTY_SEED ?? Date.now() % 2 ** 31);
    console.log(`Byzantine recovery property seed: ${seed} (CUSTOS_PROPERTY_SEED replays it)`);
    const scenario = fc
      .record({ n: fc.integer({ min: 2, max: 6 }), tOffset: fc.nat({ max: 4 }) })
      .chain(({ n, tOffset }) => {
        const t = 2 + (tOffset % (n - 1));
        return fc.record({
          n: fc.constant(n),
          t: fc.constant(t),
          faulty: fc.subarray(
            Array.from({ length: n }, (_, i) => i),
            { maxLength: n - t },
          ),
          behaviours: fc.array(fc.constantFrom(...BEHAVIOURS), { minLength: n, maxLength: n }),
        });
      });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ n, t, faulty, behaviours }) => {
        const w = await world(n, t);
        // Captured by the host or the network from an earlier incarnation.
        const earlier = await w.attest(1);
        const captured = await Promise.all(w.holders.map((h) => earlier.honest(h)));
        const { ctx, honest, confirmed } = await w.attest(2);
        const received = new Map<string, Uint8Array>();
        const named = new Set<string>();
        const proven = new Set<string>();
        const lie = async (i: number, round: number): Promise<unknown> => {
          const h = w.holders[i]!;
          const c = confirmed[i]!;
          switch (behaviours[i]!) {
            case 'garbage':
              return signedLie(ctx, h, c, randomAsU8a(65));
            case 'other-share':
              return signedLie(
                ctx,
                h,
                c,
                u8aConcat(randomAsU8a(32), Uint8Array.of(200), randomAsU8a(32)),
              );
            case 'x-zero':
              return signedLie(
                ctx,
                h,
                c,
                u8aConcat(randomAsU8a(32), Uint8Array.of(0), randomAsU8a(32)),
              );
            case 'unsigned-garbage':
              return { ...(await honest(h)), ciphertext: u8aToHex(randomAsU8a(65 + 16)) };
            case 'other-holder-reply':
              return captured[(i + 1) % n];
            case 'old-incarnation-reply':
              return captured[i];
            case 'refuse':
              throw new Error('403 NOT_A_CONFIRMED_HOLDER');
            case 'late':
              // Times out in the first round, answers honestly afterwards.
              if (round === 0) throw new Error('timeout');
              return honest(h);
          }
        };
        let kek: Uint8Array | undefined;
        const unanswered = new Set<string>();
        for (let round = 0; round < 2 && !kek; round++) {
          try {
            kek = await gatherShares({
              ctx,
              holders: confirmed,
              threshold: t,
              received,
              ask: async (provider) => {
                const i = w.holders.findIndex((h) => h.pair.address === provider);
                return faulty.includes(i) ? lie(i, round) : honest(w.holders[i]!);
              },
              onMisbehaviour: (provider, _reason, evidence) => {
                named.add(provider);
                if (evidence) proven.add(provider);
              },
              onUnanswered: (failures) => {
                for (const f of failures) unanswered.add(f.provider);
              },
            });
          } catch (error) {
            // Only "not enough yet" is acceptable, never anything else.
            expect(error).toBeInstanceOf(NotEnoughProvidersError);
          }
        }
        // Honest holders number n − |faulty| ≥ t: recovery must succeed, with the right KEK.
        expect(kek).toEqual(w.kek);
        // Only faulty holders are ever reported as having given no verified share.
        for (const provider of unanswered)
          expect(faulty).toContain(w.holders.findIndex((h) => h.pair.address === provider));
        // Only faulty holders with a provable lie are ever named.
        for (const provider of named) {
          const i = w.holders.findIndex((h) => h.pair.address === provider);
          expect(faulty).toContain(i);
          expect(PROVABLE).toContain(behaviours[i]);
        }
        // Every signed lie comes with the evidence the chain checks.
        expect(proven).toEqual(named);
      }),
      { seed, numRuns: 25 },
    );
  }, 120_000);
});
