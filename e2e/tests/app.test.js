// The app in headless Chromium against a fresh node: the worked example of the rules (§9) played
// entirely through the page. Alice creates "Makers" with the form, Dave contributes, Alice, Bob
// and Charlie evaluate (the chart, the median and the pending rewards change as they do),
// Charlie's second evaluation is refused with a sentence, Eve closes once the period is over,
// and the page shows the example's exact reputations and tokens. Every action goes through the
// app's preview and is signed by the app with the development keys; the test only produces the
// empty blocks that let the evaluation period pass, and reads the chain to check the previews'
// deposits against what it holds. Then an account of a browser extension signs a contribution
// through the extension's signer. Screenshots go to e2e/artifacts/app (COVALUE_SCREENSHOTS).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, screenshot, serveApp, textOf, waitForText } from '../lib/browser.js';
import { createBlocks, freePorts, keyring, startNode, submit } from '../lib/node.js';
import { contributionDeposit, dcDeposit, onlyEvent } from '../lib/queries.js';

let node;
let server;
let browser;
let page;
let accounts;

before(
  async () => {
    node = await startNode({ label: 'app' });
    accounts = keyring();
    server = await serveApp(node.wsUrl);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    page.on('console', (entry) => entry.type() === 'error' && console.error(`page console: ${entry.text()}`));
  },
  { timeout: 150_000 },
);

after(
  async () => {
    await browser?.close();
    await server?.stop();
    await node?.stop();
  },
  { timeout: 40_000 },
);

const reservedOf = async (who) => (await node.api.query.system.account(who)).data.reserved.toBigInt();

/** Chooses the development account `name` in the page's account menu. */
async function signAs(name) {
  await page.selectOption('#account', accounts[name.toLowerCase()].address);
  await page.waitForFunction((address) => document.querySelector('#account').value === address, accounts[name.toLowerCase()].address);
}

/** The open preview's lines, `{ label: value }`, as the page shows them. */
async function previewLines() {
  return page.$$eval('#preview dl.preview-lines dt', (terms) =>
    Object.fromEntries(
      terms.map((dt) => [dt.textContent.trim(), dt.nextElementSibling.textContent.replace(/\s+/g, ' ').trim()]),
    ),
  );
}

/** COV written by the app ("100.0578 COV") in base units. */
function covOf(text) {
  const match = /^([\d,]+)(?:\.(\d{1,12}))? COV$/.exec(text);
  assert.ok(match, `an amount of COV: ${text}`);
  return BigInt(match[1].replace(/,/g, '')) * 10n ** 12n + BigInt((match[2] ?? '').padEnd(12, '0'));
}

/**
 * In the open preview: checks that each `[label, value]` of `expectLines` is exactly one of its
 * lines, signs, and returns the outcome, the status text and the preview's lines.
 */
async function signPreview(expectLines = []) {
  try {
    await page.waitForSelector('#preview[open]', { timeout: 15_000 });
  } catch (error) {
    const picture = await screenshot(page, 'failure');
    const said = await page.$$eval('.message.error', (list) => list.map((m) => m.textContent).join(' | '));
    throw new Error(`no preview opened; the page says: ${said || '(nothing)'} (${picture})\n${error.message}`);
  }
  const lines = await previewLines();
  for (const [label, value] of expectLines) {
    assert.equal(lines[label], value, `the preview's “${label}” (its lines: ${JSON.stringify(lines)})`);
  }
  await page.waitForSelector('#preview-sign:not([disabled])');
  const fee = await textOf(page, '#preview-fee');
  assert.match(fee, /^\d[\d,]*(\.\d+)? COV$/, `the preview quotes a fee in COV: ${fee}`);
  await page.click('#preview-sign');
  await page.waitForSelector('#preview[data-outcome]', { timeout: 30_000 });
  const outcome = await page.getAttribute('#preview', 'data-outcome');
  const status = await textOf(page, '#preview-status');
  await page.click('#preview-close');
  await page.waitForSelector('#preview', { state: 'detached' });
  return { outcome, status, lines };
}

/** `signPreview` without the lines, for comparing outcomes. */
async function signed(expectLines = []) {
  const { outcome, status } = await signPreview(expectLines);
  return { outcome, status };
}

/** The fees `who` paid in the blocks after `head` (its `TransactionFeePaid` events); never 0. */
async function feesPaidSince(api, who, head) {
  let fee = 0n;
  const now = (await api.rpc.chain.getHeader()).number.toNumber();
  for (let n = head + 1; n <= now; n++) {
    for (const { event } of await api.query.system.events.at(await api.rpc.chain.getBlockHash(n))) {
      if (api.events.transactionPayment.TransactionFeePaid.is(event) && event.data.who.eq(who)) {
        fee += event.data.actualFee.toBigInt();
      }
    }
  }
  assert.ok(fee > 0n, `${who} paid a fee after block ${head}`);
  return fee;
}

const card = (id) => `#contribution-${id}`;
const memberCell = (name, column) => `#members-table tr[data-name="${name}"] td.${column}`;

test('the worked example, from the form to the exact reputations, in the browser', { timeout: 240_000 }, async () => {
  const { api } = node;
  const started = Date.now();
  await page.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/`);
  await page.waitForSelector('#page[data-ready]');
  const ready = Number(await page.getAttribute('#page', 'data-ready'));
  console.log(`app: the DCs page showed the chain's state ${ready} ms after navigation (${Date.now() - started} ms with the browser's start-up)`);
  await waitForText(page, '#dc-list', 'No DC exists yet on this chain. Create the first one.');
  // The blocks below count from the node's best block when the test starts (the harness may have
  // sealed one already): the DC is created in block base + 1, c1 submitted in base + 2.
  const base = (await api.rpc.chain.getHeader()).number.toNumber();
  await waitForText(page, '#block', `Development · block ${base}`);

  // Alice creates the DC with the form; a quorum below 50% is refused before anything is signed.
  await signAs('Alice');
  await page.click('#create-dc-link');
  await page.click('#create-fill-example');
  await page.fill('#create-quorum', '40');
  await waitForText(page, '#create-problems', /The quorum must be between 50% and 100%/);
  assert.equal(await page.getAttribute('#create-submit', 'disabled'), '', 'an invalid form cannot be submitted');
  await page.fill('#create-quorum', '50');
  await waitForText(page, '#create-problems', '');
  await waitForText(page, '#create-words li:nth-child(2)', /^Half of all reputation must stand behind a score/);
  await waitForText(page, '#create-deposit', 'Deposit: 100.0578 COV, held for as long as the DC exists.');
  await screenshot(page, '1-create-dc');
  const aliceHeld = await reservedOf(accounts.alice.address);
  await page.click('#create-submit');
  const created = await signPreview([
    ['Token', 'Makers token (MKR), 0 decimals'],
    ['Initial members', '3, with 1,000 reputation in all'],
    ['Deposit (held while the DC exists)', '100.0578 COV'],
  ]);
  assert.deepEqual([created.outcome, created.status], ['ok', `Done: in block ${base + 1}.`]);
  const dcHeld = (await reservedOf(accounts.alice.address)) - aliceHeld;
  assert.equal(covOf(created.lines['Deposit (held while the DC exists)']), dcHeld, 'the preview’s deposit is what the chain holds');
  assert.equal(dcHeld, dcDeposit('Makers', 3));

  // The DC's page: the rules in words and its three members.
  await page.waitForSelector('#dc-rules');
  assert.equal(await page.evaluate(() => location.hash), '#/dc/0');
  await waitForText(page, '#dc-total-reputation', '1,000');
  await waitForText(page, memberCell('Alice', 'reputation'), '400');
  await waitForText(page, memberCell('Charlie', 'vested'), '300');

  // Dave contributes c1 with its content hashed in the browser.
  await signAs('Dave');
  await page.fill('#contribute-text', 'Makers c1: the first contribution of the worked example');
  await page.fill('#contribute-uri', 'ipfs://makers/c1');
  await page.fill('#contributors .contributor-address', accounts.dave.address);
  const daveHeld = await reservedOf(accounts.dave.address);
  await page.click('#contribute-submit');
  const contributed = await signPreview([
    ['Contributors', 'Dave 100%'],
    ['Deposit (returned when it is cleaned up)', '1.0508 COV'],
  ]);
  assert.deepEqual([contributed.outcome, contributed.status], ['ok', `Done: in block ${base + 2}.`]);
  const c1Held = (await reservedOf(accounts.dave.address)) - daveHeld;
  assert.equal(covOf(contributed.lines['Deposit (returned when it is cleaned up)']), c1Held, 'the preview’s deposit is what the chain holds');
  assert.equal(c1Held, contributionDeposit(16, 1, 6));
  assert.equal(contributed.lines['Content hash'], (await api.query.proofOfValue.contributions(0)).unwrap().contentHash.toHex());
  const c1 = card(0);
  await waitForText(page, `${c1} .state`, 'open');
  await waitForText(page, `${c1} .need`, '500 of 1,000 (half of all reputation at submission)');
  await waitForText(page, `${c1} .blocks-left`, `10 blocks (1 minute): evaluations until block ${base + 12}`);
  const stored = await api.query.proofOfValue.contributions(0);
  assert.equal(stored.unwrap().uri.toUtf8(), 'ipfs://makers/c1');

  // Alice scores 4: her 40 reputation at stake; no score has the quorum yet.
  await signAs('Alice');
  await page.selectOption(`${c1} select.score`, '4');
  await page.click(`${c1} button.evaluate`);
  assert.equal(
    (await signPreview([['Score', '4'], ['Weight', '400 reputation'], ['Stake to lock', '40 reputation (10% of your weight), of your 400 vested']])).outcome,
    'ok',
  );
  await waitForText(page, `${c1} .evaluations`, '1');
  await waitForText(page, `${c1} .current-median`, 'none yet');
  assert.equal(await page.getAttribute(`${c1} rect.bucket[data-score="4"]`, 'data-weight'), '400');

  // Bob scores 4: 700 at 4 reach the quorum of 500, the median is 4 and Dave is rewarded.
  await signAs('Bob');
  await page.selectOption(`${c1} select.score`, '4');
  await page.click(`${c1} button.evaluate`);
  assert.equal((await signPreview([['Stake to lock', '30 reputation (10% of your weight), of your 300 vested']])).outcome, 'ok');
  await waitForText(page, `${c1} .current-median`, '4');
  assert.equal(await page.getAttribute(`${c1} rect.bucket.median`, 'data-score'), '4');
  assert.equal(await page.getAttribute(`${c1} rect.bucket[data-score="4"]`, 'data-weight'), '700');
  await waitForText(page, `${c1} .paid`, '40 MKR and 80 reputation (median 4)');
  await waitForText(page, memberCell('Dave', 'tokens'), '40 MKR');

  // Charlie scores 2; the median stays 4.
  await signAs('Charlie');
  await page.selectOption(`${c1} select.score`, '2');
  await page.click(`${c1} button.evaluate`);
  assert.equal((await signPreview([['Score', '2'], ['Stake to lock', '30 reputation (10% of your weight), of your 300 vested']])).outcome, 'ok');
  await waitForText(page, `${c1} .evaluations`, '3');
  assert.equal(await page.getAttribute(`${c1} rect.bucket[data-score="2"]`, 'data-weight'), '300');
  await waitForText(page, `${c1} .current-median`, '4');
  await waitForText(page, `${c1} .chart-box svg`, /quorum 500/);
  await screenshot(page, '2-dc-open-contribution');

  // Charlie again: refused with a sentence, and nothing changes.
  await page.selectOption(`${c1} select.score`, '2');
  await page.click(`${c1} button.evaluate`);
  assert.deepEqual(await signed(), {
    outcome: 'error',
    status: 'You have already evaluated this contribution; an evaluation is final.',
  });
  await waitForText(page, `${c1} .evaluations`, '3');

  // Alice's account page: her open evaluation would pay 64 now (17 accrued + 47 of the pot).
  await page.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/account/${accounts.alice.address}`);
  await waitForText(page, '#account-open-evaluations tr[data-contribution="0"] td.payout', '64');
  await waitForText(
    page,
    '#account-open-evaluations tr[data-contribution="0"] td:last-child',
    'aligned with the median now: 17 accrued from later stakes + 47 of the pot',
  );
  await waitForText(page, '#account-standings tr[data-dc="0"] td.escrowed', '40');
  await screenshot(page, '3-account-open-evaluation');

  // The period ends at block base + 12; Eve closes in the next block, before the automatic
  // closing would.
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  await createBlocks(api, base + 12 - best);
  await page.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/dc/0`);
  await page.waitForSelector('#page[data-ready]');
  // A fresh page, for the time a DC's page takes to load from nothing.
  const fresh = await browser.newPage();
  await fresh.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/dc/0`);
  await fresh.waitForSelector('#page[data-ready]');
  console.log(`app: the DC page (4 members, 1 contribution) showed the chain's state ${await fresh.getAttribute('#page', 'data-ready')} ms after navigation`);
  await fresh.close();
  await waitForText(page, `${c1} .state`, 'period over');
  await signAs('Eve');
  await page.click(`${c1} button.close`);
  assert.deepEqual(await signed(), { outcome: 'ok', status: `Done: in block ${base + 13}.` });

  // The example's final state: Alice 424 (24 pending), Bob 305 (5 pending), Charlie 270, Dave 80
  // pending, 1 burned, 1079 in all, Dave holds 40 MKR. Reputation earned in block b vests at
  // (⌊b / 10⌋ + 2)·10: Dave's from Bob's evaluation, the evaluators' from the closing.
  const vests = (block) => (Math.floor(block / 10) + 2) * 10;
  await waitForText(page, `#closed-contributions ${c1} .state`, 'closed at median 4');
  await waitForText(page, `${c1} .burned`, '1');
  await waitForText(page, '#dc-total-reputation', '1,079');
  const expected = {
    Alice: { reputation: '424', vested: '400', escrowed: '0', pending: new RegExp(`^24 vests at block ${vests(base + 13)} `) },
    Bob: { reputation: '305', vested: '300', escrowed: '0', pending: new RegExp(`^5 vests at block ${vests(base + 13)} `) },
    Charlie: { reputation: '270', vested: '270', escrowed: '0', pending: /^0$/ },
    Dave: { reputation: '80', vested: '0', escrowed: '0', pending: new RegExp(`^80 vests at block ${vests(base + 4)} `) },
  };
  for (const [name, columns] of Object.entries(expected)) {
    for (const [column, value] of Object.entries(columns)) {
      await waitForText(page, memberCell(name, column), value);
    }
  }
  await waitForText(page, memberCell('Dave', 'tokens'), '40 MKR');
  await waitForText(page, memberCell('Alice', 'tokens'), '0 MKR');
  await screenshot(page, '4-dc-closed-worked-example');

  // Dave cleans it up from the page and gets his deposit back.
  await signAs('Dave');
  await page.click(`${c1} button.clean-up`);
  assert.equal((await signPreview()).outcome, 'ok');
  await page.waitForSelector(c1, { state: 'detached' });
  assert.equal(await reservedOf(accounts.dave.address), daveHeld);

  // The DCs page lists Makers with its parameters in words and no reserve yet.
  await page.click('nav.top a[href="#/"]');
  await waitForText(page, '#dc-list [data-dc="0"] .total-reputation', '1,079');
  await waitForText(page, '#dc-list [data-dc="0"] .reserve', /^No price cap yet/);
  await screenshot(page, '5-dcs');
});

test('an account of a browser extension signs through the extension’s signer', { timeout: 120_000 }, async () => {
  const { api } = node;
  // A wallet account the page has no key for, funded from Alice.
  const wallet = accounts.keyring.addFromUri('//CovalueWallet', { name: 'wallet' });
  await submit(api, api.tx.balances.transferKeepAlive(wallet.address, 10n * 10n ** 12n), accounts.alice);

  // A page with an extension injected the way polkadot{.js}, Talisman and SubWallet inject
  // themselves (`window.injectedWeb3`); its signer hands each payload to this test, which signs
  // it with the wallet's key as an extension does (`ExtrinsicPayload.sign`).
  const signed = [];
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const walletPage = await context.newPage();
  await walletPage.exposeFunction('covalueTestWalletSign', (payload) => {
    signed.push(payload);
    return api.registry.createType('ExtrinsicPayload', payload, { version: payload.version }).sign(wallet).signature;
  });
  await walletPage.addInitScript((address) => {
    const list = [{ address, name: 'Test wallet', type: 'sr25519' }];
    window.injectedWeb3 = {
      'test-wallet': {
        version: '1.0.0',
        enable: async () => ({
          accounts: { get: async () => list, subscribe: (cb) => (cb(list), () => {}) },
          signer: {
            signPayload: async (payload) => ({ id: 1, signature: await window.covalueTestWalletSign(payload) }),
          },
        }),
      },
    };
  }, wallet.address);
  try {
    await walletPage.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/dc/0`);
    await walletPage.waitForSelector('#page[data-ready]');
    await walletPage.click('#use-extension');
    await waitForText(walletPage, '#use-extension', 'test-wallet: 1 account');
    await walletPage.selectOption('#account', wallet.address);
    // The account chosen becomes the contributor of the empty form.
    await walletPage.waitForFunction(
      (address) => document.querySelector('#contributors .contributor-address')?.value === address,
      wallet.address,
    );
    await walletPage.fill('#contribute-text', 'Signed in a wallet');
    await walletPage.click('#contribute-submit');
    await walletPage.waitForSelector('#preview[open]');
    assert.match(await textOf(walletPage, '#preview'), /Signed by Test wallet .*\(test-wallet\)/);
    await walletPage.waitForSelector('#preview-sign:not([disabled])');
    await walletPage.click('#preview-sign');
    await walletPage.waitForSelector('#preview[data-outcome]', { timeout: 30_000 });
    assert.equal(await walletPage.getAttribute('#preview', 'data-outcome'), 'ok', await textOf(walletPage, '#preview-status'));
  } finally {
    await context.close();
  }
  assert.equal(signed.length, 1, 'the extension signed exactly one payload');
  assert.equal(signed[0].address, wallet.address);
  const entries = await api.query.proofOfValue.contributions.entries();
  const mine = entries.map(([, c]) => c.unwrap()).filter((c) => c.depositor.toString() === wallet.address);
  assert.equal(mine.length, 1, 'the wallet’s contribution is on chain');
  assert.equal(mine[0].contributors[0][0].toString(), wallet.address);
});

test('the reserve through the page: price cap, buy and redeem at the quotes, revenue, a refusal', { timeout: 120_000 }, async () => {
  const { api } = node;
  const COV = 10n ** 12n;
  const tokens = async (who) => {
    const account = await api.query.assets.account(0, who);
    return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
  };
  const free = async (who) => (await api.query.system.account(who)).data.free.toBigInt();
  await page.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/dc/0`);

  // Alice, the admin, sets a cap of 2.5 COV per MKR (the FixedU128 2.5 × 10¹², COV base units
  // per token base unit).
  await signAs('Alice');
  await page.fill('#cap-price', '2.5');
  await page.selectOption('#cap-asset', 'native');
  await page.click('#cap-submit');
  assert.equal((await signPreview([['Price cap', '2.5 COV per MKR'], ['Reserve asset', 'COV']])).outcome, 'ok');
  await waitForText(page, '#dc-facts .price-cap', '2.5 COV per MKR');
  await waitForText(page, '#dc-facts .redemption-price', '0 COV per MKR');
  const reserve = (await api.query.reserve.reserves(0)).unwrap();
  assert.equal(reserve.priceCap.toBigInt(), 25n * 10n ** 29n);

  // Bob buys 10 MKR: 10 × 2.5 = 25 COV, with a limit 1% above the quote.
  await signAs('Bob');
  await page.fill('#buy-amount', '10');
  await waitForText(page, '#buy-quote', 'costs 25 COV; at most 25.25 COV with your limit');
  const bobFree = await free(accounts.bob.address);
  const headBefore = (await api.rpc.chain.getHeader()).number.toNumber();
  await page.click('#buy-submit');
  assert.equal((await signPreview([['Cost now', '25 COV'], ['Your limit (max cost)', '25.25 COV']])).outcome, 'ok');
  assert.equal(await tokens(accounts.bob.address), 10n);
  const fee = await feesPaidSince(api, accounts.bob.address, headBefore);
  assert.equal(bobFree - (await free(accounts.bob.address)), 25n * COV + fee, 'Bob paid 25 COV and his fee');
  await waitForText(page, '#dc-facts .reserve-balance', '25 COV');
  await waitForText(page, '#dc-supply', '50 MKR');
  await waitForText(page, '#dc-facts .redemption-price', '0.5 COV per MKR');

  // Dave redeems 10 of his 40 MKR: the reserve's 25 COV over 50 MKR, 5 COV.
  await signAs('Dave');
  await page.fill('#redeem-amount', '10');
  await waitForText(page, '#redeem-quote', 'pays 5 COV; at least 4.95 COV with your limit');
  await page.click('#redeem-submit');
  assert.equal(
    (await signPreview([['Tokens burned', '10 MKR'], ['Proceeds now', '5 COV'], ['Your limit (min proceeds)', '4.95 COV']])).outcome,
    'ok',
  );
  assert.equal(await tokens(accounts.dave.address), 30n);
  await waitForText(page, '#dc-facts .reserve-balance', '20 COV');

  // Eve deposits 20 COV of revenue: 40 COV behind 40 MKR, 1 COV per MKR.
  await signAs('Eve');
  await page.fill('#revenue-amount', '20');
  await page.click('#revenue-submit');
  assert.equal((await signPreview([['Payment', '20 COV']])).outcome, 'ok');
  await waitForText(page, '#dc-facts .reserve-balance', '40 COV');
  await waitForText(page, '#dc-facts .redemption-price', '1 COV per MKR');
  await screenshot(page, '6-dc-reserve');

  // Charlie holds no MKR: redeeming is refused with a sentence and nothing changes.
  await signAs('Charlie');
  await page.fill('#redeem-amount', '1');
  await page.click('#redeem-submit');
  assert.deepEqual(await signed(), { outcome: 'error', status: 'You hold fewer tokens than you want to redeem.' });
  await waitForText(page, '#dc-facts .reserve-balance', '40 COV');
  assert.equal((await api.query.reserve.reserves(0)).unwrap().balance.toBigInt(), 40n * COV);
});

test('a self-governed DC’s proposal: its call on the page, approved there, enacted at closing', { timeout: 120_000 }, async () => {
  const { api } = node;
  // Set up through the api: "Council" (DC 1) with the example's members, governing itself, and
  // Bob's proposal to raise its stake to 20%.
  const parameters = {
    minScore: 0,
    maxScore: 5,
    quorum: 500_000_000,
    stake: 100_000_000,
    alignmentRadius: 0,
    tokenPerPoint: 10,
    reputationPerPoint: 20,
    evaluationPeriod: 10,
  };
  const members = [
    [accounts.alice.address, 400],
    [accounts.bob.address, 300],
    [accounts.charlie.address, 300],
  ];
  await submit(api, api.tx.cooperatives.createDc('Council', 'Council token', 'CNL', 0, parameters, 10, members), accounts.alice);
  const agent = (await api.query.cooperatives.cooperatives(1)).unwrap().agent.toString();
  await submit(api, api.tx.cooperatives.transferAdmin(1, agent), accounts.alice);
  const proposed = await submit(
    api,
    api.tx.proofOfValue.propose(1, api.tx.cooperatives.setParameters(1, { ...parameters, stake: 200_000_000 })),
    accounts.bob,
  );
  const id = onlyEvent(proposed, api.events.proofOfValue.Proposed, 'Proposed').data[0].toNumber();
  const submitted = (await api.query.proofOfValue.contributions(id)).unwrap().submitted.toNumber();
  const proposal = card(id);

  await page.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/dc/1`);
  await waitForText(page, '#dc-facts dl.facts dd:nth-of-type(5)', 'none: the DC governs itself by proposals');
  await waitForText(page, `${proposal} h3`, /^Proposal \d+ open$/);
  await waitForText(page, `${proposal} .call`, /^Call: cooperatives\.setParameters\(.*"stake":"20\.00%".*\) — undecided$/);
  await waitForText(page, `${proposal} .need`, '501 of 1,000 (more than half of all reputation at submission, and at least its quorum of 50%)');

  // Alice and Bob approve from the page: 700 of 1,000 stand behind 1.
  for (const name of ['Alice', 'Bob']) {
    await signAs(name);
    await page.selectOption(`${proposal} select.score`, '1');
    await page.click(`${proposal} button.evaluate`);
    assert.equal((await signPreview([['Score', '1 (approve)']])).outcome, 'ok');
  }
  await waitForText(page, `${proposal} .current-median`, '1');

  // Once its period is over, Eve closes it and the call is enacted: the stake is 20% now.
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  await createBlocks(api, submitted + 10 - best);
  await waitForText(page, `${proposal} .state`, 'period over');
  await signAs('Eve');
  await page.click(`${proposal} button.close`);
  assert.equal((await signPreview()).outcome, 'ok');
  await waitForText(page, `#closed-contributions ${proposal} .call`, /— passed and enacted$/);
  await waitForText(page, '#dc-rules li:nth-child(3)', /^Each evaluation puts 20% of the evaluator's reputation at stake/);
  assert.equal((await api.query.cooperatives.cooperatives(1)).unwrap().parameters.stake.toNumber(), 200_000_000);
  await screenshot(page, '7-dc-proposal-enacted');
});

test('without a node at its address the page says so and keeps trying', { timeout: 60_000 }, async () => {
  const [port] = await freePorts(1);
  const url = `ws://127.0.0.1:${port}`;
  const lonely = await browser.newPage();
  try {
    await lonely.goto(`${server.url}?rpc=${encodeURIComponent(url)}#/`);
    await waitForText(
      lonely,
      '#page .message.error',
      `Can’t reach a node at ${url} yet; still trying. Is it running, and is the address right?`,
    );
    assert.equal(await lonely.inputValue('#node-url'), url);
  } finally {
    await lonely.close();
  }
});

test('every error the app words is one the chain can return', async () => {
  // The keys of app/src/errors.ts's table, `section.Name`, read from its source.
  const { readFile } = await import('node:fs/promises');
  const source = await readFile(new URL('../../app/src/errors.ts', import.meta.url), 'utf8');
  const keys = [...source.matchAll(/^\s*'([a-zA-Z]+)\.([A-Za-z]+)':/gm)].map(([, section, name]) => [section, name]);
  assert.ok(keys.length > 40, `the table has its entries (${keys.length})`);
  const { api } = node;
  const pallets = new Map(
    api.runtimeMetadata.asLatest.pallets.map((p) => [p.name.toString().replace(/^./, (c) => c.toLowerCase()), p]),
  );
  const variantsOf = (typeName) => api.registry.createType(typeName).defKeys;
  const enums = { token: variantsOf('SpRuntimeTokenError'), arithmetic: variantsOf('SpArithmeticArithmeticError') };
  for (const [section, name] of keys) {
    if (section in enums) {
      assert.ok(enums[section].includes(name), `${section}.${name} is a variant of its error enum (${enums[section].join(', ')})`);
      continue;
    }
    const pallet = pallets.get(section);
    assert.ok(pallet, `${section} is a pallet of the runtime`);
    const errors = pallet.errors.isSome ? api.registry.lookup.getSiType(pallet.errors.unwrap().type).def.asVariant.variants : [];
    assert.ok(
      errors.some((v) => v.name.toString() === name),
      `${section}.${name} is an error of the ${section} pallet (it has ${errors.map((v) => v.name.toString()).join(', ')})`,
    );
  }
});

test('the market through the page: a pool opened with liquidity, a swap at the quote, half the liquidity withdrawn', { timeout: 120_000 }, async () => {
  const { api } = node;
  const COV = 10n ** 12n;
  const tokens = async (who) => {
    const account = await api.query.assets.account(0, who);
    return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
  };
  const free = async (who) => (await api.query.system.account(who)).data.free.toBigInt();
  await page.goto(`${server.url}?rpc=${encodeURIComponent(node.wsUrl)}#/trade`);
  await waitForText(page, '#pool-list', 'No pool exists yet. Add liquidity to a pair below to open the first.');

  // Dave opens the COV/MKR pool with 60 COV and 20 of his 30 MKR: 3 COV per MKR, above the cap of
  // 2.5 the reserve test set (its redemption price is 1 COV).
  await signAs('Dave');
  await page.selectOption('#add-first', 'native');
  await page.selectOption('#add-second', '0');
  await page.fill('#add-amount-first', '60');
  await page.fill('#add-amount-second', '20');
  await page.click('#add-submit');
  const opened = await signPreview([
    ['Opening the pool', '1 COV, burned, and a deposit for its liquidity token'],
    ['COV in', '60 COV'],
    ['MKR in', '20 MKR'],
    // ⌊√(60·10¹² · 20)⌋ − 100.
    ['Liquidity tokens', 'about 34640916 (100 stay with the pool for ever)'],
  ]);
  assert.equal(opened.outcome, 'ok', opened.status);
  const row = '#pool-list tr[data-pair="native/0"]';
  await page.waitForSelector(`${row}[data-reserves="${60n * COV},20"]`);
  await waitForText(page, `${row} td.price`, '3 COV per MKR');
  await waitForText(
    page,
    `${row} td.band`,
    'above the cap (cap 2.5 COV, redemption 1 COV): buying from the reserve and selling here pays',
  );
  assert.equal(await tokens(accounts.dave.address), 10n);

  // Bob sells 5 MKR: 5·997·60 COV / (20·1000 + 5·997), with a limit 1 % below.
  await signAs('Bob');
  await page.selectOption('#swap-from', '0');
  await page.selectOption('#swap-to', 'native');
  await page.fill('#swap-amount', '5');
  await waitForText(page, '#swap-quote', 'you get 11.971182709625 COV now; at least 11.851470882528 COV with your limit');
  const bobFree = await free(accounts.bob.address);
  const headBefore = (await api.rpc.chain.getHeader()).number.toNumber();
  await page.click('#swap-submit');
  const swapped = await signPreview([
    ['Route', 'MKR → COV'],
    ['You pay', '5 MKR'],
    ['You get now', '11.971182709625 COV'],
    ['Your limit (at least)', '11.851470882528 COV'],
  ]);
  assert.equal(swapped.outcome, 'ok', swapped.status);
  assert.equal(await tokens(accounts.bob.address), 5n);
  // Bob got the quote exactly, less the fee his transaction paid.
  const fee = await feesPaidSince(api, accounts.bob.address, headBefore);
  assert.equal((await free(accounts.bob.address)) - bobFree, 11_971_182_709_625n - fee);
  await page.waitForSelector(`${row}[data-reserves="48028817290375,25"]`);
  await waitForText(page, `${row} td.band`, 'between the redemption price and the cap (cap 2.5 COV, redemption 1 COV)');

  // Dave withdraws half his liquidity tokens: that share of both reserves, rounded down.
  await signAs('Dave');
  await page.waitForSelector('#remove-pool option[value="native/0"]', { state: 'attached' });
  await page.fill('#remove-share', '50');
  await page.click('#remove-submit');
  const withdrawn = await signPreview([
    ['Liquidity tokens burned', '17320458 of your 34640916'],
    ['You get now', '24.01433932156 COV and 12 MKR'],
  ]);
  assert.equal(withdrawn.outcome, 'ok', withdrawn.status);
  assert.equal(await tokens(accounts.dave.address), 22n);
  await page.waitForSelector(`${row}[data-reserves="${48_028_817_290_375n - 24_014_339_321_560n},13"]`);
  await screenshot(page, '10-market');
});
