/**
 * A local network of real validator nodes: four `custos-node` processes on 127.0.0.1
 * (Alice, Bob, Charlie and Dave, the `local_testnet` authorities) with Aura block
 * production and GRANDPA finality, from one raw chain spec built for the run (its block
 * time and custos session length), each with its own base path, ports and session keys.
 *
 * The node binary is not committed: `npm run node:build` builds it into a cache
 * ({@link findNodeBinary} finds it there).
 *
 * @example
 * const net = await startValidators({ binary, workDir, blockMs: 1000 });
 * console.log(net.validators[0].endpoint); await net.stop();
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { u8aToHex } from '@polkadot/util';
import { buildRawChainSpec, type Json, mergePatch } from './chainSpec.js';
import { freePort } from './ports.js';

/** The `local_testnet` preset's authorities, in slot order. */
export const VALIDATOR_NAMES = ['alice', 'bob', 'charlie', 'dave'] as const;

/**
 * The `custos-node` binary: `$CUSTOS_NODE_BIN`, else where `scripts/node-build.sh` puts it
 * (`$CUSTOS_NODE_TARGET_DIR` or `~/.cache/custos-node-target`, dev profile); undefined when
 * it is not there.
 */
export function findNodeBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.CUSTOS_NODE_BIN
    ? [env.CUSTOS_NODE_BIN]
    : [
        join(
          env.CUSTOS_NODE_TARGET_DIR ?? join(homedir(), '.cache', 'custos-node-target'),
          'debug',
          'custos-node',
        ),
      ];
  return candidates.find((file) => existsSync(file));
}

/** One validator node. */
export interface Validator {
  /** alice, bob, charlie or dave. */
  name: string;
  /** ws://127.0.0.1:<rpcPort> (JSON-RPC over WebSocket and HTTP on one port). */
  endpoint: string;
  rpcPort: number;
  p2pPort: number;
  /** Its `--base-path` (keystore, node key, ParityDB). */
  baseDir: string;
  /** Its combined stdout and stderr. */
  logFile: string;
  process?: ChildProcess;
}

/** Options of {@link startValidators}. */
export interface ValidatorsOptions {
  /** The `custos-node` binary. */
  binary: string;
  /** Base paths, chain spec and logs go here. */
  workDir: string;
  /** Aura slot (block time) in ms; default 6000 (the runtime's). */
  blockMs?: number;
  /** custos session length in blocks (registry); default 10. */
  sessionLength?: number;
  /**
   * A JSON merge patch over the genesis config, applied after the session length (e.g.
   * `{ balances: { balances: [[account, amount], …] } }`; arrays replace the preset's).
   */
  genesisPatch?: Json;
}

/** A running validator network. */
export interface ValidatorNetwork {
  validators: Validator[];
  /** The raw chain spec every node runs. */
  specFile: string;
  blockMs: number;
  /**
   * (Re)starts a validator on its base path. `isolated`: no peers allowed, and it authors
   * its own slots anyway, so it builds a fork that the others never see or finalize.
   */
  start(validator: Validator, options?: { isolated?: boolean }): void;
  /** Sends `signal` to a validator and waits until it exited. */
  kill(validator: Validator, signal?: NodeJS.Signals): Promise<void>;
  /** A JSON-RPC call over HTTP to one validator. */
  rpc<T = unknown>(validator: Validator, method: string, params?: unknown[]): Promise<T>;
  /** Waits until `validator`'s best and finalized heads both pass `block`. */
  waitForFinalized(validator: Validator, block: number, deadlineMs?: number): Promise<void>;
  /** Stops every node. */
  stop(): Promise<void>;
}

/** A node's libp2p key: 32 fixed bytes per validator (dev only, so boot nodes can name it). */
function nodeKey(index: number): string {
  return (index + 1).toString(16).padStart(64, '0');
}

function runBinary(binary: string, args: string[]): string {
  const out = spawnSync(binary, args, { encoding: 'utf8' });
  if (out.status !== 0) {
    throw new Error(
      `custos-node ${args.slice(0, 2).join(' ')} exited ${out.status}: ${out.stderr}`,
    );
  }
  return out.stdout.trim();
}

async function rpcCall<T>(port: number, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds the run's chain spec, inserts each validator's Aura (sr25519) and GRANDPA
 * (ed25519) dev keys, starts the four nodes, and resolves once every node has peers and
 * has seen a finalized block.
 */
export async function startValidators(options: ValidatorsOptions): Promise<ValidatorNetwork> {
  const blockMs = options.blockMs ?? 6000;
  mkdirSync(options.workDir, { recursive: true });
  const wasmFile = fileURLToPath(
    new URL('../../chain/artifacts/custos_runtime.wasm', import.meta.url),
  );
  const spec = await buildRawChainSpec({
    wasm: u8aToHex(readFileSync(wasmFile)),
    preset: 'local_testnet',
    id: 'custos_devnet',
    name: 'custos validator devnet',
    chainType: 'Local',
    patch: mergePatch(
      { registry: { sessionLength: options.sessionLength ?? 10 } },
      options.genesisPatch ?? {},
    ),
    slotDurationMs: blockMs,
  });
  const specFile = join(options.workDir, 'chain-spec.raw.json');
  writeFileSync(specFile, JSON.stringify(spec));

  const validators: Validator[] = [];
  for (const [index, name] of VALIDATOR_NAMES.entries()) {
    const baseDir = join(options.workDir, name);
    mkdirSync(baseDir, { recursive: true });
    const suri = `//${name[0]!.toUpperCase()}${name.slice(1)}`;
    const common = ['--base-path', baseDir, '--chain', specFile, '--suri', suri];
    runBinary(options.binary, [
      'key',
      'insert',
      ...common,
      '--scheme',
      'sr25519',
      '--key-type',
      'aura',
    ]);
    runBinary(options.binary, [
      'key',
      'insert',
      ...common,
      '--scheme',
      'ed25519',
      '--key-type',
      'gran',
    ]);
    writeFileSync(join(baseDir, 'node-key'), nodeKey(index));
    validators.push({
      name,
      endpoint: '',
      rpcPort: await freePort(),
      p2pPort: await freePort(),
      baseDir,
      logFile: join(options.workDir, `${name}.log`),
    });
  }
  for (const v of validators) v.endpoint = `ws://127.0.0.1:${v.rpcPort}`;
  const peerIds = validators.map((v) =>
    runBinary(options.binary, ['key', 'inspect-node-key', '--file', join(v.baseDir, 'node-key')]),
  );

  const start = (v: Validator, { isolated = false } = {}) => {
    const index = validators.indexOf(v);
    // Isolated: no peer may connect, and it authors its slots alone (a validator with no
    // peers waits for the network unless forced), so it builds a fork of its own.
    const boot = isolated
      ? ['--reserved-only', '--force-authoring']
      : validators.flatMap((other, i) =>
          i === index
            ? []
            : ['--bootnodes', `/ip4/127.0.0.1/tcp/${other.p2pPort}/p2p/${peerIds[i]}`],
        );
    const log = createWriteStream(v.logFile, { flags: 'a' });
    const child = spawn(
      options.binary,
      [
        '--chain',
        specFile,
        '--base-path',
        v.baseDir,
        '--validator',
        '--name',
        v.name,
        '--node-key-file',
        join(v.baseDir, 'node-key'),
        '--listen-addr',
        `/ip4/127.0.0.1/tcp/${v.p2pPort}`,
        ...boot,
        '--rpc-port',
        String(v.rpcPort),
        // Archive: the indexer (on Alice's node) reads events at every block it indexes,
        // however late it starts, as it can on Chopsticks.
        '--state-pruning',
        'archive',
        '--blocks-pruning',
        'archive',
        '--no-prometheus',
        '--no-telemetry',
        '--no-mdns',
        '--allow-private-ip',
        '--log',
        'info,grandpa=warn,sync=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // One file, two pipes: neither may end it (the other's last lines, such as a crash
    // point's, would be lost); it ends when the process's streams have closed.
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.once('close', () => log.end());
    v.process = child;
  };

  const kill = async (v: Validator, signal: NodeJS.Signals = 'SIGTERM') => {
    const child = v.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill(signal);
    });
  };

  // A test runner that dies must not leave validators running.
  const killAll = () => {
    for (const v of validators) v.process?.kill('SIGKILL');
  };
  process.once('exit', killAll);

  const rpc = <T>(v: Validator, method: string, params?: unknown[]) =>
    rpcCall<T>(v.rpcPort, method, params);

  const waitForFinalized = async (v: Validator, block: number, deadlineMs = 120_000) => {
    const end = Date.now() + deadlineMs;
    for (;;) {
      const ok = await (async () => {
        const hash = await rpc<string>(v, 'chain_getFinalizedHead');
        const head = await rpc<{ number: string }>(v, 'chain_getHeader', [hash]);
        return Number.parseInt(head.number, 16) > block;
      })().catch(() => false);
      if (ok) return;
      if (Date.now() > end) {
        throw new Error(`${v.name} did not finalize past block ${block}; see ${v.logFile}`);
      }
      await sleep(Math.min(blockMs, 1000));
    }
  };

  const stop = async () => {
    await Promise.all(validators.map((v) => kill(v)));
    process.removeListener('exit', killAll);
  };

  for (const v of validators) start(v);
  try {
    for (const v of validators) await waitForFinalized(v, 0, 60_000 + 20 * blockMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { validators, specFile, blockMs, start, kill, rpc, waitForFinalized, stop };
}
