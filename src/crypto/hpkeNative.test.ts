import { hkdfSync, randomBytes } from 'node:crypto';
import { Chacha20Poly1305 } from '@hpke/chacha20poly1305';
import { CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { x25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { DecryptionFailedError, InvalidKeyMaterialError } from '../errors/crypto.js';
import { generateHpkeKeyPair, hpkeOpen, hpkeSeal } from './hpke.js';
import { NodeHkdfSha256, nodeX25519 } from './hpkeNative.js';

/** `@hpke/core` with its own WebCrypto primitives: an independent implementation. */
const webCryptoSuite = new CipherSuite({
  kem: new DhkemX25519HkdfSha256(),
  kdf: new HkdfSha256(),
  aead: new Chacha20Poly1305(),
});
const ab = (v: Uint8Array) => new Uint8Array(v).buffer as ArrayBuffer;
const text = (s: string) => new Uint8Array(Buffer.from(s));

describe('HPKE on node:crypto', () => {
  it('interoperates with the WebCrypto implementation both ways', async () => {
    const recipient = await generateHpkeKeyPair();
    const info = text('custos/share/v1');
    const aad = text('owner|epoch|provider');
    for (const size of [0, 1, 65, 1000]) {
      const message = new Uint8Array(randomBytes(size));
      const ours = await hpkeSeal(recipient.publicKey, message, info, aad);
      const key = await webCryptoSuite.kem.importKey('raw', ab(recipient.privateKey), false);
      const opened = await webCryptoSuite.open(
        { recipientKey: key, enc: ab(ours.enc), info: ab(info) },
        ab(ours.ciphertext),
        ab(aad),
      );
      expect(new Uint8Array(opened)).toEqual(message);
      const theirs = await webCryptoSuite.seal(
        {
          recipientPublicKey: await webCryptoSuite.kem.importKey(
            'raw',
            ab(recipient.publicKey),
            true,
          ),
          info: ab(info),
        },
        ab(message),
        ab(aad),
      );
      const sealed = { enc: new Uint8Array(theirs.enc), ciphertext: new Uint8Array(theirs.ct) };
      expect(await hpkeOpen(recipient.privateKey, sealed, info, aad, 'message')).toEqual(message);
    }
  });

  it('reuses a key object only while its array still holds the same key', () => {
    const peer = x25519.getPublicKey(randomBytes(32));
    const secret = new Uint8Array(randomBytes(32));
    const first = nodeX25519.getPublicKey(secret);
    expect(nodeX25519.getPublicKey(secret)).toEqual(x25519.getPublicKey(secret));
    expect(nodeX25519.getSharedSecret(secret, peer)).toEqual(x25519.getSharedSecret(secret, peer));
    // The same array, another key (a reused buffer): nothing of the first key is used.
    secret.set(randomBytes(32));
    expect(nodeX25519.getPublicKey(secret)).not.toEqual(first);
    expect(nodeX25519.getPublicKey(secret)).toEqual(x25519.getPublicKey(secret));
    expect(nodeX25519.getSharedSecret(secret, peer)).toEqual(x25519.getSharedSecret(secret, peer));
    // A public key handed out is a copy: changing it changes nothing cached.
    nodeX25519.getPublicKey(secret).fill(0);
    expect(nodeX25519.getPublicKey(secret)).toEqual(x25519.getPublicKey(secret));
  });

  it('makes key pairs whose public half is noble’s X25519 of the private half', async () => {
    for (let i = 0; i < 50; i++) {
      const pair = await generateHpkeKeyPair();
      expect(pair.publicKey).toEqual(x25519.getPublicKey(pair.privateKey));
    }
  });

  it('derives what node’s own HKDF derives, for every output length up to 255 blocks', async () => {
    const kdf = new NodeHkdfSha256();
    for (const [saltSize, ikmSize, infoSize, len] of [
      [0, 32, 0, 32],
      [32, 1, 10, 1],
      [32, 64, 100, 33],
      [32, 200, 0, 97],
      [32, 32, 40, 255 * 32],
    ] as const) {
      const salt = new Uint8Array(randomBytes(saltSize));
      const ikm = new Uint8Array(randomBytes(ikmSize));
      const info = new Uint8Array(randomBytes(infoSize));
      const ours = new Uint8Array(await kdf.extractAndExpand(ab(salt), ab(ikm), ab(info), len));
      expect(ours).toEqual(new Uint8Array(hkdfSync('sha256', ikm, salt, info, len)));
    }
    await expect(kdf.expand(new Uint8Array(32), new Uint8Array(0), 255 * 32 + 1)).rejects.toThrow(
      RangeError,
    );
  });

  it('refuses low-order public keys (an all-zero shared secret), sealing and opening', async () => {
    const lowOrder = [
      new Uint8Array(32),
      Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 1 : 0)),
      // 2^255 - 19 - 1 (order 2), little-endian.
      Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 0xec : i === 31 ? 0x7f : 0xff)),
    ];
    const recipient = await generateHpkeKeyPair();
    for (const point of lowOrder) {
      await expect(hpkeSeal(point, text('x'), text(''), text(''))).rejects.toThrow(
        InvalidKeyMaterialError,
      );
      await expect(
        hpkeOpen(
          recipient.privateKey,
          { enc: point, ciphertext: new Uint8Array(17) },
          text(''),
          text(''),
          'message',
        ),
      ).rejects.toThrow(DecryptionFailedError);
    }
  });
});
