// Reading chain state at a given block, events of one extrinsic, and pallet view functions:
// what every end-to-end scenario needs.

import assert from 'node:assert/strict';

import { bnToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
// Reading the chain at a given block.

export async function accountAt(api, blockHash, who) {
  const { data } = await api.query.system.account.at(blockHash, who);
  return { free: data.free.toBigInt(), reserved: data.reserved.toBigInt() };
}

export async function parentOf(api, blockHash) {
  return (await api.rpc.chain.getHeader(blockHash)).parentHash;
}

export async function reputationAt(api, blockHash, dc, who) {
  return (await api.query.reputation.reputationOf.at(blockHash, dc, who)).toBigInt();
}

export async function ledgerAt(api, blockHash, dc) {
  const ledger = await api.query.reputation.ledgers.at(blockHash, dc);
  assert.ok(ledger.isSome, `DC ${dc} has no reputation ledger`);
  const { total, initial, issued, burned, escrowed } = ledger.unwrap();
  return {
    total: total.toBigInt(),
    initial: initial.toBigInt(),
    issued: issued.toBigInt(),
    burned: burned.toBigInt(),
    escrowed: escrowed.toBigInt(),
  };
}

/** `who`'s balance of the DC's token (the asset with the DC's id); `null` without an account. */
export async function tokensAt(api, blockHash, dc, who) {
  const account = await api.query.assets.account.at(blockHash, dc, who);
  return account.isSome ? account.unwrap().balance.toBigInt() : null;
}

/** The keyless account of a pallet: "modl" ++ its PalletId ++ zeros, as `into_account_truncating`. */
export function palletAccount(palletId) {
  return encodeAddress(u8aConcat(stringToU8a('modl'), stringToU8a(palletId), new Uint8Array(20)), 42);
}

/** The keyless reserve account of a DC: the reserve pallet's account for the seed `(b"dc", dc)`. */
export function reserveAccount(dc) {
  const seed = u8aConcat(stringToU8a('dc'), bnToU8a(dc, { bitLength: 32, isLe: true }));
  return encodeAddress(u8aConcat(stringToU8a('modl'), stringToU8a('cv/rsrve'), seed, new Uint8Array(14)), 42);
}

// Deposits, priced by what a record stores: a base plus `deposit(0, 1)` = 0.0001 COV per byte
// (the runtime's `LinearStoragePrice`). The byte counts follow the records' SCALE layout.

const PER_BYTE = 100_000_000n;
const COV = 10n ** 12n;
const ACCOUNT = 32;
const PARAMETERS_BYTES = 1 + 1 + 4 + 4 + 1 + 16 + 16 + 4; // with a u32 block number
const TICKET = 16;

function compact(n) {
  return n < 64 ? 1 : n < 16384 ? 2 : 4;
}

/** A DC's deposit: 100 COV, plus its record (name, admin, agent, depositor, parameters, ticket)
 * and one reputation entry (account, u128) per initial member. */
export function dcDeposit(name, members) {
  const bytes = compact(name.length) + name.length + 3 * ACCOUNT + PARAMETERS_BYTES + TICKET + members * (ACCOUNT + 16);
  return 100n * COV + BigInt(bytes) * PER_BYTE;
}

/** A contribution's deposit: 1 COV, plus its record with a URI of `uri` bytes, `contributors`
 * (account, Permill) entries and `buckets` score buckets of 32 bytes. */
export function contributionDeposit(uri, contributors, buckets) {
  // dc, depositor, ticket, content hash, submitted, parameters, escrow, pot, paid, count, status
  const fixed = 4 + ACCOUNT + TICKET + 32 + 4 + PARAMETERS_BYTES + 32 + 1 + 4 + 19;
  const bytes = fixed + compact(uri) + uri + compact(contributors) + contributors * (ACCOUNT + 4) + compact(buckets) + buckets * 32;
  return COV + BigInt(bytes) * PER_BYTE;
}

// Events of one extrinsic.

export function eventsOf(result, eventType) {
  return result.events.filter((event) => eventType.is(event));
}

export function onlyEvent(result, eventType, label) {
  const found = eventsOf(result, eventType);
  assert.equal(found.length, 1, `expected exactly one ${label} event, found ${found.length}`);
  return found[0];
}

export function assertNoEvent(result, eventType, label) {
  assert.equal(eventsOf(result, eventType).length, 0, `unexpected ${label} event`);
}

// Pallet view functions.
//
// @polkadot/api 16.5.6 does not decorate view functions (it has no `api.view`; its V16 metadata
// types only describe them). They are reached through the runtime API that executes them,
// `RuntimeViewFunction_execute_view_function(query_id, input)`, which the api decorates from the
// V16 metadata as `api.call.runtimeViewFunction.executeViewFunction`. The 32-byte id of each view
// function is in the V16 metadata (`pallets[].viewFunctions[].id`, the `ViewFunctionId`'s
// `prefix ++ suffix`); the input is the SCALE encoding of the arguments one after the other,
// and the output bytes decode with the output type the metadata names.

export function viewFunctionMeta(api, palletName, functionName) {
  assert.equal(api.runtimeMetadata.version, 16, 'view functions are described only by metadata V16');
  const pallet = api.runtimeMetadata.asV16.pallets.find((p) => p.name.toString() === palletName);
  assert.ok(pallet, `no pallet ${palletName} in the metadata`);
  const meta = pallet.viewFunctions.find((v) => v.name.toString() === functionName);
  assert.ok(
    meta,
    `${palletName} has no view function ${functionName} (it has: ${pallet.viewFunctions.map((v) => v.name.toString()).join(', ') || 'none'})`,
  );
  return meta;
}

/** Calls the view function `palletName::functionName(...args)` in the state of block `blockHash`. */
export async function callView(api, blockHash, palletName, functionName, args) {
  const { registry } = api;
  const meta = viewFunctionMeta(api, palletName, functionName);
  assert.equal(args.length, meta.inputs.length, `${palletName}::${functionName} takes ${meta.inputs.length} arguments`);
  const input = u8aConcat(
    ...meta.inputs.map((param, i) => registry.createType(registry.createLookupType(param.type), args[i]).toU8a()),
  );
  const id = meta.id.toU8a();
  assert.equal(id.length, 32, 'a view function id has 32 bytes');
  const apiAt = await api.at(blockHash);
  assert.equal(
    typeof apiAt.call.runtimeViewFunction?.executeViewFunction,
    'function',
    'the runtime API RuntimeViewFunction is not in the metadata',
  );
  const result = await apiAt.call.runtimeViewFunction.executeViewFunction(
    { prefix: id.subarray(0, 16), suffix: id.subarray(16) },
    u8aToHex(input),
  );
  assert.ok(result.isOk, `${palletName}::${functionName} failed: ${result.isErr ? result.asErr.toString() : result.toString()}`);
  return registry.createType(registry.createLookupType(meta.output), result.asOk.toU8a(true));
}
