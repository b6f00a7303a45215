// Load test: a burst of N evaluations, then a burst of N balance transfers, against a fresh
// development node producing blocks with Aura (one block every 6 s, as on a real network).
// Reports, for each burst, how many transactions each block included and the transactions per
// second, from the blocks' own timestamps.
//
//   node e2e/load/burst.js [N]          (N ≤ 1022; default 1000)
//   scripts/load.sh [N]                 (builds the node and installs the packages first)
//
// Set-up, not measured: N evaluators and N senders get 10 COV each; Alice creates a DC whose
// members are the N evaluators (100 reputation each, scores 0–10, quorum 100%, stake 10%,
// radius 1, an evaluation period and an epoch of 10,000 blocks) and Dave submits one
// contribution. Then the N evaluations of that contribution are
// signed, all sent at once, and counted block by block until all are in; then the same for N
// transfers of 1 COV (`transferKeepAlive`) from the N senders.

import { performance } from 'node:perf_hooks';

import { describeDispatchError, keyring, submit } from '../lib/chain.js';
import { startNode } from '../lib/node.js';

const COV = 10n ** 12n;
const N = Number(process.argv[2] ?? 1000);
if (!Number.isInteger(N) || N < 1 || N > 1022) {
  console.error('usage: node e2e/load/burst.js [N], with 1 ≤ N ≤ 1022 (N members must fit the 1,024 a DC can start with)');
  process.exit(2);
}
const BURST_TIMEOUT_MS = 10 * 60_000;

/** Block number → how long the node took to build it, from its "Prepared block" log lines. */
const proposalMs = new Map();
let nodeLog = () => '';

function collectProposals() {
  for (const match of nodeLog().matchAll(/Prepared block for proposing at (\d+) \((\d+) ms\)/g)) {
    proposalMs.set(Number(match[1]), Number(match[2]));
  }
}

function log(message) {
  console.error(`[load] ${message}`);
}

async function submitOk(api, tx, signer, what) {
  const result = await submit(api, tx, signer, { timeoutMs: 180_000 });
  if (result.dispatchError) {
    throw new Error(`${what} failed: ${result.dispatchError}`);
  }
  return result;
}

/** Sends every signed transaction of `txs` at once, without waiting for inclusion. */
async function sendAll(api, txs) {
  const chunk = 250;
  for (let i = 0; i < txs.length; i += chunk) {
    await Promise.all(txs.slice(i, i + chunk).map((tx) => api.rpc.author.submitExtrinsic(tx)));
  }
}

/**
 * Follows new best blocks from `startNumber` on and counts the extrinsics `isWanted` picks
 * (and how many of them failed) until `expected` are in. Returns one entry per block.
 */
async function countInclusions(api, startNumber, expected, isWanted) {
  const blocks = [];
  let included = 0;
  let next = startNumber;
  const deadline = Date.now() + BURST_TIMEOUT_MS;
  while (included < expected) {
    collectProposals();
    if (Date.now() > deadline) {
      throw new Error(`only ${included} of ${expected} included within ${BURST_TIMEOUT_MS / 1000} s`);
    }
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    if (best < next) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    const hash = await api.rpc.chain.getBlockHash(next);
    const [block, events, now, weight] = await Promise.all([
      api.rpc.chain.getBlock(hash),
      api.query.system.events.at(hash),
      api.query.timestamp.now.at(hash),
      api.query.system.blockWeight.at(hash),
    ]);
    const indices = block.block.extrinsics
      .map((xt, index) => (isWanted(xt) ? index : -1))
      .filter((index) => index >= 0);
    const failed = events.filter(
      ({ phase, event }) =>
        phase.isApplyExtrinsic && indices.includes(phase.asApplyExtrinsic.toNumber()) && api.events.system.ExtrinsicFailed.is(event),
    );
    if (failed.length > 0) {
      const reason = describeDispatchError(api, failed[0].event.data.dispatchError);
      throw new Error(`block #${next}: ${failed.length} of the burst failed, e.g. ${reason}`);
    }
    included += indices.length;
    collectProposals();
    blocks.push({
      number: next,
      timestamp: now.toNumber(),
      included: indices.length,
      normalWeight: weight.normal.refTime.toBigInt(),
    });
    next += 1;
  }
  return blocks;
}

/** Drops the leading blocks that include nothing; the block before the first inclusion is the start. */
function summarize(name, blocks, startTimestamp, expected, maxNormal) {
  const used = blocks.filter((b) => b.included > 0);
  const last = used[used.length - 1];
  const seconds = (last.timestamp - startTimestamp) / 1000;
  const perBlock = used.map((b) => b.included);
  return {
    buildMsPerBlock: used.map((b) => proposalMs.get(b.number) ?? null),
    transactions: expected,
    blocks: used.length,
    includedPerBlock: perBlock,
    fullestBlock: Math.max(...perBlock),
    normalWeightOfFullestBlock: `${((100 * Number(used.find((b) => b.included === Math.max(...perBlock)).normalWeight)) / Number(maxNormal)).toFixed(1)}% of the normal class`,
    seconds,
    transactionsPerSecond: Number((expected / seconds).toFixed(1)),
    name,
  };
}

async function burst(api, name, txs, isWanted, maxNormal) {
  const head = await api.rpc.chain.getHeader();
  const startTimestamp = (await api.query.timestamp.now.at(head.hash)).toNumber();
  const t0 = performance.now();
  await sendAll(api, txs);
  log(`${name}: ${txs.length} sent in ${((performance.now() - t0) / 1000).toFixed(1)} s; counting inclusions`);
  const blocks = await countInclusions(api, head.number.toNumber() + 1, txs.length, isWanted);
  return summarize(name, blocks, startTimestamp, txs.length, maxNormal);
}

async function main() {
  log(`starting a development node (Aura, 6 s blocks); N = ${N}`);
  const node = await startNode({ sealing: 'aura', label: 'load' });
  const { api } = node;
  nodeLog = node.logTail;
  try {
    const { alice, dave, keyring: ring } = keyring();
    const evaluators = Array.from({ length: N }, (_, i) => ring.addFromUri(`//load//evaluator//${i}`));
    const senders = Array.from({ length: N }, (_, i) => ring.addFromUri(`//load//sender//${i}`));

    log('funding the accounts');
    const everyone = [...evaluators, ...senders];
    for (let i = 0; i < everyone.length; i += 500) {
      const transfers = everyone.slice(i, i + 500).map((pair) => api.tx.balances.transferKeepAlive(pair.address, 10n * COV));
      await submitOk(api, api.tx.utility.batchAll(transfers), alice, 'funding');
    }

    log('creating the DC and the contribution');
    // A quorum within 50% … 100%, and an evaluation period no longer than the epoch (nor than
    // the runtime's 100,800 blocks).
    const epochLength = 10_000;
    const parameters = {
      minScore: 0,
      maxScore: 10,
      quorum: 1_000_000_000,
      stake: 100_000_000,
      alignmentRadius: 1,
      tokenPerPoint: 10,
      reputationPerPoint: 10,
      evaluationPeriod: epochLength,
    };
    const members = evaluators.map((pair) => [pair.address, 100]);
    const created = await submitOk(
      api,
      api.tx.cooperatives.createDc('Load', 'Load token', 'LOAD', 0, parameters, epochLength, members),
      alice,
      'createDc',
    );
    const dc = created.events.find((e) => api.events.cooperatives.CooperativeCreated.is(e)).data.dc.toNumber();
    const contributed = await submitOk(
      api,
      api.tx.proofOfValue.contribute(dc, `0x${'11'.repeat(32)}`, 'ipfs://load', [[dave.address, 1_000_000]]),
      dave,
      'contribute',
    );
    const contribution = contributed.events.find((e) => api.events.proofOfValue.Contributed.is(e)).data.contribution;

    const maxNormal = api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
    log('signing the bursts');
    const evaluations = await Promise.all(
      evaluators.map((pair, i) => api.tx.proofOfValue.evaluate(contribution, (i * 7) % 11).signAsync(pair, { nonce: 0 })),
    );
    const transfers = await Promise.all(
      senders.map((pair) => api.tx.balances.transferKeepAlive(alice.address, COV).signAsync(pair, { nonce: 0 })),
    );
    const [evaluateInfo, transferInfo] = await Promise.all([
      api.tx.proofOfValue.evaluate(contribution, 0).paymentInfo(evaluators[0]),
      api.tx.balances.transferKeepAlive(alice.address, COV).paymentInfo(senders[0]),
    ]);

    const isCall = (section, method) => (xt) => xt.method.section === section && xt.method.method === method;
    const evaluationResult = await burst(api, 'evaluations', evaluations, isCall('proofOfValue', 'evaluate'), maxNormal);
    const transferResult = await burst(api, 'transfers', transfers, isCall('balances', 'transferKeepAlive'), maxNormal);

    const report = {
      node: 'covalue-node --dev --sealing aura (6 s blocks)',
      normalClassRefTime: maxNormal.toString(),
      declaredWeight: {
        evaluate: evaluateInfo.weight.refTime.toString(),
        transferKeepAlive: transferInfo.weight.refTime.toString(),
      },
      evaluations: evaluationResult,
      transfers: transferResult,
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await node.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
