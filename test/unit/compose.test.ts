/**
 * docker-compose.yml and the Dockerfile, checked statically (Docker does not run on the CI
 * machine): the file parses; every service is runnable as written (command, pinned image,
 * health check, files it mounts or builds from); the wiring between services is coherent;
 * the chain is custos-node built from chain/node as the dev genesis' only authority; the
 * companions fit the dev chain's genesis (funded, distinct operators, enough of them for n
 * providers).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Keyring } from '@polkadot/keyring';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { hexToU8a, u8aConcat, u8aToBn, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady, xxhashAsU8a } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { genesisHashOf, withChainId } from '../../docker/indexer-project.js';
import {
  type ComposeFile,
  checkCompose,
  dependenciesOf,
  dockerfileSources,
  environmentOf,
  flagValue,
  imageTag,
  loadCompose,
  mountsOf,
  parseCompose,
  portsOf,
  words,
} from '../harness/compose.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const repo = (path: string) => join(root, path);
const readJson = <T>(path: string) => JSON.parse(readFileSync(repo(path), 'utf8')) as T;

/**
 * The SubQuery project in indexer/ is being built in parallel with this file: paths below
 * indexer/ may be absent until it lands, so the generic checker tolerates their absence and
 * the indexer-specific checks further down run only once those files exist.
 */
const indexerPending = (path: string) => path === 'indexer' || path.startsWith('indexer/');

const EXPECTED_SERVICES = ['chain', 'indexer-project', 'postgres', 'subquery-node', 'query'];
const DB_VARS = ['DB_USER', 'DB_PASS', 'DB_DATABASE', 'DB_HOST', 'DB_PORT'];
/** The raw spec custos-node embeds for `--chain dev` (chain/node/src/chain_spec.rs). */
const SPEC = 'chain/artifacts/chain-spec-development.raw.json';
/** Where `npm run node:build` (scripts/node-build.sh) leaves the binary, if it ran here. */
const NODE_BIN = join(
  process.env.CUSTOS_NODE_TARGET_DIR ?? join(homedir(), '.cache/custos-node-target'),
  'debug/custos-node',
);

/** A service's `build`, long syntax, with the `target` stage compose builds. */
type Build = { context?: string; dockerfile?: string; target?: string };
const buildOf = (service: { build?: string | Build }): Build =>
  typeof service.build === 'string' ? { context: service.build } : (service.build ?? {});

/** The Dockerfile's stages: `FROM <image> AS <name>`, in order. */
const stagesOf = (dockerfile: string) =>
  [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?\s*$/gim)].map((m) => ({
    image: m[1] ?? '',
    name: m[2],
  }));

/** The instructions of one stage (from its FROM to the next), continuation lines joined. */
const stageText = (dockerfile: string, name: string) => {
  const joined = dockerfile.replace(/\\\r?\n/g, ' ');
  const start = joined.search(new RegExp(`^FROM\\s+\\S+\\s+AS\\s+${name}\\s*$`, 'im'));
  if (start < 0) throw new Error(`no stage ${name}`);
  const next = joined.slice(start + 1).search(/^FROM\s/m);
  return next < 0 ? joined.slice(start) : joined.slice(start, start + 1 + next);
};

let compose: ComposeFile;
const svc = (name: string) => {
  const service = compose.services[name];
  if (!service) throw new Error(`no service ${name}`);
  return service;
};
const companions = () => Object.keys(compose.services).filter((n) => n.startsWith('companion-'));

/** Storage key of a plain storage value. */
const valueKey = (pallet: string, item: string) =>
  u8aToHex(u8aConcat(xxhashAsU8a(pallet, 128), xxhashAsU8a(item, 128)));

beforeAll(async () => {
  compose = loadCompose(repo('docker-compose.yml'));
  await cryptoWaitReady();
});

describe('docker-compose.yml', () => {
  it('parses and has the chain, PostgreSQL, SubQuery node, query service and companions', () => {
    for (const name of EXPECTED_SERVICES) expect(compose.services).toHaveProperty(name);
    expect(companions().length).toBeGreaterThanOrEqual(3);
  });

  it('passes every generic check (commands, pinned images, health checks, files, ports)', () => {
    expect(checkCompose(compose, { root, optional: indexerPending })).toEqual([]);
  });

  it("runs custos-node from the Dockerfile's node stage as the dev chain's only authority", () => {
    const chain = svc('chain');
    expect(buildOf(chain).target).toBe('node');
    expect(imageTag(chain.image ?? '')).toMatch(/^\d+\.\d+\.\d+$/);
    const args = words(chain.command);
    // `dev` is the committed development spec, embedded in the binary at build time.
    expect(flagValue(args, '--chain')).toBe('dev');
    const chainSpecRs = readFileSync(repo('chain/node/src/chain_spec.rs'), 'utf8');
    expect(chainSpecRs).toMatch(/"dev"[^\n]*=>\s*ChainSpec::from_json_bytes\(DEVELOPMENT\)/);
    expect(chainSpecRs).toContain(
      `DEVELOPMENT: &[u8] = include_bytes!("../../${SPEC.replace(/^chain\//, '')}")`,
    );
    // `--alice` authors and votes with //Alice: the dev genesis' one Aura and GRANDPA key.
    expect(args).toContain('--alice');
    expect(args).not.toContain('--validator');
    const spec = readJson<{ genesis: { raw: { top: Record<string, string> } } }>(SPEC);
    const top = spec.genesis.raw.top;
    const sr = u8aToHex(new Keyring({ type: 'sr25519' }).addFromUri('//Alice').publicKey);
    const ed = u8aToHex(new Keyring({ type: 'ed25519' }).addFromUri('//Alice').publicKey);
    // Vec of one: compact length 1 (0x04), then the key (GRANDPA: and its weight, u64 1).
    expect(top[valueKey('Aura', 'Authorities')]).toBe(`0x04${sr.slice(2)}`);
    expect(top[valueKey('Grandpa', 'Authorities')]).toBe(`0x04${ed.slice(2)}0100000000000000`);
    // An authority outside --dev needs a node key; a fixed one, 32 bytes of hex.
    expect(flagValue(args, '--node-key')).toMatch(/^[0-9a-f]{64}$/);
    // RPC on every interface of the container, safe methods only, published on loopback.
    expect(args).toEqual(expect.arrayContaining(['--rpc-external', '--rpc-cors=all']));
    expect(args.some((a) => a.startsWith('--rpc-methods') || a === '--unsafe-rpc-external')).toBe(
      false,
    );
    const rpcPort = flagValue(args, '--rpc-port');
    expect(portsOf(chain)).toEqual([
      { hostIp: '127.0.0.1', hostPort: rpcPort, containerPort: rpcPort },
    ]);
    for (const name of [...companions(), 'subquery-node']) {
      const texts = [...words(svc(name).command), ...Object.values(environmentOf(svc(name)))];
      expect(texts.join(' '), name).toContain(`ws://chain:${rpcPort}`);
    }
    // The database (ParityDB) on a named volume; every block's state kept for the indexer.
    const data = mountsOf(chain).find((m) => m.target === flagValue(args, '--base-path'));
    expect(data?.type).toBe('volume');
    expect(flagValue(args, '--state-pruning')).toBe('archive');
    expect(JSON.stringify(chain.healthcheck?.test)).toContain(`/dev/tcp/127.0.0.1/${rpcPort}`);
  });

  it.skipIf(!existsSync(NODE_BIN))('passes the chain only flags custos-node accepts', () => {
    const help = spawnSync(NODE_BIN, ['--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const arg of words(svc('chain').command)) {
      const flag = arg.split('=')[0] ?? '';
      expect(help.stdout, flag).toMatch(new RegExp(`^\\s+(-\\w, )?${flag}\\b`, 'm'));
    }
  });

  it('builds custos-node like npm run node:build, into a small non-root image', () => {
    const dockerfile = readFileSync(repo('Dockerfile'), 'utf8');
    const stages = stagesOf(dockerfile);
    // Every base image pinned to an exact version, as the Node base always was.
    for (const { image } of stages) expect(image, image).toMatch(/^[a-z0-9/.-]+:\d+\.\d+(\.\d+)?-/);
    expect(stages.map((st) => st.name)).toEqual([
      'node-build',
      'node',
      'native-build',
      'companion-build',
      'companion',
    ]);
    // The build: the node's own lock file, the dev profile and no wasm build, exactly as
    // scripts/node-build.sh (whose cargo line must be the same).
    const build = stageText(dockerfile, 'node-build');
    const script = readFileSync(repo('scripts/node-build.sh'), 'utf8');
    const line = /cargo build [^>\n]*?(?=\s*>|\s*$)/m.exec(script)?.[0];
    // The script adds `--features` only when CUSTOS_NODE_FEATURES asks (the benchmark
    // build); by default, and in the image, the line is the same.
    expect(line).toMatch(/^cargo build --locked --bin custos-node "\$\{features\[@\]\}"$/);
    expect(script).toMatch(/^features=\(\)$/m);
    const cargo = 'cargo build --locked --bin custos-node';
    expect(script).toMatch(/^export SKIP_WASM_BUILD=1$/m);
    expect(build).toContain(cargo);
    expect(build).not.toMatch(/--release|--profile/);
    expect(build).toMatch(/ENV [^\n]*SKIP_WASM_BUILD=1/);
    expect(build).toContain('protobuf-compiler');
    const sources = dockerfileSources(build);
    expect(sources).toEqual(
      expect.arrayContaining(['chain/node/Cargo.lock', 'chain/node/src', 'chain/artifacts']),
    );
    // What the node crate's manifest points at is copied too (the runtime and its workspace).
    const manifest = readFileSync(repo('chain/node/Cargo.toml'), 'utf8');
    for (const [, path] of manifest.matchAll(/path = "\.\.\/([^"]+)"/g)) {
      expect(sources, `chain/${path}`).toContain(`chain/${path}`);
    }
    // Its own workspace, whose lock file the build is --locked to.
    expect(manifest).toMatch(/^\[workspace\]$/m);
    expect(sources).toContain('chain/Cargo.toml');
    // The runtime image: the binary from the build stage and nothing else, run as a user.
    const node = stageText(dockerfile, 'node');
    expect(dockerfileSources(node)).toEqual([]);
    expect([...node.matchAll(/^COPY --from=(\S+) (\S+)/gm)].map((m) => [m[1], m[2]])).toEqual([
      ['node-build', '/build/target/debug/custos-node'],
    ]);
    const user = /^USER (\S+)$/m.exec(node)?.[1];
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)$/);
    expect(node).toMatch(/^ENTRYPOINT \["custos-node"\]$/m);
  });

  it('wires the SubQuery node and query service to PostgreSQL, the chain and each other', () => {
    const postgres = environmentOf(svc('postgres'));
    const node = svc('subquery-node');
    const query = svc('query');
    for (const service of [node, query]) {
      const env = environmentOf(service);
      for (const variable of DB_VARS) expect(env[variable], variable).toBeTruthy();
      expect(env.DB_HOST).toBe('postgres');
      expect(env.DB_USER).toBe(postgres.POSTGRES_USER);
      expect(env.DB_PASS).toBe(postgres.POSTGRES_PASSWORD);
      expect(env.DB_DATABASE).toBe(postgres.POSTGRES_DB);
      expect(env.TZ).toBe('UTC');
      expect(service.image).toMatch(
        /^subquerynetwork\/subql-(node-substrate|query):v\d+\.\d+\.\d+$/,
      );
    }
    const nodeArgs = words(node.command);
    const queryArgs = words(query.command);
    // The query service serves the schema the node writes.
    expect(flagValue(nodeArgs, '--db-schema')).toBeTruthy();
    expect(flagValue(queryArgs, '--name')).toBe(flagValue(nodeArgs, '--db-schema'));
    expect(flagValue(nodeArgs, '--network-endpoint')).toMatch(/^ws:\/\/chain:\d+$/);
    expect(flagValue(nodeArgs, '--dictionary-registry')).toMatch(/^http:\/\/127\.0\.0\.1[:/]/);
    expect(flagValue(queryArgs, '--indexer')).toMatch(/^http:\/\/subquery-node:\d+$/);
    // The project path is the volume the indexer-project job fills, mounted read-only.
    const project = mountsOf(node).find((m) => m.target === flagValue(nodeArgs, '-f'));
    expect(project).toMatchObject({ type: 'volume', readOnly: true });
    expect(dependenciesOf(node)['indexer-project']).toBe('service_completed_successfully');
  });

  it('has the indexer-project job copy indexer/ with the genesis hash of the chain indexed', () => {
    const job = svc('indexer-project');
    const args = words(job.command);
    // The script, mounted as ESM, reads indexer/ and writes the volume the node reads.
    const script = mountsOf(job).find((m) => m.source === './docker/indexer-project.js');
    expect(script?.target.endsWith('.mjs')).toBe(true);
    expect(args.slice(0, 2)).toEqual(['node', script?.target]);
    const [source, output, url] = args.slice(2);
    expect(mountsOf(job).find((m) => m.target === source)).toMatchObject({
      type: 'bind',
      source: './indexer',
      readOnly: true,
    });
    const written = mountsOf(job).find((m) => m.target === output);
    expect(written?.type).toBe('volume');
    expect(written?.readOnly).toBe(false);
    expect(mountsOf(svc('subquery-node')).some((m) => m.source === written?.source)).toBe(true);
    // It asks the chain the node indexes, once that chain answers.
    const endpoint = flagValue(words(svc('subquery-node').command), '--network-endpoint');
    expect(url).toBe(endpoint?.replace(/^ws:/, 'http:'));
    expect(dependenciesOf(job).chain).toBe('service_healthy');
  });

  it.skipIf(!existsSync(repo('indexer/package.json')))(
    'pins the SubQuery node image to the @subql/node version of indexer/package.json',
    () => {
      const pkg = readJson<{ dependencies?: Record<string, string> }>('indexer/package.json');
      const version = pkg.dependencies?.['@subql/node'];
      expect(version, 'indexer/package.json has no @subql/node').toBeDefined();
      expect(imageTag(svc('subquery-node').image ?? '')).toBe(`v${version}`);
    },
  );

  it.skipIf(!existsSync(repo('indexer/query/package.json')))(
    'pins the query image to the @subql/query version of indexer/query/package.json',
    () => {
      const pkg = readJson<{ dependencies?: Record<string, string> }>('indexer/query/package.json');
      const version = pkg.dependencies?.['@subql/query'];
      expect(version, 'indexer/query/package.json has no @subql/query').toBeDefined();
      expect(imageTag(svc('query').image ?? '')).toBe(`v${version}`);
    },
  );

  it.skipIf(!existsSync(repo('indexer/project.ts')) && !existsSync(repo('indexer/project.yaml')))(
    'gives the indexer-project job the folder that holds the SubQuery manifest',
    () => {
      const job = svc('indexer-project');
      const input = words(job.command)[2];
      const source = mountsOf(job).find((m) => m.type === 'bind' && m.target === input);
      const folder = repo(source?.source ?? '');
      expect(
        existsSync(join(folder, 'project.ts')) || existsSync(join(folder, 'project.yaml')),
      ).toBe(true);
    },
  );

  it('configures each companion through variables src/config.ts reads, with mock quotes', () => {
    const configSource = readFileSync(repo('src/config.ts'), 'utf8');
    const known = new Set([...configSource.matchAll(/\b(CUSTOS_[A-Z_]+):/g)].map((m) => m[1]));
    expect(known.size).toBeGreaterThan(5);
    for (const name of companions()) {
      const service = svc(name);
      const env = environmentOf(service);
      for (const variable of Object.keys(env).filter((v) => v.startsWith('CUSTOS_'))) {
        expect(known.has(variable), `${name}: ${variable} is not read by src/config.ts`).toBe(true);
      }
      expect(env.CUSTOS_QUOTE_SOURCE).toBe('mock');
      expect(env.CUSTOS_CHAIN_URL).toMatch(/^ws:\/\/chain:\d+$/);
      // Other companions reach this one at the endpoint it registers on chain.
      expect(env.CUSTOS_PUBLIC_ENDPOINT).toBe(`http://${name}:${env.CUSTOS_PROVIDER_PORT}`);
      expect(env.CUSTOS_PROVIDER_HOST).toBe('0.0.0.0');
      // The first KEK must stay in memory between init and start.
      expect(env.CUSTOS_KEK_HANDOFF_DIR).toMatch(/^\/dev\/shm\//);
      const data = mountsOf(service).find((m) => m.target === env.CUSTOS_DATA_DIR);
      expect(data?.type, `${name}: data dir is not a named volume`).toBe('volume');
      // A read-only root: the image cannot be changed at run time; the companion writes
      // only its data volume, /dev/shm (Docker's private tmpfs) and a tmpfs /tmp.
      expect(service.read_only, `${name}: root filesystem is writable`).toBe(true);
      expect(service.tmpfs).toEqual([expect.stringMatching(/^\/tmp:/)]);
      expect(portsOf(service).map((p) => p.containerPort)).toContain(env.CUSTOS_PROVIDER_PORT);
      expect(words(service.entrypoint)).toEqual(['/app/docker/companion.sh']);
      expect(service.build).toBeDefined();
    }
    const volumes = companions().map((n) => mountsOf(svc(n)).find((m) => m.target === '/data'));
    expect(new Set(volumes.map((v) => v?.source)).size).toBe(companions().length);
  });

  it('gives the companions distinct, funded dev operators, enough for n providers each', () => {
    const spec = readJson<{ genesis: { raw: { top: Record<string, string> } } }>(SPEC);
    const top = spec.genesis.raw.top;
    const registry = new TypeRegistry();
    const metadata = new Metadata(
      registry,
      readJson<{ result: `0x${string}` }>('chain/artifacts/metadata.json').result,
    );
    registry.setMetadata(metadata);
    const pallet = (name: string) => {
      const found = metadata.asLatest.pallets.find((p) => p.name.toString() === name);
      if (!found) throw new Error(`no pallet ${name}`);
      return found;
    };
    const bondBytes = pallet('Registry')
      .constants.find((c) => c.name.toString() === 'ValidatorBond')
      ?.value.toU8a(true);
    expect(bondBytes).toBeDefined();
    const bond = u8aToBn(bondBytes ?? new Uint8Array(), { isLe: true });

    // Backups::Params { n, t, max_load } (u32 each), from genesis or the storage default.
    const paramsRaw = top[valueKey('Backups', 'Params')];
    const params = paramsRaw
      ? hexToU8a(paramsRaw)
      : pallet('Backups')
          .storage.unwrap()
          .items.find((i) => i.name.toString() === 'Params')
          ?.fallback.toU8a(true);
    const n = u8aToBn(params?.subarray(0, 4) ?? new Uint8Array(), { isLe: true }).toNumber();
    expect(n).toBeGreaterThan(0);
    // Never self, never the owner's operator: n providers need n + 1 validators.
    expect(companions().length).toBeGreaterThanOrEqual(n + 1);

    const keyring = new Keyring({ type: 'sr25519' });
    const operators = companions().map((name) => environmentOf(svc(name)).DEV_OPERATOR_URI ?? '');
    expect(new Set(operators).size).toBe(operators.length);
    for (const uri of operators) {
      expect(uri).toMatch(/^\/\/[A-Z][a-z]+(\/\/stash)?$/);
      const account = keyring.addFromUri(uri).publicKey;
      const key = u8aToHex(
        u8aConcat(
          xxhashAsU8a('System', 128),
          xxhashAsU8a('Account', 128),
          blake2AsU8a(account, 128),
          account,
        ),
      );
      const info = top[key];
      expect(info, `${uri} has no account in the dev genesis`).toBeDefined();
      // AccountInfo: nonce, consumers, providers, sufficients (u32 each), then free (u128).
      const free = u8aToBn(hexToU8a(info).subarray(16, 32), { isLe: true });
      expect(free.gt(bond), `${uri} cannot pay the validator bond`).toBe(true);
    }
  });

  it('builds the companion image from the repository: the compiled CLI, production dependencies', () => {
    const dockerfile = readFileSync(repo('Dockerfile'), 'utf8');
    // The companion is the last stage: a plain `docker build .` still gives the companion.
    expect(stagesOf(dockerfile).at(-1)).toEqual({
      image: expect.stringMatching(/^node:20\.\d+\.\d+-\S+$/),
      name: 'companion',
    });
    for (const name of companions()) expect(buildOf(svc(name)).target, name).toBe('companion');
    // The build stage compiles the product with the package's own build config.
    const build = stageText(dockerfile, 'companion-build');
    expect(build).toMatch(/tsc -p tsconfig\.build\.json/);
    expect(dockerfileSources(build)).toEqual(
      expect.arrayContaining(['package.json', 'package-lock.json', 'tsconfig.build.json', 'src']),
    );
    // The image: production dependencies only, the compiled output, and the package's bin
    // as the entrypoint.
    const companionStage = stageText(dockerfile, 'companion');
    expect(companionStage).toMatch(/npm install --omit=dev/);
    expect(dockerfileSources(companionStage)).toEqual([
      'package.json',
      'package-lock.json',
      'docker/companion.sh',
    ]);
    const pkg = readJson<{ bin: Record<string, string> }>('package.json');
    expect(pkg.bin.custos).toBe('dist/src/cli/main.js');
    expect(companionStage).toContain(`COPY --from=companion-build /build/dist/src ./dist/src`);
    // The sr25519 addon, built as `npm run native:build` builds it (the same cargo line, the
    // crate's own lock file, its sources only), where the companion loads it from.
    const native = stageText(dockerfile, 'native-build');
    const nativeScript = readFileSync(repo('scripts/native-build.sh'), 'utf8');
    const nativeCargo = /cargo build [^>|\n]*?(?=\s*>|\s*\|\||\s*$)/m.exec(nativeScript)?.[0];
    expect(nativeCargo).toBe('cargo build --locked --release');
    expect(native).toContain(`${nativeCargo}`);
    expect(dockerfileSources(native)).toEqual([
      'native/sr25519/Cargo.toml',
      'native/sr25519/Cargo.lock',
      'native/sr25519/build.rs',
      'native/sr25519/src',
    ]);
    expect(companionStage).toContain(
      'COPY --from=native-build /build/custos-sr25519.node ./native/sr25519/custos-sr25519.node',
    );
    expect(companionStage).toContain(`ln -s /app/${pkg.bin.custos} /usr/local/bin/custos`);
    expect(companionStage).toContain('ENTRYPOINT ["custos"]');
    expect(companionStage).not.toMatch(/tsx/);
    const sources = dockerfileSources(dockerfile);
    // Nothing either image copies is excluded from the build context.
    const ignored = readFileSync(repo('.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const source of sources) {
      for (const pattern of ignored) {
        expect(source === pattern || source.startsWith(`${pattern}/`), `${source} ignored`).toBe(
          false,
        );
      }
    }
  });

  it('bootstraps a companion with CLI commands that exist, in a valid shell script', () => {
    const script = readFileSync(repo('docker/companion.sh'), 'utf8');
    expect(spawnSync('sh', ['-n', repo('docker/companion.sh')]).status).toBe(0);
    const cli = readFileSync(repo('src/cli/main.ts'), 'utf8');
    const commands = new Set([...cli.matchAll(/program\.command\('([a-z]+)'\)/g)].map((m) => m[1]));
    const code = script
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'))
      .join('\n');
    const used = [...new Set([...code.matchAll(/\bcustos ([a-z]+)/g)].map((m) => m[1]))].sort();
    expect(used).toEqual(['init', 'register', 'start', 'status']);
    for (const command of used) expect(commands.has(command), command).toBe(true);
    expect(script).toContain('--operator-uri');
  });
});

describe('docker/indexer-project.js', () => {
  const hash = `0x${'ab'.repeat(32)}`;

  it.skipIf(!existsSync(repo('indexer/project.yaml')))(
    "sets the built manifest's chainId and keeps every other line",
    () => {
      const manifest = readFileSync(repo('indexer/project.yaml'), 'utf8');
      const written = withChainId(manifest, hash);
      const before = manifest.split('\n');
      const after = written.split('\n');
      expect(after.length).toBe(before.length);
      const changed = after.flatMap((line, i) => (line === before[i] ? [] : [line]));
      expect(changed).toEqual([`  chainId: '${hash}'`]);
    },
  );

  it('refuses a malformed hash and a manifest without chainId', () => {
    expect(() => withChainId("network:\n  chainId: '0x00'\n", '0x1234')).toThrow(/genesis hash/);
    expect(() => withChainId('network:\n  endpoint: []\n', hash)).toThrow(/chainId/);
  });

  it("asks the chain for block 0's hash and checks the reply", async () => {
    const calls: unknown[] = [];
    const reply = (body: unknown, status = 200) =>
      (async (_url: unknown, init?: { body?: unknown }) => {
        calls.push(JSON.parse(String(init?.body)));
        return new Response(JSON.stringify(body), { status });
      }) as typeof fetch;
    await expect(genesisHashOf('http://chain:9944', reply({ result: hash }))).resolves.toBe(hash);
    expect(calls[0]).toMatchObject({ method: 'chain_getBlockHash', params: [0] });
    await expect(genesisHashOf('http://chain:9944', reply({ result: null }))).rejects.toThrow(
      /no genesis hash/,
    );
    await expect(genesisHashOf('http://chain:9944', reply({}, 503))).rejects.toThrow(/503/);
  });
});

describe('the compose checker', () => {
  const mutated = (change: (c: ComposeFile) => void) => {
    const copy = structuredClone(compose);
    change(copy);
    return checkCompose(copy, { root, optional: indexerPending });
  };

  it('reports a missing bind-mount source', () => {
    const problems = mutated((c) => {
      c.services.postgres?.volumes?.push('./no/such/init.sql:/docker-entrypoint-initdb.d/x.sql:ro');
    });
    expect(problems).toEqual(['postgres: bind-mount source ./no/such/init.sql does not exist']);
  });

  it('reports ports beyond loopback, latest images, missing health checks and bad depends_on', () => {
    const problems = mutated((c) => {
      const query = c.services.query;
      const postgres = c.services.postgres;
      if (!query || !postgres) throw new Error('fixture');
      query.ports = ['3000:3000'];
      postgres.image = 'postgres';
      delete postgres.healthcheck;
      query.depends_on = { indexer: { condition: 'service_healthy' } };
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'query: port *:3000:3000 is published beyond 127.0.0.1',
        'postgres: image postgres is not pinned',
        'postgres: no health check',
        'query: depends on unknown service indexer',
        'subquery-node: waits for postgres to be healthy, which has no health check',
      ]),
    );
  });

  it('reports undeclared volumes, external URLs and a restarting one-shot job', () => {
    const problems = mutated((c) => {
      const bob = c.services['companion-bob'];
      const job = c.services['indexer-project'];
      if (!bob || !job) throw new Error('fixture');
      bob.volumes = ['bob-elsewhere:/data'];
      bob.environment = { ...environmentOf(bob), CUSTOS_CHAIN_URL: 'wss://rpc.example.org' };
      job.restart = 'always';
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'companion-bob: named volume bob-elsewhere is not declared',
        '(volumes): companion-bob-data is declared but unused',
        'companion-bob: URL host rpc.example.org is neither a service nor the container itself',
        'indexer-project: one-shot job must not restart (restart: always)',
      ]),
    );
  });

  it('reports a file the Dockerfile copies that does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custos-compose-'));
    try {
      writeFileSync(
        join(dir, 'Dockerfile'),
        'FROM node:20.20.2-slim\nCOPY present.txt missing.txt /app/\n',
      );
      writeFileSync(join(dir, 'present.txt'), '');
      const file = parseCompose(
        'services:\n  app:\n    build: .\n    command: [run]\n    healthcheck:\n      test: [CMD, "true"]\n',
      );
      expect(checkCompose(file, { root: dir })).toEqual([
        'app: Dockerfile source missing.txt does not exist',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses YAML without services', () => {
    expect(() => parseCompose('volumes: {}\n')).toThrow(/services/);
    expect(() => parseCompose('- a\n')).toThrow(/mapping/);
  });
});
