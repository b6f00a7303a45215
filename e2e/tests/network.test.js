// A network launched from a network file, and the faults it must survive. Four validators of a
// network made by `scripts/local-network.sh generate` (fresh keys, a network file, its chain
// spec) run as real processes with Aura's 6 s slots and GRANDPA, and sessions of 5 blocks.
// One validator is killed and comes back; a node killed in the middle of a stream of
// transactions restarts without losing a finalized block or state; a new full node joins by
// warp sync; a fifth validator is added by a passed proposal of the founding DC and authors
// blocks; and every node stops cleanly on SIGTERM.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Keyring } from '@polkadot/keyring';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsHex, decodeAddress, mnemonicGenerate } from '@polkadot/util-crypto';

import { generateNetwork, waitFor } from '../lib/network.js';
import { submit } from '../lib/node.js';
import { onlyEvent } from '../lib/queries.js';

const SESSION_LENGTH = 5;
const BLOCK_MS = 6_000;
const FOUNDERS = 0;
const TOKEN = 10n ** 12n;

let network;
let members; // sr25519 pairs of the founding DC's members (the four validators' accounts)
let keyring;

before(
  async () => {
    network = await generateNetwork({ validators: 4, sessionLength: SESSION_LENGTH });
    await Promise.all(network.nodes.map((node) => node.start()));
    keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    members = network.members.map((m) => keyring.addFromUri(m.phrase));
    // Blocks are authored and finalized by all four.
    await waitFor('the first finalized blocks', async () => (await network.nodes[0].heights()).finalized >= 2, 90_000);
  },
  { timeout: 180_000 },
);

after(async () => {
  await network?.stopAll();
}, { timeout: 120_000 });

/** The best and finalized heights of `node` once its finalized head passed `height`. */
function finalizedPast(node, height, ms = 20 * BLOCK_MS) {
  return waitFor(`${node.name} finalizing past #${height}`, async () => {
    const h = await node.heights();
    return h.finalized > height ? h : null;
  }, ms);
}

test('the network starts from its file: live, no sudo key, the founding DC in its genesis', async () => {
  const api = await network.nodes[0].connect();
  assert.equal((await api.rpc.system.chainType()).toString(), 'Live');
  assert.equal((await api.rpc.system.chain()).toString(), 'Covalue Local Network');
  assert.ok((await api.query.sudo.key()).isNone);
  assert.equal((await api.query.foundingCooperative.foundingCooperative()).unwrap().toNumber(), FOUNDERS);
  const genesis = await api.rpc.chain.getBlockHash(0);
  const founders = (await api.query.cooperatives.cooperatives.at(genesis, FOUNDERS)).unwrap();
  assert.equal(founders.name.toUtf8(), 'Local Founders');
  assert.equal(founders.admin.toString(), founders.agent.toString(), 'the founding DC governs itself');
  for (const member of members) {
    const standing = await api.query.reputation.reputationOf.at(genesis, FOUNDERS, member.address);
    assert.equal(standing.vested.toBigInt(), 100n, member.address);
  }
  const validators = (await api.query.session.validators()).map(String);
  assert.deepEqual(validators, members.map((m) => m.address));
  assert.equal((await api.query.validatorSet.sessionLength()).toNumber(), SESSION_LENGTH);
  assert.equal((await api.query.aura.authorities()).length, 4);
  assert.equal((await api.query.grandpa.authorities()).length, 4);
  // Every node serves Prometheus metrics on its own port.
  for (const node of network.nodes) {
    const metrics = await (await fetch(`http://127.0.0.1:${node.prometheusPort}/metrics`)).text();
    const finalized = metrics.match(/^substrate_block_height\{[^}]*status="finalized"[^}]*\} (\d+)$/m);
    assert.ok(finalized && Number(finalized[1]) >= 1, `${node.name}: no finalized height in its metrics`);
  }
});

test('a validator killed with SIGKILL: blocks and finality go on, and it catches up when back', async () => {
  const [first, , , fourth] = network.nodes;
  await fourth.kill();
  const atKill = await first.heights();
  // Three of four validators are more than two thirds: GRANDPA still finalizes.
  const later = await finalizedPast(first, atKill.finalized + 3);
  assert.ok(later.best > atKill.best);
  await fourth.start();
  const target = await first.heights();
  const caughtUp = await finalizedPast(fourth, target.finalized);
  const hash = await first.rpc('chain_getBlockHash', [caughtUp.finalized]);
  assert.equal(caughtUp.finalizedHash, hash, 'it follows the same finalized chain');
});

test('a node killed mid-stream restarts on its base path with every finalized block and its state', async () => {
  const node = network.nodes[1];
  const api = await node.connect();
  const [alice, bob, carol] = members;
  // State worth keeping: a contribution to the founding DC, an evaluation and a transfer.
  const contributed = await submit(
    api,
    api.tx.proofOfValue.contribute(FOUNDERS, blake2AsHex('the network guide', 256), 'ipfs://guide', [[carol.address, 1_000_000]]),
    carol,
  );
  assert.equal(contributed.dispatchError, null);
  const id = onlyEvent(contributed, api.events.proofOfValue.Contributed, 'Contributed').data.contribution.toNumber();
  const evaluated = await submit(api, api.tx.proofOfValue.evaluate(id, 7), bob);
  assert.equal(evaluated.dispatchError, null);
  const paid = await submit(api, api.tx.balances.transferKeepAlive(carol.address, 5n * TOKEN), alice);
  assert.equal(paid.dispatchError, null);

  const before = await node.heights();
  const snapshot = async (api, at) => ({
    accounts: await Promise.all(members.map(async (m) => (await api.query.system.account.at(at, m.address)).toJSON())),
    reputation: await Promise.all(members.map(async (m) => (await api.query.reputation.reputationOf.at(at, FOUNDERS, m.address)).toJSON())),
    contribution: (await api.query.proofOfValue.contributions.at(at, id)).toJSON(),
    evaluation: (await api.query.proofOfValue.evaluations.at(at, id, bob.address)).toJSON(),
  });
  // The state of two finalized blocks: the one with the evaluation (the contribution still
  // open), and the finalized head when the node dies (by then it may have closed).
  const kept = { evaluated: await snapshot(api, evaluated.blockHash), head: await snapshot(api, before.finalizedHash) };
  assert.ok(kept.evaluated.contribution !== null && kept.evaluated.evaluation !== null);

  // A stream of transfers into this node; it dies while they are being imported.
  let nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  for (let i = 0; i < 20; i++) {
    api.tx.balances.transferKeepAlive(members[3].address, TOKEN).signAndSend(alice, { nonce: nonce++ }).catch(() => {});
  }
  await waitFor('a block with the stream', async () => (await node.heights()).best > before.best, 4 * BLOCK_MS, 200);
  await node.kill();

  await node.start();
  const restarted = await node.heights();
  assert.ok(restarted.finalized >= before.finalized, `finalized #${restarted.finalized} < #${before.finalized}`);
  assert.equal(await node.rpc('chain_getBlockHash', [before.finalized]), before.finalizedHash);
  const reopened = await node.connect();
  assert.equal(await node.rpc('chain_getBlockHash', [evaluated.blockNumber]), evaluated.blockHash.toHex());
  assert.deepEqual({ evaluated: await snapshot(reopened, evaluated.blockHash), head: await snapshot(reopened, before.finalizedHash) }, kept);
  // And it goes on with the network.
  await finalizedPast(node, (await network.nodes[0].heights()).finalized);
});

test('a new full node joins the running network by warp sync', async () => {
  const full = await network.addNode({ name: 'full-node', extraArgs: ['--sync', 'warp'] });
  await full.start();
  const target = await network.nodes[0].heights();
  const synced = await finalizedPast(full, target.finalized, 30 * BLOCK_MS);
  assert.equal(synced.finalizedHash, await network.nodes[0].rpc('chain_getBlockHash', [synced.finalized]));
  assert.match(full.log, /Warp sync is complete/);
  assert.match(full.log, /State sync is complete/);
  assert.doesNotMatch(full.log, /Warp sync failed/);
  // It serves the state it synced: a member's balance as the validators see it.
  const api = await full.connect();
  const reference = await network.nodes[0].connect();
  const at = synced.finalizedHash;
  assert.deepEqual(
    (await api.query.system.account.at(at, members[0].address)).toJSON(),
    (await reference.query.system.account.at(at, members[0].address)).toJSON(),
  );
});

/** The account that authored `header`: the Aura authority of its slot. */
async function authorOf(api, header) {
  const preRuntime = header.digest.logs.find((log) => log.isPreRuntime && log.asPreRuntime[0].toString() === 'aura');
  const slot = api.registry.createType('u64', preRuntime.asPreRuntime[1]).toBigInt();
  const authorities = await api.query.aura.authorities.at(header.parentHash);
  return authorities[Number(slot % BigInt(authorities.length))].toHex();
}

test('a fifth validator is added by a passed proposal of the founding DC and authors blocks', async () => {
  const [first] = network.nodes;
  const api = await first.connect();
  const fifth = await network.addNode({ name: 'validator-5', validator: true });
  await fifth.start();
  const operator = keyring.addFromUri(mnemonicGenerate());
  assert.equal((await submit(api, api.tx.balances.transferKeepAlive(operator.address, 100n * TOKEN), members[0])).dispatchError, null);

  // The operator's node makes session keys and proves them for the operator's account.
  const owner = u8aToHex(decodeAddress(operator.address));
  const generated = await fifth.rpc('author_rotateKeysWithOwner', [owner]);
  const setKeys = await submit(api, api.tx.session.setKeys(generated.keys, generated.proof), operator);
  assert.equal(setKeys.dispatchError, null);
  const auraKey = u8aToHex(hexToU8a(generated.keys).slice(0, 32));

  // Without the DC nobody can add it.
  const direct = await submit(api, api.tx.validatorSet.addValidator(operator.address), members[0]);
  assert.equal(direct.dispatchError, 'BadOrigin');

  const call = api.tx.foundingCooperative.dispatchAsRoot(api.tx.validatorSet.addValidator(operator.address));
  const proposed = await submit(api, api.tx.proofOfValue.propose(FOUNDERS, call), members[0]);
  assert.equal(proposed.dispatchError, null);
  const id = onlyEvent(proposed, api.events.proofOfValue.Proposed, 'Proposed').data.proposal.toNumber();
  // 300 of 400 reputation approve: more than half.
  await Promise.all(members.slice(0, 3).map(async (member) => {
    assert.equal((await submit(api, api.tx.proofOfValue.evaluate(id, 1), member)).dispatchError, null);
  }));

  // The chain closes the proposal itself once its period is over, and enacts it.
  const enacted = await waitFor('the proposal enacted', async () => {
    const head = await api.rpc.chain.getFinalizedHead();
    const events = await api.query.system.events.at(head);
    return events.find(({ event }) => api.events.proofOfValue.ProposalEnacted.is(event) && event.data.proposal.toNumber() === id);
  }, 20 * BLOCK_MS);
  assert.ok(enacted.event.data.result.isOk);
  assert.ok((await api.query.validatorSet.validators()).map(String).includes(operator.address));

  // Active from the second session boundary on; then Aura gives it slots.
  await waitFor('the fifth validator in the session', async () => (await api.query.session.validators()).map(String).includes(operator.address), 3 * SESSION_LENGTH * BLOCK_MS);
  assert.equal((await api.query.aura.authorities()).length, 5);
  const authored = await waitFor('a block by the fifth validator', async () => {
    const header = await api.rpc.chain.getHeader();
    return (await authorOf(api, header)) === auraKey ? header : null;
  }, 12 * BLOCK_MS, 2_000);
  assert.ok(authored.number.toNumber() > 0);
  // GRANDPA follows: five voters, and finality goes on past the fifth validator's block.
  await waitFor('five GRANDPA voters', async () => (await api.query.grandpa.authorities()).length === 5, 4 * SESSION_LENGTH * BLOCK_MS);
  await finalizedPast(first, authored.number.toNumber());
});

test('SIGTERM stops every node within its grace period, with no failed task', async () => {
  const stops = [];
  for (const node of network.nodes) {
    const stopped = await node.stop();
    stops.push(`${node.name} ${stopped.milliseconds} ms`);
    assert.equal(stopped.signal, null, `${node.name} had to be killed`);
    assert.equal(stopped.code, 0, `${node.name} exited with ${stopped.code}`);
    assert.doesNotMatch(node.log, /Essential task .* failed/, node.name);
    assert.doesNotMatch(node.log, /Detected running\(potentially stalled\) tasks/, node.name);
  }
  console.log(`stop times: ${stops.join(', ')}`);
});
