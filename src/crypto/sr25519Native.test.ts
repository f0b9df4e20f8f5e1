import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { u8aEq } from '@polkadot/util';
import { cryptoWaitReady, randomAsU8a, sr25519Verify } from '@polkadot/util-crypto';
import { sr25519Verify as wasmVerify } from '@polkadot/wasm-crypto';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addonDisagreement,
  type Sr25519Addon,
  sr25519Addon,
  sr25519AddonStatus,
} from './sr25519Native.js';

beforeAll(async () => {
  await cryptoWaitReady();
});

/** The JavaScript implementation, with its exceptions (malformed points) as `false`. */
function javascriptVerify(message: Uint8Array, signature: Uint8Array, key: Uint8Array): boolean {
  try {
    return sr25519Verify(message, signature, key);
  } catch {
    return false;
  }
}

const status = sr25519AddonStatus();

describe('the native sr25519 addon', () => {
  it('is in use where the build requires it (.ci/run sets CUSTOS_REQUIRE_SR25519_ADDON)', () => {
    // Not a skip: on a machine without Rust the companion runs on wasm and says why; where
    // the addon was built (CI builds it strictly), not loading it is a failure.
    if (process.env.CUSTOS_REQUIRE_SR25519_ADDON === '1')
      expect(status).toMatchObject({ loaded: true });
    if (!status.loaded) expect(status.reason).toMatch(/addon|CUSTOS_SR25519_ADDON/);
  });

  describe.runIf(status.loaded)('when loaded', () => {
    const addon = sr25519Addon() as Sr25519Addon;
    const keyring = new Keyring({ type: 'sr25519' });

    it('expands a seed to the keyring’s key pair and signs what the wasm and JavaScript verifiers accept', () => {
      for (let i = 0; i < 10; i++) {
        const seed = randomAsU8a(32);
        const pair = addon.Sr25519Keypair.fromSeed(seed);
        const reference = keyring.addFromSeed(seed);
        expect(u8aEq(pair.publicKey, reference.publicKey)).toBe(true);
        const message = randomAsU8a(i * 37);
        const signature = pair.sign(message);
        expect(signature).toBeInstanceOf(Uint8Array);
        expect(signature.length).toBe(64);
        expect(wasmVerify(signature, message, reference.publicKey)).toBe(true);
        expect(javascriptVerify(message, signature, reference.publicKey)).toBe(true);
        // Randomised nonces: two signatures of one message differ, both valid.
        expect(u8aEq(pair.sign(message), signature)).toBe(false);
        expect(addon.verify(message, reference.sign(message), reference.publicKey)).toBe(true);
      }
    });

    it('agrees with wasm on every mutation of a valid signature, message or key', () => {
      const pair = keyring.addFromSeed(randomAsU8a(32));
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 0, maxLength: 300 }),
          fc.constantFrom('signature', 'message', 'key', 'marker', 'scalar', 'none'),
          fc.nat(),
          fc.nat(7),
          (message, target, position, bit) => {
            const signature = pair.sign(message);
            const key = pair.publicKey.slice();
            let signed = message.slice();
            if (target === 'signature') signature[position % 64]! ^= 1 << bit;
            if (target === 'message')
              signed =
                signed.length === 0
                  ? Uint8Array.of(bit)
                  : signed.map((b, i) => (i === position % signed.length ? b ^ (1 << bit) : b));
            if (target === 'key') key[position % 32]! ^= 1 << bit;
            // schnorrkel's marker bit, then a scalar at or above the group order.
            if (target === 'marker') signature[63]! &= 0x7f;
            if (target === 'scalar') signature.fill(0xff, 32, 63);
            const native = addon.verify(signed, signature, key);
            expect(native).toBe(wasmVerify(signature, signed, key));
            expect(native).toBe(target === 'none');
          },
        ),
        { numRuns: 300 },
      );
    });

    it('is false, not an exception, for keys and signatures of the wrong length', () => {
      const pair = keyring.addFromSeed(randomAsU8a(32));
      const message = randomAsU8a(32);
      const signature = pair.sign(message);
      expect(addon.verify(message, signature.subarray(0, 63), pair.publicKey)).toBe(false);
      expect(addon.verify(message, new Uint8Array(65), pair.publicKey)).toBe(false);
      expect(addon.verify(message, signature, pair.publicKey.subarray(0, 31))).toBe(false);
      expect(addon.verify(message, new Uint8Array(0), new Uint8Array(0))).toBe(false);
    });

    it('refuses a seed of the wrong length, naming the field, and stops signing once zeroised', () => {
      expect(() => addon.Sr25519Keypair.fromSeed(new Uint8Array(31))).toThrow(
        'seed: must be 32 bytes, got 31',
      );
      const pair = addon.Sr25519Keypair.fromSeed(randomAsU8a(32));
      pair.sign(randomAsU8a(8));
      pair.zeroize();
      expect(() => pair.sign(randomAsU8a(8))).toThrow(/zeroised/);
      pair.zeroize();
    });
  });
});

describe('addonDisagreement (the check before an addon is trusted)', () => {
  const keyring = new Keyring({ type: 'sr25519' });
  /** A stand-in whose key pairs are the keyring's: an honest addon, to break one way at a time. */
  const honest = (): Sr25519Addon => ({
    ABI_VERSION: 1,
    verify: javascriptVerify,
    Sr25519Keypair: {
      fromSeed: (seed) => {
        const pair = keyring.addFromSeed(seed);
        return { publicKey: pair.publicKey, sign: (m) => pair.sign(m), zeroize: () => undefined };
      },
    },
  });

  it('passes an addon that behaves as schnorrkel', () => {
    expect(addonDisagreement(honest())).toBeUndefined();
  });

  it('names each way an addon can be wrong', () => {
    expect(addonDisagreement({ ...honest(), ABI_VERSION: 2 })).toMatch(/ABI version 2, expected 1/);
    expect(addonDisagreement({ ...honest(), verify: () => true })).toMatch(
      /accepts a tampered signature/,
    );
    expect(addonDisagreement({ ...honest(), verify: () => false })).toMatch(
      /refuses a signature of the JavaScript implementation/,
    );
    const otherKeys = honest();
    otherKeys.Sr25519Keypair.fromSeed = () => {
      const pair = keyring.addFromSeed(randomAsU8a(32));
      return { publicKey: pair.publicKey, sign: (m) => pair.sign(m), zeroize: () => undefined };
    };
    expect(addonDisagreement(otherKeys)).toMatch(/public key for a seed differs/);
    const badSigner = honest();
    badSigner.Sr25519Keypair.fromSeed = (seed) => ({
      publicKey: keyring.addFromSeed(seed).publicKey,
      sign: () => new Uint8Array(64),
      zeroize: () => undefined,
    });
    expect(addonDisagreement(badSigner)).toMatch(/signature is refused/);
  });
});

describe('loading the addon', () => {
  const saved = process.env.CUSTOS_SR25519_ADDON;
  const dirs: string[] = [];
  afterEach(() => {
    if (saved === undefined) delete process.env.CUSTOS_SR25519_ADDON;
    else process.env.CUSTOS_SR25519_ADDON = saved;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    vi.resetModules();
  });

  /** The loader and `sr25519Signed` as a fresh process would load them, with `setting`. */
  async function freshLoad(setting: string) {
    process.env.CUSTOS_SR25519_ADDON = setting;
    vi.resetModules();
    const native = await import('./sr25519Native.js');
    const signatures = await import('./signatures.js');
    return { status: native.sr25519AddonStatus(), signatures };
  }

  /** A file at `name` in a fresh directory holding `text`. */
  function file(name: string, text: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'custos-addon-'));
    dirs.push(dir);
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it('falls back to wasm, and says why, when told to, when the file is missing or not an addon, or when it lies', async () => {
    const lying = file(
      'lying.cjs',
      // Loads, has the right ABI, and accepts every signature: the check refuses it.
      'module.exports = { ABI_VERSION: 1, verify: () => true, Sr25519Keypair: { fromSeed: () => { throw new Error("no keys") } } };',
    );
    const cases: [string, RegExp][] = [
      ['none', /CUSTOS_SR25519_ADDON=none/],
      ['/nonexistent/custos-sr25519.node', /no addon at \/nonexistent/],
      [file('custos-sr25519.node', 'not a shared object'), /did not load/],
      [lying, /not used: its self-test threw: no keys/],
    ];
    const pair = new Keyring({ type: 'sr25519' }).addFromSeed(randomAsU8a(32));
    const message = randomAsU8a(40);
    for (const [setting, reason] of cases) {
      const { status, signatures } = await freshLoad(setting);
      expect(status.loaded).toBe(false);
      if (!status.loaded) expect(status.reason).toMatch(reason);
      // Still schnorrkel, through wasm: valid accepted, wrong message refused.
      expect(signatures.sr25519Signed(message, pair.sign(message), pair.publicKey)).toBe(true);
      expect(signatures.sr25519Signed(randomAsU8a(40), pair.sign(message), pair.publicKey)).toBe(
        false,
      );
      expect(signatures.nativeSr25519Signer(randomAsU8a(32), pair.address)).toBeUndefined();
    }
  });

  it('refuses an addon whose verification accepts a tampered signature', async () => {
    // Honest key pairs (the keyring's, handed over through a global so that the module
    // loads no second copy of polkadot.js), and a verification that accepts anything.
    const keyring = new Keyring({ type: 'sr25519' });
    const holder = globalThis as { custosTestPair?: (seed: Uint8Array) => unknown };
    holder.custosTestPair = (seed) => {
      const pair = keyring.addFromSeed(seed);
      return { publicKey: pair.publicKey, sign: (m: Uint8Array) => pair.sign(m), zeroize() {} };
    };
    try {
      const accepting = file(
        'accepting.cjs',
        'module.exports = { ABI_VERSION: 1, verify: () => true, Sr25519Keypair: { fromSeed: (seed) => globalThis.custosTestPair(seed) } };',
      );
      const { status } = await freshLoad(accepting);
      expect(status).toMatchObject({ loaded: false });
      if (!status.loaded)
        expect(status.reason).toMatch(/not used: it accepts a tampered signature/);
    } finally {
      delete holder.custosTestPair;
    }
  });
});
