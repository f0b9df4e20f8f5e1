/**
 * Generates the @polkadot/api augmentation in chain-types/src/interfaces from the
 * committed metadata (chain/artifacts/metadata.json), with @polkadot/typegen.
 *
 *   npm run chain:types
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const typegen = join(root, 'node_modules', '@polkadot', 'typegen', 'scripts');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const out = 'chain-types/src/interfaces';
const metadata = 'chain/artifacts/metadata.json';
const pkg = '@custos/chain-types/interfaces';

function run(script: string, args: string[]) {
  execFileSync(tsx, [join(typegen, script), ...args], { cwd: root, stdio: 'inherit' });
}

run('polkadot-types-from-defs.mjs', ['--package', pkg, '--input', out, '--endpoint', metadata]);
run('polkadot-types-from-chain.mjs', [
  '--package',
  pkg,
  '--output',
  out,
  '--endpoint',
  metadata,
  '--strict',
]);

// The generators import sibling modules through the package name; point them at the
// files themselves so no package alias is needed.
for (const file of readdirSync(join(root, out))) {
  if (!file.endsWith('.ts')) continue;
  const path = join(root, out, file);
  const text = readFileSync(path, 'utf8');
  const fixed = text.replaceAll(`'${pkg}/`, `'./`).replaceAll(`'${pkg}'`, `'./index.js'`);
  if (fixed !== text) writeFileSync(path, fixed);
}
console.log(`chain types generated in ${out}`);
