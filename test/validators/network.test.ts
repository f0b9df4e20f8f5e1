/**
 * End to end on a real network: four `custos-node` validators on 127.0.0.1 (Aura blocks
 * every second, GRANDPA finality) and six companions spread over them, each talking to its
 * own validator's RPC. Registration and t-of-n backups, a SIGKILLed companion recovering
 * through a zero-balance restart attestation, a duplicate instance fenced across nodes, a
 * provider leaving and its owners resharing, a validator node killed (the chain goes on,
 * its companions come back, nothing is lost), and a restart attestation included only in
 * a fork that the network drops: nothing is released for it, and the companion attests
 * again on the finalized chain and recovers.
 *
 * Needs the node binary (`npm run node:build`); `.ci/run` runs this file only when it is
 * in the cache.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a } from '@polkadot/util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChain } from '../../src/chain/connect.js';
import { submitAndWatch } from '../../src/chain/submit.js';
import { generateHpkeKeyPair } from '../../src/crypto/hpke.js';
import { NotEnoughProvidersError } from '../../src/errors/owner.js';
import { SealedStore } from '../../src/keystore/sealedStore.js';
import { recoverKek } from '../../src/owner/recoverKek.js';
import { pairFromSeed } from '../../src/service/identity.js';
import { type DevNetwork, type DevNode, startNetwork } from '../../tools/devnet/network.js';
import { findNodeBinary, type Validator } from '../../tools/devnet/validators.js';
import { type RunningIndexer, startIndexer } from '../../tools/indexer/start.js';
import {
  copyOfNode,
  exited,
  putSecret,
  readSecret,
  settledFinalized,
  startLog,
  waitFor,
} from '../harness/devnet.js';

const binary = findNodeBinary();

describe('four validator nodes', () => {
  let net: DevNetwork;
  let work: string;
  const validator = (i: number): Validator => net.validators!.validators[i]!;
  /** The chain's state at its finalized head, as Alice's node sees it. */
  const finalized = async () => net.api.at(await net.api.rpc.chain.getFinalizedHead());
  const finalizedNumber = async (v: Validator) => {
    const hash = await net.validators!.rpc<string>(v, 'chain_getFinalizedHead');
    const head = await net.validators!.rpc<{ number: string }>(v, 'chain_getHeader', [hash]);
    return Number.parseInt(head.number, 16);
  };
  /** Quote hashes of restart attestations recorded only in a fork the network dropped. */
  const droppedQuoteHashes: string[] = [];
  let indexer: RunningIndexer | undefined;
  let indexerWork: string | undefined;
  const incarnationOf = async (node: DevNode) =>
    (await net.api.query.attestation.attestations(node.account!)).unwrap().incarnation.toNumber();

  const settledFinal = (node: DevNode) => settledFinalized(net.api, node);

  beforeAll(async () => {
    if (!binary) {
      throw new Error(
        'custos-node is not built: run `npm run node:build` (or set CUSTOS_NODE_BIN) first',
      );
    }
    work = mkdtempSync(join(tmpdir(), 'custos-validators-'));
    net = await startNetwork({
      size: 6,
      workDir: work,
      blockMs: Number(process.env.CUSTOS_VALIDATOR_BLOCK_MS ?? 1000),
      pollMs: 300,
      validators: { binary },
    });
  }, 600_000);

  afterAll(async () => {
    await indexer?.stop();
    if (indexerWork) rmSync(indexerWork, { recursive: true, force: true });
    await net?.stop();
    // CUSTOS_KEEP_E2E=1 keeps the data dirs and logs for inspection.
    if (work && !process.env.CUSTOS_KEEP_E2E) rmSync(work, { recursive: true, force: true });
    else if (work) console.log(`validator e2e work dir kept: ${work}`);
  });

  it('registers every companion and confirms t-of-n backups in finalized blocks', async () => {
    // Companions talk to all four nodes, not just one.
    expect(new Set(net.nodes.map((n) => n.env.CUSTOS_CHAIN_URL)).size).toBe(4);
    for (const node of net.nodes) {
      const a = await settledFinal(node);
      expect(a.confirmedProviders.length).toBeGreaterThanOrEqual(a.confirmedThreshold.toNumber());
      expect(a.confirmedThreshold.toNumber()).toBe(2);
      const at = await finalized();
      expect((await at.query.registry.tssOperators(node.account!)).isSome).toBe(true);
    }
    // Every validator finalizes the same chain.
    const alice = await finalizedNumber(validator(0));
    for (const v of net.validators!.validators) {
      await net.validators!.waitForFinalized(v, alice);
      const hash = await net.validators!.rpc<string>(v, 'chain_getBlockHash', [alice]);
      expect(hash).toBe((await net.api.rpc.chain.getBlockHash(alice)).toHex());
    }
  });

  it('recovers a SIGKILLed companion byte-for-byte through a zero-balance restart attestation', async () => {
    const node = net.nodes[0]!;
    const secret = Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 37) % 256));
    await putSecret(node, 'tss/keyshare', secret);
    const before = await incarnationOf(node);
    await net.killNode(node, 'SIGKILL');
    net.startNode(node);
    const got = await waitFor('secret readable after recovery', () =>
      readSecret(node, 'tss/keyshare'),
    );
    expect(got).toEqual(secret);
    // Holders release only for a finalized attestation: by now it is final.
    const record = (
      await (await finalized()).query.attestation.attestations(node.account!)
    ).unwrap();
    expect(record.incarnation.toNumber()).toBe(before + 1);
    expect((await net.api.query.system.account(node.account!)).data.free.toBigInt()).toBe(0n);
    await settledFinal(node);
  });

  it('fences the first instance when a copy attests through another validator node', async () => {
    const first = net.nodes[4]!; // Eve, on Alice's node
    // Start from incarnation 1, so that the superseded incarnation is one a holder could
    // otherwise have served.
    await net.killNode(first, 'SIGKILL');
    net.startNode(first);
    await settledFinal(first);
    const copyDir = join(work, 'eve-copy');
    // Through Charlie's node.
    const second = await copyOfNode(first, copyDir, { CUSTOS_CHAIN_URL: validator(2).endpoint });
    const before = await incarnationOf(first);
    net.startNode(second);
    expect((await exited(first)).code).toBe(3);
    expect(startLog(first)).toContain('a newer instance of this TSS account attested');
    expect(await incarnationOf(first)).toBe(before + 1);
    await settledFinal(second);
    // No holder releases to the superseded incarnation, even to its restart key.
    const store = SealedStore.open(join(copyDir, 'store'));
    const restartKey = pairFromSeed(hexToU8a(store.header.restartSeed));
    await store.close();
    const holders = (await (await finalized()).query.backups.assignments(first.account!)).unwrap()
      .confirmedProviders;
    const refused = await recoverKek(net.api, {
      owner: first.account!,
      incarnation: before,
      recoveryKeys: await Promise.all(holders.map(() => generateHpkeKeyPair())),
      restartKey,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(NotEnoughProvidersError);
    for (const f of (refused as NotEnoughProvidersError).failures)
      expect(f.reason).toMatch(/SUPERSEDED_INCARNATION/);
    // The copy is Eve from here on (its store holds the rotated KEK's wrapping).
    net.nodes[4] = second;
  });

  it('reshares when a provider leaves: owners confirm a new epoch without it', async () => {
    // The leaver: of Alice's, Charlie's and Eve's companions (the tests below need Bob,
    // Dave and Ferdie), the one holding shares for the most owners.
    const servedBy = async (leaver: DevNode) => {
      const key = net.api.createType('AccountId32', leaver.account);
      const owners: DevNode[] = [];
      for (const n of net.nodes) {
        const a = n === leaver ? undefined : await settledFinal(n);
        if (a?.confirmedProviders.some((p) => p.eq(key))) owners.push(n);
      }
      return owners;
    };
    let leaver = net.nodes[0]!;
    let served: DevNode[] = [];
    for (const candidate of [net.nodes[0]!, net.nodes[2]!, net.nodes[4]!]) {
      const owners = await servedBy(candidate);
      if (owners.length > served.length) [leaver, served] = [candidate, owners];
    }
    expect(served.length).toBeGreaterThan(0);
    const leaverKey = net.api.createType('AccountId32', leaver.account);
    const operator = new Keyring({ type: 'sr25519' }).addFromUri(leaver.operatorUri);
    await submitAndWatch(net.api, net.api.tx.registry.chill(), 'Registry', operator);
    for (const owner of served) {
      const a = await waitFor(`${owner.name} reshared without ${leaver.name}`, async () => {
        const s = (await (await finalized()).query.backups.assignments(owner.account!)).unwrap();
        const done =
          s.confirmedEpoch.eq(s.epoch) && !s.confirmedProviders.some((p) => p.eq(leaverKey));
        return done ? s : undefined;
      });
      expect(a.confirmedProviders.length).toBeGreaterThanOrEqual(a.confirmedThreshold.toNumber());
    }
  });

  it('keeps producing and finalizing with a validator node down; its companions come back with nothing lost', async () => {
    const bobNode = validator(1);
    const bob = net.nodes[1]!; // Bob's companion, on Bob's node
    const ferdie = net.nodes[5]!; // also on Bob's node; only its chain connection goes away
    await settledFinal(bob);
    await settledFinal(ferdie);
    const bobSecret = Buffer.from('bob survives his validator crashing');
    const ferdieSecret = Buffer.from('ferdie outlives a node restart');
    await putSecret(bob, 'tss/keyshare', bobSecret);
    await putSecret(ferdie, 'tss/keyshare', ferdieSecret);
    await settledFinal(bob);
    // The host crashes: Bob's validator and Bob's companion die together.
    await net.validators!.kill(bobNode, 'SIGKILL');
    await net.killNode(bob, 'SIGKILL');
    const down = await finalizedNumber(validator(0));
    // Three of four voters: GRANDPA keeps finalizing, Aura skips only Bob's slots.
    await net.validators!.waitForFinalized(validator(0), down + 5);
    net.validators!.start(bobNode);
    net.startNode(bob);
    expect(await waitFor('Bob recovered', () => readSecret(bob, 'tss/keyshare'))).toEqual(
      bobSecret,
    );
    await settledFinal(bob);
    // Ferdie's companion reconnected to the restarted node and still serves.
    expect(await readSecret(ferdie, 'tss/keyshare')).toEqual(ferdieSecret);
    await net.validators!.waitForFinalized(bobNode, await finalizedNumber(validator(0)));
    expect(ferdie.process!.exitCode).toBeNull();
  });

  it('releases nothing for a restart attestation in a dropped fork; the companion attests again and recovers', async () => {
    const daveNode = validator(3);
    const dave = net.nodes[3]!; // Dave's companion, on Dave's node
    const secret = Buffer.from('dave and the fork that never was');
    await putSecret(dave, 'tss/keyshare', secret);
    await settledFinal(dave);
    const before = await incarnationOf(dave);
    // Dave's node loses the network but keeps authoring its slots: a fork only it sees.
    await net.validators!.kill(daveNode);
    net.validators!.start(daveNode, { isolated: true });
    const daveApi = await connectChain(daveNode.endpoint);
    let fork: { number: number; hash: string };
    try {
      await net.killNode(dave, 'SIGKILL');
      net.startNode(dave);
      // The companion's restart attestation lands in a block of Dave's fork.
      fork = await waitFor('restart attested in the fork', async () => {
        const r = (await daveApi.query.attestation.attestations(dave.account!)).unwrap();
        if (r.incarnation.toNumber() !== before + 1) return undefined;
        const number = r.attestedAt.toNumber();
        return { number, hash: (await daveApi.rpc.chain.getBlockHash(number)).toHex() };
      });
      expect((await daveApi.rpc.system.health()).peers.toNumber()).toBe(0);
      const forkEvents = await (await daveApi.at(fork.hash)).query.system.events();
      for (const { event } of forkEvents) {
        if (daveApi.events.attestation.RestartAttested.is(event))
          droppedQuoteHashes.push(event.data.quoteHash.toHex());
      }
      expect(droppedQuoteHashes.length).toBe(1);
      // The rest of the network goes on without it and never sees that attestation. It
      // stays away until the block its quote is bound to is older than the chain accepts
      // (`MaxQuoteAge`, 50 blocks): when the fork is dropped, the node puts the fork's
      // transactions back into its pool, and this one must then be refused.
      const seen = await finalizedNumber(validator(0));
      await net.validators!.waitForFinalized(validator(0), Math.max(seen, fork.number) + 55);
      expect(await incarnationOf(dave)).toBe(before);
      expect((await net.api.rpc.chain.getBlockHash(fork.number)).toHex()).not.toBe(fork.hash);
      // Nothing was released: the store is still locked (the companion asks nobody before
      // its attestation is final), and a host holding the restart key that asks the
      // holders itself is refused by every one of them.
      expect(await readSecret(dave, 'tss/keyshare')).toBeUndefined();
      const store = SealedStore.open(join(dave.dataDir, 'store'));
      const restartKey = pairFromSeed(hexToU8a(store.header.restartSeed));
      await store.close();
      const holders = (await (await finalized()).query.backups.assignments(dave.account!)).unwrap()
        .confirmedProviders;
      const refused = await recoverKek(net.api, {
        owner: dave.account!,
        incarnation: before + 1,
        recoveryKeys: await Promise.all(holders.map(() => generateHpkeKeyPair())),
        restartKey,
      }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(NotEnoughProvidersError);
      const failures = (refused as NotEnoughProvidersError).failures;
      expect(failures.length).toBe(holders.length);
      for (const f of failures) expect(f.reason).toMatch(/NO_ATTESTATION/);
    } finally {
      await daveApi.disconnect();
    }
    // Back on the network: the fork is dropped, the companion attests again.
    await net.validators!.kill(daveNode);
    net.validators!.start(daveNode);
    expect(await waitFor('Dave recovered', () => readSecret(dave, 'tss/keyshare'))).toEqual(secret);
    const record = (
      await (await finalized()).query.attestation.attestations(dave.account!)
    ).unwrap();
    // The dropped incarnation is attested again (the chain wants exactly one more), in a
    // block of the finalized chain.
    expect(record.incarnation.toNumber()).toBe(before + 1);
    expect(startLog(dave)).toContain('dropped with a fork');
    expect(startLog(dave).match(/"msg":"restart attested"/g)?.length).toBe(2);
    const attestedIn = (await net.api.rpc.chain.getBlockHash(record.attestedAt)).toHex();
    expect(attestedIn).not.toBe(fork.hash);
    await settledFinal(dave);
    await net.validators!.waitForFinalized(daveNode, await finalizedNumber(validator(0)));
  });

  it('the indexer on a validator node records the finalized chain: every restart attestation once, none from the dropped fork', async () => {
    // On Bob's node; SubQuery indexes finalized blocks only.
    // Its own directory under the temp dir: run as root, the embedded PostgreSQL server
    // runs as another user, which cannot enter the suite's private work dir.
    indexerWork = mkdtempSync(join(tmpdir(), 'custos-validators-indexer-'));
    indexer = await startIndexer({ endpoint: validator(1).endpoint, workDir: indexerWork });
    const head = await finalizedNumber(validator(1));
    await indexer.waitForHeight(head, 300_000);
    const onChain: string[] = [];
    for (let number = 1; number <= head; number++) {
      const hash = await net.api.rpc.chain.getBlockHash(number);
      for (const { event } of await (await net.api.at(hash)).query.system.events()) {
        if (net.api.events.attestation.RestartAttested.is(event)) {
          const { tssAccount, incarnation, quoteHash } = event.data;
          onChain.push(`${number} ${tssAccount} ${incarnation} ${quoteHash.toHex()}`);
        }
      }
    }
    const { attestations } = await indexer.query<{
      attestations: {
        nodes: {
          blockNumber: number;
          tssAccount: string;
          incarnation: number;
          quoteHash: string;
        }[];
      };
    }>(
      `query ($head: Int!) { attestations(filter: { kind: { equalTo: RESTART }, blockNumber: { lessThanOrEqualTo: $head } }, orderBy: ID_ASC) {
        nodes { blockNumber tssAccount incarnation quoteHash } } }`,
      { head },
    );
    const indexed = attestations.nodes.map(
      (a) => `${a.blockNumber} ${a.tssAccount} ${a.incarnation} ${a.quoteHash}`,
    );
    // Restarts happened in this suite (the SIGKILLed companion, the fenced copy, Dave).
    expect(onChain.length).toBeGreaterThanOrEqual(3);
    expect(indexed.sort()).toEqual(onChain.sort());
    expect(droppedQuoteHashes.length).toBe(1);
    for (const dropped of droppedQuoteHashes)
      expect(attestations.nodes.map((a) => a.quoteHash)).not.toContain(dropped);
  });
});
