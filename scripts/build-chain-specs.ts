/**
 * Builds the committed raw chain specs and metadata from the committed runtime wasm, by
 * calling the runtime's own APIs in Chopsticks' executor (see `tools/devnet/chainSpec.ts`).
 *
 * Writes chain/artifacts/{metadata.json, chain-spec-<preset>.raw.json}.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { u8aToHex } from '@polkadot/util';
import { buildRawChainSpec, runtimeMetadata } from '../tools/devnet/chainSpec.js';

const artifacts = fileURLToPath(new URL('../chain/artifacts/', import.meta.url));

/** The presets we commit specs for, with their chain-spec names. */
const PRESETS = [
  { preset: 'development', id: 'custos_dev', name: 'custos development', chainType: 'Development' },
  { preset: 'local_testnet', id: 'custos_local', name: 'custos local testnet', chainType: 'Local' },
] as const;

async function main() {
  const wasm = u8aToHex(readFileSync(join(artifacts, 'custos_runtime.wasm')));
  const metaHex = await runtimeMetadata(wasm);
  writeFileSync(join(artifacts, 'metadata.json'), `${JSON.stringify({ result: metaHex })}\n`);
  console.log(`metadata v15: ${(metaHex.length - 2) / 2} bytes`);
  for (const spec of PRESETS) {
    const raw = await buildRawChainSpec({ wasm, ...spec });
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
