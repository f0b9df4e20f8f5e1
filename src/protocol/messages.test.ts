import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountBytes, canonicalAccount } from './messages.js';

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
    const keyring = new Keyring({ type: 'sr25519' });
    const pairs = Array.from({ length: 1100 }, (_, i) =>
      keyring.addFromSeed(new Uint8Array(32).fill(i % 256).map((b, j) => (j === 0 ? i >> 8 : b))),
    );
    for (const pair of pairs) canonicalAccount(pair.address);
    for (const pair of pairs) expect(canonicalAccount(pair.address)).toBe(u8aToHex(pair.publicKey));
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
