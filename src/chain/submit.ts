import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { EventRecord } from '@polkadot/types/interfaces';
import { ChainError, DispatchFailedError, decodePoolRejection } from './errors.js';

/** What an included extrinsic produced. */
export interface Inclusion {
  blockHash: string;
  blockNumber: number;
  /** Events of this extrinsic only. */
  events: EventRecord[];
}

/**
 * Submits `tx` (signed by `signer`, or unsigned when `signer` is undefined), waits until
 * it is in a block, and returns its events. Pool rejections become a
 * `TransactionRejectedError` naming the pallet error of `pallet`; a failed dispatch
 * becomes a `DispatchFailedError` naming the module error; no inclusion within `timeoutMs`
 * becomes a `ChainError` `TX_TIMEOUT`.
 *
 * @example
 * const { events } = await submitAndWatch(api, api.tx.registry.chill(), 'Registry', operator);
 */
export async function submitAndWatch(
  api: ApiPromise,
  tx: SubmittableExtrinsic<'promise'>,
  pallet: string,
  signer?: KeyringPair,
  timeoutMs = 60_000,
): Promise<Inclusion> {
  return await new Promise<Inclusion>((resolve, reject) => {
    let unsubscribe: (() => void) | undefined;
    let settled = false;
    // A transaction the pool keeps but never includes must not block its caller forever.
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(new ChainError('TX_TIMEOUT', 'transaction not included', `after ${timeoutMs} ms`)),
        ),
      timeoutMs,
    );
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe?.();
      outcome();
    };
    const onStatus = (result: import('@polkadot/types/types').ISubmittableResult) => {
      if (result.isError && !result.status.isInBlock) {
        finish(() =>
          reject(new ChainError('TX_DROPPED', 'transaction dropped', result.status.type)),
        );
        return;
      }
      if (!result.status.isInBlock) return;
      const blockHash = result.status.asInBlock.toHex();
      if (result.dispatchError) {
        const err = result.dispatchError;
        if (err.isModule) {
          const meta = api.registry.findMetaError(err.asModule);
          finish(() =>
            reject(new DispatchFailedError(`${meta.section}.${meta.name}`, meta.docs.join(' '))),
          );
        } else {
          finish(() =>
            reject(new ChainError('DISPATCH_FAILED', 'extrinsic failed', err.toString())),
          );
        }
        return;
      }
      void api.rpc.chain.getHeader(blockHash).then(
        (header) =>
          finish(() =>
            resolve({ blockHash, blockNumber: header.number.toNumber(), events: result.events }),
          ),
        (error: unknown) => finish(() => reject(error)),
      );
    };
    const sent = signer ? tx.signAndSend(signer, onStatus) : tx.send(onStatus);
    sent.then(
      (unsub) => {
        unsubscribe = unsub;
      },
      (error: unknown) => finish(() => reject(decodePoolRejection(api, pallet, error))),
    );
  });
}
