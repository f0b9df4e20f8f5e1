/**
 * Hash of the chain sources the committed artifacts were built from.
 *
 *   tsx scripts/chain-source-hash.ts          print the current hash
 *   tsx scripts/chain-source-hash.ts --write  write it to chain/artifacts/source-hash.txt
 *   tsx scripts/chain-source-hash.ts --check  exit 1 if the committed hash is stale
 *
 * What counts: every file under chain/ that can change the wasm (Cargo manifests, the
 * lock file, Rust sources) except the artifacts themselves, test-only files
 * (tests.rs, mock.rs, tests/ folders, test vectors) and the node (chain/node/, its own
 * Cargo workspace: it runs the committed wasm and never builds it).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const chainDir = join(root, 'chain');
export const HASH_FILE = join(chainDir, 'artifacts', 'source-hash.txt');

function isBuildInput(rel: string): boolean {
  const parts = rel.split(sep);
  if (parts[0] === 'artifacts' || parts[0] === 'node') return false;
  if (parts.includes('target') || parts.includes('tests')) return false;
  if (parts.includes('test-vectors')) return false;
  const name = parts[parts.length - 1] ?? '';
  if (name === 'tests.rs' || name === 'mock.rs') return false;
  return name.endsWith('.rs') || name === 'Cargo.toml' || name === 'Cargo.lock';
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

/** SHA-256 over (path, contents) of every build input, in sorted path order. */
export function chainSourceHash(): string {
  const hash = createHash('sha256');
  const files = walk(chainDir)
    .map((path) => relative(chainDir, path))
    .filter(isBuildInput)
    .sort();
  for (const rel of files) {
    hash.update(rel.split(sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(join(chainDir, rel)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The hash recorded next to the artifacts. */
export function committedSourceHash(): string {
  return readFileSync(HASH_FILE, 'utf8').trim();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const current = chainSourceHash();
  if (process.argv.includes('--write')) {
    writeFileSync(HASH_FILE, `${current}\n`);
    console.log(`chain source hash ${current} written`);
  } else if (process.argv.includes('--check')) {
    const committed = committedSourceHash();
    if (committed !== current) {
      console.error(
        `chain/artifacts are stale: sources hash to ${current}, artifacts were built from ${committed}. Run npm run chain:build.`,
      );
      process.exit(1);
    }
    console.log(`chain artifacts are current (${current})`);
  } else {
    console.log(current);
  }
}
