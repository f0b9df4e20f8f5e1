/**
 * Where a provider's release spends its CPU: each primitive of the request path alone,
 * `process.cpuUsage` over `runs` calls. Prints a Markdown table for docs/benchmarks.md.
 *
 *   npx tsx bench/provider/crypto.ts [runs=300]
 */
import { Chacha20Poly1305 } from '@hpke/chacha20poly1305';
import { CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { DhkemX25519HkdfSha256 as JavascriptX25519 } from '@hpke/dhkem-x25519';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, randomAsU8a, sr25519Verify } from '@polkadot/util-crypto';
import { sr25519Verify as wasmSr25519Verify } from '@polkadot/wasm-crypto';
import { generateHpkeKeyPair, hpkeOpen, hpkeSeal } from '../../src/crypto/hpke.js';
import {
  nativeSr25519Signer,
  sr25519Signed,
  wasmSr25519Signer,
} from '../../src/crypto/signatures.js';
import { sr25519Addon, sr25519AddonStatus } from '../../src/crypto/sr25519Native.js';

const runs = Number(process.argv[2] ?? 300);
await cryptoWaitReady();

async function cpuPerCall(work: () => unknown): Promise<number> {
  for (let i = 0; i < 20; i++) await work(); // warm up
  const start = process.cpuUsage();
  for (let i = 0; i < runs; i++) await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / runs;
}

const seed = randomAsU8a(32);
const pair = new Keyring({ type: 'sr25519' }).addFromSeed(seed);
const signer = wasmSr25519Signer(seed, pair.address)!;
// The native addon when built (npm run native:build); its rows say so when it is not.
const addon = sr25519Addon();
const nativeSigner = nativeSr25519Signer(seed, pair.address);
const message = randomAsU8a(32);
const signature = pair.sign(message);
const recipient = await generateHpkeKeyPair();

/** One HPKE seal and open of 65 bytes with the given X25519 implementation. */
async function sealAndOpen(kem: DhkemX25519HkdfSha256 | JavascriptX25519) {
  const suite = new CipherSuite({ kem, kdf: new HkdfSha256(), aead: new Chacha20Poly1305() });
  const keys = await suite.kem.generateKeyPair();
  return async () => {
    const { enc, ct } = await suite.seal(
      { recipientPublicKey: keys.publicKey },
      new ArrayBuffer(65),
    );
    await suite.open({ recipientKey: keys, enc }, ct);
  };
}

const rows: [string, number][] = [
  ['sr25519 sign, `@polkadot/keyring` (JavaScript)', await cpuPerCall(() => pair.sign(message))],
  ['sr25519 sign, `wasmSr25519Signer`', await cpuPerCall(() => signer.sign(message))],
  [
    'sr25519 sign, `nativeSr25519Signer` (the addon)',
    nativeSigner ? await cpuPerCall(() => nativeSigner.sign(message)) : Number.NaN,
  ],
  [
    'sr25519 verify, `@polkadot/util-crypto` (JavaScript)',
    await cpuPerCall(() => sr25519Verify(message, signature, pair.publicKey)),
  ],
  [
    'sr25519 verify, `@polkadot/wasm-crypto` (wasm)',
    await cpuPerCall(() => wasmSr25519Verify(signature, message, pair.publicKey)),
  ],
  [
    'sr25519 verify, the addon (native)',
    addon ? await cpuPerCall(() => addon.verify(message, signature, pair.publicKey)) : Number.NaN,
  ],
  [
    `sr25519 verify, \`sr25519Signed\` (${addon ? 'the addon' : 'wasm'}, as the companion calls it)`,
    await cpuPerCall(() => sr25519Signed(message, signature, pair.publicKey)),
  ],
  [
    'HPKE seal of 65 bytes, `hpkeSeal`',
    await cpuPerCall(() =>
      hpkeSeal(recipient.publicKey, randomAsU8a(65), new Uint8Array(8), new Uint8Array(72)),
    ),
  ],
  [
    'HPKE seal + open of 65 bytes, `hpkeSeal` + `hpkeOpen` (node:crypto X25519 and HKDF)',
    await cpuPerCall(async () => {
      const info = new Uint8Array(8);
      const aad = new Uint8Array(72);
      const sealed = await hpkeSeal(recipient.publicKey, randomAsU8a(65), info, aad);
      await hpkeOpen(recipient.privateKey, sealed, info, aad, 'bench');
    }),
  ],
  [
    'HPKE seal + open, X25519 of `@hpke/dhkem-x25519` (JavaScript)',
    await cpuPerCall(await sealAndOpen(new JavascriptX25519())),
  ],
  [
    'HPKE seal + open, X25519 and HKDF of `@hpke/core` (WebCrypto)',
    await cpuPerCall(await sealAndOpen(new DhkemX25519HkdfSha256())),
  ],
];
const status = sr25519AddonStatus();
console.log(
  `runs: ${runs}, node ${process.version}, sr25519 addon: ${status.loaded ? status.path : `none (${status.reason})`}`,
);
console.log('| primitive | CPU per call |');
console.log('|---|---|');
for (const [name, ms] of rows)
  console.log(`| ${name} | ${Number.isNaN(ms) ? 'addon not built' : `${ms.toFixed(3)} ms`} |`);
