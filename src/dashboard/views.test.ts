import { describe, expect, it } from 'vitest';
import {
  assignmentGraph,
  compareEventIds,
  epochTimeline,
  type OwnerRow,
  recoveryTimelines,
} from './views.js';

const owner = (o: Partial<OwnerRow> & { id: string }): OwnerRow => ({
  registration: 1,
  currentEpoch: 1,
  confirmedEpoch: 1,
  currentProviders: [],
  confirmedHolders: [],
  threshold: 2,
  removed: false,
  ...o,
});

describe('assignmentGraph', () => {
  it('marks providers holding a confirmed share confirmed (even while a newer epoch is open), others pending, leavers outgoing', () => {
    const graph = assignmentGraph([
      owner({ id: 'A', currentProviders: ['B', 'C'], confirmedHolders: ['B', 'C'] }),
      owner({
        id: 'B',
        currentEpoch: 3,
        confirmedEpoch: 2,
        currentProviders: ['A', 'D'],
        confirmedHolders: ['A', 'C'],
      }),
      owner({ id: 'Z', removed: true, currentProviders: ['A'], confirmedHolders: ['A'] }),
    ]);
    expect(graph.owners.map((o) => [o.id, o.settled])).toEqual([
      ['A', true],
      ['B', false],
    ]);
    expect(graph.edges).toEqual([
      { owner: 'A', holder: 'B', state: 'confirmed' },
      { owner: 'A', holder: 'C', state: 'confirmed' },
      { owner: 'B', holder: 'A', state: 'confirmed' }, // its epoch-2 share still counts
      { owner: 'B', holder: 'D', state: 'pending' },
      { owner: 'B', holder: 'C', state: 'outgoing' },
    ]);
  });
});

describe('recoveryTimelines', () => {
  it('collects quote, attestation, the releases for that incarnation and the next confirmation, newest restart first', () => {
    const timelines = recoveryTimelines(
      [
        {
          id: '2-0',
          tssAccount: 'A',
          kind: 'REGISTER',
          incarnation: 0,
          quotedBlock: null,
          blockNumber: 2,
        },
        {
          id: '10-1',
          tssAccount: 'A',
          kind: 'RESTART',
          incarnation: 1,
          quotedBlock: 9,
          blockNumber: 10,
        },
        {
          id: '30-2',
          tssAccount: 'A',
          kind: 'RESTART',
          incarnation: 2,
          quotedBlock: 29,
          blockNumber: 30,
        },
      ],
      [
        { id: '11-3', owner: 'A', provider: 'B', incarnation: 1, blockNumber: 11 },
        { id: '12-0', owner: 'A', provider: 'C', incarnation: 1, blockNumber: 12 },
        { id: '12-1', owner: 'X', provider: 'C', incarnation: 1, blockNumber: 12 },
        { id: '31-0', owner: 'A', provider: 'B', incarnation: 2, blockNumber: 31 },
      ],
      [
        { id: '8-0', owner: 'A', epoch: 1, blockNumber: 8 },
        { id: '14-2', owner: 'A', epoch: 2, blockNumber: 14 },
        { id: '20-0', owner: 'A', epoch: 3, blockNumber: 20 },
      ],
    );
    expect(timelines.map((t) => [t.incarnation, t.at, t.ready])).toEqual([
      [2, '30-2', false],
      [1, '10-1', true],
    ]);
    expect(timelines[1]!.steps).toEqual([
      { step: 'quoted', block: 9, event: null },
      { step: 'attested', block: 10, event: '10-1' },
      { step: 'released', block: 11, event: '11-3', provider: 'B' },
      { step: 'released', block: 12, event: '12-0', provider: 'C' },
      { step: 'ready', block: 14, event: '14-2' },
    ]);
    // A confirmation after a later restart never ends an earlier one's recovery.
    expect(timelines[0]!.steps.map((s) => s.step)).toEqual(['quoted', 'attested', 'released']);
  });

  it("never lets a later registration's confirmation, or one after a removal, mark a restart ready", () => {
    const attest = (id: string, kind: 'REGISTER' | 'RESTART', incarnation: number) => ({
      id,
      tssAccount: 'A',
      kind,
      incarnation,
      quotedBlock: null,
      blockNumber: Number(id.split('-')[0]),
    });
    const confirmation = (id: string) => ({
      id,
      owner: 'A',
      epoch: 1,
      blockNumber: Number(id.split('-')[0]),
    });
    // Restarted, left, registered again and confirmed that registration's epoch 1.
    const leftThenBack = recoveryTimelines(
      [attest('10-0', 'RESTART', 1), attest('20-0', 'REGISTER', 2)],
      [],
      [confirmation('21-0')],
    );
    expect(leftThenBack.map((t) => t.ready)).toEqual([false]);
    // Restarted, then removed: a confirmation after the removal is not this recovery's.
    const removed = recoveryTimelines(
      [attest('10-0', 'RESTART', 1)],
      [],
      [confirmation('15-3')],
      [],
      [{ id: '15-1', owner: 'A', blockNumber: 15 }],
    );
    expect(removed.map((t) => t.ready)).toEqual([false]);
  });

  it("shows escrow members' releases to a cold recovery of that incarnation", () => {
    const [timeline] = recoveryTimelines(
      [
        {
          id: '10-0',
          tssAccount: 'A',
          kind: 'RESTART',
          incarnation: 3,
          quotedBlock: null,
          blockNumber: 10,
        },
      ],
      [],
      [{ id: '14-0', owner: 'A', epoch: 4, blockNumber: 14 }],
      [
        { id: '13-1', owner: 'A', incarnation: 3, member: 'M1', blockNumber: 13 },
        { id: '12-1', owner: 'A', incarnation: 2, member: 'M2', blockNumber: 12 },
      ],
    );
    expect(timeline!.steps.map((s) => [s.step, s.provider ?? null])).toEqual([
      ['attested', null],
      ['escrow-released', 'M1'],
      ['ready', null],
    ]);
  });

  it('orders event ids by block, then index (not as strings)', () => {
    expect(compareEventIds('9-5', '10-0')).toBeLessThan(0);
    expect(compareEventIds('10-10', '10-9')).toBeGreaterThan(0);
  });
});

describe('epochTimeline', () => {
  it('closes each epoch where the next of the same registration opened; a new registration starts over', () => {
    const row = (
      registration: number,
      epoch: number,
      openedAt: number,
      confirmedAt: number | null,
    ) => ({
      registration,
      epoch,
      cause: 'ASSIGNED',
      providers: ['B'],
      threshold: 1,
      openedAt,
      openedBy: `${openedAt}-0`,
      confirmed: confirmedAt !== null,
      confirmedAt,
      holders: confirmedAt === null ? null : ['B'],
    });
    const bars = epochTimeline([row(2, 1, 50, 52), row(1, 2, 20, null), row(1, 1, 5, 7)]);
    expect(
      bars.map((b) => [b.registration, b.epoch, b.openedAt, b.closedAt, b.confirmedAt]),
    ).toEqual([
      [1, 1, 5, 20, 7],
      [1, 2, 20, null, null],
      [2, 1, 50, null, 52],
    ]);
    expect(bars[1]!.holders).toEqual([]);
  });
});
