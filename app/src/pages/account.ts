// An account's page: its COV, its reputation (vested, pending and when it vests, at stake) and
// tokens in every DC, and its open evaluations with what each would pay now (`pending_reward`).

import { decodeAddress } from '@polkadot/util-crypto';

import {
  contributions,
  type Dc as DcSummary,
  evaluationsOf,
  listDcs,
  nativeBalance,
  pendingReward,
  type Standing,
  standingOf,
  tokenBalances,
} from '../chain';
import { h, replace, svg } from '../dom';
import { changesOf, describeChange, START_INDEXER } from '../history';
import { timelineChart } from '../timeline';
import { formatAmount, formatBlocks, formatReputation } from '../format';
import { type Context, copyButton, message, native } from '../ui';

export function accountPage(ctx: Context, root: HTMLElement, address: string): { refresh(): Promise<void> } {
  try {
    decodeAddress(address);
  } catch {
    replace(root, h('h1', {}, 'Account'), message('error', `“${address}” is not an account address.`));
    return { async refresh() {} };
  }
  const balance = h('dl', { class: 'facts', id: 'account-balance' });
  const standings = h('div', { id: 'account-dcs' });
  const evaluations = h('div', { id: 'account-evaluations' });
  const history = h('div', { id: 'account-history' });
  replace(
    root,
    h('header', { class: 'page-head' }, h('h1', {}, ctx.names.get(address) ?? 'Account')),
    h('p', { class: 'muted' }, h('code', { id: 'account-address' }, address), copyButton(address)),
    balance,
    h('h2', {}, 'Reputation and tokens'),
    standings,
    h('h2', {}, 'Open evaluations'),
    evaluations,
    h('h2', {}, 'History'),
    history,
  );
  return {
    async refresh() {
      const [dcs, cov, list] = await Promise.all([
        listDcs(ctx.api),
        nativeBalance(ctx.api, address),
        contributions(ctx.api, ctx.now),
      ]);
      const [tokens, standingList] = await Promise.all([
        tokenBalances(
          ctx.api,
          address,
          dcs.map((d) => d.id),
        ),
        Promise.all(dcs.map((d) => standingOf(ctx.api, d.id, address, ctx.now))),
      ]);
      replace(
        balance,
        h('dt', {}, ctx.info.native.symbol),
        h('dd', { id: 'account-free' }, `${native(ctx, cov.free)} free`),
        h('dt', {}, 'Held'),
        h('dd', {}, `${native(ctx, cov.reserved)} (deposits)`),
      );
      const rows = dcs
        .map((dc, i) => ({ dc, standing: standingList[i], tokens: tokens[i] }))
        .filter((r) => r.standing.total > 0n || r.tokens > 0n);
      replace(
        standings,
        rows.length === 0
          ? h('p', { class: 'empty' }, 'No reputation and no tokens in any DC yet.')
          : h(
              'table',
              { class: 'members', id: 'account-standings' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  h('th', {}, 'DC'),
                  h('th', { class: 'num' }, 'Reputation'),
                  h('th', { class: 'num' }, 'Vested'),
                  h('th', { class: 'num' }, 'At stake'),
                  h('th', {}, 'Pending'),
                  h('th', { class: 'num' }, 'Tokens'),
                ),
              ),
              h(
                'tbody',
                {},
                rows.map(({ dc, standing, tokens: held }) =>
                  h(
                    'tr',
                    { 'data-dc': dc.id },
                    h('td', {}, h('a', { href: `#/dc/${dc.id}` }, dc.name)),
                    h('td', { class: 'num reputation' }, formatReputation(standing.total)),
                    h('td', { class: 'num vested' }, formatReputation(standing.vested)),
                    h('td', { class: 'num escrowed' }, formatReputation(standing.escrowed)),
                    h('td', { class: 'pending' }, pendingText(ctx, standing)),
                    h('td', { class: 'num tokens' }, formatAmount(held, dc.token)),
                  ),
                ),
              ),
            ),
      );

      await showHistory(ctx, history, address, dcs);

      const open = list.filter((c) => c.state !== 'closed');
      const found = await evaluationsOf(
        ctx.api,
        address,
        open.map((c) => c.id),
      );
      const rewards = await Promise.all(found.map((e) => pendingReward(ctx.api, e.contribution, address)));
      const byId = new Map(list.map((c) => [c.id, c]));
      const dcById = new Map(dcs.map((d) => [d.id, d]));
      replace(
        evaluations,
        found.length === 0
          ? h('p', { class: 'empty' }, 'None: no stake of this account is held by an open contribution.')
          : h(
              'table',
              { class: 'members', id: 'account-open-evaluations' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  h('th', {}, 'Contribution'),
                  h('th', { class: 'num' }, 'Score'),
                  h('th', { class: 'num' }, 'Weight'),
                  h('th', { class: 'num' }, 'Stake'),
                  h('th', { class: 'num' }, 'Would pay now'),
                  h('th', {}, ''),
                ),
              ),
              h(
                'tbody',
                {},
                found.map((e, i) => {
                  const c = byId.get(e.contribution);
                  const dc = c ? dcById.get(c.dc) : undefined;
                  const reward = rewards[i];
                  return h(
                    'tr',
                    { 'data-contribution': e.contribution },
                    h(
                      'td',
                      {},
                      h(
                        'a',
                        { href: `#/dc/${c?.dc ?? 0}` },
                        `${c?.kind === 'Proposal' ? 'Proposal' : 'Contribution'} ${e.contribution}`,
                      ),
                      dc ? ` in ${dc.name}` : '',
                    ),
                    h('td', { class: 'num' }, String(e.score)),
                    h('td', { class: 'num' }, formatReputation(e.weight)),
                    h('td', { class: 'num' }, formatReputation(e.stake)),
                    h('td', { class: 'num payout' }, reward ? formatReputation(reward.payout) : '—'),
                    h(
                      'td',
                      { class: 'muted' },
                      reward
                        ? reward.accrued + reward.potShare > 0n
                          ? `aligned with the median now: ${formatReputation(reward.accrued)} accrued from later stakes + ${formatReputation(reward.potShare)} of the pot`
                          : reward.payout === reward.stake
                            ? 'no median yet: the stake would come back'
                            : 'not aligned with the median now: the stake would be lost'
                        : '',
                    ),
                  );
                }),
              ),
            ),
      );
    },
  };
}

function pendingText(ctx: Context, standing: Standing): HTMLElement | string {
  if (standing.pending.length === 0) return '—';
  return h(
    'span',
    {},
    standing.pending.map((p, i) => [
      i ? '; ' : '',
      `${formatReputation(p.amount)} at block ${p.vestsAt} (${formatBlocks(Math.max(0, p.vestsAt - ctx.now))})`,
    ]),
  );
}

/** The most recent changes the record lists per DC; the charts show them all. */
const RECORD_ROWS = 50;

/** The account's record of actions and its reputation and tokens over time, per DC, from the indexer. */
async function showHistory(
  ctx: Context,
  root: HTMLElement,
  address: string,
  dcs: DcSummary[],
): Promise<void> {
  if (!ctx.indexer) {
    replace(root, message('info', START_INDEXER));
    return;
  }
  let changes;
  try {
    changes = await changesOf(ctx.indexer, address);
  } catch (error) {
    replace(root, message('error', `No history: ${(error as Error).message}.`));
    return;
  }
  if (changes.length === 0) {
    replace(root, h('p', { class: 'empty' }, 'The indexer has no action of this account in any DC.'));
    return;
  }
  const byDc = new Map<number, typeof changes>();
  for (const c of changes) {
    if (!byDc.has(c.dc)) byDc.set(c.dc, []);
    byDc.get(c.dc)?.push(c);
  }
  const dcById = new Map(dcs.map((d) => [d.id, d]));
  replace(
    root,
    [...byDc].map(([dc, list]) => {
      const summary = dcById.get(dc);
      const token = summary?.token ?? { decimals: 0, symbol: 'tokens' };
      const tokens = (v: bigint) => formatAmount(v, token);
      const recent = list.slice(-RECORD_ROWS).reverse();
      return h(
        'section',
        { class: 'history', 'data-dc': dc },
        h('h3', {}, h('a', { href: `#/dc/${dc}` }, summary?.name ?? `DC ${dc}`)),
        h(
          'div',
          { class: 'charts' },
          svg(
            timelineChart({
              id: `reputation-over-time-${dc}`,
              title: 'Reputation',
              points: list.map((c) => ({ block: c.block, value: c.reputation })),
              until: ctx.now,
              format: formatReputation,
              tone: 'reputation',
            }),
          ),
          svg(
            timelineChart({
              id: `tokens-over-time-${dc}`,
              title: token.symbol,
              points: list.map((c) => ({ block: c.block, value: c.tokens })),
              until: ctx.now,
              format: tokens,
              tone: 'tokens',
            }),
          ),
        ),
        h(
          'table',
          { class: 'members record' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { class: 'num' }, 'Block'),
              h('th', {}, 'What happened'),
              h('th', { class: 'num' }, 'Reputation'),
              h('th', { class: 'num' }, 'At stake'),
              h('th', { class: 'num' }, token.symbol),
            ),
          ),
          h(
            'tbody',
            {},
            recent.map((c) =>
              h(
                'tr',
                { 'data-cause': c.cause },
                h('td', { class: 'num' }, String(c.block)),
                h('td', {}, describeChange(c, formatReputation, tokens)),
                h('td', { class: 'num' }, formatReputation(c.reputation)),
                h('td', { class: 'num' }, formatReputation(c.atStake)),
                h('td', { class: 'num' }, tokens(c.tokens)),
              ),
            ),
          ),
        ),
        list.length > RECORD_ROWS
          ? h('p', { class: 'muted' }, `The ${RECORD_ROWS} most recent of ${list.length} changes.`)
          : null,
      );
    }),
  );
}
