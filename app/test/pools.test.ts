import { describe, expect, test } from 'vitest';

import {
  amountOut,
  firstLiquidity,
  formatPoolPrice,
  matchingAmount,
  orderPair,
  pairKey,
  poolPrice,
  priceBand,
  route,
  swapLimit,
  withdrawal,
} from '../src/pools';

const COV = 10n ** 12n;
const TOKEN = 10n ** 6n;

describe('pairs', () => {
  test('are ordered as the chain orders them: the native currency first, then DCs by id', () => {
    expect(orderPair(3, null)).toEqual([null, 3]);
    expect(orderPair(null, 3)).toEqual([null, 3]);
    expect(orderPair(7, 2)).toEqual([2, 7]);
    expect(pairKey(7, 2)).toBe('2/7');
    expect(pairKey(0, null)).toBe('native/0');
  });

  test('a swap goes directly, else through the native currency, else nowhere', () => {
    const pools = new Set(['native/0', 'native/1', '0/2']);
    expect(route(pools, 0, null)).toEqual([0, null]);
    expect(route(pools, 2, 0)).toEqual([2, 0]);
    expect(route(pools, 0, 1)).toEqual([0, null, 1]);
    expect(route(pools, 1, 2)).toBeNull();
    expect(route(pools, null, 2)).toBeNull();
    expect(route(pools, 0, 0)).toBeNull();
  });
});

describe('constant-product arithmetic, rounded as the chain rounds', () => {
  // The pools of the runtime's tests and of e2e/tests/market.test.js.
  test('100 tokens into 1,000 tokens and 3,000 COV pay what the runtime quotes', () => {
    expect(amountOut(100n * TOKEN, 1_000n * TOKEN, 3_000n * COV)).toBe(271_983_268_164_044n);
    expect(amountOut(50n * TOKEN, 2_000n * TOKEN, 4_000n * TOKEN)).toBe(97_275_410n);
    expect(amountOut(1n, 0n, 5n)).toBe(0n);
  });

  test('the first deposit mints √(a·b) liquidity tokens less the 100 the pool keeps', () => {
    expect(firstLiquidity(3_000n * COV, 1_000n * TOKEN)).toBe(1_732_050_807_468n);
    expect(firstLiquidity(10n, 10n)).toBe(0n);
  });

  test('liquidity added at the pool’s ratio, and withdrawn as a share of both reserves', () => {
    expect(matchingAmount(300n * COV, 3_000n * COV, 1_000n * TOKEN)).toBe(100n * TOKEN);
    expect(matchingAmount(1n, 3n, 1n)).toBe(0n);
    const reserves: [bigint, bigint] = [2_858_313_179_838_820n, 1_050n * TOKEN];
    expect(withdrawal(866_025_403_734n, 1_732_050_807_568n, reserves)).toEqual([
      1_429_156_589_836_897n,
      524_999_999n,
    ]);
    expect(withdrawal(1n, 0n, reserves)).toEqual([0n, 0n]);
  });

  test('a pool’s price against a DC’s cap and redemption price', () => {
    // 3,000 COV for 1,000 tokens of six decimals: 3,000,000 COV base units per token base unit.
    const price = poolPrice(3_000n * COV, 1_000n * TOKEN);
    expect(price).toBe(3_000_000n * 10n ** 18n);
    const cap = 2_000_000n * 10n ** 18n;
    expect(priceBand(price, cap, cap)).toBe('above-cap');
    expect(priceBand(cap - 1n, cap, cap / 2n)).toBe('between');
    expect(priceBand(cap, cap, cap)).toBe('between');
    expect(priceBand(cap / 2n - 1n, cap, cap / 2n)).toBe('below-redemption');
    expect(poolPrice(1n, 0n)).toBe(0n);
  });

  test('a pool’s price for reading: exact when it is, else four decimals or four significant digits', () => {
    const cov = { symbol: 'COV', decimals: 12 };
    const mkr = { symbol: 'MKR', decimals: 0 };
    const a = { symbol: 'A', decimals: 0 };
    const b = { symbol: 'B', decimals: 0 };
    expect(formatPoolPrice(60n * COV, 20n, cov, mkr)).toBe('3 COV per MKR');
    expect(formatPoolPrice(48_028_817_290_375n, 25n, cov, mkr)).toBe('≈ 1.9211 COV per MKR');
    expect(formatPoolPrice(5n, 2n, a, b)).toBe('2.5 A per B');
    expect(formatPoolPrice(1n, 3n, a, b)).toBe('≈ 0.3333 A per B');
    expect(formatPoolPrice(1n, 3_000n, a, b)).toBe('≈ 0.0003333 A per B');
    expect(formatPoolPrice(3_000_000n * COV, 1n, cov, mkr)).toBe('3,000,000 COV per MKR');
    expect(formatPoolPrice(1n, 0n, a, b)).toBe('—');
  });
});

test('a swap limit rounds down by the slippage but never to nothing', () => {
  expect(swapLimit(1_000n, 10_000_000n)).toBe(990n); // 1 %
  expect(swapLimit(17n, 10_000_000n)).toBe(16n);
  expect(swapLimit(5n, 1_000_000_000n)).toBe(1n); // 100 %: anything, but not 0
  expect(swapLimit(1n, 500_000_000n)).toBe(1n);
});
