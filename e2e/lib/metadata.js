// Checks that every type of a chain's portable registry can be used by @polkadot/api as it
// is, with no custom types. A type that the library cannot resolve shows up as a thrown
// error (@polkadot/types fails on constructing an unresolved name), as a DoNotConstruct or
// `Unknown` type definition, or as a `Null` standing in for a type that carries data; each of
// these is reported as a problem.

import { TypeDefInfo } from '@polkadot/types';
import { allExtensions } from '@polkadot/types/extrinsic/signedExtensions';

const UNKNOWN = /^(Unknown|DoNotConstruct)\b/;

/** Whether a scale-info type carries no data: `()`, a struct without fields, or an enum
 * without variants (uninhabited, such as the Call enum of a pallet without calls). */
export function isUnit(siType) {
  const { def } = siType;
  if (def.isTuple) {
    return def.asTuple.length === 0;
  }
  if (def.isComposite) {
    return def.asComposite.fields.length === 0;
  }
  if (def.isVariant) {
    return def.asVariant.variants.length === 0;
  }
  return false;
}

/** Type definitions below `typeDef` (itself included) that the library could not resolve. */
function unresolvedParts(typeDef, where = 'type', found = []) {
  if (typeDef.info === TypeDefInfo.DoNotConstruct) {
    found.push(`${where}: DoNotConstruct (${typeDef.type})`);
  } else if (typeDef.info === TypeDefInfo.Plain && UNKNOWN.test(typeDef.type)) {
    found.push(`${where}: ${typeDef.type}`);
  }
  const subs = Array.isArray(typeDef.sub) ? typeDef.sub : typeDef.sub ? [typeDef.sub] : [];
  subs.forEach((sub, i) => unresolvedParts(sub, `${where}.${sub.name ?? i}`, found));
  return found;
}

/** @polkadot/types cannot build a `Compact<()>` (it has no number inside); this is not a
 * resolution failure, so such a type is only checked through its type definition. */
function isCompactOfUnit(registry, siType) {
  return siType.def.isCompact && isUnit(registry.lookup.getSiType(siType.def.asCompact.type));
}

/**
 * Audits every type of `registry.lookup`. Returns `{ checked, constructed, problems }`, where
 * `problems` lists one readable line per type that could not be fully resolved.
 */
export function auditRegistry(registry) {
  const { lookup } = registry;
  const problems = [];
  let constructed = 0;
  const portableTypes = lookup.types;

  for (const { id } of portableTypes) {
    const index = id.toNumber();
    let label = `#${index}`;
    try {
      const siType = lookup.getSiType(index);
      const path = siType.path.map((p) => p.toString()).join('::');
      label = `#${index}${path ? ` ${path}` : ''} (${siType.def.type})`;

      const typeDef = lookup.getTypeDef(index);
      for (const part of unresolvedParts(typeDef)) {
        problems.push(`${label}: unresolved ${part}`);
      }
      if (typeDef.info === TypeDefInfo.Null && !isUnit(siType)) {
        problems.push(`${label}: carries data but resolved to Null`);
      }
      if (isCompactOfUnit(registry, siType)) {
        continue;
      }

      // Building a default value walks the whole type; decoding its encoding walks the decoder.
      const name = registry.createLookupType(index);
      const value = registry.createType(name);
      value.toRawType();
      const encoded = value.toU8a();
      registry.createType(name, encoded);
      constructed += 1;
    } catch (error) {
      problems.push(`${label}: ${error.message.split('\n')[0]}`);
    }
  }

  return { checked: portableTypes.length, constructed, problems };
}

/**
 * Transaction extensions of the metadata that @polkadot/types has no definition for and that
 * carry data (explicit or implicit). The library encodes an unknown extension as empty, so a
 * transaction signed for a chain with such an extension would be malformed.
 * Returns `{ identifiers, unknownWithData }`.
 */
export function unsupportedTransactionExtensions(registry, metadata) {
  const { extrinsic } = metadata.asLatest;
  const extensions = extrinsic.transactionExtensions ?? extrinsic.signedExtensions;
  const identifiers = [];
  const unknownWithData = [];
  for (const extension of extensions) {
    const identifier = extension.identifier.toString();
    identifiers.push(identifier);
    if (identifier in allExtensions) {
      continue;
    }
    const implicit = extension.implicit ?? extension.additionalSigned;
    const carried = [extension.type, implicit].filter(
      (id) => !isUnit(registry.lookup.getSiType(id)),
    );
    if (carried.length > 0) {
      unknownWithData.push(identifier);
    }
  }
  return { identifiers, unknownWithData };
}
