import { BaseError } from '../errors/base.js';

/** The indexer's GraphQL service could not answer a query. */
export class GraphqlError extends BaseError {
  override name = 'GraphqlError';
  constructor(
    code: 'GRAPHQL_UNREACHABLE' | 'GRAPHQL_HTTP' | 'GRAPHQL_ERRORS' | 'GRAPHQL_MALFORMED',
    details: string,
  ) {
    super(code, 'the indexer query failed', details);
  }
}

/**
 * Posts `query` with `variables` to the indexer's GraphQL endpoint and returns `data`.
 * Throws {@link GraphqlError}: unreachable (with the URL), a non-200 status, GraphQL
 * `errors` (their messages), or a body without `data`. Times out after `timeoutMs`.
 *
 * @example
 * const data = await graphql<{ owners: { totalCount: number } }>(url, '{ owners { totalCount } }');
 */
export async function graphql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  timeoutMs = 15_000,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new GraphqlError(
      'GRAPHQL_UNREACHABLE',
      `${url}: ${error instanceof Error ? error.message : String(error)} (is \`npm run indexer\` running?)`,
    );
  }
  const text = await res.text();
  let body: { data?: T; errors?: { message?: string }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new GraphqlError(
      res.ok ? 'GRAPHQL_MALFORMED' : 'GRAPHQL_HTTP',
      `${url}: HTTP ${res.status}, not JSON: ${text.slice(0, 120)}`,
    );
  }
  if (body.errors?.length)
    throw new GraphqlError(
      'GRAPHQL_ERRORS',
      body.errors.map((e) => e.message ?? 'unknown error').join('; '),
    );
  if (!res.ok) throw new GraphqlError('GRAPHQL_HTTP', `${url}: HTTP ${res.status}`);
  if (body.data === undefined || body.data === null)
    throw new GraphqlError('GRAPHQL_MALFORMED', `${url}: response has no data`);
  return body.data;
}
