/**
 * A dev network: a chain hosting the committed runtime plus N companion processes
 * (`custos init`, `custos register`, `custos start`), each with its own data directory
 * and ports on 127.0.0.1, mock quotes, and dev operators //Alice, //Bob, ….
 *
 * The chain is Chopsticks (one process, every block final, blocks on a timer) or, with
 * `validators`, four real `custos-node` validators (Aura and GRANDPA, see
 * `validators.ts`); companion i then talks to validator i mod 4.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiPromise } from '@polkadot/api';
import { randomAsHex } from '@polkadot/util-crypto';
import { connectChain } from '../../src/chain/connect.js';
import { CUSTOS_CLI, ensureBuilt } from '../build/compiled.js';
import { type DevChain, startDevChain } from './chain.js';
import { type DevEscrow, setUpDevEscrow } from './escrow.js';
import { freePort, listening } from './ports.js';
import { startValidators, type ValidatorNetwork } from './validators.js';

const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'] as const;

/**
 * Operator accounts the `development` preset funds (every `Sr25519Keyring` account):
 * //Alice … //Ferdie, then their stash accounts //Alice//stash … //Ferdie//stash.
 */
export const DEV_OPERATORS: readonly { name: string; uri: string }[] = [
  ...DEV_NAMES.map((n) => ({ name: n, uri: `//${n}` })),
  ...DEV_NAMES.map((n) => ({ name: `${n}Stash`, uri: `//${n}//stash` })),
];

/** How {@link DevNetwork.startNode} runs a node (tests only; defaults run `custos start`). */
export interface StartNodeOptions {
  /**
   * Compiled script to run instead of the CLI (e.g. a fault-injection wrapper around it,
   * see `COMPILED_FIXTURES` in tools/build/compiled.ts); run with plain `node`.
   */
  entry?: string;
  /** Extra environment. */
  env?: NodeJS.ProcessEnv;
  /** Extra arguments after `start`. */
  args?: string[];
}

/** One companion of the network. */
export interface DevNode {
  name: string;
  /** Operator key URI (dev keyring). */
  operatorUri: string;
  dataDir: string;
  providerPort: number;
  secretApiPort: number;
  secretApiToken: string;
  env: NodeJS.ProcessEnv;
  process?: ChildProcess;
  account?: string;
}

/** A running dev network. */
export interface DevNetwork {
  /**
   * The chain as the harness drives it. On validators, `endpoint` is Alice's node and
   * `newBlocks(n)` waits for n more blocks instead of building them.
   */
  chain: DevChain;
  /** The validator nodes, when the network runs on them. */
  validators?: ValidatorNetwork;
  api: ApiPromise;
  nodes: DevNode[];
  /** The escrow committee and its member processes, when `escrow` was asked for. */
  escrow?: DevEscrow;
  /** Spawns `custos start` for a node (again, after a kill). */
  startNode(node: DevNode, options?: StartNodeOptions): void;
  /** Initialises, registers (with the next unused dev operator) and starts one more node. */
  addNode(start?: StartNodeOptions): Promise<DevNode>;
  /**
   * Stops (true) or restarts (false) the block timer; `chain.newBlocks` still works.
   * Chopsticks only: validators author in their slots whatever happens.
   */
  pauseBlocks(paused: boolean): void;
  /** Kills a node's process with `signal` and waits for it to exit. */
  killNode(node: DevNode, signal?: NodeJS.Signals): Promise<void>;
  /** Stops every process and the chain. */
  stop(): Promise<void>;
}

/** Options of {@link startNetwork}. */
export interface NetworkOptions {
  /** Companions (at most 12: one per funded dev operator). */
  size: number;
  /** Working directory (data dirs and logs). */
  workDir: string;
  /** Chain port (0 = a free one). */
  chainPort?: number;
  /**
   * A block every `blockMs` milliseconds (sessions and freshness need blocks): the
   * Chopsticks timer, or the validators' Aura slot.
   */
  blockMs?: number;
  /**
   * Run on four real validator nodes started from this `custos-node` binary instead of
   * Chopsticks (see `findNodeBinary`).
   */
  validators?: { binary: string; sessionLength?: number };
  /** Companion poll interval. */
  pollMs?: number;
  /** Companions' log level (`CUSTOS_LOG_LEVEL`), `info` unless given. */
  logLevel?: 'debug' | 'info' | 'warn';
  /**
   * An escrow committee (the cold path): `members` member processes (`custos escrow
   * serve`), `threshold` of them recover a KEK; set before the companions start, so every
   * confirmed epoch is escrowed. The last `airGapped` members get key files but no
   * process: a test runs their `custos escrow export | sign | submit` itself.
   */
  escrow?: { members: number; threshold: number; airGapped?: number };
  /**
   * Compiled script every companion runs instead of the CLI (a test wrapper such as
   * `COMPILED_FIXTURES.byzantine`); `startNode`'s own `entry` wins.
   */
  entry?: string;
}

function runCli(node: DevNode, args: string[], log: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CUSTOS_CLI, ...args], {
      env: node.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const file = createWriteStream(log, { flags: 'a' });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      file.write(d);
    });
    child.stderr.on('data', (d: Buffer) => file.write(d));
    child.on('exit', (code) => {
      file.end();
      if (code === 0) resolve(out);
      else reject(new Error(`custos ${args[0]} (${node.name}) exited ${code}; see ${log}`));
    });
  });
}

/** Starts the chain and `size` companions, registered and running. */
export async function startNetwork(options: NetworkOptions): Promise<DevNetwork> {
  if (options.size < 1 || options.size > DEV_OPERATORS.length) {
    throw new RangeError(`network size must be 1..${DEV_OPERATORS.length}, got ${options.size}`);
  }
  // Companions run the compiled CLI (dist/); rebuild it first if a source changed.
  ensureBuilt();
  mkdirSync(options.workDir, { recursive: true });
  const { chain, validators, pauseBlocks, chainUrlOf } = options.validators
    ? await validatorChain(options, options.validators)
    : await chopsticksChain(options);
  const api = await connectChain(chain.endpoint);
  const handoff = `/dev/shm/custos-devnet-${randomAsHex(4).slice(2)}`;
  const nodes: DevNode[] = [];
  const prepareNode = async (operator: { name: string; uri: string }): Promise<DevNode> => {
    const dataDir = join(options.workDir, operator.name.toLowerCase());
    mkdirSync(dataDir, { recursive: true });
    const node: DevNode = {
      name: operator.name,
      operatorUri: operator.uri,
      dataDir,
      providerPort: await freePort(),
      secretApiPort: await freePort(),
      secretApiToken: randomAsHex(16),
      env: {},
    };
    node.env = {
      ...process.env,
      CUSTOS_DATA_DIR: dataDir,
      CUSTOS_CHAIN_URL: chainUrlOf(nodes.length),
      CUSTOS_PROVIDER_PORT: String(node.providerPort),
      CUSTOS_SECRET_API_PORT: String(node.secretApiPort),
      CUSTOS_SECRET_API_TOKEN: node.secretApiToken,
      CUSTOS_QUOTE_SOURCE: 'mock',
      CUSTOS_KEK_HANDOFF_DIR: handoff,
      CUSTOS_POLL_MS: String(options.pollMs ?? 500),
      CUSTOS_LOG_LEVEL: options.logLevel ?? 'info',
      // Every devnet companion reaches the others from 127.0.0.1, so one per-client bucket
      // would hold the whole network's honest traffic: give loopback room.
      CUSTOS_RATE_LIMIT_CLIENT_BURST: '400',
      CUSTOS_RATE_LIMIT_CLIENT_PER_SECOND: '200',
    };
    const out = await runCli(node, ['init'], join(dataDir, 'init.log'));
    node.account = /initialised (\S+);/.exec(out)?.[1];
    await runCli(node, ['register', '--operator-uri', operator.uri], join(dataDir, 'register.log'));
    nodes.push(node);
    return node;
  };
  for (const operator of DEV_OPERATORS.slice(0, options.size)) await prepareNode(operator);
  const startNode = (node: DevNode, start: StartNodeOptions = {}) => {
    const log = createWriteStream(join(node.dataDir, 'start.log'), { flags: 'a' });
    const child = spawn(
      process.execPath,
      [start.entry ?? options.entry ?? CUSTOS_CLI, 'start', ...(start.args ?? [])],
      { env: { ...node.env, ...start.env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // One file, two pipes: neither may end it (the other's last lines, such as a crash
    // point's, would be lost); it ends when the process's streams have closed.
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.once('close', () => log.end());
    node.process = child;
  };
  const escrow = options.escrow
    ? await setUpDevEscrow(
        api,
        {
          ...options.escrow,
          workDir: options.workDir,
          chainUrl: chainUrlOf(0),
          pollMs: options.pollMs ?? 500,
        },
        DEV_OPERATORS.map((o) => o.uri),
      )
    : undefined;
  for (const node of nodes) startNode(node);
  if (escrow) {
    // Members connect to the chain from ephemeral ports: only once every companion is
    // listening, so that none of them takes a port a companion was given.
    await Promise.all(
      nodes.flatMap((n) => [listening(n.providerPort), listening(n.secretApiPort)]),
    );
    for (const member of escrow.members) if (!member.airGapped) escrow.startMember(member);
  }
  const addNode = async (start: StartNodeOptions = {}) => {
    const operator = DEV_OPERATORS[nodes.length];
    if (!operator)
      throw new RangeError(`no funded dev operator left (${DEV_OPERATORS.length} used)`);
    const node = await prepareNode(operator);
    startNode(node, start);
    return node;
  };
  const killNode = async (node: DevNode, signal: NodeJS.Signals = 'SIGTERM') => {
    const child = node.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  };
  return {
    chain,
    validators,
    api,
    nodes,
    escrow,
    startNode,
    addNode,
    pauseBlocks,
    killNode,
    async stop() {
      try {
        await Promise.all(nodes.map((n) => killNode(n, 'SIGTERM')));
        await escrow?.stop();
        await api.disconnect();
        await chain.close();
      } finally {
        // The KEK handoff dir lives in memory (/dev/shm): leave nothing behind.
        rmSync(handoff, { recursive: true, force: true });
      }
    },
  };
}

/** The chain of a network, how to pause it, and which endpoint companion i uses. */
interface NetworkChain {
  chain: DevChain;
  validators?: ValidatorNetwork;
  pauseBlocks(paused: boolean): void;
  chainUrlOf(companion: number): string;
}

/** Chopsticks with a block timer. */
async function chopsticksChain(options: NetworkOptions): Promise<NetworkChain> {
  // Manual mode: blocks come only from the timer below, one at a time. Building a block
  // per transaction as well would race with the timer and can fork the head, which turns
  // quotes bound to the losing block into UnknownBlock.
  const devChain = await startDevChain({
    preset: 'development',
    port: options.chainPort || (await freePort()),
    blockMode: 'Manual',
  });
  let building = false;
  let paused = false;
  const timer = setInterval(() => {
    if (building || paused) return;
    building = true;
    devChain
      .newBlocks(1)
      .catch(() => undefined)
      .finally(() => {
        building = false;
      });
  }, options.blockMs ?? 1000);
  return {
    chain: {
      ...devChain,
      close: async () => {
        clearInterval(timer);
        await devChain.close();
      },
    },
    pauseBlocks(value: boolean) {
      paused = value;
    },
    chainUrlOf: () => devChain.endpoint,
  };
}

/** Four validator nodes; the harness talks to Alice's. */
async function validatorChain(
  options: NetworkOptions,
  settings: { binary: string; sessionLength?: number },
): Promise<NetworkChain> {
  const validators = await startValidators({
    binary: settings.binary,
    workDir: join(options.workDir, 'validators'),
    blockMs: options.blockMs ?? 1000,
    sessionLength: settings.sessionLength,
  });
  const alice = validators.validators[0]!;
  const best = async () =>
    Number.parseInt(
      (await validators.rpc<{ number: string }>(alice, 'chain_getHeader')).number,
      16,
    );
  return {
    validators,
    chain: {
      endpoint: alice.endpoint,
      async newBlocks(count = 1) {
        const target = (await best()) + count;
        while ((await best()) < target)
          await new Promise((r) => setTimeout(r, validators.blockMs / 4));
      },
      close: () => validators.stop(),
    },
    pauseBlocks() {
      throw new Error('validators author in their slots: blocks cannot be paused');
    },
    chainUrlOf: (companion) =>
      validators.validators[companion % validators.validators.length]!.endpoint,
  };
}
