// A closing in several steps (docs/protocol-rules.md §5, version 2), played on a real node: a DC
// of 260 members, each with 100 reputation, evaluates one contribution with the same score;
// once its period is over, the first `close` settles 256 of the 260 stakes (the runtime's
// `MaxSettlementsPerStep`) and reports `ClosingProgressed`; the rest (the last 4 stakes, then
// the earnings of those who earned more than their stake) follows in later steps, taken by the
// automatic closing in `on_idle` or by further `close` calls, until `Closed`. The outcome is that
// of a one-step close, which this file computes with the exact integer arithmetic of §3 and §5.
//
// The member accounts are derived from fixed seeds (`//e2e-step-<i>`) and funded by one
// `utility.batch` from Alice. The node seals a block per transaction; the evaluations are sent
// concurrently in chunks, so a block may hold several of them.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { blake2AsHex } from '@polkadot/util-crypto';

import { createBlocks, keyring, startNodeOnce, submit } from '../lib/node.js';
import { callView, eventsOf, ledgerAt, matureStanding, onlyEvent, vestingBlock } from '../lib/queries.js';

const COV = 10n ** 12n;
const MEMBERS = 260;
const REPUTATION = 100n;
/** Each member's native currency: enough for an evaluation's fee many times over. */
const FUNDING = COV;
const EVALUATION_PERIOD = 400;
const EPOCH_LENGTH = 400;
const SCORE = 3;
/** How many evaluations are sent at once. */
const CHUNK = 52;
const ACCUMULATOR_ONE = 10n ** 18n;

const PARAMETERS = {
  minScore: 0,
  maxScore: 5,
  quorum: 500_000_000, // 50 %
  stake: 100_000_000, // 10 %: 10 of 100
  alignmentRadius: 0,
  tokenPerPoint: 1,
  reputationPerPoint: 1,
  evaluationPeriod: EVALUATION_PERIOD,
};

const chain = startNodeOnce();

const state = {
  members: undefined, // the key pairs of the members
  dc: undefined,
  contribution: undefined,
  submitted: undefined, // the block the contribution was submitted in
  evaluators: undefined, // the members' addresses in evaluation order
  settlementOrder: undefined, // the same in the order closing settles them (storage keys)
  rewardBlock: undefined, // the block whose evaluation brought the median to 3
};

function need(name, step) {
  assert.notEqual(state[name], undefined, `${name} is unknown: ${step} did not complete`);
  return state[name];
}

function members() {
  const { keyring: ring } = keyring();
  return Array.from({ length: MEMBERS }, (_, i) => ring.addFromUri(`//e2e-step-${i}`));
}

/**
 * What §3 and §5 make of `count` evaluations with the same score, each of weight `weight` and
 * stake `stake`, closed with that score as the median (alignment radius 0): the pot, and per
 * evaluation (in evaluation order) what its settlement pays, with the leftover that burns.
 */
function oneScoreOutcome(count, weight, stake) {
  let bucket = 0n; // W of the score's bucket
  let accumulator = 0n;
  let pot = 0n;
  const snapshots = [];
  for (let i = 0; i < count; i++) {
    // D = a·W + (r + 1)·w = W + w; the new evaluator's own part goes to the pot.
    const portion = bucket === 0n ? 0n : (stake * bucket) / (bucket + weight);
    if (portion > 0n) {
      accumulator += (portion * ACCUMULATOR_ONE) / bucket;
    }
    pot += stake - portion;
    bucket += weight;
    snapshots.push(accumulator);
  }
  const settlements = snapshots.map((snapshot) => {
    const accrued = (weight * (accumulator - snapshot)) / ACCUMULATOR_ONE;
    const potShare = (pot * weight) / bucket;
    const payout = accrued + potShare;
    const returned = payout < stake ? payout : stake;
    return { accrued, potShare, returned, earned: payout - returned };
  });
  const escrow = stake * BigInt(count);
  const paid = settlements.reduce((sum, s) => sum + s.returned + s.earned, 0n);
  return { pot, escrow, settlements, burned: escrow - paid };
}

/** This contribution's closing events in blocks `from..=to`, with the block of each. */
async function closingEvents(api, from, to, contribution, dc) {
  const kinds = ['EvaluationSettled', 'EarningsPaid', 'ClosingProgressed', 'Closed', 'RewardIssued'];
  const found = Object.fromEntries([...kinds, 'Burned'].map((kind) => [kind, []]));
  for (let number = from; number <= to; number++) {
    const hash = await api.rpc.chain.getBlockHash(number);
    for (const { phase, event } of await api.query.system.events.at(hash)) {
      for (const kind of kinds) {
        if (api.events.proofOfValue[kind].is(event) && event.data.contribution.toBigInt() === contribution) {
          found[kind].push({ number, phase, event });
        }
      }
      if (api.events.reputation.Burned.is(event) && event.data.dc.toNumber() === dc) {
        found.Burned.push({ number, phase, event });
      }
    }
  }
  return found;
}

async function statusAt(api, blockHash, contribution) {
  const status = await callView(api, blockHash, 'ProofOfValue', 'contribution_status', [contribution]);
  assert.ok(status.isSome, `contribution ${contribution} does not exist`);
  const s = status.unwrap();
  return {
    open: s.open.isTrue,
    closing: s.closing.isTrue,
    median: s.median.isSome ? s.median.unwrap().toNumber() : null,
    paid: s.paid.toNumber(),
    evaluations: s.evaluations.toNumber(),
    escrow: s.escrow.toBigInt(),
    pot: s.pot.toBigInt(),
    need: s.need.toBigInt(),
    totalAtSubmission: s.totalAtSubmission.toBigInt(),
  };
}

test('the runtime settles at most 256 items per closing step', async () => {
  const { api } = chain;
  assert.equal(api.consts.proofOfValue.maxSettlementsPerStep.toNumber(), 256);
  assert.ok(api.consts.proofOfValue.maxEvaluationsPerContribution.toNumber() >= 10_000);
  assert.equal(api.consts.cooperatives.maxEvaluationPeriod.toNumber(), 100_800);
});

test('createDc refuses a quorum below 50%, a period longer than the epoch or than 100,800 blocks, and an epoch of 0 blocks', async () => {
  const { api } = chain;
  const { alice } = keyring();
  const create = (parameters, epochLength, name = 'Bad') =>
    submit(api, api.tx.cooperatives.createDc(name, `${name} Token`, name.toUpperCase(), 0, parameters, epochLength, [[alice.address, 1]]), alice);
  const next = (await api.query.cooperatives.nextCooperativeId()).toNumber();

  const cases = [
    [{ ...PARAMETERS, quorum: 499_999_999 }, EPOCH_LENGTH, 'Module.Cooperatives.InvalidQuorum'],
    [{ ...PARAMETERS, evaluationPeriod: EPOCH_LENGTH + 1 }, EPOCH_LENGTH, 'Module.Cooperatives.InvalidEvaluationPeriod'],
    [{ ...PARAMETERS, evaluationPeriod: 100_801 }, 200_000, 'Module.Cooperatives.InvalidEvaluationPeriod'],
    [{ ...PARAMETERS, evaluationPeriod: 0 }, EPOCH_LENGTH, 'Module.Cooperatives.InvalidEvaluationPeriod'],
    [PARAMETERS, 0, 'Module.Cooperatives.InvalidEpochLength'],
  ];
  for (const [parameters, epochLength, error] of cases) {
    const result = await create(parameters, epochLength);
    assert.equal(result.dispatchError, error, `quorum ${parameters.quorum}, period ${parameters.evaluationPeriod}, epoch ${epochLength}`);
  }
  // The limits themselves are valid.
  const edge = await create({ ...PARAMETERS, quorum: 500_000_000, evaluationPeriod: 100_800 }, 100_800, 'Edge');
  assert.equal(edge.dispatchError, null);
  assert.equal(onlyEvent(edge, api.events.cooperatives.CooperativeCreated, 'CooperativeCreated').data.dc.toNumber(), next);
});

test('set-up: one utility.batch from Alice funds 260 member accounts', async () => {
  const { api } = chain;
  const { alice } = keyring();
  const pairs = members();
  assert.equal(new Set(pairs.map((pair) => pair.address)).size, MEMBERS);

  const transfers = pairs.map((pair) => api.tx.balances.transferKeepAlive(pair.address, FUNDING));
  const result = await submit(api, api.tx.utility.batch(transfers), alice);
  assert.equal(result.dispatchError, null);
  onlyEvent(result, api.events.utility.BatchCompleted, 'Utility.BatchCompleted');
  assert.equal(eventsOf(result, api.events.balances.Transfer).length, MEMBERS);

  const apiAt = await api.at(result.blockHash);
  const accounts = await apiAt.query.system.account.multi(pairs.map((pair) => pair.address));
  accounts.forEach(({ data }, i) => assert.equal(data.free.toBigInt(), FUNDING, `member ${i}'s balance`));
  state.members = pairs;
});

test('a DC of 260 members with 100 reputation each, and a contribution for them to evaluate', async () => {
  const { api } = chain;
  const { alice, dave } = keyring();
  const pairs = need('members', 'the set-up');

  const created = await submit(
    api,
    api.tx.cooperatives.createDc('Steps', 'Steps Token', 'STP', 0, PARAMETERS, EPOCH_LENGTH, pairs.map((pair) => [pair.address, REPUTATION])),
    alice,
  );
  assert.equal(created.dispatchError, null);
  const dc = onlyEvent(created, api.events.cooperatives.CooperativeCreated, 'CooperativeCreated').data.dc.toNumber();
  const endowed = onlyEvent(created, api.events.reputation.Endowed, 'Reputation.Endowed');
  assert.equal(endowed.data.members.toNumber(), MEMBERS);
  assert.equal(endowed.data.total.toBigInt(), 26_000n);
  assert.equal(endowed.data.epochLength.toNumber(), EPOCH_LENGTH);

  const contributed = await submit(
    api,
    api.tx.proofOfValue.contribute(dc, blake2AsHex('Steps: c1', 256), 'ipfs://steps/c1', [[dave.address, 1_000_000]]),
    dave,
  );
  assert.equal(contributed.dispatchError, null);
  const contribution = onlyEvent(contributed, api.events.proofOfValue.Contributed, 'Contributed').data.contribution.toBigInt();
  const status = await statusAt(api, contributed.blockHash, contribution);
  assert.equal(status.totalAtSubmission, 26_000n);
  assert.equal(status.need, 13_000n);

  state.dc = dc;
  state.contribution = contribution;
  state.submitted = contributed.blockNumber;
});

test('all 260 members evaluate it: weight 100, stake 10 each, and the median 3 rewards Dave once', async () => {
  const { api } = chain;
  const { dave } = keyring();
  const pairs = need('members', 'the set-up');
  const dc = need('dc', 'the DC test');
  const contribution = need('contribution', 'the DC test');
  const submitted = need('submitted', 'the DC test');

  const results = [];
  for (let i = 0; i < pairs.length; i += CHUNK) {
    const chunk = pairs.slice(i, i + CHUNK);
    results.push(...(await Promise.all(chunk.map((pair) => submit(api, api.tx.proofOfValue.evaluate(contribution, SCORE), pair)))));
  }
  const rewards = [];
  results.forEach((result, i) => {
    assert.equal(result.dispatchError, null, `member ${i}'s evaluation failed`);
    const evaluated = onlyEvent(result, api.events.proofOfValue.Evaluated, 'ProofOfValue.Evaluated');
    assert.equal(evaluated.data.evaluator.toString(), pairs[i].address);
    assert.equal(evaluated.data.weight.toBigInt(), REPUTATION);
    assert.equal(evaluated.data.stake.toBigInt(), 10n);
    for (const reward of eventsOf(result, api.events.proofOfValue.RewardIssued)) {
      rewards.push({ result, reward, evaluator: pairs[i].address });
    }
  });
  const last = Math.max(...results.map((result) => result.blockNumber));
  assert.ok(last <= submitted + EVALUATION_PERIOD, 'the evaluations took longer than the period');

  // The evaluation order: by block, then by place in the block.
  const head = await api.rpc.chain.getBlockHash(last);
  const evaluators = results
    .map((result, i) => ({ block: result.blockNumber, index: result.index, address: pairs[i].address }))
    .sort((a, b) => a.block - b.block || a.index - b.index)
    .map(({ address }) => address);
  // The order in which closing settles them: the order of their storage keys (the chain drains
  // the contribution's evaluations; every payout depends only on its own evaluation).
  const keys = await api.query.proofOfValue.evaluations.keysAt(head, contribution);
  assert.equal(keys.length, MEMBERS);
  const settlementOrder = keys.map((key) => key.args[1].toString());
  assert.deepEqual([...settlementOrder].sort(), pairs.map((pair) => pair.address).sort());

  // need = 13,000: the 130th evaluation (index 129) brings the median to 3, and only it.
  assert.equal(rewards.length, 1);
  const [{ result: rewarded, reward, evaluator }] = rewards;
  assert.equal(evaluator, evaluators[129]);
  assert.equal(reward.data.median.toNumber(), SCORE);
  assert.equal(reward.data.tokens.toBigInt(), 3n);
  assert.equal(reward.data.reputation.toBigInt(), 3n);
  const issued = onlyEvent(rewarded, api.events.reputation.Issued, 'Reputation.Issued');
  assert.equal(issued.data.who.toString(), dave.address);
  assert.equal(issued.data.vestsAt.toNumber(), vestingBlock(rewarded.blockNumber, EPOCH_LENGTH));

  const expected = oneScoreOutcome(MEMBERS, REPUTATION, 10n);
  assert.deepEqual(await statusAt(api, head, contribution), {
    open: true,
    closing: false,
    median: SCORE,
    paid: SCORE,
    evaluations: MEMBERS,
    escrow: 2_600n,
    pot: expected.pot,
    need: 13_000n,
    totalAtSubmission: 26_000n,
  });
  assert.equal(expected.pot, 283n);
  assert.deepEqual(await ledgerAt(api, head, dc), {
    total: 26_003n,
    initial: 26_000n,
    issued: 3n,
    burned: 0n,
    escrowed: 2_600n,
    staked: 2_600n,
  });
  state.evaluators = evaluators;
  state.settlementOrder = settlementOrder;
  state.rewardBlock = rewarded.blockNumber;
});

test('closing in steps: 256 stakes, ClosingProgressed, then the rest until Closed, with the outcome of one step', async () => {
  const { api } = chain;
  const { dave, eve } = keyring();
  const pairs = need('members', 'the set-up');
  const dc = need('dc', 'the DC test');
  const contribution = need('contribution', 'the DC test');
  const submitted = need('submitted', 'the DC test');
  const evaluators = need('evaluators', 'the evaluation test');
  const settlementOrder = need('settlementOrder', 'the evaluation test');
  const rewardBlock = need('rewardBlock', 'the evaluation test');
  const perStep = api.consts.proofOfValue.maxSettlementsPerStep.toNumber();
  const expected = oneScoreOutcome(MEMBERS, REPUTATION, 10n);
  const earners = expected.settlements.filter((s) => s.earned > 0n).length;
  // More settlement items than one step takes: 260 stakes, then the earnings.
  assert.ok(MEMBERS + earners > perStep && MEMBERS > perStep);

  // Eve's first close must be the extrinsic of the first block after the period: in that block
  // `on_idle` would start the closing itself, after the extrinsics.
  const lastEvaluationBlock = submitted + EVALUATION_PERIOD;
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  assert.ok(best <= lastEvaluationBlock, `the chain is already at block ${best}, past ${lastEvaluationBlock}`);
  await createBlocks(api, lastEvaluationBlock - best);
  const first = await submit(api, api.tx.proofOfValue.close(contribution), eve);
  assert.equal(first.blockNumber, lastEvaluationBlock + 1);
  assert.equal(first.dispatchError, null);
  // The first step: the first 256 stakes, in the order of their storage keys, and no more.
  const firstSettled = eventsOf(first, api.events.proofOfValue.EvaluationSettled);
  assert.equal(firstSettled.length, perStep);
  assert.deepEqual(
    firstSettled.map((event) => event.data.evaluator.toString()),
    settlementOrder.slice(0, perStep),
  );
  assert.equal(eventsOf(first, api.events.proofOfValue.EarningsPaid).length, 0);
  assert.equal(eventsOf(first, api.events.proofOfValue.Closed).length, 0, 'the first step closed it');
  const progressed = onlyEvent(first, api.events.proofOfValue.ClosingProgressed, 'ProofOfValue.ClosingProgressed');
  assert.equal(progressed.data.contribution.toBigInt(), contribution);
  assert.equal(progressed.data.remaining.toNumber(), MEMBERS - perStep);

  // The next steps: on_idle may take them in the same block, else more calls do.
  let last = first;
  let closedAt = null;
  for (let call = 0; call < 5; call++) {
    const stored = (await api.query.proofOfValue.contributions.at(last.blockHash, contribution)).unwrap();
    if (stored.status.isClosed) {
      closedAt = last;
      break;
    }
    assert.equal(stored.status.isClosing, true, 'neither closing nor closed after a step');
    const view = await statusAt(api, last.blockHash, contribution);
    assert.equal(view.open, true);
    assert.equal(view.closing, true);
    assert.equal(view.median, SCORE);
    last = await submit(api, api.tx.proofOfValue.close(contribution), eve);
    assert.equal(last.dispatchError, null);
  }
  assert.ok(closedAt, 'still not closed after five more calls');

  // Every event of the closing, in the blocks it took.
  const found = await closingEvents(api, first.blockNumber, closedAt.blockNumber, contribution, dc);
  assert.equal(found.RewardIssued.length, 0, 'the median did not rise at closing');
  assert.equal(found.Closed.length, 1);
  const closed = found.Closed[0].event;
  assert.equal(closed.data.median.unwrap().toNumber(), SCORE);
  assert.equal(closed.data.burned.toBigInt(), expected.burned);
  assert.equal(expected.burned, 154n);
  assert.equal(found.Burned.length, 1);
  assert.equal(found.Burned[0].event.data.amount.toBigInt(), expected.burned);

  // Every stake settled once, in storage-key order, each with what a one-step close pays it
  // (the model is indexed by evaluation order).
  const position = new Map(evaluators.map((who, i) => [who, i]));
  assert.deepEqual(
    found.EvaluationSettled.map(({ event }) => ({
      evaluator: event.data.evaluator.toString(),
      accrued: event.data.accrued.toBigInt(),
      potShare: event.data.potShare.toBigInt(),
      returned: event.data.returned.toBigInt(),
      earned: event.data.earned.toBigInt(),
    })),
    settlementOrder.map((who) => ({ evaluator: who, ...expected.settlements[position.get(who)] })),
  );
  assert.equal(expected.settlements[0].earned, 39n, 'the earliest evaluation earns the most');
  // Earnings were paid after the last stake came back, each once.
  const lastStake = found.EvaluationSettled.at(-1);
  const paid = found.EarningsPaid.map(({ number, event }) => ({
    number,
    evaluator: event.data.evaluator.toString(),
    amount: event.data.amount.toBigInt(),
  }));
  assert.equal(paid.length, earners);
  assert.equal(earners, 85);
  assert.ok(found.EarningsPaid.every(({ number }) => number >= lastStake.number));
  const byAddress = (a, b) => (a.evaluator < b.evaluator ? -1 : a.evaluator > b.evaluator ? 1 : 0);
  assert.deepEqual(
    paid.map(({ evaluator, amount }) => ({ evaluator, amount })).sort(byAddress),
    expected.settlements
      .map((s, i) => ({ evaluator: evaluators[i], amount: s.earned }))
      .filter(({ amount }) => amount > 0n)
      .sort(byAddress),
  );

  // Afterwards: nothing escrowed or staked anywhere, and each member holds 90 + its payout,
  // what it earned beyond its stake pending.
  const at = closedAt.blockHash;
  const number = closedAt.blockNumber;
  assert.deepEqual(await ledgerAt(api, at, dc), {
    total: 26_003n - expected.burned,
    initial: 26_000n,
    issued: 3n,
    burned: expected.burned,
    escrowed: 0n,
    staked: 0n,
  });
  const apiAt = await api.at(at);
  const stored = await apiAt.query.reputation.reputationOf.multi(pairs.map((pair) => [dc, pair.address]));
  const paidBlock = new Map(paid.map((p) => [p.evaluator, p.number]));
  const index = new Map(evaluators.map((who, i) => [who, i]));
  pairs.forEach((pair, i) => {
    const s = expected.settlements[index.get(pair.address)];
    const vesting = s.earned > 0n ? [{ amount: s.earned, vestsAt: vestingBlock(paidBlock.get(pair.address), EPOCH_LENGTH) }] : [];
    assert.deepEqual(
      matureStanding(stored[i], number),
      { vested: 90n + s.returned, escrowed: 0n, pending: vesting, reputation: 90n + s.returned + s.earned },
      `member ${i}`,
    );
  });
  // Dave's 3, issued during the evaluations, vest a whole epoch later (or have, if the closing
  // took that long).
  const daveVestsAt = vestingBlock(rewardBlock, EPOCH_LENGTH);
  assert.deepEqual(
    matureStanding(await apiAt.query.reputation.reputationOf(dc, dave.address), number),
    daveVestsAt > number
      ? { vested: 0n, escrowed: 0n, pending: [{ amount: 3n, vestsAt: daveVestsAt }], reputation: 3n }
      : { vested: 3n, escrowed: 0n, pending: [], reputation: 3n },
  );

  const record = (await apiAt.query.proofOfValue.contributions(contribution)).unwrap();
  assert.equal(record.status.isClosed, true);
  assert.equal(record.status.asClosed.burned.toBigInt(), expected.burned);
  assert.deepEqual(await statusAt(api, at, contribution), {
    open: false,
    closing: false,
    median: SCORE,
    paid: SCORE,
    evaluations: MEMBERS,
    escrow: 0n,
    pot: 0n,
    need: 13_000n,
    totalAtSubmission: 26_000n,
  });
  assert.equal((await apiAt.query.proofOfValue.evaluations.entries(contribution)).length, 0, 'evaluations left behind');
  assert.equal((await apiAt.query.proofOfValue.earnings.entries(contribution)).length, 0, 'earnings left behind');
  assert.equal((await apiAt.query.proofOfValue.expiryCursor()).isNone, true, 'still scheduled for expiry');
  assert.equal((await apiAt.query.proofOfValue.awaitingManualClose(contribution)).isNone, true);

  // One more close is refused.
  const again = await submit(api, api.tx.proofOfValue.close(contribution), eve);
  assert.equal(again.dispatchError, 'Module.ProofOfValue.AlreadyClosed');
});
