/**
 * Providers of an owner's current epoch that hold no share of it, and which of them answer
 * now. A backup is confirmed once `t` providers acknowledge, so a provider that was down or
 * still starting at that moment is assigned but holds nothing; the owner then backs up
 * again (a KEK rotation to the same providers) to bring its holders back to `n`.
 */

/** What {@link reachableMissingHolders} needs, injectable for tests. */
export interface MissingHoldersDeps {
  /** The provider API base URL registered on chain for `account`, or undefined. */
  endpointOf(account: string): Promise<string | undefined>;
  /** `fetch`, or a fake. */
  fetch?: typeof fetch;
  /** Per-provider health-check timeout. */
  timeoutMs?: number;
}

/**
 * Assigned providers (`providers`) that are not holders of the confirmed epoch
 * (`holders`), in the chain's order. Accounts are compared as given (same SS58 format).
 *
 * @example
 * missingHolders(['a', 'b', 'c'], ['a', 'c']); // ['b']
 */
export function missingHolders(providers: string[], holders: string[]): string[] {
  return providers.filter((p) => !holders.includes(p));
}

/**
 * The missing holders (see {@link missingHolders}) whose provider API answers
 * `GET /v1/health` with 2xx within `timeoutMs`. Never throws: a provider that cannot be
 * looked up or reached is simply not returned.
 *
 * @example
 * const back = await reachableMissingHolders(a.providers, a.holders, { endpointOf });
 * if (back.length > 0) rotate();
 */
export async function reachableMissingHolders(
  providers: string[],
  holders: string[],
  deps: MissingHoldersDeps,
): Promise<string[]> {
  const get = deps.fetch ?? fetch;
  const answers = await Promise.all(
    missingHolders(providers, holders).map(async (provider) => {
      try {
        const endpoint = await deps.endpointOf(provider);
        if (!endpoint) return undefined;
        const res = await get(`${endpoint}/v1/health`, {
          signal: AbortSignal.timeout(deps.timeoutMs ?? 2_000),
        });
        return res.ok ? provider : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  return answers.filter((p) => p !== undefined);
}
