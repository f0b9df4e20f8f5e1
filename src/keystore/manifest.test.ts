import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { open, seal } from '../crypto/aead.js';
import { DecryptionFailedError } from '../errors/crypto.js';
import { InvalidKeyNameError, StoreIntegrityError } from '../errors/keystore.js';
import {
  assertNamespace,
  ciphertextHash,
  Manifest,
  manifestAad,
  parseValueKey,
  valueAad,
  valueKey,
} from './manifest.js';

const enc = new TextEncoder();
const hash = (s: string) => bytesToHex(sha256(enc.encode(s)));

describe('value keys', () => {
  it('prefix the namespace, whatever the name holds, and parse back', () => {
    for (const name of ['a', 'custos/tss-seed', '../node/k', '/', '..', 'x/../../y']) {
      expect(valueKey('tss', name).startsWith('v/tss/')).toBe(true);
      expect(parseValueKey(valueKey('tss', name))).toEqual({ ns: 'tss', name });
      expect(parseValueKey(valueKey('node', name))).toEqual({ ns: 'node', name });
    }
    for (const key of ['header', 'v/', 'v/tss', 'v/tss/', 'v/other/a', 'x/tss/a']) {
      expect(parseValueKey(key)).toBeUndefined();
    }
  });

  it('reject unknown namespaces', () => {
    expect(() => assertNamespace('tss')).not.toThrow();
    expect(() => assertNamespace('custos')).toThrow(InvalidKeyNameError);
    expect(() => assertNamespace(undefined)).toThrow(InvalidKeyNameError);
  });
});

describe('associated data', () => {
  const dek = new Uint8Array(32).fill(5);

  it('a value opens only under the namespace, name and version it was written at', () => {
    const box = seal(dek, enc.encode('secret'), valueAad('node', 'k', 3));
    expect(open(dek, box, valueAad('node', 'k', 3), 'v')).toEqual(enc.encode('secret'));
    for (const aad of [
      valueAad('tss', 'k', 3),
      valueAad('node', 'k2', 3),
      valueAad('node', 'k', 2),
    ])
      expect(() => open(dek, box, aad, 'v')).toThrow(DecryptionFailedError);
  });

  it('a manifest opens only beside the header bytes it was sealed with', () => {
    const box = seal(dek, Manifest.empty().encode(), manifestAad(enc.encode('{"v":1}')));
    expect(() => open(dek, box, manifestAad(enc.encode('{"v":2}')), 'm')).toThrow(
      DecryptionFailedError,
    );
  });

  it('ciphertextHash is the SHA-256 of the bytes, hex', () => {
    expect(ciphertextHash(enc.encode('abc'))).toBe(hash('abc'));
  });
});

describe('manifest', () => {
  it('adds, replaces and removes entries without changing the original', () => {
    const empty = Manifest.empty();
    const one = empty.with('tss', 'b', { version: 1, hash: hash('b') });
    const two = one.with('node', 'b', { version: 2, hash: hash('nb') }).with('tss', 'a', {
      version: 3,
      hash: hash('a'),
    });
    expect(empty.names('tss')).toEqual([]);
    expect(two.names('tss')).toEqual(['a', 'b']);
    expect(two.names('node')).toEqual(['b']);
    expect(two.get('node', 'b')).toEqual({ version: 2, hash: hash('nb') });
    expect(two.without('tss', 'b').names('tss')).toEqual(['a']);
    expect(two.names('tss')).toEqual(['a', 'b']);
    expect(two.hasKey('v/node/b')).toBe(true);
    expect(two.hasKey('v/node/a')).toBe(false);
  });

  it('encodes canonically and decodes what it encoded', () => {
    const a = Manifest.empty()
      .with('tss', 'z', { version: 1, hash: hash('z') })
      .with('node', 'k', { version: 2, hash: hash('k') });
    const b = Manifest.empty()
      .with('node', 'k', { version: 2, hash: hash('k') })
      .with('tss', 'z', { version: 1, hash: hash('z') });
    expect(a.encode()).toEqual(b.encode());
    const back = Manifest.decode(a.encode());
    expect(back.encode()).toEqual(a.encode());
    expect([...back.entries()].map((e) => e.key)).toEqual(['v/node/k', 'v/tss/z']);
  });

  it('decode refuses anything it did not encode', () => {
    const h = hash('x');
    for (const text of [
      'not json',
      '{}',
      '{"entries":{}}',
      '{"entries":[["tss","a",1]]}',
      `{"entries":[["other","a",1,"${h}"]]}`,
      `{"entries":[["tss","",1,"${h}"]]}`,
      `{"entries":[["tss","a",0,"${h}"]]}`,
      `{"entries":[["tss","a",1.5,"${h}"]]}`,
      '{"entries":[["tss","a",1,"00"]]}',
      `{"entries":[["tss","a",1,"${h}"],["tss","a",2,"${h}"]]}`,
    ]) {
      expect(() => Manifest.decode(enc.encode(text))).toThrow(StoreIntegrityError);
    }
  });
});
