/**
 * The native sr25519 addon (`native/sr25519`, schnorrkel behind Node-API, built by
 * `npm run native:build`): about nine times faster than schnorrkel in wasm per
 * verification and seven times per signature (docs/benchmarks.md "Provider request path").
 *
 * It is optional. The first use loads it once, from `CUSTOS_SR25519_ADDON` when set (a path,
 * or `none` for no addon) or else from `native/sr25519/custos-sr25519.node` in the
 * repository or installed package. A loaded addon is used only after it has agreed with
 * `@polkadot/util-crypto`'s JavaScript sr25519 on a random key pair, a signature each way
 * and five signatures every verifier must refuse, so a stale or miscompiled addon is not
 * used; otherwise every caller falls back to wasm, and {@link sr25519AddonStatus} says why.
 *
 * The addon is code of the companion like its JavaScript: inside a TDX guest it is part of
 * the measured image, and a host that could swap it could swap `dist/` as well.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { u8aEq } from '@polkadot/util';
import {
  randomAsU8a,
  sr25519PairFromSeed,
  sr25519Sign,
  sr25519Verify,
} from '@polkadot/util-crypto';

/** The addon's `ABI_VERSION` this module was written for. */
export const SR25519_ADDON_ABI = 1;

/** The addon's file name, in `native/sr25519/` of the repository or package. */
export const SR25519_ADDON_FILE = 'custos-sr25519.node';

/** An sr25519 key pair held in the addon's memory (its secret never enters JavaScript). */
export interface NativeSr25519Keypair {
  readonly publicKey: Uint8Array;
  /** A fresh 64-byte signature over exactly `message`; throws once zeroised. */
  sign(message: Uint8Array): Uint8Array;
  /** Drops the secret (schnorrkel wipes it). */
  zeroize(): void;
}

/** What the addon exports (native/sr25519/src/lib.rs). */
export interface Sr25519Addon {
  readonly ABI_VERSION: number;
  /**
   * Malformed keys or signatures (wrong length, not a point, no marker, scalar out of
   * range) are `false`; an argument that is not a Uint8Array throws (`sr25519Signed`
   * catches it). Views at any offset are read in place.
   */
  verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean;
  Sr25519Keypair: { fromSeed(seed: Uint8Array): NativeSr25519Keypair };
}

/** Whether the addon is in use, and where it came from or why not. */
export type Sr25519AddonStatus =
  | { loaded: true; path: string }
  | { loaded: false; path: string | undefined; reason: string };

/**
 * The default place of the addon: `native/sr25519/` of the nearest ancestor of this module
 * that has one, or else of the nearest that has a `package.json` (the repository when run
 * from `src/` or `dist/src/`, the package when installed).
 */
function defaultAddonPath(): string {
  const from = dirname(fileURLToPath(import.meta.url));
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'native', 'sr25519', SR25519_ADDON_FILE);
    if (existsSync(candidate) || existsSync(join(dir, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return join(from, 'native', 'sr25519', SR25519_ADDON_FILE);
  }
}

/**
 * `@polkadot/util-crypto`'s JavaScript sr25519 verification, with its exceptions (malformed
 * signatures or keys) as `false`: the reference the addon is compared with.
 */
export function javascriptSr25519Accepts(
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  try {
    return sr25519Verify(message, signature, publicKey);
  } catch {
    return false;
  }
}

/** ℓ, the order of the Ristretto255 group sr25519 signs in. */
const GROUP_ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;

/**
 * `signature` with its scalar `s` replaced by `s + ℓ` (same value modulo ℓ, schnorrkel's
 * marker kept): the malleated form every sr25519 verifier must refuse.
 */
export function withScalarPlusGroupOrder(signature: Uint8Array): Uint8Array {
  const out = signature.slice();
  let scalar = 0n;
  for (let i = 63; i >= 32; i--)
    scalar = (scalar << 8n) | BigInt(i === 63 ? out[i]! & 0x7f : out[i]!);
  scalar += GROUP_ORDER;
  for (let i = 32; i < 64; i++) {
    out[i] = Number(scalar & 0xffn);
    scalar >>= 8n;
  }
  out[63]! |= 0x80;
  return out;
}

/**
 * Checks `addon` against the JavaScript implementation on a random seed and message: the
 * same public key; its signature accepted there; a JavaScript signature accepted by it;
 * and refused by it under a changed byte, another message, another key, without
 * schnorrkel's marker, and with the scalar plus the group order. Returns what disagreed,
 * or undefined. Costs about 6 ms, once.
 */
export function addonDisagreement(addon: Sr25519Addon): string | undefined {
  if (addon.ABI_VERSION !== SR25519_ADDON_ABI)
    return `ABI version ${addon.ABI_VERSION}, expected ${SR25519_ADDON_ABI} (rebuild it)`;
  const seed = randomAsU8a(32);
  const message = randomAsU8a(48);
  const reference = sr25519PairFromSeed(seed);
  const other = sr25519PairFromSeed(randomAsU8a(32));
  const pair = addon.Sr25519Keypair.fromSeed(seed);
  try {
    if (!u8aEq(pair.publicKey, reference.publicKey))
      return 'its public key for a seed differs from the JavaScript implementation';
    if (!javascriptSr25519Accepts(message, pair.sign(message), reference.publicKey))
      return 'its signature is refused by the JavaScript implementation';
    const signature = sr25519Sign(message, reference);
    if (!addon.verify(message, signature, reference.publicKey))
      return 'it refuses a signature of the JavaScript implementation';
    const tampered = signature.slice();
    tampered[0]! ^= 1;
    const unmarked = signature.slice();
    unmarked[63]! &= 0x7f;
    const otherMessage = message.slice();
    otherMessage[0]! ^= 1;
    const refusals: [string, Uint8Array, Uint8Array, Uint8Array][] = [
      ['a tampered signature', message, tampered, reference.publicKey],
      ['a signature over another message', otherMessage, signature, reference.publicKey],
      ['a signature under another key', message, signature, other.publicKey],
      ['a signature without schnorrkel’s marker', message, unmarked, reference.publicKey],
      [
        'a signature whose scalar is above the group order',
        message,
        withScalarPlusGroupOrder(signature),
        reference.publicKey,
      ],
    ];
    for (const [what, m, sig, key] of refusals)
      if (addon.verify(m, sig, key)) return `it accepts ${what}`;
    return undefined;
  } finally {
    pair.zeroize();
    reference.secretKey.fill(0);
    other.secretKey.fill(0);
    seed.fill(0);
  }
}

/** Loads a Node-API addon file, as `require` loads a `.node` file. */
function dlopenAddon(path: string): Sr25519Addon {
  const module = { exports: {} };
  process.dlopen(module, path);
  return module.exports as Sr25519Addon;
}

const firstLine = (error: unknown) =>
  error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);

/**
 * The addon at `path`, opened with `open` (a Node-API load by default) and checked with
 * {@link addonDisagreement}, or why it is not used. Never throws. Opening a file runs its
 * code: the check catches an addon that disagrees with schnorrkel, not a hostile file,
 * which must be kept out like any other file of the package.
 */
export function checkedAddon(
  path: string,
  open: (path: string) => Sr25519Addon = dlopenAddon,
): { addon?: Sr25519Addon; status: Sr25519AddonStatus } {
  if (!existsSync(path))
    return {
      status: { loaded: false, path, reason: `no addon at ${path} (npm run native:build)` },
    };
  let addon: Sr25519Addon;
  try {
    addon = open(path);
  } catch (error) {
    return {
      status: { loaded: false, path, reason: `addon at ${path} did not load: ${firstLine(error)}` },
    };
  }
  let disagreement: string | undefined;
  try {
    disagreement = addonDisagreement(addon);
  } catch (error) {
    disagreement = `its self-test threw: ${firstLine(error)}`;
  }
  if (disagreement)
    return {
      status: { loaded: false, path, reason: `addon at ${path} not used: ${disagreement}` },
    };
  return { addon, status: { loaded: true, path } };
}

let loadedAddon: Sr25519Addon | undefined;
let status: Sr25519AddonStatus | undefined;

/**
 * Loads and checks the addon the first time, from `CUSTOS_SR25519_ADDON` (`none`, or the
 * path of a `.node` file, relative to the working directory) or the default place.
 */
function load(): Sr25519AddonStatus {
  if (status) return status;
  const configured = process.env.CUSTOS_SR25519_ADDON;
  if (configured === 'none') {
    status = { loaded: false, path: undefined, reason: 'CUSTOS_SR25519_ADDON=none' };
  } else if (configured && !configured.endsWith('.node')) {
    status = {
      loaded: false,
      path: resolve(configured),
      reason: `CUSTOS_SR25519_ADDON must be none or the path of a .node file, got ${configured}`,
    };
  } else {
    const checked = checkedAddon(configured ? resolve(configured) : defaultAddonPath());
    loadedAddon = checked.addon;
    status = checked.status;
  }
  return status;
}

/** The checked addon, or undefined when none is in use (see {@link sr25519AddonStatus}). */
export function sr25519Addon(): Sr25519Addon | undefined {
  load();
  return loadedAddon;
}

/** Whether the addon is in use, its path, or why not (loads it on first call). */
export function sr25519AddonStatus(): Sr25519AddonStatus {
  return load();
}
