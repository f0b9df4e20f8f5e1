import { asDevSudo } from './escrow.js';
import { DEV_OPERATORS, type DevNetwork, type DevNode } from './network.js';

/** One step of a restart, with wall time since the kill and the chain's best block. */
export interface TimelineStep {
  step: string;
  ms: number;
  block: number;
}

/** Names of the steps {@link restartTimeline} records, in order. */
export const RESTART_STEPS = {
  killed: 'killed (SIGKILL)',
  restarted: 'restarted',
  attested: 'restart attested on chain',
  finalized: 'attestation finalized',
  open: 'store open (secrets served)',
  ready: 'new KEK backed up (ready)',
} as const;

/**
 * Waits until `node` has a finalized confirmed backup, kills it with SIGKILL, restarts it, and
 * records when each step of its recovery shows: restart attested in the best block, that
 * attestation finalized, the store open (its secret API answers), KEK rotated and
 * confirmed (a new confirmed epoch). Polls every 100 ms; gives up after `deadlineMs`.
 * Steps that show at the same poll keep their order.
 */
export async function restartTimeline(
  net: DevNetwork,
  node: DevNode,
  deadlineMs = 240_000,
): Promise<TimelineStep[]> {
  const { api } = net;
  const best = async () => (await api.rpc.chain.getHeader()).number.toNumber();
  const poll = async <T>(check: () => Promise<T | undefined>): Promise<T> => {
    const end = Date.now() + deadlineMs;
    for (;;) {
      const v = await check().catch(() => undefined);
      if (v !== undefined) return v;
      if (Date.now() > end)
        throw new Error(
          `restart of ${node.name}: timed out after step "${steps.at(-1)?.step}"; see ${node.dataDir}/start.log`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const assignment = async () => (await api.query.backups.assignments(node.account!)).unwrap();
  // A confirmation counts once final: until then a restart is still a first start (the
  // node takes its KEK from the init handoff and attests nothing).
  const confirmed = await poll(async () => {
    const final = await api.at(await api.rpc.chain.getFinalizedHead());
    const a = (await final.query.backups.assignments(node.account!)).unwrap();
    return a.confirmedEpoch.toNumber() > 0 ? a : undefined;
  });
  const incarnation = (await api.query.attestation.attestations(node.account!))
    .unwrap()
    .incarnation.toNumber();
  const steps: TimelineStep[] = [];
  const t0 = Date.now();
  const mark = async (step: string) =>
    steps.push({ step, ms: Date.now() - t0, block: await best() });
  await net.killNode(node, 'SIGKILL');
  await mark(RESTART_STEPS.killed);
  net.startNode(node);
  await mark(RESTART_STEPS.restarted);
  const attestedAt = async (at?: string) => {
    const chain = at ? await api.at(at) : api;
    const record = await chain.query.attestation.attestations(node.account!);
    return record.isSome && record.unwrap().incarnation.toNumber() > incarnation;
  };
  await poll(async () => ((await attestedAt()) ? true : undefined));
  await mark(RESTART_STEPS.attested);
  await poll(async () =>
    (await attestedAt((await api.rpc.chain.getFinalizedHead()).toHex())) ? true : undefined,
  );
  await mark(RESTART_STEPS.finalized);
  await poll(async () => {
    const res = await fetch(
      `http://127.0.0.1:${node.secretApiPort}/v1/secrets/custos-timeline-probe`,
      { headers: { authorization: `Bearer ${node.secretApiToken}` } },
    );
    // 404: the store is open and has no such secret (before that the API is not up).
    return res.status === 404 ? true : undefined;
  });
  await mark(RESTART_STEPS.open);
  await poll(async () =>
    (await assignment()).confirmedEpoch.toNumber() > confirmed.confirmedEpoch.toNumber()
      ? true
      : undefined,
  );
  await mark(RESTART_STEPS.ready);
  return steps;
}

/**
 * The `--scenario outage` of the devnet: waits until every companion has a finalized
 * confirmed backup, SIGKILLs all of them at once, restarts them, waits for each one's cold
 * recovery request, approves them all in one governance (sudo) call, and records when the
 * last request showed, the approval, and when every store is open and every companion is
 * backed up again (its request closed). Polls every 100 ms; gives up after `deadlineMs`.
 */
export async function outageTimeline(
  net: DevNetwork,
  deadlineMs = 300_000,
): Promise<TimelineStep[]> {
  const { api } = net;
  const best = async () => (await api.rpc.chain.getHeader()).number.toNumber();
  const poll = async <T>(what: string, check: () => Promise<T | undefined>): Promise<T> => {
    const end = Date.now() + deadlineMs;
    for (;;) {
      const v = await check().catch(() => undefined);
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`outage: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  for (const node of net.nodes)
    await poll(`${node.name}'s first backup`, async () => {
      const final = await api.at(await api.rpc.chain.getFinalizedHead());
      const a = (await final.query.backups.assignments(node.account!)).unwrap();
      return a.confirmedEpoch.toNumber() > 0 && a.epoch.toNumber() === a.confirmedEpoch.toNumber()
        ? true
        : undefined;
    });
  const steps: TimelineStep[] = [];
  const t0 = Date.now();
  const mark = async (step: string) =>
    steps.push({ step, ms: Date.now() - t0, block: await best() });
  await Promise.all(net.nodes.map((node) => net.killNode(node, 'SIGKILL')));
  await mark(`${net.nodes.length} companions killed (SIGKILL)`);
  for (const node of net.nodes) net.startNode(node);
  const requests = await poll('every cold recovery request', async () => {
    const found: [string, number][] = [];
    for (const node of net.nodes) {
      const r = await api.query.backups.coldRequests(node.account!);
      const record = (await api.query.attestation.attestations(node.account!)).unwrap();
      if (r.isNone || r.unwrap().incarnation.toNumber() !== record.incarnation.toNumber())
        return undefined;
      found.push([node.account!, r.unwrap().incarnation.toNumber()]);
    }
    return found;
  });
  await mark('every cold recovery requested');
  const approval = await asDevSudo(
    api,
    api.tx.backups.approveColdRecovery(requests),
    DEV_OPERATORS.map((o) => o.uri),
  );
  const skipped = approval.events.filter(
    (r) => r.event.section === 'backups' && r.event.method === 'ColdApprovalSkipped',
  ).length;
  await mark(
    skipped === 0
      ? 'approved in one governance call'
      : `approved in one governance call (${skipped} stale entries skipped)`,
  );
  for (const node of net.nodes)
    await poll(`${node.name}'s store`, async () => {
      const res = await fetch(
        `http://127.0.0.1:${node.secretApiPort}/v1/secrets/custos-timeline-probe`,
        {
          headers: { authorization: `Bearer ${node.secretApiToken}` },
        },
      );
      return res.status === 404 ? true : undefined;
    });
  await mark('every store open (secrets served)');
  for (const node of net.nodes)
    await poll(`${node.name} backed up again`, async () =>
      (await api.query.backups.coldRequests(node.account!)).isNone ? true : undefined,
    );
  await mark('every companion backed up again');
  return steps;
}
