#!/usr/bin/env node
// An example TSS server's use of custos: it keeps its keyshare in the companion's sealed
// store through the local secret API, checkpoints it on chain, and after a restart of the
// companion (or of itself) waits until the companion has recovered and reads it back.
//
//   CUSTOS_SECRET_API=http://127.0.0.1:<port> CUSTOS_SECRET_API_TOKEN=<token> \
//     node examples/tss-keyshares/tss.mjs [--name tss/keyshare] [--wait-ms 300000]
//
// Prints one JSON line: {"keyshare":"created"|"restored","fingerprint":"<sha256 hex>",
// "storeVersion":N,"anchoredAt":B}. Exit 0 on success, 1 on any failure (with the reason on
// stderr). Only what the secret API's OpenAPI document (/v1/openapi.json) describes is used.
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

/** A failure of the secret API, with the status and the code it answered. */
class SecretApiError extends Error {
  constructor(status, code, message) {
    super(`secret API ${status} ${code}: ${message}`);
    this.status = status;
    this.code = code;
  }
}

/** The companion's local secret API. */
class CustosSecrets {
  constructor(baseUrl, token) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  }

  async #call(method, path, body) {
    const res = await fetch(`${this.baseUrl}/v1/secrets${path}`, {
      method,
      headers: this.headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new SecretApiError(res.status, json.code ?? 'UNKNOWN', json.message ?? '');
    return json;
  }

  /** The secret's bytes, or undefined when the store has no such secret. */
  async get(name) {
    try {
      return Buffer.from((await this.#call('GET', `/${name}`)).value, 'base64');
    } catch (error) {
      if (error instanceof SecretApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Stores `bytes` (durable when this resolves); the store version that committed it. */
  async put(name, bytes) {
    return (await this.#call('PUT', `/${name}`, { value: Buffer.from(bytes).toString('base64') }))
      .storeVersion;
  }

  /** Anchors the store's version on chain; resolves once it is in a block. */
  async checkpoint() {
    return await this.#call('POST', '/checkpoint');
  }

  /**
   * Waits until the companion answers: after a restart its secret API opens only once it
   * has recovered its key from the other validators' companions.
   */
  async ready(waitMs) {
    const deadline = Date.now() + waitMs;
    for (;;) {
      try {
        await this.get('__custos-example-probe');
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }
}

const { values } = parseArgs({
  options: {
    name: { type: 'string', default: 'tss/keyshare' },
    'wait-ms': { type: 'string', default: '300000' },
  },
});
const url = process.env.CUSTOS_SECRET_API;
const token = process.env.CUSTOS_SECRET_API_TOKEN;
if (!url || !token) {
  console.error('set CUSTOS_SECRET_API (http://127.0.0.1:<port>) and CUSTOS_SECRET_API_TOKEN');
  process.exit(1);
}
try {
  const secrets = new CustosSecrets(url, token);
  await secrets.ready(Number(values['wait-ms']));
  let keyshare = await secrets.get(values.name);
  const outcome = keyshare ? 'restored' : 'created';
  if (!keyshare) {
    keyshare = randomBytes(64); // stands in for the keyshare a DKG would produce
    await secrets.put(values.name, keyshare);
  }
  const { storeVersion, anchoredAt } = await secrets.checkpoint();
  const fingerprint = createHash('sha256').update(keyshare).digest('hex');
  keyshare.fill(0);
  console.log(JSON.stringify({ keyshare: outcome, fingerprint, storeVersion, anchoredAt }));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
