/** Helpers for tests that drive a devnet of companion processes. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiPromise } from '@polkadot/api';
import { CUSTOS_CLI } from '../../tools/build/compiled.js';
import type { DevNode } from '../../tools/devnet/network.js';
import { freePort } from '../../tools/devnet/ports.js';

/**
 * Polls `check` every 300 ms until it returns a value (errors count as "not yet"). The
 * deadline only guards against a hang; tests never assert on how long it took.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  deadlineMs = 240_000,
): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** A request to a node's local secret API, with its bearer token. */
export function secretApi(node: DevNode, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${node.secretApiPort}/v1/secrets${path}`, {
    ...init,
    headers: { authorization: `Bearer ${node.secretApiToken}`, 'content-type': 'application/json' },
  });
}

/** Exit of a node's current process: its code, or the signal that killed it. */
export async function exited(
  node: DevNode,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const p = node.process!;
  try {
    return await waitFor(`${node.name} to exit`, async () =>
      p.exitCode !== null || p.signalCode !== null
        ? { code: p.exitCode, signal: p.signalCode }
        : undefined,
    );
  } catch (error) {
    // The test's work dir is removed afterwards: keep what the node said in the failure.
    throw new Error(`${(error as Error).message}; end of its log:\n${logTail(node, 40)}`);
  }
}

/** Everything the node's `custos start` processes wrote (stdout and stderr), so far. */
export function startLog(node: DevNode): string {
  return readFileSync(join(node.dataDir, 'start.log'), 'utf8');
}

/** The last `lines` lines of a node's `start.log`, or a note that there is none. */
export function logTail(node: DevNode, lines: number): string {
  try {
    return startLog(node).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no start.log)';
  }
}

/** Stores `value` under `name` through the node's secret API; returns the store version. */
export async function putSecret(node: DevNode, name: string, value: Uint8Array): Promise<number> {
  const res = await secretApi(node, `/${name}`, {
    method: 'PUT',
    body: JSON.stringify({ value: Buffer.from(value).toString('base64') }),
  });
  if (res.status !== 200) throw new Error(`PUT ${name} on ${node.name}: ${res.status}`);
  return ((await res.json()) as { storeVersion: number }).storeVersion;
}

/** Reads `name` through the node's secret API, or undefined (not ready, or absent). */
export async function readSecret(node: DevNode, name: string): Promise<Buffer | undefined> {
  const res = await secretApi(node, `/${name}`).catch(() => undefined);
  if (res === undefined || res.status !== 200) return undefined;
  return Buffer.from(((await res.json()) as { value: string }).value, 'base64');
}

/**
 * Waits until `node`'s latest incarnation is settled: the chain confirmed an epoch after
 * that incarnation's attestation with nothing pending, and the secret API answers.
 */
export async function settled(api: ApiPromise, node: DevNode, deadlineMs?: number): Promise<void> {
  await waitForNode(
    api,
    node,
    `${node.name} settled`,
    async () => {
      const record = (await api.query.attestation.attestations(node.account!)).unwrap();
      const a = (await api.query.backups.assignments(node.account!)).unwrap();
      if (a.epoch.toNumber() !== a.confirmedEpoch.toNumber()) return undefined;
      if (a.confirmedAt.toNumber() < record.attestedAt.toNumber()) return undefined;
      const res = await secretApi(node, '/custos-probe');
      return res.status === 404 ? true : undefined;
    },
    deadlineMs,
  );
}

/** {@link waitFor} on `node`; a timeout names the node's state (see {@link stateOf}). */
async function waitForNode<T>(
  api: ApiPromise,
  node: DevNode,
  what: string,
  check: () => Promise<T | undefined>,
  deadlineMs?: number,
): Promise<T> {
  try {
    return await waitFor(what, check, deadlineMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}; ${await stateOf(api, node)}`);
  }
}

/**
 * What a failed wait needs to be understood after the work dir is gone: whether the node's
 * process is still running, its attestation and assignment records on chain, and the end
 * of its log.
 */
async function stateOf(api: ApiPromise, node: DevNode): Promise<string> {
  // The chain may be what failed: its answer is waited for a few seconds only.
  const unanswered = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('no answer within 5 s')), 5_000).unref(),
  );
  const records = async () =>
    Promise.all([
      api.query.attestation.attestations(node.account!),
      api.query.backups.assignments(node.account!),
    ]);
  const chain = await Promise.race([records(), unanswered]).then(
    ([record, assignment]) =>
      `attestation ${JSON.stringify(record.toHuman())}, assignment ${JSON.stringify(assignment.toHuman())}`,
    (e: unknown) => `chain state unreadable (${(e as Error).message})`,
  );
  const p = node.process;
  const process = !p
    ? 'no process started'
    : p.exitCode !== null || p.signalCode !== null
      ? `its process exited (code ${p.exitCode}, signal ${p.signalCode})`
      : 'its process is running';
  return `${process}; ${chain}; end of its log:\n${logTail(node, 60)}`;
}

/**
 * Waits until every provider assigned to `node` holds a share of its confirmed epoch
 * (nothing pending) and returns their accounts. An owner may first confirm with only t
 * holders (a provider still starting) and top up later with a fresh epoch; tests that
 * reason about "the holders" read them after this, so that no top-up lands midway.
 */
export async function fullyBackedUp(
  api: ApiPromise,
  node: DevNode,
  deadlineMs?: number,
): Promise<string[]> {
  return waitFor(
    `${node.name} backed up to every assigned provider`,
    async () => {
      const a = (await api.query.backups.assignments(node.account!)).unwrap();
      const all =
        a.epoch.eq(a.confirmedEpoch) &&
        a.providers.length === a.confirmedProviders.length &&
        a.providers.every((p) => a.confirmedProviders.some((c) => c.eq(p)));
      return all ? a.confirmedProviders.map((p) => p.toString()) : undefined;
    },
    deadlineMs,
  );
}

/**
 * A second instance of `node`'s account, as a host that copies the data directory would
 * start it: the data dir copied to `copyDir`, free ports of its own (not derived from the
 * original's, which may belong to another process), and `env` on top. Not started.
 */
export async function copyOfNode(
  node: DevNode,
  copyDir: string,
  env: NodeJS.ProcessEnv = {},
): Promise<DevNode> {
  cpSync(node.dataDir, copyDir, { recursive: true });
  const [providerPort, secretApiPort] = [await freePort(), await freePort()];
  return {
    ...node,
    dataDir: copyDir,
    providerPort,
    secretApiPort,
    process: undefined,
    env: {
      ...node.env,
      CUSTOS_DATA_DIR: copyDir,
      CUSTOS_PROVIDER_PORT: String(providerPort),
      CUSTOS_SECRET_API_PORT: String(secretApiPort),
      ...env,
    },
  };
}

/**
 * SHA-256 over a node's sealed store files (names and bytes, LMDB's lock file left out):
 * equal digests mean the store was not touched.
 */
export function storeDigest(node: DevNode): string {
  const dir = join(node.dataDir, 'store');
  const hash = createHash('sha256');
  for (const f of readdirSync(dir).sort()) {
    if (f.endsWith('-lock')) continue; // LMDB's reader table, not data
    hash.update(f).update(readFileSync(join(dir, f)));
  }
  return hash.digest('hex');
}

/**
 * Waits until `node`'s latest incarnation is settled in finalized state (an epoch
 * confirmed after its attestation, nothing pending) and its store is open; returns the
 * finalized assignment.
 */
export async function settledFinalized(api: ApiPromise, node: DevNode, deadlineMs?: number) {
  return waitForNode(
    api,
    node,
    `${node.name} settled (finalized)`,
    async () => {
      const at = await api.at(await api.rpc.chain.getFinalizedHead());
      const record = (await at.query.attestation.attestations(node.account!)).unwrap();
      const a = (await at.query.backups.assignments(node.account!)).unwrap();
      if (a.epoch.toNumber() !== a.confirmedEpoch.toNumber() || a.confirmedEpoch.toNumber() === 0)
        return undefined;
      if (a.confirmedAt.toNumber() < record.attestedAt.toNumber()) return undefined;
      const probe = await secretApi(node, '/custos-probe');
      return probe.status === 404 ? a : undefined;
    },
    deadlineMs,
  );
}

/**
 * Once each node of `newer` has a cold request for its latest attested incarnation, newer
 * than the incarnation given for it, those requests as `(owner, incarnation)`, ready for
 * `backups.approve_cold_recovery`.
 */
export function coldRequestsAfter(
  api: ApiPromise,
  newer: Map<DevNode, number>,
  deadlineMs = 240_000,
): Promise<[string, number][]> {
  return waitFor(
    'a new cold request from each companion',
    async () => {
      const found: [string, number][] = [];
      for (const [node, than] of newer) {
        const request = await api.query.backups.coldRequests(node.account!);
        if (request.isNone) return undefined;
        const incarnation = request.unwrap().incarnation.toNumber();
        const latest = (await api.query.attestation.attestations(node.account!))
          .unwrap()
          .incarnation.toNumber();
        if (incarnation <= than || incarnation !== latest) return undefined;
        found.push([node.account!, incarnation]);
      }
      return found;
    },
    deadlineMs,
  );
}

/**
 * Runs the compiled `custos` CLI with `args` and only `PATH` plus `env` in its
 * environment (so an offline step sees no chain endpoint), for at most 2 minutes.
 */
export function runCustos(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CUSTOS_CLI, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({
          status: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}
