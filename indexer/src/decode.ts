// Decoding with the types generated from the runtime's metadata (`npm run typegen`). The
// indexer knows one runtime version; an event or a storage item of any other layout stops it with
// a message that says what to do, instead of a wrong row in the database.
import * as ss58 from '@subsquid/ss58';
import type { Block, Event } from './processor';

/** The chain's SS58 prefix (the runtime's `SS58Prefix`). */
export const SS58_PREFIX = 42;
const codec = ss58.codec(SS58_PREFIX);

// Encoding hashes (blake2b) every time, and a batch names the same accounts thousands of times.
const addresses = new Map<string, string>();

export function address(publicKey: string): string {
  let a = addresses.get(publicKey);
  if (a === undefined) {
    a = codec.encode(publicKey);
    if (addresses.size > 100_000) addresses.clear();
    addresses.set(publicKey, a);
  }
  return a;
}

export function publicKeyOf(addr: string): string {
  return codec.decode(addr);
}

interface Versioned<T> {
  is(x: any): boolean;
  decode(x: any): T;
}

export class UnknownRuntime extends Error {}

function unknown(what: string, specVersion: number): never {
  throw new UnknownRuntime(
    `${what} at runtime version ${specVersion} does not have the layout the indexer was generated for; ` +
      `regenerate its types from the node (indexer/README: npm run metadata && npm run typegen)`,
  );
}

/** Decodes `event` with the one version of `type` the indexer knows. */
export function decodeEvent<T>(event: Event, type: { v300: Versioned<T> }): T {
  if (!type.v300.is(event)) unknown(`event ${event.name}`, event.block.specVersion);
  return type.v300.decode(event);
}

interface VersionedStorage {
  is(block: any): boolean;
}

/** The one version of a storage item the indexer knows, checked against `block`'s runtime. */
export function storageAt<S extends VersionedStorage>(block: Block, name: string, item: { v300: S }): S {
  if (!item.v300.is(block)) unknown(`storage ${name}`, block.specVersion);
  return item.v300;
}

/** A `BoundedVec<u8>` (hex) as UTF-8 text. */
export function text(bytes: string): string {
  return Buffer.from(bytes.startsWith('0x') ? bytes.slice(2) : bytes, 'hex').toString('utf8');
}

/** A decoded value as JSON: big integers as decimal strings, nothing else changed. */
export function json(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

/** The name of the pallet at `index`: the runtime's event enum has a variant per pallet, at its index. */
export type PalletNames = (index: number) => string | undefined;

export function palletNames(block: Block): PalletNames {
  const { types, event } = block._runtime.description;
  const variants = (types[event] as { variants?: { name: string; index: number }[] }).variants ?? [];
  return (index) => variants.find((v) => v.index === index)?.name;
}

/**
 * A `DispatchResult` as the error it carries, or null for success: a pallet's error as
 * `Module(<pallet>, <error bytes>)`, the pallet named where the runtime says which it is.
 */
export function dispatchError(
  result: { __kind: string; value?: unknown },
  pallets: PalletNames = () => undefined,
): string | null {
  if (result.__kind === 'Ok') return null;
  const error = result.value as any;
  if (error?.__kind === 'Module' && error.value) {
    return `Module(${pallets(error.value.index) ?? error.value.index}, ${error.value.error})`;
  }
  return JSON.stringify(json(error));
}
