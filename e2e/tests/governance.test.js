// A DC governs itself on a real node (§10): Alice creates the "Commons" DC (alice 400, bob 300,
// charlie 300) and hands the admin role to the DC's own agent account; from then on she can't
// change anything alone. Dave proposes new parameters; alice and bob (700 of 1000, more than the
// 501 a proposal needs) approve, charlie rejects: at close the call is enacted as the agent
// account and the stakes settle as in the worked example. A second proposal, under the new
// quorum of 60%, has only alice's 400 behind it (600 needed): it is rejected and every stake
// comes back.
//
// The node seals one block per transaction (`--sealing instant`).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createBlocks, keyring, startNodeOnce, submit } from '../lib/node.js';
import { eventsOf, ledgerAt, onlyEvent, reputationAt } from '../lib/queries.js';

const EVALUATION_PERIOD = 10;
const PARAMETERS = {
  minScore: 0,
  maxScore: 5,
  quorum: 500_000_000,
  stake: 100_000_000,
  alignmentRadius: 0,
  tokenPerPoint: 10,
  reputationPerPoint: 20,
  evaluationPeriod: EVALUATION_PERIOD,
};
const NEW_PARAMETERS = { ...PARAMETERS, quorum: 600_000_000, maxScore: 10 };

const chain = startNodeOnce();
const state = { dc: undefined, agent: undefined, p1: undefined, p2: undefined };

function need(name, step) {
  assert.notEqual(state[name], undefined, `${name} is unknown: ${step} did not complete`);
  return state[name];
}

function plainParameters(p) {
  return {
    minScore: p.minScore.toNumber(),
    maxScore: p.maxScore.toNumber(),
    quorum: p.quorum.toNumber(),
    stake: p.stake.toNumber(),
    alignmentRadius: p.alignmentRadius.toNumber(),
    tokenPerPoint: p.tokenPerPoint.toNumber(),
    reputationPerPoint: p.reputationPerPoint.toNumber(),
    evaluationPeriod: p.evaluationPeriod.toNumber(),
  };
}

async function propose(api, dc, call, proposer) {
  const result = await submit(api, api.tx.proofOfValue.propose(dc, call), proposer);
  assert.equal(result.dispatchError, null);
  const proposed = onlyEvent(result, api.events.proofOfValue.Proposed, 'ProofOfValue.Proposed');
  assert.equal(proposed.data.dc.toNumber(), dc);
  assert.equal(proposed.data.proposer.toString(), proposer.address);
  return { id: proposed.data.proposal.toNumber(), result, submitted: result.blockNumber };
}

/**
 * Closes `id`, submitted in block `submitted`, in the first block that may close it (one call:
 * three evaluations fit a step), before the automatic closing at the end of that block would;
 * returns the close's result.
 */
async function closeWhenDue(api, id, submitted, closer) {
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  await createBlocks(api, submitted + EVALUATION_PERIOD - head);
  const result = await submit(api, api.tx.proofOfValue.close(id), closer);
  assert.equal(result.dispatchError, null);
  onlyEvent(result, api.events.proofOfValue.Closed, 'ProofOfValue.Closed');
  return result;
}

test('Alice creates the Commons DC and hands the admin role to its agent account', async () => {
  const { api } = chain;
  const { alice, bob, charlie } = keyring();
  const created = await submit(
    api,
    api.tx.cooperatives.createDc('Commons', 'Commons token', 'CMN', 0, PARAMETERS, 10, [
      [alice.address, 400],
      [bob.address, 300],
      [charlie.address, 300],
    ]),
    alice,
  );
  assert.equal(created.dispatchError, null);
  const event = onlyEvent(created, api.events.cooperatives.CooperativeCreated, 'CooperativeCreated');
  state.dc = event.data.dc.toNumber();
  state.agent = event.data.agent.toString();

  const handed = await submit(api, api.tx.cooperatives.transferAdmin(state.dc, state.agent), alice);
  assert.equal(handed.dispatchError, null);
  const transferred = onlyEvent(handed, api.events.cooperatives.AdminTransferred, 'AdminTransferred');
  assert.equal(transferred.data.to.toString(), state.agent);
  const dc = (await api.query.cooperatives.cooperatives.at(handed.blockHash, state.dc)).unwrap();
  assert.equal(dc.admin.toString(), state.agent);
});

test('the former admin can change nothing alone', async () => {
  const { api } = chain;
  const { alice } = keyring();
  const dc = need('dc', 'the creation');
  const refusals = [
    api.tx.cooperatives.setParameters(dc, NEW_PARAMETERS),
    api.tx.cooperatives.transferAdmin(dc, alice.address),
    api.tx.cooperatives.dispatchAsAgent(dc, api.tx.system.remark('0x00')),
    api.tx.reserve.setPriceCap(dc, 2n * 10n ** 18n, 'Native'),
  ];
  for (const tx of refusals) {
    const result = await submit(api, tx, alice);
    const expected = tx.method.section === 'reserve' ? 'Module.Reserve.NotAdmin' : 'Module.Cooperatives.NotAdmin';
    assert.equal(result.dispatchError, expected, `${tx.method.section}.${tx.method.method}`);
  }
  const stored = (await api.query.cooperatives.cooperatives(dc)).unwrap();
  assert.deepEqual(plainParameters(stored.parameters), PARAMETERS);
});

test('a proposal approved by more than the quorum is enacted as the agent account', async () => {
  const { api } = chain;
  const { alice, bob, charlie, dave, eve } = keyring();
  const dc = need('dc', 'the creation');
  const { id, result, submitted } = await propose(api, dc, api.tx.cooperatives.setParameters(dc, NEW_PARAMETERS), dave);
  state.p1 = id;
  const stored = (await api.query.proofOfValue.contributions.at(result.blockHash, id)).unwrap();
  assert.equal(stored.kind.toString(), 'Proposal');
  assert.equal(stored.totalAtSubmission.toBigInt(), 1000n);
  assert.equal(stored.need.toBigInt(), 501n, 'a strict majority of 1000');
  assert.equal(stored.parameters.maxScore.toNumber(), 1);

  for (const [who, score] of [[alice, 1], [bob, 1], [charlie, 0]]) {
    const evaluated = await submit(api, api.tx.proofOfValue.evaluate(id, score), who);
    assert.equal(evaluated.dispatchError, null);
  }
  const closed = await closeWhenDue(api, id, submitted, eve);
  const enacted = onlyEvent(closed, api.events.proofOfValue.ProposalEnacted, 'ProposalEnacted');
  assert.ok(enacted.data.result.isOk, `the call failed: ${enacted.data.result.toString()}`);
  const set = onlyEvent(closed, api.events.cooperatives.ParametersSet, 'ParametersSet');
  assert.equal(set.data.dc.toNumber(), dc);
  assert.ok(
    closed.events.indexOf(set) < closed.events.indexOf(enacted),
    'the call runs inside the close, before ProposalEnacted',
  );

  const at = closed.blockHash;
  const cooperative = (await api.query.cooperatives.cooperatives.at(at, dc)).unwrap();
  assert.deepEqual(plainParameters(cooperative.parameters), NEW_PARAMETERS);
  const proposal = (await api.query.proofOfValue.proposals.at(at, id)).unwrap();
  assert.equal(proposal.outcome.toString(), 'Enacted');
  // The §9 settlement on the scale 0..=1: alice +24 pending, bob +5, charlie −30, 1 burned; the
  // proposer earns nothing and nothing is issued.
  const reputation = async (pair) => (await reputationAt(api, at, dc, pair.address)).reputation;
  assert.deepEqual(
    [await reputation(alice), await reputation(bob), await reputation(charlie), await reputation(dave)],
    [424n, 305n, 270n, 0n],
  );
  const ledger = await ledgerAt(api, at, dc);
  assert.equal(ledger.total, 999n);
  assert.equal(ledger.issued, 0n);
  assert.equal((await api.query.assets.asset.at(at, dc)).unwrap().supply.toBigInt(), 0n);
});

test('a proposal below the quorum is rejected and every stake returned', async () => {
  const { api } = chain;
  const { alice, dave, eve } = keyring();
  const dc = need('dc', 'the creation');
  need('p1', 'the first proposal');
  const { id, result, submitted } = await propose(api, dc, api.tx.cooperatives.transferAdmin(dc, dave.address), dave);
  state.p2 = id;
  const stored = (await api.query.proofOfValue.contributions.at(result.blockHash, id)).unwrap();
  // R₀ = 999 under the enacted quorum of 60%: ⌈599.4⌉ = 600.
  assert.equal(stored.need.toBigInt(), 600n);
  const before = await reputationAt(api, result.blockHash, dc, alice.address);
  const burnedBefore = (await ledgerAt(api, result.blockHash, dc)).burned;

  const evaluated = await submit(api, api.tx.proofOfValue.evaluate(id, 1), alice);
  assert.equal(evaluated.dispatchError, null);
  const staked = await reputationAt(api, evaluated.blockHash, dc, alice.address);
  assert.equal(staked.vested, before.vested - 40n, 'alice staked 10% of 400');

  const closed = await closeWhenDue(api, id, submitted, eve);
  const rejected = onlyEvent(closed, api.events.proofOfValue.ProposalRejected, 'ProposalRejected');
  assert.ok(rejected.data.median.isNone, 'no consensus');
  assert.equal(eventsOf(closed, api.events.proofOfValue.ProposalEnacted).length, 0);
  assert.equal(eventsOf(closed, api.events.cooperatives.AdminTransferred).length, 0);
  const at = closed.blockHash;
  const after = await reputationAt(api, at, dc, alice.address);
  // What was pending at submission may have vested since; the total is what it was.
  assert.equal(after.escrowed, 0n);
  assert.equal(after.reputation, before.reputation, 'the stake came back whole');
  assert.equal(after.vested + after.pending.reduce((sum, p) => sum + p.amount, 0n), before.reputation);
  assert.equal((await ledgerAt(api, at, dc)).burned, burnedBefore);
  assert.equal((await api.query.proofOfValue.proposals.at(at, id)).unwrap().outcome.toString(), 'Rejected');
  assert.equal((await api.query.cooperatives.cooperatives.at(at, dc)).unwrap().admin.toString(), need('agent', 'the creation'));
});
