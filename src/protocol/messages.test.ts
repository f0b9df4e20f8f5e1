import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountBytes, CANONICAL_SPELLINGS, canonicalAccount } from './messages.js';

describe('canonicalAccount', () => {
  beforeAll(cryptoWaitReady);

  it('gives every spelling of one account the same name, also when it was seen before', () => {
    const pair = new Keyring({ type: 'sr25519' }).addFromUri('//Owner');
    const hex = u8aToHex(pair.publicKey);
    const spellings = [
      encodeAddress(pair.publicKey, 42),
      encodeAddress(pair.publicKey, 0),
      hex,
      hex.toUpperCase().replace('0X', '0x'),
    ];
    for (let round = 0; round < 2; round++)
      for (const spelling of spellings) expect(canonicalAccount(spelling)).toBe(hex);
  });

  it('refuses a spelling that does not decode, every time (a refusal is never remembered)', () => {
    const pair = new Keyring({ type: 'sr25519' }).addFromUri('//Owner');
    const address = encodeAddress(pair.publicKey, 42);
    // The last character changed: the checksum no longer matches.
    const broken = address.slice(0, -1) + (address.endsWith('a') ? 'b' : 'a');
    for (let round = 0; round < 2; round++) expect(() => canonicalAccount(broken)).toThrow();
  });

  it('stays correct past its bound: the oldest spellings are decoded again', () => {
    const keys = Array.from({ length: CANONICAL_SPELLINGS + 100 }, (_, i) =>
      new Uint8Array(32).fill(i % 256).map((b, j) => (j === 0 ? i >> 8 : b)),
    );
    for (const key of keys) canonicalAccount(encodeAddress(key, 42));
    for (const key of keys) expect(canonicalAccount(encodeAddress(key, 42))).toBe(u8aToHex(key));
  });

  it('gives the canonical spelling back as it is; hex of another length is not taken for it', () => {
    const hex = u8aToHex(new Uint8Array(32).fill(7));
    expect(canonicalAccount(hex)).toBe(hex);
    expect(canonicalAccount(hex.toUpperCase().replace('0X', '0x'))).toBe(hex);
    // Hex of another length is decoded (as decodeAddress does), not passed as canonical.
    expect(canonicalAccount(`${hex}00`)).toBe(`${hex}00`);
  });
});

describe('accountBytes', () => {
  beforeAll(cryptoWaitReady);

  it('gives the public key of every spelling, a fresh array each time', () => {
    const pair = new Keyring({ type: 'sr25519' }).addFromUri('//Provider');
    const spellings = [encodeAddress(pair.publicKey, 42), encodeAddress(pair.publicKey, 0)];
    spellings.push(u8aToHex(pair.publicKey));
    for (let round = 0; round < 2; round++)
      for (const spelling of spellings) {
        const bytes = accountBytes(spelling);
        expect(bytes).toEqual(decodeAddress(spelling));
        // A caller that overwrites its copy changes nothing the next caller gets.
        bytes.fill(0);
      }
  });

  it('refuses what does not decode, as decodeAddress does', () => {
    expect(() => accountBytes('not an account')).toThrow();
    expect(() => decodeAddress('not an account')).toThrow();
  });
});
