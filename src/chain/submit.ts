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
 * Looks for `txHash` among the extrinsics of block `blockHash`; returns its index and its
 * events, or undefined.
 */
async function findInBlock(
  api: ApiPromise,
  blockHash: string,
  txHash: string,
): Promise<{ index: number; events: EventRecord[] } | undefined> {
  const block = await api.rpc.chain.getBlock(blockHash);
  const index = block.block.extrinsics.findIndex((x) => x.hash.toHex() === txHash);
  if (index < 0) return undefined;
  const all = await (await api.at(blockHash)).query.system.events();
  const events = all.filter(
    ({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.toNumber() === index,
  );
  return { index, events };
}

/**
 * Submits `tx` (signed by `signer`, or unsigned when `signer` is undefined), waits until
 * it is in a block, and returns its events. Inclusion is seen through the pool's status
 * stream or, should that stream miss it (Chopsticks sometimes does), by finding the
 * transaction's hash in each block built after it was sent (an identical transaction in an
 * earlier block, such as a replayed unsigned call, is not its inclusion). Pool rejections
 * become a `TransactionRejectedError` naming the pallet error of `pallet`; a failed
 * dispatch becomes a `DispatchFailedError` naming the module error; no inclusion within
 * `timeoutMs` becomes a `ChainError` `TX_TIMEOUT`. `onPooled` is called at most once, when
 * the node has taken the transaction into its pool, and never when the pool refused it
 * or the inclusion was seen before the node's answer.
 *
 * @example
 * const { events } = await submitAndWatch(api, api.tx.registry.chill(), 'Registry', operator);
 */
export async function submitAndWatch(
  api: ApiPromise,
  tx: SubmittableExtrinsic<'promise'>,
  pallet: string,
  signer?: KeyringPair,
  { timeoutMs = 60_000, onPooled }: { timeoutMs?: number; onPooled?: () => void } = {},
): Promise<Inclusion> {
  // Blocks up to this one were built before the transaction was sent.
  const before = (await api.rpc.chain.getHeader()).number.toNumber();
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
    let unsubscribeHeads: (() => void) | undefined;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe?.();
      unsubscribeHeads?.();
      outcome();
    };
    const onIncluded = (blockHash: string, events: EventRecord[], blockNumber?: number) => {
      const failed = events.find(({ event }) => api.events.system.ExtrinsicFailed.is(event));
      if (failed && api.events.system.ExtrinsicFailed.is(failed.event)) {
        const err = failed.event.data.dispatchError;
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
      // The number comes with the inclusion when polkadot.js read the block; a round
      // trip for the header otherwise.
      if (blockNumber !== undefined) {
        finish(() => resolve({ blockHash, blockNumber, events }));
        return;
      }
      void api.rpc.chain.getHeader(blockHash).then(
        (header) =>
          finish(() => resolve({ blockHash, blockNumber: header.number.toNumber(), events })),
        (error: unknown) => finish(() => reject(error)),
      );
    };
    const onStatus = (result: import('@polkadot/types/types').ISubmittableResult) => {
      const { status } = result;
      // Chopsticks may send InBlock and Finalized before the subscription id, and the
      // provider then replays only the last one: Finalized counts as inclusion too.
      const included = status.isInBlock || status.isFinalized;
      if (result.isError && !included) {
        finish(() => reject(new ChainError('TX_DROPPED', 'transaction dropped', status.type)));
        return;
      }
      if (!included) return;
      onIncluded(
        (status.isInBlock ? status.asInBlock : status.asFinalized).toHex(),
        result.events,
        // polkadot.js hands a SubmittableResult, whose number its interface leaves out.
        (result as { blockNumber?: { toNumber(): number } }).blockNumber?.toNumber(),
      );
    };
    void api.rpc.chain
      .subscribeNewHeads((header) => {
        if (settled || header.number.toNumber() <= before) return;
        void findInBlock(api, header.hash.toHex(), tx.hash.toHex()).then(
          (found) => {
            if (found) onIncluded(header.hash.toHex(), found.events, header.number.toNumber());
          },
          () => undefined,
        );
      })
      .then(
        (unsub) => {
          if (settled) unsub();
          else unsubscribeHeads = unsub;
        },
        () => undefined,
      );
    const sent = signer ? tx.signAndSend(signer, onStatus) : tx.send(onStatus);
    sent.then(
      (unsub) => {
        // The node answered the submission with a subscription: the pool took it. Not told
        // once the inclusion was seen first (the caller has moved on).
        if (!settled) onPooled?.();
        // Settled already (seen in a new head first): close the watch at once.
        if (settled) unsub();
        else unsubscribe = unsub;
      },
      (error: unknown) => finish(() => reject(decodePoolRejection(api, pallet, error))),
    );
  });
}
