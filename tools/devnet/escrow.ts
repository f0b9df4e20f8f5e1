/**
 * The escrow committee of a dev network (issue 13's cold path): `members` key files made
 * with `custos escrow keygen`, the committee set by the chain's sudo key (governance on
 * the dev runtime), and one `custos escrow serve` process per member on 127.0.0.1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiPromise } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { u8aEq } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { type Inclusion, submitAndWatch } from '../../src/chain/submit.js';
import { generateMemberKeyFile } from '../../src/escrow/memberKeys.js';
import { CUSTOS_CLI } from '../build/compiled.js';

/** One escrow member of a dev network. */
export interface DevEscrowMember {
  name: string;
  keyFile: string;
  account: string;
  sealingKey: string;
  /** Kept offline: no `custos escrow serve` process (its steps are run by hand). */
  airGapped: boolean;
  process?: ChildProcess;
}

/** The dev network's committee and its member processes. */
export interface DevEscrow {
  members: DevEscrowMember[];
  threshold: number;
  /**
   * Starts (or restarts) `custos escrow serve` for `member`, or `entry` (a test-only
   * variant taking the same arguments) instead of the compiled CLI, with `env` added to
   * this process's environment.
   */
  startMember(
    member: DevEscrowMember,
    options?: { entry?: string; env?: Record<string, string> },
  ): void;
  /** Stops a member's process with `signal` and waits for it. */
  stopMember(member: DevEscrowMember, signal?: NodeJS.Signals): Promise<void>;
  /** Stops every member. */
  stop(): Promise<void>;
}

/**
 * Signs `call` with the chain's sudo key (a dev account) and waits for its inclusion, then
 * until the node's next-nonce answer has moved past it: Chopsticks answers from the block
 * before the one just built for a moment, and a second call signed then would reuse the
 * nonce and be refused as stale.
 */
export async function asDevSudo(
  api: ApiPromise,
  call: Parameters<typeof api.tx.sudo.sudo>[0],
  devUris: readonly string[],
): Promise<Inclusion> {
  const keyring = new Keyring({ type: 'sr25519' });
  const key = (await api.query.sudo.key()).unwrap();
  const uri = devUris.find((u) => u8aEq(keyring.addFromUri(u).publicKey, key.toU8a()));
  if (!uri) throw new Error(`the sudo key ${key.toString()} is not a dev account`);
  const sudo = keyring.addFromUri(uri);
  const nonce = (await api.rpc.system.accountNextIndex(sudo.address)).toNumber();
  const inclusion = await submitAndWatch(api, api.tx.sudo.sudo(call), 'Sudo', sudo);
  for (let i = 0; i < 600; i++) {
    if ((await api.rpc.system.accountNextIndex(sudo.address)).toNumber() > nonce) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return inclusion;
}

/**
 * Makes `members` member keys under `workDir/escrow`, sets them as the committee with
 * `threshold` through sudo, and returns the (not yet started) members.
 */
export async function setUpDevEscrow(
  api: ApiPromise,
  options: {
    members: number;
    threshold: number;
    airGapped?: number;
    workDir: string;
    chainUrl: string;
    pollMs: number;
  },
  devUris: readonly string[],
): Promise<DevEscrow> {
  await cryptoWaitReady();
  const dir = join(options.workDir, 'escrow');
  mkdirSync(dir, { recursive: true });
  const members: DevEscrowMember[] = [];
  for (let i = 0; i < options.members; i++) {
    const keyFile = join(dir, `member-${i}.json`);
    const keys = await generateMemberKeyFile(keyFile);
    const airGapped = i >= options.members - (options.airGapped ?? 0);
    members.push({ name: `escrow-${i}`, keyFile, airGapped, ...keys });
  }
  await asDevSudo(
    api,
    api.tx.backups.setEscrowCommittee(
      members.map((m) => ({ account: m.account, sealingKey: m.sealingKey })),
      options.threshold,
    ),
    devUris,
  );
  const startMember = (
    member: DevEscrowMember,
    start: { entry?: string; env?: Record<string, string> } = {},
  ) => {
    const log = createWriteStream(join(dir, `${member.name}.log`), { flags: 'a' });
    const child = spawn(
      process.execPath,
      [
        start.entry ?? CUSTOS_CLI,
        'escrow',
        'serve',
        '--key-file',
        member.keyFile,
        '--chain',
        options.chainUrl,
        '--poll-ms',
        String(options.pollMs),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...start.env } },
    );
    // One file, two pipes: neither may end it (the other's last lines, such as a crash
    // point's, would be lost); it ends when the process's streams have closed.
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.once('close', () => log.end());
    member.process = child;
  };
  const stopMember = async (member: DevEscrowMember, signal: NodeJS.Signals = 'SIGTERM') => {
    const child = member.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  };
  return {
    members,
    threshold: options.threshold,
    startMember,
    stopMember,
    async stop() {
      await Promise.all(members.map((m) => stopMember(m)));
    },
  };
}
