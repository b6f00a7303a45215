// Foundation of the Covalue chain as a client sees it: chain identity and token, metadata that
// @polkadot/api understands without custom types, a plain transfer with exact balance
// accounting, the forbidden Assets.create, and blocks on demand.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Metadata, TypeRegistry } from '@polkadot/types';

import { auditRegistry, unsupportedTransactionExtensions } from '../lib/metadata.js';
import { createBlocks, keyring, rawRpc, startNodeOnce, submit } from '../lib/node.js';

const COV = 10n ** 12n;
const ENDOWMENT = 1_000_000n * COV;
const EXISTENTIAL_DEPOSIT = 1_000_000_000n;
const RUNTIME_PALLETS = [
  'System',
  'Timestamp',
  'ValidatorSet',
  'Session',
  'Aura',
  'Grandpa',
  'Balances',
  'TransactionPayment',
  'Sudo',
  'Utility',
  'Multisig',
  'Proxy',
  'Assets',
  'PoolAssets',
  'Reputation',
  'Cooperatives',
  'ProofOfValue',
  'Reserve',
  'FoundingCooperative',
  'AssetConversion',
];

const chain = startNodeOnce();

/** An account's balance data at a block, as BigInts. */
async function accountAt(api, blockHash, who) {
  const { nonce, data } = await api.query.system.account.at(blockHash, who);
  return {
    nonce: nonce.toBigInt(),
    free: data.free.toBigInt(),
    reserved: data.reserved.toBigInt(),
    frozen: data.frozen.toBigInt(),
  };
}

async function parentOf(api, blockHash) {
  return (await api.rpc.chain.getHeader(blockHash)).parentHash;
}

test('chain identity and token properties', async () => {
  const { api } = chain;

  assert.equal(api.registry.chainSS58, 42);
  assert.deepEqual(api.registry.chainDecimals, [12]);
  assert.deepEqual(api.registry.chainTokens, ['COV']);

  // What the node sends, untouched by the api's normalisation ...
  assert.deepEqual(await rawRpc(api, 'system_properties'), {
    ss58Format: 42,
    tokenDecimals: 12,
    tokenSymbol: 'COV',
  });
  // ... and what the api makes of it.
  const properties = await api.rpc.system.properties();
  assert.equal(properties.ss58Format.toJSON(), 42);
  assert.deepEqual(properties.tokenDecimals.toJSON(), [12]);
  assert.deepEqual(properties.tokenSymbol.toJSON(), ['COV']);

  assert.equal((await api.rpc.system.chain()).toString(), 'Development');
  assert.equal((await api.rpc.system.chainType()).toString(), 'Development');
  assert.equal(api.runtimeVersion.specName.toString(), 'covalue');
  assert.equal((await api.rpc.state.getRuntimeVersion()).specName.toString(), 'covalue');
});

test('development genesis: endowed accounts and Alice as sudo', async () => {
  const { api } = chain;
  const accounts = keyring();
  const genesis = await api.rpc.chain.getBlockHash(0);
  for (const name of ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie']) {
    const { free, reserved } = await accountAt(api, genesis, accounts[name].address);
    assert.equal(free, ENDOWMENT, `${name}'s free balance at genesis`);
    assert.equal(reserved, 0n, `${name}'s reserved balance at genesis`);
  }
  assert.equal((await api.query.sudo.key()).unwrap().toString(), accounts.alice.address);
  assert.equal(api.consts.balances.existentialDeposit.toBigInt(), EXISTENTIAL_DEPOSIT);
});

test('metadata is understood by @polkadot/api without custom types', async () => {
  const { api } = chain;

  // @polkadot/api 16.x negotiates the highest version it supports (14, 15, 16).
  assert.equal(api.runtimeMetadata.version, 16);

  const served = (await api.call.metadata.metadataVersions()).map((v) => v.toNumber());
  for (const version of [14, 15, 16]) {
    assert.ok(served.includes(version), `metadata_versions ${JSON.stringify(served)} lacks ${version}`);
    const opaque = await api.call.metadata.metadataAtVersion(version);
    assert.ok(opaque.isSome, `metadata_at_version(${version}) is None`);
    const decoded = new Metadata(new TypeRegistry(), opaque.unwrap().toHex());
    assert.equal(decoded.version, version);
  }
  assert.equal((await api.rpc.state.getMetadata()).version, 14);

  const pallets = api.runtimeMetadata.asLatest.pallets.map((p) => p.name.toString());
  assert.deepEqual([...pallets].sort(), [...RUNTIME_PALLETS].sort());

  const audit = auditRegistry(api.registry);
  assert.equal(audit.checked, api.registry.lookup.types.length);
  assert.ok(audit.checked > 0);
  assert.deepEqual(audit.problems, [], `unresolvable types:\n${audit.problems.join('\n')}`);

  const extensions = unsupportedTransactionExtensions(api.registry, api.runtimeMetadata);
  assert.deepEqual(
    extensions.unknownWithData,
    [],
    `transaction extensions unknown to @polkadot/types that carry data: ${extensions.unknownWithData.join(', ')}`,
  );

  assert.equal(typeof api.tx.balances.transferKeepAlive, 'function');
  assert.equal(typeof api.query.assets.asset, 'function');
  assert.equal(typeof api.call.transactionPaymentApi.queryInfo, 'function');
  assert.equal(typeof api.call.accountNonceApi.accountNonce, 'function');
  assert.equal(typeof api.call.assetConversionApi.quotePriceExactTokensForTokens, 'function');
});

test('transferKeepAlive moves exactly the amount and charges exactly the fee', async () => {
  const { api } = chain;
  const { alice, bob } = keyring();
  const amount = 123_456_789_000n;

  const tx = api.tx.balances.transferKeepAlive(bob.address, amount);
  const estimate = await tx.paymentInfo(alice);
  assert.ok(estimate.partialFee.toBigInt() > 0n, 'paymentInfo partialFee is 0');

  const result = await submit(api, tx, alice);
  assert.equal(result.dispatchError, null);
  assert.equal(result.tip, 0n);
  assert.equal(typeof result.fee, 'bigint');
  assert.ok(result.fee > 0n, 'no fee was paid');

  const parent = await parentOf(api, result.blockHash);
  const aliceBefore = await accountAt(api, parent, alice.address);
  const aliceAfter = await accountAt(api, result.blockHash, alice.address);
  const bobBefore = await accountAt(api, parent, bob.address);
  const bobAfter = await accountAt(api, result.blockHash, bob.address);

  assert.equal(aliceBefore.free - aliceAfter.free, amount + result.fee);
  assert.equal(aliceAfter.nonce, aliceBefore.nonce + 1n);
  assert.equal(aliceAfter.reserved, aliceBefore.reserved);
  assert.equal(bobAfter.free - bobBefore.free, amount);
  assert.equal(bobAfter.reserved, bobBefore.reserved);

  const transfers = result.events.filter((event) => api.events.balances.Transfer.is(event));
  assert.equal(transfers.length, 1, 'exactly one Balances.Transfer event');
  const [transfer] = transfers;
  assert.equal(transfer.data.from.toString(), alice.address);
  assert.equal(transfer.data.to.toString(), bob.address);
  assert.equal(transfer.data.amount.toBigInt(), amount);

  const feeEvents = result.events.filter((event) => api.events.transactionPayment.TransactionFeePaid.is(event));
  assert.equal(feeEvents.length, 1, 'exactly one TransactionFeePaid event');
  assert.equal(feeEvents[0].data.who.toString(), alice.address);
});

test('assets.create is refused with BadOrigin and costs only the fee', async () => {
  const { api } = chain;
  const { bob } = keyring();
  const assetId = 77;

  const result = await submit(api, api.tx.assets.create(assetId, bob.address, 1), bob);
  assert.equal(result.dispatchError, 'BadOrigin');
  assert.ok(
    result.events.some((event) => api.events.system.ExtrinsicFailed.is(event)),
    'no System.ExtrinsicFailed event',
  );
  assert.ok(
    !result.events.some((event) => api.events.assets.Created.is(event)),
    'an Assets.Created event was emitted',
  );
  assert.ok((await api.query.assets.asset(assetId)).isNone, `asset ${assetId} exists`);
  assert.ok((await api.query.assets.asset.at(result.blockHash, assetId)).isNone);

  assert.equal(typeof result.fee, 'bigint');
  assert.ok(result.fee > 0n, 'no fee was paid');
  const parent = await parentOf(api, result.blockHash);
  const before = await accountAt(api, parent, bob.address);
  const after = await accountAt(api, result.blockHash, bob.address);
  assert.equal(before.free - after.free, result.fee);
  assert.equal(after.reserved, before.reserved);
  assert.equal(after.frozen, before.frozen);
  assert.equal(after.nonce, before.nonce + 1n);
});

test('engine_createBlock advances the chain by exactly the number of blocks asked for', async () => {
  const { api } = chain;
  const before = (await api.rpc.chain.getHeader()).number.toNumber();

  const hashes = await createBlocks(api, 3);
  assert.equal(hashes.length, 3);
  assert.equal(new Set(hashes).size, 3);

  const best = await api.rpc.chain.getHeader();
  assert.equal(best.number.toNumber(), before + 3);
  assert.equal(best.hash.toHex(), hashes[2]);
  const finalized = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
  assert.equal(finalized.number.toNumber(), before + 3);
});
