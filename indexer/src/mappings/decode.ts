/**
 * The decode layer: raw events of our three pallets → typed domain objects, by field name.
 *
 * Why local decoders and not the root `chain-types/` augmentation: subql builds the
 * mappings with its own webpack + ts-loader inside `indexer/`, against the @polkadot
 * copies in `indexer/node_modules`; pulling the root augmentation in would tie that build
 * to the root's tsconfig `paths` and @polkadot versions. Instead each decoder names the
 * exact fields of the runtime's metadata and throws `UnsupportedEventError` on any other
 * shape, and `test/unit/indexerDecode.test.ts` checks these field lists against
 * `chain/artifacts/metadata.json`, so a runtime change that renames or adds a field fails
 * the tests rather than indexing garbage.
 */
import type { SubstrateEvent } from '@subql/types';
import { EVENT_FIELDS } from './eventFields';

export { EVENT_FIELDS };

/** A decoded field (the codec type @subql/types' events carry). */
export type Codec = SubstrateEvent['event']['data'][number];

type Fields = typeof EVENT_FIELDS;
/** A pallet we index. */
export type Pallet = keyof Fields;
/** An event name of `P`. */
export type EventName<P extends Pallet> = keyof Fields[P] & string;
/** The field names of event `E` of pallet `P`, exactly as the runtime's metadata names them. */
export type FieldName<
  P extends Pallet,
  E extends EventName<P>,
> = Fields[P][E] extends readonly string[] ? Fields[P][E][number] : never;
/**
 * Event `E`'s fields by name: every field the metadata lists, present by construction
 * (the decoder refuses any other shape), so handlers read them without `!`.
 */
export type EventFields<P extends Pallet, E extends EventName<P>> = {
  readonly [K in FieldName<P, E>]: Codec;
};

/** The event is not one this decoder knows (another runtime version, renamed fields). */
export class UnsupportedEventError extends Error {
  override readonly name = 'UnsupportedEventError';
}

/** Where an event sits: block, index, extrinsic. Ids are `<block>-<eventIdx>`. */
export interface EventPosition {
  id: string;
  blockNumber: number;
  eventIdx: number;
  extrinsicIdx: number | undefined;
}

/** The position of `event` in the chain. */
export function positionOf(event: SubstrateEvent): EventPosition {
  const blockNumber = event.block.block.header.number.toNumber();
  const extrinsic = event.phase.isApplyExtrinsic
    ? event.phase.asApplyExtrinsic.toNumber()
    : undefined;
  return {
    id: `${blockNumber}-${event.idx}`,
    blockNumber,
    eventIdx: event.idx,
    extrinsicIdx: extrinsic,
  };
}

/**
 * The named fields of `event`, checked against {@link EVENT_FIELDS}.
 * @throws UnsupportedEventError when the section, method or field names differ.
 */
export function fieldsOf<P extends Pallet, E extends EventName<P>>(
  event: SubstrateEvent,
  pallet: P,
  method: E,
): EventFields<P, E> {
  return namedFields(event.event, pallet, method);
}

/**
 * {@link fieldsOf} for a bare event (for example another event of the same extrinsic).
 * @throws UnsupportedEventError when the section, method or field names differ.
 */
export function namedFields<P extends Pallet, E extends EventName<P>>(
  event: SubstrateEvent['event'],
  pallet: P,
  method: E,
): EventFields<P, E> {
  const { section, method: actual, data } = event;
  const expected = (EVENT_FIELDS[pallet] as Record<string, readonly string[]>)[method] ?? [];
  const names = data.names ?? [];
  if (
    section !== pallet ||
    actual !== method ||
    names.length !== expected.length ||
    data.length !== expected.length ||
    names.some((n, i) => n !== expected[i])
  ) {
    throw new UnsupportedEventError(
      `unsupported event shape: ${section}.${actual}(${names.join(', ')}), expected ${pallet}.${method}(${expected.join(', ')})`,
    );
  }
  const out: Record<string, Codec> = {};
  data.forEach((value, i) => {
    out[expected[i] as string] = value;
  });
  return out as EventFields<P, E>;
}

/** An AccountId32 as SS58 (the chain's prefix), exactly as polkadot.js prints it. */
export const account = (c: Codec): string => c.toString();
/** A Vec<AccountId32> as SS58 strings, in chain order. */
export const accounts = (c: Codec): string[] =>
  Array.from(c as unknown as Iterable<Codec>, account);
/** A u32 / block number. */
export const u32 = (c: Codec): number => Number(c.toString());
/** A u64 / u128 (planck, store versions). */
export const big = (c: Codec): bigint => BigInt(c.toString());
/** A fixed byte array as 0x-hex. */
export const hex = (c: Codec): string => c.toHex();
/** A bool. */
export const bool = (c: Codec): boolean => c.toJSON() === true;
/** A bounded ASCII byte string (endpoints: the registry admits printable ASCII only). */
export const ascii = (c: Codec): string =>
  String.fromCharCode(...(c as unknown as { toU8a(bare: boolean): Uint8Array }).toU8a(true));
/** A u64 bit mask as 0x-hex of 16 digits (as the chain's genesis JSON writes it). */
export const hex64 = (c: Codec): string => `0x${big(c).toString(16).padStart(16, '0')}`;
/**
 * The field `name` of a struct codec.
 * @throws UnsupportedEventError when the struct has no such field.
 */
export function structField(c: Codec, name: string): Codec {
  const value = (c as unknown as { get(n: string): Codec | undefined }).get(name);
  if (value === undefined) throw new UnsupportedEventError(`struct has no field ${name}`);
  return value;
}
/** An `Option<T>`: its value, or undefined for `None`. */
export const optional = (c: Codec): Codec | undefined => {
  const o = c as unknown as { isSome: boolean; unwrap(): Codec };
  return o.isSome ? o.unwrap() : undefined;
};
/** A fieldless enum variant's name (pallet errors). */
export const variant = (c: Codec): string =>
  (c as unknown as { type?: string }).type ?? c.toString();

/** The event's fields as JSON for the generic ChainEvent row. */
export function argsJson(event: SubstrateEvent): string {
  const { data } = event.event;
  const names = data.names ?? data.map((_, i) => String(i));
  const json: Record<string, unknown> = {};
  names.forEach((n, i) => {
    json[n] = data[i]?.toJSON() ?? null;
  });
  return JSON.stringify(json);
}
