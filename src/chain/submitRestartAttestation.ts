import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { ChainError } from './errors.js';
import { type CollateralChoice, quoteCollateral } from './quoteCollateral.js';
import { submitAndWatch } from './submit.js';

/** Domain tag the restart key signs under; the runtime's `RESTART_SIGNATURE_TAG`. */
export const RESTART_SIGNATURE_TAG = new TextEncoder().encode('custos/restart-attest1');

/** Parameters of {@link submitRestartAttestation}. */
export interface SubmitRestartAttestationParameters {
  /** The TSS account that restarted (SS58 or hex). */
  tssAccount: string;
  /** Recorded incarnation + 1. */
  incarnation: number;
  /**
   * `recoveryKeysRoot` of the ephemeral x25519 keys, one per confirmed holder (32 bytes):
   * what the quote binds and the chain records.
   */
  recoveryKeysRoot: Uint8Array;
  /** TDX quote binding all of this (DESIGN.md flow 3). */
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
  /** The account's registered restart key (sr25519). */
  restartKey: KeyringPair;
  /** Called once the node has the transaction in its pool (see `submitAndWatch`). */
  onPooled?: () => void;
}

/** What the chain recorded. */
export interface SubmitRestartAttestationReturnType {
  blockHash: string;
  blockNumber: number;
  incarnation: number;
}

/** Errors: `TransactionRejectedError` (pool refused: names the pallet error), `ChainError`. */
export type SubmitRestartAttestationErrorType = ChainError;

/** Builds the call's attestation argument (typed, SCALE-encodable). */
export function buildRestartAttestation(api: ApiPromise, p: SubmitRestartAttestationParameters) {
  return api.createType('PalletCustosAttestationRestartAttestation', {
    tssAccount: p.tssAccount,
    incarnation: p.incarnation,
    recoveryKeysRoot: u8aToHex(p.recoveryKeysRoot),
    evidence: {
      quote: u8aToHex(p.quote),
      collateral: quoteCollateral(p.collateral),
      genesisHash: p.genesisHash,
      blockNumber: p.block.number,
      blockHash: p.block.hash,
    },
  });
}

/** The bytes the restart key signs: tag ‖ blake2-256(SCALE(attestation)). */
export function restartSigningPayload(encodedAttestation: Uint8Array): Uint8Array {
  return u8aConcat(RESTART_SIGNATURE_TAG, blake2AsU8a(encodedAttestation, 256));
}

/**
 * Submits the fee-free restart attestation (an unsigned transaction authorised by the
 * restart key; the TSS account needs no funds) and waits until the chain records it.
 *
 * @example
 * const { incarnation } = await submitRestartAttestation(api, { tssAccount, incarnation: 1,
 *   recoveryKeysRoot, quote, genesisHash, block, restartKey });
 */
export async function submitRestartAttestation(
  api: ApiPromise,
  p: SubmitRestartAttestationParameters,
): Promise<SubmitRestartAttestationReturnType> {
  const attestation = buildRestartAttestation(api, p);
  const signature = p.restartKey.sign(restartSigningPayload(attestation.toU8a()));
  const tx = api.tx.attestation.attestRestart(attestation, u8aToHex(signature));
  const inclusion = await submitAndWatch(api, tx, 'Attestation', undefined, {
    onPooled: p.onPooled,
  });
  for (const { event } of inclusion.events) {
    if (api.events.attestation.RestartAttested.is(event)) {
      return {
        blockHash: inclusion.blockHash,
        blockNumber: inclusion.blockNumber,
        incarnation: event.data.incarnation.toNumber(),
      };
    }
    if (api.events.attestation.AttestationRejected.is(event)) {
      throw new ChainError(
        'ATTESTATION_REJECTED',
        'restart attestation rejected in block',
        event.data.reason.type,
      );
    }
  }
  throw new ChainError(
    'ATTESTATION_NOT_RECORDED',
    'restart attestation included without RestartAttested',
  );
}
