import { expect, test } from 'vitest';

import { contributionDeposit, dcDeposit, utf8Length } from '../src/deposits';

// The examples of docs/api.md, which the runtime's tests also price.
test('a DC named Makers with three members holds 100.0578 COV', () => {
  expect(dcDeposit(6, 3)).toBe(100_057_800_000_000n);
});

test('a contribution with a 16-byte URI, one contributor and six buckets holds 1.0508 COV', () => {
  expect(contributionDeposit(16, 1, 6)).toBe(1_050_800_000_000n);
});

test('list lengths take two bytes from 64 entries on', () => {
  expect(contributionDeposit(64, 1, 6) - contributionDeposit(63, 1, 6)).toBe(2n * 100_000_000n);
  expect(dcDeposit(64, 1) - dcDeposit(63, 1)).toBe(2n * 100_000_000n);
});

test('names are counted in UTF-8 bytes', () => {
  expect(utf8Length('Makers')).toBe(6);
  expect(utf8Length('Coopé')).toBe(6);
});
