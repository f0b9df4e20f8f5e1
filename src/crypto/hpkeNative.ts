/**
 * HPKE's primitives on `node:crypto`, synchronous: X25519 through OpenSSL and HKDF-SHA256
 * through OpenSSL's HMAC. `@hpke/core` keeps the protocol (key schedule, DHKEM, nonces);
 * its default primitives go through WebCrypto, where every X25519 and every HMAC step is
 * an asynchronous job on libuv's thread pool (about ten per seal). Here they run inline,
 * which is what makes a provider's release cheap (docs/benchmarks.md "Provider request
 * path"). The wire format is RFC 9180's: messages sealed by either implementation open
 * with the other (`src/crypto/hpkeNative.test.ts`).
 */
import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  type KeyObject,
  randomFillSync,
} from 'node:crypto';
import { Dhkem, HkdfSha256Native, KemId, XCurveDhkemPrimitives } from '@hpke/common';
import { InvalidKeyMaterialError } from '../errors/crypto.js';

/** The X25519 base point, u = 9. */
const BASE_POINT = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 9 : 0));
/**
 * Node's JWK import wants an `x` beside a private `d`; it keys the private key from `d`
 * alone and derives the public key itself, which is what {@link derivedPublicKey} reads
 * (the unit tests check it against noble's X25519). JWK, not DER: OpenSSL 3's DER
 * decoders cost about ten times as much per key. The base64url string of a private key
 * cannot be zeroised; it lives until collected, like the key object OpenSSL holds.
 */
const UNUSED_X = Buffer.alloc(32).toString('base64url');

/**
 * The public key OpenSSL derived from an imported private key's `d` when it imported it
 * (X25519 of the key and the base point; the placeholder `x` is not kept). Reading it back
 * costs a twelfth of computing it again. The unit tests check it against noble's X25519.
 */
function derivedPublicKey(privateKey: KeyObject): Uint8Array {
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
  // Not the import's placeholder: a Node that kept the given `x` would hand that back.
  const publicKey = x === undefined || x === UNUSED_X ? undefined : Buffer.from(x, 'base64url');
  if (publicKey?.length !== 32)
    throw new InvalidKeyMaterialError('x25519 private key', 'OpenSSL derived no public key');
  return new Uint8Array(publicKey);
}

/** The base64url of a raw 32-byte X25519 key, refusing any other length. */
function rawKey(key: Uint8Array, what: 'private' | 'public'): string {
  if (key.length !== 32)
    throw new InvalidKeyMaterialError(`x25519 ${what} key`, `must be 32 bytes, got ${key.length}`);
  return Buffer.from(key.buffer, key.byteOffset, 32).toString('base64url');
}

/** An X25519 private key as OpenSSL holds it, with its public key. */
interface HeldPrivateKey {
  /** SHA-256 of the raw key it was made from: the array may have changed since. */
  digest: string;
  key: KeyObject;
  publicKey: Uint8Array;
}

/**
 * Key objects of the private keys this process used, with their public keys, by the array
 * that holds the raw key (an entry goes with its array). Importing a private key costs
 * OpenSSL about as much as an exchange; an HPKE seal would otherwise import its ephemeral
 * key twice (for its public key, then for the exchange). An entry is used only while the
 * array still holds the key it was made from (its SHA-256 is compared), so a zeroised or
 * reused array is imported afresh. The cache keeps no copy of a raw key.
 */
const heldPrivateKeys = new WeakMap<Uint8Array, HeldPrivateKey>();

function digestOf(secretKey: Uint8Array): string {
  return createHash('sha256').update(secretKey).digest('base64');
}

function heldPrivateKey(secretKey: Uint8Array): HeldPrivateKey {
  const digest = digestOf(secretKey);
  const held = heldPrivateKeys.get(secretKey);
  if (held?.digest === digest) return held;
  const d = rawKey(secretKey, 'private');
  const key = createPrivateKey({
    key: { kty: 'OKP', crv: 'X25519', d, x: UNUSED_X },
    format: 'jwk',
  });
  const publicKey = derivedPublicKey(key);
  const fresh = { digest, key, publicKey };
  heldPrivateKeys.set(secretKey, fresh);
  return fresh;
}

/**
 * A fresh random X25519 private key. Its key object is made once, when its public key is
 * derived, and reused for the exchange. Not `generateKeyPairSync`: exporting the raw key
 * of a generated X25519 key as JWK can deadlock Node 20 when garbage collection runs
 * during the export (seen here: the export holds the key's mutex while a finalised key
 * generation job waits for it).
 */
function generatedSecretKey(): Uint8Array {
  return randomFillSync(new Uint8Array(32));
}

function publicKeyObject(publicKey: Uint8Array) {
  const x = rawKey(publicKey, 'public');
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' });
}

/** The public key of `secretKey`: X25519 of it and the base point, as OpenSSL derived it. */
function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  return new Uint8Array(heldPrivateKey(secretKey).publicKey);
}

/**
 * X25519 of OpenSSL with a zero-output check: a low-order public key gives an all-zero
 * secret, which RFC 9180 (section 7.1.4) requires refusing.
 */
function sharedSecret(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const secret = new Uint8Array(
    diffieHellman({
      privateKey: heldPrivateKey(secretKey).key,
      publicKey: publicKeyObject(publicKey),
    }),
  );
  if (secret.every((b) => b === 0))
    throw new InvalidKeyMaterialError(
      'x25519 public key',
      'is a low-order point: it gives no shared secret',
    );
  return secret;
}

/** The curve object `@hpke/common`'s Montgomery-curve DHKEM takes, backed by OpenSSL. */
export const nodeX25519 = {
  scalarMult: sharedSecret,
  scalarMultBase: publicKeyOf,
  getSharedSecret: sharedSecret,
  getPublicKey: publicKeyOf,
  utils: { randomSecretKey: async () => generatedSecretKey() },
  GuBytes: BASE_POINT,
  lengths: { secretKey: 32, publicKey: 32, seed: 32 },
  keygen: () => {
    const secretKey = generatedSecretKey();
    return { secretKey, publicKey: publicKeyOf(secretKey) };
  },
};

function bytes(input: ArrayBufferLike | ArrayBufferView): Uint8Array {
  return ArrayBuffer.isView(input)
    ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
    : new Uint8Array(input);
}

/** An exact ArrayBuffer copy (what `@hpke/core` expects back). */
function arrayBuffer(view: Uint8Array): ArrayBuffer {
  return new Uint8Array(view).buffer as ArrayBuffer;
}

/**
 * HKDF-SHA256 (RFC 5869) whose extract and expand run OpenSSL's HMAC inline. Labels,
 * suite ids and length checks stay `@hpke/common`'s.
 */
export class NodeHkdfSha256 extends HkdfSha256Native {
  override async extract(
    salt: ArrayBufferLike | ArrayBufferView,
    ikm: ArrayBufferLike | ArrayBufferView,
  ): Promise<ArrayBuffer> {
    const key = bytes(salt).byteLength === 0 ? new Uint8Array(this.hashSize) : bytes(salt);
    return arrayBuffer(createHmac('sha256', key).update(bytes(ikm)).digest());
  }

  override async expand(
    prk: ArrayBufferLike | ArrayBufferView,
    info: ArrayBufferLike | ArrayBufferView,
    len: number,
  ): Promise<ArrayBuffer> {
    if (len > 255 * this.hashSize) throw new RangeError('HKDF output longer than 255 blocks');
    const key = bytes(prk);
    const infoBytes = bytes(info);
    const out = new Uint8Array(len);
    let block = new Uint8Array(0);
    for (let i = 1, filled = 0; filled < len; i++) {
      block = new Uint8Array(
        createHmac('sha256', key).update(block).update(infoBytes).update(Uint8Array.of(i)).digest(),
      );
      out.set(block.subarray(0, len - filled), filled);
      filled += block.length;
    }
    return out.buffer;
  }

  override async extractAndExpand(
    salt: ArrayBufferLike | ArrayBufferView,
    ikm: ArrayBufferLike | ArrayBufferView,
    info: ArrayBufferLike | ArrayBufferView,
    len: number,
  ): Promise<ArrayBuffer> {
    return this.expand(await this.extract(salt, ikm), info, len);
  }
}

/** DHKEM(X25519, HKDF-SHA256) of RFC 9180 with {@link nodeX25519} and {@link NodeHkdfSha256}. */
export class NodeDhkemX25519HkdfSha256 extends Dhkem {
  override readonly id = KemId.DhkemX25519HkdfSha256;
  override readonly secretSize = 32;
  override readonly encSize = 32;
  override readonly publicKeySize = 32;
  override readonly privateKeySize = 32;

  constructor() {
    const kdf = new NodeHkdfSha256();
    super(
      KemId.DhkemX25519HkdfSha256,
      new XCurveDhkemPrimitives('X25519', 32, nodeX25519, kdf),
      kdf,
    );
  }
}
