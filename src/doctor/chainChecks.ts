/**
 * The doctor's checks against the chain: finality, the account's registration, its
 * attested measurement, the restart key, the providers of its confirmed epoch and the
 * clock. Each reads finalized or best-block state through the typed API, never writes,
 * and turns every problem into a failing row with a fixed code (never a thrown error).
 */
import type { ApiPromise } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { providerEndpoint } from '../owner/providers.js';
import { type CheckResult, fail, pass } from './check.js';

/** What the chain checks need besides the API; clock and waits are injected. */
export interface ChainCheckDeps {
  api: ApiPromise;
  /** Wall clock, ms since the epoch. */
  now: () => number;
  /** Resolves after `ms` (a timer in production). */
  sleep: (ms: number) => Promise<void>;
  /** HTTP client for the providers' health endpoints. */
  fetch: typeof fetch;
}

/**
 * Passes once the finalized head advances past the one seen first, within `timeoutMs`;
 * fails with `CHAIN_NOT_FINALIZING` naming the block it stayed at.
 *
 * @example
 * await checkFinalizing(deps, 30_000);
 */
export async function checkFinalizing(
  deps: ChainCheckDeps,
  timeoutMs: number,
): Promise<CheckResult> {
  const finalized = async () => {
    const hash = await deps.api.rpc.chain.getFinalizedHead();
    return (await deps.api.rpc.chain.getHeader(hash)).number.toNumber();
  };
  const first = await finalized();
  const start = deps.now();
  for (;;) {
    const current = await finalized();
    if (current > first) {
      return pass(
        'chain finalizing',
        `finalized #${first} → #${current} in ${((deps.now() - start) / 1000).toFixed(1)} s`,
      );
    }
    if (deps.now() - start >= timeoutMs) {
      return fail(
        'chain finalizing',
        'CHAIN_NOT_FINALIZING',
        `finalized head stayed at #${first} for ${timeoutMs / 1000} s`,
      );
    }
    await deps.sleep(500);
  }
}

/** The account's registration as the chain holds it, or a failing row. */
export async function readRegistration(
  api: ApiPromise,
  account: string,
): Promise<{ restartKey: string; endpoint: string } | CheckResult> {
  const operator = await api.query.registry.tssOperators(account);
  const info = operator.isSome ? await api.query.registry.validators(operator.unwrap()) : undefined;
  if (!info || info.isNone) {
    return fail(
      'account registered',
      'NOT_REGISTERED',
      `${account} has no registration on chain (custos register, or the registration was removed)`,
    );
  }
  const server = info.unwrap().server;
  return { restartKey: server.restartKey.toHex(), endpoint: server.endpoint.toUtf8() };
}

/**
 * Passes when the account's latest attestation carries a measurement governance accepts;
 * fails with `NO_ATTESTATION` or `MEASUREMENT_NOT_ACCEPTED` (naming the measurement).
 *
 * @example
 * await checkMeasurement(api, '5F…');
 */
export async function checkMeasurement(api: ApiPromise, account: string): Promise<CheckResult> {
  const record = await api.query.attestation.attestations(account);
  if (record.isNone) {
    return fail('measurement accepted', 'NO_ATTESTATION', `${account} has no attestation record`);
  }
  const { measurement, incarnation } = record.unwrap();
  const accepted = await api.query.attestation.acceptedMeasurements();
  const hex = measurement.toHex();
  if (!accepted.some((m) => m.toHex() === hex)) {
    return fail(
      'measurement accepted',
      'MEASUREMENT_NOT_ACCEPTED',
      `measurement ${hex} of incarnation ${incarnation.toNumber()} is not among the ${accepted.length} governance accepts`,
    );
  }
  return pass(
    'measurement accepted',
    `incarnation ${incarnation.toNumber()}, measurement ${hex.slice(0, 18)}…`,
  );
}

/**
 * Passes when the restart key in the local store's header is the one registered on chain
 * (else restart attestations would be refused); fails with `RESTART_KEY_MISMATCH`.
 *
 * @example
 * checkRestartKey(localPublicKey, registration.restartKey);
 */
export function checkRestartKey(local: Uint8Array, onChain: string): CheckResult {
  const mine = u8aToHex(local);
  if (mine !== onChain) {
    return fail(
      'restart key matches chain',
      'RESTART_KEY_MISMATCH',
      `local store's restart key ${mine} is not the registered ${onChain}`,
    );
  }
  return pass('restart key matches chain', mine);
}

/**
 * Asks every provider of the account's confirmed epoch for `/v1/health` (3 s each, in
 * parallel). Passes when all answer `ok`; fails with `NOT_BACKED_UP` when no epoch is
 * confirmed yet, or `PROVIDER_UNREACHABLE` naming each provider that did not answer and
 * how many did (against the threshold).
 *
 * @example
 * await checkProviders(deps, '5F…');
 */
export async function checkProviders(deps: ChainCheckDeps, account: string): Promise<CheckResult> {
  const state = await deps.api.query.backups.assignments(account);
  const assignment = state.isSome ? state.unwrap() : undefined;
  if (!assignment || assignment.confirmedEpoch.toNumber() === 0) {
    return fail('providers reachable', 'NOT_BACKED_UP', 'no backup epoch confirmed on chain yet');
  }
  const providers = assignment.confirmedProviders.map((p) => p.toString());
  const threshold = assignment.confirmedThreshold.toNumber();
  const problems = await Promise.all(
    providers.map(async (provider) => {
      const target = await providerEndpoint(deps.api, provider);
      if (!target) return `${provider}: no longer registered`;
      try {
        const res = await deps.fetch(`${target.endpoint}/v1/health`, {
          signal: AbortSignal.timeout(3000),
        });
        const body = (await res.json()) as { status?: unknown };
        return res.ok && body.status === 'ok'
          ? undefined
          : `${provider} at ${target.endpoint}: HTTP ${res.status}`;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return `${provider} at ${target.endpoint}: ${reason}`;
      }
    }),
  );
  const down = problems.filter((p): p is string => p !== undefined);
  const summary = `${providers.length - down.length} of ${providers.length} holders of epoch ${assignment.confirmedEpoch.toNumber()} healthy (threshold ${threshold})`;
  if (down.length > 0) {
    return fail('providers reachable', 'PROVIDER_UNREACHABLE', `${summary}; ${down.join('; ')}`);
  }
  return pass('providers reachable', summary);
}

/**
 * Compares the local clock with the timestamp of the best block; passes within
 * `maxSkewMs` (a block's age is part of the difference), fails with `CLOCK_SKEW` saying
 * which side is ahead and by how much.
 *
 * @example
 * await checkClock(deps, 30_000);
 */
export async function checkClock(deps: ChainCheckDeps, maxSkewMs: number): Promise<CheckResult> {
  const chainMs = (await deps.api.query.timestamp.now()).toNumber();
  const skew = deps.now() - chainMs;
  const text = `local clock ${Math.abs(skew / 1000).toFixed(1)} s ${skew >= 0 ? 'ahead of' : 'behind'} the best block's timestamp`;
  if (Math.abs(skew) > maxSkewMs) {
    return fail('clock skew', 'CLOCK_SKEW', `${text} (limit ${maxSkewMs / 1000} s)`);
  }
  return pass('clock skew', text);
}
