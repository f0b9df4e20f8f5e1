/**
 * Makes a custos raw chain spec loadable by polkadot-omni-node without touching its genesis.
 *
 * polkadot-omni-node (polkadot-omni-node-lib 0.24, the stable2609 line) reads every chain
 * spec with parachain extensions: `relay_chain` is a required key (the spec fails to parse
 * without it) and the dev-seal node needs a parachain id, from the runtime's
 * `GetParachainInfo` API or, failing that, from the spec's `para_id` key. Our runtime is a
 * solo chain and has neither, so this adds both keys. In `--dev-block-time` mode no relay
 * chain is started or contacted: the values only feed the mocked relay-chain inherent data,
 * which our runtime ignores (it has no `cumulus_pallet_parachain_system`).
 *
 * The genesis storage is copied unchanged, so the genesis hash is the one Chopsticks, the
 * tests and the companions already use.
 *
 * Run by the `chain-spec` one-shot service of docker-compose.yml (as an .mjs file in a plain
 * node image): `node omni-node-spec.mjs <committed raw spec> <output spec>`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Relay chain id written into the spec; only a label in dev-seal mode. */
export const DEV_RELAY_CHAIN = 'custos-dev-none';

/** Parachain id written into the spec; only feeds omni-node's mocked relay-chain data. */
export const DEV_PARA_ID = 1000;

/**
 * Returns a copy of `spec` with `relay_chain` and `para_id` set; every other key, and the
 * genesis in particular, is kept as it is. Throws when `spec` is not a raw chain spec.
 *
 * @param {unknown} spec a parsed raw chain spec
 * @returns {Record<string, unknown>}
 */
export function forOmniNode(spec) {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new TypeError('a chain spec is a JSON object');
  }
  const genesis = /** @type {{ genesis?: { raw?: { top?: unknown } } }} */ (spec).genesis;
  if (!genesis?.raw?.top || typeof genesis.raw.top !== 'object') {
    throw new TypeError('not a raw chain spec: genesis.raw.top is missing');
  }
  return { ...spec, relay_chain: DEV_RELAY_CHAIN, para_id: DEV_PARA_ID };
}

const main = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (main) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: node omni-node-spec.mjs <raw chain spec> <output>');
    process.exit(2);
  }
  const spec = forOmniNode(JSON.parse(readFileSync(input, 'utf8')));
  writeFileSync(output, JSON.stringify(spec, null, 2));
  console.log(`wrote ${output} (relay_chain=${DEV_RELAY_CHAIN}, para_id=${DEV_PARA_ID})`);
}
