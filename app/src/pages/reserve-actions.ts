// A DC's reserve actions: its admin sets the price cap; anybody buys at the cap, redeems against
// the reserve and deposits revenue. Quotes come from the reserve's view functions, and buying and
// redeeming carry a slippage limit.

import { buyCost, type Dc, redeemProceeds } from '../chain';
import { h, replace } from '../dom';
import {
  formatAmount,
  formatPrice,
  maxCost,
  minProceeds,
  parsePercentToPerbill,
  parsePrice,
  parseUnits,
} from '../format';
import { type Context, field, message, tryAction } from '../ui';
import { reserveToken } from './reserve';

export function reserveSection(
  ctx: Context,
  root: HTMLElement,
  id: number,
): { update(dc: Dc, dcs: Map<number, Dc>): void } {
  let dc: Dc | null = null;
  let dcs = new Map<number, Dc>();

  // Setting the price cap (the admin).
  const capPrice = h('input', { id: 'cap-price', placeholder: '2.5', inputmode: 'decimal', size: '10' });
  const capAsset = h('select', { id: 'cap-asset' });
  const capResult = h('div', { id: 'cap-result' });
  const capForm = h(
    'form',
    {
      class: 'form inline',
      id: 'cap-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        tryAction(ctx, capResult, () => {
          if (!dc) throw new Error('The DC is still loading.');
          const assetDc = capAsset.value === 'native' ? null : Number(capAsset.value);
          const asset =
            assetDc === null ? ctx.info.native : (dcs.get(assetDc)?.token ?? { symbol: '?', decimals: 0 });
          const inner = parsePrice(capPrice.value, dc.token.decimals, asset.decimals);
          if (inner === 0n) throw new Error('A price cap must be above zero.');
          return {
            title: `Set ${dc.name}’s price cap`,
            lines: [
              [
                'Price cap',
                `${formatPrice(inner, dc.token.decimals, asset.decimals)} ${asset.symbol} per ${dc.token.symbol}`,
              ],
              [
                'Reserve asset',
                assetDc === null ? ctx.info.native.symbol : `${asset.symbol} (DC ${assetDc})`,
              ],
              [
                'Endowment (first time only)',
                'the reserve asset’s minimum balance, paid once into the reserve account to keep it alive',
              ],
            ],
            tx: ctx.api.tx.reserve.setPriceCap(
              dc.id,
              inner,
              assetDc === null ? 'Native' : { WithId: assetDc },
            ),
          };
        });
      },
    },
    field('Price cap per token', capPrice),
    field('paid in', capAsset),
    h('button', { type: 'submit', class: 'primary', id: 'cap-submit' }, 'Set the price cap…'),
    capResult,
  );

  // Buying, redeeming and depositing revenue.
  const amountInput = (idName: string) =>
    h('input', { id: idName, inputmode: 'decimal', size: '12', placeholder: '0' });
  const slippageInput = (idName: string) =>
    h('input', { id: idName, value: '1', size: '4', inputmode: 'decimal' });
  const buyAmount = amountInput('buy-amount');
  const buySlippage = slippageInput('buy-slippage');
  const buyQuote = h('span', { id: 'buy-quote', class: 'muted' });
  const buyResult = h('div', { id: 'buy-result' });
  const redeemAmount = amountInput('redeem-amount');
  const redeemSlippage = slippageInput('redeem-slippage');
  const redeemQuote = h('span', { id: 'redeem-quote', class: 'muted' });
  const redeemResult = h('div', { id: 'redeem-result' });
  const revenueAmount = amountInput('revenue-amount');
  const revenueResult = h('div', { id: 'revenue-result' });

  const quote = async (kind: 'buy' | 'redeem'): Promise<{ amount: bigint; value: bigint; limit: bigint }> => {
    if (!dc?.reserve)
      throw new Error('This DC has no price cap yet: its tokens can’t be bought or redeemed.');
    const amountText = kind === 'buy' ? buyAmount.value : redeemAmount.value;
    const amount = parseUnits(amountText, dc.token.decimals);
    if (amount === 0n) throw new Error('Enter an amount above zero.');
    const slippage = parsePercentToPerbill(kind === 'buy' ? buySlippage.value : redeemSlippage.value);
    const value =
      kind === 'buy' ? await buyCost(ctx.api, dc.id, amount) : await redeemProceeds(ctx.api, dc.id, amount);
    if (value === null) {
      throw new Error(
        kind === 'buy'
          ? 'The cost of this many tokens is too large.'
          : 'There are fewer tokens than this in circulation.',
      );
    }
    // The limit: at most `slippage` more than the quote for a buy (rounded up), at least
    // `slippage` less for a redemption (rounded down).
    const limit = kind === 'buy' ? maxCost(value, slippage) : minProceeds(value, slippage);
    return { amount, value, limit };
  };
  // Quotes answer in any order: only the latest one asked for is shown.
  const asked = { buy: 0, redeem: 0 };
  const showQuote = (kind: 'buy' | 'redeem') => {
    const target = kind === 'buy' ? buyQuote : redeemQuote;
    if (!dc) return;
    const asset = reserveToken(ctx, dc, dcs);
    const ticket = ++asked[kind];
    const latest = () => ticket === asked[kind];
    quote(kind).then(
      ({ value, limit }) =>
        latest() &&
        replace(
          target,
          kind === 'buy'
            ? `costs ${formatAmount(value, asset)}; at most ${formatAmount(limit, asset)} with your limit`
            : `pays ${formatAmount(value, asset)}; at least ${formatAmount(limit, asset)} with your limit`,
        ),
      () => latest() && replace(target),
    );
  };
  for (const [el, kind] of [
    [buyAmount, 'buy'],
    [buySlippage, 'buy'],
    [redeemAmount, 'redeem'],
    [redeemSlippage, 'redeem'],
  ] as const) {
    el.addEventListener('input', () => showQuote(kind));
  }

  const buyForm = h(
    'form',
    {
      class: 'form inline',
      id: 'buy-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        tryAction(ctx, buyResult, async () => {
          const q = await quote('buy');
          const d = dc as Dc;
          const asset = reserveToken(ctx, d, dcs);
          return {
            title: `Buy ${formatAmount(q.amount, d.token)}`,
            lines: [
              ['Cost now', formatAmount(q.value, asset)],
              ['Your limit (max cost)', formatAmount(q.limit, asset)],
            ],
            tx: ctx.api.tx.reserve.buy(d.id, q.amount, q.limit),
          };
        });
      },
    },
    field('Buy tokens', buyAmount),
    field('slippage limit (%)', buySlippage),
    h('button', { type: 'submit', class: 'primary', id: 'buy-submit' }, 'Buy…'),
    buyQuote,
    buyResult,
  );
  const redeemForm = h(
    'form',
    {
      class: 'form inline',
      id: 'redeem-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        tryAction(ctx, redeemResult, async () => {
          const q = await quote('redeem');
          const d = dc as Dc;
          const asset = reserveToken(ctx, d, dcs);
          return {
            title: `Redeem ${formatAmount(q.amount, d.token)}`,
            lines: [
              ['Tokens burned', formatAmount(q.amount, d.token)],
              ['Proceeds now', formatAmount(q.value, asset)],
              ['Your limit (min proceeds)', formatAmount(q.limit, asset)],
            ],
            tx: ctx.api.tx.reserve.redeem(d.id, q.amount, q.limit),
          };
        });
      },
    },
    field('Redeem tokens', redeemAmount),
    field('slippage limit (%)', redeemSlippage),
    h('button', { type: 'submit', class: 'primary', id: 'redeem-submit' }, 'Redeem…'),
    redeemQuote,
    redeemResult,
  );
  const revenueForm = h(
    'form',
    {
      class: 'form inline',
      id: 'revenue-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        tryAction(ctx, revenueResult, () => {
          if (!dc?.reserve)
            throw new Error('This DC has no price cap yet: it has no reserve to deposit into.');
          const asset = reserveToken(ctx, dc, dcs);
          const amount = parseUnits(revenueAmount.value, asset.decimals);
          if (amount === 0n) throw new Error('Enter an amount above zero.');
          return {
            title: `Deposit revenue into ${dc.name}’s reserve`,
            lines: [
              ['Payment', formatAmount(amount, asset)],
              ['What it does', 'raises what backs every token; nothing is minted'],
            ],
            tx: ctx.api.tx.reserve.depositRevenue(dc.id, amount),
          };
        });
      },
    },
    field('Deposit revenue', revenueAmount),
    h('button', { type: 'submit', id: 'revenue-submit' }, 'Deposit…'),
    revenueResult,
  );

  const adminBox = h('div', { id: 'admin-tools' });
  const tradeBox = h('div', { id: 'trade-tools' });
  replace(root, h('h2', {}, 'Tokens and reserve'), adminBox, tradeBox);

  return {
    update(next: Dc, all: Map<number, Dc>) {
      dc = next;
      dcs = all;
      const options = [
        ['native', `${ctx.info.native.symbol} (the chain’s currency)`],
        ...[...all.values()]
          .filter((d) => d.id !== id)
          .map((d) => [String(d.id), `${d.token.symbol} (DC ${d.id})`]),
      ];
      if (capAsset.options.length !== options.length) {
        const chosen = capAsset.value;
        replace(
          capAsset,
          options.map(([value, label]) => h('option', { value }, label)),
        );
        // The reserve's own asset first: changing only the cap must not change the asset.
        const current = next.reserve
          ? next.reserve.assetDc === null
            ? 'native'
            : String(next.reserve.assetDc)
          : '';
        capAsset.value = chosen || current || 'native';
      }
      const isAdmin = ctx.account?.address === next.admin;
      if (isAdmin && !adminBox.contains(capForm)) replace(adminBox, h('h3', {}, 'As the admin'), capForm);
      if (!isAdmin) {
        replace(
          adminBox,
          next.selfGoverned
            ? message('info', 'The DC governs itself: its price cap changes by a passed proposal.')
            : message('info', 'Only the DC’s admin sets its price cap.'),
        );
      }
      if (next.reserve) {
        if (!tradeBox.contains(buyForm)) replace(tradeBox, buyForm, redeemForm, revenueForm);
      } else {
        replace(
          tradeBox,
          message(
            'info',
            'With a price cap, its tokens can be bought here and redeemed against the reserve.',
          ),
        );
      }
    },
  };
}
