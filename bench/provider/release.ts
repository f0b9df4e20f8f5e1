/**
 * A provider's request path, in-process: one `BackupProvider` behind the real Hono app
 * (`createApp`, JSON parsing, zod schemas, rate limits off), holding one share for each
 * of `owners` owners, over an in-memory finalized view (what `watchedChainView` answers
 * from: no chain read on the request path). Measures
 *
 * - CPU per release and releases per CPU-second (sequential, each owner once);
 * - latency p50/p99 of releases at 1, 10 and 100 concurrent requests;
 * - CPU per refused request: a forged signature for a served owner, a request for an
 *   owner this provider does not serve, and a replay of an answered request.
 *
 * Prints a Markdown table for docs/benchmarks.md.
 *
 *   LOG_LEVEL=warn npx tsx bench/provider/release.ts [owners=300]
 */
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, randomAsU8a } from '@polkadot/util-crypto';
import pino from 'pino';
import { generateHpkeKeyPair, type HpkeKeyPair, hpkeSeal } from '../../src/crypto/hpke.js';
import { wasmSr25519Signer } from '../../src/crypto/signatures.js';
import { createApp } from '../../src/http/app.js';
import { Metrics } from '../../src/metrics.js';
import {
  BLINDING_BYTES,
  canonicalAccount,
  recoveryKeysRoot,
  releaseRequestPayload,
  shareAad,
  shareOfferPayload,
  TAGS,
} from '../../src/protocol/messages.js';
import { BackupProvider } from '../../src/provider/backupProvider.js';
import { ShareVault } from '../../src/provider/shareVault.js';
import type { AccountState } from '../../src/provider/watchedChainView.js';
import { quantile } from '../quantile.js';

const owners = Number(process.argv[2] ?? 300);
await cryptoWaitReady();
const keyring = new Keyring({ type: 'sr25519' });
const genesis = randomAsU8a(32);
const EPOCH = 2;
const BLOCK = 100;

const selfSeed = randomAsU8a(32);
const self = keyring.addFromSeed(selfSeed);
// As a companion signs: schnorrkel in wasm (`Identity.tssSigner`).
const selfSigner = wasmSr25519Signer(selfSeed, self.address)!;
const selfHpke = await generateHpkeKeyPair();
const accounts = new Map<string, AccountState>();
const chain = {
  genesisHash: () => genesis,
  finalized: async () => ({
    block: BLOCK,
    assignment: async (o: string) => accounts.get(canonicalAccount(o))?.assignment,
    attestation: async (o: string) => accounts.get(canonicalAccount(o))?.attestation,
    restartKey: async (o: string) => accounts.get(canonicalAccount(o))?.restartKey,
  }),
};
const vault = new ShareVault();
const metrics = new Metrics();
const provider = new BackupProvider({
  chain,
  signer: selfSigner,
  x25519PrivateKey: selfHpke.privateKey,
  vault,
  metrics,
  releaseWindow: 50,
});
const app = createApp({
  provider,
  vault,
  metrics,
  logger: pino({ level: 'silent' }),
  rateLimit: {
    perClient: { burst: 1e9, perSecond: 1e9 },
    global: { burst: 1e9, perSecond: 1e9 },
    maxClients: 10,
  },
});

interface Owner {
  pair: KeyringPair;
  restart: KeyringPair;
  keys: HpkeKeyPair[];
}
const all: Owner[] = [];
for (let i = 0; i < owners; i++) {
  const pair = keyring.addFromSeed(randomAsU8a(32));
  const restart = keyring.addFromSeed(randomAsU8a(32));
  const id = canonicalAccount(pair.address);
  accounts.set(id, {
    assignment: {
      epoch: EPOCH,
      providers: [self.address],
      confirmedEpoch: EPOCH - 1,
      confirmedAt: 10,
      confirmedProviders: [],
      confirmedCommitments: [],
    },
    restartKey: restart.publicKey,
  });
  const held = u8aConcat(randomAsU8a(32), Uint8Array.of(1), randomAsU8a(BLINDING_BYTES));
  const sealed = await hpkeSeal(
    selfHpke.publicKey,
    held,
    TAGS.shareInfo,
    shareAad(pair.address, EPOCH, self.address),
  );
  const ack = await provider.acceptShare({
    owner: pair.address,
    epoch: EPOCH,
    ...sealed,
    signature: pair.sign(
      shareOfferPayload(genesis, pair.address, EPOCH, self.address, sealed.enc, sealed.ciphertext),
    ),
  });
  const keys = [await generateHpkeKeyPair()];
  accounts.set(id, {
    assignment: {
      epoch: EPOCH,
      providers: [self.address],
      confirmedEpoch: EPOCH,
      confirmedAt: 20,
      confirmedProviders: [self.address],
      confirmedCommitments: [ack.shareCommitment],
    },
    attestation: {
      incarnation: 1,
      recoveryKeysRoot: recoveryKeysRoot(keys.map((k) => k.publicKey)),
      attestedAt: 90,
    },
    restartKey: restart.publicKey,
  });
  all.push({ pair, restart, keys });
}

const requestOf = (o: Owner, incarnation = 1) =>
  JSON.stringify({
    owner: o.pair.address,
    incarnation,
    recoveryKeys: o.keys.map((k) => u8aToHex(k.publicKey)),
    signature: u8aToHex(
      o.restart.sign(
        releaseRequestPayload(
          genesis,
          o.pair.address,
          incarnation,
          recoveryKeysRoot(o.keys.map((k) => k.publicKey)),
          self.address,
        ),
      ),
    ),
  });
const post = async (body: string) => {
  const res = await app.request('/v1/backup-provider/release', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  await res.arrayBuffer();
  return res.status;
};
const cpuMs = (work: () => Promise<void>) => async () => {
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
/** A fresh incarnation for every owner, so that no answer comes from the idempotence cache. */
let incarnation = 1;
const nextRound = () => {
  incarnation += 1;
  for (const o of all) {
    const state = accounts.get(canonicalAccount(o.pair.address))!;
    state.attestation = { ...state.attestation!, incarnation };
  }
};

// Warm up (JIT, wasm).
for (const o of all.slice(0, 20)) await post(requestOf(o));

nextRound();
const bodies = all.map((o) => requestOf(o, incarnation));
const sequentialCpu = await cpuMs(async () => {
  for (const b of bodies) if ((await post(b)) !== 200) throw new Error('release refused');
})();
const perRelease = sequentialCpu / owners;

const latency: Record<number, { p50: number; p99: number }> = {};
for (const concurrency of [1, 10, 100]) {
  nextRound();
  const queue = all.map((o) => requestOf(o, incarnation));
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let b = queue.pop(); b; b = queue.pop()) {
        const t = performance.now();
        if ((await post(b)) !== 200) throw new Error('release refused');
        times.push(performance.now() - t);
      }
    }),
  );
  latency[concurrency] = { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

const forgedBodies = all.map((o) => {
  const body = JSON.parse(requestOf(o, incarnation));
  body.signature = u8aToHex(o.pair.sign(randomAsU8a(32)));
  return JSON.stringify(body);
});
const forgedCpu = await cpuMs(async () => {
  for (const b of forgedBodies) if ((await post(b)) !== 401) throw new Error('forged accepted');
})();
const strangers = all.map(() => {
  const stranger: Owner = {
    pair: keyring.addFromSeed(randomAsU8a(32)),
    restart: keyring.addFromSeed(randomAsU8a(32)),
    keys: all[0]!.keys,
  };
  return requestOf(stranger, incarnation);
});
const strangerCpu = await cpuMs(async () => {
  for (const b of strangers) if ((await post(b)) !== 404) throw new Error('stranger served');
})();
const replays = all.map((o) => requestOf(o, incarnation));
for (const b of replays) await post(b);
const replayCpu = await cpuMs(async () => {
  for (const b of replays) if ((await post(b)) !== 200) throw new Error('replay refused');
})();

const f = (x: number) => x.toFixed(2);
console.log(`owners: ${owners}, node ${process.version}`);
console.log('| measure | value |');
console.log('|---|---|');
console.log(`| CPU per release | ${f(perRelease)} ms |`);
console.log(`| releases per CPU-second | ${Math.round(1000 / perRelease)} |`);
for (const c of [1, 10, 100])
  console.log(
    `| latency at ${c} concurrent (p50 / p99) | ${f(latency[c]!.p50)} / ${f(latency[c]!.p99)} ms |`,
  );
console.log(
  `| CPU per forged request (served owner, bad signature) | ${f(forgedCpu / owners)} ms |`,
);
console.log(`| CPU per request for an owner not served | ${f(strangerCpu / owners)} ms |`);
console.log(`| CPU per replayed request (idempotent answer) | ${f(replayCpu / owners)} ms |`);
