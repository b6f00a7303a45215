// The worked example of docs/protocol-rules.md (§9, version 2), played on a real node: Alice
// creates the "Makers" DC (epoch length 10), Dave contributes c1, Alice, Bob and Charlie (the
// example's "carol") evaluate it, Eve (the example's "erin") closes it once its evaluation
// period is over, and Dave cleans it up. Every number is the example's; the integration test
// `worked_example_of_section_9` plays the same scenario in Rust. Then what version 2 adds:
// Dave's 80 reputation are pending and can't evaluate until they vest (§1a), pending
// reputation gives no weight, an expired contribution is closed automatically, and a refused
// close pays only for the read it did.
//
// The node seals one block per transaction (`--sealing instant`), so each step below is one
// block, and its effects are read at exactly that block. Epochs count from block 0, and the
// blocks here are not the example's (block 1 creates the DC, c1 comes in block 2): the block at
// which earned reputation vests is computed from the blocks the events are in.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { blake2AsHex } from '@polkadot/util-crypto';

import { createBlocks, keyring, startNodeOnce, submit } from '../lib/node.js';
import {
  accountAt,
  assertNoEvent,
  blockEventsOf,
  callView,
  contributionDeposit,
  dcDeposit,
  epochLengthAt,
  eventsOf,
  ledgerAt,
  onlyEvent,
  palletAccount,
  parentOf,
  reputationAt,
  reputationViewAt,
  tokensAt,
  vestingBlock,
} from '../lib/queries.js';

const COV = 10n ** 12n;
// 100 COV and 1 COV, plus 0.0001 COV per byte stored: 578 bytes for this DC, 508 for c1.
const DC_DEPOSIT = dcDeposit('Makers', 3);
const CONTRIBUTION_DEPOSIT = contributionDeposit('ipfs://makers/c1'.length, 1, 6);
const FULL_SHARE = 1_000_000;
const EVALUATION_PERIOD = 10;
const EPOCH_LENGTH = 10;
/** `FixedU128` one, the unit of a bucket's accumulator and of the fee multiplier. */
const ACCUMULATOR_ONE = 10n ** 18n;
const NAMES = ['alice', 'bob', 'charlie', 'dave'];

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
  daveVestsAt: undefined, // the block at which Dave's 80 reputation vest (step 4)
  charlieBlock: undefined, // the block of Charlie's evaluation (step 5)
  earnedVestsAt: undefined, // the block at which what alice and bob earned on c1 vests (step 8)
  c2: undefined, // the contribution Dave evaluates once his reputation has vested
  c2Submitted: undefined, // the block c2 was submitted in
};

function need(name, step) {
  assert.notEqual(state[name], undefined, `${name} is unknown: ${step} did not complete`);
  return state[name];
}

// ---------------------------------------------------------------------------------------------
// Reading this scenario's state.

/** An expected standing: `pending` as `[amount, vestsAt]` pairs, earliest first. */
function standing(vested, escrowed = 0n, pending = []) {
  const entries = pending.map(([amount, vestsAt]) => ({ amount, vestsAt }));
  return { vested, escrowed, pending: entries, reputation: vested + entries.reduce((sum, p) => sum + p.amount, 0n) };
}

/** The standings of alice, bob, charlie and dave in `dc`, matured to the block. */
async function standingsAt(api, blockHash, dc, accounts) {
  const result = {};
  for (const name of NAMES) {
    result[name] = await reputationAt(api, blockHash, dc, accounts[name].address);
  }
  return result;
}

/** The four standings exactly as stored (not matured), for "nothing changed" checks. */
async function storedStandingsHex(api, blockHash, dc, accounts) {
  const stored = [];
  for (const name of NAMES) {
    stored.push((await api.query.reputation.reputationOf.at(blockHash, dc, accounts[name].address)).toHex());
  }
  return stored.join(',');
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
    closing: s.closing.isTrue,
    totalAtSubmission: s.totalAtSubmission.toBigInt(),
    need: s.need.toBigInt(),
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
  const { stake, accrued, potShare, payout } = pending.unwrap();
  return { stake: stake.toBigInt(), accrued: accrued.toBigInt(), potShare: potShare.toBigInt(), payout: payout.toBigInt() };
}

function evaluatedData(event) {
  return {
    contribution: event.data.contribution.toBigInt(),
    evaluator: event.data.evaluator.toString(),
    score: event.data.score.toNumber(),
    weight: event.data.weight.toBigInt(),
    stake: event.data.stake.toBigInt(),
  };
}

function settledData(event) {
  return {
    contribution: event.data.contribution.toBigInt(),
    evaluator: event.data.evaluator.toString(),
    accrued: event.data.accrued.toBigInt(),
    potShare: event.data.potShare.toBigInt(),
    returned: event.data.returned.toBigInt(),
    earned: event.data.earned.toBigInt(),
  };
}

function earningsData(event) {
  return {
    contribution: event.data.contribution.toBigInt(),
    evaluator: event.data.evaluator.toString(),
    amount: event.data.amount.toBigInt(),
  };
}

const byEvaluator = (a, b) => (a.evaluator < b.evaluator ? -1 : a.evaluator > b.evaluator ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// The scenario.

test('step 1: Alice creates the Makers DC with alice 400, bob 300, charlie 300 and an epoch of 10 blocks', async () => {
  const { api } = chain;
  const { alice, bob, charlie } = keyring();
  const expectedId = (await api.query.cooperatives.nextCooperativeId()).toNumber();

  const tx = api.tx.cooperatives.createDc('Makers', 'Makers Token', 'MKR', 0, PARAMETERS, EPOCH_LENGTH, [
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
  assert.equal(endowed.data.epochLength.toNumber(), EPOCH_LENGTH);
  assert.ok(
    result.events.indexOf(endowed) < result.events.indexOf(created),
    'Endowed comes before CooperativeCreated',
  );

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

  // The epoch length is kept by the reputation pallet, fixed at creation.
  assert.equal(await epochLengthAt(api, at, dc), EPOCH_LENGTH);
  const epochView = await callView(api, at, 'Reputation', 'epoch_length_of', [dc]);
  assert.equal(epochView.unwrap().toNumber(), EPOCH_LENGTH);
  assert.equal((await callView(api, at, 'Reputation', 'epoch_length_of', [dc + 1000])).isNone, true);

  assert.deepEqual(await ledgerAt(api, at, dc), { total: 1000n, initial: 1000n, issued: 0n, burned: 0n, escrowed: 0n, staked: 0n });
  // The initial members' reputation is vested at once.
  assert.deepEqual(await standingsAt(api, at, dc, keyring()), {
    alice: standing(400n),
    bob: standing(300n),
    charlie: standing(300n),
    dave: standing(0n),
  });
  assert.deepEqual(await reputationViewAt(api, at, dc, alice.address), standing(400n));

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

  // The deposit: 100.0578 COV more held from Alice, and the fee on top from her free balance.
  assert.equal(DC_DEPOSIT, 100_057_800_000_000n);
  const before = await accountAt(api, await parentOf(api, at), alice.address);
  const after = await accountAt(api, at, alice.address);
  assert.equal(after.reserved - before.reserved, DC_DEPOSIT);
  assert.equal(before.free - after.free, DC_DEPOSIT + result.fee);
});

test('step 2: Dave contributes c1, R₀ = 1000 and need = 500 are fixed, and a deposit of 1.0508 COV is held', async () => {
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
  assert.equal(contribution.kind.isWork, true);
  assert.equal(contribution.depositor.toString(), dave.address);
  assert.equal(contribution.deposit.toBigInt(), CONTRIBUTION_DEPOSIT);
  // 1 COV + 508 bytes: the fixed part of the record 261, the URI 1 + 16, one contributor
  // 1 + 36, six buckets 1 + 6 · 32.
  assert.equal(CONTRIBUTION_DEPOSIT, 1_050_800_000_000n);
  assert.equal(contribution.contentHash.toHex(), contentHash);
  assert.equal(contribution.uri.toUtf8(), 'ipfs://makers/c1');
  assert.deepEqual(
    contribution.contributors.map(([who, share]) => [who.toString(), share.toNumber()]),
    [[dave.address, FULL_SHARE]],
  );
  assert.equal(contribution.parameters.evaluationPeriod.toNumber(), EVALUATION_PERIOD);
  assert.equal(contribution.totalAtSubmission.toBigInt(), 1000n);
  assert.equal(contribution.need.toBigInt(), 500n, 'need = ⌈50% · 1000⌉');
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

test('step 3: alice scores 4, stakes 40 into the pot, and there is no median yet', async () => {
  const { api } = chain;
  const accounts = keyring();
  const dc = need('dc', 'step 1');
  const c1 = need('c1', 'step 2');

  const result = await submit(api, api.tx.proofOfValue.evaluate(c1, 4), accounts.alice);
  assert.equal(result.dispatchError, null);
  const evaluated = onlyEvent(result, api.events.proofOfValue.Evaluated, 'ProofOfValue.Evaluated');
  assert.deepEqual(evaluatedData(evaluated), {
    contribution: c1,
    evaluator: accounts.alice.address,
    score: 4,
    weight: 400n,
    stake: 40n,
  });
  assertNoEvent(result, api.events.proofOfValue.RewardIssued, 'ProofOfValue.RewardIssued');

  const at = result.blockHash;
  // The stake leaves alice's vested reputation for her escrowed reputation: still hers.
  assert.deepEqual(await standingsAt(api, at, dc, accounts), {
    alice: standing(360n, 40n),
    bob: standing(300n),
    charlie: standing(300n),
    dave: standing(0n),
  });
  assert.deepEqual(await ledgerAt(api, at, dc), { total: 1000n, initial: 1000n, issued: 0n, burned: 0n, escrowed: 40n, staked: 40n });
  // No earlier bucket, D = 400 (her own place): the whole stake goes to the pot.
  const contribution = await contributionAt(api, at, c1);
  assert.deepEqual(summary(contribution), { escrow: 40n, pot: 40n, paid: 0, evaluations: 1, open: true });
  assert.equal(contribution.buckets[4].weight.toBigInt(), 400n);
  assert.equal(contribution.buckets[4].accumulator.toBigInt(), 0n);
  assert.equal(await tokensAt(api, at, dc, accounts.dave.address), null);
});

test('step 4: bob scores 4, the median reaches 4 and Dave gets 40 tokens and 80 pending reputation', async () => {
  const { api } = chain;
  const accounts = keyring();
  const dc = need('dc', 'step 1');
  const c1 = need('c1', 'step 2');

  const result = await submit(api, api.tx.proofOfValue.evaluate(c1, 4), accounts.bob);
  assert.equal(result.dispatchError, null);
  const evaluated = onlyEvent(result, api.events.proofOfValue.Evaluated, 'ProofOfValue.Evaluated');
  assert.deepEqual(evaluatedData(evaluated), {
    contribution: c1,
    evaluator: accounts.bob.address,
    score: 4,
    weight: 300n,
    stake: 30n,
  });

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
  // Earned in epoch ⌊block / 10⌋: pending until the first block of the epoch after next.
  const vestsAt = vestingBlock(result.blockNumber, EPOCH_LENGTH);
  assert.ok(vestsAt > result.blockNumber + EPOCH_LENGTH, 'vests only after a whole epoch');
  const issued = onlyEvent(result, api.events.reputation.Issued, 'Reputation.Issued');
  assert.deepEqual(
    {
      dc: issued.data.dc.toNumber(),
      who: issued.data.who.toString(),
      amount: issued.data.amount.toBigInt(),
      vestsAt: issued.data.vestsAt.toNumber(),
    },
    { dc, who: accounts.dave.address, amount: 80n, vestsAt },
  );

  const at = result.blockHash;
  assert.equal(await tokensAt(api, at, dc, accounts.dave.address), 40n);
  assert.equal((await api.query.assets.asset.at(at, dc)).unwrap().supply.toBigInt(), 40n);
  assert.deepEqual(await standingsAt(api, at, dc, accounts), {
    alice: standing(360n, 40n),
    bob: standing(270n, 30n),
    charlie: standing(300n),
    dave: standing(0n, 0n, [[80n, vestsAt]]),
  });
  // Stored as it is: nothing vested yet, one pending slot used.
  const stored = await api.query.reputation.reputationOf.at(at, dc, accounts.dave.address);
  assert.deepEqual(
    stored.pending.map((p) => [p.amount.toBigInt(), p.vestsAt.toNumber()]),
    [
      [80n, vestsAt],
      [0n, 0],
    ],
  );
  assert.deepEqual(await reputationViewAt(api, at, dc, accounts.dave.address), standing(0n, 0n, [[80n, vestsAt]]));
  assert.deepEqual(await ledgerAt(api, at, dc), { total: 1080n, initial: 1000n, issued: 80n, burned: 0n, escrowed: 70n, staked: 70n });

  // D = 400 + 300 (bob's own place): ⌊30·400/700⌋ = 17 to alice's bucket, acc₄ = 17 / 400 =
  // 0.0425, which is also bob's snapshot; 13 to the pot.
  const contribution = await contributionAt(api, at, c1);
  assert.deepEqual(summary(contribution), { escrow: 70n, pot: 53n, paid: 4, evaluations: 2, open: true });
  assert.equal(contribution.buckets[4].weight.toBigInt(), 700n);
  assert.equal(contribution.buckets[4].accumulator.toBigInt(), (425n * ACCUMULATOR_ONE) / 10_000n);
  const bobEvaluation = (await api.query.proofOfValue.evaluations.at(at, c1, accounts.bob.address)).unwrap();
  assert.equal(bobEvaluation.snapshot.toBigInt(), (425n * ACCUMULATOR_ONE) / 10_000n);
  assert.deepEqual(await pendingRewardAt(api, at, c1, accounts.alice.address), { stake: 40n, accrued: 17n, potShare: 30n, payout: 47n });
  state.daveVestsAt = vestsAt;
});

test('step 5: charlie scores 2, stakes 30 into the pot, and the median stays 4', async () => {
  const { api } = chain;
  const accounts = keyring();
  const dc = need('dc', 'step 1');
  const c1 = need('c1', 'step 2');
  const daveVestsAt = need('daveVestsAt', 'step 4');

  const result = await submit(api, api.tx.proofOfValue.evaluate(c1, 2), accounts.charlie);
  assert.equal(result.dispatchError, null);
  const evaluated = onlyEvent(result, api.events.proofOfValue.Evaluated, 'ProofOfValue.Evaluated');
  assert.deepEqual(evaluatedData(evaluated), {
    contribution: c1,
    evaluator: accounts.charlie.address,
    score: 2,
    weight: 300n,
    stake: 30n,
  });
  assertNoEvent(result, api.events.proofOfValue.RewardIssued, 'ProofOfValue.RewardIssued');

  const at = result.blockHash;
  assert.deepEqual(await standingsAt(api, at, dc, accounts), {
    alice: standing(360n, 40n),
    bob: standing(270n, 30n),
    charlie: standing(270n, 30n),
    dave: standing(0n, 0n, [[80n, daveVestsAt]]),
  });
  assert.deepEqual(await ledgerAt(api, at, dc), { total: 1080n, initial: 1000n, issued: 80n, burned: 0n, escrowed: 100n, staked: 100n });
  // Bucket 2 is empty, D = 300: all 30 to the pot. need stays 500 although R is now 1080.
  const contribution = await contributionAt(api, at, c1);
  assert.deepEqual(summary(contribution), { escrow: 100n, pot: 83n, paid: 4, evaluations: 3, open: true });
  assert.equal(contribution.need.toBigInt(), 500n);
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
    closing: false,
    totalAtSubmission: 1000n,
    need: 500n,
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
    pot: 83n,
    blocksLeft: submitted + EVALUATION_PERIOD - number + 1,
  });

  // If c1 closed now: alice accrued ⌊400·0.0425⌋ = 17 of bob's stake and gets ⌊83·400/700⌋ = 47
  // of the pot, bob ⌊83·300/700⌋ = 35 of it, charlie (misaligned) nothing.
  assert.deepEqual(await pendingRewardAt(api, hash, c1, accounts.alice.address), { stake: 40n, accrued: 17n, potShare: 47n, payout: 64n });
  assert.deepEqual(await pendingRewardAt(api, hash, c1, accounts.bob.address), { stake: 30n, accrued: 0n, potShare: 35n, payout: 35n });
  assert.deepEqual(await pendingRewardAt(api, hash, c1, accounts.charlie.address), { stake: 30n, accrued: 0n, potShare: 0n, payout: 0n });
  assert.equal(await pendingRewardAt(api, hash, c1, accounts.dave.address), null, 'dave did not evaluate');
  assert.equal(await contributionStatusAt(api, hash, c1 + 1000n), null, 'an unknown contribution');
});

test('step 6: charlie cannot evaluate c1 again', async () => {
  const { api } = chain;
  const accounts = keyring();
  const dc = need('dc', 'step 1');
  const c1 = need('c1', 'step 2');
  const daveVestsAt = need('daveVestsAt', 'step 4');

  const result = await submit(api, api.tx.proofOfValue.evaluate(c1, 2), accounts.charlie);
  assert.equal(result.dispatchError, 'Module.ProofOfValue.AlreadyEvaluated');
  assertNoEvent(result, api.events.proofOfValue.Evaluated, 'ProofOfValue.Evaluated');

  const at = result.blockHash;
  const parent = await parentOf(api, at);
  assert.deepEqual(await standingsAt(api, at, dc, accounts), {
    alice: standing(360n, 40n),
    bob: standing(270n, 30n),
    charlie: standing(270n, 30n),
    dave: standing(0n, 0n, [[80n, daveVestsAt]]),
  });
  assert.equal(await storedStandingsHex(api, at, dc, accounts), await storedStandingsHex(api, parent, dc, accounts));
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

test('step 8: 11 blocks after submission Eve closes c1: alice 424, bob 305, charlie 270, dave 80, 1 burned', async () => {
  const { api } = chain;
  const accounts = keyring();
  const dc = need('dc', 'step 1');
  const c1 = need('c1', 'step 2');
  const submitted = need('submitted', 'step 2');
  const daveVestsAt = need('daveVestsAt', 'step 4');
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

  // Each payout p: min(p, stake) back vested ("returned"), the rest pending ("earned"); the
  // chain settles the evaluations in the order of their storage keys.
  const settled = eventsOf(result, api.events.proofOfValue.EvaluationSettled);
  assert.deepEqual(
    settled.map(settledData).sort(byEvaluator),
    [
      { contribution: c1, evaluator: accounts.alice.address, accrued: 17n, potShare: 47n, returned: 40n, earned: 24n },
      { contribution: c1, evaluator: accounts.bob.address, accrued: 0n, potShare: 35n, returned: 30n, earned: 5n },
      { contribution: c1, evaluator: accounts.charlie.address, accrued: 0n, potShare: 0n, returned: 0n, earned: 0n },
    ].sort(byEvaluator),
  );
  // Earnings are paid once every stake is back (in storage order, not evaluation order).
  const earnings = eventsOf(result, api.events.proofOfValue.EarningsPaid);
  assert.deepEqual(
    earnings.map(earningsData).sort(byEvaluator),
    [
      { contribution: c1, evaluator: accounts.alice.address, amount: 24n },
      { contribution: c1, evaluator: accounts.bob.address, amount: 5n },
    ].sort(byEvaluator),
  );
  assert.ok(
    result.events.indexOf(earnings[0]) > result.events.indexOf(settled.at(-1)),
    'EarningsPaid comes after every EvaluationSettled',
  );
  const burned = onlyEvent(result, api.events.reputation.Burned, 'Reputation.Burned');
  assert.equal(burned.data.dc.toNumber(), dc);
  assert.equal(burned.data.amount.toBigInt(), 1n);
  const closed = onlyEvent(result, api.events.proofOfValue.Closed, 'ProofOfValue.Closed');
  assert.equal(closed.data.contribution.toBigInt(), c1);
  assert.ok(closed.data.median.isSome, 'Closed without a median');
  assert.equal(closed.data.median.unwrap().toNumber(), 4);
  assert.equal(closed.data.burned.toBigInt(), 1n, '100 − 64 − 35 = 1');
  assert.ok(result.events.indexOf(closed) > result.events.indexOf(earnings.at(-1)), 'Closed comes after the earnings');
  // The median did not rise, and three evaluations close in one step.
  assertNoEvent(result, api.events.proofOfValue.RewardIssued, 'ProofOfValue.RewardIssued');
  assertNoEvent(result, api.events.proofOfValue.ClosingProgressed, 'ProofOfValue.ClosingProgressed');

  // What alice and bob earned is pending until the first block of the epoch after next; Dave's
  // 80, earned in an earlier block, are still pending too (as in the example, at block 12).
  const earnedVestsAt = vestingBlock(result.blockNumber, EPOCH_LENGTH);
  assert.ok(result.blockNumber < daveVestsAt, `the close came at block ${result.blockNumber}, after Dave's reputation vested`);
  const at = result.blockHash;
  const standings = await standingsAt(api, at, dc, accounts);
  assert.deepEqual(standings, {
    alice: standing(400n, 0n, [[24n, earnedVestsAt]]),
    bob: standing(300n, 0n, [[5n, earnedVestsAt]]),
    charlie: standing(270n),
    dave: standing(0n, 0n, [[80n, daveVestsAt]]),
  });
  assert.deepEqual(
    Object.fromEntries(NAMES.map((name) => [name, standings[name].reputation])),
    { alice: 424n, bob: 305n, charlie: 270n, dave: 80n },
  );
  assert.deepEqual(await ledgerAt(api, at, dc), { total: 1079n, initial: 1000n, issued: 80n, burned: 1n, escrowed: 0n, staked: 0n });
  assert.equal(await tokensAt(api, at, dc, accounts.dave.address), 40n);
  assert.equal((await api.query.assets.asset.at(at, dc)).unwrap().supply.toBigInt(), 40n);

  const contribution = await contributionAt(api, at, c1);
  assert.equal(contribution.status.isClosed, true);
  const status = contribution.status.asClosed;
  assert.equal(status.median.unwrap().toNumber(), 4);
  assert.equal(status.burned.toBigInt(), 1n);
  assert.equal(contribution.escrow.toBigInt(), 0n);
  assert.equal(contribution.pot.toBigInt(), 0n);
  assert.equal((await api.query.proofOfValue.evaluations.entriesAt(at, c1)).length, 0, 'evaluations left behind');
  assert.equal((await api.query.proofOfValue.earnings.entriesAt(at, c1)).length, 0, 'earnings left behind');
  assert.equal((await api.query.proofOfValue.expiryCursor.at(at)).isNone, true, 'c1 is still scheduled for expiry');

  const view = await contributionStatusAt(api, at, c1);
  assert.equal(view.open, false);
  assert.equal(view.closing, false);
  assert.equal(view.median, 4);
  assert.equal(view.blocksLeft, 0);
  assert.equal(view.escrow, 0n);
  assert.equal(view.pot, 0n);
  assert.equal(await pendingRewardAt(api, at, c1, accounts.alice.address), null, 'evaluations are gone once closed');
  state.earnedVestsAt = earnedVestsAt;
});

test('fees: a close refused with AlreadyClosed pays for its one read, far below what paymentInfo quotes', async () => {
  const { api } = chain;
  const accounts = keyring();
  const dc = need('dc', 'step 1');
  const c1 = need('c1', 'step 2');
  need('earnedVestsAt', 'step 8');

  // The quote is for the declared weight: a whole closing step of 256 settlements.
  const quote = await api.tx.proofOfValue.close(c1).paymentInfo(accounts.eve);
  const estimate = quote.partialFee.toBigInt();

  const result = await submit(api, api.tx.proofOfValue.close(c1), accounts.eve);
  assert.equal(result.dispatchError, 'Module.ProofOfValue.AlreadyClosed');
  assertNoEvent(result, api.events.proofOfValue.Closed, 'ProofOfValue.Closed');
  const at = result.blockHash;
  const parent = await parentOf(api, at);
  assert.equal(await storedStandingsHex(api, at, dc, accounts), await storedStandingsHex(api, parent, dc, accounts));
  assert.deepEqual(await ledgerAt(api, at, dc), await ledgerAt(api, parent, dc));
  const eve = await accountAt(api, at, accounts.eve.address);
  const eveBefore = await accountAt(api, parent, accounts.eve.address);
  assert.equal(eveBefore.free - eve.free, result.fee);

  assert.ok(result.fee < estimate, `the refused close paid ${result.fee}, the quote was ${estimate}`);

  // What the chain charges for it. WeightToFee is IdentityFee and the fee multiplier stays at
  // its minimum, 1, on a quiet chain: the fee is the weight the chain reports for the
  // extrinsic (ExtrinsicFailed carries it, the base extrinsic weight included) plus 100 µCOV
  // per byte.
  const multiplier = (await api.query.transactionPayment.nextFeeMultiplier.at(parent)).toBigInt();
  assert.equal(multiplier, ACCUMULATOR_ONE, 'the fee multiplier stays at its minimum, 1, on a quiet chain');
  const extrinsic = (await api.rpc.chain.getBlock(at)).block.extrinsics[result.index];
  const lenFee = BigInt(extrinsic.encodedLength) * 100_000_000n;
  const failed = onlyEvent(result, api.events.system.ExtrinsicFailed, 'System.ExtrinsicFailed');
  const reported = failed.data.dispatchInfo.weight.refTime.toBigInt();
  assert.equal(result.fee, reported + lenFee);
  // The call's part: one database read and the transaction extensions, a sliver of what the
  // quote's weight declares (the length part, about 0.0115 COV for this extrinsic, is paid in
  // full either way).
  const baseExtrinsic = api.consts.system.blockWeights.perClass.normal.baseExtrinsic.refTime.toBigInt();
  const read = api.consts.system.dbWeight.read.toBigInt();
  const used = reported - baseExtrinsic;
  const declared = quote.weight.refTime.toBigInt() - baseExtrinsic;
  assert.ok(used >= read, `the refused close reports ${used}, less than one read`);
  assert.ok(used * 10n < declared, `the refused close reports ${used} of the declared ${declared}`);
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
  assert.equal((await reputationAt(api, at, dc, dave.address)).reputation, 80n);
});

test('vesting: Dave\'s 80 pending reputation fail with ReputationNotVested, and evaluate with weight 80 and stake 8 once vested', async () => {
  const { api } = chain;
  const accounts = keyring();
  const dc = need('dc', 'step 1');
  const vestsAt = need('daveVestsAt', 'step 4');
  const earnedVestsAt = need('earnedVestsAt', 'step 8');

  // c2 accepts evaluations up to its submission block + 10: it must come at vestsAt − 10 or
  // later for the retry at vestsAt to be in time, and early enough for the refusals to come
  // before vestsAt.
  let best = (await api.rpc.chain.getHeader()).number.toNumber();
  if (best + 1 < vestsAt - EVALUATION_PERIOD) {
    await createBlocks(api, vestsAt - EVALUATION_PERIOD - 1 - best);
  }
  const contributed = await submit(
    api,
    api.tx.proofOfValue.contribute(dc, blake2AsHex('Makers: c2, a tool rack', 256), 'ipfs://makers/c2', [[accounts.eve.address, FULL_SHARE]]),
    accounts.eve,
  );
  assert.equal(contributed.dispatchError, null);
  const c2 = onlyEvent(contributed, api.events.proofOfValue.Contributed, 'ProofOfValue.Contributed').data.contribution.toBigInt();
  const submitted = contributed.blockNumber;
  assert.ok(submitted >= vestsAt - EVALUATION_PERIOD, `c2 came at block ${submitted}, its period ends before ${vestsAt}`);
  assert.ok(submitted + 2 < vestsAt, `c2 came at block ${submitted}, too late to evaluate before ${vestsAt}`);
  const c2Record = await contributionAt(api, contributed.blockHash, c2);
  assert.equal(c2Record.totalAtSubmission.toBigInt(), 1079n);
  assert.equal(c2Record.need.toBigInt(), 540n, 'need = ⌈50% · 1079⌉');
  state.c2 = c2;
  state.c2Submitted = submitted;

  // Ferdie has nothing at all in the DC.
  const nothing = await submit(api, api.tx.proofOfValue.evaluate(c2, 3), accounts.ferdie);
  assert.equal(nothing.dispatchError, 'Module.ProofOfValue.NoReputation');

  // Dave has only pending reputation: refused, and nothing changes.
  const early = await submit(api, api.tx.proofOfValue.evaluate(c2, 3), accounts.dave);
  assert.ok(early.blockNumber < vestsAt, `the refusal was meant to come before block ${vestsAt}`);
  assert.equal(early.dispatchError, 'Module.ProofOfValue.ReputationNotVested');
  assertNoEvent(early, api.events.proofOfValue.Evaluated, 'ProofOfValue.Evaluated');
  const earlyParent = await parentOf(api, early.blockHash);
  assert.deepEqual(await reputationAt(api, early.blockHash, dc, accounts.dave.address), standing(0n, 0n, [[80n, vestsAt]]));
  assert.deepEqual(await reputationViewAt(api, early.blockHash, dc, accounts.dave.address), standing(0n, 0n, [[80n, vestsAt]]));
  assert.deepEqual(await ledgerAt(api, early.blockHash, dc), await ledgerAt(api, earlyParent, dc));
  assert.equal((await contributionAt(api, early.blockHash, c2)).toHex(), (await contributionAt(api, earlyParent, c2)).toHex());

  // The retry is the extrinsic of block vestsAt: the 80 have vested by then, lazily.
  best = (await api.rpc.chain.getHeader()).number.toNumber();
  await createBlocks(api, vestsAt - 1 - best);
  assert.equal((await api.rpc.chain.getHeader()).number.toNumber(), vestsAt - 1);
  const before = await api.rpc.chain.getHeader();
  assert.deepEqual(await reputationAt(api, before.hash, dc, accounts.dave.address), standing(0n, 0n, [[80n, vestsAt]]));

  const result = await submit(api, api.tx.proofOfValue.evaluate(c2, 3), accounts.dave);
  assert.equal(result.blockNumber, vestsAt);
  assert.ok(result.blockNumber <= submitted + EVALUATION_PERIOD, 'c2 still accepts evaluations');
  assert.equal(result.dispatchError, null);
  assert.deepEqual(evaluatedData(onlyEvent(result, api.events.proofOfValue.Evaluated, 'ProofOfValue.Evaluated')), {
    contribution: c2,
    evaluator: accounts.dave.address,
    score: 3,
    weight: 80n,
    stake: 8n,
  });
  assertNoEvent(result, api.events.proofOfValue.RewardIssued, 'ProofOfValue.RewardIssued');
  assert.deepEqual(await reputationAt(api, result.blockHash, dc, accounts.dave.address), standing(72n, 8n));
  // Stored, the 80 have now moved into the vested part.
  const stored = await api.query.reputation.reputationOf.at(result.blockHash, dc, accounts.dave.address);
  assert.deepEqual(
    { vested: stored.vested.toBigInt(), escrowed: stored.escrowed.toBigInt(), pending: stored.pending.map((p) => p.amount.toBigInt()) },
    { vested: 72n, escrowed: 8n, pending: [0n, 0n] },
  );

  // Pending reputation gives no weight: alice's 24 earned on c1 are not vested yet.
  const alice = await submit(api, api.tx.proofOfValue.evaluate(c2, 3), accounts.alice);
  assert.ok(alice.blockNumber < earnedVestsAt, `alice's earnings vested at block ${earnedVestsAt} already`);
  assert.equal(alice.dispatchError, null);
  assert.deepEqual(evaluatedData(onlyEvent(alice, api.events.proofOfValue.Evaluated, 'ProofOfValue.Evaluated')), {
    contribution: c2,
    evaluator: accounts.alice.address,
    score: 3,
    weight: 400n,
    stake: 40n,
  });
  assert.deepEqual(await reputationAt(api, alice.blockHash, dc, accounts.alice.address), standing(360n, 40n, [[24n, earnedVestsAt]]));
  // D = 80 + 400: ⌊40·80/480⌋ = 6 to Dave's bucket, 34 to the pot, after Dave's 8. Above(3) =
  // 480 < 540: no median yet.
  const c2After = await contributionAt(api, alice.blockHash, c2);
  assert.deepEqual(summary(c2After), { escrow: 48n, pot: 42n, paid: 0, evaluations: 2, open: true });
  assert.deepEqual(await ledgerAt(api, alice.blockHash, dc), { total: 1079n, initial: 1000n, issued: 80n, burned: 1n, escrowed: 48n, staked: 48n });
});

test('vesting: on_idle closes the expired c2 without consensus, and by the epoch after next every reward has vested', async () => {
  const { api } = chain;
  const accounts = keyring();
  const dc = need('dc', 'step 1');
  const c2 = need('c2', 'the first vesting test');
  const submitted = need('c2Submitted', 'the first vesting test');
  const daveVestsAt = need('daveVestsAt', 'step 4');
  const earnedVestsAt = need('earnedVestsAt', 'step 8');

  // Nobody closes c2: the automatic closing does, in the first block after its period.
  const closingBlock = submitted + EVALUATION_PERIOD + 1;
  const target = Math.max(closingBlock, earnedVestsAt, daveVestsAt);
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  assert.ok(best < closingBlock, `the chain is already at block ${best}`);
  await createBlocks(api, target - best);

  const closingHash = await api.rpc.chain.getBlockHash(closingBlock);
  const beforeClosing = await parentOf(api, closingHash);
  assert.equal((await contributionAt(api, beforeClosing, c2)).status.isOpen, true, 'c2 closed early');
  const closed = await blockEventsOf(api, closingHash, api.events.proofOfValue.Closed);
  assert.equal(closed.length, 1, `no Closed event in block ${closingBlock}`);
  assert.equal(closed[0].phase.isFinalization, true, 'the closing runs in on_idle, after the extrinsics');
  assert.equal(closed[0].event.data.contribution.toBigInt(), c2);
  assert.equal(closed[0].event.data.median.isNone, true, 'no consensus');
  assert.equal(closed[0].event.data.burned.toBigInt(), 0n);
  // Without consensus every stake comes back, vested; nobody earns or loses anything.
  const settled = (await blockEventsOf(api, closingHash, api.events.proofOfValue.EvaluationSettled)).map(({ event }) => settledData(event));
  assert.deepEqual(
    settled.sort(byEvaluator),
    [
      { contribution: c2, evaluator: accounts.dave.address, accrued: 0n, potShare: 0n, returned: 8n, earned: 0n },
      { contribution: c2, evaluator: accounts.alice.address, accrued: 0n, potShare: 0n, returned: 40n, earned: 0n },
    ].sort(byEvaluator),
  );
  assert.equal((await blockEventsOf(api, closingHash, api.events.proofOfValue.EarningsPaid)).length, 0);
  const c2Closed = await contributionAt(api, closingHash, c2);
  assert.equal(c2Closed.status.isClosed, true);
  assert.equal(c2Closed.status.asClosed.median.isNone, true);

  // By now everything earned in the example has vested: the example's final reputation, all
  // of it vested.
  const head = await api.rpc.chain.getHeader();
  assert.ok(head.number.toNumber() >= Math.max(daveVestsAt, earnedVestsAt));
  assert.deepEqual(await standingsAt(api, head.hash, dc, accounts), {
    alice: standing(424n),
    bob: standing(305n),
    charlie: standing(270n),
    dave: standing(80n),
  });
  for (const name of NAMES) {
    assert.deepEqual(
      await reputationViewAt(api, head.hash, dc, accounts[name].address),
      await reputationAt(api, head.hash, dc, accounts[name].address),
      `the view function and the stored standing disagree for ${name}`,
    );
  }
  assert.deepEqual(await ledgerAt(api, head.hash, dc), { total: 1079n, initial: 1000n, issued: 80n, burned: 1n, escrowed: 0n, staked: 0n });
  assert.equal((await api.query.proofOfValue.expiryCursor.at(head.hash)).isNone, true);
});
