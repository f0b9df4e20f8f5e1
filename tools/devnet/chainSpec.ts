/**
 * Raw chain specs built from the runtime wasm by calling the runtime's own genesis
 * builder in Chopsticks' executor (no native node needed):
 *
 * - `GenesisBuilder_get_preset(None)` gives the default genesis config,
 *   `GenesisBuilder_get_preset(Some(name))` the preset's patch; the merged config, with
 *   the caller's own patch on top, goes to `GenesisBuilder_build_state`, whose storage
 *   writes plus `:code` are `genesis.raw.top`.
 *
 * `scripts/build-chain-specs.ts` writes the committed specs with it; the validator devnet
 * builds a spec of its own per run (shorter sessions, its block time).
 */
import { runTask } from '@acala-network/chopsticks-core';
import { TypeRegistry } from '@polkadot/types';
import { compactAddLength, hexToU8a, stringToU8a, u8aToHex } from '@polkadot/util';
import { xxhashAsHex } from '@polkadot/util-crypto';

const registry = new TypeRegistry();

/** A JSON value (genesis configs and their patches). */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** RFC 7386 JSON merge patch, as the node applies preset patches. */
export function mergePatch(target: Json, patch: Json): Json {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base: { [k: string]: Json } =
    target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete base[key];
    else base[key] = mergePatch(base[key] ?? null, value);
  }
  return base;
}

/** Calls a runtime API of `wasm` on an empty (or the given) storage; returns its result. */
export async function callRuntime(
  wasm: string,
  method: string,
  args: string,
  storage = new Map<string, string>(),
): Promise<{ result: `0x${string}`; storageDiff: [string, string | null][] }> {
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
  return result.Call as never;
}

async function getPreset(wasm: string, preset: string | null): Promise<Json> {
  const arg = u8aToHex(
    registry.createType('Option<Bytes>', preset === null ? null : preset).toU8a(),
  );
  const out = await callRuntime(wasm, 'GenesisBuilder_get_preset', arg);
  const decoded = registry.createType('Option<Bytes>', hexToU8a(out.result));
  if (decoded.isNone) throw new Error(`runtime has no preset ${preset}`);
  return JSON.parse(Buffer.from(decoded.unwrap().toU8a(true)).toString('utf8')) as Json;
}

/**
 * Storage key of the runtime's slot duration (`parameter_types! { pub storage
 * SlotDurationMs }`): `twox_128(":SlotDurationMs:")`. Genesis may set it; it never changes
 * afterwards (see `chain/runtime/src/configs.rs`).
 */
export const SLOT_DURATION_KEY = xxhashAsHex(':SlotDurationMs:', 128);

/** What {@link buildRawChainSpec} builds. */
export interface RawChainSpecOptions {
  /** The runtime wasm, hex. */
  wasm: string;
  /** The runtime's genesis preset (`development`, `local_testnet`). */
  preset: string;
  /** Chain-spec id (also the node's database folder name). */
  id: string;
  name: string;
  chainType: 'Development' | 'Local' | 'Live';
  /** A JSON merge patch applied over the preset (e.g. `{ registry: { sessionLength: 10 } }`). */
  patch?: Json;
  /** Aura slot (block time) in ms, written under {@link SLOT_DURATION_KEY}; default: the runtime's. */
  slotDurationMs?: number;
}

/** A raw chain spec, as `custos-node --chain <file>` and Chopsticks' `genesis` read it. */
export interface RawChainSpec {
  name: string;
  id: string;
  chainType: string;
  bootNodes: string[];
  telemetryEndpoints: null;
  protocolId: string;
  properties: Record<string, unknown>;
  codeSubstitutes: Record<string, never>;
  genesis: { raw: { top: Record<string, string>; childrenDefault: Record<string, never> } };
}

/** Builds the raw chain spec of a preset (plus a patch) from the runtime's genesis builder. */
export async function buildRawChainSpec(options: RawChainSpecOptions): Promise<RawChainSpec> {
  const { wasm } = options;
  const config = mergePatch(
    mergePatch(await getPreset(wasm, null), await getPreset(wasm, options.preset)),
    options.patch ?? {},
  );
  const arg = u8aToHex(compactAddLength(stringToU8a(JSON.stringify(config))));
  const out = await callRuntime(wasm, 'GenesisBuilder_build_state', arg);
  const result = registry.createType('Result<(), Text>', hexToU8a(out.result));
  if (result.isErr) throw new Error(`build_state(${options.preset}): ${result.asErr.toString()}`);
  const top: Record<string, string> = { '0x3a636f6465': wasm };
  for (const [key, value] of out.storageDiff) {
    if (value !== null) top[key] = value;
  }
  if (options.slotDurationMs !== undefined) {
    const ms = options.slotDurationMs;
    if (!Number.isInteger(ms) || ms < 500 || ms > 60_000) {
      throw new RangeError(`slotDurationMs must be an integer in 500..60000, got ${ms}`);
    }
    top[SLOT_DURATION_KEY] = u8aToHex(registry.createType('u64', ms).toU8a());
  }
  return {
    name: options.name,
    id: options.id,
    chainType: options.chainType,
    bootNodes: [],
    telemetryEndpoints: null,
    protocolId: 'custos',
    properties: { ss58Format: 42, tokenDecimals: 12, tokenSymbol: 'CUS' },
    codeSubstitutes: {},
    genesis: { raw: { top: Object.fromEntries(Object.entries(top).sort()), childrenDefault: {} } },
  };
}

/** The v15 metadata of `wasm`, hex. */
export async function runtimeMetadata(wasm: string): Promise<string> {
  const meta = await callRuntime(
    wasm,
    'Metadata_metadata_at_version',
    u8aToHex(registry.createType('u32', 15).toU8a()),
  );
  const opaque = registry.createType('Option<Bytes>', hexToU8a(meta.result));
  if (opaque.isNone) throw new Error('runtime has no v15 metadata');
  return u8aToHex(opaque.unwrap().toU8a(true));
}
