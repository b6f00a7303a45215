// The market page (`#/trade`): every pool with what it holds, its price and where that price
// stands against the DC's reserve; swapping for the runtime's quote with a slippage limit; adding
// liquidity (opening the pool first when there is none) and withdrawing it.

import { type Dc, listDcs, nativeBalance, tokenBalances, type Token } from '../chain';
import { h, replace } from '../dom';
import {
  formatAmount,
  formatPrice,
  formatUnits,
  minProceeds,
  parsePercentToPerbill,
  parseUnits,
} from '../format';
import {
  type AssetRef,
  assetKey,
  assetKind,
  firstLiquidity,
  liquidityOf,
  listPools,
  matchingAmount,
  orderPair,
  pairKey,
  parseAssetKey,
  type Pool,
  formatPoolPrice,
  poolPrice,
  poolSetupFee,
  priceBand,
  quoteRoute,
  route,
  swapLimit,
  withdrawal,
} from '../pools';
import { type Context, field, type PreviewLine, tryAction } from '../ui';

interface View {
  dcs: Map<number, Dc>;
  pools: Pool[];
  pairs: Set<string>;
  /** The signer's liquidity tokens, by pool pair key. */
  liquidity: Map<string, bigint>;
  /** The signer's balances, by asset key. */
  balances: Map<string, bigint>;
}

export function tradePage(ctx: Context, root: HTMLElement): { refresh(): Promise<void> } {
  let view: View = { dcs: new Map(), pools: [], pairs: new Set(), liquidity: new Map(), balances: new Map() };

  const tokenOf = (a: AssetRef): Token =>
    a === null ? ctx.info.native : (view.dcs.get(a)?.token ?? { symbol: `DC ${a}`, decimals: 0 });
  const nameOf = (a: AssetRef): string =>
    a === null ? ctx.info.native.symbol : `${tokenOf(a).symbol} (DC ${a})`;
  const pairName = (a: AssetRef, b: AssetRef) => `${tokenOf(a).symbol}/${tokenOf(b).symbol}`;
  const poolOf = (a: AssetRef, b: AssetRef) =>
    view.pools.find((p) => pairKey(...p.assets) === pairKey(a, b)) ?? null;
  const me = () => {
    if (!ctx.account) throw new Error('Choose an account to sign with first (top right).');
    return ctx.account.address;
  };

  const poolList = h('div', { id: 'pool-list' }, 'Reading the pools…');

  // Swapping.
  const assetSelect = (id: string) => h('select', { id });
  const swapFrom = assetSelect('swap-from');
  const swapTo = assetSelect('swap-to');
  const swapAmount = h('input', { id: 'swap-amount', inputmode: 'decimal', size: '12', placeholder: '0' });
  const swapSlippage = h('input', { id: 'swap-slippage', value: '1', size: '4', inputmode: 'decimal' });
  const swapQuote = h('span', { id: 'swap-quote', class: 'muted' });
  const swapResult = h('div', { id: 'swap-result' });
  const swapQuoteOf = async () => {
    const from = parseAssetKey(swapFrom.value);
    const to = parseAssetKey(swapTo.value);
    if (from === to) throw new Error('Choose two different assets.');
    const path = route(view.pairs, from, to);
    if (!path)
      throw new Error(
        `No pool trades ${nameOf(from)} for ${nameOf(to)}, directly or through ${ctx.info.native.symbol}.`,
      );
    const amount = parseUnits(swapAmount.value, tokenOf(from).decimals);
    if (amount === 0n) throw new Error('Enter an amount above zero.');
    const out = await quoteRoute(ctx.api, path, amount);
    if (out === null) throw new Error('The pools can’t pay anything for this amount: too little liquidity.');
    const limit = swapLimit(out, parsePercentToPerbill(swapSlippage.value));
    return { from, to, path, amount, out, limit };
  };
  let swapAsked = 0;
  const showSwapQuote = () => {
    const ticket = ++swapAsked;
    swapQuoteOf().then(
      ({ to, out, limit }) =>
        ticket === swapAsked &&
        replace(
          swapQuote,
          `you get ${formatAmount(out, tokenOf(to))} now; at least ${formatAmount(limit, tokenOf(to))} with your limit`,
        ),
      () => ticket === swapAsked && replace(swapQuote),
    );
  };
  for (const el of [swapFrom, swapTo, swapAmount, swapSlippage]) el.addEventListener('input', showSwapQuote);
  const swapForm = h(
    'form',
    {
      class: 'form inline',
      id: 'swap-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        tryAction(ctx, swapResult, async () => {
          const q = await swapQuoteOf();
          const who = me();
          const lines: PreviewLine[] = [
            ['Route', q.path.map((a) => tokenOf(a).symbol).join(' → ')],
            ['You pay', formatAmount(q.amount, tokenOf(q.from))],
            ['You get now', formatAmount(q.out, tokenOf(q.to))],
            ['Your limit (at least)', formatAmount(q.limit, tokenOf(q.to))],
            [
              'Pools’ fee',
              `0.3 % of what enters each pool, ${q.path.length - 1 === 1 ? 'one pool' : 'two pools'}`,
            ],
          ];
          return {
            title: `Swap ${tokenOf(q.from).symbol} for ${tokenOf(q.to).symbol}`,
            lines,
            // Paying with the native currency keeps the account alive; a DC token may be spent
            // to the last unit.
            tx: ctx.api.tx.assetConversion.swapExactTokensForTokens(
              q.path.map(assetKind),
              q.amount,
              q.limit,
              who,
              q.from === null,
            ),
          };
        });
      },
    },
    field('Pay', swapAmount),
    field('in', swapFrom),
    field('for', swapTo),
    field('slippage limit (%)', swapSlippage),
    h('button', { type: 'submit', class: 'primary', id: 'swap-submit' }, 'Swap…'),
    swapQuote,
    swapResult,
  );

  // Adding liquidity.
  const addFirst = assetSelect('add-first');
  const addSecond = assetSelect('add-second');
  const addAmountFirst = h('input', {
    id: 'add-amount-first',
    inputmode: 'decimal',
    size: '12',
    placeholder: '0',
  });
  const addAmountSecond = h('input', {
    id: 'add-amount-second',
    inputmode: 'decimal',
    size: '12',
    placeholder: '0',
  });
  const addSlippage = h('input', { id: 'add-slippage', value: '1', size: '4', inputmode: 'decimal' });
  const addHint = h('span', { id: 'add-hint', class: 'muted' });
  const addResult = h('div', { id: 'add-result' });
  /** The pair in the chain's order, and the amounts typed for it. */
  const addInput = () => {
    const a = parseAssetKey(addFirst.value);
    const b = parseAssetKey(addSecond.value);
    if (a === b) throw new Error('A pool holds two different assets.');
    const [x, y] = orderPair(a, b);
    const amounts: Record<string, bigint> = {
      [assetKey(a)]: parseUnits(addAmountFirst.value, tokenOf(a).decimals),
      [assetKey(b)]: parseUnits(addAmountSecond.value, tokenOf(b).decimals),
    };
    return { a, b, x, y, amountX: amounts[assetKey(x)], amountY: amounts[assetKey(y)] };
  };
  // With liquidity in the pool, the second amount follows the first at the pool's ratio.
  const poolRatio = () => {
    const a = parseAssetKey(addFirst.value);
    const b = parseAssetKey(addSecond.value);
    const pool = a === b ? null : poolOf(a, b);
    if (!pool || pool.reserves[0] === 0n) return { a, b, pool, ratio: null };
    const ratio: [bigint, bigint] =
      pool.assets[0] === a ? pool.reserves : [pool.reserves[1], pool.reserves[0]];
    return { a, b, pool, ratio };
  };
  const showAddHint = () => {
    const { a, b, pool, ratio } = poolRatio();
    if (a === b) replace(addHint);
    else if (!pool) replace(addHint, 'No pool yet: adding opens it, and your amounts set its price.');
    else if (!ratio) replace(addHint, 'The pool is empty: your amounts set its price.');
    else
      replace(
        addHint,
        `The pool’s ratio now: ${formatPoolPrice(ratio[1], ratio[0], tokenOf(b), tokenOf(a))}.`,
      );
  };
  const fillSecond = () => {
    showAddHint();
    const { a, b, ratio } = poolRatio();
    if (!ratio) return;
    try {
      const amount = parseUnits(addAmountFirst.value, tokenOf(a).decimals);
      addAmountSecond.value = formatUnits(matchingAmount(amount, ratio[0], ratio[1]), tokenOf(b).decimals);
    } catch {
      // not an amount yet: the second one stays as typed
    }
  };
  addAmountFirst.addEventListener('input', fillSecond);
  addFirst.addEventListener('input', showAddHint);
  addSecond.addEventListener('input', showAddHint);
  const addForm = h(
    'form',
    {
      class: 'form inline',
      id: 'add-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        tryAction(ctx, addResult, () => {
          const who = me();
          const { x, y, amountX, amountY } = addInput();
          if (amountX === 0n || amountY === 0n) throw new Error('Enter both amounts, above zero.');
          const slippage = parsePercentToPerbill(addSlippage.value);
          const pool = poolOf(x, y);
          const empty = !pool || pool.reserves[0] === 0n;
          // Into an empty pool the amounts go as typed; otherwise the chain takes the pair that
          // matches the pool's ratio, no less than these minimums.
          const minX = empty ? amountX : minProceeds(amountX, slippage);
          const minY = empty ? amountY : minProceeds(amountY, slippage);
          const add = ctx.api.tx.assetConversion.addLiquidity(
            assetKind(x),
            assetKind(y),
            amountX,
            amountY,
            minX,
            minY,
            who,
          );
          const lines: PreviewLine[] = [
            [`${tokenOf(x).symbol} in`, formatAmount(amountX, tokenOf(x))],
            [`${tokenOf(y).symbol} in`, formatAmount(amountY, tokenOf(y))],
          ];
          if (empty) {
            lines.push([
              'Liquidity tokens',
              `about ${firstLiquidity(amountX, amountY)} (100 stay with the pool for ever)`,
            ]);
          } else {
            lines.push([
              'Your limits (at least)',
              `${formatAmount(minX, tokenOf(x))} and ${formatAmount(minY, tokenOf(y))}`,
            ]);
          }
          if (!pool) {
            const fee = poolSetupFee(ctx.api);
            lines.unshift([
              'Opening the pool',
              `${formatAmount(fee, ctx.info.native)}, burned, and a deposit for its liquidity token`,
            ]);
            return {
              title: `Open the ${pairName(x, y)} pool and add liquidity`,
              lines,
              tx: ctx.api.tx.utility.batchAll([
                ctx.api.tx.assetConversion.createPool(assetKind(x), assetKind(y)),
                add,
              ]),
            };
          }
          return { title: `Add liquidity to ${pairName(x, y)}`, lines, tx: add };
        });
      },
    },
    field('Add', addAmountFirst),
    field('of', addFirst),
    field('and', addAmountSecond),
    field('of', addSecond),
    field('slippage limit (%)', addSlippage),
    h('button', { type: 'submit', class: 'primary', id: 'add-submit' }, 'Add liquidity…'),
    addHint,
    addResult,
  );

  // Withdrawing liquidity.
  const removePool = h('select', { id: 'remove-pool' });
  const removeShare = h('input', { id: 'remove-share', value: '50', size: '4', inputmode: 'decimal' });
  const removeSlippage = h('input', { id: 'remove-slippage', value: '1', size: '4', inputmode: 'decimal' });
  const removeResult = h('div', { id: 'remove-result' });
  const removeForm = h(
    'form',
    {
      class: 'form inline',
      id: 'remove-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        tryAction(ctx, removeResult, () => {
          const who = me();
          const pool = view.pools.find((p) => pairKey(...p.assets) === removePool.value);
          if (!pool) throw new Error('You hold no liquidity tokens of any pool.');
          const held = view.liquidity.get(removePool.value) ?? 0n;
          const share = parsePercentToPerbill(removeShare.value);
          if (share === 0n || share > 1_000_000_000n)
            throw new Error('Withdraw a share above 0 % and at most 100 %.');
          const lp = (held * share) / 1_000_000_000n;
          if (lp === 0n) throw new Error('That share is less than one liquidity token.');
          const [x, y] = pool.assets;
          const [outX, outY] = withdrawal(lp, pool.lpSupply, pool.reserves);
          const slippage = parsePercentToPerbill(removeSlippage.value);
          const [minX, minY] = [minProceeds(outX, slippage), minProceeds(outY, slippage)];
          return {
            title: `Withdraw liquidity from ${pairName(x, y)}`,
            lines: [
              ['Liquidity tokens burned', `${lp} of your ${held}`],
              ['You get now', `${formatAmount(outX, tokenOf(x))} and ${formatAmount(outY, tokenOf(y))}`],
              [
                'Your limits (at least)',
                `${formatAmount(minX, tokenOf(x))} and ${formatAmount(minY, tokenOf(y))}`,
              ],
            ],
            tx: ctx.api.tx.assetConversion.removeLiquidity(assetKind(x), assetKind(y), lp, minX, minY, who),
          };
        });
      },
    },
    field('Withdraw (%)', removeShare),
    field('of my liquidity in', removePool),
    field('slippage limit (%)', removeSlippage),
    h('button', { type: 'submit', id: 'remove-submit' }, 'Withdraw…'),
    removeResult,
  );

  const balances = h('p', { id: 'market-balances', class: 'muted' });
  replace(
    root,
    h('header', { class: 'page-head' }, h('h1', {}, 'Market')),
    h(
      'p',
      { class: 'lead' },
      'Pools of COV and DC tokens, and between DCs: a swap only moves tokens, nothing is minted or burned. ',
      'Arbitrage with a DC’s reserve holds a pool’s price between the token’s redemption price and its price cap.',
    ),
    h('section', { id: 'pools' }, h('h2', {}, 'Pools'), poolList),
    h('section', { id: 'swap' }, h('h2', {}, 'Swap'), balances, swapForm),
    h('section', { id: 'liquidity' }, h('h2', {}, 'Liquidity'), addForm, removeForm),
  );

  const fillSelect = (select: HTMLSelectElement, options: [string, string][], fallback: string) => {
    const chosen = select.value;
    // Rebuilt when the options differ, not only their number: another account's pools, say.
    const shown = [...select.options].map((o) => `${o.value}\u0000${o.text}`).join('\u0001');
    if (shown !== options.map(([value, label]) => `${value}\u0000${label}`).join('\u0001')) {
      replace(
        select,
        options.map(([value, label]) => h('option', { value }, label)),
      );
    }
    select.value = options.some(([value]) => value === chosen) ? chosen : fallback;
  };

  return {
    async refresh() {
      const [dcs, pools] = await Promise.all([listDcs(ctx.api), listPools(ctx.api)]);
      const who = ctx.account?.address ?? null;
      const ids = dcs.map((d) => d.id);
      const [lp, tokens, cov] = who
        ? await Promise.all([
            liquidityOf(
              ctx.api,
              who,
              pools.map((p) => p.lpToken),
            ),
            tokenBalances(ctx.api, who, ids),
            nativeBalance(ctx.api, who),
          ])
        : [[], [], null];
      view = {
        dcs: new Map(dcs.map((d) => [d.id, d])),
        pools,
        pairs: new Set(pools.map((p) => pairKey(...p.assets))),
        liquidity: new Map(pools.map((p, i) => [pairKey(...p.assets), lp[i] ?? 0n])),
        balances: new Map<string, bigint>([
          ['native', cov?.free ?? 0n],
          ...ids.map((id, i) => [String(id), tokens[i] ?? 0n] as [string, bigint]),
        ]),
      };

      const assets: [string, string][] = [
        ['native', `${ctx.info.native.symbol} (the chain’s currency)`],
        ...dcs.map((d) => [String(d.id), `${d.token.symbol} (DC ${d.id})`] as [string, string]),
      ];
      fillSelect(swapFrom, assets, 'native');
      fillSelect(swapTo, assets, assets[1]?.[0] ?? 'native');
      fillSelect(addFirst, assets, 'native');
      fillSelect(addSecond, assets, assets[1]?.[0] ?? 'native');
      const mine = pools.filter((p) => (view.liquidity.get(pairKey(...p.assets)) ?? 0n) > 0n);
      fillSelect(
        removePool,
        mine.map((p) => [pairKey(...p.assets), pairName(...p.assets)]),
        mine[0] ? pairKey(...mine[0].assets) : '',
      );

      replace(
        balances,
        who
          ? `You hold ${[...view.balances.entries()]
              .filter(([key, amount]) => key === 'native' || amount > 0n)
              .map(([key, amount]) => formatAmount(amount, tokenOf(parseAssetKey(key))))
              .join(', ')}.`
          : 'Choose an account to trade with (top right).',
      );
      showAddHint();
      replace(
        poolList,
        pools.length
          ? poolTable(pools)
          : h(
              'p',
              { class: 'empty' },
              'No pool exists yet. Add liquidity to a pair below to open the first.',
            ),
      );
    },
  };

  function poolTable(pools: Pool[]): HTMLElement {
    return h(
      'table',
      { class: 'pools' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Pool'),
          h('th', {}, 'Holds'),
          h('th', {}, 'Price'),
          h('th', {}, 'Against the reserve'),
          h('th', {}, 'Your liquidity'),
        ),
      ),
      h(
        'tbody',
        {},
        pools.map((pool) => {
          const [x, y] = pool.assets;
          const [rx, ry] = pool.reserves;
          const key = pairKey(x, y);
          const held = view.liquidity.get(key) ?? 0n;
          return h(
            'tr',
            { 'data-pair': key, 'data-reserves': `${rx},${ry}` },
            h('td', {}, pairName(x, y)),
            h('td', {}, `${formatAmount(rx, tokenOf(x))} and ${formatAmount(ry, tokenOf(y))}`),
            h('td', { class: 'price' }, formatPoolPrice(rx, ry, tokenOf(x), tokenOf(y))),
            h('td', { class: 'band' }, bandOf(pool)),
            h('td', {}, held > 0n ? `${held} of ${pool.lpSupply} liquidity tokens` : '—'),
          );
        }),
      ),
    );
  }

  /** For a pool of a DC's token and that DC's reserve asset: where its price stands. */
  function bandOf(pool: Pool): string {
    for (const [side, other] of [
      [1, 0],
      [0, 1],
    ] as const) {
      const dcId = pool.assets[side];
      if (dcId === null) continue;
      const reserve = view.dcs.get(dcId)?.reserve;
      if (!reserve || reserve.assetDc !== pool.assets[other]) continue;
      const price = poolPrice(pool.reserves[other], pool.reserves[side]);
      const token = tokenOf(dcId);
      const asset = tokenOf(pool.assets[other]);
      const show = (inner: bigint) => `${formatPrice(inner, token.decimals, asset.decimals)} ${asset.symbol}`;
      const limits = `cap ${show(reserve.priceCap)}, redemption ${show(reserve.redemptionPrice)}`;
      switch (priceBand(price, reserve.priceCap, reserve.redemptionPrice)) {
        case 'above-cap':
          return `above the cap (${limits}): buying from the reserve and selling here pays`;
        case 'below-redemption':
          return `below the redemption price (${limits}): buying here and redeeming pays`;
        default:
          return `between the redemption price and the cap (${limits})`;
      }
    }
    return '—';
  }
}
