/** The log budget of refusals: bounded lines per client and overall, the rest counted. */
import { describe, expect, it } from 'vitest';
import { RefusalLogBudget } from './refusalLog.js';

const limits = {
  perClient: { burst: 3, perSecond: 1 },
  global: { burst: 5, perSecond: 2 },
  maxClients: 2,
  summaryEveryMs: 10_000,
};

describe('RefusalLogBudget', () => {
  it("lets a client's first burst be logged, then counts what it may not log", () => {
    let now = 0;
    const budget = new RefusalLogBudget(limits, () => now);
    expect([1, 2, 3].map(() => budget.take('a'))).toEqual([0, 0, 0]);
    expect([1, 2, 3, 4].map(() => budget.take('a'))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    // One line a second comes back; it says how many were not logged before it.
    now = 1000;
    expect(budget.take('a')).toBe(4);
    expect(budget.take('a')).toBeUndefined();
    now = 2000;
    expect(budget.take('a')).toBe(1);
  });

  it('bounds the lines of all clients together (many source addresses)', () => {
    let now = 0;
    const budget = new RefusalLogBudget({ ...limits, maxClients: 100 }, () => now);
    const taken = Array.from({ length: 20 }, (_, i) => budget.take(`client-${i}`));
    expect(taken.filter((t) => t !== undefined)).toHaveLength(5);
    now = 1000; // two more lines over all clients
    const later = Array.from({ length: 20 }, (_, i) => budget.take(`other-${i}`));
    expect(later.filter((t) => t !== undefined)).toHaveLength(2);
  });

  it('tracks at most maxClients clients; a forgotten one starts afresh', () => {
    const budget = new RefusalLogBudget(
      { ...limits, global: { burst: 100, perSecond: 100 } },
      () => 0,
    );
    for (let i = 0; i < 4; i++) budget.take('a');
    budget.take('b');
    budget.take('c'); // forgets a, the least recently seen
    expect(budget.take('a')).toBe(0);
  });

  it.each([
    { perClient: { burst: 0, perSecond: 1 } },
    { global: { burst: 1, perSecond: 0 } },
    { global: { burst: 1, perSecond: Number.POSITIVE_INFINITY } },
    { maxClients: 0 },
    { maxClients: 1.5 },
    { summaryEveryMs: 0 },
  ])('refuses limits %j', (bad) => {
    expect(() => new RefusalLogBudget({ ...limits, ...bad })).toThrow(RangeError);
  });

  it('says, at most every summaryEveryMs, how many lines a flood from many addresses left out', () => {
    let now = 0;
    const summaries: { lines: number; clients: number }[] = [];
    const budget = new RefusalLogBudget(
      { ...limits, maxClients: 1000 },
      () => now,
      (s) => summaries.push(s),
    );
    // Ten attackers use up the global budget every second; an honest client refused once a
    // second is never logged while it lasts...
    let honestLogged = 0;
    for (let second = 0; second < 60; second++) {
      now = second * 1000;
      for (let a = 0; a < 10; a++) for (let i = 0; i < 5; i++) budget.take(`attacker-${a}`);
      if (budget.take('honest') !== undefined) honestLogged += 1;
    }
    expect(honestLogged).toBe(0);
    // ...but every 10 s the log says how many lines were left out and of how many clients,
    // the honest one included.
    expect(summaries.length).toBeGreaterThanOrEqual(5);
    expect(summaries.every((s) => s.clients === 11)).toBe(true);
    const total = summaries.reduce((n, s) => n + s.lines, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(60 * 51);
  });

  it('summarises nothing when nothing was left out', () => {
    let now = 0;
    const summaries: unknown[] = [];
    const budget = new RefusalLogBudget(
      limits,
      () => now,
      (s) => summaries.push(s),
    );
    budget.take('a');
    now = 60_000;
    budget.take('a');
    expect(summaries).toEqual([]);
  });
});
