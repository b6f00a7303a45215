// An account's page: its COV, its reputation (vested, pending and when it vests, at stake) and
// tokens in every DC, and its open evaluations with what each would pay now (`pending_reward`).

import { decodeAddress } from '@polkadot/util-crypto';

import {
  contributions,
  evaluationsOf,
  listDcs,
  nativeBalance,
  pendingReward,
  type Standing,
  standingOf,
  tokenBalances,
} from '../chain';
import { h, replace } from '../dom';
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
  replace(
    root,
    h('header', { class: 'page-head' }, h('h1', {}, ctx.names.get(address) ?? 'Account')),
    h('p', { class: 'muted' }, h('code', { id: 'account-address' }, address), copyButton(address)),
    balance,
    h('h2', {}, 'Reputation and tokens'),
    standings,
    h('h2', {}, 'Open evaluations'),
    evaluations,
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
