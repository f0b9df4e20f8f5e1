/**
 * Writes the SubQuery project the compose `subquery-node` runs: the built project of
 * indexer/ (project.yaml, schema.graphql, dist/) with `network.chainId` set to the genesis
 * hash of the chain it indexes.
 *
 * indexer/project.yaml carries a placeholder chainId (zeros), so one build serves any chain
 * running our runtime; the SubQuery node refuses to start when the manifest's chainId is not
 * the endpoint's genesis hash. `npm run indexer` does the same rewrite in
 * tools/indexer/project.ts. The genesis hash is asked of the chain, not written here: it
 * changes with every rebuilt dev chain spec.
 *
 * Run by the `indexer-project` one-shot service of docker-compose.yml (as an .mjs file in a
 * plain node image, no dependencies):
 * `node indexer-project.mjs <indexer dir> <output dir> <chain JSON-RPC http url>`.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const HASH = /^0x[0-9a-f]{64}$/;

/**
 * Returns `manifest` (project.yaml text) with its `chainId:` line set to `genesisHash`;
 * every other line is kept. Throws on a malformed hash or a manifest without the line.
 *
 * @param {string} manifest
 * @param {string} genesisHash 0x-prefixed, 32 bytes, lower-case hex
 * @returns {string}
 * @example withChainId("network:\n  chainId: '0x00…'\n", '0x317a…') // "…chainId: '0x317a…'"
 */
export function withChainId(manifest, genesisHash) {
  if (!HASH.test(genesisHash)) throw new TypeError(`not a genesis hash: ${genesisHash}`);
  const line = /^(\s*)chainId:.*$/m;
  if (!line.test(manifest)) throw new TypeError('the manifest has no network.chainId line');
  return manifest.replace(line, `$1chainId: '${genesisHash}'`);
}

/**
 * The genesis hash of the chain at `url` (`chain_getBlockHash(0)` over HTTP JSON-RPC).
 *
 * @param {string} url e.g. http://chain:9944
 * @param {typeof fetch} [fetchImpl]
 * @returns {Promise<string>}
 */
export async function genesisHashOf(url, fetchImpl = fetch) {
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_getBlockHash', params: [0] }),
  });
  if (!response.ok) throw new Error(`chain_getBlockHash: HTTP ${response.status}`);
  const body = /** @type {{ result?: unknown }} */ (await response.json());
  if (typeof body.result !== 'string' || !HASH.test(body.result)) {
    throw new Error('chain_getBlockHash: no genesis hash in the reply');
  }
  return body.result;
}

const main = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (main) {
  const [source, output, url] = process.argv.slice(2);
  if (!source || !output || !url) {
    console.error('usage: node indexer-project.mjs <indexer dir> <output dir> <chain rpc url>');
    process.exit(2);
  }
  const manifest = readFileSync(join(source, 'project.yaml'), 'utf8');
  const genesisHash = await genesisHashOf(url);
  mkdirSync(output, { recursive: true });
  writeFileSync(join(output, 'project.yaml'), withChainId(manifest, genesisHash));
  cpSync(join(source, 'schema.graphql'), join(output, 'schema.graphql'));
  rmSync(join(output, 'dist'), { recursive: true, force: true });
  cpSync(join(source, 'dist'), join(output, 'dist'), { recursive: true });
  console.log(`wrote ${output} (chainId ${genesisHash})`);
}
