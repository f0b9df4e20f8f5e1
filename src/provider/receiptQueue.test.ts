import { describe, expect, it } from 'vitest';
import { TransactionRejectedError } from '../chain/errors.js';
import { type Receipt, ReceiptQueue } from './receiptQueue.js';

const until = async (check: () => boolean) => {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(check()).toBe(true);
};

describe('ReceiptQueue', () => {
  it('returns at once, records in order, and never queues the same receipt twice', async () => {
    const submitted: Receipt[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const queue = new ReceiptQueue({
      submit: async (r) => {
        await gate;
        submitted.push(r);
      },
      backoff: () => 0,
      maxAttempts: 3,
    });
    queue.enqueue({ owner: 'a', incarnation: 1 });
    queue.enqueue({ owner: 'a', incarnation: 1 });
    queue.enqueue({ owner: 'b', incarnation: 4 });
    // Nothing was submitted synchronously: the request path only queued.
    expect(submitted).toEqual([]);
    expect(queue.pending).toBe(2);
    release();
    await until(() => queue.pending === 0);
    expect(submitted).toEqual([
      { owner: 'a', incarnation: 1 },
      { owner: 'b', incarnation: 4 },
    ]);
  });

  it('retries a failed submission, and gives up at once on a final refusal', async () => {
    const calls = new Map<string, number>();
    const given: [Receipt, unknown][] = [];
    const recorded: Receipt[] = [];
    const queue = new ReceiptQueue({
      submit: async (r) => {
        const call = (calls.get(r.owner) ?? 0) + 1;
        calls.set(r.owner, call);
        if (r.owner === 'dup') throw new TransactionRejectedError('backups.DuplicateReceipt', 'x');
        if (call < 3) throw new Error('connection reset');
      },
      backoff: () => 1,
      maxAttempts: 5,
      onGiveUp: (r, e) => given.push([r, e]),
      onRecorded: (r) => recorded.push(r),
    });
    queue.enqueue({ owner: 'a', incarnation: 1 });
    queue.enqueue({ owner: 'dup', incarnation: 1 });
    await until(() => queue.pending === 0);
    expect(recorded).toEqual([{ owner: 'a', incarnation: 1 }]);
    // Two failures then a success; one final refusal, not retried.
    expect(Object.fromEntries(calls)).toEqual({ a: 3, dup: 1 });
    expect(given.map(([r]) => r.owner)).toEqual(['dup']);
  });

  it('gives up after maxAttempts transient failures', async () => {
    let calls = 0;
    const given: Receipt[] = [];
    const queue = new ReceiptQueue({
      submit: async () => {
        calls++;
        throw new Error('pool full');
      },
      backoff: () => 1,
      maxAttempts: 3,
      onGiveUp: (r) => given.push(r),
    });
    queue.enqueue({ owner: 'a', incarnation: 2 });
    await until(() => queue.pending === 0);
    expect(calls).toBe(3);
    expect(given).toEqual([{ owner: 'a', incarnation: 2 }]);
  });

  it('submits receipts queued together at once, so that they can land in one block, at most inFlight at a time', async () => {
    let open = 0;
    let most = 0;
    const gates: (() => void)[] = [];
    const submitted: string[] = [];
    const queue = new ReceiptQueue({
      submit: async (r) => {
        open++;
        most = Math.max(most, open);
        submitted.push(r.owner);
        await new Promise<void>((resolve) => gates.push(resolve));
        open--;
      },
      backoff: () => 0,
      maxAttempts: 3,
      inFlight: 3,
    });
    for (const owner of ['a', 'b', 'c', 'd', 'e']) queue.enqueue({ owner, incarnation: 1 });
    await until(() => open === 3);
    // The first three left together, in the order queued; the others wait for a slot.
    expect(submitted).toEqual(['a', 'b', 'c']);
    gates.shift()!();
    await until(() => submitted.length === 4);
    expect(submitted[3]).toBe('d');
    while (queue.pending > 0) {
      gates.shift()?.();
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(submitted).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(most).toBe(3);
  });
});
