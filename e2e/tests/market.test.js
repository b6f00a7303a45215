// The market on a real node: a pool of COV and the Makers token, another between the Makers
// and the Growers tokens; liquidity added and removed; swaps both ways for exactly what the
// runtime API quoted; a round trip that pays while the pool's price is above the price cap.
// Every balance is asserted exactly, transaction fees included. The runtime's unit tests
// (`runtime/src/tests/market.rs`) play the same pools and amounts, and the arbitrage to the end.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { blake2AsU8a } from '@polkadot/util-crypto';
import { bnToU8a, stringToU8a, u8aConcat } from '@polkadot/util';
import { encodeAddress } from '@polkadot/keyring';

import { keyring, startNodeOnce, submit } from '../lib/node.js';
import { accountAt, onlyEvent, parentOf, tokensAt } from '../lib/queries.js';

const COV = 10n ** 12n;
/** A whole DC token: these DCs' tokens count six decimals. */
const TOKEN = 10n ** 6n;
/** 2 COV per token: 2,000,000 COV base units per token base unit, as a `FixedU128`. */
const CAP = 2_000_000n * 10n ** 18n;
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
const state = {};

function need(name, step) {
  assert.notEqual(state[name], undefined, `${name} is unknown: ${step} did not complete`);
  return state[name];
}

/** An asset as the market names it. */
function kind(dc) {
  return dc === null ? 'Native' : { WithId: dc };
}

function encodeKind(dc) {
  return dc === null ? new Uint8Array([0]) : u8aConcat(new Uint8Array([1]), bnToU8a(dc, { bitLength: 32, isLe: true }));
}

/** A pool's keyless account: blake2-256 of the market's PalletId and the pool's two assets. */
function poolAccount(a, b) {
  return encodeAddress(blake2AsU8a(u8aConcat(stringToU8a('cv/markt'), encodeKind(a), encodeKind(b)), 256), 42);
}

/** The change of `who`'s free COV from the block before `blockHash` to it. */
async function covChange(api, blockHash, who) {
  const before = (await accountAt(api, await parentOf(api, blockHash), who)).free;
  const after = (await accountAt(api, blockHash, who)).free;
  return after - before;
}

async function tokenChange(api, blockHash, dc, who) {
  const before = (await tokensAt(api, await parentOf(api, blockHash), dc, who)) ?? 0n;
  const after = (await tokensAt(api, blockHash, dc, who)) ?? 0n;
  return after - before;
}

async function reservesAt(api, blockHash, a, b) {
  const at = await api.at(blockHash);
  const reserves = await at.call.assetConversionApi.getReserves(kind(a), kind(b));
  return reserves.isSome ? reserves.unwrap().map((r) => r.toBigInt()) : null;
}

async function quoteIn(api, a, b, amountOut) {
  const quote = await api.call.assetConversionApi.quotePriceTokensForExactTokens(kind(a), kind(b), amountOut, true);
  return quote.unwrap().toBigInt();
}

async function quoteOut(api, a, b, amountIn) {
  const quote = await api.call.assetConversionApi.quotePriceExactTokensForTokens(kind(a), kind(b), amountIn, true);
  return quote.unwrap().toBigInt();
}

/** The protocol's record of a DC's tokens: minted, burned and the asset's supply. */
async function booksAt(api, blockHash, dc) {
  const books = await api.query.cooperatives.tokenBooks.at(blockHash, dc);
  const asset = (await api.query.assets.asset.at(blockHash, dc)).unwrap();
  return { minted: books.minted.toBigInt(), burned: books.burned.toBigInt(), supply: asset.supply.toBigInt() };
}

async function ok(api, tx, signer) {
  const result = await submit(api, tx, signer);
  assert.equal(result.dispatchError, null, `${tx.method.section}.${tx.method.method}`);
  return result;
}

async function dcWithTokens(api, alice, name, symbol, tokens) {
  const created = await ok(
    api,
    api.tx.cooperatives.createDc(name, `${name} Token`, symbol, 6, PARAMETERS, 10, [[alice.address, 100]]),
    alice,
  );
  const dc = onlyEvent(created, api.events.cooperatives.CooperativeCreated, 'CooperativeCreated').data.dc.toNumber();
  await ok(api, api.tx.reserve.setPriceCap(dc, CAP, 'Native'), alice);
  await ok(api, api.tx.reserve.buy(dc, tokens, tokens * 2_000_000n), alice);
  return dc;
}

test('step 1: Alice opens a pool of COV and Makers tokens at 3 COV a token', async () => {
  const { api } = chain;
  const { alice } = keyring();
  const makers = await dcWithTokens(api, alice, 'Makers', 'MKR', 20_000n * TOKEN);
  const growers = await dcWithTokens(api, alice, 'Growers', 'GRW', 10_000n * TOKEN);
  const head = await api.rpc.chain.getFinalizedHead();
  state.books = { makers: await booksAt(api, head, makers), growers: await booksAt(api, head, growers) };

  const created = await ok(api, api.tx.assetConversion.createPool(kind(null), kind(makers)), alice);
  const event = onlyEvent(created, api.events.assetConversion.PoolCreated, 'AssetConversion.PoolCreated');
  const pool = poolAccount(null, makers);
  assert.equal(event.data.poolAccount.toString(), pool);
  assert.equal(event.data.creator.toString(), alice.address);
  const lpToken = event.data.lpToken.toNumber();
  // The setup fee (burned), the pool's liquidity-token account (a deposit held from Alice) and
  // the transaction fee.
  const setupFee = api.consts.assetConversion.poolSetupFee.toBigInt();
  const accountDeposit = api.consts.poolAssets.assetAccountDeposit.toBigInt();
  assert.equal(setupFee, COV);
  assert.equal(await covChange(api, created.blockHash, alice.address), -(setupFee + accountDeposit + created.fee));
  // The same pair the other way round is the same pool.
  const again = await submit(api, api.tx.assetConversion.createPool(kind(makers), kind(null)), alice);
  assert.equal(again.dispatchError, 'Module.AssetConversion.PoolExists');

  const added = await ok(
    api,
    api.tx.assetConversion.addLiquidity(kind(null), kind(makers), 3_000n * COV, 1_000n * TOKEN, 3_000n * COV, 1_000n * TOKEN, alice.address),
    alice,
  );
  const liquidity = onlyEvent(added, api.events.assetConversion.LiquidityAdded, 'AssetConversion.LiquidityAdded');
  // ⌊√(3,000·10¹² · 1,000·10⁶)⌋ liquidity tokens, 100 of them kept by the pool for ever.
  assert.equal(liquidity.data.lpTokenMinted.toBigInt(), 1_732_050_807_468n);
  assert.equal(await covChange(api, added.blockHash, alice.address), -(3_000n * COV + added.fee));
  assert.equal(await tokenChange(api, added.blockHash, makers, alice.address), -1_000n * TOKEN);
  assert.deepEqual(await reservesAt(api, added.blockHash, null, makers), [3_000n * COV, 1_000n * TOKEN]);
  assert.deepEqual(await reservesAt(api, added.blockHash, makers, null), [1_000n * TOKEN, 3_000n * COV]);
  const lp = await api.query.poolAssets.account.at(added.blockHash, lpToken, alice.address);
  assert.equal(lp.unwrap().balance.toBigInt(), 1_732_050_807_468n);
  Object.assign(state, { makers, growers, pool, lpToken });
});

test('step 2: Bob sells 100 Makers tokens for exactly the quote, and buys exactly 50 back', async () => {
  const { api } = chain;
  const { alice, bob } = keyring();
  const makers = need('makers', 'step 1');
  await ok(api, api.tx.assets.transfer(makers, bob.address, 100n * TOKEN), alice);

  // 100·997·3,000 COV / (1,000·1,000 + 100·997), rounded down.
  const quote = await quoteOut(api, makers, null, 100n * TOKEN);
  assert.equal(quote, 271_983_268_164_044n);
  const greedy = await submit(
    api,
    api.tx.assetConversion.swapExactTokensForTokens([kind(makers), kind(null)], 100n * TOKEN, quote + 1n, bob.address, false),
    bob,
  );
  assert.equal(greedy.dispatchError, 'Module.AssetConversion.ProvidedMinimumNotSufficientForSwap');
  assert.equal(await covChange(api, greedy.blockHash, bob.address), -greedy.fee);
  assert.equal(await tokenChange(api, greedy.blockHash, makers, bob.address), 0n);

  // Selling every token Bob has: `keep_alive` false lets his token account go.
  const sold = await ok(
    api,
    api.tx.assetConversion.swapExactTokensForTokens([kind(makers), kind(null)], 100n * TOKEN, quote, bob.address, false),
    bob,
  );
  const swap = onlyEvent(sold, api.events.assetConversion.SwapExecuted, 'AssetConversion.SwapExecuted');
  assert.equal(swap.data.amountIn.toBigInt(), 100n * TOKEN);
  assert.equal(swap.data.amountOut.toBigInt(), quote);
  assert.equal(await covChange(api, sold.blockHash, bob.address), quote - sold.fee);
  assert.equal(await tokensAt(api, sold.blockHash, makers, bob.address), null);
  assert.deepEqual(await reservesAt(api, sold.blockHash, null, makers), [3_000n * COV - quote, 1_100n * TOKEN]);

  // Exactly 50 tokens for ⌊in_reserve·50·1000 / ((1,100 − 50)·997)⌋ + 1 COV.
  const cost = await quoteIn(api, null, makers, 50n * TOKEN);
  assert.equal(cost, 130_296_448_002_864n);
  const stingy = await submit(
    api,
    api.tx.assetConversion.swapTokensForExactTokens([kind(null), kind(makers)], 50n * TOKEN, cost - 1n, bob.address, true),
    bob,
  );
  assert.equal(stingy.dispatchError, 'Module.AssetConversion.ProvidedMaximumNotSufficientForSwap');
  const bought = await ok(
    api,
    api.tx.assetConversion.swapTokensForExactTokens([kind(null), kind(makers)], 50n * TOKEN, cost, bob.address, true),
    bob,
  );
  assert.equal(await covChange(api, bought.blockHash, bob.address), -(cost + bought.fee));
  assert.equal(await tokensAt(api, bought.blockHash, makers, bob.address), 50n * TOKEN);
  assert.deepEqual(await reservesAt(api, bought.blockHash, null, makers), [3_000n * COV - quote + cost, 1_050n * TOKEN]);
});

test('step 3: the Makers token trades against the Growers token, directly and through COV', async () => {
  const { api } = chain;
  const { alice, bob } = keyring();
  const makers = need('makers', 'step 1');
  const growers = need('growers', 'step 1');
  await ok(api, api.tx.assetConversion.createPool(kind(makers), kind(growers)), alice);
  await ok(
    api,
    api.tx.assetConversion.addLiquidity(kind(makers), kind(growers), 2_000n * TOKEN, 4_000n * TOKEN, 0, 0, alice.address),
    alice,
  );
  await ok(api, api.tx.assetConversion.createPool(kind(null), kind(growers)), alice);
  await ok(
    api,
    api.tx.assetConversion.addLiquidity(kind(null), kind(growers), 4_000n * COV, 4_000n * TOKEN, 0, 0, alice.address),
    alice,
  );
  // The DC/DC pool holds no COV: its DC tokens keep its account alive.
  const pool = poolAccount(makers, growers);
  const head = await api.rpc.chain.getFinalizedHead();
  assert.equal((await accountAt(api, head, pool)).free, 0n);
  assert.equal(await tokensAt(api, head, makers, pool), 2_000n * TOKEN);

  // 50·997·4,000 / (2,000·1,000 + 50·997) Growers tokens for Bob's 50 Makers tokens.
  const direct = await quoteOut(api, makers, growers, 50n * TOKEN);
  assert.equal(direct, 97_275_410n);
  const swapped = await ok(
    api,
    api.tx.assetConversion.swapExactTokensForTokens([kind(makers), kind(growers)], 50n * TOKEN, direct, bob.address, false),
    bob,
  );
  assert.equal(await tokenChange(api, swapped.blockHash, makers, bob.address), -50n * TOKEN);
  assert.equal(await tokensAt(api, swapped.blockHash, growers, bob.address), direct);
  assert.equal(await covChange(api, swapped.blockHash, bob.address), -swapped.fee);

  // Growers → COV → Makers in one transaction, for the two hops' quote.
  const through = await quoteOut(api, null, makers, await quoteOut(api, growers, null, direct));
  const back = await ok(
    api,
    api.tx.assetConversion.swapExactTokensForTokens([kind(growers), kind(null), kind(makers)], direct, through, bob.address, false),
    bob,
  );
  assert.equal(await tokensAt(api, back.blockHash, growers, bob.address), null);
  assert.equal(await tokensAt(api, back.blockHash, makers, bob.address), through);
  assert.equal(await covChange(api, back.blockHash, bob.address), -back.fee);
});

test('step 4: above the price cap, buying from the reserve and selling in the pool pays, and lowers the pool price', async () => {
  const { api } = chain;
  const { charlie } = keyring();
  const makers = need('makers', 'step 1');
  const head = await api.rpc.chain.getFinalizedHead();
  const [cov, tokens] = await reservesAt(api, head, null, makers);
  // About 2.7 COV a token in the pool, against a cap of 2.
  assert.ok(cov * TOKEN > 2n * COV * tokens);

  const bought = await ok(api, api.tx.reserve.buy(makers, 10n * TOKEN, 20n * COV), charlie);
  assert.equal(await covChange(api, bought.blockHash, charlie.address), -(20n * COV + bought.fee));
  const proceeds = await quoteOut(api, makers, null, 10n * TOKEN);
  assert.ok(proceeds > 20n * COV, `${proceeds}`);
  const sold = await ok(
    api,
    api.tx.assetConversion.swapExactTokensForTokens([kind(makers), kind(null)], 10n * TOKEN, proceeds, charlie.address, false),
    charlie,
  );
  assert.equal(await covChange(api, sold.blockHash, charlie.address), proceeds - sold.fee);
  const [covAfter, tokensAfter] = await reservesAt(api, sold.blockHash, null, makers);
  assert.deepEqual([covAfter, tokensAfter], [cov - proceeds, tokens + 10n * TOKEN]);
  // The pool's price fell: (cov − proceeds) / (tokens + 10) < cov / tokens.
  assert.ok(covAfter * tokens < cov * tokensAfter);
});

test('step 5: Alice withdraws half her liquidity for her share of both reserves; trading never minted or burned a token', async () => {
  const { api } = chain;
  const { alice } = keyring();
  const makers = need('makers', 'step 1');
  const growers = need('growers', 'step 1');
  const lpToken = need('lpToken', 'step 1');
  const head = await api.rpc.chain.getFinalizedHead();
  const [cov, tokens] = await reservesAt(api, head, null, makers);
  const supply = (await api.query.poolAssets.asset.at(head, lpToken)).unwrap().supply.toBigInt();
  const lp = (await api.query.poolAssets.account.at(head, lpToken, alice.address)).unwrap().balance.toBigInt() / 2n;
  const covShare = (cov * lp) / supply;
  const tokenShare = (tokens * lp) / supply;

  const removed = await ok(
    api,
    api.tx.assetConversion.removeLiquidity(kind(null), kind(makers), lp, covShare, tokenShare, alice.address),
    alice,
  );
  const event = onlyEvent(removed, api.events.assetConversion.LiquidityRemoved, 'AssetConversion.LiquidityRemoved');
  assert.equal(event.data.amount1.toBigInt(), covShare);
  assert.equal(event.data.amount2.toBigInt(), tokenShare);
  assert.equal(await covChange(api, removed.blockHash, alice.address), covShare - removed.fee);
  assert.equal(await tokenChange(api, removed.blockHash, makers, alice.address), tokenShare);
  assert.deepEqual(await reservesAt(api, removed.blockHash, null, makers), [cov - covShare, tokens - tokenShare]);

  // The books moved only by the one sale from the reserve of step 4.
  const books = need('books', 'step 1');
  const makersNow = await booksAt(api, removed.blockHash, makers);
  assert.deepEqual(makersNow, {
    minted: books.makers.minted + 10n * TOKEN,
    burned: books.makers.burned,
    supply: books.makers.supply + 10n * TOKEN,
  });
  assert.deepEqual(await booksAt(api, removed.blockHash, growers), books.growers);
});
