/**
 * The hand-built storage keys (and the lookup types the offline member decodes with) agree
 * with what polkadot.js derives from the committed runtime's metadata.
 */
import { readFileSync } from 'node:fs';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { expandMetadata } from '@polkadot/types/metadata';
import type { RegistryTypes } from '@polkadot/types/types';
import { compactStripLength, u8aToHex } from '@polkadot/util';
import { randomAsU8a } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import lookup from '../../chain-types/src/interfaces/lookup.js';
import { storageKeys } from './storageKeys.js';

const runtime = new TypeRegistry();
const metadata = new Metadata(
  runtime,
  (JSON.parse(readFileSync('chain/artifacts/metadata.json', 'utf8')) as { result: `0x${string}` })
    .result,
);
runtime.setMetadata(metadata);
runtime.setChainProperties(runtime.createType('ChainProperties', { ss58Format: 42 }));
const { query } = expandMetadata(runtime, metadata);
const owner = randomAsU8a(32);
const hex = (key: Uint8Array) => u8aToHex(key);
/** polkadot.js prefixes a decorated key with its compact length. */
const bare = (key: Uint8Array) => compactStripLength(key)[1];

describe('storage keys', () => {
  it.each([
    [
      'Attestation::GenesisHash',
      storageKeys.genesisHash(),
      () => query.attestation!.genesisHash!(),
    ],
    [
      'Attestation::Attestations',
      storageKeys.attestation(owner),
      () => query.attestation!.attestations!(owner),
    ],
    [
      'Registry::TssOperators',
      storageKeys.tssOperator(owner),
      () => query.registry!.tssOperators!(owner),
    ],
    [
      'Registry::Validators',
      storageKeys.validator(owner),
      () => query.registry!.validators!(owner),
    ],
    [
      'Backups::ColdRequests',
      storageKeys.coldRequest(owner),
      () => query.backups!.coldRequests!(owner),
    ],
    [
      'Backups::EscrowDeposits',
      storageKeys.escrowDeposit(owner, 70_000),
      () =>
        (query.backups!.escrowDeposits as unknown as (a: Uint8Array, b: number) => Uint8Array)(
          owner,
          70_000,
        ),
    ],
    ['Backups::Committee', storageKeys.committee(), () => query.backups!.committee!()],
    [
      'Backups::RetiredCommittees',
      storageKeys.retiredCommittee(258),
      () => query.backups!.retiredCommittees!(258),
    ],
  ])('%s is the key the metadata gives', (_item, ours, theirs) => {
    expect(hex(ours)).toBe(hex(bare(theirs())));
  });

  it.each([
    'PalletCustosAttestationAttestationRecord',
    'PalletCustosRegistryValidatorInfo',
    'PalletCustosBackupsEscrowColdRequest',
    'PalletCustosBackupsEscrowEscrowDeposit',
    'PalletCustosBackupsEscrowEscrowCommittee',
  ])('%s decodes the same under the generated lookup as under the metadata', (type) => {
    const generated = new TypeRegistry();
    generated.register(lookup as unknown as RegistryTypes);
    const sample = runtime.createType(type, randomSample(runtime, type)).toU8a();
    expect(generated.createType(type, sample).toJSON()).toEqual(
      runtime.createType(type, sample).toJSON(),
    );
    expect(generated.createType(type, sample).encodedLength).toBe(sample.length);
  });
});

/** A value of `type` with every field set (random bytes, small numbers, two-item lists). */
function randomSample(registry: TypeRegistry, type: string): unknown {
  const empty = registry.createType(type).toJSON() as Record<string, unknown>;
  const fill = (v: unknown): unknown => {
    if (typeof v === 'number') return 7;
    if (typeof v === 'string' && v.startsWith('0x'))
      return u8aToHex(randomAsU8a((v.length - 2) / 2 || 4));
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return v;
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]));
    return v;
  };
  return fill(empty);
}
