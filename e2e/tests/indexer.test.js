// The indexer (indexer/) against fresh archive nodes: the worked example of
// docs/protocol-rules.md §9 read back over GraphQL (each evaluator's payout, the contribution's
// whole story, Dave's record); a large random scenario after which every balance of the index
// equals the chain's, exactly (market swaps included), with the processor stopped and started
// again in the middle and a second index built from genesis afterwards (its catch-up rate
// printed); a node restart under a running indexer; and a fork of unfinalized blocks that never
// reaches the index.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { blake2AsHex } from '@polkadot/util-crypto';

import { launchBrowser, screenshot, serveApp, waitForText } from '../lib/browser.js';
import { all, chainBooks, counts, indexedBooks, startTestIndexer } from '../lib/indexer.js';
import { createBlocks, keyring, rawRpc, sleep, startNode, submit } from '../lib/node.js';
import { playScenario, tallyChain } from '../lib/scenario.js';

const ARCHIVE = ['--state-pruning', 'archive', '--blocks-pruning', 'archive'];
const FULL_SHARE = 1_000_000;
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

let node = null;
let indexer = null;
const state = {};

before(async () => {
  node = await startNode({ extraArgs: ARCHIVE, label: 'indexer' });
  indexer = await startTestIndexer(node.wsUrl);
}, { timeout: 180_000 });

after(async () => {
  await indexer?.stop();
  await node?.stop();
}, { timeout: 60_000 });

async function head(api) {
  return (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
}

function ok(result) {
  assert.equal(result.dispatchError, null, `the transaction failed: ${JSON.stringify(result.dispatchError)}`);
  return result;
}

test('the indexer\'s decoders were generated from this runtime: its metadata is the committed one', async () => {
  const { readFile } = await import('node:fs/promises');
  const lines = (await readFile(new URL('../../indexer/covalue.jsonl', import.meta.url), 'utf8')).trim().split('\n');
  const versions = lines.map((line) => JSON.parse(line));
  const { api } = node;
  const spec = api.runtimeVersion.specVersion.toNumber();
  const committed = versions.find((v) => v.specVersion === spec);
  assert.ok(committed, `indexer/covalue.jsonl has spec ${spec} (it has ${versions.map((v) => v.specVersion).join(', ')}): run npm run metadata and npm run typegen in indexer/`);
  assert.equal(committed.metadata, (await rawRpc(api, 'state_getMetadata', [])), `the metadata of spec ${spec} changed: run npm run metadata and npm run typegen in indexer/`);
});

test('the worked example (§9): GraphQL returns each evaluator\'s payout and the contribution\'s story', async () => {
  const { api } = node;
  const { alice, bob, charlie, dave, eve } = keyring();
  const dc = (await api.query.cooperatives.nextCooperativeId()).toNumber();
  ok(
    await submit(
      api,
      api.tx.cooperatives.createDc('Makers', 'Makers Token', 'MKR', 0, PARAMETERS, 10, [
        [alice.address, 400],
        [bob.address, 300],
        [charlie.address, 300],
      ]),
      alice,
    ),
  );
  const c1 = (await api.query.proofOfValue.nextContributionId()).toNumber();
  const contentHash = blake2AsHex('Makers: c1, a laser-cut enclosure', 256);
  const submitted = ok(await submit(api, api.tx.proofOfValue.contribute(dc, contentHash, 'ipfs://makers/c1', [[dave.address, FULL_SHARE]]), dave));
  const submittedAt = (await api.rpc.chain.getHeader(submitted.blockHash)).number.toNumber();
  const evaluated = [];
  for (const [who, score] of [[alice, 4], [bob, 4], [charlie, 2]]) {
    const result = ok(await submit(api, api.tx.proofOfValue.evaluate(c1, score), who));
    evaluated.push((await api.rpc.chain.getHeader(result.blockHash)).number.toNumber());
  }
  // Eve's close is the first extrinsic of block submitted + 11, before on_idle would close c1.
  await createBlocks(api, submittedAt + 10 - (await api.rpc.chain.getHeader()).number.toNumber());
  const closed = ok(await submit(api, api.tx.proofOfValue.close(c1), eve));
  const closedAt = (await api.rpc.chain.getHeader(closed.blockHash)).number.toNumber();
  ok(await submit(api, api.tx.proofOfValue.cleanUp(c1), dave));
  await indexer.waitForHeight(await head(api));

  const data = await indexer.query(
    `query ($id: String!) { contributionById(id: $id) {
        cooperative { id name reputationTotal reputationBurned supply }
        kind depositor { id } contentHash uri submittedAt totalAtSubmission need status paid median burned closedAt
        rewardedTokens rewardedReputation evaluationCount
        contributors { account { id } share tokens reputation }
        rewards(orderBy: block_ASC) { median points tokens reputation }
        evaluations(orderBy: position_ASC) {
          position block evaluator { id } score weight stake accrued potShare returned earned payout lost settledAt
        }
      } }`,
    { id: String(c1) },
  );
  const c = data.contributionById;
  assert.deepEqual(c.cooperative, { id: String(dc), name: 'Makers', reputationTotal: '1079', reputationBurned: '1', supply: '40' });
  assert.deepEqual(
    { ...c, cooperative: undefined, evaluations: undefined },
    {
      cooperative: undefined,
      evaluations: undefined,
      kind: 'Contribution',
      depositor: { id: dave.address },
      contentHash,
      uri: 'ipfs://makers/c1',
      submittedAt,
      totalAtSubmission: '1000',
      need: '500',
      status: 'CleanedUp',
      paid: 4,
      median: 4,
      burned: '1',
      closedAt,
      rewardedTokens: '40',
      rewardedReputation: '80',
      evaluationCount: 3,
      contributors: [{ account: { id: dave.address }, share: FULL_SHARE, tokens: '40', reputation: '80' }],
      rewards: [{ median: 4, points: 4, tokens: '40', reputation: '80' }],
    },
  );
  // The example's settlement: alice 40 back + 24 earned, bob 30 + 5, charlie loses his 30.
  assert.deepEqual(c.evaluations, [
    { position: 1, block: evaluated[0], evaluator: { id: alice.address }, score: 4, weight: '400', stake: '40', accrued: '17', potShare: '47', returned: '40', earned: '24', payout: '64', lost: '0', settledAt: closedAt },
    { position: 2, block: evaluated[1], evaluator: { id: bob.address }, score: 4, weight: '300', stake: '30', accrued: '0', potShare: '35', returned: '30', earned: '5', payout: '35', lost: '0', settledAt: closedAt },
    { position: 3, block: evaluated[2], evaluator: { id: charlie.address }, score: 2, weight: '300', stake: '30', accrued: '0', potShare: '0', returned: '0', earned: '0', payout: '0', lost: '30', settledAt: closedAt },
  ]);

  // Alice's record in Makers, in order: endowed 400, 40 at stake, settled, 24 earned.
  const changes = await indexer.query(
    `query ($dc: String!, $who: String!) { standingChanges(where: { cooperative: { id_eq: $dc }, account: { id_eq: $who } }, orderBy: [block_ASC, eventIndex_ASC]) {
        cause reputationChange atStakeChange tokensChange reputation atStake tokens contribution { id } } }`,
    { dc: String(dc), who: alice.address },
  );
  assert.deepEqual(changes.standingChanges, [
    { cause: 'Endowment', reputationChange: '400', atStakeChange: '0', tokensChange: '0', reputation: '400', atStake: '0', tokens: '0', contribution: null },
    { cause: 'Stake', reputationChange: '0', atStakeChange: '40', tokensChange: '0', reputation: '400', atStake: '40', tokens: '0', contribution: { id: String(c1) } },
    { cause: 'Settlement', reputationChange: '0', atStakeChange: '-40', tokensChange: '0', reputation: '400', atStake: '0', tokens: '0', contribution: { id: String(c1) } },
    { cause: 'Earnings', reputationChange: '24', atStakeChange: '0', tokensChange: '0', reputation: '424', atStake: '0', tokens: '0', contribution: { id: String(c1) } },
  ]);
  const final = await all(indexer, 'standings', 'id reputation atStake tokens', `{ cooperative: { id_eq: "${dc}" } }`);
  assert.deepEqual(
    Object.fromEntries(final.map((s) => [s.id.split('-')[1], [s.reputation, s.atStake, s.tokens]])),
    {
      [alice.address]: ['424', '0', '0'],
      [bob.address]: ['305', '0', '0'],
      [charlie.address]: ['270', '0', '0'],
      [dave.address]: ['80', '0', '40'],
    },
  );
  // Makers' history: a snapshot for each block that changed its books.
  const history = await indexer.query(
    `query ($dc: String!) { cooperativeSnapshots(where: { cooperative: { id_eq: $dc } }, orderBy: block_ASC) { reputationTotal reputationIssued reputationBurned supply } }`,
    { dc: String(dc) },
  );
  assert.deepEqual(
    history.cooperativeSnapshots.map((s) => [s.reputationTotal, s.reputationIssued, s.reputationBurned, s.supply]),
    [
      ['1000', '0', '0', '0'], // created
      ['1080', '80', '0', '40'], // bob: the median reaches 4
      ['1079', '80', '1', '40'], // closed: 1 burned
    ],
  );
  assert.deepEqual(await indexedBooks(indexer), await chainBooks(api, await api.rpc.chain.getFinalizedHead()));
  state.workedExampleDc = dc;
  Object.assign(state, { c1, submittedAt, closedAt });
});

test('the app draws Alice\'s reputation over time, Makers\' history and c1\'s story from the index', async () => {
  const dc = state.workedExampleDc;
  assert.notEqual(dc, undefined, 'the worked example did not complete');
  const { alice, bob, charlie } = keyring();
  const server = await serveApp(node.wsUrl, indexer.graphqlUrl);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${server.url}#/account/${alice.address}`);
    const chart = `#reputation-over-time-${dc}`;
    await page.waitForSelector(`${chart} path.line`, { timeout: 30_000 });
    // Endowed 400 at block 1, 40 staked (still 400), settled and 24 earned in the closing block.
    const blocks = (await indexer.query(
      `{ standingChanges(where: { account: { id_eq: "${alice.address}" }, cooperative: { id_eq: "${dc}" } }, orderBy: [block_ASC, eventIndex_ASC]) { block } }`,
    )).standingChanges.map((c) => c.block);
    const distinct = [...new Set(blocks)];
    assert.equal(await page.getAttribute(`${chart} path.line`, 'data-values'), '400,400,424');
    assert.equal(await page.getAttribute(`${chart} path.line`, 'data-blocks'), distinct.join(','));
    await waitForText(page, `${chart} .chart-title`, 'Reputation: 424');
    await waitForText(page, `section.history[data-dc="${dc}"] tbody tr:first-child td:nth-child(2)`, 'Earned 24 reputation (pending) evaluating #' + state.c1);
    await screenshot(page, 'indexer-account');

    await page.goto(`${server.url}#/dc/${dc}`);
    await page.waitForSelector('#dc-reputation-over-time path.line', { timeout: 30_000 });
    assert.equal(await page.getAttribute('#dc-reputation-over-time path.line', 'data-values'), '1000,1080,1079');
    assert.equal(await page.getAttribute('#dc-supply-over-time path.line', 'data-values'), '0,40,40');
    // c1 is cleaned up on the chain; its story is the index's.
    const story = `details.story[data-contribution="${state.c1}"]`;
    await page.click(`${story} summary`);
    await waitForText(page, `${story} summary`, `Contribution ${state.c1} · submitted at block ${state.submittedAt} · closed at block ${state.closedAt}: median 4, cleaned up`);
    const payouts = await page.$$eval(`${story} .story-evaluations tbody tr`, (rows) =>
      rows.map((r) => [r.getAttribute('data-evaluator'), r.querySelector('.payout').textContent, r.querySelector('.lost').textContent]),
    );
    assert.deepEqual(payouts, [
      [alice.address, '64', '0'],
      [bob.address, '35', '0'],
      [charlie.address, '0', '30'],
    ]);
    await screenshot(page, 'indexer-dc');
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('a large random scenario: every balance of the index equals the chain\'s, across a processor restart', async () => {
  const { api } = node;
  const pairs = keyring();
  const named = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'].map((n) => pairs[n]);
  // Eight more accounts, funded in one batch.
  const extra = Array.from({ length: 8 }, (_, i) => pairs.keyring.addFromUri(`//indexer-${i}`));
  ok(await submit(api, api.tx.utility.batchAll(extra.map((p) => api.tx.balances.transferKeepAlive(p.address, 10n ** 15n))), pairs.alice));
  const from = (await head(api)) + 1;
  await indexer.waitForHeight(from - 1);
  const names = ['contributions', 'evaluations', 'rewards', 'tokenMovements', 'reserveOperations'];
  const before = await counts(indexer, names);
  const closedBefore = (await indexer.query('{ contributionsConnection(orderBy: id_ASC, where: { closedAt_isNull: false }) { totalCount } }')).contributionsConnection.totalCount;
  let restarted = false;
  await playScenario(api, [...named, ...extra], {
    seed: 7,
    rounds: 40,
    dcs: 4,
    onRound: async (round) => {
      if (round === 12) {
        // Stopped in the middle of the scenario; the chain goes on without it.
        await indexer.stopProcessor();
      } else if (round === 20) {
        indexer.startProcessor();
        restarted = true;
      }
    },
  });
  assert.ok(restarted);
  await createBlocks(api, 12); // let on_idle close what is still open
  const to = await head(api);
  await indexer.waitForHeight(to);

  const hash = await api.rpc.chain.getFinalizedHead();
  const chain = await chainBooks(api, hash);
  const index = await indexedBooks(indexer);
  assert.ok(Object.keys(chain.standings).length >= 30, `only ${Object.keys(chain.standings).length} standings: the scenario did too little`);
  assert.deepEqual(index, chain);

  // No event counted twice or missed: a row for each event of the chain.
  const tally = await tallyChain(api, from, to);
  const rows = await counts(indexer, names);
  assert.deepEqual(rows, {
    contributions: before.contributions + tally.contributions,
    evaluations: before.evaluations + tally.evaluations,
    rewards: before.rewards + tally.rewards,
    tokenMovements: before.tokenMovements + tally.movements,
    reserveOperations: before.reserveOperations + tally.reserveOperations,
  });
  assert.ok(tally.evaluations >= 100 && tally.closed >= 10 && tally.reserveOperations >= 20 && tally.swaps >= 20, JSON.stringify(tally));
  // Every swap leg of DC tokens is one movement from the payer to the payee.
  const swapLegs = await all(indexer, 'tokenMovements', 'id from { id } to { id } amount', '{ kind_eq: Swap }');
  assert.equal(swapLegs.length, tally.swapLegs);
  assert.deepEqual(swapLegs.filter((m) => m.from === null || m.to === null), []);
  const closed = await indexer.query('{ contributionsConnection(orderBy: id_ASC, where: { closedAt_isNull: false }) { totalCount } }');
  assert.equal(closed.contributionsConnection.totalCount, closedBefore + tally.closed);
  console.log(`# scenario: ${to - from + 1} blocks, ${tally.contributions} contributions, ${tally.evaluations} evaluations, ` +
    `${tally.closed} closed, ${tally.movements} token movements (${tally.swapLegs} in ${tally.swaps} swaps), ${tally.reserveOperations} reserve operations; ${Object.keys(index.standings).length} standings equal`);
});

test('a second index from genesis on the same chain holds the same books (catch-up rate printed)', async () => {
  const height = await head(node.api);
  await indexer.waitForHeight(height);
  const started = Date.now();
  const second = await startTestIndexer(node.wsUrl);
  try {
    await second.waitForHeight(height);
    const seconds = (Date.now() - started) / 1000;
    console.log(`# catch-up from genesis: ${height + 1} blocks in ${seconds.toFixed(1)} s, PostgreSQL's start included (${Math.round((height + 1) / seconds)} blocks/s)`);
    const books = await indexedBooks(second);
    const first = await indexedBooks(indexer);
    assert.deepEqual(books, first);
    const names = ['standingChanges', 'evaluations', 'cooperativeSnapshots', 'tokenMovements', 'reserveOperations', 'contributorShares'];
    assert.deepEqual(await counts(second, names), await counts(indexer, names));
  } finally {
    await second.stop();
  }
});

test('a node restart: the indexer reconnects and goes on', async () => {
  const { bob, dave } = keyring();
  const dc = state.workedExampleDc;
  assert.notEqual(dc, undefined, 'the worked example did not complete');
  const api = await node.restart();
  ok(await submit(api, api.tx.assets.transfer(dc, bob.address, 15), dave));
  await indexer.waitForHeight(await head(api));
  const s = await indexer.query(`{ standingById(id: "${dc}-${dave.address}") { tokens } b: standingById(id: "${dc}-${bob.address}") { tokens } }`);
  assert.deepEqual(s, { standingById: { tokens: '25' }, b: { tokens: '15' } });
  assert.deepEqual(await indexedBooks(indexer), await chainBooks(api, await api.rpc.chain.getFinalizedHead()));
});

test('a fork of unfinalized blocks never reaches the index; the finalized branch does', async () => {
  const manual = await startNode({ extraArgs: ARCHIVE, label: 'indexer-fork', sealing: 'manual' });
  let forkIndexer = null;
  try {
    const { api } = manual;
    const { alice } = keyring();
    // The node seals block 1, finalized, when it starts: both branches grow from there.
    const base = await api.rpc.chain.getFinalizedHead();
    assert.equal((await api.rpc.chain.getHeader(base)).number.toNumber(), 1);
    forkIndexer = await startTestIndexer(manual.wsUrl);
    await forkIndexer.waitForHeight(1);
    // Branch A: block 2 with a DC's creation, not finalized.
    const create = api.tx.cooperatives.createDc('Branch A', 'A token', 'AAA', 0, PARAMETERS, 10, [[alice.address, 100]]);
    await create.signAsync(alice);
    const txHash = await api.rpc.author.submitExtrinsic(create);
    // The pool may take a moment to validate it: until then it has nothing ready for a block.
    let a1 = null;
    for (let i = 0; !a1; i++) {
      try {
        a1 = await rawRpc(api, 'engine_createBlock', [false, false, base.toHex()]);
      } catch (error) {
        if (i > 50 || !/pool is empty/.test(error.message)) throw error;
        await sleep(100);
      }
    }
    const a1Events = await api.query.system.events.at(a1.hash);
    assert.ok(a1Events.some((e) => api.events.cooperatives.CooperativeCreated.is(e.event)), 'branch A created the DC');
    await sleep(3_000); // several of the indexer's head polls
    assert.equal(await forkIndexer.status(), 1);
    assert.deepEqual((await forkIndexer.query('{ cooperatives { id } }')).cooperatives, []);
    // Branch B: two empty blocks on block 1, finalized; A is abandoned. (Out of the pool first,
    // the creation would go into B's block as well.)
    await rawRpc(api, 'author_removeExtrinsic', [[{ hash: txHash.toHex() }]]);
    const b1 = await rawRpc(api, 'engine_createBlock', [true, false, base.toHex()]);
    const b2 = await rawRpc(api, 'engine_createBlock', [true, false, b1.hash]);
    const b2Events = await api.query.system.events.at(b2.hash);
    assert.ok(!b2Events.some((e) => api.events.cooperatives.CooperativeCreated.is(e.event)));
    await rawRpc(api, 'engine_finalizeBlock', [b2.hash, null]);
    await forkIndexer.waitForHeight(3);
    assert.deepEqual((await forkIndexer.query('{ cooperatives { id } standings { id } }')), { cooperatives: [], standings: [] });
    assert.equal((await api.rpc.chain.getBlockHash(2)).toHex(), b1.hash);
    assert.deepEqual(await indexedBooks(forkIndexer), await chainBooks(api, b2.hash));
  } finally {
    await forkIndexer?.stop();
    await manual.stop();
  }
});
