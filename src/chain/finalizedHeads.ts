import type { ApiPromise } from '@polkadot/api';

/**
 * Waits until the node announces a finalized head numbered above `after`, or `maxMs` has
 * passed, whichever comes first: a wait for finality that ends when finality moves rather
 * than on the next poll. Resolves with that head's hash (so that the caller reads at it
 * without asking for the finalized head again), or undefined after `maxMs`. Never rejects; if the subscription cannot be opened it just waits
 * `maxMs`. The subscription is always closed: when the wait ends, or, if the node had not
 * answered the subscription by then, as soon as it does.
 *
 * @example
 * // Not final yet: check again as soon as finality moves (at the latest in 1 s).
 * await nextFinalizedHead(api, final.block, 1_000);
 */
export async function nextFinalizedHead(
  api: ApiPromise,
  after: number,
  maxMs: number,
): Promise<string | undefined> {
  let settle: (hash?: string) => void = () => undefined;
  const done = new Promise<string | undefined>((resolve) => {
    settle = resolve;
  });
  const timer = setTimeout(() => settle(undefined), maxMs);
  // polkadot.js resolves the subscription only with its first notification: the timer
  // must be able to end the wait before that, and a late subscription is closed at once.
  const subscribed = api.rpc.chain
    .subscribeFinalizedHeads((header) => {
      if (header.number.toNumber() > after) settle(header.hash.toHex());
    })
    .then(
      (unsub) => unsub as unknown as () => void,
      () => undefined, // No subscription: the timer alone ends the wait.
    );
  try {
    return await done;
  } finally {
    clearTimeout(timer);
    void subscribed.then((unsubscribe) => unsubscribe?.());
  }
}
