// The worked example of docs/protocol-rules.md (§9), played on a real node: Alice creates the
// "Makers" DC, Dave contributes c1, Alice, Bob and Charlie (the example's "carol") evaluate it,
// Eve (the example's "erin") closes it once its evaluation period is over, and Dave cleans it up.
// Every number is the example's; the integration test `worked_example_of_section_9` plays the
// same scenario in Rust.
//
// The node seals one block per transaction (`--sealing instant`), so each step below is one
// block, and its effects are read at exactly that block.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { blake2AsHex } from '@polkadot/util-crypto';

import { createBlocks, keyring, startNodeOnce, submit } from '../lib/node.js';
import {
  accountAt,
  assertNoEvent,
  contributionDeposit,
  dcDeposit,
  callView,
  eventsOf,
  ledgerAt,
  onlyEvent,
  palletAccount,
  parentOf,
  reputationAt,
  tokensAt,
} from '../lib/queries.js';

const COV = 10n ** 12n;
// 100 COV and 1 COV, plus 0.0001 COV per byte stored: 310 bytes for this DC, 438 for c1.
const DC_DEPOSIT = dcDeposit('Makers', 3);
const CONTRIBUTION_DEPOSIT = contributionDeposit('ipfs://makers/c1'.length, 1, 6);
const FULL_SHARE = 1_000_000;
const EVALUATION_PERIOD = 10;
/** `FixedU128` one, the unit of a bucket's accumulator. */
const ACCUMULATOR_ONE = 10n ** 18n;

const PARAMETERS = {
  minScore: 0,
  maxScore: 5,
  quorum: 500_000_000, // 50 %, Perbill
  stake: 100_000_000, // 10 %, Perbill
  alignmentRadius: 0,
  tokenPerPoint: 10,
  reputationPerPoint: 20,
  evaluationPeriod: EVALUATION_PERIOD,
};

const chain = startNodeOnce();

// What the steps learn and later steps need. The tests of a file run in order; a step whose
// prerequisites are missing fails with a message naming the step that did not provide them.
const state = {
  dc: undefined, // the DC id, from CooperativeCreated
  c1: undefined, // the contribution id, from Contributed
  submitted: undefined, // the block c1 was submitted in
  daveBefore: undefined, // Dave's balances in the block before c1
  charlieBlock: undefined, // the block of Charlie's evaluation (step 5)
};

function need(name, step) {
  assert.notEqual(state[name], undefined, `${name} is unknown: ${step} did not complete`);
  return state[name];
}

// ---------------------------------------------------------------------------------------------
// Reading this scenario's state.

/** The reputation of alice, bob, charlie and dave in `dc`, as BigInts. */
async function reputationsAt(api, blockHash, dc, accounts) {
  const result = {};
  for (const name of ['alice', 'bob', 'charlie', 'dave']) {
    result[name] = await reputationAt(api, blockHash, dc, accounts[name].address);
  }
  return result;
}

async function contributionAt(api, blockHash, id) {
  const contribution = await api.query.proofOfValue.contributions.at(blockHash, id);
  assert.ok(contribution.isSome, `contribution ${id} does not exist`);
  return contribution.unwrap();
}

/** The scalar state of a stored contribution, as plain numbers and BigInts. */
function summary(contribution) {
  return {
    escrow: contribution.escrow.toBigInt(),
    pot: contribution.pot.toBigInt(),
    paid: contribution.paid.toNumber(),
    evaluations: contribution.evaluations.toNumber(),
    open: contribution.status.isOpen,
  };
}

/** `ProofOfValue::contribution_status(id)` as plain values, or `null` for `None`. */
async function contributionStatusAt(api, blockHash, id) {
  const status = await callView(api, blockHash, 'ProofOfValue', 'contribution_status', [id]);
  if (status.isNone) {
    return null;
  }
  const s = status.unwrap();
  return {
    dc: s.dc.toNumber(),
    open: s.open.isTrue,
    median: s.median.isSome ? s.median.unwrap().toNumber() : null,
    paid: s.paid.toNumber(),
    buckets: s.buckets.map(([score, weight]) => [score.toNumber(), weight.toBigInt()]),
    evaluations: s.evaluations.toNumber(),
    escrow: s.escrow.toBigInt(),
    pot: s.pot.toBigInt(),
    blocksLeft: s.blocksLeft.toNumber(),
  };
}

/** `ProofOfValue::pending_reward(id, who)` as plain values, or `null` for `None`. */
async function pendingRewardAt(api, blockHash, id, who) {
  const pending = await callView(api, blockHash, 'ProofOfValue', 'pending_reward', [id, who]);
  if (pending.isNone) {
    return null;
  }
  const { stake, accrued, potShare } = pending.unwrap();
  return { stake: stake.toBigInt(), accrued: accrued.toBigInt(), potShare: potShare.toBigInt() };
}

// ---------------------------------------------------------------------------------------------
// The scenario.

test('step 1: Alice creates the Makers DC with alice 400, bob 300, charlie 300', async () => {
  const { api } = chain;
  const { alice, bob, charlie } = keyring();
  const expectedId = (await api.query.cooperatives.nextCooperativeId()).toNumber();

  const tx = api.tx.cooperatives.createDc('Makers', 'Makers Token', 'MKR', 0, PARAMETERS, [
    [alice.address, 400],
    [bob.address, 300],
    [charlie.address, 300],
  ]);
  const result = await submit(api, tx, alice);
  assert.equal(result.dispatchError, null);

  const created = onlyEvent(result, api.events.cooperatives.CooperativeCreated, 'Cooperatives.CooperativeCreated');
  const dc = created.data.dc.toNumber();
  assert.equal(dc, expectedId, 'the DC got the id NextCooperativeId announced');
  assert.equal(created.data.admin.toString(), alice.address);
  const agent = created.data.agent.toString();
  assert.ok(![alice, bob, charlie].some((pair) => pair.address === agent), 'the agent is a member');
  state.dc = dc;

  const endowed = onlyEvent(result, api.events.reputation.Endowed, 'Reputation.Endowed');
  assert.equal(endowed.data.dc.toNumber(), dc);
  assert.equal(endowed.data.members.toNumber(), 3);
  assert.equal(endowed.data.total.toBigInt(), 1000n);

  const at = result.blockHash;
  assert.equal((await api.query.cooperatives.nextCooperativeId.at(at)).toNumber(), dc + 1);
  const cooperative = (await api.query.cooperatives.cooperatives.at(at, dc)).unwrap();
  assert.equal(cooperative.name.toUtf8(), 'Makers');
  assert.equal(cooperative.admin.toString(), alice.address);
  assert.equal(cooperative.depositor.toString(), alice.address);
  assert.equal(cooperative.deposit.toBigInt(), DC_DEPOSIT);
  assert.equal(cooperative.agent.toString(), agent);
  const p = cooperative.parameters;
  assert.deepEqual(
    {
      minScore: p.minScore.toNumber(),
      maxScore: p.maxScore.toNumber(),
      quorum: p.quorum.toNumber(),
      stake: p.stake.toNumber(),
      alignmentRadius: p.alignmentRadius.toNumber(),
      tokenPerPoint: p.tokenPerPoint.toNumber(),
      reputationPerPoint: p.reputationPerPoint.toNumber(),
      evaluationPeriod: p.evaluationPeriod.toNumber(),
    },
    PARAMETERS,
  );

  assert.deepEqual(await ledgerAt(api, at, dc), { total: 1000n, initial: 1000n, issued: 0n, burned: 0n, escrowed: 0n });
  assert.deepEqual(await reputationsAt(api, at, dc, keyring()), { alice: 400n, bob: 300n, charlie: 300n, dave: 0n });

  // The DC's token: the sufficient asset with the DC's id, owned and issued by the cooperatives
  // pallet's keyless account, not by the creator.
  const asset = await api.query.assets.asset.at(at, dc);
  assert.ok(asset.isSome, `asset ${dc} was not created`);
  const details = asset.unwrap();
  assert.equal(details.isSufficient.isTrue, true);
  assert.notEqual(details.owner.toString(), alice.address);
  assert.notEqual(details.issuer.toString(), alice.address);
  assert.equal(details.owner.toString(), palletAccount('cv/coops'));
  assert.equal(details.issuer.toString(), palletAccount('cv/coops'));
  assert.equal(details.supply.toBigInt(), 0n);
  assert.equal(details.minBalance.toBigInt(), 1n);
  const metadata = await api.query.assets.metadata.at(at, dc);
  assert.equal(metadata.name.toUtf8(), 'Makers Token');
  assert.equal(metadata.symbol.toUtf8(), 'MKR');
  assert.equal(metadata.decimals.toNumber(), 0);

  // The deposit: 100.031 COV more held from Alice, and the fee on top from her free balance.
  assert.equal(DC_DEPOSIT, 100_031_000_000_000n);
  const before = await accountAt(api, await parentOf(api, at), alice.address);
  const after = await accountAt(api, at, alice.address);
  assert.equal(after.reserved - before.reserved, DC_DEPOSIT);
  assert.equal(before.free - after.free, DC_DEPOSIT + result.fee);
});

test('step 2: Dave contributes c1 and a deposit of 1.0438 COV is held', async () => {
  const { api } = chain;
  const { dave } = keyring();
  const dc = need('dc', 'step 1');
  const contentHash = blake2AsHex('Makers: c1, a workbench design', 256);
  const expectedId = (await api.query.proofOfValue.nextContributionId()).toBigInt();

  const tx = api.tx.proofOfValue.contribute(dc, contentHash, 'ipfs://makers/c1', [[dave.address, FULL_SHARE]]);
  const result = await submit(api, tx, dave);
  assert.equal(result.dispatchError, null);

  const contributed = onlyEvent(result, api.events.proofOfValue.Contributed, 'ProofOfValue.Contributed');
  const c1 = contributed.data.contribution.toBigInt();
  assert.equal(c1, expectedId);
  assert.equal(contributed.data.dc.toNumber(), dc);
  assert.equal(contributed.data.depositor.toString(), dave.address);
  assert.equal(contributed.data.contentHash.toHex(), contentHash);

  const at = result.blockHash;
  assert.equal((await api.query.proofOfValue.nextContributionId.at(at)).toBigInt(), c1 + 1n);
  const contribution = await contributionAt(api, at, c1);
  const submitted = contribution.submitted.toNumber();
  assert.equal(submitted, result.blockNumber, 'submitted is the inclusion block');
  assert.equal(contribution.dc.toNumber(), dc);
  assert.equal(contribution.depositor.toString(), dave.address);
  assert.equal(contribution.deposit.toBigInt(), CONTRIBUTION_DEPOSIT);
  assert.equal(CONTRIBUTION_DEPOSIT, 1_043_800_000_000n);
  assert.equal(contribution.contentHash.toHex(), contentHash);
  assert.equal(contribution.uri.toUtf8(), 'ipfs://makers/c1');
  assert.deepEqual(
    contribution.contributors.map(([who, share]) => [who.toString(), share.toNumber()]),
    [[dave.address, FULL_SHARE]],
  );
  assert.equal(contribution.parameters.evaluationPeriod.toNumber(), EVALUATION_PERIOD);
  assert.equal(contribution.buckets.length, 6, 'one bucket per score 0..=5');
  assert.deepEqual(summary(contribution), { escrow: 0n, pot: 0n, paid: 0, evaluations: 0, open: true });

  const before = await accountAt(api, await parentOf(api, at), dave.address);
  const after = await accountAt(api, at, dave.address);
  assert.equal(after.reserved - before.reserved, CONTRIBUTION_DEPOSIT);
  assert.equal(before.free - after.free, CONTRIBUTION_DEPOSIT + result.fee);

  // Dave holds no token of the DC yet.
  assert.equal(await tokensAt(api, at, dc, dave.address), null);

  state.c1 = c1;
  state.submitted = submitted;
  state.daveBefore = before;
});

test('step 3: alice scores 4, stakes 40, and there is no median yet', async () => {
  const { api } = chain;
  const accounts = keyring();
  const dc = need('dc', 'step 1');
  const c1 = need('c1', 'step 2');

  const result = await submit(api, api.tx.proofOfValue.evaluate(c1, 4), accounts.alice);
  assert.equal(result.dispatchError, null);
  const evaluated = onlyEvent(result, api.events.proofOfValue.Evaluated, 'ProofOfValue.Evaluated');
  assert.deepEqual(
    {
      contribution: evaluated.data.contribution.toBigInt(),
      evaluator: evaluated.data.evaluator.toString(),
      score: evaluated.data.score.toNumber(),
      weight: evaluated.data.weight.toBigInt(),
      stake: evaluated.data.stake.toBigInt(),
    },
    { contribution: c1, evaluator: accounts.alice.address, score: 4, weight: 400n, stake: 40n },
  );
  assertNoEvent(result, api.events.proofOfValue.RewardIssued, 'ProofOfValue.RewardIssued');

  const at = result.blockHash;
  assert.deepEqual(await reputationsAt(api, at, dc, accounts), { alice: 360n, bob: 300n, charlie: 300n, dave: 0n });
  assert.deepEqual(await ledgerAt(api, at, dc), { total: 1000n, initial: 1000n, issued: 0n, burned: 0n, escrowed: 40n });
  // No earlier bucket: the stake goes to the pot.
  assert.deepEqual(summary(await contributionAt(api, at, c1)), { escrow: 40n, pot: 40n, paid: 0, evaluations: 1, open: true });
  assert.equal(await tokensAt(api, at, dc, accounts.dave.address), null);
});

test('step 4: bob scores 4, the median reaches 4 and Dave gets 40 tokens and 80 reputation', async () => {
  const { api } = chain;
  const accounts = keyring();
  const dc = need('dc', 'step 1');
  const c1 = need('c1', 'step 2');

  const result = await submit(api, api.tx.proofOfValue.evaluate(c1, 4), accounts.bob);
  assert.equal(result.dispatchError, null);
  const evaluated = onlyEvent(result, api.events.proofOfValue.Evaluated, 'ProofOfValue.Evaluated');
  assert.equal(evaluated.data.evaluator.toString(), accounts.bob.address);
  assert.equal(evaluated.data.score.toNumber(), 4);
  assert.equal(evaluated.data.weight.toBigInt(), 300n);
  assert.equal(evaluated.data.stake.toBigInt(), 30n);

  const reward = onlyEvent(result, api.events.proofOfValue.RewardIssued, 'ProofOfValue.RewardIssued');
  assert.deepEqual(
    {
      contribution: reward.data.contribution.toBigInt(),
      median: reward.data.median.toNumber(),
      points: reward.data.points.toNumber(),
      tokens: reward.data.tokens.toBigInt(),
      reputation: reward.data.reputation.toBigInt(),
    },
    { contribution: c1, median: 4, points: 4, tokens: 40n, reputation: 80n },
  );
  assert.ok(
    result.events.indexOf(reward) < result.events.indexOf(evaluated),
    'RewardIssued comes before Evaluated (spec §3: issuance is step 4, the event step 5)',
  );
  const issued = onlyEvent(result, api.events.reputation.Issued, 'Reputation.Issued');
  assert.equal(issued.data.dc.toNumber(), dc);
  assert.equal(issued.data.who.toString(), accounts.dave.address);
  assert.equal(issued.data.amount.toBigInt(), 80n);

  const at = result.blockHash;
  assert.equal(await tokensAt(api, at, dc, accounts.dave.address), 40n);
  assert.equal((await api.query.assets.asset.at(at, dc)).unwrap().supply.toBigInt(), 40n);
  assert.deepEqual(await reputationsAt(api, at, dc, accounts), { alice: 360n, bob: 270n, charlie: 300n, dave: 80n });
  assert.deepEqual(await ledgerAt(api, at, dc), { total: 1080n, initial: 1000n, issued: 80n, burned: 0n, escrowed: 70n });

  // Bob's 30 went to alice's bucket: acc₄ = 30 / 400 = 0.075, which is also bob's snapshot.
  const contribution = await contributionAt(api, at, c1);
  assert.deepEqual(summary(contribution), { escrow: 70n, pot: 40n, paid: 4, evaluations: 2, open: true });
  assert.equal(contribution.buckets[4].weight.toBigInt(), 700n);
  assert.equal(contribution.buckets[4].accumulator.toBigInt(), (75n * ACCUMULATOR_ONE) / 1000n);
  const bobEvaluation = (await api.query.proofOfValue.evaluations.at(at, c1, accounts.bob.address)).unwrap();
  assert.equal(bobEvaluation.snapshot.toBigInt(), (75n * ACCUMULATOR_ONE) / 1000n);
});

test('step 5: charlie scores 2, stakes 30 into the pot, and the median stays 4', async () => {
  const { api } = chain;
  const accounts = keyring();
  const dc = need('dc', 'step 1');
  const c1 = need('c1', 'step 2');

  const result = await submit(api, api.tx.proofOfValue.evaluate(c1, 2), accounts.charlie);
  assert.equal(result.dispatchError, null);
  const evaluated = onlyEvent(result, api.events.proofOfValue.Evaluated, 'ProofOfValue.Evaluated');
  assert.equal(evaluated.data.evaluator.toString(), accounts.charlie.address);
  assert.equal(evaluated.data.score.toNumber(), 2);
  assert.equal(evaluated.data.weight.toBigInt(), 300n);
  assert.equal(evaluated.data.stake.toBigInt(), 30n);
  assertNoEvent(result, api.events.proofOfValue.RewardIssued, 'ProofOfValue.RewardIssued');

  const at = result.blockHash;
  assert.deepEqual(await reputationsAt(api, at, dc, accounts), { alice: 360n, bob: 270n, charlie: 270n, dave: 80n });
  assert.deepEqual(await ledgerAt(api, at, dc), { total: 1080n, initial: 1000n, issued: 80n, burned: 0n, escrowed: 100n });
  assert.deepEqual(summary(await contributionAt(api, at, c1)), { escrow: 100n, pot: 70n, paid: 4, evaluations: 3, open: true });
  assert.equal(await tokensAt(api, at, dc, accounts.dave.address), 40n);
  state.charlieBlock = { hash: at, number: result.blockNumber };
});

test('view functions: contribution_status and pending_reward of the open c1', async () => {
  const { api } = chain;
  const accounts = keyring();
  const dc = need('dc', 'step 1');
  const c1 = need('c1', 'step 2');
  const submitted = need('submitted', 'step 2');
  const { hash, number } = need('charlieBlock', 'step 5');

  // In the state after Charlie's evaluation: the last evaluation block is submitted + 10.
  assert.deepEqual(await contributionStatusAt(api, hash, c1), {
    dc,
    open: true,
    median: 4,
    paid: 4,
    buckets: [
      [0, 0n],
      [1, 0n],
      [2, 300n],
      [3, 0n],
      [4, 700n],
      [5, 0n],
    ],
    evaluations: 3,
    escrow: 100n,
    pot: 70n,
    blocksLeft: submitted + EVALUATION_PERIOD - number + 1,
  });

  // If c1 closed now: alice gets bob's 30 and 400/700 of the pot of 70, bob 300/700 of it,
  // charlie (misaligned) nothing.
  assert.deepEqual(await pendingRewardAt(api, hash, c1, accounts.alice.address), { stake: 40n, accrued: 30n, potShare: 40n });
  assert.deepEqual(await pendingRewardAt(api, hash, c1, accounts.bob.address), { stake: 30n, accrued: 0n, potShare: 30n });
  assert.deepEqual(await pendingRewardAt(api, hash, c1, accounts.charlie.address), { stake: 30n, accrued: 0n, potShare: 0n });
  assert.equal(await pendingRewardAt(api, hash, c1, accounts.dave.address), null, 'dave did not evaluate');
  assert.equal(await contributionStatusAt(api, hash, c1 + 1000n), null, 'an unknown contribution');
});

test('step 6: charlie cannot evaluate c1 again', async () => {
  const { api } = chain;
  const accounts = keyring();
  const dc = need('dc', 'step 1');
  const c1 = need('c1', 'step 2');

  const result = await submit(api, api.tx.proofOfValue.evaluate(c1, 2), accounts.charlie);
  assert.equal(result.dispatchError, 'Module.ProofOfValue.AlreadyEvaluated');
  assertNoEvent(result, api.events.proofOfValue.Evaluated, 'ProofOfValue.Evaluated');

  const at = result.blockHash;
  const parent = await parentOf(api, at);
  assert.deepEqual(await reputationsAt(api, at, dc, accounts), { alice: 360n, bob: 270n, charlie: 270n, dave: 80n });
  assert.deepEqual(await reputationsAt(api, at, dc, accounts), await reputationsAt(api, parent, dc, accounts));
  assert.deepEqual(await ledgerAt(api, at, dc), await ledgerAt(api, parent, dc));
  assert.equal((await contributionAt(api, at, c1)).toHex(), (await contributionAt(api, parent, c1)).toHex());
});

test('step 7: closing c1 before its evaluation period is over fails', async () => {
  const { api } = chain;
  const { eve } = keyring();
  const c1 = need('c1', 'step 2');
  const submitted = need('submitted', 'step 2');

  const result = await submit(api, api.tx.proofOfValue.close(c1), eve);
  assert.ok(result.blockNumber <= submitted + EVALUATION_PERIOD, 'this close was meant to come early');
  assert.equal(result.dispatchError, 'Module.ProofOfValue.EvaluationPeriodNotOver');
  assertNoEvent(result, api.events.proofOfValue.Closed, 'ProofOfValue.Closed');
  const parent = await parentOf(api, result.blockHash);
  assert.equal((await contributionAt(api, result.blockHash, c1)).toHex(), (await contributionAt(api, parent, c1)).toHex());
});

test('step 8: 11 blocks after submission Eve closes c1 and the stakes are settled', async () => {
  const { api } = chain;
  const accounts = keyring();
  const dc = need('dc', 'step 1');
  const c1 = need('c1', 'step 2');
  const submitted = need('submitted', 'step 2');
  const lastEvaluationBlock = submitted + EVALUATION_PERIOD;

  // c1 can be closed from block submitted + 11 on. It is also scheduled for automatic closing
  // (on_idle) in that block, which runs after the block's extrinsics: so Eve's close must be
  // the extrinsic of block submitted + 11 itself, i.e. the best block must be submitted + 10
  // when she sends it. First the boundary: a close in block submitted + 10 still fails.
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const toBoundary = lastEvaluationBlock - 1 - best;
  assert.ok(toBoundary >= 0, `the chain is already at block ${best}, past ${lastEvaluationBlock - 1}`);
  await createBlocks(api, toBoundary);
  assert.equal((await api.rpc.chain.getHeader()).number.toNumber(), lastEvaluationBlock - 1);

  const early = await submit(api, api.tx.proofOfValue.close(c1), accounts.eve);
  assert.equal(early.blockNumber, lastEvaluationBlock);
  assert.equal(early.dispatchError, 'Module.ProofOfValue.EvaluationPeriodNotOver');
  const lastChance = await contributionStatusAt(api, early.blockHash, c1);
  assert.equal(lastChance.open, true);
  assert.equal(lastChance.blocksLeft, 1, 'block submitted + 10 is the last to accept evaluations');

  // Now the best block is submitted + 10: Eve's close lands in block submitted + 11.
  assert.equal((await api.rpc.chain.getHeader()).number.toNumber(), lastEvaluationBlock);
  const result = await submit(api, api.tx.proofOfValue.close(c1), accounts.eve);
  assert.equal(result.blockNumber, lastEvaluationBlock + 1);
  assert.ok(result.blockNumber > submitted + EVALUATION_PERIOD);
  assert.equal(result.dispatchError, null);

  const settled = eventsOf(result, api.events.proofOfValue.EvaluationSettled).map((event) => ({
    contribution: event.data.contribution.toBigInt(),
    evaluator: event.data.evaluator.toString(),
    reward: event.data.reward.toBigInt(),
    potShare: event.data.potShare.toBigInt(),
  }));
  assert.deepEqual(settled, [
    { contribution: c1, evaluator: accounts.alice.address, reward: 30n, potShare: 40n },
    { contribution: c1, evaluator: accounts.bob.address, reward: 0n, potShare: 30n },
    { contribution: c1, evaluator: accounts.charlie.address, reward: 0n, potShare: 0n },
  ]);
  const closed = onlyEvent(result, api.events.proofOfValue.Closed, 'ProofOfValue.Closed');
  assert.equal(closed.data.contribution.toBigInt(), c1);
  assert.ok(closed.data.median.isSome, 'Closed without a median');
  assert.equal(closed.data.median.unwrap().toNumber(), 4);
  assert.equal(closed.data.burned.toBigInt(), 0n);
  const lastSettled = eventsOf(result, api.events.proofOfValue.EvaluationSettled).at(-1);
  assert.ok(result.events.indexOf(closed) > result.events.indexOf(lastSettled), 'Closed comes after the settlements');
  // The median did not rise, and there is no dust to burn.
  assertNoEvent(result, api.events.proofOfValue.RewardIssued, 'ProofOfValue.RewardIssued');
  assertNoEvent(result, api.events.reputation.Burned, 'Reputation.Burned');

  const at = result.blockHash;
  assert.deepEqual(await reputationsAt(api, at, dc, accounts), { alice: 430n, bob: 300n, charlie: 270n, dave: 80n });
  assert.deepEqual(await ledgerAt(api, at, dc), { total: 1080n, initial: 1000n, issued: 80n, burned: 0n, escrowed: 0n });
  assert.equal(await tokensAt(api, at, dc, accounts.dave.address), 40n);
  assert.equal((await api.query.assets.asset.at(at, dc)).unwrap().supply.toBigInt(), 40n);

  const contribution = await contributionAt(api, at, c1);
  assert.equal(contribution.status.isClosed, true);
  const status = contribution.status.asClosed;
  assert.equal(status.median.unwrap().toNumber(), 4);
  assert.equal(status.burned.toBigInt(), 0n);
  assert.equal(contribution.escrow.toBigInt(), 0n);
  assert.equal(contribution.pot.toBigInt(), 0n);
  assert.equal((await api.query.proofOfValue.evaluations.entriesAt(at, c1)).length, 0, 'evaluations left behind');
  assert.equal((await api.query.proofOfValue.expiryCursor.at(at)).isNone, true, 'c1 is still scheduled for expiry');

  const view = await contributionStatusAt(api, at, c1);
  assert.equal(view.open, false);
  assert.equal(view.median, 4);
  assert.equal(view.blocksLeft, 0);
  assert.equal(view.escrow, 0n);
  assert.equal(view.pot, 0n);
  assert.equal(await pendingRewardAt(api, at, c1, accounts.alice.address), null, 'evaluations are gone once closed');

  // A second close is refused.
  const again = await submit(api, api.tx.proofOfValue.close(c1), accounts.eve);
  assert.equal(again.dispatchError, 'Module.ProofOfValue.AlreadyClosed');
  assert.deepEqual(await reputationsAt(api, again.blockHash, dc, accounts), { alice: 430n, bob: 300n, charlie: 270n, dave: 80n });
});

test('step 9: Dave cleans up c1 and gets his deposit back', async () => {
  const { api } = chain;
  const { dave } = keyring();
  const c1 = need('c1', 'step 2');
  const daveBefore = need('daveBefore', 'step 2');

  const result = await submit(api, api.tx.proofOfValue.cleanUp(c1), dave);
  assert.equal(result.dispatchError, null);
  const cleaned = onlyEvent(result, api.events.proofOfValue.CleanedUp, 'ProofOfValue.CleanedUp');
  assert.equal(cleaned.data.contribution.toBigInt(), c1);
  assert.equal(cleaned.data.depositor.toString(), dave.address);

  const at = result.blockHash;
  const before = await accountAt(api, await parentOf(api, at), dave.address);
  const after = await accountAt(api, at, dave.address);
  assert.equal(after.reserved, daveBefore.reserved, "Dave's reserved balance is back to what it was before c1");
  assert.equal(before.reserved - after.reserved, CONTRIBUTION_DEPOSIT);
  assert.equal(after.free - before.free, CONTRIBUTION_DEPOSIT - result.fee);

  assert.equal((await api.query.proofOfValue.contributions.at(at, c1)).isNone, true);
  assert.equal(await contributionStatusAt(api, at, c1), null);
  // The rewards stay: Dave keeps his tokens and his reputation.
  const dc = need('dc', 'step 1');
  assert.equal(await tokensAt(api, at, dc, dave.address), 40n);
  assert.equal(await reputationAt(api, at, dc, dave.address), 80n);
});
