import { describe, expect, it } from 'vitest';
import { MAX_CANDIDATES_PER_EPOCH, MAX_EPOCHS_PER_OWNER, ShareVault } from './shareVault.js';

const c = (n: number) => new Uint8Array(32).fill(n);

describe('share vault (memory only)', () => {
  it('never replaces a held share; settle keeps only the confirmed one and newer epochs', () => {
    const vault = new ShareVault();
    expect(vault.offer('o', 1, c(1), Uint8Array.of(1))).toBe('stored');
    expect(vault.offer('o', 2, c(2), Uint8Array.of(2))).toBe('stored');
    expect(vault.offer('o', 2, c(2), Uint8Array.of(9))).toBe('already-held');
    expect(vault.offer('o', 2, c(3), Uint8Array.of(3))).toBe('stored');
    expect(vault.offer('o', 3, c(4), Uint8Array.of(4))).toBe('stored');
    expect(vault.get('o', 2, c(2))).toEqual(Uint8Array.of(2));
    vault.settle('o', 2, c(3));
    expect(vault.epochs('o')).toEqual([2, 3]);
    expect(vault.get('o', 2, c(2))).toBeUndefined();
    expect(vault.get('o', 2, c(3))).toEqual(Uint8Array.of(3));
    expect(vault.size).toBe(2);
    vault.drop('o');
    expect(vault.owners()).toEqual([]);
  });

  it('drops pending epochs the chain can no longer confirm', () => {
    const vault = new ShareVault();
    vault.offer('o', 2, c(1), Uint8Array.of(1));
    vault.offer('o', 3, c(2), Uint8Array.of(2));
    vault.offer('o', 4, c(3), Uint8Array.of(3));
    // Confirmed 2, open 5: epochs 3 and 4 were abandoned.
    vault.settle('o', 2, c(1), [5, 6]);
    expect(vault.epochs('o')).toEqual([2]);
  });

  it('bounds candidates per epoch and epochs per owner', () => {
    const vault = new ShareVault();
    for (let i = 0; i < MAX_CANDIDATES_PER_EPOCH; i++)
      expect(vault.offer('o', 1, c(i), Uint8Array.of(i))).toBe('stored');
    expect(vault.offer('o', 1, c(200), Uint8Array.of(0))).toBe('too-many-candidates');
    for (let e = 2; e <= MAX_EPOCHS_PER_OWNER; e++)
      expect(vault.offer('o', e, c(1), Uint8Array.of(1))).toBe('stored');
    expect(vault.offer('o', MAX_EPOCHS_PER_OWNER + 1, c(1), Uint8Array.of(1))).toBe(
      'too-many-epochs',
    );
  });

  it('hands out copies, so callers cannot alter or keep the held share', () => {
    const vault = new ShareVault();
    const share = Uint8Array.of(9, 9);
    vault.offer('o', 1, c(1), share);
    share.fill(0);
    const copy = vault.get('o', 1, c(1))!;
    copy.fill(7);
    expect(vault.get('o', 1, c(1))).toEqual(Uint8Array.of(9, 9));
  });
});
