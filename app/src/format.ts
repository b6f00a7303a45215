// Formatting of the chain's integers for people: amounts with their token's decimals and
// symbol, parts per billion as percentages, prices, blocks as durations. Every function here is
// exact: amounts are bigints and nothing goes through floating point.

/** Groups the digits of a non-negative integer string by thousands: "1000000" → "1,000,000". */
export function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A base-unit amount written with `decimals` decimals, trailing zeros dropped:
 * `formatUnits(1_050_800_000_000n, 12)` is "1.0508", `formatUnits(1_000_000n * 10n ** 12n, 12)`
 * is "1,000,000".
 */
export function formatUnits(amount: bigint, decimals: number): string {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const scale = 10n ** BigInt(decimals);
  const whole = groupDigits((abs / scale).toString());
  const fraction = decimals > 0 ? (abs % scale).toString().padStart(decimals, '0').replace(/0+$/, '') : '';
  return (negative ? '−' : '') + whole + (fraction ? `.${fraction}` : '');
}

/** An amount of a token: "1.0508 COV", "40 MKR". */
export function formatAmount(amount: bigint, token: { decimals: number; symbol: string }): string {
  return `${formatUnits(amount, token.decimals)} ${token.symbol}`;
}

/** Reputation is a plain integer: "1,079". */
export function formatReputation(amount: bigint): string {
  return formatUnits(amount, 0);
}

/**
 * Reads a decimal amount typed by a person ("2.5", "1,000", "0.001") as base units with
 * `decimals` decimals. Throws an `Error` whose message is a sentence on anything else, on more
 * decimals than the token has, and on negative numbers.
 */
export function parseUnits(text: string, decimals: number): bigint {
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new Error('Enter an amount.');
  }
  // Commas only as thousands separators ("1,000.5"); "2,5" would silently be 25.
  if (trimmed.includes(',') && !/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(trimmed)) {
    throw new Error(`“${trimmed}” is not an amount: write decimals with a point, as in 2.5.`);
  }
  const cleaned = trimmed.replace(/[,_\s]/g, '');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) {
    throw new Error(`“${trimmed}” is not an amount: write digits, with a point for decimals.`);
  }
  const whole = match[1] || '0';
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) {
    throw new Error(
      decimals === 0
        ? 'This token has no decimals: enter a whole number.'
        : `This token has ${decimals} decimals: enter at most ${decimals} digits after the point.`,
    );
  }
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

const BILLION = 1_000_000_000n;

/** Parts per billion as a percentage, exact, trailing zeros dropped: 500000000 → "50%",
 * 666666667 → "66.6666667%". */
export function formatPerbill(parts: bigint | number): string {
  return `${formatUnits(BigInt(parts) * 100n, 9)}%`;
}

/** Parts per million (contributor shares) as a percentage: 1000000 → "100%", 333334 → "33.3334%". */
export function formatPermill(parts: bigint | number): string {
  return `${formatUnits(BigInt(parts) * 100n, 6)}%`;
}

/** A percentage typed by a person ("50", "12.5%") as parts per billion; throws a sentence. */
export function parsePercentToPerbill(text: string): bigint {
  const parts = parseUnits(text.replace(/%\s*$/, ''), 7);
  if (parts > BILLION) {
    throw new Error('A share can be at most 100%.');
  }
  return parts;
}

/** A percentage typed by a person as parts per million (contributor shares); throws a sentence. */
export function parsePercentToPermill(text: string): bigint {
  const parts = parseUnits(text.replace(/%\s*$/, ''), 4);
  if (parts > 1_000_000n) {
    throw new Error('A share can be at most 100%.');
  }
  return parts;
}

/**
 * A price kept as a `FixedU128` ratio of base units — reserve-asset base units per token base
 * unit, as the reserve stores it — written per whole token in the reserve asset's units, exactly:
 * with a 0-decimal token and COV (12 decimals), the inner value 2.5 × 10³⁰ is "2.5"; with a
 * 0-decimal token in a 0-decimal token's reserve, the inner value 5 × 10¹⁷ is "0.5".
 */
export function formatPrice(inner: bigint, tokenDecimals: number, assetDecimals: number): string {
  // per whole token, in asset base units × 10¹⁸ = inner · 10^tokenDecimals
  return formatUnits(inner * 10n ** BigInt(tokenDecimals), assetDecimals + 18);
}

/**
 * The inverse of `formatPrice`: a price per whole token typed in the reserve asset's units, as
 * the `FixedU128` inner value `set_price_cap` takes. Throws a sentence when it is not an amount
 * or when the price is finer than a `FixedU128` ratio can hold.
 */
export function parsePrice(text: string, tokenDecimals: number, assetDecimals: number): bigint {
  let scaled: bigint;
  try {
    scaled = parseUnits(text, assetDecimals + 18);
  } catch (error) {
    if ((error as Error).message.startsWith('This token has')) {
      throw new Error('This price is finer than the chain can store.');
    }
    throw error;
  }
  const divisor = 10n ** BigInt(tokenDecimals);
  if (scaled % divisor !== 0n) {
    throw new Error('This price is finer than the chain can store.');
  }
  return scaled / divisor;
}

/** The most a buy may cost with a slippage limit of `slippage` parts per billion: the quote plus
 * that share of it, rounded up (`max_cost`). */
export function maxCost(quote: bigint, slippage: bigint): bigint {
  return quote + (quote * slippage + BILLION - 1n) / BILLION;
}

/** The least a redemption may pay with a slippage limit of `slippage` parts per billion: the
 * quote less that share of it, rounded down (`min_proceeds`). */
export function minProceeds(quote: bigint, slippage: bigint): bigint {
  return (quote * (BILLION - slippage)) / BILLION;
}

/** Seconds per block on Covalue's chains (Aura, 6 s). */
export const BLOCK_SECONDS = 6;

/** A number of blocks as a rough duration: 10 → "1 minute", 14400 → "1 day", 7 → "42 seconds". */
export function formatBlocks(blocks: number | bigint, blockSeconds = BLOCK_SECONDS): string {
  const seconds = Number(blocks) * blockSeconds;
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  for (const [size, name] of units) {
    if (seconds >= size) {
      const exact = seconds % size === 0;
      const count = exact ? seconds / size : Math.round(seconds / size);
      return `${exact ? '' : 'about '}${count} ${name}${count === 1 ? '' : 's'}`;
    }
  }
  return '0 seconds';
}

/** "1 block", "10 blocks". */
export function plural(count: number | bigint, noun: string): string {
  const n = typeof count === 'bigint' ? count : BigInt(count);
  return `${groupDigits(n.toString())} ${noun}${n === 1n ? '' : 's'}`;
}

/** An address shortened for tables: "5Grwva…utQY". */
export function shortAddress(address: string): string {
  return address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}
