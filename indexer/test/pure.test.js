// The indexer's pure parts, on the compiled output (npm run build first).
const assert = require('node:assert/strict');
const { test } = require('node:test');

const { redemptionPrice } = require('../lib/mapping.js');
const { address, dispatchError, json, publicKeyOf, text } = require('../lib/decode.js');

const ONE = 10n ** 18n;

test('the redemption price is min(cap, reserve / supply), rounded down, and null without a cap or tokens', () => {
  assert.equal(redemptionPrice(2n * ONE, 1_000n, 100n), 2n * ONE); // the reserve backs 10 per token: the cap
  assert.equal(redemptionPrice(2n * ONE, 150n, 100n), (3n * ONE) / 2n); // 1.5 per token
  assert.equal(redemptionPrice(2n * ONE, 1n, 3n), 333_333_333_333_333_333n); // rounded down
  assert.equal(redemptionPrice(2n * ONE, 0n, 100n), 0n);
  assert.equal(redemptionPrice(null, 1_000n, 100n), null);
  assert.equal(redemptionPrice(2n * ONE, 1_000n, 0n), null);
});

test('accounts are SS58 addresses with prefix 42, and back', () => {
  // Alice's sr25519 development key.
  const alice = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
  assert.equal(address(alice), '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
  assert.equal(publicKeyOf('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'), alice);
});

test('bytes as text, values as JSON, dispatch results as errors', () => {
  assert.equal(text('0x4d616b657273'), 'Makers');
  assert.equal(text('0x'), '');
  assert.deepEqual(json({ quorum: 500_000_000, tokenPerPoint: 10n ** 30n, nested: [1n] }), {
    quorum: 500_000_000,
    tokenPerPoint: '1000000000000000000000000000000',
    nested: ['1'],
  });
  assert.equal(dispatchError({ __kind: 'Ok' }), null);
  assert.equal(dispatchError({ __kind: 'Err', value: { __kind: 'BadOrigin' } }), '{"__kind":"BadOrigin"}');
  assert.equal(
    dispatchError({ __kind: 'Err', value: { __kind: 'Module', value: { index: 9, error: '0x03000000' } } }),
    'Module(9, 0x03000000)',
  );
  const names = (index) => (index === 21 ? 'Cooperatives' : undefined);
  assert.equal(
    dispatchError(
      { __kind: 'Err', value: { __kind: 'Module', value: { index: 21, error: '0x01000000' } } },
      names,
    ),
    'Module(Cooperatives, 0x01000000)',
  );
});
