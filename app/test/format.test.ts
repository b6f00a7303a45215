import { describe, expect, test } from 'vitest';

import {
  formatAmount,
  formatBlocks,
  formatPerbill,
  formatPermill,
  formatPrice,
  formatUnits,
  maxCost,
  minProceeds,
  parsePercentToPerbill,
  parsePercentToPermill,
  parsePrice,
  parseUnits,
  shortAddress,
} from '../src/format';

const COV = { symbol: 'COV', decimals: 12 };

describe('amounts', () => {
  test('with decimals, trailing zeros dropped and thousands grouped', () => {
    expect(formatUnits(1_050_800_000_000n, 12)).toBe('1.0508');
    expect(formatUnits(1_000_000n * 10n ** 12n, 12)).toBe('1,000,000');
    expect(formatUnits(100_057_800_000_000n, 12)).toBe('100.0578');
    expect(formatUnits(1n, 12)).toBe('0.000000000001');
    expect(formatUnits(0n, 12)).toBe('0');
    expect(formatUnits(1079n, 0)).toBe('1,079');
    expect(formatUnits(-30n, 0)).toBe('−30');
    expect(formatAmount(40n, { symbol: 'MKR', decimals: 0 })).toBe('40 MKR');
    expect(formatAmount(76_000_000_000n, COV)).toBe('0.076 COV');
  });

  test('typed amounts become base units exactly', () => {
    expect(parseUnits('2.5', 12)).toBe(2_500_000_000_000n);
    expect(parseUnits('1,000', 0)).toBe(1000n);
    expect(parseUnits(' .5 ', 1)).toBe(5n);
    expect(parseUnits('0.000000000001', 12)).toBe(1n);
    expect(parseUnits('340282366920938463463374607431768211455', 0)).toBe(2n ** 128n - 1n);
  });

  test('anything else is refused with a sentence', () => {
    expect(() => parseUnits('', 12)).toThrow('Enter an amount.');
    expect(() => parseUnits('-1', 12)).toThrow('is not an amount');
    expect(() => parseUnits('1e3', 12)).toThrow('is not an amount');
    expect(() => parseUnits('.', 12)).toThrow('is not an amount');
    expect(() => parseUnits('1.5', 0)).toThrow('This token has no decimals: enter a whole number.');
    expect(() => parseUnits('0.001', 2)).toThrow('This token has 2 decimals');
    // A comma is a thousands separator or a mistake, never a decimal point.
    expect(() => parseUnits('2,5', 12)).toThrow('write decimals with a point, as in 2.5');
    expect(() => parseUnits('1,00', 0)).toThrow('write decimals with a point');
    expect(parseUnits('1,000,000.5', 1)).toBe(10_000_005n);
  });
});

describe('shares and percentages', () => {
  test('parts per billion and per million as percentages', () => {
    expect(formatPerbill(500_000_000)).toBe('50%');
    expect(formatPerbill(100_000_000n)).toBe('10%');
    expect(formatPerbill(1_000_000_000)).toBe('100%');
    expect(formatPerbill(666_666_667)).toBe('66.6666667%');
    expect(formatPerbill(1)).toBe('0.0000001%');
    expect(formatPermill(1_000_000)).toBe('100%');
    expect(formatPermill(333_334)).toBe('33.3334%');
  });

  test('typed percentages become parts exactly, at most 100%', () => {
    expect(parsePercentToPerbill('50')).toBe(500_000_000n);
    expect(parsePercentToPerbill('12.5%')).toBe(125_000_000n);
    expect(parsePercentToPerbill('0.0000001')).toBe(1n);
    expect(() => parsePercentToPerbill('100.1')).toThrow('A share can be at most 100%.');
    expect(() => parsePercentToPerbill('0.00000001')).toThrow('at most 7 digits');
    expect(parsePercentToPermill('33.3334')).toBe(333_334n);
    expect(parsePercentToPermill('100')).toBe(1_000_000n);
  });
});

describe('prices', () => {
  test('a FixedU128 ratio of base units, per whole token in the reserve asset', () => {
    // 2.5 COV per token of a 0-decimal DC: 2.5 × 10¹² COV base units per token base unit.
    const inner = 2_500_000_000_000n * 10n ** 18n;
    expect(formatPrice(inner, 0, 12)).toBe('2.5');
    expect(parsePrice('2.5', 0, 12)).toBe(inner);
    // A 2-decimal token at 3 COV: 3 × 10¹² / 100 per base unit.
    expect(parsePrice('3', 2, 12)).toBe(30_000_000_000n * 10n ** 18n);
    expect(formatPrice(30_000_000_000n * 10n ** 18n, 2, 12)).toBe('3');
    // Priced in another DC's 1-decimal token: 2.5 of it is 25 of its base units.
    expect(parsePrice('2.5', 0, 1)).toBe(25n * 10n ** 18n);
    // In a 0-decimal DC token's reserve, prices finer than its base unit are kept exactly.
    expect(parsePrice('2.5', 0, 0)).toBe(25n * 10n ** 17n);
    expect(formatPrice(5n * 10n ** 17n, 0, 0)).toBe('0.5');
    expect(formatPrice(1n, 0, 12)).toBe('0.000000000000000000000000000001');
    expect(formatPrice(10n ** 18n, 0, 0)).toBe('1');
  });

  test('a price finer than a FixedU128 ratio can hold is refused', () => {
    expect(() => parsePrice('1', 19, 0)).toThrow('This price is finer than the chain can store.');
    expect(() => parsePrice('0.0000000000000000001', 0, 0)).toThrow(
      'This price is finer than the chain can store.',
    );
  });

  test('slippage limits: a buy’s maximum rounds up, a redemption’s minimum rounds down', () => {
    const onePercent = 10_000_000n;
    expect(maxCost(25n * 10n ** 12n, onePercent)).toBe(25_250_000_000_000n);
    expect(minProceeds(5n * 10n ** 12n, onePercent)).toBe(4_950_000_000_000n);
    // 17 × 1% = 0.17: the limits widen to whole base units, never narrow to none.
    expect(maxCost(17n, onePercent)).toBe(18n);
    expect(minProceeds(17n, onePercent)).toBe(16n);
    expect(maxCost(17n, 0n)).toBe(17n);
    expect(minProceeds(17n, 0n)).toBe(17n);
    expect(minProceeds(17n, 1_000_000_000n)).toBe(0n);
  });
});

describe('durations and addresses', () => {
  test('blocks as time at 6 s a block', () => {
    expect(formatBlocks(10)).toBe('1 minute');
    expect(formatBlocks(14_400)).toBe('1 day');
    expect(formatBlocks(600)).toBe('1 hour');
    expect(formatBlocks(100_800)).toBe('7 days');
    expect(formatBlocks(7)).toBe('42 seconds');
    expect(formatBlocks(15)).toBe('about 2 minutes');
    expect(formatBlocks(1)).toBe('6 seconds');
    expect(formatBlocks(0)).toBe('0 seconds');
  });

  test('short addresses keep both ends', () => {
    expect(shortAddress('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY')).toBe('5Grwva…utQY');
    expect(shortAddress('short')).toBe('short');
  });
});
