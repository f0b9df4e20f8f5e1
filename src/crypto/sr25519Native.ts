/**
 * The native sr25519 addon (`native/sr25519`, schnorrkel behind Node-API, built by
 * `npm run native:build`): about eight times faster than schnorrkel in wasm per
 * verification and three times per signature (docs/benchmarks.md "Provider request path").
 *
 * It is optional. The first use loads it once, from `CUSTOS_SR25519_ADDON` when set (a path,
 * or `none` for no addon) or else from `native/sr25519/custos-sr25519.node` in the
 * repository or installed package. A loaded addon is used only after it has agreed with
 * `@polkadot/util-crypto`'s JavaScript sr25519 on a key pair, a signature each way and a
 * refused signature, so a stale or foreign file is never trusted; otherwise every caller
 * falls back to wasm, and {@link sr25519AddonStatus} says why.
 *
 * The addon is code of the companion like its JavaScript: inside a TDX guest it is part of
 * the measured image, and a host that could swap it could swap `dist/` as well.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { u8aEq } from '@polkadot/util';
import { sr25519PairFromSeed, sr25519Sign, sr25519Verify } from '@polkadot/util-crypto';

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
  /** Malformed keys or signatures are `false`. */
  verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean;
  Sr25519Keypair: { fromSeed(seed: Uint8Array): NativeSr25519Keypair };
}

/** Whether the addon is in use, and where it came from or why not. */
export type Sr25519AddonStatus =
  | { loaded: true; path: string }
  | { loaded: false; path: string | undefined; reason: string };

/**
 * The default place of the addon: `native/sr25519/` of the first ancestor of this module
 * that has one (the repository when run from `src/` or `dist/src/`, the package when
 * installed), else where the repository would have it.
 */
function defaultAddonPath(): string {
  const from = dirname(fileURLToPath(import.meta.url));
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'native', 'sr25519', SR25519_ADDON_FILE);
    if (existsSync(candidate) || existsSync(join(dir, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return join(from, SR25519_ADDON_FILE);
  }
}

/** The JavaScript verifier with its exceptions (malformed signatures or keys) as `false`. */
function javascriptAccepts(message: Uint8Array, signature: Uint8Array, key: Uint8Array): boolean {
  try {
    return sr25519Verify(message, signature, key);
  } catch {
    return false;
  }
}

/**
 * Checks `addon` against the JavaScript implementation: the same public key for a seed,
 * its signature accepted there, a JavaScript signature accepted by it, a tampered one
 * refused. Returns what disagreed, or undefined. Costs about 5 ms, once.
 */
export function addonDisagreement(addon: Sr25519Addon): string | undefined {
  if (addon.ABI_VERSION !== SR25519_ADDON_ABI)
    return `ABI version ${addon.ABI_VERSION}, expected ${SR25519_ADDON_ABI} (rebuild it)`;
  const seed = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
  const message = new TextEncoder().encode('custos sr25519 addon self-test');
  const reference = sr25519PairFromSeed(seed);
  const pair = addon.Sr25519Keypair.fromSeed(seed);
  try {
    if (!u8aEq(pair.publicKey, reference.publicKey))
      return 'its public key for a seed differs from the JavaScript implementation';
    if (!javascriptAccepts(message, pair.sign(message), reference.publicKey))
      return 'its signature is refused by the JavaScript implementation';
    const signature = sr25519Sign(message, reference);
    if (!addon.verify(message, signature, reference.publicKey))
      return 'it refuses a signature of the JavaScript implementation';
    const tampered = signature.slice();
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    if (addon.verify(message, tampered, reference.publicKey))
      return 'it accepts a tampered signature';
    return undefined;
  } finally {
    pair.zeroize();
    reference.secretKey.fill(0);
  }
}

let loadedAddon: Sr25519Addon | undefined;
let status: Sr25519AddonStatus | undefined;

/** Loads, checks and remembers the addon the first time; never throws. */
function load(): Sr25519AddonStatus {
  if (status) return status;
  const configured = process.env.CUSTOS_SR25519_ADDON;
  if (configured === 'none') {
    status = { loaded: false, path: undefined, reason: 'CUSTOS_SR25519_ADDON=none' };
    return status;
  }
  const path = configured || defaultAddonPath();
  if (!existsSync(path)) {
    status = { loaded: false, path, reason: `no addon at ${path} (npm run native:build)` };
    return status;
  }
  const firstLine = (error: unknown) =>
    error instanceof Error ? error.message.split('\n')[0] : String(error);
  let addon: Sr25519Addon;
  try {
    addon = createRequire(import.meta.url)(path) as Sr25519Addon;
  } catch (error) {
    status = { loaded: false, path, reason: `addon at ${path} did not load: ${firstLine(error)}` };
    return status;
  }
  let disagreement: string | undefined;
  try {
    disagreement = addonDisagreement(addon);
  } catch (error) {
    disagreement = `its self-test threw: ${firstLine(error)}`;
  }
  if (disagreement) {
    status = { loaded: false, path, reason: `addon at ${path} not used: ${disagreement}` };
  } else {
    loadedAddon = addon;
    status = { loaded: true, path };
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
