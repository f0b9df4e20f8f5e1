/**
 * docker-compose.yml, checked statically (Docker does not run on the CI machine): it
 * parses; every service is runnable as written (command, pinned image, health check, files
 * it mounts or builds from); the wiring between services is coherent; the companions fit
 * the dev chain's genesis (funded, distinct operators, enough of them for n providers).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Keyring } from '@polkadot/keyring';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { hexToU8a, u8aConcat, u8aToBn, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady, xxhashAsU8a } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEV_PARA_ID, forOmniNode } from '../../docker/omni-node-spec.js';
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

const EXPECTED_SERVICES = ['chain-spec', 'chain', 'postgres', 'subquery-node', 'query'];
const DB_VARS = ['DB_USER', 'DB_PASS', 'DB_DATABASE', 'DB_HOST', 'DB_PORT'];
const SPEC = 'chain/artifacts/chain-spec-development.raw.json';

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

  it('runs omni-node in dev-block-time mode on the committed spec made loadable', () => {
    const chain = svc('chain');
    expect(chain.image).toMatch(/^parity\/polkadot-omni-node:stable\d{4}-\d+$/);
    const args = words(chain.command);
    expect(Number(flagValue(args, '--dev-block-time'))).toBeGreaterThan(0);
    // The spec omni-node reads is the one the chain-spec job writes from the committed one.
    const specPath = flagValue(args, '--chain');
    expect(specPath).toBeDefined();
    const job = svc('chain-spec');
    const jobArgs = words(job.command);
    expect(jobArgs.at(-1)).toBe(specPath);
    const committed = mountsOf(job).find((m) => m.source === `./${SPEC}`);
    expect(committed?.readOnly).toBe(true);
    expect(jobArgs).toContain(committed?.target);
    const shared = mountsOf(chain).find((m) => specPath?.startsWith(`${m.target}/`));
    expect(shared?.type).toBe('volume');
    expect(mountsOf(job).some((m) => m.source === shared?.source)).toBe(true);
    expect(dependenciesOf(chain)['chain-spec']).toBe('service_completed_successfully');
    // The job's script is the module tested below, mounted as ESM.
    const script = mountsOf(job).find((m) => m.source === './docker/omni-node-spec.js');
    expect(script?.target.endsWith('.mjs')).toBe(true);
    expect(jobArgs).toContain(script?.target);
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
    // The project path is the indexer/ folder, mounted read-only.
    const project = mountsOf(node).find((m) => m.target === flagValue(nodeArgs, '-f'));
    expect(project).toMatchObject({ type: 'bind', source: './indexer', readOnly: true });
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
    'mounts the folder that holds the SubQuery manifest',
    () => {
      const source = mountsOf(svc('subquery-node')).find((m) => m.type === 'bind')?.source ?? '';
      const folder = repo(source);
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

  it('builds the companion image from the repository, running the CLI like npm run custos', () => {
    const dockerfile = readFileSync(repo('Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20\.\d+\.\d+-\S+$/m);
    expect(dockerfile).toMatch(/npm install/);
    const pkg = readJson<{ scripts: Record<string, string> }>('package.json');
    const cliFile = /tsx (\S+)/.exec(pkg.scripts.custos ?? '')?.[1];
    expect(cliFile).toBe('src/cli/main.ts');
    expect(dockerfile).toContain(`node --import tsx /app/${cliFile}`);
    const sources = dockerfileSources(dockerfile);
    expect(sources).toEqual(
      expect.arrayContaining(['package.json', 'package-lock.json', 'src', 'docker/companion.sh']),
    );
    // Nothing the image copies is excluded from the build context.
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

describe('docker/omni-node-spec.js', () => {
  it('adds relay_chain and para_id to the committed spec and keeps its genesis', () => {
    const committed = readJson<Record<string, unknown>>(SPEC);
    const patched = forOmniNode(committed);
    expect(typeof patched.relay_chain).toBe('string');
    expect(patched.para_id).toBe(DEV_PARA_ID);
    expect(patched.genesis).toEqual(committed.genesis);
    const { relay_chain: _r, para_id: _p, ...rest } = patched;
    expect(rest).toEqual(committed);
  });

  it('refuses what is not a raw chain spec', () => {
    expect(() => forOmniNode([])).toThrow(/JSON object/);
    expect(() => forOmniNode({ genesis: { runtimeGenesis: {} } })).toThrow(/raw/);
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
      const job = c.services['chain-spec'];
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
        'chain-spec: one-shot job must not restart (restart: always)',
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
