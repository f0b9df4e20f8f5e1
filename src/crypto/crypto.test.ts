import { describe, expect, it } from 'vitest';
import { DecryptionFailedError, InvalidKeyMaterialError } from '../errors/crypto.js';
import { open, seal, zeroize } from './aead.js';
import { generateHpkeKeyPair, hpkeOpen, hpkePublicKeyOf, hpkeSeal } from './hpke.js';
import { combineShares, splitSecret } from './shamir.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('XChaCha20-Poly1305', () => {
  const key = new Uint8Array(32).fill(7);

  it('round-trips and binds associated data', () => {
    const box = seal(key, bytes('secret'), bytes('value:a'));
    expect(open(key, box, bytes('value:a'), 'a')).toEqual(bytes('secret'));
    expect(() => open(key, box, bytes('value:b'), 'b')).toThrow(DecryptionFailedError);
  });

  it('detects any flipped byte and a wrong key', () => {
    const box = seal(key, bytes('secret'), bytes('ad'));
    for (const i of [0, 23, 24, box.length - 1]) {
      const bad = box.slice();
      bad[i] = (bad[i] ?? 0) ^ 1;
      expect(() => open(key, bad, bytes('ad'), 'x')).toThrow(/cannot decrypt x/);
    }
    expect(() => open(new Uint8Array(32), box, bytes('ad'), 'x')).toThrow(DecryptionFailedError);
    expect(() => open(key, box.subarray(0, 10), bytes('ad'), 'x')).toThrow(DecryptionFailedError);
  });

  it('refuses keys of the wrong size and zeroises', () => {
    expect(() => seal(new Uint8Array(16), bytes('x'), bytes(''))).toThrow(InvalidKeyMaterialError);
    const k = new Uint8Array(32).fill(9);
    zeroize(k, undefined);
    expect(k.every((b) => b === 0)).toBe(true);
  });
});

describe('HPKE (X25519, HKDF-SHA256, ChaCha20-Poly1305)', () => {
  it('seals to a public key and opens with its private key only', async () => {
    const alice = await generateHpkeKeyPair();
    const mallory = await generateHpkeKeyPair();
    expect(await hpkePublicKeyOf(alice.privateKey)).toEqual(alice.publicKey);
    const sealed = await hpkeSeal(alice.publicKey, bytes('share'), bytes('info'), bytes('aad'));
    expect(await hpkeOpen(alice.privateKey, sealed, bytes('info'), bytes('aad'), 'share')).toEqual(
      bytes('share'),
    );
    await expect(
      hpkeOpen(mallory.privateKey, sealed, bytes('info'), bytes('aad'), 'share'),
    ).rejects.toThrow(DecryptionFailedError);
    await expect(
      hpkeOpen(alice.privateKey, sealed, bytes('other'), bytes('aad'), 'share'),
    ).rejects.toThrow(DecryptionFailedError);
    await expect(
      hpkeOpen(alice.privateKey, sealed, bytes('info'), bytes('other'), 'share'),
    ).rejects.toThrow(DecryptionFailedError);
  });

  it('refuses a public key of the wrong size', async () => {
    await expect(hpkeSeal(new Uint8Array(31), bytes('x'), bytes(''), bytes(''))).rejects.toThrow(
      InvalidKeyMaterialError,
    );
  });
});

describe('Shamir t-of-n', () => {
  it('any t shares recover the secret; t-1 do not', async () => {
    const secret = new Uint8Array(32).map((_, i) => i * 7);
    const shares = await splitSecret(secret, 3, 2);
    expect(await combineShares([shares[0]!, shares[2]!])).toEqual(secret);
    expect(await combineShares([shares[1]!, shares[0]!])).toEqual(secret);
    const five = await splitSecret(secret, 5, 3);
    expect(await combineShares([five[0]!, five[1]!])).not.toEqual(secret);
  });

  it('refuses bad parameters', async () => {
    await expect(splitSecret(new Uint8Array(32), 3, 1)).rejects.toThrow(/2 <= t <= n/);
    await expect(splitSecret(new Uint8Array(32), 2, 3)).rejects.toThrow(InvalidKeyMaterialError);
    await expect(combineShares([new Uint8Array(33)])).rejects.toThrow(/at least 2/);
  });
});
