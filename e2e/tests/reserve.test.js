// The token lifecycle of docs/protocol-rules.md (§6 of version 2, with the numbers of the §8
// simulator example), played on a real node: Alice's "Guild" DC rewards Dave with 40 tokens
// through Proof of Value, then Alice sets a price cap of 2.5 with the native currency as reserve
// asset, Eve buys 100 tokens, Dave redeems 10 and Eve deposits 50 of revenue; finally Alice
// lowers the cap to 1 and a sale still costs the reserve per token. Every balance is asserted
// exactly, transaction fees included (from each extrinsic's `TransactionFeePaid`). The unit test
// `simulator_example_of_section_8` of the integration tests plays the same scenario in Rust.
//
// The amounts are base units, far below the existential deposit (0.001 COV): the reserve
// account is kept alive by an endowment the admin pays once, which never counts as reserve.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { blake2AsHex } from '@polkadot/util-crypto';

import { keyring, startNodeOnce, submit } from '../lib/node.js';
import { accountAt, callView, onlyEvent, parentOf, reputationAt, reserveAccount, tokensAt, vestingBlock } from '../lib/queries.js';

/** `FixedU128` 2.5: reserve-asset base units per token base unit. */
const PRICE_CAP = 2_500_000_000_000_000_000n;
/** `FixedU128` 1. */
const LOWER_CAP = 1_000_000_000_000_000_000n;
const EPOCH_LENGTH = 10;

const PARAMETERS = {
  minScore: 0,
  maxScore: 5,
  quorum: 500_000_000,
  stake: 100_000_000,
  alignmentRadius: 0,
  tokenPerPoint: 10,
  reputationPerPoint: 20,
  evaluationPeriod: 10,
};

const chain = startNodeOnce();

const state = { dc: undefined, reserve: undefined, ed: undefined };

function need(name, step) {
  assert.notEqual(state[name], undefined, `${name} is unknown: ${step} did not complete`);
  return state[name];
}

/** The free balance of `who` in the block before `blockHash` and in it. */
async function freeAround(api, blockHash, who) {
  const before = (await accountAt(api, await parentOf(api, blockHash), who)).free;
  const after = (await accountAt(api, blockHash, who)).free;
  return { before, after };
}

async function reserveAt(api, blockHash, dc) {
  const reserve = await api.query.reserve.reserves.at(blockHash, dc);
  if (reserve.isNone) {
    return null;
  }
  const { asset, priceCap, balance } = reserve.unwrap();
  return { asset: asset.type, priceCap: priceCap.toBigInt(), balance: balance.toBigInt() };
}

async function supplyAt(api, blockHash, dc) {
  return (await api.query.assets.asset.at(blockHash, dc)).unwrap().supply.toBigInt();
}

async function summaryAt(api, blockHash, dc) {
  const summary = await callView(api, blockHash, 'Reserve', 'reserve_summary', [dc]);
  if (summary.isNone) {
    return null;
  }
  const s = summary.unwrap();
  return {
    account: s.account.toString(),
    asset: s.asset.type,
    priceCap: s.priceCap.toBigInt(),
    balance: s.balance.toBigInt(),
    supply: s.supply.toBigInt(),
    redemptionPrice: s.redemptionPrice.toBigInt(),
  };
}

async function optionalAt(api, blockHash, name, args) {
  const value = await callView(api, blockHash, 'Reserve', name, args);
  return value.isSome ? value.unwrap().toBigInt() : null;
}

test('step 1: the Guild DC rewards Dave with 40 tokens through Proof of Value', async () => {
  const { api } = chain;
  const { alice, bob, charlie, dave } = keyring();
  const created = await submit(
    api,
    api.tx.cooperatives.createDc('Guild', 'Guild Token', 'GLD', 0, PARAMETERS, EPOCH_LENGTH, [
      [alice.address, 400],
      [bob.address, 300],
      [charlie.address, 300],
    ]),
    alice,
  );
  assert.equal(created.dispatchError, null);
  const event = onlyEvent(created, api.events.cooperatives.CooperativeCreated, 'CooperativeCreated');
  const dc = event.data.dc.toNumber();

  const contributed = await submit(
    api,
    api.tx.proofOfValue.contribute(dc, blake2AsHex('Guild: c1', 256), 'ipfs://guild/c1', [[dave.address, 1_000_000]]),
    dave,
  );
  assert.equal(contributed.dispatchError, null);
  const c1 = onlyEvent(contributed, api.events.proofOfValue.Contributed, 'Contributed').data.contribution;
  let rewarded = null;
  for (const evaluator of [alice, bob]) {
    const result = await submit(api, api.tx.proofOfValue.evaluate(c1, 4), evaluator);
    assert.equal(result.dispatchError, null);
    rewarded = result;
  }
  // Bob's evaluation brings the median to 4: 40 tokens, and 80 reputation pending.
  const reward = onlyEvent(rewarded, api.events.proofOfValue.RewardIssued, 'RewardIssued');
  assert.equal(reward.data.tokens.toBigInt(), 40n);
  const head = await api.rpc.chain.getFinalizedHead();
  assert.equal(await tokensAt(api, head, dc, dave.address), 40n);
  assert.equal(await supplyAt(api, head, dc), 40n);
  assert.deepEqual(await reputationAt(api, rewarded.blockHash, dc, dave.address), {
    vested: 0n,
    escrowed: 0n,
    pending: [{ amount: 80n, vestsAt: vestingBlock(rewarded.blockNumber, EPOCH_LENGTH) }],
    reputation: 80n,
  });

  // No cap yet: nothing can be bought, and the queries say so.
  const early = await submit(api, api.tx.reserve.buy(dc, 1, 10), bob);
  assert.equal(early.dispatchError, 'Module.Reserve.NoPriceCap');
  assert.equal(await summaryAt(api, early.blockHash, dc), null);
  assert.equal(await optionalAt(api, early.blockHash, 'buy_cost', [dc, 100]), null);

  state.dc = dc;
  state.reserve = reserveAccount(dc);
  state.ed = api.consts.balances.existentialDeposit.toBigInt();
});

test('step 2: only the admin sets the cap, never 0 nor the DC\'s own token; the admin pays the reserve account its existential deposit', async () => {
  const { api } = chain;
  const { alice, bob } = keyring();
  const dc = need('dc', 'step 1');
  const reserve = need('reserve', 'step 1');
  const ed = need('ed', 'step 1');

  const notAdmin = await submit(api, api.tx.reserve.setPriceCap(dc, PRICE_CAP, 'Native'), bob);
  assert.equal(notAdmin.dispatchError, 'Module.Reserve.NotAdmin');
  // A cap of 0 would mint tokens for nothing.
  const zero = await submit(api, api.tx.reserve.setPriceCap(dc, 0, 'Native'), alice);
  assert.equal(zero.dispatchError, 'Module.Reserve.ZeroPriceCap');
  // A reserve of the DC's own token leads back to the DC: a reserve cycle.
  const own = await submit(api, api.tx.reserve.setPriceCap(dc, PRICE_CAP, { WithId: dc }), alice);
  assert.equal(own.dispatchError, 'Module.Reserve.ReserveCycle');
  assert.equal(await reserveAt(api, own.blockHash, dc), null);

  const result = await submit(api, api.tx.reserve.setPriceCap(dc, PRICE_CAP, 'Native'), alice);
  assert.equal(result.dispatchError, null);
  const set = onlyEvent(result, api.events.reserve.PriceCapSet, 'Reserve.PriceCapSet');
  assert.deepEqual(
    {
      dc: set.data.dc.toNumber(),
      priceCap: set.data.priceCap.toBigInt(),
      asset: set.data.asset.type,
      endowment: set.data.endowment.toBigInt(),
    },
    { dc, priceCap: PRICE_CAP, asset: 'Native', endowment: ed },
  );
  const at = result.blockHash;
  const admin = await freeAround(api, at, alice.address);
  assert.equal(admin.before - admin.after, ed + result.fee);
  assert.equal((await accountAt(api, at, reserve)).free, ed);
  assert.deepEqual(await reserveAt(api, at, dc), { asset: 'Native', priceCap: PRICE_CAP, balance: 0n });
  assert.equal(await optionalAt(api, at, 'buy_cost', [dc, 100]), 250n);
});

test('step 3: Eve buys 100 tokens for max(⌈100·2.5⌉, ⌈100·0/40⌉) = 250, the reserve being empty; a lower maximum cost is refused', async () => {
  const { api } = chain;
  const { eve } = keyring();
  const dc = need('dc', 'step 1');
  const reserve = need('reserve', 'step 1');
  const ed = need('ed', 'step 1');

  const tooCheap = await submit(api, api.tx.reserve.buy(dc, 100, 249), eve);
  assert.equal(tooCheap.dispatchError, 'Module.Reserve.CostAboveMax');
  const unchanged = await freeAround(api, tooCheap.blockHash, eve.address);
  assert.equal(unchanged.before - unchanged.after, tooCheap.fee);

  const result = await submit(api, api.tx.reserve.buy(dc, 100, 250), eve);
  assert.equal(result.dispatchError, null);
  const bought = onlyEvent(result, api.events.reserve.Bought, 'Reserve.Bought');
  assert.deepEqual(
    {
      dc: bought.data.dc.toNumber(),
      buyer: bought.data.buyer.toString(),
      amount: bought.data.amount.toBigInt(),
      cost: bought.data.cost.toBigInt(),
    },
    { dc, buyer: eve.address, amount: 100n, cost: 250n },
  );
  const at = result.blockHash;
  const buyer = await freeAround(api, at, eve.address);
  assert.equal(buyer.before - buyer.after, 250n + result.fee);
  assert.equal(await tokensAt(api, at, dc, eve.address), 100n);
  assert.equal(await supplyAt(api, at, dc), 140n);
  assert.equal((await accountAt(api, at, reserve)).free, ed + 250n);
  assert.equal((await reserveAt(api, at, dc)).balance, 250n);
});

test('step 4: Dave redeems 10 tokens for min(25, ⌊10·250/140⌋) = 17', async () => {
  const { api } = chain;
  const { dave } = keyring();
  const dc = need('dc', 'step 1');
  const reserve = need('reserve', 'step 1');
  const ed = need('ed', 'step 1');

  const head = await api.rpc.chain.getFinalizedHead();
  assert.equal(await optionalAt(api, head, 'redeem_proceeds', [dc, 10]), 17n);

  const greedy = await submit(api, api.tx.reserve.redeem(dc, 10, 18), dave);
  assert.equal(greedy.dispatchError, 'Module.Reserve.ProceedsBelowMin');
  const tooMany = await submit(api, api.tx.reserve.redeem(dc, 41, 0), dave);
  assert.equal(tooMany.dispatchError, 'Module.Reserve.InsufficientTokens');
  assert.equal(await tokensAt(api, tooMany.blockHash, dc, dave.address), 40n);

  const result = await submit(api, api.tx.reserve.redeem(dc, 10, 17), dave);
  assert.equal(result.dispatchError, null);
  const redeemed = onlyEvent(result, api.events.reserve.Redeemed, 'Reserve.Redeemed');
  assert.deepEqual(
    {
      dc: redeemed.data.dc.toNumber(),
      holder: redeemed.data.holder.toString(),
      amount: redeemed.data.amount.toBigInt(),
      proceeds: redeemed.data.proceeds.toBigInt(),
    },
    { dc, holder: dave.address, amount: 10n, proceeds: 17n },
  );
  const at = result.blockHash;
  const holder = await freeAround(api, at, dave.address);
  assert.equal(holder.after - holder.before, 17n - result.fee);
  assert.equal(await tokensAt(api, at, dc, dave.address), 30n);
  assert.equal(await supplyAt(api, at, dc), 130n);
  assert.equal((await accountAt(api, at, reserve)).free, ed + 233n);
  assert.equal((await reserveAt(api, at, dc)).balance, 233n);
});

test('step 5: Eve deposits 50 of revenue; the reserve is 283 behind 130 tokens', async () => {
  const { api } = chain;
  const { eve } = keyring();
  const dc = need('dc', 'step 1');
  const reserve = need('reserve', 'step 1');
  const ed = need('ed', 'step 1');

  const result = await submit(api, api.tx.reserve.depositRevenue(dc, 50), eve);
  assert.equal(result.dispatchError, null);
  const deposited = onlyEvent(result, api.events.reserve.RevenueDeposited, 'Reserve.RevenueDeposited');
  assert.equal(deposited.data.payer.toString(), eve.address);
  assert.equal(deposited.data.amount.toBigInt(), 50n);
  const at = result.blockHash;
  const payer = await freeAround(api, at, eve.address);
  assert.equal(payer.before - payer.after, 50n + result.fee);
  assert.equal((await accountAt(api, at, reserve)).free, ed + 283n);
  assert.deepEqual(await summaryAt(api, at, dc), {
    account: reserve,
    asset: 'Native',
    priceCap: PRICE_CAP,
    balance: 283n,
    supply: 130n,
    // ⌊283·10¹⁸ / 130⌋: below the cap, every token redeems at the same pro-rata price.
    redemptionPrice: 2_176_923_076_923_076_923n,
  });
  // Dave's 30 tokens: min(⌊30·2.5⌋, ⌊30·283/130⌋).
  assert.equal(await optionalAt(api, at, 'redeem_proceeds', [dc, 30]), 65n);
});

test('step 6: at a cap lowered to 1 a sale still costs the reserve per token, max(100, ⌈100·283/130⌉) = 218', async () => {
  const { api } = chain;
  const { alice, eve } = keyring();
  const dc = need('dc', 'step 1');
  const reserve = need('reserve', 'step 1');
  const ed = need('ed', 'step 1');

  // The reserve account exists already: no endowment this time.
  const lowered = await submit(api, api.tx.reserve.setPriceCap(dc, LOWER_CAP, 'Native'), alice);
  assert.equal(lowered.dispatchError, null);
  const set = onlyEvent(lowered, api.events.reserve.PriceCapSet, 'Reserve.PriceCapSet');
  assert.equal(set.data.priceCap.toBigInt(), LOWER_CAP);
  assert.equal(set.data.endowment.toBigInt(), 0n);
  const admin = await freeAround(api, lowered.blockHash, alice.address);
  assert.equal(admin.before - admin.after, lowered.fee);
  assert.deepEqual(await reserveAt(api, lowered.blockHash, dc), { asset: 'Native', priceCap: LOWER_CAP, balance: 283n });
  // ⌈100·1⌉ = 100 would dilute the holders: 283 back 130 tokens, 2.17… each.
  assert.equal(await optionalAt(api, lowered.blockHash, 'buy_cost', [dc, 100]), 218n);

  const tooCheap = await submit(api, api.tx.reserve.buy(dc, 100, 217), eve);
  assert.equal(tooCheap.dispatchError, 'Module.Reserve.CostAboveMax');

  const result = await submit(api, api.tx.reserve.buy(dc, 100, 218), eve);
  assert.equal(result.dispatchError, null);
  const bought = onlyEvent(result, api.events.reserve.Bought, 'Reserve.Bought');
  assert.equal(bought.data.amount.toBigInt(), 100n);
  assert.equal(bought.data.cost.toBigInt(), 218n);
  const at = result.blockHash;
  const buyer = await freeAround(api, at, eve.address);
  assert.equal(buyer.before - buyer.after, 218n + result.fee);
  assert.equal(await tokensAt(api, at, dc, eve.address), 200n);
  assert.equal(await supplyAt(api, at, dc), 230n);
  assert.equal((await accountAt(api, at, reserve)).free, ed + 501n);
  assert.deepEqual(await summaryAt(api, at, dc), {
    account: reserve,
    asset: 'Native',
    priceCap: LOWER_CAP,
    balance: 501n,
    supply: 230n,
    // min(1, 501/230): a token redeems at the cap now.
    redemptionPrice: LOWER_CAP,
  });
  // The reserve per token did not fall: ⌊501·10¹⁸/230⌋ ≥ ⌊283·10¹⁸/130⌋.
  assert.ok((501n * 10n ** 18n) / 230n >= (283n * 10n ** 18n) / 130n);
  assert.equal(await optionalAt(api, at, 'redeem_proceeds', [dc, 30]), 30n);
});
