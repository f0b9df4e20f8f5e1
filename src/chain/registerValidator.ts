import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import { ChainError } from './errors.js';
import { type CollateralChoice, quoteCollateral } from './quoteCollateral.js';
import { submitAndWatch } from './submit.js';

/** Parameters of {@link registerValidator}. */
export interface RegisterValidatorParameters {
  /** The operator (stash) account: pays the fee and the bond. */
  operator: KeyringPair;
  /** The TSS server's account (SS58 or hex), distinct from the operator. */
  tssAccount: string;
  /** The server's x25519 public key (32 bytes). */
  x25519PublicKey: Uint8Array;
  /** Where its companion serves, http(s) URL. */
  endpoint: string;
  /** sr25519 public key that will sign restart attestations (32 bytes). */
  restartKey: Uint8Array;
  /** Register-context TDX quote. */
  quote: Uint8Array;
  /**
   * The trust path (see {@link CollateralChoice}): omit for the dev path; the SCALE-encoded
   * DCAP collateral, or `'cached'` for the collateral the chain caches, on the Intel path.
   */
  collateral?: CollateralChoice;
  /** Genesis hash the quote binds. */
  genesisHash: string;
  /** Recent block the quote binds. */
  block: { number: number; hash: string };
}

/** What the chain recorded. */
export interface RegisterValidatorReturnType {
  blockHash: string;
  blockNumber: number;
}

/** Errors: `DispatchFailedError` (names the pallet error), `TransactionRejectedError`, `ChainError`. */
export type RegisterValidatorErrorType = ChainError;

/**
 * Registers a validator's TSS server with a Register-context quote and waits for
 * `ValidatorRegistered`.
 *
 * @example
 * await registerValidator(api, { operator: alice, tssAccount, x25519PublicKey, endpoint,
 *   restartKey, quote, genesisHash, block });
 */
export async function registerValidator(
  api: ApiPromise,
  p: RegisterValidatorParameters,
): Promise<RegisterValidatorReturnType> {
  const tx = api.tx.registry.register(
    {
      tssAccount: p.tssAccount,
      x25519PublicKey: u8aToHex(p.x25519PublicKey),
      endpoint: p.endpoint,
      restartKey: u8aToHex(p.restartKey),
    },
    {
      quote: u8aToHex(p.quote),
      collateral: quoteCollateral(p.collateral),
      genesisHash: p.genesisHash,
      blockNumber: p.block.number,
      blockHash: p.block.hash,
    },
  );
  const inclusion = await submitAndWatch(api, tx, 'Registry', p.operator);
  if (!inclusion.events.some(({ event }) => api.events.registry.ValidatorRegistered.is(event))) {
    throw new ChainError(
      'REGISTRATION_NOT_RECORDED',
      'register included without ValidatorRegistered',
    );
  }
  return { blockHash: inclusion.blockHash, blockNumber: inclusion.blockNumber };
}
