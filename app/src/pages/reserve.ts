// A DC's reserve in words: its price cap, what backs each token and the redemption price.

import type { Dc } from '../chain';
import { h } from '../dom';
import { formatAmount, formatPrice } from '../format';
import type { Context } from '../ui';

/** The token the reserve holds: the native currency or another DC's token. */
export function reserveToken(ctx: Context, dc: Dc, dcs: Map<number, Dc> = new Map()) {
  const assetDc = dc.reserve?.assetDc ?? null;
  if (assetDc === null) return ctx.info.native;
  const other = dcs.get(assetDc);
  return other ? other.token : { symbol: `DC ${assetDc} token`, decimals: 0 };
}

export function reserveView(ctx: Context, dc: Dc, dcs?: Map<number, Dc>): HTMLElement {
  const r = dc.reserve;
  if (!r) {
    return h(
      'p',
      { class: 'reserve none' },
      'No price cap yet: its tokens are not sold and can’t be redeemed until its admin sets one.',
    );
  }
  const asset = reserveToken(ctx, dc, dcs);
  const perToken = (inner: bigint) =>
    `${formatPrice(inner, dc.token.decimals, asset.decimals)} ${asset.symbol}`;
  // Backing per whole token: reserve / supply, in the asset's units, rounded down.
  const backing =
    r.supply === 0n
      ? 'nothing yet (no tokens in circulation)'
      : `${formatAmount((r.balance * 10n ** BigInt(dc.token.decimals)) / r.supply, asset)}`;
  return h(
    'dl',
    { class: 'facts reserve' },
    h('dt', {}, 'Price cap'),
    h('dd', { class: 'price-cap' }, `${perToken(r.priceCap)} per ${dc.token.symbol}`),
    h('dt', {}, 'Reserve'),
    h('dd', { class: 'reserve-balance' }, formatAmount(r.balance, asset)),
    h('dt', {}, 'Backing per token'),
    h('dd', {}, backing),
    h('dt', {}, 'Redemption price'),
    h('dd', { class: 'redemption-price' }, `${perToken(r.redemptionPrice)} per ${dc.token.symbol}`),
  );
}
