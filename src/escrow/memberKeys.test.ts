/**
 * Escrow member key files on a real temporary directory: created 0600 and never
 * overwritten, read back to the same public keys, refused (naming the field) when readable
 * by others, malformed, of another version or with keys that are not 32-byte hex.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetMemberKeys, generateMemberKeyFile, readMemberKeyFile } from './memberKeys.js';

let dir: string;
beforeAll(async () => {
  await cryptoWaitReady();
  dir = mkdtempSync(join(tmpdir(), 'custos-escrow-keys-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('escrow member key files', () => {
  it('are created 0600, never overwritten, and read back to the printed public keys', async () => {
    const path = join(dir, 'member.json');
    const printed = await generateMemberKeyFile(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await expect(generateMemberKeyFile(path)).rejects.toThrow(/out: cannot create/);
    const keys = await readMemberKeyFile(path);
    expect(keys.signer.address).toBe(printed.account);
    expect(u8aToHex(keys.sealingKey)).toBe(printed.sealingKey);
    // No secret in what is printed.
    const file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    expect(JSON.stringify(printed)).not.toContain(file.signingSeed!.slice(2));
    expect(JSON.stringify(printed)).not.toContain(file.sealingPrivateKey!.slice(2));
    forgetMemberKeys(keys);
    expect(keys.sealingPrivateKey.every((b) => b === 0)).toBe(true);
  });

  it('refuses a file others can read, malformed JSON, another version, or bad keys', async () => {
    const path = join(dir, 'open.json');
    await generateMemberKeyFile(path);
    chmodSync(path, 0o644);
    await expect(readMemberKeyFile(path)).rejects.toThrow(/key-file: .*chmod 600/);
    const write = (name: string, text: string) => {
      const p = join(dir, name);
      writeFileSync(p, text, { mode: 0o600 });
      return p;
    };
    await expect(readMemberKeyFile(write('json.json', '{'))).rejects.toThrow('key-file: not JSON');
    const good = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    await expect(
      readMemberKeyFile(write('v2.json', JSON.stringify({ ...good, version: 2 }))),
    ).rejects.toThrow('key-file: version must be 1');
    await expect(
      readMemberKeyFile(write('seed.json', JSON.stringify({ ...good, signingSeed: '0x1234' }))),
    ).rejects.toThrow('key-file: signingSeed must be 32 bytes');
    await expect(
      readMemberKeyFile(
        write('sealing.json', JSON.stringify({ ...good, sealingPrivateKey: undefined })),
      ),
    ).rejects.toThrow('key-file: sealingPrivateKey must be 32 bytes');
    await expect(readMemberKeyFile(join(dir, 'missing.json'))).rejects.toThrow(
      /key-file: cannot use/,
    );
  });
});
