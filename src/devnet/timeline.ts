import type { DevNetwork, DevNode } from './network.js';

/** One step of a restart, with wall time since the kill and the chain's best block. */
export interface TimelineStep {
  step: string;
  ms: number;
  block: number;
}

/**
 * Waits until `node` has a confirmed backup, kills it with SIGKILL, restarts it, and
 * records when the chain shows each step of its recovery: restart attested, KEK rotated
 * and confirmed (a new confirmed epoch). Polls every 100 ms; gives up after `deadlineMs`.
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
      if (Date.now() > end) throw new Error(`restart of ${node.name}: timed out`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const assignment = async () => (await api.query.backups.assignments(node.account!)).unwrap();
  const confirmed = await poll(async () =>
    (await assignment()).confirmedEpoch.toNumber() > 0 ? await assignment() : undefined,
  );
  const incarnation = (await api.query.attestation.attestations(node.account!))
    .unwrap()
    .incarnation.toNumber();
  const steps: TimelineStep[] = [];
  const t0 = Date.now();
  const mark = async (step: string) =>
    steps.push({ step, ms: Date.now() - t0, block: await best() });
  await net.killNode(node, 'SIGKILL');
  await mark('killed (SIGKILL)');
  net.startNode(node);
  await mark('restarted');
  await poll(async () =>
    (await api.query.attestation.attestations(node.account!)).unwrap().incarnation.toNumber() >
    incarnation
      ? true
      : undefined,
  );
  await mark('restart attested on chain');
  await poll(async () =>
    (await assignment()).confirmedEpoch.toNumber() > confirmed.confirmedEpoch.toNumber()
      ? true
      : undefined,
  );
  await mark('new KEK backed up (ready)');
  return steps;
}
