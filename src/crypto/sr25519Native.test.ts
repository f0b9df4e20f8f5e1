import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { u8aEq } from '@polkadot/util';
import { cryptoWaitReady, randomAsU8a } from '@polkadot/util-crypto';
import { sr25519Verify as wasmVerify } from '@polkadot/wasm-crypto';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addonDisagreement,
  checkedAddon,
  javascriptSr25519Accepts,
  type Sr25519Addon,
  sr25519Addon,
  sr25519AddonStatus,
  withScalarPlusGroupOrder,
} from './sr25519Native.js';

beforeAll(async () => {
  await cryptoWaitReady();
});

const javascriptVerify = javascriptSr25519Accepts;

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
            let signature = pair.sign(message);
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
            if (target === 'scalar') signature = withScalarPlusGroupOrder(signature);
            const native = addon.verify(signed, signature, key);
            expect(native).toBe(wasmVerify(signature, signed, key));
            expect(native).toBe(target === 'none');
          },
        ),
        { numRuns: 300 },
      );
    });

    it('reads views at any offset in place', () => {
      const pair = keyring.addFromSeed(randomAsU8a(32));
      const message = randomAsU8a(40);
      const backing = new Uint8Array(7 + 40 + 64 + 32);
      backing.set(message, 7);
      backing.set(pair.sign(message), 47);
      backing.set(pair.publicKey, 111);
      const [m, sig, key] = [
        backing.subarray(7, 47),
        backing.subarray(47, 111),
        backing.subarray(111),
      ];
      expect(addon.verify(m, sig, key)).toBe(true);
      backing[8]! ^= 1;
      expect(addon.verify(m, sig, key)).toBe(false);
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

  it('falls back to wasm, and says why, when told to, or when the file is missing, not a .node file or not an addon', async () => {
    const cases: [string, RegExp][] = [
      ['none', /^CUSTOS_SR25519_ADDON=none$/],
      ['/nonexistent/custos-sr25519.node', /^no addon at \/nonexistent\/custos-sr25519\.node/],
      // Relative to the working directory, where the check for the file looked.
      ['relative/x.node', new RegExp(`^no addon at ${process.cwd()}/relative/x\\.node`)],
      [file('custos-sr25519.node', 'not a shared object'), /did not load/],
      [file('addon.cjs', 'module.exports = {}'), /must be none or the path of a \.node file/],
    ];
    const pair = new Keyring({ type: 'sr25519' }).addFromSeed(randomAsU8a(32));
    for (const [setting, reason] of cases) {
      const { status, signatures } = await freshLoad(setting);
      expect(status.loaded).toBe(false);
      if (!status.loaded) expect(status.reason).toMatch(reason);
      expect(signatures.nativeSr25519Signer(randomAsU8a(32), pair.address)).toBeUndefined();
      // Still schnorrkel, through wasm: it agrees with the JavaScript implementation.
      for (let i = 0; i < 8; i++) {
        const message = randomAsU8a(1 + i * 11);
        const signature = pair.sign(message);
        const wrong = [signature.slice(), withScalarPlusGroupOrder(signature)];
        wrong[0]![i * 8]! ^= 1;
        expect(signatures.sr25519Signed(message, signature, pair.publicKey)).toBe(true);
        for (const bad of wrong) {
          expect(signatures.sr25519Signed(message, bad, pair.publicKey)).toBe(false);
          expect(javascriptVerify(message, bad, pair.publicKey)).toBe(false);
        }
      }
    }
  });

  it('does not use an addon that loads but disagrees with schnorrkel', () => {
    const keyring = new Keyring({ type: 'sr25519' });
    const existing = file('custos-sr25519.node', '');
    /** An addon with the keyring's key pairs and the given verification. */
    const addonVerifying = (verify: Sr25519Addon['verify']) => (): Sr25519Addon => ({
      ABI_VERSION: 1,
      verify,
      Sr25519Keypair: {
        fromSeed: (seed) => {
          const pair = keyring.addFromSeed(seed);
          return { publicKey: pair.publicKey, sign: (m) => pair.sign(m), zeroize: () => undefined };
        },
      },
    });
    /** Accepts what schnorrkel accepts, and also what `extra` says. */
    const lenient = (extra: (signature: Uint8Array) => boolean) =>
      addonVerifying((m, sig, key) => javascriptVerify(m, sig, key) || extra(sig));
    const cases: [() => Sr25519Addon, RegExp][] = [
      [addonVerifying(() => true), /not used: it accepts a tampered signature/],
      [
        lenient((sig) => (sig[63]! & 0x80) === 0),
        /not used: it accepts a signature without schnorrkel’s marker/,
      ],
      [
        lenient((sig) => (sig[63]! & 0x7f) >= 0x10),
        /not used: it accepts a signature whose scalar is above the group order/,
      ],
      [
        () => {
          throw new Error('wrong ELF class');
        },
        /did not load: wrong ELF class/,
      ],
      [
        () => ({
          ...addonVerifying(() => true)(),
          Sr25519Keypair: {
            fromSeed: () => {
              throw new Error('no keys');
            },
          },
        }),
        /not used: its self-test threw: no keys/,
      ],
    ];
    for (const [open, reason] of cases) {
      const checked = checkedAddon(existing, open);
      expect(checked.addon).toBeUndefined();
      expect(checked.status).toMatchObject({ loaded: false, path: existing });
      if (!checked.status.loaded) expect(checked.status.reason).toMatch(reason);
    }
    expect(checkedAddon(existing, addonVerifying(javascriptVerify)).status).toEqual({
      loaded: true,
      path: existing,
    });
  });
});
