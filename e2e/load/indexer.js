// The indexer's catch-up benchmark: a chain at the simulator's `large-community` scale (200
// members, 50 contributions in batches of ten, 7,500 evaluations, each batch closed by on_idle
// when its period of 50 blocks is over, then a price cap, 20 purchases, revenue and 20
// redemptions) on a node sealing a block every 100 ms, as dense as blocks allow, then a fresh index of it from genesis. Prints the chain's size and how fast the
// processor caught up, in blocks and events per second, from its own first log line to the
// moment it reached the head (PostgreSQL's start and the migrations come before and are printed
// apart).
//
//   node e2e/load/indexer.js            (scripts/indexer-bench.sh builds everything first)

import { performance } from 'node:perf_hooks';

import { describeDispatchError, keyring, submit } from '../lib/chain.js';
import { startTestIndexer } from '../lib/indexer.js';
import { sleep, startNode } from '../lib/node.js';
import { random } from '../lib/scenario.js';

const AGENTS = 200;
const CONTRIBUTIONS = Number(process.env.CONTRIBUTIONS ?? 50);
const EVALUATORS_PER_CONTRIBUTION = 150; // 7,500 evaluations
const PERIOD = 50; // blocks, as in the simulator's generated communities: each batch closes before the next
const log = (message) => console.error(`[indexer-bench] ${message}`);

async function ok(api, tx, signer, what) {
  const result = await submit(api, tx, signer, { timeoutMs: 180_000 });
  if (result.dispatchError) throw new Error(`${what} failed: ${result.dispatchError}`);
  return result;
}

/** Sends signed transactions (immortal: a burst outlives a mortal era at 100 ms blocks) without
 * waiting, then waits until every sender's nonce shows all of its transactions in blocks. The
 * pool may drop a transaction of a burst without a word (a later nonce that arrived first and
 * waited in the future queue, say); a sender whose nonce stands still for 10 s gets its missing
 * transactions sent again, as a wallet would. */
async function sendAndDrain(api, txs) {
  const send = (tx) =>
    api.rpc.author.submitExtrinsic(tx).catch((error) => {
      // Already in the pool, or in a block meanwhile: nothing to do.
      if (!/already imported|Priority is too low|Transaction is outdated|1013|1014/i.test(String(error?.message ?? error))) {
        log(`resending ${tx.hash.toHex()} failed: ${error?.message ?? error}`);
      }
    });
  for (let i = 0; i < txs.length; i += 250) {
    await Promise.all(txs.slice(i, i + 250).map((tx) => api.rpc.author.submitExtrinsic(tx)));
  }
  const bySender = new Map();
  for (const tx of txs) {
    const who = tx.signer.toString();
    if (!bySender.has(who)) bySender.set(who, []);
    bySender.get(who).push(tx);
  }
  const deadline = Date.now() + 300_000;
  for (const [who, mine] of bySender) {
    const expected = Math.max(...mine.map((tx) => tx.nonce.toNumber() + 1));
    let last = -1;
    let since = Date.now();
    for (;;) {
      const nonce = (await api.query.system.account(who)).nonce.toNumber();
      if (nonce >= expected) break;
      if (Date.now() > deadline) throw new Error(`the transactions of ${who} were not all included within 5 minutes`);
      if (nonce !== last) {
        [last, since] = [nonce, Date.now()];
      } else if (Date.now() - since > 10_000) {
        log(`${who}: nonce ${nonce} of ${expected} for 10 s; sending its missing transactions again`);
        for (const tx of mine.filter((t) => t.nonce.toNumber() >= nonce)) await send(tx);
        since = Date.now();
      }
      await sleep(200);
    }
  }
}

/** Waits until block `after` is past and no contribution is open or closing. */
async function waitForClosing(api, after) {
  for (;;) {
    const now = (await api.rpc.chain.getHeader()).number.toNumber();
    const open = (await api.query.proofOfValue.contributions.entries()).filter(([, c]) => !c.unwrap().status.isClosed);
    if (now > after && open.length === 0) return;
    await sleep(500);
  }
}

async function main() {
  const node = await startNode({
    label: 'indexer-bench',
    sealing: '100',
    // A pool that holds a whole burst, and no ban: a transaction the pool drops is sent again
    // byte for byte (see `sendAndDrain`), which a ban of its hash would refuse for 30 minutes.
    extraArgs: ['--state-pruning', 'archive', '--blocks-pruning', 'archive', '--pool-limit', '32768', '--tx-ban-seconds', '0'],
  });
  const { api } = node;
  try {
    const rng = random(1);
    const { alice, keyring: ring } = keyring();
    const agents = Array.from({ length: AGENTS }, (_, i) => ring.addFromUri(`//bench-agent-${i}`));
    log(`funding ${AGENTS} agents and creating the DC`);
    await ok(api, api.tx.utility.batchAll(agents.map((a) => api.tx.balances.transferKeepAlive(a.address, 10n ** 14n))), alice, 'funding');
    const dc = (await api.query.cooperatives.nextCooperativeId()).toNumber();
    const parameters = {
      minScore: 0,
      maxScore: 10,
      quorum: 500_000_000,
      stake: 50_000_000,
      alignmentRadius: 1,
      tokenPerPoint: 10,
      reputationPerPoint: 10,
      evaluationPeriod: PERIOD,
    };
    const members = agents.map((a) => [a.address, rng.int(100, 999)]);
    await ok(api, api.tx.cooperatives.createDc('Large community', 'Community token', 'LRG', 0, parameters, PERIOD, members), alice, 'createDc');

    const nonces = new Map();
    const nonceOf = async (pair) => {
      if (!nonces.has(pair.address)) nonces.set(pair.address, (await api.rpc.system.accountNextIndex(pair.address)).toNumber());
      const n = nonces.get(pair.address);
      nonces.set(pair.address, n + 1);
      return n;
    };
    for (let batch = 0; batch < CONTRIBUTIONS / 10; batch++) {
      const first = (await api.query.proofOfValue.nextContributionId()).toNumber();
      const contribute = [];
      for (let k = 0; k < 10; k++) {
        const maker = agents[rng.int(0, AGENTS - 1)];
        contribute.push(api.tx.proofOfValue.contribute(dc, '0x' + (batch * 10 + k + 1).toString(16).padStart(64, '0'), `ipfs://large/${batch}/${k}`, [[maker.address, 1_000_000]]));
      }
      const submitted = await ok(api, api.tx.utility.batchAll(contribute), alice, 'contributions');
      // Each evaluator's evaluations of the batch go in forceBatch transactions of five.
      const mine = new Map();
      for (let k = 0; k < 10; k++) {
        const quality = rng.int(2, 9);
        for (const evaluator of rng.sample(agents, EVALUATORS_PER_CONTRIBUTION)) {
          const score = Math.max(0, Math.min(10, quality + rng.int(-1, 1)));
          if (!mine.has(evaluator)) mine.set(evaluator, []);
          mine.get(evaluator).push(api.tx.proofOfValue.evaluate(first + k, score));
        }
      }
      const txs = [];
      for (const [evaluator, calls] of mine) {
        for (let i = 0; i < calls.length; i += 5) {
          txs.push(await api.tx.utility.forceBatch(calls.slice(i, i + 5)).signAsync(evaluator, { nonce: await nonceOf(evaluator), era: 0 }));
        }
      }
      const t0 = performance.now();
      await sendAndDrain(api, txs);
      // The period passes and on_idle closes the batch, as the simulator's `advance` and `close`.
      await waitForClosing(api, submitted.blockNumber + PERIOD);
      log(`batch ${batch + 1}: 10 contributions, ${EVALUATORS_PER_CONTRIBUTION * 10} evaluations in ${txs.length} transactions, included in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    log('the reserve: a price cap, 20 purchases, revenue, 20 redemptions');
    await ok(api, api.tx.reserve.setPriceCap(dc, 10n ** 18n, 'Native'), alice, 'setPriceCap');
    const buyers = rng.sample(agents, 20);
    await sendAndDrain(api, await Promise.all(buyers.map(async (b) => api.tx.reserve.buy(dc, rng.int(10, 100), 10n ** 30n).signAsync(b, { nonce: await nonceOf(b), era: 0 }))));
    await ok(api, api.tx.reserve.depositRevenue(dc, 10n ** 6n), alice, 'depositRevenue');
    await sendAndDrain(api, await Promise.all(buyers.map(async (b) => api.tx.reserve.redeem(dc, rng.int(1, 10), 0).signAsync(b, { nonce: await nonceOf(b), era: 0 }))));
    await sleep(1_000);

    const head = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
    let events = 0;
    let evaluations = 0;
    const failures = {};
    for (let n = 0; n <= head; n++) {
      const records = await api.query.system.events.at(await api.rpc.chain.getBlockHash(n));
      events += records.length;
      evaluations += records.filter((r) => api.events.proofOfValue.Evaluated.is(r.event)).length;
      for (const r of records.filter((r) => api.events.system.ExtrinsicFailed.is(r.event))) {
        const why = describeDispatchError(api, r.event.data.dispatchError);
        failures[why] = (failures[why] ?? 0) + 1;
      }
    }
    log(`the chain: ${head + 1} blocks, ${events} events, ${evaluations} evaluations, failed: ${JSON.stringify(failures)}; indexing it from genesis`);

    if (process.env.BENCH_KEEP_NODE) {
      log(`keeping the node on ${node.wsUrl} (Ctrl-C stops it)`);
      await new Promise(() => {});
    }
    const t0 = performance.now();
    const indexer = await startTestIndexer(node.wsUrl);
    const tReady = performance.now();
    try {
      await indexer.waitForHeight(head, 600_000);
      const tDone = Date.now();
      const first = indexer
        .processorOutput()
        .split('\n')
        .map((line) => {
          try {
            return JSON.parse(line);
          } catch {
            return null;
          }
        })
        .find((entry) => entry?.time);
      const seconds = (tDone - first.time) / 1000;
      const report = {
        blocks: head + 1,
        events,
        evaluations,
        startSeconds: Number(((tReady - t0) / 1000).toFixed(1)),
        catchUpSeconds: Number(seconds.toFixed(2)),
        blocksPerSecond: Math.round((head + 1) / seconds),
        eventsPerSecond: Math.round(events / seconds),
      };
      console.log(JSON.stringify(report, null, 2));
      log(`the processor's own progress lines:\n${indexer.processorOutput().split('\n').filter((l) => l.includes('rate')).join('\n')}`);
    } finally {
      await indexer.stop();
    }
  } finally {
    await node.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
