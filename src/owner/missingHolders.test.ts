import { describe, expect, it } from 'vitest';
import { missingHolders, reachableMissingHolders } from './missingHolders.js';

describe('missing holders', () => {
  it('are the assigned providers without a share of the confirmed epoch', () => {
    expect(missingHolders(['a', 'b', 'c'], ['a', 'c'])).toEqual(['b']);
    expect(missingHolders(['a', 'b', 'c'], ['a', 'b', 'c'])).toEqual([]);
  });

  it('count only when their provider API answers its health check', async () => {
    const endpoints: Record<string, string> = {
      b: 'http://127.0.0.1:1/b',
      c: 'http://127.0.0.1:1/c',
      d: 'http://127.0.0.1:1/d',
    };
    const asked: string[] = [];
    const fakeFetch = (async (url: string) => {
      asked.push(url);
      if (url.startsWith(endpoints.b!)) return new Response('{}', { status: 200 });
      if (url.startsWith(endpoints.c!)) return new Response('{}', { status: 503 });
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const back = await reachableMissingHolders(['a', 'b', 'c', 'd', 'e'], ['a'], {
      endpointOf: async (account) => endpoints[account],
      fetch: fakeFetch,
    });
    expect(back).toEqual(['b']);
    expect(asked.sort()).toEqual([
      'http://127.0.0.1:1/b/v1/health',
      'http://127.0.0.1:1/c/v1/health',
      'http://127.0.0.1:1/d/v1/health',
    ]);
  });
});
