/** The misbehaviour rules (pure functions of indexer/src/helpers/rules.ts). */
import { describe, expect, it } from 'vitest';
import {
  assignmentBreaches,
  confirmationDeadline,
  DEFAULT_AUDIT_WINDOWS,
  InvalidAuditWindowsError,
  isBelowTcbMinimum,
  isDuplicateInstance,
  isOverdue,
  nextActiveSet,
  nextDeadline,
  releaseObligations,
  resolveAuditWindows,
  revokedActive,
} from '../../indexer/src/helpers/rules.js';

describe('audit windows', () => {
  it('default to the documented values and accept overrides', () => {
    expect(resolveAuditWindows()).toEqual({
      releaseWindow: 50,
      confirmWindow: 100,
      duplicateWindow: 100,
    });
    expect(resolveAuditWindows({ releaseWindow: 5 })).toEqual({
      ...DEFAULT_AUDIT_WINDOWS,
      releaseWindow: 5,
    });
  });

  it.each([0, -1, 1.5, '10', Number.NaN, 1_000_001])('refuse %s', (value) => {
    expect(() => resolveAuditWindows({ confirmWindow: value })).toThrow(InvalidAuditWindowsError);
    expect(() => resolveAuditWindows({ confirmWindow: value })).toThrow(/confirmWindow/);
  });
});

describe('DID_NOT_SERVE', () => {
  it('owes one release per distinct confirmed holder, due releaseWindow blocks after the restart', () => {
    expect(releaseObligations(['h1', 'h2', 'h1'], 100, 5)).toEqual([
      { provider: 'h1', deadline: 105 },
      { provider: 'h2', deadline: 105 },
    ]);
    expect(releaseObligations([], 100, 5)).toEqual([]);
  });

  it('is overdue only after the deadline block', () => {
    expect(isOverdue(105, 105)).toBe(false);
    expect(isOverdue(105, 106)).toBe(true);
  });
});

describe('AT_RISK', () => {
  it('must be confirmed within confirmWindow blocks of opening', () => {
    expect(confirmationDeadline(40, 30)).toBe(70);
  });
});

describe('DUPLICATE_INSTANCE', () => {
  it('flags a second restart strictly inside the window', () => {
    expect(isDuplicateInstance(undefined, 10, 20)).toBe(false);
    expect(isDuplicateInstance(10, 13, 20)).toBe(true);
    expect(isDuplicateInstance(10, 29, 20)).toBe(true);
    expect(isDuplicateInstance(10, 30, 20)).toBe(false);
  });
});

describe('REVOKED_MEASUREMENT', () => {
  it('names active validators whose measurement was revoked', () => {
    const active = [
      { tssAccount: 'a', measurement: '0x01' },
      { tssAccount: 'b', measurement: '0x02' },
      { tssAccount: 'c', measurement: undefined },
    ];
    expect(revokedActive(active, new Set(['0x02']))).toEqual(['b']);
  });
});

describe('RULE_VIOLATION', () => {
  const operators: Record<string, string> = {
    o: 'OP_O',
    p1: 'OP1',
    p2: 'OP2',
    p3: 'OP2',
    p4: 'OP_O',
  };
  const base = {
    owner: 'o',
    ownerOperator: 'OP_O',
    operatorOf: (p: string) => operators[p],
    loadOf: () => 1,
    maxLoad: 2,
  };

  it('finds nothing in a lawful assignment', () => {
    expect(assignmentBreaches({ ...base, providers: ['p1', 'p2'], added: ['p1', 'p2'] })).toEqual(
      [],
    );
  });

  it('finds self, own operator, duplicate operators and over-load', () => {
    const breaches = assignmentBreaches({
      ...base,
      providers: ['o', 'p2', 'p3', 'p4'],
      added: ['p3'],
      loadOf: (p) => (p === 'p3' ? 3 : 1),
    });
    expect(breaches).toEqual([
      { rule: 'SELF', provider: 'o' },
      { rule: 'DUPLICATE_OPERATOR', provider: 'p3' },
      { rule: 'OWN_OPERATOR', provider: 'p4' },
      { rule: 'DUPLICATE_OPERATOR', provider: 'p4' },
      { rule: 'OVER_LOAD', provider: 'p3' },
    ]);
  });

  it('applies the load bound to new draws only (a lowered max_load does not indict old providers)', () => {
    expect(
      assignmentBreaches({ ...base, providers: ['p1', 'p2'], added: [], loadOf: () => 9 }),
    ).toEqual([]);
  });
});

describe('helpers', () => {
  it('nextDeadline is the minimum or undefined', () => {
    expect(nextDeadline([9, 3, 7])).toBe(3);
    expect(nextDeadline([])).toBeUndefined();
  });

  it('nextActiveSet removes left, adds entered, sorted, no duplicates', () => {
    expect(nextActiveSet(['b', 'a', 'c'], ['d', 'a'], ['c'])).toEqual(['a', 'b', 'd']);
  });
});

describe('TCB level below the minimum', () => {
  it('flags an Intel-path number below the minimum, and nothing at or above it', () => {
    expect(isBelowTcbMinimum(16, 17)).toBe(true);
    expect(isBelowTcbMinimum(0, 1)).toBe(true);
    expect(isBelowTcbMinimum(17, 17)).toBe(false);
    expect(isBelowTcbMinimum(18, 17)).toBe(false);
  });

  it('never flags the dev path (no TCB level), and a minimum of 0 accepts every number', () => {
    expect(isBelowTcbMinimum(undefined, 99)).toBe(false);
    expect(isBelowTcbMinimum(null, 99)).toBe(false);
    expect(isBelowTcbMinimum(0, 0)).toBe(false);
  });
});
