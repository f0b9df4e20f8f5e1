/**
 * A mass restart on the real network: N registered validators' TSS servers all restart
 * at once and submit their fee-free restart attestations together (issue 12). Four
 * `custos-node` validators (`npm run node:build`); the N operator accounts are funded at
 * genesis (a `balances` patch of the run's chain spec), each registers one TSS account
 * with a Register-context dev quote (in parallel batches, spread over the four nodes);
 * once they are all in the active set (and the backups pallet assigned their providers)
 * and `MinRestartInterval` blocks passed, all N attestations (incarnation 1, a fresh
 * recovery root each, bound to the finalized head, signed by each account's restart key)
 * are built first, then submitted at once, round robin over the four nodes' RPC endpoints.
 *
 * Reports: in how many blocks they were included and which (first/last, canonical chain),
 * each attestation's wait from submission to the first best block holding it and to
 * finality (median, p95, max), how many the pools refused and why (pallet error), the
 * attestations and weight (normal class, of its maximum) of each block, and checks on
 * chain that every account's record is at incarnation 1. Exits 1 if any attestation was
 * refused, dropped, failed or is missing. Every node it started is stopped, also on
 * failure (their logs are kept then, path printed).
 *
 *   LOG_LEVEL=warn npx tsx bench/chain/massRestart.ts [--accounts 300] [--block-ms 6000]
 *     [--session-length 10] [--batch 100] [--bad 0]
 *
 * `--bad K`: a control; the last K accounts' attestations carry a corrupted restart-key
 * signature, which the pools must refuse (`attestation.BadRestartSignature`), and they are
 * not counted in the figures.
 *
 * `MaxValidators` (runtime constant, 1,000) bounds N; nothing else in the runtime caps it
 * below that (each operator registers its own validator). Smoke run: `--accounts 12
 * --block-ms 1000` takes about 30 s; N=300 at 6 s blocks roughly 5–10 minutes (mostly
 * block time: registration batches to finality, the next session, the reassignments).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { Keyring } from '@polkadot/keyring';
import type { ISubmittableResult } from '@polkadot/types/types';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, randomAsU8a } from '@polkadot/util-crypto';
import { connectChain } from '../../src/chain/connect.js';
import { decodePoolRejection } from '../../src/chain/errors.js';
import {
  buildRestartAttestation,
  restartSigningPayload,
} from '../../src/chain/submitRestartAttestation.js';
import { TestValidator } from '../../test/harness/validator.js';
import {
  findNodeBinary,
  startValidators,
  type ValidatorNetwork,
} from '../../tools/devnet/validators.js';
import { quantile } from '../quantile.js';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '300' },
    'block-ms': { type: 'string', default: '6000' },
    'session-length': { type: 'string', default: '10' },
    batch: { type: 'string', default: '100' },
    bad: { type: 'string', default: '0' },
  },
});
const N = Number(values.accounts);
const blockMs = Number(values['block-ms']);
const sessionLength = Number(values['session-length']);
const batchSize = Number(values.batch);
/** A control: the last `bad` accounts send a corrupted signature, which every pool must refuse. */
const bad = Number(values.bad);
if (!(N > bad && bad >= 0)) {
  console.error('--bad must be below --accounts');
  process.exit(2);
}
const binary = findNodeBinary();
if (!binary) {
  console.error('needs the custos-node binary: run `npm run node:build`');
  process.exit(2);
}
const t0 = Date.now();
const log = (msg: string) => console.error(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One submitted extrinsic, as the watchers saw it. */
interface Tracked {
  submittedAt: number;
  /** The pool answered the submission (accepted or refused). */
  answeredAt?: number;
  refused?: string;
  /** A later pool status that is not inclusion (Invalid, Dropped, Usurped, …). */
  lost?: string;
  /** First best block (on node 0) that held it: when its header arrived, and its number. */
  bestAt?: number;
  bestIn?: number;
  /** The canonical (finalized) block that holds it, its index there, and when it was final. */
  finalIn?: number;
  finalHash?: string;
  finalIndex?: number;
  finalizedAt?: number;
}

await cryptoWaitReady();
const keyring = new Keyring({ type: 'sr25519' });
const UNIT = 10n ** 12n;
// 1,000 units: the 100-unit bond and the registration fee. < 2^53, so a JSON number.
const endowment = Number(1_000n * UNIT);
const dev = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map(
  (n) => keyring.addFromUri(`//${n}`).address,
);
const validators = Array.from(
  { length: N },
  (_, i) => new TestValidator(keyring.addFromUri(`//custos-bench-operator-${i}`)),
);
log(`${N} operators, TSS and restart keys generated`);

const work = mkdtempSync(join(tmpdir(), 'custos-bench-mass-restart-'));
let net: ValidatorNetwork | undefined;
const apis: ApiPromise[] = [];
const unsubs: (() => void)[] = [];
let ok = false;
let stopping = false;
const cleanup = async () => {
  if (stopping) return;
  stopping = true;
  for (const u of unsubs) u();
  await Promise.all(apis.map((a) => a.disconnect().catch(() => undefined)));
  await net?.stop();
  if (ok) rmSync(work, { recursive: true, force: true });
  else console.error(`node logs kept in ${work}`);
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    ok = false;
    void cleanup().finally(() => process.exit(130));
  });
}

const tracked = new Map<string, Tracked>();
let finalizedNumber = 0;
/** Canonical blocks walked so far: number → extrinsic hashes (tracked ones only). */
const canonical = new Map<number, { hash: string; ours: string[] }>();

/** Records the blocks between the last finalized one seen and `upTo`, canonical ones. */
async function walkFinalized(api: ApiPromise, upTo: number, at: number) {
  for (let n = finalizedNumber + 1; n <= upTo; n++) {
    const hash = (await api.rpc.chain.getBlockHash(n)).toHex();
    const block = await api.rpc.chain.getBlock(hash);
    const ours: string[] = [];
    block.block.extrinsics.forEach((ext, index) => {
      const h = ext.hash.toHex();
      const entry = tracked.get(h);
      if (!entry || entry.finalIn !== undefined) return;
      entry.finalIn = n;
      entry.finalHash = hash;
      entry.finalIndex = index;
      entry.finalizedAt = at;
      ours.push(h);
    });
    canonical.set(n, { hash, ours });
    finalizedNumber = n;
  }
}

/** Submits `tx` (signed already, or unsigned) and tracks it; resolves once the pool answered. */
async function submit(api: ApiPromise, tx: SubmittableExtrinsic<'promise'>, pallet: string) {
  const entry: Tracked = { submittedAt: Date.now() };
  tracked.set(tx.hash.toHex(), entry);
  try {
    const unsub = await tx.send((result: ISubmittableResult) => {
      const { status } = result;
      // Retracted (a reorg) and FinalityTimeout are followed by inclusion elsewhere.
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        if (entry.finalIn === undefined) entry.lost = status.type;
      }
    });
    unsubs.push(unsub);
  } catch (error) {
    const rejection = decodePoolRejection(api, pallet, error);
    entry.refused = rejection.palletError ?? rejection.message;
  }
  entry.answeredAt = Date.now();
  return entry;
}

/** Waits until every entry is final, refused or lost, or `deadlineMs` passed. */
async function waitSettled(entries: Tracked[], deadlineMs: number) {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    if (entries.every((e) => e.finalIn !== undefined || e.refused || e.lost)) return true;
    await sleep(250);
  }
  return false;
}

async function bestNumber(api: ApiPromise) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

async function finalizedBlock(api: ApiPromise) {
  const hash = await api.rpc.chain.getFinalizedHead();
  const header = await api.rpc.chain.getHeader(hash);
  return { number: header.number.toNumber(), hash: hash.toHex() };
}

/** Waits until `cond` holds (checked once per block time), or throws after `blocks` blocks. */
async function waitFor(what: string, blocks: number, cond: () => Promise<boolean>) {
  const end = Date.now() + blocks * blockMs + 30_000;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(Math.min(blockMs, 1000));
  }
}

const fmt = (xs: number[]) =>
  xs.length ? `${quantile(xs, 0.5)} / ${quantile(xs, 0.95)} / ${Math.max(...xs)} ms` : '–';

try {
  net = await startValidators({
    binary,
    workDir: work,
    blockMs,
    sessionLength,
    genesisPatch: {
      balances: {
        balances: [...dev, ...validators.map((v) => v.operator.address)].map((a) => [a, endowment]),
      },
    },
  });
  for (const v of net.validators) apis.push(await connectChain(v.endpoint));
  const api = apis[0]!;
  const maxValidators = api.consts.registry.maxValidators.toNumber();
  if (N > maxValidators)
    throw new Error(`MaxValidators is ${maxValidators}: N=${N} cannot register`);
  const minRestart = api.consts.attestation.minRestartInterval.toNumber();
  const maxQuoteAge = api.consts.attestation.maxQuoteAge.toNumber();
  log(`network up (${net.validators.map((v) => v.endpoint).join(', ')})`);

  unsubs.push(
    (await api.rpc.chain.subscribeNewHeads((header) => {
      const at = Date.now();
      const number = header.number.toNumber();
      void api.rpc.chain.getBlock(header.hash).then(
        (block) => {
          for (const ext of block.block.extrinsics) {
            const entry = tracked.get(ext.hash.toHex());
            if (entry && entry.bestAt === undefined) {
              entry.bestAt = at;
              entry.bestIn = number;
            }
          }
        },
        () => undefined,
      );
    })) as unknown as () => void,
  );
  let walking = Promise.resolve();
  unsubs.push(
    (await api.rpc.chain.subscribeFinalizedHeads((header) => {
      const at = Date.now();
      const n = header.number.toNumber();
      walking = walking.then(() => walkFinalized(api, n, at)).catch(() => undefined);
    })) as unknown as () => void,
  );

  // Registration, in batches bound to the finalized head; retried for whoever is not in.
  const genesisHash = api.genesisHash.toHex();
  let lastRegistration = 0;
  let pending = validators;
  for (let attempt = 1; pending.length && attempt <= 3; attempt++) {
    for (let start = 0; start < pending.length; start += batchSize) {
      const batch = pending.slice(start, start + batchSize);
      const block = await finalizedBlock(api);
      const entries = await Promise.all(
        batch.map(async (v, i) => {
          const nodeApi = apis[(start + i) % apis.length]!;
          const tx = nodeApi.tx.registry.register(
            {
              tssAccount: v.tss.address,
              x25519PublicKey: u8aToHex(v.x25519),
              endpoint: `http://127.0.0.1:${10_000 + start + i}`,
              restartKey: u8aToHex(v.restart.publicKey),
            },
            {
              quote: u8aToHex(v.quote(nodeApi, 'register', block, 0, v.x25519)),
              collateral: 'Dev',
              genesisHash,
              blockNumber: block.number,
              blockHash: block.hash,
            },
          );
          await tx.signAsync(v.operator);
          return await submit(nodeApi, tx, 'Registry');
        }),
      );
      const settled = await waitSettled(entries, (maxQuoteAge + 5) * blockMs);
      const refused = entries.filter((e) => e.refused || e.lost);
      log(
        `registration batch ${start / batchSize + 1} (attempt ${attempt}): ${batch.length} sent, ` +
          `${entries.filter((e) => e.finalIn !== undefined).length} final` +
          `${refused.length ? `, ${refused.length} refused or lost (${refused[0]!.refused ?? refused[0]!.lost})` : ''}` +
          `${settled ? '' : ', timed out'}`,
      );
      for (const e of entries) lastRegistration = Math.max(lastRegistration, e.finalIn ?? 0);
    }
    const registered = await Promise.all(
      pending.map(async (v) => (await api.query.registry.validators(v.operator.address)).isSome),
    );
    pending = pending.filter((_, i) => !registered[i]);
    if (pending.length) log(`${pending.length} not registered; retrying`);
  }
  if (pending.length) throw new Error(`${pending.length} of ${N} could not register`);
  log(`all ${N} registered (last in block ${lastRegistration})`);

  // Everybody active (next session) and provisioned with providers, as on a live chain.
  const tssSet = new Set(validators.map((v) => u8aToHex(v.tss.publicKey)));
  await waitFor('the active set', 3 * sessionLength, async () => {
    const active = await api.query.registry.activeSet();
    const ours = active.filter((a) => tssSet.has(u8aToHex(a.tssAccount.toU8a()))).length;
    return ours === N;
  });
  const provisioned = await (async () => {
    try {
      await waitFor('backups reassignments', 2 * sessionLength, async () => {
        const round = await api.query.backups.round();
        const under = await api.query.backups.counterForUnderProvisioned();
        return round.isNone && under.toNumber() === 0;
      });
      return true;
    } catch {
      return false;
    }
  })();
  const assignments = await api.query.backups.assignments.entries();
  log(
    `all ${N} active; backups: ${assignments.length} owners assigned` +
      `${provisioned ? '' : ' (reassignments still running or under-provisioned)'}`,
  );
  await waitFor('MinRestartInterval', minRestart + 5, async () => {
    return (await finalizedBlock(api)).number >= lastRegistration + minRestart + 1;
  });

  // The mass restart: every attestation built and signed first, then all sent at once.
  const block = await finalizedBlock(api);
  const attestations = validators.map((v, i) => {
    const nodeApi = apis[i % apis.length]!;
    const recovery = randomAsU8a(32);
    const attestation = buildRestartAttestation(nodeApi, {
      tssAccount: v.tss.address,
      incarnation: 1,
      recoveryKeysRoot: recovery,
      quote: v.quote(nodeApi, 'restart', block, 1, recovery),
      genesisHash,
      block,
      restartKey: v.restart,
    });
    const signature = v.restart.sign(restartSigningPayload(attestation.toU8a()));
    const control = i >= N - bad;
    if (control) signature[0] = (signature[0] ?? 0) ^ 1;
    return {
      v,
      nodeApi,
      recovery,
      control,
      tx: nodeApi.tx.attestation.attestRestart(attestation, u8aToHex(signature)),
    };
  });
  const startBlock = await bestNumber(api);
  log(`${N} restart attestations built, bound to finalized block ${block.number}; submitting`);
  const sentAt = Date.now();
  const all = await Promise.all(attestations.map((a) => submit(a.nodeApi, a.tx, 'Attestation')));
  log(`all answered by the pools in ${Math.max(...all.map((r) => r.answeredAt!)) - sentAt} ms`);
  const settled = await waitSettled(all, (maxQuoteAge + 5) * blockMs);
  const results = all.slice(0, N - bad);
  const controls = all.slice(N - bad);
  const good = N - bad;
  await walking;

  // On chain: every account at incarnation 1 with its new recovery root, each included
  // attestation succeeded with RestartAttested.
  const records = await Promise.all(
    attestations.slice(0, good).map(async (a) => {
      const r = await api.query.attestation.attestations(a.v.tss.address);
      return r.isSome ? r.unwrap() : undefined;
    }),
  );
  const atOne = records.filter(
    (r, i) =>
      r?.incarnation.toNumber() === 1 &&
      u8aToHex(r.recoveryKeysRoot.toU8a()) === u8aToHex(attestations[i]!.recovery),
  ).length;
  const blocks = [...canonical.entries()].filter(([, b]) => b.ours.length);
  const ourBlocks = blocks.filter(([, b]) =>
    b.ours.some((h) => attestations.some((a) => a.tx.hash.toHex() === h)),
  );
  let attested = 0;
  let failed = 0;
  let reshares = 0;
  const maxNormal = api.consts.system.blockWeights.perClass.normal.maxTotal
    .unwrap()
    .refTime.toBigInt();
  const maxBlock = api.consts.system.blockWeights.maxBlock.refTime.toBigInt();
  const rows: string[] = [];
  for (const [n, b] of ourBlocks) {
    const at = await api.at(b.hash);
    const events = await at.query.system.events();
    const weight = await at.query.system.blockWeight();
    const indices = new Set(b.ours.map((h) => tracked.get(h)!.finalIndex));
    for (const { event, phase } of events) {
      if (!phase.isApplyExtrinsic || !indices.has(phase.asApplyExtrinsic.toNumber())) continue;
      if (api.events.attestation.RestartAttested.is(event)) attested++;
      if (api.events.backups.ReshareNeeded.is(event)) reshares += event.data.owners.length;
      if (api.events.system.ExtrinsicFailed.is(event)) failed++;
      if (api.events.attestation.AttestationRejected.is(event)) failed++;
    }
    const normal = weight.normal.refTime.toBigInt();
    const total =
      normal + weight.operational.refTime.toBigInt() + weight.mandatory.refTime.toBigInt();
    const pct = (x: bigint, of: bigint) => `${((Number(x) / Number(of)) * 100).toFixed(1)}%`;
    rows.push(
      `| ${n} | ${b.ours.length} | ${(Number(normal) / 1e9).toFixed(0)} ms (${pct(normal, maxNormal)}) | ${(Number(total) / 1e9).toFixed(0)} ms (${pct(total, maxBlock)}) |`,
    );
  }

  const refused = results.filter((r) => r.refused);
  const lost = results.filter((r) => !r.refused && r.lost && r.finalIn === undefined);
  const included = results.filter((r) => r.finalIn !== undefined);
  const missing = good - included.length;
  const reasons = new Map<string, number>();
  for (const r of [...refused, ...lost]) {
    const why = r.refused ?? `pool status ${r.lost}`;
    reasons.set(why, (reasons.get(why) ?? 0) + 1);
  }
  const numbers = included.map((r) => r.finalIn!);
  const first = Math.min(...numbers);
  const last = Math.max(...numbers);
  const toBest = results.filter((r) => r.bestAt).map((r) => r.bestAt! - r.submittedAt);
  const toFinal = included.map((r) => r.finalizedAt! - r.submittedAt);
  const answered = results.map((r) => r.answeredAt! - r.submittedAt);
  const controlReasons = new Map<string, number>();
  for (const r of controls) {
    const why = r.refused ?? (r.finalIn !== undefined ? 'INCLUDED' : `not refused (${r.lost})`);
    controlReasons.set(why, (controlReasons.get(why) ?? 0) + 1);
  }
  const controlsRefused = controls.filter(
    (r) => r.refused === 'attestation.BadRestartSignature',
  ).length;
  const controlRecords = await Promise.all(
    attestations.slice(good).map(async (a) => {
      const r = await api.query.attestation.attestations(a.v.tss.address);
      return r.isSome ? r.unwrap().incarnation.toNumber() : -1;
    }),
  );

  console.log(
    `## Mass restart: ${N} accounts, four custos-node validators, ${blockMs} ms blocks\n`,
  );
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(
    `| attestations built, then submitted at once (round robin over 4 nodes) | ${N}${bad ? ` (${good} valid + ${bad} control with a corrupted signature)` : ''} |`,
  );
  console.log(`| best block when submitted | #${startBlock} |`);
  console.log(
    `| submissions spread (first to last sent) | ${Math.max(...results.map((r) => r.submittedAt)) - sentAt} ms |`,
  );
  console.log(
    `| included (canonical chain) | ${included.length} of ${good}, in ${ourBlocks.length} block(s): #${first} … #${last} (${last - startBlock} block(s) after submission) |`,
  );
  console.log(`| pool answered the submission, median / p95 / max | ${fmt(answered)} |`);
  console.log(`| submission → first best block holding it, median / p95 / max | ${fmt(toBest)} |`);
  console.log(`| submission → finalized, median / p95 / max | ${fmt(toFinal)} |`);
  console.log(
    `| valid ones refused by a pool | ${refused.length}${refused.length ? ` (${[...reasons].map(([k, c]) => `${c}× ${k}`).join(', ')})` : ''} |`,
  );
  console.log(`| dropped or invalidated later | ${lost.length} |`);
  console.log(`| missing (never included) | ${missing}${settled ? '' : ' (timed out)'} |`);
  console.log(`| RestartAttested events / failed in block | ${attested} / ${failed} |`);
  console.log(`| on chain at incarnation 1 with the new recovery root | ${atOne} of ${good} |`);
  if (bad) {
    console.log(
      `| control: refused (${[...controlReasons].map(([k, c]) => `${c}× ${k}`).join(', ')}), still at incarnation 0 | ${controlsRefused} of ${bad}, ${controlRecords.filter((x) => x === 0).length} of ${bad} |`,
    );
  }
  console.log(
    `| backups before the restart | ${assignments.length} owners assigned${provisioned ? '' : ', not all provisioned'} |`,
  );
  console.log(`| owners told to reshare (ReshareNeeded, summed) | ${reshares} |`);
  console.log(
    `\n| block | attestations | normal weight used (of ${(Number(maxNormal) / 1e9).toFixed(0)} ms) | total (of ${(Number(maxBlock) / 1e9).toFixed(0)} ms) |`,
  );
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(row);

  ok =
    refused.length === 0 &&
    lost.length === 0 &&
    missing === 0 &&
    failed === 0 &&
    attested === good &&
    atOne === good &&
    controlsRefused === bad &&
    controlRecords.every((x) => x === 0);
  if (!ok) {
    console.error(
      'FAILED: a valid attestation was refused, lost, failed or is missing, or a control was not refused',
    );
  }
} catch (error) {
  console.error(error);
  ok = false;
} finally {
  const passed = ok;
  await cleanup();
  process.exit(passed ? 0 : 1);
}
