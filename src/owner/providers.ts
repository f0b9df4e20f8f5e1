import type { ApiPromise } from '@polkadot/api';
import type { z } from 'zod';

/** Where a provider is reached and which key its shares are sealed to. */
export interface ProviderEndpoint {
  account: string;
  endpoint: string;
  x25519PublicKey: Uint8Array;
}

/** Looks up a provider's registered endpoint and x25519 key. */
export async function providerEndpoint(
  api: ApiPromise,
  account: string,
): Promise<ProviderEndpoint | undefined> {
  const operator = await api.query.registry.tssOperators(account);
  if (operator.isNone) return undefined;
  const info = await api.query.registry.validators(operator.unwrap());
  if (info.isNone) return undefined;
  const server = info.unwrap().server;
  return {
    account,
    endpoint: server.endpoint.toUtf8(),
    x25519PublicKey: server.x25519PublicKey.toU8a(),
  };
}

/** POSTs JSON to `url` and returns the parsed body, or throws with the server's code. */
export async function postJson(url: string, body: unknown, timeoutMs = 10_000): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const json = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
  if (!res.ok) throw new Error(`${res.status} ${json.code ?? ''} ${json.message ?? ''}`.trim());
  return json;
}

/**
 * POSTs JSON to `url` and returns the reply validated by `schema` (the route's own
 * schema), or throws naming the first field that does not match: a peer's reply is never
 * used unchecked.
 */
export async function postJsonChecked<S extends z.ZodType>(
  url: string,
  body: unknown,
  schema: S,
  timeoutMs = 10_000,
): Promise<z.infer<S>> {
  const reply = await postJson(url, body, timeoutMs);
  const parsed = schema.safeParse(reply);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `malformed reply: ${issue?.path.join('.') || '(body)'} ${issue?.message ?? ''}`.trim(),
    );
  }
  return parsed.data;
}
