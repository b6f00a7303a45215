// Registry helpers of the suite, checked without a node against the V16 metadata of the
// Substrate reference runtime that @polkadot/types-support ships: the type audit must pass a
// sound registry and catch one whose types cannot be resolved, and dispatch errors must be
// named as the tests expect.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Metadata, TypeRegistry } from '@polkadot/types';
import substrateV16 from '@polkadot/types-support/metadata/v16/substrate-hex';

import { describeDispatchError } from '../lib/chain.js';
import { auditRegistry, unsupportedTransactionExtensions } from '../lib/metadata.js';

/** The shipped hex may be wrapped (as a runtime-call result); the metadata starts at "meta". */
function registryFor(hex) {
  const start = hex.indexOf('6d657461');
  assert.ok(start > 0, 'no metadata magic number');
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, `0x${hex.slice(start)}`);
  registry.setMetadata(metadata);
  return { registry, metadata };
}

test('a sound V16 registry passes the audit', () => {
  const { registry, metadata } = registryFor(substrateV16);
  assert.equal(metadata.version, 16);
  const audit = auditRegistry(registry);
  assert.equal(audit.checked, registry.lookup.types.length);
  assert.ok(audit.checked > 500);
  assert.deepEqual(audit.problems, []);
  assert.equal(audit.constructed, audit.checked);
  assert.deepEqual(unsupportedTransactionExtensions(registry, metadata).unknownWithData, []);
});

test('a registry with an unresolvable type fails the audit', () => {
  const { registry } = registryFor(substrateV16);
  // Point the account id at a name that does not exist, as a missing custom type would.
  registry.register({ AccountId32: 'CovalueNoSuchType' });
  const audit = auditRegistry(registry);
  assert.ok(audit.problems.length > 0);
  assert.ok(
    audit.problems.some((line) => line.includes('sp_core::crypto::AccountId32') && line.includes('CovalueNoSuchType')),
    audit.problems.slice(0, 5).join('\n'),
  );
});

test('dispatch errors are named as variant, variant.inner or Module.Pallet.Error', () => {
  const { registry, metadata } = registryFor(substrateV16);
  const api = { registry, runtimeMetadata: metadata };
  const dispatchErrorType = registry.lookup.types.find(
    ({ type }) => type.path.map(String).join('::') === 'sp_runtime::DispatchError',
  );
  assert.ok(dispatchErrorType, 'no sp_runtime::DispatchError in the registry');
  const typeName = registry.createLookupType(dispatchErrorType.id);
  const balances = metadata.asLatest.pallets.find((p) => p.name.toString() === 'Balances').index.toNumber();
  const name = (value) => describeDispatchError(api, registry.createType(typeName, value));

  assert.equal(name({ BadOrigin: null }), 'BadOrigin');
  assert.equal(name({ CannotLookup: null }), 'CannotLookup');
  assert.equal(name({ Token: 'FundsUnavailable' }), 'Token.FundsUnavailable');
  assert.equal(name({ Arithmetic: 'Overflow' }), 'Arithmetic.Overflow');
  // Balances error #2 is InsufficientBalance.
  assert.equal(name({ Module: { index: balances, error: '0x02000000' } }), 'Module.Balances.InsufficientBalance');
});
