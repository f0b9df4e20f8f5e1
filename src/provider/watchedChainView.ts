import type { ApiPromise } from '@polkadot/api';
import type { ApiDecoration, QueryableStorageMultiArg } from '@polkadot/api/types';
import type { AccountId32 } from '@polkadot/types/interfaces';
import type {
  PalletCustosAttestationAttestationRecord,
  PalletCustosBackupsBackupState,
  PalletCustosRegistryValidatorInfo,
} from '@polkadot/types/lookup';
import type { Codec } from '@polkadot/types/types';
import type { Option, U8aFixed, Vec } from '@polkadot/types-codec';
import { ProviderRefusalError } from '../errors/provider.js';
import { canonicalAccount } from '../protocol/messages.js';
import {
  type AssignmentView,
  type AttestationView,
  assignmentViewOf,
  attestationViewOf,
  commitmentsCache,
  type FinalizedView,
  type ProviderChainView,
} from './chainView.js';

/** A finalized block a source announced. */
export interface FinalizedHead {
  hash: string;
  number: number;
}

/** What one finalized block says about one account (absent fields: nothing on chain). */
export interface AccountState {
  assignment?: AssignmentView;
  attestation?: AttestationView;
  restartKey?: Uint8Array;
}

/** Every account a provider answers for, read at one finalized block. */
export interface Snapshot {
  block: number;
  /** By canonical account (0x-hex public key). */
  accounts: Map<string, AccountState>;
}

/** Where a {@link watchedChainView} gets finalized heads and reads them. */
export interface FinalizedSource {
  genesisHash(): Uint8Array;
  /** Calls `onHead` for every finalized head from now on; resolves to an unsubscribe. */
  subscribe(onHead: (head: FinalizedHead) => void): Promise<() => void>;
  /**
   * Reads `head` for the owners the chain assigns to this provider at that block, plus
   * `extra` accounts (owners it holds shares of, itself).
   */
  read(head: FinalizedHead, extra: string[]): Promise<Snapshot>;
}

/** Options of {@link watchedChainView}. */
export interface WatchedChainViewOptions {
  /** Accounts to read besides the assigned owners: this provider, owners it holds shares of. */
  alsoRead: () => string[];
  /** How long {@link WatchedChainView.newer} waits for a newer finalized block (ms). */
  waitMs: number;
  /** Told when reading a head failed (the previous snapshot stays; the next head retries). */
  onError?: (error: unknown) => void;
  /**
   * Told when a head's snapshot is in use: its number, how many milliseconds after the
   * head was announced, and how many of those the read took.
   */
  onRead?: (block: number, sinceAnnounced: number, readMs: number) => void;
}

/** A provider chain view that answers from memory. */
export interface WatchedChainView extends ProviderChainView {
  /** Stops following the chain; later calls to `finalized()` keep the last snapshot. */
  close(): void;
}

/** A view of one snapshot: accounts it does not hold read as absent (no chain read). */
function viewOf(snapshot: Snapshot): FinalizedView {
  const get = (account: string) => {
    try {
      return snapshot.accounts.get(canonicalAccount(account));
    } catch {
      return undefined;
    }
  };
  return {
    block: snapshot.block,
    assignment: async (owner) => get(owner)?.assignment,
    attestation: async (account) => get(account)?.attestation,
    restartKey: async (owner) => get(owner)?.restartKey,
  };
}

/**
 * {@link ProviderChainView} kept current by finalized-head notifications: on every
 * finalized head it reads, off the request path, the owners the chain assigns to this
 * provider, the owners it holds shares of and itself, and swaps in the new snapshot. A
 * request never reads the chain: an account outside the snapshot reads as absent (so a
 * forged request for a stranger costs no chain work), and `finalized()` never answers from
 * a block older than the newest finalized head already announced (it waits for that
 * block's snapshot instead). `newer(block)` lets a request that names chain state newer
 * than the snapshot wait, up to `waitMs`, for the next finalized block. Heads that arrive
 * while a read is running are coalesced: only the newest is read next.
 *
 * @example
 * const chain = watchedChainView(apiFinalizedSource(api, self), { alsoRead, waitMs: 6000 });
 * const view = await chain.finalized(); // no RPC on this path
 */
export function watchedChainView(
  source: FinalizedSource,
  options: WatchedChainViewOptions,
): WatchedChainView {
  let current: Snapshot | undefined;
  /** Newest head announced; `current` catches up to it. */
  let announced: FinalizedHead | undefined;
  /** When each head was announced (kept only while it is the newest or being read). */
  const announcedAt = new WeakMap<FinalizedHead, number>();
  let reading = false;
  let closed = false;
  let unsubscribe: (() => void) | undefined;
  /** Callers waiting for a snapshot at or above a block. */
  const waiters = new Set<{ block: number; resolve: (s: Snapshot | undefined) => void }>();

  const settleWaiters = () => {
    for (const w of waiters) {
      if (current && current.block >= w.block) {
        waiters.delete(w);
        w.resolve(current);
      }
    }
  };

  const catchUp = async () => {
    if (reading) return;
    reading = true;
    try {
      while (!closed && announced && (!current || current.block < announced.number)) {
        const head = announced;
        try {
          const started = performance.now();
          const next = await source.read(head, options.alsoRead());
          if (!current || next.block > current.block) current = next;
          settleWaiters();
          const now = performance.now();
          options.onRead?.(next.block, now - (announcedAt.get(head) ?? started), now - started);
        } catch (error) {
          options.onError?.(error);
          // Keep the older snapshot; the next announced head tries again.
          if (announced === head) break;
        }
      }
    } finally {
      reading = false;
    }
  };

  const subscribed = source
    .subscribe((head) => {
      if (closed) return;
      if (!announced || head.number > announced.number) {
        announced = head;
        announcedAt.set(head, performance.now());
      }
      void catchUp();
    })
    .then((stop) => {
      if (closed) stop();
      else unsubscribe = stop;
    });

  /** Resolves with the first snapshot at or above `block`, or undefined after `ms`. */
  const atLeast = (block: number, ms: number): Promise<Snapshot | undefined> => {
    if (current && current.block >= block) return Promise.resolve(current);
    return new Promise((resolve) => {
      const waiter = {
        block,
        resolve: (s: Snapshot | undefined) => {
          clearTimeout(timer);
          resolve(s);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        resolve(undefined);
      }, ms);
      timer.unref?.();
      waiters.add(waiter);
    });
  };

  return {
    genesisHash: () => source.genesisHash(),
    finalized: async () => {
      await subscribed;
      const target = announced?.number ?? 0;
      const snapshot =
        current && current.block >= target ? current : await atLeast(target, options.waitMs);
      if (snapshot) return viewOf(snapshot);
      if (current) return viewOf(current);
      throw new ProviderRefusalError(
        'CHAIN_NOT_READ',
        503,
        'this provider has not read a finalized block yet; retry shortly',
      );
    },
    newer: async (than) => {
      const snapshot = await atLeast(than + 1, options.waitMs);
      return snapshot ? viewOf(snapshot) : undefined;
    },
    close: () => {
      closed = true;
      unsubscribe?.();
      for (const w of waiters) w.resolve(undefined);
      waiters.clear();
    },
  };
}

/** One `state_queryStorageAt` round trip for several (storage entry, key) pairs at `at`. */
async function multi(at: ApiDecoration<'promise'>, calls: [unknown, unknown][]): Promise<Codec[]> {
  return (await at.queryMulti(
    calls as unknown as QueryableStorageMultiArg<'promise'>[],
  )) as unknown as Codec[];
}

/**
 * {@link FinalizedSource} over a typed ApiPromise (chain-types): finalized heads from
 * `chain_subscribeFinalizedHeads`, and each head read in three round trips whatever the
 * number of owners (the assigned owners' keys, one `queryMulti` for assignments,
 * commitments, attestations and operators, one for the operators' server records).
 */
export function apiFinalizedSource(api: ApiPromise, self: string): FinalizedSource {
  const commitmentsOf = commitmentsCache(api);
  return {
    genesisHash: () => api.genesisHash.toU8a(),
    subscribe: async (onHead) =>
      await api.rpc.chain.subscribeFinalizedHeads((header) =>
        onHead({ hash: header.hash.toHex(), number: header.number.toNumber() }),
      ),
    read: async (head, extra) => {
      const at = await api.at(head.hash);
      const assigned = (await at.query.backups.providerOwners.keys(self)).map((k) =>
        k.args[1].toHex(),
      );
      const accounts = [...new Set([...assigned, ...extra.map(canonicalAccount)])];
      const values = await multi(
        at,
        accounts.flatMap((a) => [
          [at.query.backups.assignments, a],
          [at.query.backups.confirmedCommitments, a],
          [at.query.attestation.attestations, a],
          [at.query.registry.tssOperators, a],
        ]),
      );
      type Row = [
        Option<PalletCustosBackupsBackupState>,
        Vec<U8aFixed>,
        Option<PalletCustosAttestationAttestationRecord>,
        Option<AccountId32>,
      ];
      const rows = accounts.map((_, i) => values.slice(i * 4, i * 4 + 4) as unknown as Row);
      const operators = rows.map(([, , , op]) => (op.isSome ? op.unwrap() : undefined));
      const withOperator = operators.flatMap((op, i) => (op ? [{ op, i }] : []));
      const servers = withOperator.length
        ? await multi(
            at,
            withOperator.map(({ op }) => [at.query.registry.validators, op]),
          )
        : [];
      const restartKeys = new Map<number, Uint8Array>();
      withOperator.forEach(({ i }, j) => {
        const info = servers[j] as Option<PalletCustosRegistryValidatorInfo>;
        if (info.isSome) restartKeys.set(i, info.unwrap().server.restartKey.toU8a());
      });
      const snapshot: Snapshot = { block: head.number, accounts: new Map() };
      await Promise.all(
        accounts.map(async (account, i) => {
          const [state, stored, record] = rows[i]!;
          const entry: AccountState = { restartKey: restartKeys.get(i) };
          if (state.isSome)
            entry.assignment = await assignmentViewOf(
              account,
              state.unwrap(),
              stored,
              commitmentsOf,
            );
          if (record.isSome) entry.attestation = attestationViewOf(record.unwrap());
          snapshot.accounts.set(account, entry);
        }),
      );
      return snapshot;
    },
  };
}
