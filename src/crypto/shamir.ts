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

/** Recombines shares made by {@link splitSecret}; needs at least `t` distinct shares. */
export async function combineShares(shares: Uint8Array[]): Promise<Uint8Array> {
  if (shares.length < 2)
    throw new InvalidKeyMaterialError('shares', `need at least 2, got ${shares.length}`);
  return await combine(shares);
}
