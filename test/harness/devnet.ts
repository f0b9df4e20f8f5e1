/** Helpers for tests that drive a devnet of companion processes. */
import type { DevNode } from '../../src/devnet/network.js';

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
