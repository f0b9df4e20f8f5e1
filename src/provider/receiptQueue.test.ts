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
    let calls = 0;
    const given: [Receipt, unknown][] = [];
    const recorded: Receipt[] = [];
    const queue = new ReceiptQueue({
      submit: async (r) => {
        calls++;
        if (r.owner === 'dup') throw new TransactionRejectedError('backups.DuplicateReceipt', 'x');
        if (calls < 3) throw new Error('connection reset');
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
    expect(calls).toBe(4); // two failures, one success, one final refusal
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
});
