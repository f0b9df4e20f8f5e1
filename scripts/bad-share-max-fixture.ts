/**
 * Writes chain/pallets/backups/src/tests/bad-share-max.json: the largest sealed share
 * release a `report_bad_share` can carry, for the pallet's benchmark and tests.
 *
 *   tsx scripts/bad-share-max-fixture.ts
 *
 * The chain refuses a `BadShareReport` whose ciphertext is longer than
 * `MaxReleaseCiphertext` (256 bytes). This seals a 240-byte plaintext (256 bytes with the
 * ChaCha20-Poly1305 tag) with the companion's own HPKE code (src/crypto/hpke.ts) to the
 * recovery key of the interoperability vector's holder (bad-share-vectors.json), with the
 * vector's release aad (owner, incarnation, epoch, provider) and `TAGS.releaseInfo`, so
 * the vector's revealed private key opens it on chain. It opens to 240 bytes, not to a
 * 65-byte held share: the chain proves it `WrongLength` after running every check and
 * authenticating and decrypting the longest ciphertext it accepts. The signature over the
 * release statement is not part of the fixture: the benchmark signs it with the
 * vector's provider key for the chain it runs on. Sealing is randomized (a fresh
 * ephemeral key), so every run writes a different, equally valid fixture.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { u8aToHex } from '@polkadot/util';
import { hpkeSeal } from '../src/crypto/hpke.js';
import { releaseAad, TAGS } from '../src/protocol/messages.js';

/** `MaxReleaseCiphertext` in chain/pallets/backups/src/types.rs. */
const MAX_RELEASE_CIPHERTEXT = 256;
/** The ChaCha20-Poly1305 tag. */
const TAG_BYTES = 16;

const dir = join(fileURLToPath(new URL('..', import.meta.url)), 'chain/pallets/backups/src/tests');
const vector = JSON.parse(readFileSync(join(dir, 'bad-share-vectors.json'), 'utf8')) as {
  owner: string;
  provider: string;
  epoch: number;
  incarnation: number;
  holderIndex: number;
  recoveryPublicKeys: string[];
};

const recoveryKey = vector.recoveryPublicKeys[vector.holderIndex];
if (recoveryKey === undefined) throw new Error('the vector names no key for its holder');
const plaintext = Uint8Array.from(
  { length: MAX_RELEASE_CIPHERTEXT - TAG_BYTES },
  (_, i) => (i * 37 + 11) & 0xff,
);
const aad = releaseAad(vector.owner, vector.incarnation, vector.epoch, vector.provider);
const sealed = await hpkeSeal(
  Buffer.from(recoveryKey.slice(2), 'hex'),
  plaintext,
  TAGS.releaseInfo,
  aad,
);
if (sealed.ciphertext.length !== MAX_RELEASE_CIPHERTEXT) {
  throw new Error(`sealed ${sealed.ciphertext.length} bytes, expected ${MAX_RELEASE_CIPHERTEXT}`);
}

const fixture = {
  description:
    'The largest sealed release report_bad_share accepts (MaxReleaseCiphertext = 256 bytes), sealed by scripts/bad-share-max-fixture.ts to the holder key of bad-share-vectors.json with its release aad; opens to 240 bytes (WrongLength).',
  owner: vector.owner,
  provider: vector.provider,
  epoch: vector.epoch,
  incarnation: vector.incarnation,
  holderIndex: vector.holderIndex,
  plaintext: u8aToHex(plaintext),
  enc: u8aToHex(sealed.enc),
  ciphertext: u8aToHex(sealed.ciphertext),
};
writeFileSync(join(dir, 'bad-share-max.json'), `${JSON.stringify(fixture, null, 2)}\n`);
console.log(
  `wrote ${join(dir, 'bad-share-max.json')}: ${sealed.ciphertext.length}-byte ciphertext`,
);
