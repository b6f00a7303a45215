// A deterministic random scenario over several DCs, for the indexer's tests and its catch-up
// benchmark: DCs created (one of them with a contribution and an evaluation in its creation's
// block), contributions with several contributors, evaluations at random scores, closings by hand
// and by `on_idle`, token transfers (some of a whole balance), a reserve in COV and one in another
// DC's token, purchases, redemptions and revenue, and the market: pools of COV and two DCs'
// tokens, swaps both ways and through COV, liquidity added and withdrawn. Each signer's calls of a round go in one
// `utility.forceBatch`, so blocks hold many events and failed calls (too little vested
// reputation, say) are part of the chain too. `tallyChain` counts what succeeded, from the events.

import { createBlocks, submit } from './node.js';

/** A small seeded generator (mulberry32): the same seed gives the same scenario. */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const sample = (list, n) => {
    const copy = [...list];
    const out = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
    return out;
  };
  return { next, int, pick, sample };
}

const FULL_SHARE = 1_000_000;
const PRICE_ONE = 10n ** 18n;
const COV = 10n ** 12n;

/** Shares of `n` contributors summing to exactly 100 %. */
function shares(rng, n) {
  const parts = Array.from({ length: n }, () => rng.int(1, 10));
  const sum = parts.reduce((a, b) => a + b, 0);
  const out = parts.map((p) => Math.floor((p * FULL_SHARE) / sum));
  out[0] += FULL_SHARE - out.reduce((a, b) => a + b, 0);
  return out;
}

/** Counts of the events that succeeded, as the indexer must have rows for them. */
function newTally() {
  return { cooperatives: 0, contributions: 0, evaluations: 0, rewards: 0, closed: 0, movements: 0, reserveOperations: 0, swaps: 0, swapLegs: 0, blocks: 0 };
}

function tallyEvents(api, tally, events) {
  const is = (e, t) => t.is(e.event);
  for (const e of events) {
    if (is(e, api.events.cooperatives.CooperativeCreated)) tally.cooperatives++;
    else if (is(e, api.events.proofOfValue.Contributed) || is(e, api.events.proofOfValue.Proposed)) tally.contributions++;
    else if (is(e, api.events.proofOfValue.Evaluated)) tally.evaluations++;
    else if (is(e, api.events.proofOfValue.RewardIssued)) tally.rewards++;
    else if (is(e, api.events.proofOfValue.Closed)) tally.closed++;
    else if (is(e, api.events.assets.Issued) || is(e, api.events.assets.Burned) || is(e, api.events.assets.Transferred)) tally.movements++;
    // A swap's leg of DC tokens: a withdrawal and a deposit, one movement.
    else if (is(e, api.events.assets.Withdrawn)) {
      tally.movements++;
      tally.swapLegs++;
    } else if (is(e, api.events.assetConversion.SwapExecuted)) tally.swaps++;
    else if (
      is(e, api.events.reserve.PriceCapSet) ||
      is(e, api.events.reserve.Bought) ||
      is(e, api.events.reserve.Redeemed) ||
      is(e, api.events.reserve.RevenueDeposited)
    )
      tally.reserveOperations++;
  }
}

/**
 * Plays the scenario on `api` (a node sealing a block per transaction). `accounts` are funded
 * key pairs, the first of which creates the DCs and is their admin. `onRound(i)` runs after each
 * round (the tests stop and start the indexer there).
 */
export async function playScenario(api, accounts, { seed = 1, rounds = 30, dcs = 3, onRound = async () => {} } = {}) {
  const rng = random(seed);
  // A block holds only so many evaluations' worst-case weight: at most BATCH calls a transaction.
  const BATCH = 6;
  const send = async (signer, calls) => {
    let last = null;
    const events = [];
    for (let i = 0; i < calls.length; i += BATCH) {
      const part = calls.slice(i, i + BATCH);
      last = await submit(api, part.length === 1 ? part[0] : api.tx.utility.forceBatch(part), signer);
      events.push(...last.events);
    }
    return last && { ...last, events };
  };
  const admin = accounts[0];
  const state = { dcs: [], open: [] }; // open: { id, dc, submitted, period, evaluators: Set }

  {
    // The DCs: random members and parameters; the first one's creation block also holds a
    // contribution and an evaluation of it.
    for (let d = 0; d < dcs; d++) {
      const dc = (await api.query.cooperatives.nextCooperativeId()).toNumber();
      const members = rng.sample(accounts, rng.int(3, Math.min(8, accounts.length)));
      if (!members.includes(admin)) members[0] = admin;
      // Periods of a few rounds (a round is about ten blocks), so that evaluations meet open
      // contributions and later ones meet closed ones.
      const period = rng.int(30, 60);
      const parameters = {
        minScore: 0,
        maxScore: 10,
        quorum: rng.int(50, 70) * 10_000_000,
        stake: rng.int(5, 20) * 10_000_000,
        alignmentRadius: rng.int(0, 2),
        tokenPerPoint: rng.int(1, 20),
        reputationPerPoint: rng.int(1, 20),
        evaluationPeriod: period,
      };
      const calls = [
        api.tx.cooperatives.createDc(`Scenario ${d}`, `Scenario token ${d}`, `SC${d}`, 0, parameters, period, members.map((m) => [m.address, rng.int(50, 900)])),
      ];
      if (d === 0) {
        const id = (await api.query.proofOfValue.nextContributionId()).toNumber();
        calls.push(api.tx.proofOfValue.contribute(dc, '0x' + '11'.repeat(32), 'ipfs://scenario/first', [[admin.address, FULL_SHARE]]));
        calls.push(api.tx.proofOfValue.evaluate(id, 10));
        const at = (await api.rpc.chain.getHeader()).number.toNumber() + 1;
        state.open.push({ id, dc, submitted: at, period, evaluators: new Set([admin.address]) });
      }
      await send(admin, calls);
      state.dcs.push({ id: dc, members, period, capped: false });
    }

    for (let round = 0; round < rounds; round++) {
      const batches = new Map(); // signer → calls
      const add = (signer, call) => {
        if (!batches.has(signer)) batches.set(signer, []);
        batches.get(signer).push(call);
      };
      // New contributions.
      for (let i = rng.int(1, 3); i > 0; i--) {
        const dc = rng.pick(state.dcs);
        const contributors = rng.sample(accounts, rng.int(1, 3));
        const split = shares(rng, contributors.length);
        const depositor = rng.pick(accounts);
        add(depositor, api.tx.proofOfValue.contribute(dc.id, '0x' + rng.int(0, 1e9).toString(16).padStart(64, '0'), `ipfs://scenario/${round}/${i}`, contributors.map((c, k) => [c.address, split[k]])));
      }
      // Evaluations of open contributions by members (some fail: pending or staked reputation).
      for (const c of state.open) {
        const dc = state.dcs.find((x) => x.id === c.dc);
        // Mostly members; now and then an account with no vested reputation (refused).
        const candidates = [...new Set([...dc.members, ...rng.sample(accounts, 2)])];
        for (const member of rng.sample(candidates, rng.int(0, Math.ceil(candidates.length * 0.6)))) {
          if (c.evaluators.has(member.address)) continue;
          c.evaluators.add(member.address);
          const leaning = c.id % 11;
          add(member, api.tx.proofOfValue.evaluate(c.id, Math.max(0, Math.min(10, leaning + rng.int(-2, 2)))));
        }
      }
      // Token transfers, sometimes of a whole balance.
      for (const dc of state.dcs) {
        for (const holder of rng.sample(accounts, 2)) {
          const balance = await api.query.assets.account(dc.id, holder.address);
          if (balance.isNone) continue;
          const amount = balance.unwrap().balance.toBigInt();
          if (amount === 0n) continue;
          const part = rng.next() < 0.2 ? amount : amount / BigInt(rng.int(2, 5));
          if (part > 0n) add(holder, api.tx.assets.transfer(dc.id, rng.pick(accounts).address, part));
        }
      }
      // The reserve: caps at rounds 5 (COV) and 8 (the first DC's token), then trading.
      if (round === 5 && state.dcs[0]) {
        add(admin, api.tx.reserve.setPriceCap(state.dcs[0].id, 2n * PRICE_ONE, 'Native'));
        state.dcs[0].capped = true;
      }
      if (round === 8 && state.dcs[1]) {
        add(admin, api.tx.reserve.setPriceCap(state.dcs[1].id, PRICE_ONE / 2n, { WithId: state.dcs[0].id }));
        state.dcs[1].capped = true;
      }
      for (const dc of state.dcs.filter((x) => x.capped)) {
        const who = rng.pick(accounts);
        const r = rng.next();
        if (r < 0.4) add(who, api.tx.reserve.buy(dc.id, rng.int(1, 50), 10n ** 30n));
        else if (r < 0.7) add(who, api.tx.reserve.redeem(dc.id, rng.int(1, 20), 0));
        else add(who, api.tx.reserve.depositRevenue(dc.id, rng.int(1, 100)));
      }
      // The market: at round 10 the largest holder of each of the first two DCs' tokens opens a
      // pool of them against COV with half its tokens; from then on swaps of COV for tokens, tokens for COV, and one DC's for the other's through
      // COV; at round 30 each provider withdraws half its liquidity.
      const pooled = state.dcs.slice(0, 2);
      const kind = (dc) => (dc === null ? 'Native' : { WithId: dc.id });
      if (round === 10 && pooled.length === 2) {
        for (const dc of pooled) {
          const holder = await largestHolder(api, dc.id, accounts);
          if (!holder) continue;
          dc.provider = holder.account;
          add(holder.account, api.tx.assetConversion.createPool(kind(null), kind(dc)));
          add(holder.account, api.tx.assetConversion.addLiquidity(kind(null), kind(dc), 10n * COV, holder.balance / 2n, 0, 0, holder.account.address));
        }
      }
      if (round > 10 && pooled.length === 2) {
        for (const dc of pooled) {
          const buyer = rng.pick(accounts);
          add(buyer, api.tx.assetConversion.swapExactTokensForTokens([kind(null), kind(dc)], BigInt(rng.int(1, 20)) * (COV / 10n), 1, buyer.address, true));
          const seller = await largestHolder(api, dc.id, rng.sample(accounts, 4));
          if (seller && seller.balance > 1n) {
            add(seller.account, api.tx.assetConversion.swapExactTokensForTokens([kind(dc), kind(null)], seller.balance / BigInt(rng.int(2, 6)), 1, seller.account.address, false));
          }
        }
        const through = await largestHolder(api, pooled[1].id, rng.sample(accounts, 4));
        if (through && through.balance > 1n) {
          add(through.account, api.tx.assetConversion.swapExactTokensForTokens([kind(pooled[1]), kind(null), kind(pooled[0])], through.balance / 3n, 1, through.account.address, false));
        }
      }
      if (round === 30) {
        for (const dc of pooled.filter((x) => x.provider)) {
          const pool = await api.query.assetConversion.pools([kind(null), kind(dc)]);
          if (pool.isNone) continue;
          const lp = await api.query.poolAssets.account(pool.unwrap().lpToken, dc.provider.address);
          if (lp.isSome) add(dc.provider, api.tx.assetConversion.removeLiquidity(kind(null), kind(dc), lp.unwrap().balance.toBigInt() / 2n, 0, 0, dc.provider.address));
        }
      }
      for (const [signer, calls] of batches) {
        const result = await send(signer, calls);
        for (const e of result?.events ?? []) {
          if (api.events.proofOfValue.Contributed.is(e)) {
            const id = e.data.contribution.toNumber();
            const dc = state.dcs.find((x) => x.id === e.data.dc.toNumber());
            state.open.push({ id, dc: dc.id, submitted: result.blockNumber, period: dc.period, evaluators: new Set() });
          }
        }
      }
      // Now and then close by hand what is due (some of it early, refused); on_idle closes the
      // rest when their period ends.
      if (round % 4 === 3) {
        await createBlocks(api, 6);
        const now = (await api.rpc.chain.getHeader()).number.toNumber();
        const due = state.open.filter((c) => now >= c.submitted + c.period - 2);
        state.open = state.open.filter((c) => now < c.submitted + c.period);
        await send(rng.pick(accounts), due.map((c) => api.tx.proofOfValue.close(c.id)));
      }
      await onRound(round);
    }
  }
}

/** Of `accounts`, the one holding the most of DC `dc`'s tokens, with its balance (null if none holds any). */
async function largestHolder(api, dc, accounts) {
  let best = null;
  for (const account of accounts) {
    const a = await api.query.assets.account(dc, account.address);
    const balance = a.isSome ? a.unwrap().balance.toBigInt() : 0n;
    if (balance > 0n && (best === null || balance > best.balance)) best = { account, balance };
  }
  return best;
}

/** Counts the events of blocks `from..=to` of the best chain (those of hooks too). */
export async function tallyChain(api, from, to) {
  const tally = newTally();
  for (let n = from; n <= to; n++) {
    const hash = await api.rpc.chain.getBlockHash(n);
    tallyEvents(api, tally, await api.query.system.events.at(hash));
    tally.blocks++;
  }
  return tally;
}
