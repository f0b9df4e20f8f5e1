/**
 * The whole system (issue 6): Chopsticks, 5 `custos start` processes, embedded PostgreSQL,
 * the SubQuery node and the query service. Registrations and backups; one registered
 * provider stops serving (its process is stopped) before an owner's restart; the owner
 * recovers from the other holders; a validator leaves and its owners are reassigned. Over
 * GraphQL and through `custos audit` / `custos assignments`: the validators, assignment
 * history, confirmations and receipts, and exactly one DID_NOT_SERVE record, naming the
 * stopped provider with its evidence. The dashboard (`custos dashboard`, a real process)
 * in a real headless Chromium shows the same: every owner with its holders in the graph,
 * the restart's recovery timeline, the DID_NOT_SERVE finding with its evidence events.
 * Screenshots of each view go to `CUSTOS_SCREENSHOT_DIR` when set (docs/dashboard/).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitAndWatch } from '../../src/chain/submit.js';
import { CUSTOS_CLI } from '../../tools/build/compiled.js';
import { type DevNetwork, type DevNode, startNetwork } from '../../tools/devnet/network.js';
import { type RunningIndexer, startIndexer } from '../../tools/indexer/start.js';
import { launchBrowser } from '../harness/browser.js';
import { type DashboardProcess, startDashboardProcess } from '../harness/dashboard.js';
import { fullyBackedUp, putSecret, readSecret, settled, waitFor } from '../harness/devnet.js';

const RELEASE_WINDOW = 10;

describe('devnet with the indexer', () => {
  let net: DevNetwork;
  let indexer: RunningIndexer;
  let work: string;
  let owner: DevNode;
  let silent: DevNode;
  let leaver: DevNode;
  let restartBlock: number;

  const chainFormat = (node: DevNode) => net.api.createType('AccountId32', node.account).toString();
  const head = async () => (await net.api.rpc.chain.getHeader()).number.toNumber();
  const custos = (args: string[]) =>
    spawnSync(process.execPath, [CUSTOS_CLI, ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      timeout: 120_000,
    });

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'custos-idx-e2e-'));
    chmodSync(work, 0o755); // as root, PostgreSQL runs as "postgres" and must enter it
    net = await startNetwork({ size: 5, workDir: join(work, 'net'), blockMs: 500, pollMs: 250 });
    indexer = await startIndexer({
      endpoint: net.chain.endpoint,
      workDir: join(work, 'indexer'),
      windows: { releaseWindow: RELEASE_WINDOW },
    });
    for (const node of net.nodes) await settled(net.api, node);
    owner = net.nodes[0]!;
    await putSecret(owner, 'tss/keyshare', Buffer.from('indexed and recovered'));
    await settled(net.api, owner);
    // Three holders, t = 2: one may stay silent. A provider that was still starting when
    // the owner first confirmed holds nothing until the owner tops its holders up.
    const confirmed = await fullyBackedUp(net.api, owner);
    expect(confirmed).toHaveLength(3);
    const holders = confirmed.map(
      (p) => net.nodes.find((n) => net.api.createType('AccountId32', n.account).eq(p))!,
    );
    silent = holders[0]!;
    leaver = net.nodes.find((n) => n !== owner && n !== silent && n !== net.nodes[0])!;

    await net.killNode(silent, 'SIGTERM');
    await net.killNode(owner, 'SIGKILL');
    net.startNode(owner);
    await settled(net.api, owner);
    expect(await readSecret(owner, 'tss/keyshare')).toEqual(Buffer.from('indexed and recovered'));
    restartBlock = (await net.api.query.attestation.attestations(owner.account!))
      .unwrap()
      .attestedAt.toNumber();

    const operator = new Keyring({ type: 'sr25519' }).addFromUri(leaver.operatorUri);
    // submitAndWatch also finds the transaction in new blocks should Chopsticks' status
    // stream miss it, and times out instead of hanging.
    await submitAndWatch(net.api, net.api.tx.registry.leave(), 'Registry', operator);
    // Every remaining owner that had the leaver reconfirms without it.
    const live = net.nodes.filter((n) => n !== leaver && n !== silent);
    await waitFor('owners reassigned away from the leaver', async () => {
      for (const n of live) {
        const s = (await net.api.query.backups.assignments(n.account!)).unwrap();
        if (!s.epoch.eq(s.confirmedEpoch)) return undefined;
        if (
          s.confirmedProviders.some((p) => net.api.createType('AccountId32', leaver.account).eq(p))
        )
          return undefined;
      }
      return true;
    });
    // Past the release window, then indexed up to the head.
    await waitFor('release window over', async () =>
      (await head()) > restartBlock + RELEASE_WINDOW + 2 ? true : undefined,
    );
    await indexer.waitForHeight(await head());
  }, 900_000);

  afterAll(async () => {
    await indexer?.stop();
    await net?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('indexes the validators, assignment history, confirmations and receipts', async () => {
    const data = await indexer.query<{
      validators: { nodes: { id: string; tssAccount: string; status: string }[] };
      owners: {
        nodes: { id: string; confirmedEpoch: number; epochs: { nodes: { cause: string }[] } }[];
      };
      confirmations: { totalCount: number };
      releaseReceipts: { nodes: { provider: string; owner: string; incarnation: number }[] };
    }>(`{
      validators { nodes { id tssAccount status } }
      owners { nodes { id confirmedEpoch epochs { nodes { cause } } } }
      confirmations { totalCount }
      releaseReceipts { nodes { provider owner incarnation } }
    }`);
    expect(data.validators.nodes).toHaveLength(5);
    const left = data.validators.nodes.filter((v) => v.status === 'LEFT');
    expect(left.map((v) => v.tssAccount)).toEqual([chainFormat(leaver)]);
    const ownerRow = data.owners.nodes.find((o) => o.id === chainFormat(owner))!;
    expect(ownerRow.confirmedEpoch).toBeGreaterThan(1);
    expect(ownerRow.epochs.nodes.map((e) => e.cause)).toContain('ASSIGNED');
    const causes = data.owners.nodes.flatMap((o) => o.epochs.nodes.map((e) => e.cause));
    expect(causes).toContain('REASSIGNED');
    // Confirmations on chain = confirmations indexed.
    const onChain = (await net.api.query.backups.assignments.entries()).length;
    expect(data.confirmations.totalCount).toBeGreaterThanOrEqual(onChain);
    const incarnation = (await net.api.query.attestation.attestations(owner.account!))
      .unwrap()
      .incarnation.toNumber();
    const receipts = data.releaseReceipts.nodes.filter(
      (r) => r.owner === chainFormat(owner) && r.incarnation === incarnation,
    );
    expect(receipts.map((r) => r.provider).sort()).not.toContain(chainFormat(silent));
    expect(receipts.length).toBe(2);
  });

  it('records exactly one DID_NOT_SERVE, naming the stopped provider with its evidence', async () => {
    const { misbehaviours } = await indexer.query<{
      misbehaviours: {
        nodes: {
          kind: string;
          subject: string;
          owner: string;
          evidenceBlocks: number[];
          evidenceEvents: string[];
        }[];
      };
    }>(`{ misbehaviours(filter: { kind: { equalTo: DID_NOT_SERVE } }) {
      nodes { kind subject owner evidenceBlocks evidenceEvents } } }`);
    expect(misbehaviours.nodes).toHaveLength(1);
    const [record] = misbehaviours.nodes;
    expect(record!.subject).toBe(chainFormat(silent));
    expect(record!.owner).toBe(chainFormat(owner));
    expect(record!.evidenceBlocks).toContain(restartBlock);
    expect(record!.evidenceEvents.length).toBeGreaterThan(0);
  });

  it('custos audit and custos assignments print the same from GraphQL', () => {
    const audit = custos(['audit', '--kind', 'DID_NOT_SERVE', '--graphql', indexer.graphqlUrl]);
    expect(audit.status, audit.stderr).toBe(0);
    expect(audit.stdout).toContain('DID_NOT_SERVE');
    expect(audit.stdout).toContain(chainFormat(silent).slice(0, 8));
    const json = custos(['audit', '--json', '--graphql', indexer.graphqlUrl]);
    expect(json.status, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout) as { kind: string; subject: string }[];
    expect(rows.filter((r) => r.kind === 'DID_NOT_SERVE').map((r) => r.subject)).toEqual([
      chainFormat(silent),
    ]);
    const assignments = custos([
      'assignments',
      '--owner',
      chainFormat(owner),
      '--graphql',
      indexer.graphqlUrl,
    ]);
    expect(assignments.status, assignments.stderr).toBe(0);
    expect(assignments.stdout).toContain(chainFormat(owner));
    expect(assignments.stdout).toContain('ASSIGNED');
  });

  it('the dashboard in a real Chromium: the graph, the restart timeline and the finding with its evidence', async () => {
    const shots = process.env.CUSTOS_SCREENSHOT_DIR ?? join(work, 'screenshots');
    mkdirSync(shots, { recursive: true });
    // What GraphQL says, to compare the pages with.
    await indexer.waitForHeight(await head());
    const expected = await indexer.query<{
      validators: { totalCount: number };
      owners: {
        nodes: {
          id: string;
          currentProviders: string[];
          confirmedHolders: string[];
          removed: boolean;
        }[];
      };
      epochAssignments: { totalCount: number };
      misbehaviours: { nodes: { id: string; evidenceEvents: string[] }[] };
      confirmations: { nodes: { id: string }[] };
    }>(
      `query ($owner: String!, $after: Int!) {
        validators { totalCount }
        owners { nodes { id currentProviders confirmedHolders removed } }
        epochAssignments(filter: { ownerId: { equalTo: $owner } }) { totalCount }
        misbehaviours(filter: { kind: { equalTo: DID_NOT_SERVE } }) { nodes { id evidenceEvents } }
        confirmations(filter: { owner: { equalTo: $owner }, blockNumber: { greaterThan: $after } },
          orderBy: [BLOCK_NUMBER_ASC, ID_ASC], first: 1) { nodes { id } } }`,
      { owner: chainFormat(owner), after: restartBlock },
    );
    const owners = expected.owners.nodes.filter((o) => !o.removed);
    const incarnation = (await net.api.query.attestation.attestations(owner.account!))
      .unwrap()
      .incarnation.toNumber();

    let dashboard: DashboardProcess | undefined;
    let browser: Browser | undefined;
    try {
      dashboard = await startDashboardProcess(process.execPath, [CUSTOS_CLI], indexer.graphqlUrl);
      const { url } = dashboard;
      browser = await launchBrowser();
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warn') errors.push(message.text());
      });
      // Anything the content security policy refuses (inline styles, outside sources).
      await page.evaluateOnNewDocument(() => {
        // In the page (no DOM types here): report each refusal on the console.
        const page = globalThis as unknown as {
          document: {
            addEventListener(
              type: string,
              f: (e: { violatedDirective: string; blockedURI: string }) => void,
            ): void;
          };
        };
        page.document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`CSP refused ${e.violatedDirective}: ${e.blockedURI}`);
        });
      });
      await page.goto(`${url}#validators`);
      await page.waitForSelector('[data-testid="status"][data-height]');
      await page.waitForSelector('[data-validator]');
      expect(await page.$$eval('[data-validator]', (rows) => rows.length)).toBe(
        expected.validators.totalCount,
      );
      await page.screenshot({ path: join(shots, 'validators.png'), fullPage: true });

      // The graph: every owner, an edge to each provider of its current epoch.
      await page.goto(`${url}#assignments`);
      await page.waitForFunction(
        () => (globalThis as { custosGraph?: unknown }).custosGraph !== undefined,
      );
      const drawn = await page.evaluate(() => {
        const cy = (
          globalThis as unknown as {
            custosGraph: { edges(): { map<T>(f: (e: { data(k: string): string }) => T): T[] } };
          }
        ).custosGraph;
        return cy.edges().map((e) => `${e.data('source')}>${e.data('target')} ${e.data('state')}`);
      });
      // Exactly: an edge to every provider, confirmed when it holds a confirmed share, and
      // one to every confirmed holder that is no provider any more; nothing else.
      const edges = owners.flatMap((o) => [
        ...o.currentProviders.map(
          (p) => `${o.id}>${p} ${o.confirmedHolders.includes(p) ? 'confirmed' : 'pending'}`,
        ),
        ...o.confirmedHolders
          .filter((h) => !o.currentProviders.includes(h))
          .map((h) => `${o.id}>${h} outgoing`),
      ]);
      expect(edges.filter((e) => e.endsWith(' confirmed')).length).toBeGreaterThan(0);
      expect(drawn.sort()).toEqual(edges.sort());
      for (const o of owners) {
        const holders = await page.$$eval(`[data-owner-row="${o.id}"] [data-holder]`, (spans) =>
          spans.map((s) => s.getAttribute('data-holder')),
        );
        expect(holders.slice(0, o.currentProviders.length), o.id).toEqual(o.currentProviders);
      }
      await page.screenshot({ path: join(shots, 'assignments.png'), fullPage: true });

      // The restart's recovery: attested, two releases (the silent holder never served), ready.
      await page.goto(`${url}#recoveries`);
      const recovery = `[data-recovery="${chainFormat(owner)}-${incarnation}"]`;
      await page.waitForSelector(recovery);
      const steps = await page.$$eval(`${recovery} [data-step]`, (marks) =>
        marks.map((m) => m.getAttribute('data-step')),
      );
      expect(steps.filter((s) => s === 'attested')).toHaveLength(1);
      expect(steps.filter((s) => s === 'released')).toHaveLength(2);
      // Ready: the owner's first confirmation after its restart (its KEK rotation).
      expect(
        await page.$eval(`${recovery} [data-step="ready"] [data-event]`, (a) =>
          a.getAttribute('data-event'),
        ),
      ).toBe(expected.confirmations.nodes[0]!.id);
      await page.screenshot({ path: join(shots, 'recoveries.png'), fullPage: true });

      // The finding, and its evidence event one click away.
      await page.goto(`${url}#findings`);
      const [finding] = expected.misbehaviours.nodes;
      const row = `[data-finding="${finding!.id}"]`;
      await page.waitForSelector(row);
      expect(await page.$eval(`${row} td:nth-child(2) span`, (s) => s.getAttribute('title'))).toBe(
        chainFormat(silent),
      );
      const links = await page.$$eval(`${row} [data-event]`, (as) =>
        as.map((a) => a.getAttribute('data-event')),
      );
      expect(links).toEqual(finding!.evidenceEvents);
      await page.screenshot({ path: join(shots, 'findings.png'), fullPage: true });
      const evidence = finding!.evidenceEvents.at(-1)!;
      const { chainEvent } = await indexer.query<{
        chainEvent: { pallet: string; method: string };
      }>(`query ($id: String!) { chainEvent(id: $id) { pallet method } }`, { id: evidence });
      // Clicked inside the page: the table is redrawn on every poll.
      await page.$eval(`${row} [data-event="${evidence}"]`, (a) =>
        (a as { click(): void }).click(),
      );
      await page.waitForSelector('[data-testid="event-title"]');
      expect(await page.$eval('[data-testid="event-title"]', (h) => h.textContent)).toContain(
        `${chainEvent.pallet}.${chainEvent.method}`,
      );
      await page.screenshot({ path: join(shots, 'event.png'), fullPage: true });

      // The owner's epoch timeline: one row per indexed epoch.
      await page.goto(`${url}#owner/${chainFormat(owner)}`);
      await page.waitForSelector('[data-epoch-row]');
      expect(await page.$$eval('[data-epoch-row]', (rows) => rows.length)).toBe(
        expected.epochAssignments.totalCount,
      );
      await page.screenshot({ path: join(shots, 'owner.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await browser?.close();
      dashboard?.child.kill('SIGTERM');
    }
  });
});
