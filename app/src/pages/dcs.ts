// The DCs page: every DC with its token, total reputation, parameters in words and reserve.

import { type Dc, listDcs } from '../chain';
import { h, replace } from '../dom';
import { formatAmount, formatReputation } from '../format';
import { describeParameters } from '../parameters';
import { addressView, type Context } from '../ui';
import { reserveView } from './reserve';

export function dcsPage(ctx: Context, root: HTMLElement): { refresh(): Promise<void> } {
  const list = h('div', { id: 'dc-list', class: 'cards' }, 'Reading the DCs…');
  replace(
    root,
    h(
      'header',
      { class: 'page-head' },
      h('h1', {}, 'Decentralized cooperations'),
      h('a', { class: 'button primary', href: '#/create', id: 'create-dc-link' }, 'Create a DC'),
    ),
    list,
  );
  return {
    async refresh() {
      const dcs = await listDcs(ctx.api);
      if (dcs.length === 0) {
        replace(list, h('p', { class: 'empty' }, 'No DC exists yet on this chain. Create the first one.'));
        return;
      }
      const byId = new Map(dcs.map((d) => [d.id, d]));
      replace(
        list,
        dcs.map((dc) => dcCard(ctx, dc, byId)),
      );
    },
  };
}

function dcCard(ctx: Context, dc: Dc, dcs: Map<number, Dc>): HTMLElement {
  return h(
    'article',
    { class: 'card dc', 'data-dc': dc.id },
    h('h2', {}, h('a', { href: `#/dc/${dc.id}` }, dc.name), h('span', { class: 'muted' }, ` DC ${dc.id}`)),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Token'),
      h(
        'dd',
        {},
        `${dc.token.name} (${dc.token.symbol}), ${formatAmount(dc.supply, dc.token)} in circulation`,
      ),
      h('dt', {}, 'Total reputation'),
      h('dd', { class: 'total-reputation' }, formatReputation(dc.totalReputation)),
      h('dt', {}, 'Governed by'),
      h('dd', {}, dc.selfGoverned ? 'itself: its passed proposals' : addressView(ctx, dc.admin)),
    ),
    h(
      'ul',
      { class: 'rules' },
      describeParameters(dc.parameters, dc.epochLength, dc.token).map((line) => h('li', {}, line)),
    ),
    reserveView(ctx, dc, dcs),
  );
}
