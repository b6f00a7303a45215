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

/** The block number of `blockHash`. */
export async function blockNumberOf(api, blockHash) {
  return (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
}

/**
 * The block at which reputation earned in block `block` vests (§1a): the first block of epoch
 * `⌊block / epochLength⌋ + 2`, epochs counted from block 0.
 */
export function vestingBlock(block, epochLength) {
  return (Math.floor(block / epochLength) + 2) * epochLength;
}

/**
 * A `Standing { vested, escrowed, pending: [Pending { amount, vestsAt }; 2] }` as the chain
 * stores or returns it, matured to block `blockNumber` the way the chain matures it lazily: an
 * amount whose `vestsAt ≤ blockNumber` counts as vested. Returns
 * `{ vested, escrowed, pending: [{ amount, vestsAt }, …], reputation }` with the amounts still
 * pending, earliest first (empty slots left out), and `reputation` = vested + pending.
 */
export function matureStanding(standing, blockNumber) {
  let vested = standing.vested.toBigInt();
  const pending = [];
  for (const slot of standing.pending) {
    const amount = slot.amount.toBigInt();
    const vestsAt = slot.vestsAt.toNumber();
    if (amount === 0n) {
      continue;
    }
    if (vestsAt <= blockNumber) {
      vested += amount;
    } else {
      pending.push({ amount, vestsAt });
    }
  }
  pending.sort((a, b) => a.vestsAt - b.vestsAt);
  const pendingTotal = pending.reduce((sum, p) => sum + p.amount, 0n);
  return { vested, escrowed: standing.escrowed.toBigInt(), pending, reputation: vested + pendingTotal };
}

/**
 * The reputation of `who` in `dc` in the state of block `blockHash`, from the stored
 * `Reputation::ReputationOf` matured to that block's number (see `matureStanding`).
 */
export async function reputationAt(api, blockHash, dc, who) {
  const [stored, number] = await Promise.all([
    api.query.reputation.reputationOf.at(blockHash, dc, who),
    blockNumberOf(api, blockHash),
  ]);
  return matureStanding(stored, number);
}

/** The same through the view function `Reputation::reputation_of(dc, who)`, which the chain
 * matures itself. */
export async function reputationViewAt(api, blockHash, dc, who) {
  const [standing, number] = await Promise.all([
    callView(api, blockHash, 'Reputation', 'reputation_of', [dc, who]),
    blockNumberOf(api, blockHash),
  ]);
  return matureStanding(standing, number);
}

/** The epoch length of `dc` (`Reputation::EpochLengths`), or `null`. */
export async function epochLengthAt(api, blockHash, dc) {
  const epoch = await api.query.reputation.epochLengths.at(blockHash, dc);
  return epoch.isSome ? epoch.unwrap().toNumber() : null;
}

export async function ledgerAt(api, blockHash, dc) {
  const ledger = await api.query.reputation.ledgers.at(blockHash, dc);
  assert.ok(ledger.isSome, `DC ${dc} has no reputation ledger`);
  const { total, initial, issued, burned, escrowed, staked } = ledger.unwrap();
  return {
    total: total.toBigInt(),
    initial: initial.toBigInt(),
    issued: issued.toBigInt(),
    burned: burned.toBigInt(),
    escrowed: escrowed.toBigInt(),
    staked: staked.toBigInt(),
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
 * and its reputation books and epoch length, and one standing per initial member. */
export function dcDeposit(name, members) {
  // The record, the DC's reputation books (6 × 16) and epoch length (4), and per member an
  // account and its standing (vested, escrowed, two pending amounts with their block: 72).
  const bytes = compact(name.length) + name.length + 3 * ACCOUNT + PARAMETERS_BYTES + TICKET + 96 + 4 + members * (ACCOUNT + 72);
  return 100n * COV + BigInt(bytes) * PER_BYTE;
}

/** A contribution's deposit: 1 COV, plus its record with a URI of `uri` bytes, `contributors`
 * (account, Permill) entries and `buckets` score buckets of 32 bytes. */
export function contributionDeposit(uri, contributors, buckets) {
  // dc, kind, depositor, ticket, content hash, submitted, parameters, R₀, need, escrow, pot
  // (4 × 16), paid, count, status (56: a closing's progress is the largest variant)
  const fixed = 4 + 1 + ACCOUNT + TICKET + 32 + 4 + PARAMETERS_BYTES + 4 * 16 + 1 + 4 + 56;
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

/**
 * Every event of block `blockHash` of `eventType`, whatever its phase: those of extrinsics and
 * those of the block's initialization and finalization (where `on_idle` runs). Returns
 * `[{ phase, event }]` in the block's order.
 */
export async function blockEventsOf(api, blockHash, eventType) {
  const records = await api.query.system.events.at(blockHash);
  return records.filter(({ event }) => eventType.is(event)).map(({ phase, event }) => ({ phase, event }));
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
