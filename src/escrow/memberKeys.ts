import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { randomAsU8a } from '@polkadot/util-crypto';
import { ConfigError } from '../config.js';
import { zeroize } from '../crypto/aead.js';
import { hpkePublicKeyOf } from '../crypto/hpke.js';

/**
 * An escrow member's two keys, in one file that never sits on a validator's host
 * (docs/deployment.md "Escrow members"): an sr25519 seed (signs releases; its account is
 * what governance registers) and an x25519 private key (opens the deposits sealed to it).
 */
export interface EscrowMemberKeys {
  /** The signing key pair. */
  signer: KeyringPair;
  /** The x25519 private key (32 bytes). Zeroise with {@link forgetMemberKeys}. */
  sealingPrivateKey: Uint8Array;
  /** The x25519 public key governance registers as the member's sealing key. */
  sealingKey: Uint8Array;
}

interface KeyFile {
  version: 1;
  signingSeed: string;
  sealingPrivateKey: string;
}

const HEX32 = /^0x[0-9a-f]{64}$/;

/**
 * Creates a key file at `path` (mode 0600; refuses to overwrite) and returns the public
 * halves governance registers: the member's account (SS58) and sealing key (hex).
 */
export async function generateMemberKeyFile(
  path: string,
): Promise<{ account: string; sealingKey: string }> {
  const seed = randomAsU8a(32);
  const sealing = randomAsU8a(32);
  const file: KeyFile = {
    version: 1,
    signingSeed: u8aToHex(seed),
    sealingPrivateKey: u8aToHex(sealing),
  };
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    throw new ConfigError(`out: cannot create ${path}: ${(error as Error).message}`);
  }
  try {
    writeSync(fd, `${JSON.stringify(file)}\n`);
  } finally {
    closeSync(fd);
  }
  const account = new Keyring({ type: 'sr25519' }).addFromSeed(seed).address;
  const sealingKey = u8aToHex(await hpkePublicKeyOf(sealing));
  zeroize(seed);
  zeroize(sealing);
  return { account, sealingKey };
}

/**
 * Reads a key file made by {@link generateMemberKeyFile}. Refuses (with a `ConfigError`
 * naming the field) a file readable by others, malformed JSON, another version, or keys
 * that are not 32-byte hex.
 */
export async function readMemberKeyFile(path: string): Promise<EscrowMemberKeys> {
  const refuse = (reason: string) => new ConfigError(`key-file: cannot use ${path}: ${reason}`);
  let text: string;
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (error) {
    throw refuse((error as Error).message);
  }
  if (!stat.isFile()) throw refuse('not a regular file');
  if ((stat.mode & 0o077) !== 0)
    throw refuse(`mode ${(stat.mode & 0o777).toString(8)} lets others read it; chmod 600`);
  if (stat.size > 4096) throw refuse(`${stat.size} bytes, more than 4096`);
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw refuse((error as Error).message);
  }
  let parsed: Partial<KeyFile>;
  try {
    parsed = JSON.parse(text) as Partial<KeyFile>;
  } catch {
    throw new ConfigError('key-file: not JSON');
  }
  if (parsed.version !== 1)
    throw new ConfigError(`key-file: version must be 1, got ${String(parsed.version)}`);
  for (const field of ['signingSeed', 'sealingPrivateKey'] as const) {
    if (typeof parsed[field] !== 'string' || !HEX32.test(parsed[field]))
      throw new ConfigError(`key-file: ${field} must be 32 bytes of lowercase 0x-hex`);
  }
  const seed = hexToU8a(parsed.signingSeed!);
  const signer = new Keyring({ type: 'sr25519' }).addFromSeed(seed);
  zeroize(seed);
  const sealingPrivateKey = hexToU8a(parsed.sealingPrivateKey!);
  return { signer, sealingPrivateKey, sealingKey: await hpkePublicKeyOf(sealingPrivateKey) };
}

/** Zeroises the sealing private key (the signer's secret lives in the keyring pair). */
export function forgetMemberKeys(keys: EscrowMemberKeys): void {
  zeroize(keys.sealingPrivateKey);
}
