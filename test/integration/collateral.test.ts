/**
 * The collateral cache through `custos collateral`, on Chopsticks running the committed
 * runtime with the real Intel fixtures: an operator uploads a PCS collateral file, and
 * every refusal comes back clearly (malformed, expired, not yet valid,
 * mismatched, forged, not newer) with nothing cached and the fee kept. A registration
 * that refers to the cache finds it. The indexer (embedded PostgreSQL, SubQuery) turns the
 * chain's expiry announcement into a COLLATERAL_EXPIRING finding, resolved when the
 * expired bundle is removed.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WsProvider } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerValidator } from '../../src/chain/registerValidator.js';
import { submitAndWatch } from '../../src/chain/submit.js';
import { CUSTOS_CLI } from '../../tools/build/compiled.js';
import { type RunningIndexer, startIndexer } from '../../tools/indexer/start.js';
import { startChain, type TestChain } from '../harness/chain.js';
import { bestBlock, devOperator, TestValidator } from '../harness/validator.js';

const fixtures = fileURLToPath(new URL('../../../shared/fixtures/tdx/', import.meta.url));
const QUOTE = join(fixtures, 'tdx_quote');
const GENUINE = join(fixtures, 'tdx_quote_collateral.json');
const OTHER_FMSPC = join(fixtures, 'tdx_quote_outdated_collateral.json');

/** Runs the CLI as a process (asynchronously: the chain runs in this process). */
function custos(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CUSTOS_CLI, ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, timeout: 90_000 },
      (error, out, err) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
  });
}

describe('custos collateral on a real chain', { timeout: 180_000 }, () => {
  let chain: TestChain;
  let ws: WsProvider;
  let indexer: RunningIndexer;
  const dir = mkdtempSync(join(tmpdir(), 'custos-collateral-'));
  // Its own directory directly under the temp dir: embedded PostgreSQL (run as another
  // user when the tests run as root) must be able to enter it.
  const indexerDir = mkdtempSync(join(tmpdir(), 'custos-collateral-indexer-'));
  const expiring = async () =>
    (
      await indexer.query<{
        misbehaviours: {
          nodes: { subject: string; resolved: boolean; evidenceEvents: string[] }[];
        };
      }>(
        '{ misbehaviours(filter: { kind: { equalTo: COLLATERAL_EXPIRING } }) { nodes { subject resolved evidenceEvents } } }',
      )
    ).misbehaviours.nodes;
  const caughtUp = async () => indexer.waitForHeight((await bestBlock(chain.api)).number);
  const sudo = devOperator('Alice');
  const uploader = devOperator('Bob');
  const key = { fmspc: '0xb0c06f000000', pckCa: 'Platform' };

  const upload = (file: string, quote = QUOTE) =>
    custos([
      'collateral',
      '--file',
      file,
      '--quote',
      quote,
      '--signer-uri',
      '//Bob',
      '--chain',
      chain.endpoint,
    ]);
  const balance = async () =>
    (await chain.api.query.system.account(uploader.address)).data.free.toBigInt();
  const cached = async () =>
    (await chain.api.query.attestation.collateralCache(key)).unwrapOr(null);
  const timeTravel = (iso: string) => ws.send('dev_timeTravel', [iso]);
  const editedFile = (name: string, edit: (json: Record<string, string>) => void) => {
    const json = JSON.parse(readFileSync(GENUINE, 'utf8')) as Record<string, string>;
    edit(json);
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(json));
    return path;
  };

  /** Charlie registers with the Intel fixture quote, referring to the cache. */
  const registerWithCachedCollateral = async () => {
    const validator = new TestValidator(devOperator('Charlie'));
    const block = await bestBlock(chain.api);
    return registerValidator(chain.api, {
      operator: validator.operator,
      tssAccount: validator.tss.address,
      x25519PublicKey: validator.x25519,
      endpoint: 'http://127.0.0.1:9100',
      restartKey: validator.restart.publicKey,
      quote: readFileSync(QUOTE),
      collateral: 'cached',
      genesisHash: chain.api.genesisHash.toHex(),
      block,
    });
  };

  beforeAll(async () => {
    await cryptoWaitReady();
    chain = await startChain({ preset: 'development', blockMode: 'Instant' });
    ws = new WsProvider(chain.endpoint);
    await ws.isReady;
    // Inside the fixture collateral's window (2025-06-19 to 2025-07-19).
    await timeTravel('2025-06-25T00:00:00Z');
    await chain.newBlocks(1);
    const trust = await chain.api.query.attestation.trust();
    await submitAndWatch(
      chain.api,
      chain.api.tx.sudo.sudo(
        chain.api.tx.attestation.setTrustPolicy({
          intel: {
            acceptSwHardeningNeeded: false,
            acceptConfigurationNeeded: false,
            acceptOutOfDate: false,
          },
          devPckKeys: trust.devPckKeys,
        }),
      ),
      'Sudo',
      sudo,
    );
    chmodSync(indexerDir, 0o755);
    indexer = await startIndexer({ endpoint: chain.endpoint, workDir: indexerDir });
  });

  afterAll(async () => {
    await indexer?.stop();
    await ws?.disconnect();
    await chain?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(indexerDir, { recursive: true, force: true });
  });

  it('a registration that refers to the cache finds nothing cached yet', async () => {
    const attempt = registerWithCachedCollateral();
    await expect(attempt).rejects.toMatchObject({ palletError: 'attestation.CollateralNotCached' });
  });

  it('uploads a genuine file; the chain caches it (a new key pays its fee)', async () => {
    const before = await balance();
    const result = await upload(GENUINE);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      'cached collateral for FMSPC B0C06F000000 (Platform CA), TCB evaluation 17',
    );
    const entry = await cached();
    expect(entry?.facts.tcbEvaluationNumber.toNumber()).toBe(17);
    expect(entry?.facts.expiresAt.toNumber()).toBeLessThanOrEqual(
      Date.parse('2025-07-19T10:16:03Z') / 1000,
    );
    // Opening a key is paid for (replacements are refunded: pallet tests).
    expect(await balance()).toBeLessThan(before);
  });

  it('a registration that refers to the cache is verified with it', async () => {
    const attempt = registerWithCachedCollateral();
    // Every Intel check passed with the cached bundle; the fixture's TD is not one this
    // chain accepts.
    await expect(attempt).rejects.toMatchObject({
      palletError: 'attestation.MeasurementNotAccepted',
    });
  });

  it('the same file again is not newer: refused, fee kept, cache unchanged', async () => {
    const entryBefore = (await cached())?.toHex();
    const before = await balance();
    const result = await upload(GENUINE);
    expect(result.code).toBe(1);
    expect(result.err).toContain('attestation.CollateralNotNewer');
    expect(await balance()).toBeLessThan(before);
    expect((await cached())?.toHex()).toBe(entryBefore);
  });

  it('COLLATERAL_EXPIRING: the chain announces the bundle inside the warning period; the indexer records it', async () => {
    expect(await expiring()).toEqual([]);
    // Warn a million blocks ahead: the fixture bundle (expiring 2025-07-19) is inside.
    await submitAndWatch(
      chain.api,
      chain.api.tx.sudo.sudo(chain.api.tx.attestation.setCollateralPolicy(0, 0, 1_000_000)),
      'Sudo',
      sudo,
    );
    // The pallet looks every 10 blocks.
    await chain.newBlocks(10);
    await caughtUp();
    const found = await expiring();
    expect(found.map((m) => [m.subject, m.resolved])).toEqual([['0xb0c06f000000-Platform', false]]);
    expect(found[0]!.evidenceEvents).toHaveLength(1);
    // Announced once: more blocks add nothing.
    await chain.newBlocks(10);
    await caughtUp();
    expect(await expiring()).toHaveLength(1);
  });

  it('a forged signature is refused by the chain as badly signed', async () => {
    const forged = editedFile('forged.json', (json) => {
      const sig = json.tcb_info_signature as string;
      const at = sig.length >> 1;
      json.tcb_info_signature = `${sig.slice(0, at)}${sig[at] === '0' ? '1' : '0'}${sig.slice(at + 1)}`;
    });
    const result = await upload(forged);
    expect(result.code).toBe(1);
    expect(result.err).toContain('attestation.CollateralSignatureInvalid');
  });

  it('a malformed file is refused before anything is sent, naming the field', async () => {
    const before = await balance();
    const missing = editedFile('missing.json', (json) => {
      delete json.pck_crl;
    });
    const result = await upload(missing);
    expect(result.code).toBe(2);
    expect(result.err).toContain('collateral pck_crl');
    const badQuote = join(dir, 'empty.quote');
    writeFileSync(badQuote, '');
    const quote = await upload(GENUINE, badQuote);
    expect(quote.code).toBe(2);
    expect(quote.err).toContain('quote: 0 bytes');
    expect(await balance()).toBe(before);
  });

  it('a file outside its window at chain time is refused locally, with the date', async () => {
    const early = await upload(OTHER_FMSPC);
    expect(early.code).toBe(2);
    expect(early.err).toContain('collateral issueDate');
    await timeTravel('2025-08-01T00:00:00Z');
    await chain.newBlocks(1);
    const expired = await upload(GENUINE);
    expect(expired.code).toBe(2);
    expect(expired.err).toContain('expired at 2025-07-19');
  });

  it('a file for another FMSPC than the quote is refused as mismatched', async () => {
    // Inside the other file's window (2026-02-18 to 2026-03-20).
    await timeTravel('2026-02-19T00:00:00Z');
    await chain.newBlocks(1);
    const result = await upload(OTHER_FMSPC);
    expect(result.code).toBe(1);
    expect(result.err).toContain('attestation.CollateralFmspcMismatch');
    expect(result.err).toContain('the file is for FMSPC 90C06F000000');
    expect(u8aToHex((await cached())?.facts.key.fmspc)).toBe(key.fmspc);
  });

  it('COLLATERAL_EXPIRING is resolved once anyone removes the expired bundle', async () => {
    await submitAndWatch(
      chain.api,
      chain.api.tx.attestation.removeCollateral({ fmspc: key.fmspc, pckCa: key.pckCa }),
      'Attestation',
      uploader,
    );
    expect(await cached()).toBeNull();
    await caughtUp();
    expect((await expiring()).map((m) => m.resolved)).toEqual([true]);
  });
});
