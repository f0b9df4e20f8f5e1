/**
 * The indexer's event decoders and manifest against the committed runtime metadata: every
 * event of our pallets has a decoder with the metadata's field names, and a handler in the
 * built manifest; nothing else is decoded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { stringCamelCase } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import { EVENT_FIELDS } from '../../indexer/src/mappings/eventFields.js';

const PALLET_NAMES = { registry: 'Registry', attestation: 'Attestation', backups: 'Backups' };

function metadataEvents(): Map<string, string[]> {
  const hex = (
    JSON.parse(readFileSync('chain/artifacts/metadata.json', 'utf8')) as { result: string }
  ).result as `0x${string}`;
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, hex);
  registry.setMetadata(metadata);
  const out = new Map<string, string[]>();
  for (const [section, name] of Object.entries(PALLET_NAMES)) {
    const pallet = metadata.asLatest.pallets.find((p) => p.name.toString() === name);
    if (!pallet) throw new Error(`no pallet ${name} in metadata`);
    const type = registry.lookup.getSiType(pallet.events.unwrap().type);
    for (const variant of type.def.asVariant.variants) {
      out.set(
        `${section}.${variant.name.toString()}`,
        variant.fields.map((f) => stringCamelCase(f.name.unwrap().toString())),
      );
    }
  }
  return out;
}

const decoded = new Map<string, string[]>(
  Object.entries(EVENT_FIELDS).flatMap(([section, events]) =>
    Object.entries(events).map(
      ([method, fields]) => [`${section}.${method}`, [...fields]] as const,
    ),
  ),
);

describe('indexer event decoders', () => {
  const events = metadataEvents();

  it('cover every event of registry, attestation and backups with its exact fields', () => {
    expect(events.size).toBeGreaterThanOrEqual(21);
    for (const [key, fields] of events) expect(decoded.get(key), key).toEqual(fields);
  });

  it('decode nothing the runtime lacks', () => {
    expect([...decoded.keys()].filter((k) => !events.has(k))).toEqual([]);
  });

  it('name in the manifest only handlers that the mappings export, each once', () => {
    const exported = new Set(
      readdirSync('indexer/src/mappings')
        .filter((f) => f.endsWith('.ts'))
        .flatMap((f) =>
          [
            ...readFileSync(`indexer/src/mappings/${f}`, 'utf8').matchAll(
              /^export async function (handle\w+)\(/gm,
            ),
          ].map((m) => m[1]),
        ),
    );
    const named = [...readFileSync('indexer/project.yaml', 'utf8').matchAll(/handler: (\w+)/g)].map(
      (m) => m[1],
    );
    expect(named.length).toBe(decoded.size + 1); // + the block handler
    expect(new Set(named).size).toBe(named.length);
    for (const handler of named) expect(exported.has(handler), handler).toBe(true);
  });

  it('each have one handler handle<Pallet><Event> in the built manifest', () => {
    const manifest = readFileSync('indexer/project.yaml', 'utf8');
    for (const key of decoded.keys()) {
      const [section, method] = key.split('.') as [string, string];
      const handler = `handle${section.charAt(0).toUpperCase()}${section.slice(1)}${method}`;
      expect(manifest, handler).toMatch(
        new RegExp(
          `handler: ${handler}\\n\\s+filter:\\n\\s+module: ${section}\\n\\s+method: ${method}\\n`,
        ),
      );
    }
  });
});
