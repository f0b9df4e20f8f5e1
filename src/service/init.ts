import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiPromise } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { randomAsU8a } from '@polkadot/util-crypto';
import type { Config } from '../config.js';
import { zeroize } from '../crypto/aead.js';
import { generateHpkeKeyPair } from '../crypto/hpke.js';
import { SealedStore } from '../keystore/sealedStore.js';
import { computeReportData } from '../quote/reportData.js';
import type { QuoteSource } from '../quote/sources.js';
import { KEY_ENTRIES, pairFromSeed } from './identity.js';
import { kekHandoff } from './kekHandoff.js';

/** The public registration payload `custos init` writes and `custos register` submits. */
export interface RegistrationPayload {
  tssAccount: string;
  x25519PublicKey: string;
  endpoint: string;
  restartKey: string;
  quote: string;
  genesisHash: string;
  block: { number: number; hash: string };
}

/** File name of the registration payload in the data directory. */
export const REGISTRATION_FILE = 'registration.json';

/**
 * `custos init`: creates the TSS key, the restart key, the x25519 key and the sealed store
 * (keys inside its `node` namespace, sealed under a fresh KEK), leaves the KEK for `custos start` in the
 * memory-backed handoff directory, and writes the public registration payload with a
 * Register-context quote bound to a recent block. Refuses to touch an existing store.
 */
export async function initNode(
  config: Config,
  api: ApiPromise,
  quotes: QuoteSource,
): Promise<RegistrationPayload> {
  const tssSeed = randomAsU8a(32);
  const restartSeed = randomAsU8a(32);
  const kek = randomAsU8a(32);
  const x25519 = await generateHpkeKeyPair();
  const tss = pairFromSeed(tssSeed);
  const restart = pairFromSeed(restartSeed);
  const store = SealedStore.create(join(config.dataDir, 'store'), {
    tssAccount: tss.address,
    restartSeed,
    kek,
  });
  try {
    store.put('node', KEY_ENTRIES.tssSeed, tssSeed);
    store.put('node', KEY_ENTRIES.x25519, x25519.privateKey);
    kekHandoff.leave(config.kekHandoffDir, tss.address, kek);
  } finally {
    zeroize(tssSeed, restartSeed, kek, x25519.privateKey);
    await store.close();
  }
  const header = await api.rpc.chain.getHeader();
  const block = { number: header.number.toNumber(), hash: header.hash.toHex() };
  const endpoint = config.publicEndpoint ?? `http://${config.providerHost}:${config.providerPort}`;
  const quote = await quotes.getQuote(
    computeReportData({
      context: 'register',
      genesisHash: api.genesisHash.toU8a(),
      tssAccount: tss.publicKey,
      publicKey: x25519.publicKey,
      restartKey: restart.publicKey,
      incarnation: 0,
      blockNumber: block.number,
      blockHash: header.hash.toU8a(),
    }),
  );
  const payload: RegistrationPayload = {
    tssAccount: tss.address,
    x25519PublicKey: u8aToHex(x25519.publicKey),
    endpoint,
    restartKey: u8aToHex(restart.publicKey),
    quote: u8aToHex(quote),
    genesisHash: api.genesisHash.toHex(),
    block,
  };
  writeFileSync(join(config.dataDir, REGISTRATION_FILE), `${JSON.stringify(payload, null, 2)}\n`, {
    mode: 0o644,
  });
  return payload;
}
