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
  it('opens the RFC 9180 A.2.1 test vector (base mode, sequence 0), as the runtime does', async () => {
    const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
    const skR = hex('8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb');
    expect(Buffer.from(await hpkePublicKeyOf(skR)).toString('hex')).toBe(
      '4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a',
    );
    const sealed = {
      enc: hex('1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a'),
      ciphertext: hex(
        '1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db21993c62ce81883d2dd1b51a28',
      ),
    };
    const info = hex('4f6465206f6e2061204772656369616e2055726e');
    const plaintext = await hpkeOpen(skR, sealed, info, hex('436f756e742d30'), 'vector');
    expect(Buffer.from(plaintext).toString('hex')).toBe(
      '4265617574792069732074727574682c20747275746820626561757479',
    );
  });

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
