/**
 * The cold path's waiting rule: every state the chain can show a waiting owner, and what
 * it does. Bounded: it never waits for something that cannot come.
 */
import { describe, expect, it } from 'vitest';
import { type ColdState, coldVerdict } from './coldRecovery.js';

const base: ColdState = {
  incarnation: 5,
  finalizedBlock: 1_000,
  lifetime: 100,
  committee: { generation: 2, members: 3, threshold: 2 },
  request: { incarnation: 5, requestedAt: 950 },
  deposit: { generation: 2 },
  released: 0,
  bad: [],
};

describe('coldVerdict', () => {
  it('waits while the request is not final, not approved or short of releases', () => {
    expect(coldVerdict({ ...base, request: undefined }).kind).toBe('wait');
    // Only an older request of this owner is final yet.
    expect(coldVerdict({ ...base, request: { incarnation: 4, requestedAt: 10 } }).kind).toBe(
      'wait',
    );
    expect(coldVerdict(base)).toEqual({
      kind: 'wait',
      reason: 'waiting for approval and releases',
    });
    expect(coldVerdict({ ...base, released: 1 }).kind).toBe('wait');
    // Exactly at the lifetime the chain still accepts releases.
    expect(coldVerdict({ ...base, finalizedBlock: 1_050 }).kind).toBe('wait');
  });

  it('combines once t_e releases are in that are not known bad', () => {
    expect(coldVerdict({ ...base, released: 2 }).kind).toBe('combine');
    expect(coldVerdict({ ...base, released: 3, bad: [1] }).kind).toBe('combine');
    expect(coldVerdict({ ...base, released: 2, bad: [1] }).kind).toBe('wait');
    // Releases already on chain are used even after the request expired.
    expect(coldVerdict({ ...base, released: 2, finalizedBlock: 5_000 }).kind).toBe('combine');
  });

  it('starts over once the request outlived its lifetime without enough releases', () => {
    expect(coldVerdict({ ...base, finalizedBlock: 1_051 })).toEqual({ kind: 'expired' });
    expect(coldVerdict({ ...base, finalizedBlock: 1_051, released: 1 }).kind).toBe('expired');
  });

  it('stops when no kept committee serves the deposit, or there is none', () => {
    expect(coldVerdict({ ...base, committee: undefined, deposit: undefined })).toMatchObject({
      kind: 'impossible',
      code: 'ESCROW_COMMITTEE_CLEARED',
    });
    // Not before its request is final: finality lags the block that took the request, and
    // the deposit is read through the request (a cleared committee still serves it).
    expect(
      coldVerdict({ ...base, committee: undefined, deposit: undefined, request: undefined }),
    ).toMatchObject({ kind: 'wait' });
    expect(coldVerdict({ ...base, committee: undefined })).toMatchObject({
      kind: 'impossible',
      code: 'ESCROW_DEPOSIT_VOID',
      reason: expect.stringContaining('committee 2'),
    });
    expect(
      coldVerdict({ ...base, committee: { generation: 3, members: 3, threshold: 2 } }),
    ).toMatchObject({ kind: 'impossible', code: 'ESCROW_DEPOSIT_VOID' });
    expect(coldVerdict({ ...base, deposit: undefined })).toMatchObject({
      kind: 'impossible',
      code: 'ESCROW_DEPOSIT_VOID',
    });
  });

  it('combines from the committee of the deposit’s generation after governance replaced it', () => {
    // The state reader hands the retired committee 2 that serves a deposit of generation 2
    // (the one in force is 3 and has 5 members, threshold 4: not what counts).
    const retired = { ...base, committee: { generation: 2, members: 3, threshold: 2 } };
    expect(coldVerdict({ ...retired, released: 2 }).kind).toBe('combine');
    expect(coldVerdict({ ...retired, released: 1 }).kind).toBe('wait');
  });

  it('stops when more than m − t_e members released bad shares', () => {
    expect(coldVerdict({ ...base, released: 2, bad: [0, 2] })).toMatchObject({
      kind: 'impossible',
      code: 'ESCROW_SHARES_BAD',
      reason: expect.stringContaining('members 0, 2'),
    });
    // One bad of three with t_e = 2: the third may still come.
    expect(coldVerdict({ ...base, released: 2, bad: [0] }).kind).toBe('wait');
  });
});
