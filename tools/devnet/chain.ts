/**
 * A local dev chain: Chopsticks hosting the committed runtime, started from a committed
 * raw chain spec (genesis mode), serving JSON-RPC on 127.0.0.1.
 *
 * @example
 * const chain = await startDevChain({ preset: 'development', port: 9944 });
 * console.log(chain.endpoint); await chain.close();
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BuildBlockMode, setupWithServer } from '@acala-network/chopsticks';
import { getAuraSlotDuration } from '@acala-network/chopsticks-core';
import { hexToU8a, u8aToBn } from '@polkadot/util';
import { callRuntime } from './chainSpec.js';

/** Presets with a committed raw chain spec. */
export type Preset = 'development' | 'local_testnet';

/** Reads a committed raw chain spec (chain/artifacts/chain-spec-<preset>.raw.json). */
export function readChainSpec(preset: Preset): Record<string, unknown> {
  const url = new URL(`../../chain/artifacts/chain-spec-${preset}.raw.json`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as Record<string, unknown>;
}

/** Options of {@link startDevChain}. */
export interface StartDevChainOptions {
  preset?: Preset;
  /** TCP port on 127.0.0.1. */
  port: number;
  /** `Instant`: a block per submitted transaction. `Manual`: only {@link DevChain.newBlocks}. */
  blockMode?: 'Instant' | 'Manual';
  /**
   * Blocks Chopsticks keeps (it has no database here); older blocks come back without
   * their extrinsics. Companions read the share commitments of a confirmed epoch from the
   * block that confirmed it, and an indexer started late indexes old blocks, so the dev
   * chain keeps {@link KEPT_BLOCKS} by default (Chopsticks' own default is 500, 4 minutes
   * of 500 ms blocks).
   */
  maxMemoryBlockCount?: number;
}

/** Blocks a dev chain keeps in memory unless told otherwise (hours of devnet blocks). */
export const KEPT_BLOCKS = 50_000;

/** A running dev chain. */
export interface DevChain {
  /** ws://127.0.0.1:<port> */
  endpoint: string;
  /** Builds `count` blocks now (in any block mode). */
  newBlocks(count?: number): Promise<void>;
  /** Stops the node. */
  close(): Promise<void>;
}

/**
 * Tells Chopsticks the runtime's slot duration. chopsticks-core (1.5.1) asks the runtime
 * (`AuraApi_slot_duration`) without any storage and falls back to 12 s when the call
 * fails; this runtime reads its slot duration from storage (`SlotDurationMs`, genesis may
 * set it), so that call fails, and Chopsticks would stamp blocks 12 s apart against 6 s
 * slots, which `pallet_aura` refuses. We ask the same question with the genesis storage
 * and put the runtime's answer where Chopsticks memoizes it (keyed by the code).
 */
async function primeSlotDuration(spec: Record<string, unknown>): Promise<void> {
  const top = (spec as { genesis: { raw: { top: Record<string, string> } } }).genesis.raw.top;
  const code = top['0x3a636f6465'];
  if (!code) throw new Error('chain spec has no :code');
  const out = await callRuntime(code, 'AuraApi_slot_duration', '0x', new Map(Object.entries(top)));
  const ms = u8aToBn(hexToU8a(out.result).subarray(0, 8)).toNumber();
  const memo = getAuraSlotDuration as unknown as { cache: Map<string, Promise<number>> };
  memo.cache.set(code, Promise.resolve(ms));
}

/** Attempts at block 1 before {@link startDevChain} gives up. */
const FIRST_BLOCK_ATTEMPTS = 3;

/**
 * Builds block 1 before anyone submits a transaction. Genesis has no `Timestamp.Now`, so
 * for block 1 only chopsticks-core (1.5.1) reads the wall clock twice, once for the Aura
 * slot and once for the timestamp inherent; when a slot boundary falls between the two
 * reads `pallet_aura` refuses the block, and Chopsticks drops the transactions it held.
 * From block 2 on both come from the parent's timestamp, so one retry settles it.
 */
async function buildFirstBlock(chain: {
  newBlock(): Promise<unknown>;
  head: { number: number };
}): Promise<void> {
  for (let attempt = 1; attempt <= FIRST_BLOCK_ATTEMPTS; attempt++) {
    await chain.newBlock().catch(() => undefined);
    if (chain.head.number >= 1) return;
  }
  throw new Error(`Chopsticks could not build block 1 in ${FIRST_BLOCK_ATTEMPTS} attempts`);
}

/** Starts Chopsticks from the preset's genesis; never resumes (genesis mode starts fresh). */
export async function startDevChain(options: StartDevChainOptions): Promise<DevChain> {
  const spec = readChainSpec(options.preset ?? 'development');
  await primeSlotDuration(spec);
  const server = await setupWithServer({
    genesis: spec as never,
    port: options.port,
    host: '127.0.0.1',
    'build-block-mode':
      options.blockMode === 'Manual' ? BuildBlockMode.Manual : BuildBlockMode.Instant,
    'runtime-log-level': 0,
    'max-memory-block-count': options.maxMemoryBlockCount ?? KEPT_BLOCKS,
  } as never);
  await buildFirstBlock(server.chain);
  return {
    endpoint: `ws://${server.addr}`,
    async newBlocks(count = 1) {
      for (let i = 0; i < count; i++) await server.chain.newBlock();
    },
    close: () => server.close(),
  };
}
