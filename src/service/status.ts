import type { ApiPromise } from '@polkadot/api';
import { providerEndpoint } from '../owner/providers.js';

/** What `custos status` reports about one TSS account. */
export interface NodeStatus {
  account: string;
  registered: boolean;
  incarnation: number | null;
  lastAttestedAt: number | null;
  epoch: number | null;
  confirmedEpoch: number | null;
  confirmedStoreVersion: string | null;
  providers: { account: string; endpoint: string | null; holdsConfirmedShare: boolean | null }[];
}

/** Reads the account's chain state and asks each provider whether it holds our share. */
export async function nodeStatus(api: ApiPromise, account: string): Promise<NodeStatus> {
  const registered = (await api.query.registry.tssOperators(account)).isSome;
  const record = await api.query.attestation.attestations(account);
  const assignment = await api.query.backups.assignments(account);
  const a = assignment.isSome ? assignment.unwrap() : undefined;
  const providers = await Promise.all(
    (a?.providers ?? []).map(async (p) => {
      const target = await providerEndpoint(api, p.toString());
      let holds: boolean | null = null;
      if (target && a) {
        try {
          const res = await fetch(`${target.endpoint}/v1/backup-provider/holdings/${account}`, {
            signal: AbortSignal.timeout(3000),
          });
          const body = (await res.json()) as { epochs?: number[] };
          holds = body.epochs?.includes(a.confirmedEpoch.toNumber()) ?? false;
        } catch {
          holds = null;
        }
      }
      return {
        account: p.toString(),
        endpoint: target?.endpoint ?? null,
        holdsConfirmedShare: holds,
      };
    }),
  );
  return {
    account,
    registered,
    incarnation: record.isSome ? record.unwrap().incarnation.toNumber() : null,
    lastAttestedAt: record.isSome ? record.unwrap().attestedAt.toNumber() : null,
    epoch: a ? a.epoch.toNumber() : null,
    confirmedEpoch: a ? a.confirmedEpoch.toNumber() : null,
    confirmedStoreVersion: a ? a.confirmedStoreVersion.toString() : null,
    providers,
  };
}

/** A readable rendering of {@link NodeStatus}. */
export function renderStatus(s: NodeStatus): string {
  const lines = [
    `account            ${s.account}`,
    `registered         ${s.registered ? 'yes' : 'no'}`,
    `incarnation        ${s.incarnation ?? '-'} (attested at block ${s.lastAttestedAt ?? '-'})`,
    `epoch              ${s.epoch ?? '-'} (confirmed ${s.confirmedEpoch ?? '-'}, store version ${s.confirmedStoreVersion ?? '-'})`,
    'providers',
    ...s.providers.map(
      (p) =>
        `  ${p.account}  ${p.endpoint ?? '(unregistered)'}  ${p.holdsConfirmedShare === null ? 'unreachable' : p.holdsConfirmedShare ? 'holds our share' : 'no share'}`,
    ),
  ];
  return lines.join('\n');
}
