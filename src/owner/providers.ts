import type { ApiPromise } from '@polkadot/api';
import type { z } from 'zod';
import { PeerError } from '../errors/owner.js';

/** Where a provider is reached and which key its shares are sealed to. */
export interface ProviderEndpoint {
  account: string;
  endpoint: string;
  x25519PublicKey: Uint8Array;
}

/**
 * Loads the HTTP client behind `fetch` without any network traffic (a `data:` URL). A
 * process's first `fetch` pays for loading it (about 30 ms here); a restarting owner calls
 * this while its attestation is on its way, so that its requests to the holders leave the
 * moment the attestation is final. Never rejects.
 */
export async function warmUpHttpClient(): Promise<void> {
  try {
    await (await fetch('data:,')).arrayBuffer();
  } catch {
    // Only a warm-up: the real request reports any failure.
  }
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

/** Largest reply body a companion reads from a peer (replies are a few hundred bytes). */
export const MAX_REPLY_BYTES = 16 * 1024;
/** Longest peer-supplied text (code, message) carried into errors and logs. */
const MAX_PEER_TEXT = 200;

/** Reads at most `limit` bytes of `res`'s body; throws when the peer sends more. */
async function boundedText(res: Response, limit: number): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new PeerError('REPLY_TOO_LARGE', `reply larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const peerText = (value: unknown) =>
  typeof value === 'string' ? value.slice(0, MAX_PEER_TEXT) : '';

/**
 * POSTs JSON to `url` and returns the parsed body, or throws {@link PeerError}
 * `PEER_REFUSED` with the server's status and code (`REPLY_TOO_LARGE` past the limit). A
 * peer's reply is read only up to {@link MAX_REPLY_BYTES}, and its code and message are
 * cut short before they reach an error: a holder cannot exhaust the owner's memory or
 * flood its logs.
 */
export async function postJson(url: string, body: unknown, timeoutMs = 10_000): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await boundedText(res, MAX_REPLY_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = {};
  }
  if (!res.ok) {
    const { code, message } = (json ?? {}) as { code?: unknown; message?: unknown };
    throw new PeerError(
      'PEER_REFUSED',
      `${res.status} ${peerText(code)} ${peerText(message)}`.trim(),
      { status: res.status, peerCode: peerText(code) },
    );
  }
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
  if (!parsed.success) throw new PeerError('REPLY_MALFORMED', malformedReply(parsed.error));
  return parsed.data;
}

/** One line naming the first field of a peer's reply that fails its schema, and why. */
export function malformedReply(error: z.ZodError): string {
  const issue = error.issues[0];
  return `malformed reply: ${issue?.path.join('.') || '(body)'} ${issue?.message ?? ''}`.trim();
}
