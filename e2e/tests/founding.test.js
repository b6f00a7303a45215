// A network governed by its founding DC (`--chain governed`): nobody holds a sudo key, and a
// root action happens only as a passed proposal of the founding DC (DC 0: alice 400, bob 300,
// charlie 300). Here the root action is a real runtime upgrade: a proposal authorizes the
// node's own code (`authorize_upgrade_without_checks`, since the version stays the same; that
// an upgrade needs a higher spec_version is covered by the runtime's tests), then anybody
// applies it and the chain goes on with it.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';

import { createBlocks, keyring, startNodeOnce, submit } from '../lib/node.js';
import { onlyEvent } from '../lib/queries.js';

const chain = startNodeOnce({ extraArgs: ['--chain', 'governed'] });
const FOUNDERS = 0;
const EVALUATION_PERIOD = 10;
// The well-known storage key of the runtime's code, `:code`.
const CODE_KEY = '0x3a636f6465';
// What a compressed runtime starts with (sp-maybe-compressed-blob's zstd prefix).
const COMPRESSED_CODE_PREFIX = '0x52bc537646db8e05';

/** The runtime's code as stored, hex, without any length prefix. */
async function runtimeCode(api) {
  const stored = await api.rpc.state.getStorage(CODE_KEY);
  const data = typeof stored.unwrap === 'function' ? stored.unwrap() : stored;
  const code = u8aToHex(data.toU8a(true));
  assert.ok(code.startsWith(COMPRESSED_CODE_PREFIX), `:code is not a compressed runtime: ${code.slice(0, 20)}…`);
  return code;
}

test('the governed chain has no sudo key and a self-governed founding DC', async () => {
  const { api } = chain;
  assert.ok((await api.query.sudo.key()).isNone);
  assert.equal((await api.query.foundingCooperative.foundingCooperative()).unwrap().toNumber(), FOUNDERS);
  const founders = (await api.query.cooperatives.cooperatives(FOUNDERS)).unwrap();
  assert.equal(founders.name.toUtf8(), 'Covalue Founders');
  assert.equal(founders.admin.toString(), founders.agent.toString());
});

test('no personal key reaches root', async () => {
  const { api } = chain;
  const { alice } = keyring();
  const code = await runtimeCode(api);
  const authorize = api.tx.system.authorizeUpgradeWithoutChecks(blake2AsHex(code, 256));
  const attempts = [
    [authorize, 'BadOrigin'],
    [api.tx.sudo.sudo(authorize), 'Module.Sudo.RequireSudo'],
    [api.tx.foundingCooperative.dispatchAsRoot(authorize), 'Module.FoundingCooperative.NotFoundingCooperative'],
    [api.tx.cooperatives.dispatchAsAgent(FOUNDERS, api.tx.foundingCooperative.dispatchAsRoot(authorize)), 'Module.Cooperatives.NotAdmin'],
  ];
  for (const [tx, error] of attempts) {
    const result = await submit(api, tx, alice);
    assert.equal(result.dispatchError, error, `${tx.method.section}.${tx.method.method}`);
  }
  assert.ok((await api.query.system.authorizedUpgrade()).isNone);
});

test('a passed proposal of the founding DC upgrades the runtime', async () => {
  const { api } = chain;
  const { alice, bob, dave, eve } = keyring();
  const code = await runtimeCode(api);
  const codeHash = blake2AsHex(code, 256);
  const versionBefore = await api.rpc.state.getRuntimeVersion();

  const call = api.tx.foundingCooperative.dispatchAsRoot(api.tx.system.authorizeUpgradeWithoutChecks(codeHash));
  const proposed = await submit(api, api.tx.proofOfValue.propose(FOUNDERS, call), dave);
  assert.equal(proposed.dispatchError, null);
  const id = onlyEvent(proposed, api.events.proofOfValue.Proposed, 'Proposed').data.proposal.toNumber();
  for (const who of [alice, bob]) {
    assert.equal((await submit(api, api.tx.proofOfValue.evaluate(id, 1), who)).dispatchError, null);
  }
  // Closed in the first block that may close it, before that block's automatic closing would.
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  await createBlocks(api, proposed.blockNumber + EVALUATION_PERIOD - head);
  const closed = await submit(api, api.tx.proofOfValue.close(id), eve);
  assert.equal(closed.dispatchError, null);
  const root = onlyEvent(closed, api.events.foundingCooperative.RootDispatched, 'RootDispatched');
  assert.ok(root.data.result.isOk, root.data.result.toString());
  const authorized = onlyEvent(closed, api.events.system.UpgradeAuthorized, 'UpgradeAuthorized');
  assert.equal(authorized.data.codeHash.toHex(), codeHash);
  assert.ok(onlyEvent(closed, api.events.proofOfValue.ProposalEnacted, 'ProposalEnacted').data.result.isOk);
  const authorization = (await api.query.system.authorizedUpgrade.at(closed.blockHash)).unwrap();
  assert.equal(authorization.codeHash.toHex(), codeHash);

  // Anybody applies exactly the authorized code; a valid upgrade pays no fee.
  const applied = await submit(api, api.tx.system.applyAuthorizedUpgrade(code), eve);
  assert.equal(applied.dispatchError, null);
  const updated = onlyEvent(applied, api.events.system.CodeUpdated, 'CodeUpdated');
  // `data.hash` would be the codec's own hash of the event data: the field is read by position.
  assert.equal(updated.data[0].toHex(), codeHash);
  assert.ok((await api.query.system.authorizedUpgrade.at(applied.blockHash)).isNone);

  // The chain goes on with the code it was given.
  const transfer = await submit(api, api.tx.balances.transferKeepAlive(dave.address, 10n ** 12n), eve);
  assert.equal(transfer.dispatchError, null);
  const versionAfter = await api.rpc.state.getRuntimeVersion();
  assert.equal(versionAfter.specVersion.toNumber(), versionBefore.specVersion.toNumber());
});
