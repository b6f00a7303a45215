// The market's pools: which exist, what they hold, how a swap is routed and quoted, and the
// constant-product arithmetic the app shows before anything is signed. Quotes shown as binding
// come from the runtime (`AssetConversionApi`); the arithmetic here only explains them
// (prices, shares, the amount that matches a pool's ratio).

import type { ApiPromise } from '@polkadot/api';

import { groupDigits, minProceeds } from './format';

// Read without generated type augmentation, as in `chain.ts`: only this module touches the
// market's codecs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Codec = any;

/** An asset the market trades: `null` for the native currency, otherwise the DC whose token it is. */
export type AssetRef = number | null;

/** The asset as the chain's `NativeOrWithId` spells it. */
export function assetKind(a: AssetRef): 'Native' | { WithId: number } {
  return a === null ? 'Native' : { WithId: a };
}

/** A stable text form, for `<select>` values. */
export function assetKey(a: AssetRef): string {
  return a === null ? 'native' : String(a);
}

export function parseAssetKey(key: string): AssetRef {
  return key === 'native' ? null : Number(key);
}

/** A pool's assets in the chain's order: the native currency first, then DCs by id. */
export function orderPair(a: AssetRef, b: AssetRef): [AssetRef, AssetRef] {
  if (a === null) return [a, b];
  if (b === null) return [b, a];
  return a < b ? [a, b] : [b, a];
}

export function pairKey(a: AssetRef, b: AssetRef): string {
  const [x, y] = orderPair(a, b);
  return `${assetKey(x)}/${assetKey(y)}`;
}

export interface Pool {
  /** In the chain's order. */
  assets: [AssetRef, AssetRef];
  /** The pool's liquidity token (an asset of `PoolAssets`). */
  lpToken: number;
  /** What the pool holds of each asset, in `assets`' order. */
  reserves: [bigint, bigint];
  /** Liquidity tokens in existence, the pool's own locked ones included. */
  lpSupply: bigint;
}

function assetOf(kind: Codec): AssetRef {
  return kind.isNative ? null : Number(kind.asWithId.toString());
}

/** Every pool, with its reserves and liquidity-token supply. */
export async function listPools(api: ApiPromise): Promise<Pool[]> {
  const q: Codec = api.query;
  const entries: [Codec, Codec][] = await q.assetConversion.pools.entries();
  const pools = await Promise.all(
    entries.map(async ([key, value]) => {
      const [first, second] = key.args[0];
      const assets: [AssetRef, AssetRef] = [assetOf(first), assetOf(second)];
      const lpToken = Number(value.unwrap().lpToken.toString());
      const [reserves, asset] = await Promise.all([
        reservesOf(api, assets[0], assets[1]),
        q.poolAssets.asset(lpToken),
      ]);
      return {
        assets,
        lpToken,
        reserves: reserves ?? [0n, 0n],
        lpSupply: asset.isSome ? BigInt(asset.unwrap().supply.toString()) : 0n,
      } satisfies Pool;
    }),
  );
  return pools.sort((x, y) =>
    pairKey(...x.assets).localeCompare(pairKey(...y.assets), 'en', { numeric: true }),
  );
}

/** What the pool of `a` and `b` holds, in that order; `null` without a pool or liquidity. */
export async function reservesOf(
  api: ApiPromise,
  a: AssetRef,
  b: AssetRef,
): Promise<[bigint, bigint] | null> {
  const call: Codec = api.call;
  const reserves = await call.assetConversionApi.getReserves(assetKind(a), assetKind(b));
  if (reserves.isNone) return null;
  const [x, y] = reserves.unwrap();
  return [BigInt(x.toString()), BigInt(y.toString())];
}

/** What opening a pool costs, burned (the runtime's `PoolSetupFee`). */
export function poolSetupFee(api: ApiPromise): bigint {
  const c: Codec = api.consts;
  return BigInt(c.assetConversion.poolSetupFee.toString());
}

/** The liquidity tokens `who` holds of each pool's token. */
export async function liquidityOf(api: ApiPromise, who: string, lpTokens: number[]): Promise<bigint[]> {
  const q: Codec = api.query;
  const accounts: Codec[] = await Promise.all(lpTokens.map((id) => q.poolAssets.account(id, who)));
  return accounts.map((a) => (a.isSome ? BigInt(a.unwrap().balance.toString()) : 0n));
}

/**
 * The route of a swap from `from` to `to`: directly when a pool holds both, otherwise through
 * the native currency when both have a pool with it; `null` when no route exists.
 */
export function route(pools: Set<string>, from: AssetRef, to: AssetRef): AssetRef[] | null {
  if (from === to) return null;
  if (pools.has(pairKey(from, to))) return [from, to];
  if (from !== null && to !== null && pools.has(pairKey(from, null)) && pools.has(pairKey(null, to))) {
    return [from, null, to];
  }
  return null;
}

/** What `amountIn` at the start of `path` pays at its end now, hop by hop, as the runtime
 * quotes it (fees included); `null` if a hop can't be quoted (no liquidity, too large). */
export async function quoteRoute(
  api: ApiPromise,
  path: AssetRef[],
  amountIn: bigint,
): Promise<bigint | null> {
  const call: Codec = api.call;
  let amount = amountIn;
  for (let i = 0; i + 1 < path.length; i++) {
    const quote = await call.assetConversionApi.quotePriceExactTokensForTokens(
      assetKind(path[i]),
      assetKind(path[i + 1]),
      amount,
      true,
    );
    if (quote.isNone) return null;
    amount = BigInt(quote.unwrap().toString());
    if (amount === 0n) return null;
  }
  return amount;
}

/** The pools' fee: 0.3 % (the runtime's `LPFee`), in parts per million. */
export const POOL_FEE_PPM = 3_000n;

/** What `amountIn` buys from a pool holding `reserveIn` and `reserveOut`, rounded down as the
 * chain rounds: `in·(1 − fee)·reserveOut / (reserveIn + in·(1 − fee))`. */
export function amountOut(
  amountIn: bigint,
  reserveIn: bigint,
  reserveOut: bigint,
  feePpm = POOL_FEE_PPM,
): bigint {
  if (reserveIn === 0n || reserveOut === 0n) return 0n;
  const withFee = amountIn * (1_000_000n - feePpm);
  return (withFee * reserveOut) / (reserveIn * 1_000_000n + withFee);
}

/** The amount of the second asset that matches `amount1` of the first at the pool's ratio, as
 * the chain asks for it when liquidity is added (rounded down). */
export function matchingAmount(amount1: bigint, reserve1: bigint, reserve2: bigint): bigint {
  if (reserve1 === 0n) return 0n;
  return (amount1 * reserve2) / reserve1;
}

/** What burning `lp` of `supply` liquidity tokens withdraws from `reserves`, rounded down. */
export function withdrawal(lp: bigint, supply: bigint, reserves: [bigint, bigint]): [bigint, bigint] {
  if (supply === 0n) return [0n, 0n];
  return [(reserves[0] * lp) / supply, (reserves[1] * lp) / supply];
}

/** The liquidity tokens the first deposit into an empty pool mints: ⌊√(amount1·amount2)⌋ less
 * the 100 the pool keeps for ever (the runtime's `MintMinLiquidity`). */
export function firstLiquidity(amount1: bigint, amount2: bigint, locked = 100n): bigint {
  const root = sqrt(amount1 * amount2);
  return root > locked ? root - locked : 0n;
}

function sqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}

/** The price of one base unit of the second asset in base units of the first, as a `FixedU128`
 * inner value (× 10¹⁸), rounded down: the form the reserve's price cap takes. */
export function poolPrice(reserveFirst: bigint, reserveSecond: bigint): bigint {
  if (reserveSecond === 0n) return 0n;
  return (reserveFirst * 10n ** 18n) / reserveSecond;
}

/**
 * A pool's price of one whole `second` in units of `first`, for reading: rounded down to four
 * decimals, or to four significant digits below 1 (with "≈" when anything was cut off). The
 * binding amounts are the quotes; this only says where the price stands.
 */
export function formatPoolPrice(
  reserveFirst: bigint,
  reserveSecond: bigint,
  first: { decimals: number; symbol: string },
  second: { symbol: string; decimals: number },
): string {
  if (reserveSecond === 0n) return '—';
  // In `first`'s base units per whole `second`, with 18 more digits to cut from.
  const scaled = (reserveFirst * 10n ** BigInt(second.decimals + 18)) / reserveSecond;
  const digits = first.decimals + 18;
  const whole = scaled / 10n ** BigInt(digits);
  const fraction = (scaled % 10n ** BigInt(digits)).toString().padStart(digits, '0');
  const keep = whole > 0n ? 4 : Math.min(digits, (/^0*/.exec(fraction)?.[0].length ?? 0) + 4);
  const shown = fraction.slice(0, keep).replace(/0+$/, '');
  const exact = /^0*$/.test(fraction.slice(keep));
  const number = groupDigits(whole.toString()) + (shown ? `.${shown}` : '');
  return `${exact ? '' : '≈ '}${number} ${first.symbol} per ${second.symbol}`;
}

/** Where a pool's price of a DC token (in the DC's reserve asset) stands against its reserve:
 * above the cap selling tokens bought from the reserve pays, below the redemption price buying
 * tokens to redeem them pays, in between neither does. */
export function priceBand(
  price: bigint,
  cap: bigint,
  redemption: bigint,
): 'above-cap' | 'below-redemption' | 'between' {
  if (price > cap) return 'above-cap';
  if (price < redemption) return 'below-redemption';
  return 'between';
}

/**
 * The least a swap of quote `out` accepts at `slippage` (ppb), rounded down, but never nothing:
 * the chain refuses a limit of 0 (`ZeroAmount`), and one base unit is met by any quote.
 */
export function swapLimit(out: bigint, slippage: bigint): bigint {
  const least = minProceeds(out, slippage);
  return least > 0n ? least : 1n;
}
