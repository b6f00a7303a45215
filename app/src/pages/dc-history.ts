// A DC's history from the indexer: its reputation (issued and burned), token supply, reserve and
// redemption price over time, and the whole story of its past contributions — who evaluated
// when, with what, and what each got — also of those the chain has cleaned up.

import type { Dc } from '../chain';
import { h, replace, svg } from '../dom';
import { formatAmount, formatPermill, formatPrice, formatReputation } from '../format';
import { historyOf, type Snapshot, START_INDEXER, type Story, storiesOf } from '../history';
import { timelineChart } from '../timeline';
import { type Context, addressView, message } from '../ui';
import { reserveToken } from './reserve';

export async function showDcHistory(
  ctx: Context,
  root: HTMLElement,
  dc: Dc,
  dcs: Map<number, Dc>,
): Promise<void> {
  if (!ctx.indexer) {
    replace(root, message('info', START_INDEXER));
    return;
  }
  let snapshots: Snapshot[], stories: Story[];
  try {
    [snapshots, stories] = await Promise.all([historyOf(ctx.indexer, dc.id), storiesOf(ctx.indexer, dc.id)]);
  } catch (error) {
    replace(root, message('error', `No history: ${(error as Error).message}.`));
    return;
  }
  // A refresh at every block must not close the stories the reader opened.
  const opened = new Set(
    [...root.querySelectorAll<HTMLElement>('details.story[open]')].map((d) => d.dataset.contribution),
  );
  const asset = reserveToken(ctx, dc, dcs);
  const tokens = (v: bigint) => formatAmount(v, dc.token);
  const chart = (
    id: string,
    title: string,
    tone: string,
    value: (s: Snapshot) => bigint | null,
    format: (v: bigint) => string,
  ) => {
    const points = snapshots.flatMap((s) => {
      const v = value(s);
      return v === null ? [] : [{ block: s.block, value: v }];
    });
    return svg(timelineChart({ id, title, points, until: ctx.now, format, tone }));
  };
  const priced = snapshots.some((s) => s.redemptionPrice !== null);
  replace(
    root,
    h(
      'div',
      { class: 'charts' },
      chart(
        'dc-reputation-over-time',
        'Reputation',
        'reputation',
        (s) => s.reputationTotal,
        formatReputation,
      ),
      chart(
        'dc-burned-over-time',
        'Reputation burned',
        'burned',
        (s) => s.reputationBurned,
        formatReputation,
      ),
      chart('dc-supply-over-time', `${dc.token.symbol} supply`, 'tokens', (s) => s.supply, tokens),
      priced
        ? chart(
            'dc-reserve-over-time',
            'Reserve',
            'reserve',
            (s) => s.reserve,
            (v) => formatAmount(v, asset),
          )
        : null,
      priced
        ? chart(
            'dc-redemption-over-time',
            `Redemption price (${asset.symbol} per ${dc.token.symbol})`,
            'reserve',
            (s) => s.redemptionPrice,
            (v) => formatPrice(v, dc.token.decimals, asset.decimals),
          )
        : null,
    ),
    h('h3', {}, 'Stories of its contributions'),
    stories.length === 0
      ? h('p', { class: 'empty' }, 'The indexer has no contribution of this DC yet.')
      : h(
          'div',
          { class: 'stories' },
          stories.map((s) => storyView(ctx, dc, s, tokens, opened)),
        ),
  );
}

function outcome(s: Story): string {
  if (s.status === 'Open' || s.status === 'Closing') return s.status === 'Open' ? 'open' : 'closing';
  const median = s.median === null ? 'no consensus' : `median ${s.median}`;
  const proposal = s.kind === 'Proposal' ? (s.enacted ? ', enacted' : ', rejected') : '';
  const cleaned = s.status === 'CleanedUp' ? ', cleaned up' : '';
  return `closed at block ${s.closedAt}: ${median}${proposal}${cleaned}`;
}

function storyView(
  ctx: Context,
  dc: Dc,
  s: Story,
  tokens: (v: bigint) => string,
  opened: Set<string | undefined>,
): HTMLElement {
  return h(
    'details',
    { class: 'story', 'data-contribution': s.id, open: opened.has(String(s.id)) },
    h(
      'summary',
      {},
      `${s.kind} ${s.id}`,
      h('span', { class: 'muted' }, ` · submitted at block ${s.submittedAt} · ${outcome(s)}`),
    ),
    s.uri ? h('p', {}, h('code', {}, s.uri)) : null,
    h(
      'table',
      { class: 'members story-contributors' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Contributor'),
          h('th', { class: 'num' }, 'Share'),
          h('th', { class: 'num' }, 'Reputation'),
          h('th', { class: 'num' }, dc.token.symbol),
        ),
      ),
      h(
        'tbody',
        {},
        s.contributors.map((c) =>
          h(
            'tr',
            {},
            h('td', {}, addressView(ctx, c.account)),
            h('td', { class: 'num' }, formatPermill(c.share)),
            h('td', { class: 'num' }, formatReputation(c.reputation)),
            h('td', { class: 'num' }, tokens(c.tokens)),
          ),
        ),
      ),
    ),
    s.evaluations.length === 0
      ? h('p', { class: 'empty' }, 'No evaluations.')
      : h(
          'table',
          { class: 'members story-evaluations' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { class: 'num' }, '#'),
              h('th', { class: 'num' }, 'Block'),
              h('th', {}, 'Evaluator'),
              h('th', { class: 'num' }, 'Score'),
              h('th', { class: 'num' }, 'Weight'),
              h('th', { class: 'num' }, 'Stake'),
              h('th', { class: 'num' }, 'Payout'),
              h('th', { class: 'num' }, 'Lost'),
            ),
          ),
          h(
            'tbody',
            {},
            s.evaluations.map((e) =>
              h(
                'tr',
                { 'data-evaluator': e.evaluator },
                h('td', { class: 'num' }, String(e.position)),
                h('td', { class: 'num' }, String(e.block)),
                h('td', {}, addressView(ctx, e.evaluator)),
                h('td', { class: 'num' }, String(e.score)),
                h('td', { class: 'num' }, formatReputation(e.weight)),
                h('td', { class: 'num' }, formatReputation(e.stake)),
                h('td', { class: 'num payout' }, e.payout === null ? '—' : formatReputation(e.payout)),
                h('td', { class: 'num lost' }, e.lost === null ? '—' : formatReputation(e.lost)),
              ),
            ),
          ),
        ),
  );
}
