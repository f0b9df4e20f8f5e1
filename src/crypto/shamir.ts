import { combine, split } from 'shamir-secret-sharing';
import { InvalidKeyMaterialError } from '../errors/crypto.js';

/**
 * Splits `secret` into `n` shares of which any `t` recover it (audited
 * `shamir-secret-sharing`). Fewer than `t` shares reveal nothing about the secret.
 *
 * @example
 * const shares = await splitSecret(kek, 3, 2);
 */
export async function splitSecret(secret: Uint8Array, n: number, t: number): Promise<Uint8Array[]> {
  if (!Number.isInteger(n) || !Number.isInteger(t) || t < 2 || t > n || n > 255) {
    throw new InvalidKeyMaterialError(
      'split parameters',
      `need 2 <= t <= n <= 255, got t=${t}, n=${n}`,
    );
  }
  return await split(secret, n, t);
}

/**
 * Recombines shares made by {@link splitSecret}; needs at least `t` distinct shares.
 * Refuses (with {@link InvalidKeyMaterialError}) fewer than two shares, shares of
 * different lengths, an x coordinate (last byte) of 0 — that "share" would be the secret
 * itself — and two shares with the same x.
 */
export async function combineShares(shares: Uint8Array[]): Promise<Uint8Array> {
  if (shares.length < 2)
    throw new InvalidKeyMaterialError('shares', `need at least 2, got ${shares.length}`);
  const length = shares[0]!.length;
  const xs = new Set<number>();
  for (const share of shares) {
    if (share.length !== length || length < 2)
      throw new InvalidKeyMaterialError('shares', 'all shares must have the same length (>= 2)');
    const x = share[length - 1]!;
    if (x === 0) throw new InvalidKeyMaterialError('shares', 'a share has x = 0');
    if (xs.has(x)) throw new InvalidKeyMaterialError('shares', `two shares have x = ${x}`);
    xs.add(x);
  }
  return await combine(shares);
}
