import { describe, expect, it } from 'vitest';
import { type HolderPlan, planMatches } from './recoverKek.js';

const plan: HolderPlan = {
  epoch: 4,
  confirmedAt: 120,
  threshold: 2,
  holders: [{ provider: 'a', commitment: new Uint8Array(32), endpoint: 'http://127.0.0.1:1' }],
};
const confirmation = (epoch: number, confirmedAt: number) => ({ epoch, confirmedAt });

describe('planMatches', () => {
  it('keeps a plan only for the confirmation it was read for', () => {
    expect(planMatches(plan, confirmation(4, 120))).toBe(true);
    // A later epoch: other holders, threshold or commitments.
    expect(planMatches(plan, confirmation(5, 130))).toBe(false);
    // The same epoch number confirmed in another block: a later registration's epoch.
    expect(planMatches(plan, confirmation(4, 300))).toBe(false);
  });
});
