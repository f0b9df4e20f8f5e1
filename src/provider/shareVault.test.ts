import { describe, expect, it } from 'vitest';
import { ShareVault } from './shareVault.js';

describe('share vault (memory only)', () => {
  it('keeps epochs until pruned below the confirmed one, and drops an owner entirely', () => {
    const vault = new ShareVault();
    vault.put('o', 1, Uint8Array.of(1));
    vault.put('o', 2, Uint8Array.of(2));
    vault.put('p', 5, Uint8Array.of(5));
    expect(vault.size).toBe(3);
    vault.prune('o', 2);
    expect(vault.epochs('o')).toEqual([2]);
    expect(vault.get('o', 2)).toEqual(Uint8Array.of(2));
    vault.drop('p');
    expect(vault.owners()).toEqual(['o']);
    expect(vault.get('p', 5)).toBeUndefined();
  });

  it('hands out copies, so callers cannot alter or keep the held share', () => {
    const vault = new ShareVault();
    const share = Uint8Array.of(9, 9);
    vault.put('o', 1, share);
    share.fill(0);
    const copy = vault.get('o', 1)!;
    copy.fill(7);
    expect(vault.get('o', 1)).toEqual(Uint8Array.of(9, 9));
  });
});
