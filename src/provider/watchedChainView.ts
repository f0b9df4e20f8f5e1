import type { ApiPromise } from '@polkadot/api';
import type { ApiDecoration } from '@polkadot/api/types';
import type { StorageKey } from '@polkadot/types';
import type { AccountId32 } from '@polkadot/types/interfaces';
import type {
  PalletCustosAttestationAttestationRecord,
  PalletCustosBackupsBackupState,
  PalletCustosRegistryValidatorInfo,
} from '@polkadot/types/lookup';
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
import { RawStorage, type RawValues, type RuntimeId, type StorageRead } from './rawStorage.js';

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
  /**
   * Told when reading a head failed (the previous snapshot stays; the next head retries),
   * or subscribing to finalized heads did (retried after `resubscribeMs`, doubling up to
   * ten times that).
   */
  onError?: (error: unknown) => void;
  /**
   * First pause before subscribing again after a failed subscription (ms, at least 1); 500
   * if absent.
   */
  resubscribeMs?: number;
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
  const built = views.get(snapshot);
  if (built) return built;
  const get = (account: string) => {
    try {
      return snapshot.accounts.get(canonicalAccount(account));
    } catch {
      return undefined;
    }
  };
  const view: FinalizedView = {
    block: snapshot.block,
    assignment: async (owner) => get(owner)?.assignment,
    attestation: async (account) => get(account)?.attestation,
    restartKey: async (owner) => get(owner)?.restartKey,
  };
  views.set(snapshot, view);
  return view;
}

/** The refusal of a request that came before this provider read any finalized block. */
function notRead(): ProviderRefusalError {
  return new ProviderRefusalError(
    'CHAIN_NOT_READ',
    503,
    'this provider has not read a finalized block yet; retry shortly',
  );
}

/** The view of each snapshot, built once: every request reads the same snapshot's view. */
const views = new WeakMap<Snapshot, FinalizedView>();

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
  if (options.resubscribeMs !== undefined && !(options.resubscribeMs >= 1))
    throw new RangeError('watchedChainView: resubscribeMs must be at least 1');
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

  const onHead = (head: FinalizedHead) => {
    if (closed) return;
    if (!announced || head.number > announced.number) {
      announced = head;
      announcedAt.set(head, performance.now());
    }
    void catchUp();
  };
  let firstAttemptDone!: () => void;
  /** Settles once the first subscription attempt has succeeded or failed. */
  const firstAttempt = new Promise<void>((resolve) => {
    firstAttemptDone = resolve;
  });
  // A failed subscription (the node unreachable at that moment) is tried again until it
  // holds: one failure must not leave the provider without a view for good. Requests in
  // the meantime are refused with CHAIN_NOT_READ (503), never answered from nothing.
  const subscribeUntilHeld = async () => {
    const first = options.resubscribeMs ?? 500;
    for (let pause = first; !closed; pause = Math.min(pause * 2, first * 10)) {
      try {
        const stop = await source.subscribe(onHead);
        if (closed) stop();
        else unsubscribe = stop;
        return;
      } catch (error) {
        options.onError?.(error);
      } finally {
        firstAttemptDone();
      }
      await new Promise((r) => setTimeout(r, pause).unref?.());
    }
  };
  void subscribeUntilHeld();

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
      await firstAttempt;
      // Not subscribed (the subscription failed and is being tried again) and nothing read:
      // no head can arrive while waiting, so refuse now rather than after `waitMs`.
      if (!current && !unsubscribe) throw notRead();
      const target = announced?.number ?? 0;
      const snapshot =
        current && current.block >= target ? current : await atLeast(target, options.waitMs);
      if (snapshot) return viewOf(snapshot);
      if (current) return viewOf(current);
      throw notRead();
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

/** Counts of how {@link apiFinalizedSource} read its heads (for tests and logs). */
export interface FinalizedSourceStats {
  /** Heads whose own state names the runtime of the last head read: decoded without asking. */
  sameRuntime: number;
  /** Heads read after asking the node which runtime built them (two round trips more). */
  runtimeLookedUp: number;
}

type AccountRow = [
  Option<PalletCustosBackupsBackupState>,
  Vec<U8aFixed>,
  Option<PalletCustosAttestationAttestationRecord>,
  Option<AccountId32>,
];
type Server = Option<PalletCustosRegistryValidatorInfo>;

/**
 * The owner a `backups.providerOwners` key names (its second key, stored in the clear).
 * @throws Error when the key does not hold a whole account (a hasher that hides it)
 */
function ownerOf(key: StorageKey): string {
  const owner = key.args[1];
  if (owner?.toU8a().length !== 32)
    throw new Error(`backups.providerOwners key ${key.toHex()} does not name an account`);
  return owner.toHex();
}

/**
 * {@link FinalizedSource} over a typed ApiPromise (chain-types): finalized heads from
 * `chain_subscribeFinalizedHeads`, each read in one round trip in the common case. At the
 * same time it asks for the head's own `System::LastRuntimeUpgrade`, the owners assigned to
 * this provider, and the assignments, commitments, attestations and operators of the
 * accounts it read last time plus `extra`, with the server records of the operators it knew,
 * all as raw bytes. Only accounts or operators new at this head cost another round trip.
 *
 * Which runtime built a block decides how its storage decodes, and asking the node for its
 * version costs two round trips (one a wasm call on Chopsticks). So nothing is decoded until
 * the head's own `LastRuntimeUpgrade` (set by the first block a runtime builds to that
 * runtime's spec name and version) names the runtime of the last head read: then the bytes
 * are decoded under it. Otherwise they are dropped, the node is asked which runtime built
 * the head, and the head is read again under that one. Only a runtime the head's own state
 * names is ever assumed (as polkadot.js itself tells runtimes apart by spec name and
 * version; code swapped without a higher version, which FRAME's `set_code` refuses and only
 * `set_code_without_checks` allows, goes unseen by both).
 */
export function apiFinalizedSource(
  api: ApiPromise,
  self: string,
  stats: FinalizedSourceStats = { sameRuntime: 0, runtimeLookedUp: 0 },
): FinalizedSource {
  const commitmentsOf = commitmentsCache(api);
  /** Reads under the runtime the last head was read with. */
  let storage: RawStorage | undefined;
  const upgradeKey = api.query.system.lastRuntimeUpgrade.key();
  /**
   * The spec name and version `head`'s own state names (one raw storage read); undefined
   * when it names none or cannot be read, and the node is asked instead.
   */
  const namedRuntime = async (head: FinalizedHead): Promise<RuntimeId | undefined> => {
    try {
      const raw = (await api.rpc.state.getStorage.raw(upgradeKey, head.hash)) as string | null;
      if (!raw) return undefined;
      const info = api.registry.createType('FrameSystemLastRuntimeUpgradeInfo', raw);
      return { specName: info.specName.toString(), specVersion: info.specVersion.toNumber() };
    } catch {
      return undefined;
    }
  };
  /** Accounts read at the last head, and the operator of each. */
  let lastAccounts: string[] = [];
  let lastOperators = new Map<string, string>();

  const accountReads = (q: ApiDecoration<'promise'>['query'], accounts: string[]) =>
    accounts.flatMap((a): StorageRead[] => [
      [q.backups.assignments, a],
      [q.backups.confirmedCommitments, a],
      [q.attestation.attestations, a],
      [q.registry.tssOperators, a],
    ]);

  /** What one round trip brings for a head, as bytes, before its runtime is known. */
  const fetchGuess = (s: RawStorage, head: FinalizedHead, extra: string[]) => {
    const q = s.decoration.query;
    const guessed = [...new Set([...lastAccounts, ...extra.map(canonicalAccount)])];
    const knownOperators = [...new Set(guessed.flatMap((a) => lastOperators.get(a) ?? []))];
    const raw = Promise.all([
      s.keys(head.hash, q.backups.providerOwners, self),
      s.fetch(head.hash, [
        ...accountReads(q, guessed),
        ...knownOperators.map((op): StorageRead => [q.registry.validators, op]),
      ]),
    ]);
    return { guessed, knownOperators, raw };
  };
  type Guess = ReturnType<typeof fetchGuess>;

  /** Decodes a guess under `s` (the head's runtime), reads what it left out, and builds the snapshot. */
  const build = async (
    s: RawStorage,
    head: FinalizedHead,
    extra: string[],
    { guessed, knownOperators, raw }: Guess,
  ): Promise<Snapshot> => {
    const q = s.decoration.query;
    const [keys, values] = await raw;
    const assigned = keys.map((k) => ownerOf(s.decodeKey(q.backups.providerOwners, k)));
    const accounts = [...new Set([...assigned, ...extra.map(canonicalAccount)])];
    const rows = new Map<string, AccountRow>();
    const rowsOf = (accountsRead: string[], bytes: RawValues, reads: StorageRead[]) => {
      for (const [i, a] of accountsRead.entries())
        rows.set(
          a,
          [0, 1, 2, 3].map((k) =>
            s.decode(reads[i * 4 + k]![0], bytes[i * 4 + k]!),
          ) as unknown as AccountRow,
        );
    };
    rowsOf(guessed, values, accountReads(q, guessed));
    const servers = new Map<string, Server>();
    for (const [j, op] of knownOperators.entries())
      servers.set(op, s.decode<Server>(q.registry.validators, values[guessed.length * 4 + j]!));
    // Accounts assigned at this head that the guess left out.
    const missing = accounts.filter((a) => !rows.has(a));
    if (missing.length > 0) {
      const reads = accountReads(q, missing);
      rowsOf(missing, await s.fetch(head.hash, reads), reads);
    }
    const operators = new Map<string, string>();
    for (const a of accounts) {
      const op = rows.get(a)![3];
      if (op.isSome) operators.set(a, op.unwrap().toHex());
    }
    const newOperators = [...new Set(operators.values())].filter((op) => !servers.has(op));
    if (newOperators.length > 0) {
      const more = await s.fetch(
        head.hash,
        newOperators.map((op): StorageRead => [q.registry.validators, op]),
      );
      for (const [j, op] of newOperators.entries())
        servers.set(op, s.decode<Server>(q.registry.validators, more[j]!));
    }
    const snapshot: Snapshot = { block: head.number, accounts: new Map() };
    await Promise.all(
      accounts.map(async (account) => {
        const [state, stored, record] = rows.get(account)!;
        const op = operators.get(account);
        const info = op === undefined ? undefined : servers.get(op);
        const entry: AccountState = {
          restartKey: info?.isSome ? info.unwrap().server.restartKey.toU8a() : undefined,
        };
        if (state.isSome)
          entry.assignment = await assignmentViewOf(account, state.unwrap(), stored, commitmentsOf);
        if (record.isSome) entry.attestation = attestationViewOf(record.unwrap());
        snapshot.accounts.set(account, entry);
      }),
    );
    lastAccounts = accounts;
    lastOperators = operators;
    return snapshot;
  };

  return {
    genesisHash: () => api.genesisHash.toU8a(),
    subscribe: async (onHead) =>
      await api.rpc.chain.subscribeFinalizedHeads((header) =>
        onHead({ hash: header.hash.toHex(), number: header.number.toNumber() }),
      ),
    read: async (head, extra) => {
      // A registry polkadot.js has since rewritten for a newer runtime is not assumed.
      const assumed = storage?.isCurrent() ? storage : undefined;
      if (assumed) {
        const guess = fetchGuess(assumed, head, extra);
        // Settled here so that a guess dropped below never surfaces as unhandled.
        guess.raw.catch(() => undefined);
        if (assumed.isRuntime(await namedRuntime(head))) {
          const snapshot = await build(assumed, head, extra, guess);
          stats.sameRuntime += 1;
          return snapshot;
        }
      }
      const looked = new RawStorage(api, await api.at(head.hash));
      const snapshot = await build(looked, head, extra, fetchGuess(looked, head, extra));
      storage = looked;
      stats.runtimeLookedUp += 1;
      return snapshot;
    },
  };
}
