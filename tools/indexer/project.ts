/**
 * The SubQuery project on disk: `indexer/` (sources, build) and the per-run copy the node
 * indexes (manifest with the chain's genesis hash, schema, bundle with the audit windows).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AuditWindows } from '../../indexer/src/helpers/rules.js';
import { IndexerBuildError } from './errors.js';

/** Absolute path of the `indexer/` package folder. */
export const INDEXER_DIR = fileURLToPath(new URL('../../indexer/', import.meta.url));
/** The SubQuery node's entry point. */
export const NODE_BIN = join(INDEXER_DIR, 'node_modules/@subql/node/bin/run');
/** The query service's entry point (its own package folder). */
export const QUERY_BIN = join(INDEXER_DIR, 'query/node_modules/@subql/query/dist/main.js');

const BUNDLE = join(INDEXER_DIR, 'dist/index.js');
const MANIFEST = join(INDEXER_DIR, 'project.yaml');

function newestSource(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'types') continue; // codegen output
    newest = Math.max(newest, newestSource(join(path, entry)));
  }
  return newest;
}

/**
 * Makes sure `indexer/` is installed and its build (codegen + bundle + project.yaml) is not
 * older than its sources; runs `npm run build` in `indexer/` when it is.
 * @throws IndexerBuildError when the packages are missing or the build fails.
 */
export async function ensureIndexerBuilt(): Promise<void> {
  for (const bin of [NODE_BIN, QUERY_BIN]) {
    if (!existsSync(bin))
      throw new IndexerBuildError(`${bin} is missing: run npm install at the repository root`);
  }
  const sources = Math.max(
    newestSource(join(INDEXER_DIR, 'src')),
    newestSource(join(INDEXER_DIR, 'schema.graphql')),
    newestSource(join(INDEXER_DIR, 'project.ts')),
  );
  const built = existsSync(BUNDLE) && existsSync(MANIFEST);
  if (built && Math.min(statSync(BUNDLE).mtimeMs, statSync(MANIFEST).mtimeMs) >= sources) return;
  try {
    await promisify(execFile)('npm', ['run', 'build'], {
      cwd: INDEXER_DIR,
      maxBuffer: 32 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new IndexerBuildError(`npm run build in indexer/ failed: ${stderr.slice(-2000)}`, {
      cause: error,
    });
  }
}

/**
 * Writes the project the node runs into `dir`: project.yaml with `chainId` set to the
 * indexed chain's genesis hash, the schema, the bundle preceded by one statement that
 * hands the audit windows to the mappings, and a package.json that makes the bundle
 * CommonJS wherever `dir` is.
 */
export async function writeRunProject(
  dir: string,
  genesisHash: string,
  windows: AuditWindows,
): Promise<void> {
  await mkdir(join(dir, 'dist'), { recursive: true });
  const manifest = await readFile(MANIFEST, 'utf8');
  const withChain = manifest.replace(/chainId: .*/, `chainId: '${genesisHash}'`);
  if (withChain === manifest && !manifest.includes(genesisHash))
    throw new IndexerBuildError('indexer/project.yaml has no network.chainId line');
  await writeFile(join(dir, 'project.yaml'), withChain);
  await copyFile(join(INDEXER_DIR, 'schema.graphql'), join(dir, 'schema.graphql'));
  const prelude = `globalThis.__custosAuditWindows = ${JSON.stringify(windows)};\n`;
  await writeFile(join(dir, 'dist/index.js'), prelude + (await readFile(BUNDLE, 'utf8')));
  // The bundle is CommonJS. Loaded by Node's own `require` (preload.cjs, host mapping), it
  // would take the module type of the nearest package.json above it: the repository's
  // ("module") when the work dir is inside it, as `.devnet/` and `.indexer/` are.
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
}
