import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import { ChainError } from './errors.js';
import { submitAndWatch } from './submit.js';

/** Parameters of {@link uploadCollateral}. */
export interface UploadCollateralParameters {
  /** Pays the fee, refunded when the bundle is cached. */
  signer: KeyringPair;
  /** A genuine quote of a platform the bundle serves (any report data). */
  quote: Uint8Array;
  /** The SCALE-encoded collateral (`encodeCollateral`). */
  collateral: Uint8Array;
}

/** What the chain cached. */
export interface UploadCollateralReturnType {
  blockHash: string;
  blockNumber: number;
  /** FMSPC (upper-case hex) and PCK CA of the platforms the bundle serves. */
  fmspc: string;
  pckCa: 'Processor' | 'Platform';
  tcbEvaluationNumber: number;
  /** UNIX seconds: when the bundle's first part expires. */
  expiresAt: number;
}

/**
 * Uploads a collateral bundle to the attestation pallet's cache and waits for
 * `CollateralCached`. The chain verifies it against Intel's root; its refusals arrive as
 * a `DispatchFailedError` naming the pallet error (`attestation.CollateralExpired`,
 * `CollateralFmspcMismatch`, `CollateralSignatureInvalid`, `CollateralNotNewer`, ...).
 *
 * @example
 * const { fmspc, expiresAt } = await uploadCollateral(api, { signer, quote, collateral });
 */
export async function uploadCollateral(
  api: ApiPromise,
  p: UploadCollateralParameters,
): Promise<UploadCollateralReturnType> {
  const tx = api.tx.attestation.uploadCollateral(u8aToHex(p.quote), u8aToHex(p.collateral));
  const inclusion = await submitAndWatch(api, tx, 'Attestation', p.signer);
  for (const { event } of inclusion.events) {
    if (api.events.attestation.CollateralCached.is(event)) {
      const { key, tcbEvaluationNumber, expiresAt } = event.data;
      return {
        blockHash: inclusion.blockHash,
        blockNumber: inclusion.blockNumber,
        fmspc: u8aToHex(key.fmspc, undefined, false).toUpperCase(),
        pckCa: key.pckCa.type,
        tcbEvaluationNumber: tcbEvaluationNumber.toNumber(),
        expiresAt: expiresAt.toNumber(),
      };
    }
  }
  throw new ChainError('COLLATERAL_NOT_CACHED', 'upload included without CollateralCached');
}

/** The chain's current time (`Timestamp.Now`), in UNIX seconds. */
export async function chainTimeSecs(api: ApiPromise): Promise<number> {
  return Math.floor((await api.query.timestamp.now()).toNumber() / 1000);
}
