import { Keyring } from '@polkadot/keyring';
import { u8aConcat, u8aToU8a } from '@polkadot/util';
import { cryptoWaitReady, randomAsU8a, signatureVerify } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sr25519Signed, sr25519SignerFromSeed, wasmSr25519Signer } from './signatures.js';
import { javascriptSr25519Accepts } from './sr25519Native.js';

beforeAll(async () => {
  await cryptoWaitReady();
});

describe('sr25519Signed', () => {
  it('accepts the plain signature and refuses one over <Bytes>-wrapped data, which the chain refuses', () => {
    const pair = new Keyring({ type: 'sr25519' }).addFromSeed(randomAsU8a(32));
    const message = randomAsU8a(32);
    expect(sr25519Signed(message, pair.sign(message), pair.publicKey)).toBe(true);
    const wrapped = pair.sign(u8aConcat(u8aToU8a('<Bytes>'), message, u8aToU8a('</Bytes>')));
    // polkadot.js' signatureVerify takes both; the runtime takes only the plain one.
    expect(signatureVerify(message, wrapped, pair.publicKey).isValid).toBe(true);
    expect(sr25519Signed(message, wrapped, pair.publicKey)).toBe(false);
  });

  it('is false, not an exception, for malformed input', () => {
    expect(sr25519Signed(new Uint8Array(32), new Uint8Array(10), new Uint8Array(32))).toBe(false);
    expect(sr25519Signed(new Uint8Array(32), new Uint8Array(64), new Uint8Array(3))).toBe(false);
  });
});

const javascriptVerify = javascriptSr25519Accepts;

describe('sr25519Signed (the addon when loaded, else wasm; both alone in ./sr25519Native.test.ts)', () => {
  it('agrees with the JavaScript implementation on valid, wrong-key and tampered signatures', async () => {
    const keyring = new Keyring({ type: 'sr25519' });
    const pair = keyring.addFromSeed(randomAsU8a(32));
    const other = keyring.addFromSeed(randomAsU8a(32));
    for (let i = 0; i < 20; i++) {
      const message = randomAsU8a(1 + i * 7);
      const signature = pair.sign(message);
      const tampered = signature.slice();
      tampered[i % 64]! ^= 1;
      for (const [sig, key] of [
        [signature, pair.publicKey],
        [signature, other.publicKey],
        [tampered, pair.publicKey],
      ] as const) {
        expect(sr25519Signed(message, sig, key)).toBe(javascriptVerify(message, sig, key));
      }
      expect(sr25519Signed(message, signature, pair.publicKey)).toBe(true);
    }
  });
});

/** The signers a provider may get (the addon's when it is in use, through the second). */
const SIGNERS = [
  ['wasmSr25519Signer', wasmSr25519Signer],
  ['sr25519SignerFromSeed', sr25519SignerFromSeed],
] as const;

describe.each(SIGNERS)('%s', (_name, signerFromSeed) => {
  it('is the keyring account of the same seed, and its signatures verify as the runtime checks', () => {
    const seed = randomAsU8a(32);
    const pair = new Keyring({ type: 'sr25519' }).addFromSeed(seed);
    const signer = signerFromSeed(seed, pair.address)!;
    expect(signer.publicKey).toEqual(pair.publicKey);
    const message = randomAsU8a(48);
    const signature = signer.sign(message);
    expect(sr25519Signed(message, signature, pair.publicKey)).toBe(true);
    expect(javascriptVerify(message, signature, pair.publicKey)).toBe(true);
    expect(sr25519Signed(randomAsU8a(48), signature, pair.publicKey)).toBe(false);
    expect(javascriptVerify(randomAsU8a(48), signature, pair.publicKey)).toBe(false);
    signer.zeroize();
    expect(() => signer.sign(message)).toThrow(/zeroised/);
    expect(signerFromSeed(new Uint8Array(31), pair.address)).toBeUndefined();
  });
});
