import { u8aToHex } from '@polkadot/util';

/**
 * Which trust path a quote takes, as callers choose it: `undefined` for the dev path, the
 * SCALE-encoded DCAP collateral for the Intel path with the collateral in the call, or
 * `'cached'` for the Intel path with the collateral the chain caches for the quote's
 * platform (`custos collateral` uploads it).
 */
export type CollateralChoice = Uint8Array | 'cached' | undefined;

/** The runtime's `QuoteCollateral` enum value for `choice`, as polkadot.js encodes it. */
export function quoteCollateral(
  choice: CollateralChoice,
): 'Dev' | 'IntelCached' | { Intel: string } {
  if (choice === undefined) return 'Dev';
  if (choice === 'cached') return 'IntelCached';
  return { Intel: u8aToHex(choice) };
}
