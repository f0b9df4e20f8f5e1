import { join } from 'node:path';
import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aEq } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import type { Logger } from 'pino';
import { acceptRollback } from '../chain/acceptRollback.js';
import { recordRelease } from '../chain/recordRelease.js';
import { type BadShareReport, reportBadShare } from '../chain/reportBadShare.js';
import { StoreVersionAnchor } from '../chain/storeVersionAnchor.js';
import { submitRestartAttestation } from '../chain/submitRestartAttestation.js';
import { type Config, providerRateLimits } from '../config.js';
import { zeroize } from '../crypto/aead.js';
import { generateHpkeKeyPair, type HpkeKeyPair } from '../crypto/hpke.js';
import { describe } from '../errors/base.js';
import {
  AttestationPendingError,
  DataDirError,
  FencedError,
  NeverBackedUpError,
  RollbackOverrideMismatchError,
  StoreRolledBackError,
} from '../errors/service.js';
import { crashPoint } from '../faults/crashPoints.js';
import { SealedStore } from '../keystore/sealedStore.js';
import { Metrics } from '../metrics.js';
import { coldPathAvailable, coldRecoverKek } from '../owner/coldRecovery.js';
import { warmUpHttpClient } from '../owner/providers.js';
import { readHolderPlan, recoverKek } from '../owner/recoverKek.js';
import { recoveryKeysRoot } from '../protocol/messages.js';
import { BackupProvider } from '../provider/backupProvider.js';
import { RECEIPT_JOURNAL_FILE, ReceiptJournal } from '../provider/receiptJournal.js';
import { ReceiptQueue } from '../provider/receiptQueue.js';
import { ShareVault } from '../provider/shareVault.js';
import {
  apiFinalizedSource,
  type WatchedChainView,
  watchedChainView,
} from '../provider/watchedChainView.js';
import { computeReportData } from '../quote/reportData.js';
import type { QuoteSource } from '../quote/sources.js';
import { apiBackupChain, BackupLoop } from './backupLoop.js';
import { apiRecordSource, FencingWatch, type FinalizedRecordSource } from './fencing.js';
import {
  apiHolderRecoveryChain,
  askEarly,
  discardEarlyRound,
  type EarlyRound,
  type HolderRecoveryDeps,
  type RecoveryOutcome,
  recoverFromHolders,
  rootEntries,
} from './holderRecovery.js';
import { type Identity, loadIdentity, restartPair } from './identity.js';
import { kekHandoff } from './kekHandoff.js';
import { type Serving, startServing } from './serving.js';

/** Lifecycle of a running node. */
export type NodeState = 'recovering' | 'backing-up' | 'ready' | 'fenced' | 'stopped';

/** Injected dependencies (no hidden singletons). */
export interface NodeDeps {
  api: ApiPromise;
  quotes: QuoteSource;
  logger: Logger;
  /** Called once when a newer incarnation fences this one (the CLI exits non-zero). */
  onFenced?: (error: FencedError) => void;
  /** Milliseconds to wait before retry `attempt` (default: 500 ms doubling, capped at 15 s). */
  backoff?: (attempt: number) => number;
}

const defaultBackoff = (attempt: number) => Math.min(500 * 2 ** attempt, 15_000);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/**
 * How long a provider request waits for the snapshot of a newer finalized block (two 6 s
 * blocks) before it is answered from what the view holds.
 */
const VIEW_WAIT_MS = 12_000;

/**
 * A running companion: unlocks its sealed store (with the KEK `custos init` handed over,
 * or by the restart flow: fee-free restart attestation → chain confirmation → shares from
 * the confirmed holders → KEK), refuses a store older than the chain's anchored version,
 * rotates the KEK after a recovery, serves the provider API and the local secret API, and
 * keeps its backup confirmed on chain. It never discards or replaces the store: while
 * fewer than t holders answer it retries, logging which failed and why.
 */
export class CompanionNode {
  state: NodeState = 'recovering';
  incarnation = 0;
  /** The store is open (its KEK itself is not kept: backups use a fresh one). */
  #keyed = false;
  /** Started with the init handoff, whose KEK is discarded once an epoch is confirmed. */
  #firstStart = false;
  /** This account's finalized attestation record, read by recovery and fencing. */
  readonly #records: FinalizedRecordSource;
  readonly #fencing: FencingWatch;
  /** The owner's backup loop: fresh KEKs, confirmed and promoted once final. */
  readonly #backups: BackupLoop;
  /** Bad-share reports not yet included or refused (a rotation waits for them). */
  #pendingReports = new Set<Promise<void>>();
  #serving: Serving | undefined;
  /** Release receipts this provider still has to record on chain. */
  /** Anchors the secret API's checkpoints; closed when the node stops or is fenced. */
  #checkpoints: StoreVersionAnchor | undefined;
  readonly #receipts = new ReceiptQueue({
    submit: async (r) => {
      await recordRelease(this.deps.api, { provider: this.identity!.tss, ...r });
    },
    backoff: (attempt) => (this.deps.backoff ?? defaultBackoff)(attempt),
    maxAttempts: 8,
    onRecorded: () => crashPoint('provider.receipt-recorded'),
    onStoreFailed: (error) =>
      this.deps.logger.warn(
        { reason: describe(error) },
        'release receipt journal not written; pending receipts are kept in memory',
      ),
    onGiveUp: (r, error) =>
      this.deps.logger.warn(
        { owner: r.owner, incarnation: r.incarnation, reason: describe(error) },
        'release receipt not recorded',
      ),
  });
  #timer: NodeJS.Timeout | undefined;
  #busy = false;
  readonly metrics = new Metrics();
  readonly vault = new ShareVault();
  readonly #chainView: WatchedChainView;

  private constructor(
    private readonly config: Config,
    private readonly deps: NodeDeps,
    private readonly store: SealedStore,
    private identity: Identity | undefined,
  ) {
    // The provider answers from finalized state read off the request path.
    this.#chainView = watchedChainView(apiFinalizedSource(deps.api, this.account), {
      alsoRead: () => [this.account, ...this.vault.owners()],
      waitMs: VIEW_WAIT_MS,
      onError: (error) =>
        deps.logger.warn(
          { reason: describe(error) },
          'finalized chain state not followed (a block not read, or the subscription to finalized heads not held; retried); the provider answers from what it read last, or 503 CHAIN_NOT_READ',
        ),
      onRead: (block, sinceAnnounced, readMs) =>
        deps.logger.debug(
          { block, ms: Math.round(sinceAnnounced), readMs: Math.round(readMs) },
          'finalized view updated',
        ),
    });
    this.#records = apiRecordSource(deps.api, this.account);
    this.#backups = new BackupLoop({
      chain: apiBackupChain(deps.api, this.account, {
        tss: () => this.identity!.tss,
        restartKey: () => this.identity!.restart.publicKey,
        storeVersion: () => this.store.version,
      }),
      store: this.store,
      logger: deps.logger,
      settleReports: async () => {
        await Promise.allSettled(this.#pendingReports);
      },
    });
    this.#fencing = new FencingWatch(this.#records, {
      current: () => this.incarnation,
      onNewer: (chainIncarnation) =>
        void this.#fence(chainIncarnation).catch((error: unknown) =>
          deps.logger.error({ reason: describe(error) }, 'stopping the fenced instance failed'),
        ),
    });
  }

  /** Opens the store and brings the node to `ready` (or keeps retrying recovery). */
  static async start(config: Config, deps: NodeDeps): Promise<CompanionNode> {
    const dir = join(config.dataDir, 'store');
    if (!SealedStore.exists(dir))
      throw new DataDirError('no sealed store', `${dir}: run custos init first`);
    const node = new CompanionNode(config, deps, SealedStore.open(dir), undefined);
    await node.#unlock();
    node.identity = await loadIdentity(node.store);
    node.#keepReceipts();
    try {
      await node.#serve();
    } catch (error) {
      // Nothing listens (LISTEN_FAILED): close the store and drop the keys before failing.
      await node.stop();
      throw error;
    }
    await node.#fencing.start();
    node.state = 'backing-up';
    node.#timer = setInterval(() => void node.tick(), config.pollMs);
    void node.tick();
    return node;
  }

  get account(): string {
    return this.store.header.tssAccount;
  }

  /**
   * Release receipts survive a restart: those a previous run still had to record are
   * queued again, and the queue keeps its pending ones in the data dir, signed with this
   * provider's key (see `ReceiptJournal`).
   */
  #keepReceipts(): void {
    const journal = new ReceiptJournal(
      join(this.config.dataDir, RECEIPT_JOURNAL_FILE),
      this.identity!.tssSigner,
      this.deps.api.genesisHash.toU8a(),
      (reason) =>
        this.deps.logger.warn({ reason }, 'release receipt journal ignored; starting empty'),
    );
    const kept = journal.load();
    this.#receipts.keepIn(journal);
    this.#receipts.restore(kept);
    if (kept.length > 0)
      this.deps.logger.info(
        { receipts: kept.length },
        'release receipts from the previous run queued again',
      );
  }

  get storeVersion(): number {
    return this.store.version;
  }

  /**
   * Opens the store: on a first start with the KEK `custos init` handed over (kept until
   * the chain confirms the first backup epoch, so a crash before that loses nothing), or
   * else by the restart flow. A node with neither a handoff nor a confirmed epoch exits
   * with {@link NeverBackedUpError} before attesting: nothing to recover, nothing spent.
   */
  async #unlock(): Promise<void> {
    const { api, logger } = this.deps;
    const record = await api.query.attestation.attestations(this.account);
    if (record.isNone)
      throw new DataDirError(
        'account never attested',
        `${this.account} is not registered on this chain`,
      );
    const confirmed = (await this.#confirmedHolderCount()) > 0;
    const handed = kekHandoff.read(this.config.kekHandoffDir, this.account);
    if (handed && !confirmed) {
      try {
        this.store.unlock(handed);
      } finally {
        zeroize(handed);
      }
      // A checkpoint may precede the first confirmation: an older store is refused here too.
      await this.#checkRollback(0);
      this.#firstStart = true;
      this.#keyed = true;
      logger.info({ account: this.account }, 'first start: KEK taken from the init handoff');
      return;
    }
    if (handed) {
      // The first epoch was confirmed before a crash: the chain's holders have the KEK.
      zeroize(handed);
      kekHandoff.discard(this.config.kekHandoffDir, this.account);
    }
    if (!confirmed) throw new NeverBackedUpError(this.account);
    const restartKey = restartPair(this.store);
    const started = Date.now();
    void warmUpHttpClient();
    let incarnation = record.unwrap().incarnation.toNumber();
    let recoveryKeys: HpkeKeyPair[] = [];
    // With an escrow committee (or a deposit a replaced one still serves): the escrow key
    // members release to if fewer than t holders are left (the cold path); its tagged
    // entry follows the holder keys in the root.
    let escrowKey: HpkeKeyPair | undefined;
    let outcome: RecoveryOutcome = 'stale';
    try {
      while (!(outcome instanceof Uint8Array)) {
        if (outcome === 'stale' || outcome === 'holders-changed') {
          // A new incarnation, with fresh keys: one per holder, so that proving one holder
          // wrong reveals only the key it sealed to.
          for (const k of recoveryKeys) zeroize(k.privateKey);
          if (escrowKey) zeroize(escrowKey.privateKey);
          incarnation += 1;
          recoveryKeys = await Promise.all(
            Array.from({ length: await this.#settledHolderCount() }, () => generateHpkeKeyPair()),
          );
          escrowKey = (await this.#readRetrying(() =>
            coldPathAvailable(this.deps.api, this.account),
          ))
            ? await generateHpkeKeyPair()
            : undefined;
        }
        // 'dropped': the same keys again. Holders may have seen their public halves in an
        // early round, but release only to a final attestation binding them, and a holder
        // is reported (revealing its key) only once the attestation is final, which a
        // dropped one never was.
        const root = recoveryKeysRoot(rootEntries(recoveryKeys, escrowKey));
        const recovery = this.#holderRecovery();
        // Whom to ask, read while the quote is made: the requests leave as soon as the
        // node has the attestation in its pool, and holders answer the moment they see it
        // final (see EarlyRound).
        const plan = readHolderPlan(this.deps.api, this.account).catch(() => undefined);
        const keys = { recoveryKeys, escrowKey, restartKey };
        let early: EarlyRound | undefined;
        let attesting = true;
        let attested: { incarnation: number; block: number };
        try {
          attested = await this.#attestRestart(incarnation, root, restartKey, started, (n) => {
            // Too late once attesting is over: recovery has taken the round it had.
            if (!attesting || early?.incarnation === n) return;
            if (early) void discardEarlyRound(early);
            early = askEarly(recovery.askHolders, this.account, { incarnation: n, ...keys }, plan);
          });
        } catch (error) {
          if (early) void discardEarlyRound(early);
          throw error;
        } finally {
          attesting = false;
        }
        incarnation = attested.incarnation;
        this.incarnation = incarnation;
        crashPoint('recovery.restart-attested');
        outcome = await recoverFromHolders(
          recovery,
          { incarnation, recoveryKeys, escrowKey, restartKey, attestedIn: attested.block },
          early,
        );
        if (outcome === 'stale')
          logger.warn(
            { incarnation, releaseWindow: this.config.releaseWindow },
            'restart attestation too old for providers to release shares; attesting again',
          );
        else if (outcome === 'dropped') {
          logger.warn(
            { incarnation },
            'restart attestation dropped with a fork (a finalized block at or past its block does not record it, nor does the best block); attesting the same incarnation again',
          );
          await sleep(this.config.pollMs);
        }
      }
    } finally {
      for (const k of recoveryKeys) zeroize(k.privateKey);
      if (escrowKey) zeroize(escrowKey.privateKey);
    }
    const kek = outcome;
    crashPoint('recovery.kek-recovered');
    let slot: 'current' | 'staged';
    try {
      slot = this.store.unlock(kek);
    } finally {
      // The store holds its data key now; the old KEK is never needed again.
      zeroize(kek);
    }
    await this.#checkRollback(incarnation);
    // The chain confirmed a rotation whose promotion a crash interrupted: finish it.
    if (slot === 'staged') this.store.promoteStagedKek();
    this.#keyed = true;
    this.#backups.requestRotation();
    crashPoint('recovery.store-unlocked');
    logger.info(
      { ms: Date.now() - started, storeVersion: this.store.version },
      'store recovered; KEK rotation pending',
    );
  }

  /**
   * How many holders the latest finalized confirmation of this account's backup names
   * (0 when no epoch was ever confirmed in a finalized block).
   */
  async #confirmedHolderCount(): Promise<number> {
    const a = await this.#finalizedAssignment();
    if (!a || a.confirmedEpoch.toNumber() === 0) return 0;
    return a.confirmedProviders.length;
  }

  /**
   * How many holders this account's confirmed epoch has, once finality has caught up with
   * the best block's confirmation: a confirmation this instance made just before it died
   * may not be final yet, and keys counted before it is final would not match the holders
   * that holders and owners read once it is (nothing else can confirm an epoch for this
   * account while it is down, so the wait ends within a few blocks).
   */
  async #settledHolderCount(): Promise<number> {
    const { api, logger } = this.deps;
    for (let attempt = 0; ; attempt++) {
      const [best, final] = await this.#readRetrying(() =>
        Promise.all([api.query.backups.assignments(this.account), this.#finalizedAssignment()]),
      );
      const bestEpoch = best.isSome ? best.unwrap().confirmedEpoch.toNumber() : 0;
      if ((final?.confirmedEpoch.toNumber() ?? 0) >= bestEpoch)
        return this.#readRetrying(() => this.#confirmedHolderCount());
      if (attempt === 0)
        logger.info(
          { bestEpoch, finalizedEpoch: final?.confirmedEpoch.toNumber() ?? 0 },
          'waiting for the latest backup confirmation to be final before attesting',
        );
      await sleep(this.config.pollMs);
    }
  }

  /**
   * `read()`, retried every two seconds while it fails (a node restarting under this
   * companion), logging each failure: recovery must outlast its node, not die with it.
   */
  async #readRetrying<T>(read: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await read();
      } catch (error) {
        this.deps.logger.warn({ reason: describe(error) }, 'chain not readable; retrying');
        await sleep(2000);
      }
    }
  }

  /** This account's backup assignment at the finalized head, if it has one. */
  async #finalizedAssignment() {
    const { api } = this.deps;
    const at = await api.at(await api.rpc.chain.getFinalizedHead());
    const state = await at.query.backups.assignments(this.account);
    return state.isSome ? state.unwrap() : undefined;
  }

  /**
   * Gets `incarnation` attested on chain with `root` (the recovery keys' root) bound
   * (fee-free), retrying until it lands. Throws {@link FencedError} if another instance
   * took that incarnation in a finalized block (one only in the best chain may still be
   * dropped: it is waited out). The chain accepts only its recorded incarnation + 1, so if
   * the record turns out lower than the caller thought (the record it counted from was on a
   * dropped fork), the attestation takes the incarnation the chain expects. Resolves to the
   * incarnation attested and the number of the block that records it (as the node this
   * companion talks to sees it).
   */
  async #attestRestart(
    wanted: number,
    root: Uint8Array,
    restartKey: KeyringPair,
    started: number,
    onPooled?: (incarnation: number) => void,
  ): Promise<{ incarnation: number; block: number }> {
    const { api, logger } = this.deps;
    const backoff = this.deps.backoff ?? defaultBackoff;
    let incarnation = wanted;
    for (let attempt = 0; ; attempt++) {
      try {
        // An earlier attempt may have landed although we saw it dropped; another instance
        // may have attested meanwhile.
        const now = (await api.query.attestation.attestations(this.account)).unwrap();
        const recorded = now.incarnation.toNumber();
        if (recorded >= incarnation) {
          if (recorded === incarnation && u8aEq(now.recoveryKeysRoot.toU8a(), root))
            return { incarnation, block: now.attestedAt.toNumber() };
          const final = await this.#records.recordAt();
          if (
            final.incarnation > incarnation ||
            (final.incarnation === incarnation && !u8aEq(final.recoveryKeysRoot, root))
          )
            throw new FencedError(incarnation, final.incarnation);
          throw new AttestationPendingError(recorded);
        }
        incarnation = recorded + 1;
        const attempted = incarnation;
        // Bind the quote to a finalized block: it cannot be dropped by a reorg.
        const header = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
        const quote = await this.deps.quotes.getQuote(
          computeReportData({
            context: 'restart',
            genesisHash: api.genesisHash.toU8a(),
            tssAccount: decodeAddress(this.account),
            publicKey: root,
            restartKey: restartKey.publicKey,
            incarnation,
            blockNumber: header.number.toNumber(),
            blockHash: header.hash.toU8a(),
          }),
        );
        const result = await submitRestartAttestation(api, {
          tssAccount: this.account,
          incarnation,
          recoveryKeysRoot: root,
          quote,
          genesisHash: api.genesisHash.toHex(),
          block: { number: header.number.toNumber(), hash: header.hash.toHex() },
          restartKey,
          onPooled: () => onPooled?.(attempted),
        });
        logger.info(
          { incarnation, block: result.blockNumber, ms: Date.now() - started },
          'restart attested',
        );
        return { incarnation, block: result.blockNumber };
      } catch (error) {
        if (error instanceof FencedError) throw error;
        logger.warn(
          { attempt, reason: describe(error) },
          'restart attestation not accepted yet; retrying',
        );
        await sleep(backoff(attempt));
      }
    }
  }

  /** Recovery through the holders, wired to this companion's chain connection. */
  #holderRecovery(): HolderRecoveryDeps {
    const { api, logger } = this.deps;
    return {
      chain: apiHolderRecoveryChain(api, this.account, (hash) => this.#records.recordAt(hash)),
      askHolders: (p) => recoverKek(api, p),
      recoverCold: async (attempt) =>
        await coldRecoverKek(api, {
          owner: this.account,
          incarnation: attempt.incarnation,
          restartKey: attempt.restartKey,
          recoveryKeys: attempt.recoveryKeys,
          escrowKey: attempt.escrowKey,
          logger,
          pollMs: this.config.pollMs,
        }),
      reportBadShare: (report) => {
        const pending = this.#reportBadShare(report);
        this.#pendingReports.add(pending);
        void pending.finally(() => this.#pendingReports.delete(pending));
      },
      logger,
      account: this.account,
      pollMs: this.config.pollMs,
      releaseWindow: this.config.releaseWindow,
      backoff: this.deps.backoff ?? defaultBackoff,
      sleep,
    };
  }

  /**
   * Puts the proof that a holder released a bad share on chain (fee-free; the chain checks
   * it and refuses a false one), logging the outcome once. Never throws: recovery goes on
   * from the other holders either way. Zeroises the revealed key copy when done.
   */
  async #reportBadShare(report: BadShareReport): Promise<void> {
    const { api, logger } = this.deps;
    try {
      const proven = await reportBadShare(api, report);
      logger.warn(
        {
          code: 'BAD_SHARE_REPORTED',
          provider: report.provider,
          incarnation: report.incarnation,
          kind: proven.kind,
          block: proven.blockNumber,
        },
        'the chain checked and recorded the proof of a bad share',
      );
    } catch (error) {
      logger.error(
        { code: 'BAD_SHARE_REPORT_FAILED', provider: report.provider, reason: describe(error) },
        'the proof of a bad share was not recorded on chain',
      );
    } finally {
      zeroize(report.revealedKey);
    }
  }

  /**
   * Refuses a store older than the chain's anchored version, unless the operator named
   * exactly this store's version with `--accept-rollback`: then the chain records it
   * (`RollbackAccepted`) before the store is used.
   */
  async #checkRollback(incarnation: number): Promise<void> {
    const { api, logger } = this.deps;
    const state = await api.query.backups.assignments(this.account);
    const anchored = state.isSome ? state.unwrap().confirmedStoreVersion.toBigInt() : 0n;
    const local = this.store.version;
    const named = this.config.acceptRollback;
    if (BigInt(local) >= anchored) {
      if (named !== undefined)
        logger.warn(
          { local, anchored },
          '--accept-rollback given but the store is current; ignored',
        );
      return;
    }
    if (named === undefined) {
      const error = new StoreRolledBackError(local, anchored);
      logger.error({ code: error.code, local, anchored: anchored.toString() }, error.details);
      throw error;
    }
    if (named !== local) throw new RollbackOverrideMismatchError(named, local, anchored);
    const identity = await loadIdentity(this.store);
    const result = await acceptRollback(api, {
      owner: identity.tss,
      incarnation,
      storeVersion: BigInt(local),
    });
    logger.warn(
      { local, anchored: anchored.toString(), block: result.blockNumber },
      'operator accepted a rollback; recorded on chain (RollbackAccepted)',
    );
  }

  async #serve(): Promise<void> {
    const { api, logger } = this.deps;
    const identity = this.identity!;
    this.#checkpoints?.close();
    const checkpoints = new StoreVersionAnchor(api, identity.tss, {
      localVersion: () => BigInt(this.store.version),
    });
    this.#checkpoints = checkpoints;
    const provider = new BackupProvider({
      chain: this.#chainView,
      signer: identity.tssSigner,
      x25519PrivateKey: identity.x25519PrivateKey,
      vault: this.vault,
      metrics: this.metrics,
      releaseWindow: this.config.releaseWindow,
      // Receipts go on chain after the answer, never on the request path.
      onReleased: (owner, incarnation) => this.#receipts.enqueue({ owner, incarnation }),
    });
    this.#serving = await startServing({
      provider,
      vault: this.vault,
      metrics: this.metrics,
      logger,
      rateLimit: providerRateLimits(this.config),
      providerHost: this.config.providerHost,
      providerPort: this.config.providerPort,
      secretApi:
        this.config.secretApiPort > 0 && this.config.secretApiToken
          ? {
              port: this.config.secretApiPort,
              store: this.store,
              token: this.config.secretApiToken,
              anchor: (version) => checkpoints.anchor(BigInt(version)),
            }
          : undefined,
    });
  }

  async #fence(chainIncarnation: number): Promise<void> {
    if (this.state === 'fenced' || this.state === 'stopped') return;
    const error = new FencedError(this.incarnation, chainIncarnation);
    this.deps.logger.error({ code: error.code }, `${error.message}: ${error.details}`);
    await this.stop('fenced');
    this.deps.onFenced?.(error);
  }

  /** One round: fencing check, then back up if the chain opened an epoch (or after recovery). */
  async tick(): Promise<void> {
    if (this.#busy || this.state === 'fenced' || this.state === 'stopped') return;
    this.#busy = true;
    const { logger } = this.deps;
    try {
      // The fallback of the finalized-head watch: a newer incarnation fences (once).
      if ((await this.#fencing.check()) > this.incarnation) return;
      await this.#pruneHeldShares();
      if (this.#firstStart && (await this.#confirmedHolderCount()) > 0) {
        // The chain's holders have the KEK now, final: the init handoff has done its job.
        kekHandoff.discard(this.config.kekHandoffDir, this.account);
        this.#firstStart = false;
        crashPoint('first-start.handoff-discarded');
      }
      const state = await this.#backups.round(
        () => this.#keyed,
        () => this.#setRunningState('backing-up'),
      );
      if (state) this.#setRunningState(state);
    } catch (error) {
      logger.warn({ reason: describe(error) }, 'backup round failed; retrying');
    } finally {
      this.#busy = false;
    }
  }

  /** Sets `state`, unless the node stopped or was fenced meanwhile (those are final). */
  #setRunningState(state: 'backing-up' | 'ready'): void {
    if (this.state !== 'stopped' && this.state !== 'fenced') this.state = state;
  }

  /**
   * Provider side of two-phase changes: once an owner confirmed a newer epoch, shares of
   * older epochs are dropped; if this provider is not a holder of the confirmed epoch and
   * not assigned to the open one, or the owner left, all its shares are dropped.
   */
  async #pruneHeldShares(): Promise<void> {
    const owners = this.vault.owners();
    if (owners.length === 0) return;
    const self = decodeAddress(this.identity!.tss.address);
    const view = await this.#chainView.finalized();
    for (const owner of owners) {
      // One owner whose confirmation cannot be read must not stop this node's own backups.
      const a = await view.assignment(owner).catch((error: unknown) => {
        this.deps.logger.warn({ owner, reason: describe(error) }, 'held shares not settled');
        return null;
      });
      if (a === null) continue;
      if (!a) {
        this.vault.drop(owner);
        continue;
      }
      const mine = (p: string) => u8aEq(decodeAddress(p), self);
      const index = a.confirmedProviders.findIndex(mine);
      if (index < 0 && !a.providers.some(mine)) this.vault.drop(owner);
      else
        this.vault.settle(owner, a.confirmedEpoch, a.confirmedCommitments[index], [
          a.epoch,
          a.epoch + 1,
        ]);
    }
  }

  /**
   * Stops serving, drops the KEK (zeroised), closes the store. Open connections get
   * {@link STOP_GRACE_MS} to finish (none when fenced: a fenced instance must stop serving
   * at once); then they are cut, so a client holding a half-sent request cannot keep the
   * stop from completing.
   */
  async stop(state: NodeState = 'stopped'): Promise<void> {
    if (this.state === 'stopped' || this.state === 'fenced') return;
    this.state = state;
    clearInterval(this.#timer);
    this.#fencing.stop();
    this.#chainView.close();
    this.#receipts.stop();
    this.#checkpoints?.close();
    await this.#serving?.stop(state === 'fenced');
    this.identity?.tssSigner.zeroize?.();
    this.#backups.forget();
    this.#keyed = false;
    await this.store.close();
  }
}
