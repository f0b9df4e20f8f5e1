/**
 * TCB_BELOW_MINIMUM through the indexer's real handlers: events decoded from the committed
 * runtime's metadata (the same bytes the chain emits), an in-memory SubQuery store and a
 * fake `api` with the collateral policy. The chain test (test/integration/indexer.test.ts)
 * covers the dev path; this one covers what no machine without TDX can make the chain emit:
 * Intel-path attestations with a TCB level, below and above governance's minimum.
 */
import { readFileSync } from 'node:fs';
import { GenericEvent, Metadata, TypeRegistry } from '@polkadot/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** What SubQuery hands an event handler (its `SubstrateEvent`), as far as the handlers read it. */
type SubstrateEvent = {
  idx: number;
  event: GenericEvent;
  phase: { isApplyExtrinsic: boolean };
  block: { block: { header: { number: { toNumber(): number } } } };
};
type Row = Record<string, unknown> & { id: string };
type Filter = [string, string, unknown];

/** The subset of SubQuery's store the handlers use, in memory. */
class MemoryStore {
  readonly tables = new Map<string, Map<string, Row>>();
  #table(entity: string) {
    const table = this.tables.get(entity) ?? new Map<string, Row>();
    this.tables.set(entity, table);
    return table;
  }
  async get(entity: string, id: string) {
    const row = this.#table(entity).get(id);
    return row && structuredClone(row);
  }
  async set(entity: string, id: string, data: Row) {
    this.#table(entity).set(id, structuredClone({ ...data, id }));
  }
  async remove(entity: string, id: string) {
    this.#table(entity).delete(id);
  }
  async getByField(entity: string, field: string, value: unknown, options?: Page) {
    return this.getByFields(entity, [[field, '=', value]], options);
  }
  async getByFields(entity: string, filters: Filter[], options?: Page) {
    const matches = (row: Row, [field, op, value]: Filter) => {
      const v = row[field] ?? null;
      if (op === '=') return v === (value ?? null);
      if (op === '!=') return v !== (value ?? null);
      if (op === 'in') return (value as unknown[]).includes(v);
      if (op === '!in') return !(value as unknown[]).includes(v);
      throw new Error(`operator ${op} not supported by the test store`);
    };
    const rows = [...this.#table(entity).values()]
      .filter((row) => filters.every((f) => matches(row, f)))
      .sort((a, b) => a.id.localeCompare(b.id));
    const offset = options?.offset ?? 0;
    return rows
      .slice(offset, offset + (options?.limit ?? rows.length))
      .map((r) => structuredClone(r));
  }
}
interface Page {
  limit?: number;
  offset?: number;
}

const metadataHex = (
  JSON.parse(readFileSync('chain/artifacts/metadata.json', 'utf8')) as { result: `0x${string}` }
).result;
const registry = new TypeRegistry();
const metadata = new Metadata(registry, metadataHex);
registry.setMetadata(metadata);

/** An attestation-pallet event as the chain encodes it, decoded through the metadata. */
function attestationEvent(
  method: string,
  fields: unknown[],
  block: number,
  idx = 0,
): SubstrateEvent {
  const pallet = metadata.asLatest.pallets.find((p) => p.name.toString() === 'Attestation')!;
  const variants = registry.lookup.getSiType(pallet.events.unwrap().type).def.asVariant.variants;
  const variant = variants.find((v) => v.name.toString() === method)!;
  const index = new Uint8Array([pallet.index.toNumber(), variant.index.toNumber()]);
  const Data = registry.findMetaEvent(index) as unknown as new (
    r: TypeRegistry,
    v: unknown[],
  ) => { toU8a(): Uint8Array };
  const event = new GenericEvent(
    registry,
    new Uint8Array([...index, ...new Data(registry, fields).toU8a()]),
  );
  return {
    idx,
    event,
    phase: { isApplyExtrinsic: false },
    block: { block: { header: { number: { toNumber: () => block } } } },
  };
}

/** An account as the chain (and so the indexer) prints it. */
const chainSpelling = (ss58: string) => registry.createType('AccountId32', ss58).toString();
const ALICE = chainSpelling('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
const BOB = chainSpelling('5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty');
const CAROL = chainSpelling('5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y');
const KEY = { fmspc: '0xb0c06f000000', pckCa: 'Platform' };
const BUNDLE = '0xb0c06f000000-Platform';
const hash = (b: number) => `0x${b.toString(16).padStart(2, '0').repeat(32)}`;
const intel = (tcbEvaluationNumber: number) => ({ collateral: KEY, tcbEvaluationNumber });

const registered = (who: string, tcb: unknown, block: number) =>
  attestationEvent('Attested', [who, 0, hash(1), hash(2), tcb], block);
const restarted = (who: string, incarnation: number, tcb: unknown, block: number) =>
  attestationEvent(
    'RestartAttested',
    [who, incarnation, hash(3), hash(1), block - 1, hash(4), tcb],
    block,
  );
const policySet = (minimum: number, block: number) =>
  attestationEvent(
    'CollateralPolicySet',
    [{ minTcbEvaluationNumber: minimum, previousAcceptedUntil: 0, expiryWarningBlocks: 0 }],
    block,
  );

describe('TCB_BELOW_MINIMUM through the handlers', () => {
  const store = new MemoryStore();
  /** The chain's collateral policy minimum, as `api.query.attestation.collateralRules` reads it. */
  let chainMinimum = 0;
  /** The handlers under test (loaded once the globals they read are in place). */
  let handlers: Record<
    | 'handleAttestationAttested'
    | 'handleAttestationRestartAttested'
    | 'handleAttestationCollateralPolicySet',
    (event: SubstrateEvent) => Promise<void>
  >;
  const globals = globalThis as Record<string, unknown>;

  beforeAll(async () => {
    globals.store = store;
    globals.api = {
      query: {
        attestation: {
          collateralRules: async () => ({
            toJSON: () => ({ minTcbEvaluationNumber: chainMinimum }),
          }),
        },
        backups: { params: async () => ({ toJSON: () => ({ n: 3, t: 2, maxLoad: 5 }) }) },
      },
    };
    // Not a literal import: the indexer is type-checked by its own project, with SubQuery's
    // globals (`store`, `api`), which this one does not declare.
    const mappings = '../../indexer/src/mappings/attestation.js';
    handlers = await import(mappings);
  });
  afterAll(() => {
    delete globals.store;
    delete globals.api;
  });

  const records = async () =>
    (await store.getByFields('Misbehaviour', [['kind', '=', 'TCB_BELOW_MINIMUM']])).map((r) => ({
      id: r.id,
      subject: r.subject,
      resolved: r.resolved,
      resolvedAt: r.resolvedAt ?? null,
      evidenceBlocks: r.evidenceBlocks,
      evidenceEvents: r.evidenceEvents,
    }));
  const setPolicy = async (minimum: number, block: number) => {
    chainMinimum = minimum;
    await handlers.handleAttestationCollateralPolicySet(policySet(minimum, block));
  };

  it('records the TCB level of an Intel-path attestation and none of a dev-path one', async () => {
    await handlers.handleAttestationAttested(registered(ALICE, intel(16), 10));
    await handlers.handleAttestationAttested(registered(BOB, null, 11));
    expect(await store.get('Attestation', '10-0')).toMatchObject({
      tcbCollateral: BUNDLE,
      tcbEvaluationNumber: 16,
    });
    expect(await store.get('TssAccount', ALICE)).toMatchObject({
      tcbCollateral: BUNDLE,
      tcbEvaluationNumber: 16,
      attestedEvent: '10-0',
    });
    const bob = await store.get('Attestation', '11-0');
    expect(bob?.tcbEvaluationNumber ?? null).toBeNull();
    expect(bob?.tcbCollateral ?? null).toBeNull();
    expect(await store.get('AuditState', 'state')).toMatchObject({
      minTcbEvaluationNumber: 0,
      attestedTcbNumbers: [16],
    });
    expect(await records()).toEqual([]);
  });

  it('a raised minimum flags the accounts attested below it, with both events as evidence', async () => {
    await setPolicy(17, 20);
    expect(await records()).toEqual([
      {
        id: `TCB_BELOW_MINIMUM-${ALICE}-0`,
        subject: ALICE,
        resolved: false,
        resolvedAt: null,
        evidenceBlocks: [10, 20],
        evidenceEvents: ['10-0', '20-0'],
      },
    ]);
    const details = (await store.get('Misbehaviour', `TCB_BELOW_MINIMUM-${ALICE}-0`))?.details;
    expect(details).toContain(`Intel collateral ${BUNDLE} of TCB evaluation number 16`);
    expect(details).toContain("below governance's minimum 17");
    expect((await store.get('AuditState', 'state'))?.minTcbEvaluationNumber).toBe(17);
  });

  it('an attestation below the minimum (the grace period) is flagged when it lands', async () => {
    await handlers.handleAttestationAttested(registered(CAROL, intel(17), 21));
    await handlers.handleAttestationRestartAttested(restarted(CAROL, 1, intel(16), 22));
    expect(new Map((await records()).map((r) => [r.id, r.resolved]))).toEqual(
      new Map([
        [`TCB_BELOW_MINIMUM-${ALICE}-0`, false],
        [`TCB_BELOW_MINIMUM-${CAROL}-1`, false],
      ]),
    );
  });

  it('attesting again at the minimum resolves the account’s record', async () => {
    await handlers.handleAttestationRestartAttested(restarted(ALICE, 1, intel(17), 30));
    const alice = (await records()).find((r) => r.subject === ALICE)!;
    expect(alice).toMatchObject({ resolved: true, resolvedAt: 30 });
    expect((await records()).filter((r) => !r.resolved).map((r) => r.subject)).toEqual([CAROL]);
  });

  it('a lowered minimum resolves the records it no longer covers; raised again, they reopen', async () => {
    await setPolicy(16, 40);
    expect((await records()).every((r) => r.resolved)).toBe(true);
    await setPolicy(18, 50);
    const open = (await records()).filter((r) => !r.resolved);
    // Alice's latest attestation (17) and Carol's (16), each under its own incarnation;
    // Bob (dev path) never.
    expect(open.map((r) => r.id).sort()).toEqual(
      [`TCB_BELOW_MINIMUM-${ALICE}-1`, `TCB_BELOW_MINIMUM-${CAROL}-1`].sort(),
    );
    const carol = open.find((r) => r.subject === CAROL)!;
    expect(carol.evidenceBlocks).toEqual([22, 50]);
    expect(carol.evidenceEvents).toContain('50-0');
    expect((await store.get('AuditState', 'state'))?.attestedTcbNumbers).toEqual([16, 17]);
  });

  it('replaying a policy event changes nothing', async () => {
    const before = await records();
    await setPolicy(18, 50);
    expect(await records()).toEqual(before);
  });
});
