/**
 * Release receipts surviving a provider restart: the journal a host can read and rewrite
 * (only this provider's signature makes it count), and the queue that keeps its pending
 * receipts in it and queues them again after a kill.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, randomAsU8a } from '@polkadot/util-crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRejectedError } from '../chain/errors.js';
import { MAX_JOURNALED_RECEIPTS, ReceiptJournal } from './receiptJournal.js';
import { type Receipt, ReceiptQueue } from './receiptQueue.js';

const until = async (check: () => boolean) => {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(check()).toBe(true);
};

let dir: string;
const genesis = randomAsU8a(32);
let provider: ReturnType<Keyring['addFromUri']>;
let stranger: ReturnType<Keyring['addFromUri']>;

beforeAll(async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519' });
  provider = keyring.addFromUri('//Provider');
  stranger = keyring.addFromUri('//Host');
});

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function journal(signer = provider, chain = genesis) {
  dir ??= mkdtempSync(join(tmpdir(), 'custos-receipts-'));
  const refusals: string[] = [];
  const path = join(dir, 'provider-receipts.json');
  return {
    path,
    refusals,
    journal: new ReceiptJournal(path, signer, chain, (reason) => refusals.push(reason)),
  };
}

describe('ReceiptJournal', () => {
  it('reads back what it wrote, and nothing when there is no file', () => {
    dir = mkdtempSync(join(tmpdir(), 'custos-receipts-'));
    const { journal: j, refusals } = journal();
    expect(j.load()).toEqual([]);
    const receipts = [
      { owner: '5Alice', incarnation: 3 },
      { owner: '5Bob', incarnation: 0 },
    ];
    j.save(receipts);
    expect(j.load()).toEqual(receipts);
    expect(refusals).toEqual([]);
  });

  it('ignores, with a reason, a file the host edited, forged, moved to another chain or padded', () => {
    dir = mkdtempSync(join(tmpdir(), 'custos-receipts-'));
    const { journal: j, path, refusals } = journal();
    j.save([{ owner: '5Alice', incarnation: 3 }]);
    const honest = JSON.parse(readFileSync(path, 'utf8'));
    const cases: [string, string, string][] = [
      // An added receipt the provider never signed for.
      [
        'an added receipt',
        JSON.stringify({
          ...honest,
          receipts: [...honest.receipts, { owner: '5Eve', incarnation: 9 }],
        }),
        'not signed by this provider',
      ],
      ['not JSON', '{', 'not JSON'],
      ['an extra field', JSON.stringify({ ...honest, note: 1 }), '(file)'],
      [
        'a negative incarnation',
        JSON.stringify({ ...honest, receipts: [{ owner: '5A', incarnation: -1 }] }),
        'receipts.0.incarnation',
      ],
      [
        'too many receipts',
        JSON.stringify({
          ...honest,
          receipts: Array(MAX_JOURNALED_RECEIPTS + 1).fill({ owner: '5A', incarnation: 1 }),
        }),
        'receipts',
      ],
      ['a huge file', `${JSON.stringify(honest)}${' '.repeat(1024 * 1024)}`, 'more than'],
    ];
    for (const [what, text, reason] of cases) {
      writeFileSync(path, text);
      refusals.length = 0;
      expect(j.load(), what).toEqual([]);
      expect(refusals, what).toEqual([expect.stringContaining(reason)]);
    }
    // Signed by the host's own key, or by this provider for another chain.
    const forged = journal(stranger);
    forged.journal.save([{ owner: '5Eve', incarnation: 9 }]);
    refusals.length = 0;
    expect(j.load()).toEqual([]);
    expect(refusals).toEqual([expect.stringContaining('not signed by this provider')]);
    journal(provider, randomAsU8a(32)).journal.save([{ owner: '5Eve', incarnation: 9 }]);
    expect(j.load()).toEqual([]);
  });
});

describe('ReceiptQueue with a journal', () => {
  it('a receipt in flight when the provider is killed is recorded after its restart', async () => {
    dir = mkdtempSync(join(tmpdir(), 'custos-receipts-'));
    const { journal: first } = journal();
    // The first run never gets its submission through (the process dies with it in flight).
    const before = new ReceiptQueue({
      submit: () => new Promise<void>(() => {}),
      backoff: () => 1,
      maxAttempts: 3,
    });
    before.keepIn(first);
    before.enqueue({ owner: '5Alice', incarnation: 3 });
    before.enqueue({ owner: '5Bob', incarnation: 1 });
    await until(() => first.load().length === 2);
    before.stop();
    // The restarted process reads the journal and records both.
    const { journal: second } = journal();
    const recorded: Receipt[] = [];
    const after = new ReceiptQueue({
      submit: async (r) => {
        recorded.push(r);
      },
      backoff: () => 1,
      maxAttempts: 3,
    });
    const kept = second.load();
    after.keepIn(second);
    after.restore(kept);
    await until(() => after.pending === 0 && second.load().length === 0);
    after.stop();
    expect(recorded).toEqual([
      { owner: '5Alice', incarnation: 3 },
      { owner: '5Bob', incarnation: 1 },
    ]);
  });

  it('drops a receipt the chain refuses for good, and keeps one that ran out of attempts', async () => {
    dir = mkdtempSync(join(tmpdir(), 'custos-receipts-'));
    const { journal: j } = journal();
    const queue = new ReceiptQueue({
      submit: async (r) => {
        if (r.owner === 'dup') throw new TransactionRejectedError('backups.DuplicateReceipt', 'x');
        throw new Error('pool full');
      },
      backoff: () => 1,
      maxAttempts: 2,
    });
    queue.keepIn(j);
    queue.enqueue({ owner: 'dup', incarnation: 1 });
    queue.enqueue({ owner: 'busy', incarnation: 2 });
    await until(() => queue.pending === 0);
    await until(() => j.load().length === 1);
    expect(j.load()).toEqual([{ owner: 'busy', incarnation: 2 }]);
    queue.stop();
  });

  it('reports a store it cannot write, and keeps the receipt queued', async () => {
    const failures: unknown[] = [];
    const recorded: Receipt[] = [];
    const queue = new ReceiptQueue({
      submit: async (r) => {
        recorded.push(r);
      },
      backoff: () => 1,
      maxAttempts: 2,
      onStoreFailed: (reason) => failures.push(reason),
    });
    queue.keepIn({
      save: () => {
        throw new Error('disk full');
      },
    });
    queue.enqueue({ owner: '5Alice', incarnation: 3 });
    await until(() => recorded.length === 1 && failures.length > 0);
    queue.stop();
  });
});
