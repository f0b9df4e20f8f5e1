/**
 * What the provider benches share: one `BackupProvider` behind the real Hono app
 * (`createApp`: JSON parsing, zod schemas, the rate-limit middleware), holding one share of
 * a confirmed epoch for each of `owners` owners, over an in-memory finalized view (what
 * `watchedChainView` answers from: no chain read on the request path), verifying and
 * signing as a companion does (the native sr25519 addon when built, else schnorrkel in
 * wasm) and logging as it does (level `info`, synchronous writes, here to /dev/null).
 * Every owner has a fresh restart attestation, so each can be released to.
 */
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, randomAsU8a } from '@polkadot/util-crypto';
import pino from 'pino';
import { generateHpkeKeyPair, type HpkeKeyPair, hpkeSeal } from '../../src/crypto/hpke.js';
import { sr25519SignerFromSeed } from '../../src/crypto/signatures.js';
import { createApp } from '../../src/http/app.js';
import type { FloodGate } from '../../src/http/floodGate.js';
import type { RateLimitOptions } from '../../src/http/rateLimit.js';
import { Metrics } from '../../src/metrics.js';
import {
  BLINDING_BYTES,
  canonicalAccount,
  recoveryKeysRoot,
  releaseRequestPayload,
  shareAad,
  shareOfferPayload,
  TAGS,
} from '../../src/protocol/messages.js';
import { BackupProvider } from '../../src/provider/backupProvider.js';
import { ShareVault } from '../../src/provider/shareVault.js';
import type { AccountState } from '../../src/provider/watchedChainView.js';

/** An owner the provider holds a share for. */
export interface BenchOwner {
  pair: KeyringPair;
  restart: KeyringPair;
  keys: HpkeKeyPair[];
}

/** The provider, its app and its owners. */
export interface ProviderFixture {
  provider: BackupProvider;
  app: ReturnType<typeof createApp>;
  owners: BenchOwner[];
  /** A signed release request body for `owner` at `incarnation` (default: the current one). */
  requestOf(owner: BenchOwner, incarnation?: number): string;
  /**
   * The same request with a well-formed signature by another key (what someone who saw
   * the owner's request can send): refused with 401 after one signature check.
   */
  forgedRequestOf(owner: BenchOwner): string;
  /**
   * A forged request of an attacker who has not seen the owner's request: its current
   * incarnation, but recovery keys of its own (the chain records only their root), signed
   * by another key: refused with 403 `WRONG_RECOVERY_KEY` before any signature check.
   */
  offPathRequestOf(owner: BenchOwner): string;
  /** A request for an owner this provider does not serve: refused with 404. */
  strangerRequest(): string;
  /**
   * Moves every owner to a fresh incarnation, so that no answer comes from the
   * idempotence cache; returns it.
   */
  nextRound(): number;
}

/** Rate limits high enough never to refuse (the request path alone is measured). */
export const NO_RATE_LIMIT: Pick<RateLimitOptions, 'perClient' | 'global' | 'maxClients'> = {
  perClient: { burst: 1e9, perSecond: 1e9 },
  global: { burst: 1e9, perSecond: 1e9 },
  maxClients: 10,
};

/** Builds the provider with `owners` owners, the given rate limits and flood gate. */
export async function providerFixture(
  ownerCount: number,
  rateLimit: Pick<RateLimitOptions, 'perClient' | 'global' | 'maxClients'>,
  floodGate?: FloodGate,
): Promise<ProviderFixture> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519' });
  const genesis = randomAsU8a(32);
  const EPOCH = 2;
  const BLOCK = 100;
  const selfSeed = randomAsU8a(32);
  const self = keyring.addFromSeed(selfSeed);
  const selfSigner = sr25519SignerFromSeed(selfSeed, self.address)!;
  const selfHpke = await generateHpkeKeyPair();
  const accounts = new Map<string, AccountState>();
  // One view object for the block, as watchedChainView builds one per snapshot.
  const view = {
    block: BLOCK,
    assignment: async (o: string) => accounts.get(canonicalAccount(o))?.assignment,
    attestation: async (o: string) => accounts.get(canonicalAccount(o))?.attestation,
    restartKey: async (o: string) => accounts.get(canonicalAccount(o))?.restartKey,
  };
  const chain = {
    genesisHash: () => genesis,
    finalized: async () => view,
  };
  const vault = new ShareVault();
  const metrics = new Metrics();
  const provider = new BackupProvider({
    chain,
    signer: selfSigner,
    x25519PrivateKey: selfHpke.privateKey,
    vault,
    metrics,
    releaseWindow: 50,
  });
  const app = createApp({
    provider,
    vault,
    metrics,
    // As a provider logs (its default level, synchronously), to /dev/null: what each
    // refusal's line costs is counted, not the disk.
    logger: pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: true })),
    rateLimit,
    floodGate,
  });

  const owners: BenchOwner[] = [];
  for (let i = 0; i < ownerCount; i++) {
    const pair = keyring.addFromSeed(randomAsU8a(32));
    const restart = keyring.addFromSeed(randomAsU8a(32));
    const id = canonicalAccount(pair.address);
    accounts.set(id, {
      assignment: {
        epoch: EPOCH,
        providers: [self.address],
        confirmedEpoch: EPOCH - 1,
        confirmedAt: 10,
        confirmedProviders: [],
        confirmedCommitments: [],
      },
      restartKey: restart.publicKey,
    });
    const held = u8aConcat(randomAsU8a(32), Uint8Array.of(1), randomAsU8a(BLINDING_BYTES));
    const sealed = await hpkeSeal(
      selfHpke.publicKey,
      held,
      TAGS.shareInfo,
      shareAad(pair.address, EPOCH, self.address),
    );
    const ack = await provider.acceptShare({
      owner: pair.address,
      epoch: EPOCH,
      ...sealed,
      signature: pair.sign(
        shareOfferPayload(
          genesis,
          pair.address,
          EPOCH,
          self.address,
          sealed.enc,
          sealed.ciphertext,
        ),
      ),
    });
    const keys = [await generateHpkeKeyPair()];
    accounts.set(id, {
      assignment: {
        epoch: EPOCH,
        providers: [self.address],
        confirmedEpoch: EPOCH,
        confirmedAt: 20,
        confirmedProviders: [self.address],
        confirmedCommitments: [ack.shareCommitment],
      },
      attestation: {
        incarnation: 1,
        recoveryKeysRoot: recoveryKeysRoot(keys.map((k) => k.publicKey)),
        attestedAt: 90,
      },
      restartKey: restart.publicKey,
    });
    owners.push({ pair, restart, keys });
  }

  let incarnation = 1;
  const requestOf = (o: BenchOwner, at = incarnation) =>
    JSON.stringify({
      owner: o.pair.address,
      incarnation: at,
      recoveryKeys: o.keys.map((k) => u8aToHex(k.publicKey)),
      signature: u8aToHex(
        o.restart.sign(
          releaseRequestPayload(
            genesis,
            o.pair.address,
            at,
            recoveryKeysRoot(o.keys.map((k) => k.publicKey)),
            self.address,
          ),
        ),
      ),
    });
  return {
    provider,
    app,
    owners,
    requestOf,
    forgedRequestOf(o) {
      const body = JSON.parse(requestOf(o));
      body.signature = u8aToHex(o.pair.sign(randomAsU8a(32)));
      return JSON.stringify(body);
    },
    offPathRequestOf(o) {
      const body = JSON.parse(requestOf(o));
      body.recoveryKeys = o.keys.map(() => u8aToHex(randomAsU8a(32)));
      body.signature = u8aToHex(o.pair.sign(randomAsU8a(32)));
      return JSON.stringify(body);
    },
    strangerRequest() {
      const stranger: BenchOwner = {
        pair: keyring.addFromSeed(randomAsU8a(32)),
        restart: keyring.addFromSeed(randomAsU8a(32)),
        keys: owners[0]!.keys,
      };
      return requestOf(stranger);
    },
    nextRound() {
      incarnation += 1;
      for (const o of owners) {
        const state = accounts.get(canonicalAccount(o.pair.address))!;
        state.attestation = { ...state.attestation!, incarnation };
      }
      return incarnation;
    },
  };
}
