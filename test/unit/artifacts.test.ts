/**
 * The committed chain artifacts must match the chain sources: a change to a pallet or
 * the runtime without `npm run chain:build` fails here.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chainSourceHash, committedSourceHash } from '../../scripts/chain-source-hash.js';

const artifact = (name: string) =>
  fileURLToPath(new URL(`../../chain/artifacts/${name}`, import.meta.url));

describe('committed chain artifacts', () => {
  it('were built from the current chain sources', () => {
    expect(committedSourceHash(), 'chain sources changed: run npm run chain:build').toBe(
      chainSourceHash(),
    );
  });

  it('include the wasm, the metadata and a raw spec per preset', () => {
    const wasm = readFileSync(artifact('custos_runtime.wasm'));
    expect(wasm.subarray(0, 4)).toEqual(Buffer.from([0x00, 0x61, 0x73, 0x6d]));
    const metadata = JSON.parse(readFileSync(artifact('metadata.json'), 'utf8')) as {
      result: string;
    };
    expect(metadata.result.startsWith('0x6d657461')).toBe(true); // "meta"
    for (const preset of ['development', 'local_testnet']) {
      const path = artifact(`chain-spec-${preset}.raw.json`);
      expect(existsSync(path)).toBe(true);
      const spec = JSON.parse(readFileSync(path, 'utf8')) as {
        id: string;
        name: string;
        properties: object | null;
        genesis: { raw: { top: Record<string, string> } };
      };
      expect(spec.id).toBeTruthy();
      expect(spec.name).toBeTruthy();
      expect(spec.properties).not.toBeNull();
      expect(spec.genesis.raw.top['0x3a636f6465']).toBe(`0x${wasm.toString('hex')}`);
      expect(statSync(path).size).toBeGreaterThan(wasm.length * 2);
    }
  });
});
