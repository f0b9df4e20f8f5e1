/**
 * Builds the committed raw chain specs and metadata from the committed runtime wasm,
 * by calling the runtime's own APIs in Chopsticks' executor (no native node needed):
 *
 * - `GenesisBuilder_get_preset(None)` gives the default genesis config,
 *   `GenesisBuilder_get_preset(Some(name))` the preset's patch; the merged config goes to
 *   `GenesisBuilder_build_state`, whose storage writes plus `:code` are `genesis.raw.top`.
 * - `Metadata_metadata_at_version(15)` gives the metadata.
 *
 * Writes chain/artifacts/{metadata.json, chain-spec-<preset>.raw.json}.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTask } from '@acala-network/chopsticks-core';
import { TypeRegistry } from '@polkadot/types';
import { compactAddLength, hexToU8a, stringToU8a, u8aToHex } from '@polkadot/util';

const artifacts = fileURLToPath(new URL('../chain/artifacts/', import.meta.url));
const registry = new TypeRegistry();

/** The presets we commit specs for, with their chain-spec names. */
const PRESETS = [
  { preset: 'development', id: 'custos_dev', name: 'custos development', chainType: 'Development' },
  { preset: 'local_testnet', id: 'custos_local', name: 'custos local testnet', chainType: 'Local' },
] as const;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** RFC 7386 JSON merge patch, as the node applies preset patches. */
function mergePatch(target: Json, patch: Json): Json {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base: { [k: string]: Json } =
    target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete base[key];
    else base[key] = mergePatch(base[key] ?? null, value);
  }
  return base;
}

async function call(
  wasm: string,
  method: string,
  args: string,
  storage = new Map<string, string>(),
) {
  const result = await runTask(
    {
      wasm: wasm as `0x${string}`,
      calls: [[method, [args as `0x${string}`]]],
      mockSignatureHost: false,
      allowUnresolvedImports: false,
      runtimeLogLevel: 0,
    },
    {
      getStorage: async (key: string) => storage.get(key),
      getNextKey: async () => undefined,
      offchainGetStorage: async () => undefined,
      offchainTimestamp: async () => 0,
      offchainRandomSeed: async () => '0x',
      offchainSubmitTransaction: async () => false,
    } as never,
  );
  if ('Error' in result) throw new Error(`${method}: ${result.Error}`);
  return result.Call;
}

async function getPreset(wasm: string, preset: string | null): Promise<Json> {
  const arg = u8aToHex(
    registry.createType('Option<Bytes>', preset === null ? null : preset).toU8a(),
  );
  const out = await call(wasm, 'GenesisBuilder_get_preset', arg);
  const decoded = registry.createType('Option<Bytes>', hexToU8a(out.result));
  if (decoded.isNone) throw new Error(`runtime has no preset ${preset}`);
  return JSON.parse(Buffer.from(decoded.unwrap().toU8a(true)).toString('utf8')) as Json;
}

async function buildRawSpec(wasm: string, spec: (typeof PRESETS)[number]) {
  const config = mergePatch(await getPreset(wasm, null), await getPreset(wasm, spec.preset));
  const arg = u8aToHex(compactAddLength(stringToU8a(JSON.stringify(config))));
  const out = await call(wasm, 'GenesisBuilder_build_state', arg);
  const result = registry.createType('Result<(), Text>', hexToU8a(out.result));
  if (result.isErr) throw new Error(`build_state(${spec.preset}): ${result.asErr.toString()}`);
  const top: Record<string, string> = { '0x3a636f6465': wasm };
  for (const [key, value] of out.storageDiff as [string, string | null][]) {
    if (value !== null) top[key] = value;
  }
  return {
    name: spec.name,
    id: spec.id,
    chainType: spec.chainType,
    bootNodes: [],
    telemetryEndpoints: null,
    protocolId: 'custos',
    properties: { ss58Format: 42, tokenDecimals: 12, tokenSymbol: 'CUS' },
    codeSubstitutes: {},
    genesis: { raw: { top: Object.fromEntries(Object.entries(top).sort()), childrenDefault: {} } },
  };
}

async function main() {
  const wasm = u8aToHex(readFileSync(join(artifacts, 'custos_runtime.wasm')));
  const meta = await call(
    wasm,
    'Metadata_metadata_at_version',
    u8aToHex(registry.createType('u32', 15).toU8a()),
  );
  const opaque = registry.createType('Option<Bytes>', hexToU8a(meta.result));
  if (opaque.isNone) throw new Error('runtime has no v15 metadata');
  const metaHex = u8aToHex(opaque.unwrap().toU8a(true));
  writeFileSync(join(artifacts, 'metadata.json'), `${JSON.stringify({ result: metaHex })}\n`);
  console.log(`metadata v15: ${(metaHex.length - 2) / 2} bytes`);
  for (const spec of PRESETS) {
    const raw = await buildRawSpec(wasm, spec);
    const file = join(artifacts, `chain-spec-${spec.preset}.raw.json`);
    writeFileSync(file, `${JSON.stringify(raw, null, 2)}\n`);
    console.log(
      `${spec.preset}: ${Object.keys(raw.genesis.raw.top).length} storage entries → ${file}`,
    );
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
