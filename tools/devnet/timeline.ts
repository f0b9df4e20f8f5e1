import type { DevNetwork, DevNode } from './network.js';

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
