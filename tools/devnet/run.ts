/**
 * `npm run devnet`: the whole dev system on 127.0.0.1: a chain hosting the committed
 * runtime, N companions (default 6; `--nodes N`), each with its own data dir under
 * .devnet/ and mock quotes, registered and backed up, and the indexer (embedded
 * PostgreSQL, SubQuery node, GraphQL, and the dashboard on it; `--no-indexer` leaves them
 * out); prints a live status
 * table. `--scenario restart` then kills one companion with SIGKILL, restarts it and
 * prints the recovery timeline. `--escrow M` adds an escrow committee of M member processes
 * (`custos escrow serve`, a majority threshold) before the companions start;
 * `--scenario outage` (needs `--escrow`) SIGKILLs every companion at once, restarts them,
 * approves their cold recovery requests in one governance call and prints when each is
 * back. Ctrl-C stops everything.
 *
 * The chain (`--chain`): `chopsticks` (default: one process, every block final, a block
 * every `--block-ms`, default 2000) or `validators`: four `custos-node` validators with
 * Aura and GRANDPA (build the binary first with `npm run node:build`), a block every
 * `--block-ms` (default 6000), companions spread over the four nodes, the indexer on
 * Alice's node.
 *
 *   npm run devnet [-- --chain validators] [-- --block-ms 1000] [-- --nodes 6]
 *                  [-- --scenario restart|outage] [-- --escrow 3] [-- --no-indexer]
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { graphqlReader } from '../../src/dashboard/data.js';
import { type RunningDashboard, startDashboard } from '../../src/dashboard/server.js';
import { untraversableAncestor } from '../indexer/postgres.js';
import { type RunningIndexer, startIndexer } from '../indexer/start.js';
import { type DevNetwork, startNetwork } from './network.js';
import { StatusPrinter } from './statusPrinter.js';
import { outageTimeline, restartTimeline } from './timeline.js';
import { findNodeBinary } from './validators.js';

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '6' },
    scenario: { type: 'string' },
    chain: { type: 'string', default: 'chopsticks' },
    'block-ms': { type: 'string' },
    'no-indexer': { type: 'boolean', default: false },
    escrow: { type: 'string' },
  },
});
const escrowMembers = values.escrow === undefined ? undefined : Number(values.escrow);
if (
  escrowMembers !== undefined &&
  (!Number.isInteger(escrowMembers) || escrowMembers < 2 || escrowMembers > 16)
) {
  console.error(`--escrow must be 2..16 members, got "${values.escrow}"`);
  process.exit(2);
}
const size = Number(values.nodes);
if (!Number.isInteger(size) || size < 4 || size > 6) {
  console.error(
    `--nodes must be 4..6 (n = 3 providers need at least 4 validators), got "${values.nodes}"`,
  );
  process.exit(2);
}
if (
  values.scenario !== undefined &&
  values.scenario !== 'restart' &&
  values.scenario !== 'outage'
) {
  console.error(`--scenario must be "restart" or "outage", got "${values.scenario}"`);
  process.exit(2);
}
if (values.scenario === 'outage' && escrowMembers === undefined) {
  console.error('--scenario outage needs an escrow committee: add --escrow 3');
  process.exit(2);
}

if (values.chain !== 'chopsticks' && values.chain !== 'validators') {
  console.error(`--chain must be "chopsticks" or "validators", got "${values.chain}"`);
  process.exit(2);
}
const onValidators = values.chain === 'validators';
const blockMs = Number(values['block-ms'] ?? (onValidators ? 6000 : 2000));
if (!Number.isInteger(blockMs) || blockMs < 500 || blockMs > 60_000) {
  console.error(`--block-ms must be an integer in 500..60000, got "${values['block-ms']}"`);
  process.exit(2);
}
const binary = onValidators ? findNodeBinary() : undefined;
if (onValidators && !binary) {
  console.error(
    '--chain validators needs the custos-node binary: run `npm run node:build` first (or set CUSTOS_NODE_BIN)',
  );
  process.exit(2);
}

const work = join(process.cwd(), '.devnet');
rmSync(work, { recursive: true, force: true });
console.log(
  `starting ${onValidators ? `four validators (${binary})` : 'Chopsticks'} with ${blockMs} ms blocks and ${size} companions (logs in ${work}/) …`,
);
const net: DevNetwork = await startNetwork({
  size,
  workDir: work,
  blockMs,
  validators: binary ? { binary } : undefined,
  escrow:
    escrowMembers === undefined
      ? undefined
      : { members: escrowMembers, threshold: Math.floor(escrowMembers / 2) + 1 },
});
if (net.escrow)
  console.log(
    `escrow committee: ${net.escrow.threshold} of ${net.escrow.members.length} members (keys and logs in ${work}/escrow/)`,
  );
if (net.validators) {
  for (const v of net.validators.validators) console.log(`validator ${v.name} at ${v.endpoint}`);
} else console.log(`chain at ${net.chain.endpoint}`);
let indexer: RunningIndexer | undefined;
let dashboard: RunningDashboard | undefined;
// Run as root, embedded PostgreSQL runs as the "postgres" user, which must be able to enter
// the work dir's parents; a checkout under /root is not, so the devnet's (throw-away)
// indexer data then goes to a fresh directory under the system temp dir.
let indexerDir = join(work, 'indexer');
if (!values['no-indexer']) {
  if (process.getuid?.() === 0 && untraversableAncestor(indexerDir)) {
    indexerDir = mkdtempSync(join(tmpdir(), 'custos-devnet-indexer-'));
    chmodSync(indexerDir, 0o755);
  }
  console.log(`starting the indexer (logs in ${indexerDir}/) …`);
  try {
    indexer = await startIndexer({ endpoint: net.chain.endpoint, workDir: indexerDir });
    console.log(
      `GraphQL at ${indexer.graphqlUrl}  (npm run custos -- audit --graphql ${indexer.graphqlUrl})`,
    );
    dashboard = await startDashboard({
      read: graphqlReader(indexer.graphqlUrl),
      logger: pino({ level: 'warn', base: { role: 'dashboard' } }),
    });
    console.log(
      `dashboard at ${dashboard.url}  (npm run dashboard -- --graphql ${indexer.graphqlUrl})`,
    );
  } catch (error) {
    await indexer?.stop();
    await net.stop();
    if (!indexerDir.startsWith(work)) rmSync(indexerDir, { recursive: true, force: true });
    console.error(`the indexer did not start: ${(error as Error).message}`);
    process.exit(1);
  }
}

/** Indexed height and open findings, or why they are not known. */
async function indexerLine(): Promise<string> {
  if (!indexer) return 'indexer off';
  try {
    const data = await indexer.query<{
      _metadata: { lastProcessedHeight: number | null };
      misbehaviours: { totalCount: number };
    }>(
      '{ _metadata { lastProcessedHeight } misbehaviours(filter: { resolved: { equalTo: false } }) { totalCount } }',
    );
    return `indexed to ${data._metadata.lastProcessedHeight ?? 0}, open findings ${data.misbehaviours.totalCount}`;
  } catch (error) {
    return `indexer: ${(error as Error).message}`;
  }
}

async function table(): Promise<string> {
  const head = (await net.api.rpc.chain.getHeader()).number.toNumber();
  const finalized = (
    await net.api.rpc.chain.getHeader(await net.api.rpc.chain.getFinalizedHead())
  ).number.toNumber();
  const rows = await Promise.all(
    net.nodes.map(async (n) => {
      const a = await net.api.query.backups.assignments(n.account!);
      const r = await net.api.query.attestation.attestations(n.account!);
      const s = a.isSome ? a.unwrap() : undefined;
      return [
        n.name.padEnd(8),
        String(n.providerPort).padEnd(6),
        String(r.isSome ? r.unwrap().incarnation.toNumber() : '-').padEnd(4),
        `${s?.epoch.toNumber() ?? '-'}/${s?.confirmedEpoch.toNumber() ?? '-'}`.padEnd(8),
        String(s?.confirmedProviders.length ?? 0).padEnd(8),
        n.process && n.process.exitCode === null && n.process.signalCode === null
          ? 'running'
          : 'stopped',
      ].join(' ');
    }),
  );
  return [
    `block ${head} (finalized ${finalized}); ${await indexerLine()}`,
    'node     port   inc  epoch    holders  process',
    ...rows,
  ].join('\n');
}

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  clearInterval(ticker);
  await dashboard?.stop();
  await indexer?.stop();
  if (!indexerDir.startsWith(work)) rmSync(indexerDir, { recursive: true, force: true });
  await net.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
const status = new StatusPrinter(process.stdout);
const ticker = setInterval(async () => {
  if (!values.scenario) status.print(await table());
}, 5000);

if (values.scenario === 'restart') {
  const timeline = await restartTimeline(net, net.nodes[0]!);
  console.log(`\n${await table()}\n\nrestart of ${net.nodes[0]!.name}:`);
  for (const step of timeline)
    console.log(
      `  ${step.step.padEnd(28)} +${String(step.ms).padStart(6)} ms  block ${step.block}`,
    );
  console.log('\nCtrl-C stops the devnet.');
}

if (values.scenario === 'outage') {
  const timeline = await outageTimeline(net);
  console.log(`\n${await table()}\n\nfull outage (every companion SIGKILLed at once):`);
  for (const step of timeline)
    console.log(
      `  ${step.step.padEnd(40)} +${String(step.ms).padStart(6)} ms  block ${step.block}`,
    );
  console.log('\nCtrl-C stops the devnet.');
}
