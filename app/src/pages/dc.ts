// A DC's page: its facts and rules, its members with vested and pending reputation, its open
// contributions with their buckets, quorum line, median and blocks left, its closed ones with
// their outcome, its proposals, and the actions: contribute, evaluate, close, clean up, set the
// price cap, buy, redeem and deposit revenue.

import { stringToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsHex, decodeAddress } from '@polkadot/util-crypto';

import { bucketChart, chartLabel } from '../chart';
import {
  type Contribution,
  contributions,
  type Dc,
  getDc,
  listDcs,
  type Member,
  membersOf,
  type Proposal,
  proposals,
  standingOf,
} from '../chain';
import { contributionDeposit, utf8Length } from '../deposits';
import { h, replace, svg } from '../dom';
import {
  formatAmount,
  formatBlocks,
  formatPerbill,
  formatPermill,
  formatReputation,
  parsePercentToPermill,
  plural,
} from '../format';
import { describeParameters, shareOfAllReputation } from '../parameters';
import { type Context, addressView, field, message, native, tryAction } from '../ui';
import { showDcHistory } from './dc-history';
import { reserveSection } from './reserve-actions';
import { reserveView } from './reserve';

export function dcPage(ctx: Context, root: HTMLElement, id: number): { refresh(): Promise<void> } {
  const head = h('header', { class: 'page-head', id: 'dc-head' }, h('h1', {}, `DC ${id}`));
  const facts = h('section', { id: 'dc-facts' });
  const membersBox = h('section', { id: 'dc-members' });
  const openBox = h('div', { id: 'open-contributions', class: 'contributions' });
  const closedBox = h('div', { id: 'closed-contributions', class: 'contributions' });
  const reserveBox = h('section', { id: 'dc-market' });
  const historyBox = h('div', { id: 'dc-history' });
  const contributeBox = h('section', { id: 'contribute' });
  replace(
    root,
    head,
    facts,
    membersBox,
    contributeBox,
    h('section', {}, h('h2', {}, 'Open contributions and proposals'), openBox),
    h('section', {}, h('h2', {}, 'Closed'), closedBox),
    reserveBox,
    h('section', {}, h('h2', {}, 'History'), historyBox),
  );

  const cards = new Map<number, ContributionCard>();
  let contributeForm: HTMLElement | null = null;
  let latest: Dc | null = null;
  let reserveActions: { update(dc: Dc, dcs: Map<number, Dc>): void } | null = null;

  return {
    async refresh() {
      const dc = await getDc(ctx.api, id);
      if (!dc) {
        replace(root, h('h1', {}, `DC ${id}`), message('error', 'There is no DC with this id.'));
        return;
      }
      const [members, list, props, dcs] = await Promise.all([
        membersOf(ctx.api, id, ctx.now),
        contributions(ctx.api, ctx.now, id),
        proposals(ctx.api, id),
        listDcs(ctx.api),
      ]);
      const byId = new Map(dcs.map((d) => [d.id, d]));
      replace(
        head,
        h('h1', {}, dc.name, h('span', { class: 'muted' }, ` DC ${dc.id}`)),
        h('a', { class: 'button', href: '#/' }, 'All DCs'),
      );
      replace(facts, factsView(ctx, dc, byId));
      replace(membersBox, membersView(ctx, dc, members));
      latest = dc;
      if (!contributeForm) {
        contributeForm = contributeView(ctx, () => latest as Dc);
        replace(contributeBox, contributeForm);
      }
      // An account chosen after the page was built becomes the contributor of an empty form.
      const firstContributor = contributeForm.querySelector<HTMLInputElement>('.contributor-address');
      if (firstContributor && !firstContributor.value && ctx.account)
        firstContributor.value = ctx.account.address;
      if (!reserveActions) {
        reserveActions = reserveSection(ctx, reserveBox, dc.id);
      }
      reserveActions.update(dc, byId);

      const seen = new Set<number>();
      for (const c of list) {
        seen.add(c.id);
        let card = cards.get(c.id);
        if (!card) {
          card = new ContributionCard(ctx, c.id);
          cards.set(c.id, card);
        }
        const box = c.state === 'closed' ? closedBox : openBox;
        if (card.root.parentElement !== box) box.prepend(card.root);
        await card.update(dc, c, props.get(c.id) ?? null);
      }
      for (const [cid, card] of cards) {
        if (!seen.has(cid)) {
          card.root.remove();
          cards.delete(cid);
        }
      }
      await showDcHistory(ctx, historyBox, dc, byId);
      // Newest first within each list.
      for (const box of [openBox, closedBox]) {
        const sorted = [...box.querySelectorAll<HTMLElement>(':scope > .contribution')].sort(
          (a, b) => Number(b.dataset.contribution) - Number(a.dataset.contribution),
        );
        box.append(...sorted);
        if (sorted.length === 0) replace(box, h('p', { class: 'empty' }, 'None.'));
        else box.querySelector(':scope > .empty')?.remove();
      }
    },
  };
}

function factsView(ctx: Context, dc: Dc, dcs: Map<number, Dc>): HTMLElement[] {
  return [
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Token'),
      h('dd', {}, `${dc.token.name} (${dc.token.symbol}), ${plural(dc.token.decimals, 'decimal')}`),
      h('dt', {}, 'In circulation'),
      h('dd', { id: 'dc-supply' }, formatAmount(dc.supply, dc.token)),
      h('dt', {}, 'Total reputation'),
      h('dd', { id: 'dc-total-reputation' }, formatReputation(dc.totalReputation)),
      h('dt', {}, 'Issued / burned'),
      h(
        'dd',
        {},
        `${formatReputation(dc.issuedReputation)} issued to contributors, ${formatReputation(dc.burnedReputation)} burned`,
      ),
      h('dt', {}, 'Admin'),
      h('dd', {}, dc.selfGoverned ? 'none: the DC governs itself by proposals' : addressView(ctx, dc.admin)),
      h('dt', {}, 'Agent account'),
      h('dd', {}, addressView(ctx, dc.agent)),
    ),
    h('h2', {}, 'Rules'),
    h(
      'ul',
      { class: 'rules', id: 'dc-rules' },
      describeParameters(dc.parameters, dc.epochLength, dc.token).map((l) => h('li', {}, l)),
    ),
    h('h2', {}, 'Reserve'),
    reserveView(ctx, dc, dcs),
  ];
}

function membersView(ctx: Context, dc: Dc, members: Member[]): HTMLElement[] {
  return [
    h('h2', {}, 'Members'),
    h(
      'table',
      { class: 'members', id: 'members-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Account'),
          h('th', { class: 'num' }, 'Reputation'),
          h('th', { class: 'num' }, 'Vested'),
          h('th', { class: 'num' }, 'At stake'),
          h('th', { class: 'num' }, 'Pending'),
          h('th', { class: 'num' }, dc.token.symbol),
        ),
      ),
      h(
        'tbody',
        {},
        members.map((m) =>
          h(
            'tr',
            { 'data-member': m.address, 'data-name': ctx.names.get(m.address) ?? '' },
            h('td', {}, addressView(ctx, m.address)),
            h('td', { class: 'num reputation' }, formatReputation(m.standing.total)),
            h('td', { class: 'num vested' }, formatReputation(m.standing.vested)),
            h('td', { class: 'num escrowed' }, formatReputation(m.standing.escrowed)),
            h(
              'td',
              { class: 'num pending' },
              m.standing.pending.length === 0
                ? '0'
                : m.standing.pending.map((p) =>
                    h(
                      'div',
                      {},
                      `${formatReputation(p.amount)} `,
                      h('small', {}, `vests at block ${p.vestsAt} (${formatBlocks(p.vestsAt - ctx.now)})`),
                    ),
                  ),
            ),
            h('td', { class: 'num tokens' }, formatAmount(m.tokens, dc.token)),
          ),
        ),
      ),
    ),
  ];
}

// Contributing

/** The contribute form; `current` is the DC as last read, so that the deposit follows a change of
 * its parameters. */
function contributeView(ctx: Context, current: () => Dc): HTMLElement {
  const description = h('textarea', {
    id: 'contribute-text',
    rows: '3',
    placeholder: 'Describe the work, or choose a file: the chain stores its hash.',
  });
  const file = h('input', { id: 'contribute-file', type: 'file' });
  const uri = h('input', {
    id: 'contribute-uri',
    placeholder: 'https://… or ipfs://… (optional)',
    size: '48',
  });
  const hash = h('code', { id: 'contribute-hash' }, '—');
  const rows = h('div', { class: 'rows', id: 'contributors' });
  const result = h('div', { id: 'contribute-result' });
  let fileBytes: Uint8Array | null = null;

  const addRow = (address = '', share = '100') => {
    const row = h(
      'div',
      { class: 'row contributor' },
      h('input', {
        class: 'contributor-address',
        placeholder: 'contributor address',
        value: address,
        size: '52',
      }),
      h('input', { class: 'contributor-share', value: share, size: '8', 'aria-label': 'share in %' }),
      h('span', {}, '%'),
      h('button', { type: 'button', onclick: () => row.remove() }, 'Remove'),
    );
    rows.append(row);
  };
  addRow(ctx.account?.address ?? '');

  const contentHash = (): string | null => {
    if (fileBytes) return blake2AsHex(fileBytes, 256);
    const text = description.value;
    return text.trim() ? blake2AsHex(new TextEncoder().encode(text), 256) : null;
  };
  const showHash = () => replace(hash, contentHash() ?? '—');
  description.addEventListener('input', showHash);
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    fileBytes = chosen ? new Uint8Array(await chosen.arrayBuffer()) : null;
    showHash();
  });

  const form = h(
    'form',
    {
      class: 'form',
      id: 'contribute-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        tryAction(ctx, result, () => {
          const digest = contentHash();
          if (!digest)
            throw new Error('Describe the work or choose a file: the contribution needs its content.');
          const link = uri.value.trim();
          if (utf8Length(link) > ctx.info.maxUriLength) {
            throw new Error(`A URI has at most ${ctx.info.maxUriLength} bytes.`);
          }
          const list: [string, bigint][] = [];
          for (const row of rows.querySelectorAll<HTMLElement>('.contributor')) {
            const address = (row.querySelector('.contributor-address') as HTMLInputElement).value.trim();
            if (!address) continue;
            try {
              decodeAddress(address);
            } catch {
              throw new Error(`“${address}” is not an account address.`);
            }
            const share = parsePercentToPermill(
              (row.querySelector('.contributor-share') as HTMLInputElement).value,
            );
            list.push([address, share]);
          }
          if (list.length === 0) throw new Error('Name at least one contributor.');
          if (list.length > ctx.info.maxContributors) {
            throw new Error(`A contribution has at most ${ctx.info.maxContributors} contributors.`);
          }
          const sum = list.reduce((t, [, s]) => t + s, 0n);
          if (list.some(([, s]) => s === 0n) || sum !== 1_000_000n) {
            throw new Error(
              `The shares must each be above zero and add up to exactly 100% (now ${formatPermill(sum)}).`,
            );
          }
          const keys = list.map(([a]) => Array.from(decodeAddress(a)).join(','));
          if (new Set(keys).size !== keys.length)
            throw new Error('An account is listed twice among the contributors.');
          const dc = current();
          const buckets = dc.parameters.maxScore - dc.parameters.minScore + 1;
          const deposit = contributionDeposit(utf8Length(link), list.length, buckets);
          return {
            title: `Contribute to ${dc.name}`,
            lines: [
              ['Content hash', digest],
              [
                'Contributors',
                list.map(([a, s]) => `${ctx.names.get(a) ?? a} ${formatPermill(s)}`).join(', '),
              ],
              ['Deposit (returned when it is cleaned up)', native(ctx, deposit)],
            ],
            // The UTF-8 as hex: a URI that starts with 0x would otherwise be read as hex itself.
            tx: ctx.api.tx.proofOfValue.contribute(dc.id, digest, u8aToHex(stringToU8a(link)), list),
            onDone: () => {
              description.value = '';
              uri.value = '';
              fileBytes = null;
              file.value = '';
              showHash();
            },
          };
        });
      },
    },
    h('h2', {}, 'Contribute'),
    field('The work', description),
    field('or a file', file, 'Hashed in your browser; the file itself is not uploaded.'),
    h('p', { class: 'muted' }, 'Content hash: ', hash),
    field('URI', uri),
    h('div', {}, h('span', { class: 'label' }, 'Contributors and their shares'), rows),
    h(
      'div',
      { class: 'buttons' },
      h(
        'button',
        { type: 'button', id: 'contribute-add', onclick: () => addRow('', '') },
        'Add a contributor',
      ),
      h('button', { type: 'submit', class: 'primary', id: 'contribute-submit' }, 'Contribute…'),
    ),
    result,
  );
  return form;
}

// A contribution's card: the chart and facts are redrawn on every block, the forms are kept.

class ContributionCard {
  root: HTMLElement;
  private live: HTMLElement;
  private actions: HTMLElement;
  private result: HTMLElement;
  private score: HTMLSelectElement;
  private evaluateButton: HTMLButtonElement;
  private closeButton: HTMLButtonElement;
  private cleanButton: HTMLButtonElement;
  private scale = '';
  private current: { dc: Dc; c: Contribution } | null = null;

  constructor(
    private ctx: Context,
    id: number,
  ) {
    this.live = h('div', { class: 'live' });
    this.result = h('div', { class: 'result' });
    this.score = h('select', { class: 'score', 'aria-label': 'score' });
    this.evaluateButton = h('button', { type: 'button', class: 'primary evaluate' }, 'Evaluate…');
    this.closeButton = h('button', { type: 'button', class: 'close' }, 'Close');
    this.cleanButton = h('button', { type: 'button', class: 'clean-up' }, 'Clean up');
    this.actions = h(
      'div',
      { class: 'actions buttons' },
      h('span', { class: 'evaluate-group' }, this.score, this.evaluateButton),
      this.closeButton,
      this.cleanButton,
    );
    this.root = h(
      'article',
      { class: 'card contribution', 'data-contribution': id, id: `contribution-${id}` },
      this.live,
      this.actions,
      this.result,
    );
    this.evaluateButton.addEventListener('click', () => this.evaluate());
    this.closeButton.addEventListener('click', () => this.close());
    this.cleanButton.addEventListener('click', () => this.cleanUp());
  }

  async update(dc: Dc, c: Contribution, proposal: Proposal | null): Promise<void> {
    this.current = { dc, c };
    this.root.dataset.state = c.state;
    this.root.dataset.median = c.median === null ? '' : String(c.median);
    const p = c.parameters;
    const scale = `${p.minScore}-${p.maxScore}-${c.kind}`;
    if (scale !== this.scale) {
      this.scale = scale;
      replace(
        this.score,
        Array.from({ length: p.maxScore - p.minScore + 1 }, (_, i) => {
          const s = p.minScore + i;
          const label = c.kind === 'Proposal' ? (s === 1 ? '1 — approve' : '0 — reject') : String(s);
          return h('option', { value: String(s) }, label);
        }),
      );
    }
    const open = c.state === 'open';
    this.score.toggleAttribute('disabled', !open);
    this.evaluateButton.toggleAttribute('disabled', !open);
    this.actions.querySelector('.evaluate-group')?.toggleAttribute('hidden', !open);
    this.closeButton.toggleAttribute('hidden', !(c.state === 'expired' || c.state === 'closing'));
    this.cleanButton.toggleAttribute('hidden', c.state !== 'closed');

    const title = c.kind === 'Proposal' ? `Proposal ${c.id}` : `Contribution ${c.id}`;
    const chart = { buckets: c.buckets, need: c.need, median: c.median, total: c.totalAtSubmission };
    replace(
      this.live,
      h('h3', {}, title, ' ', h('span', { class: `state ${c.state}` }, stateText(c))),
      proposal
        ? h('p', { class: 'call' }, 'Call: ', h('code', {}, proposal.call), ` — ${outcomeText(proposal)}`)
        : null,
      h(
        'p',
        { class: 'muted' },
        c.kind === 'Work'
          ? [
              'by ',
              c.contributors.map((x, i) => [
                i ? ', ' : '',
                addressView(this.ctx, x.address),
                ` ${formatPermill(x.share)}`,
              ]),
            ]
          : ['proposed by ', addressView(this.ctx, c.depositor)],
        c.uri ? [' · ', uriView(c.uri)] : null,
        ' · hash ',
        h('code', { title: c.contentHash }, `${c.contentHash.slice(0, 10)}…`),
      ),
      h(
        'figure',
        { class: 'chart-box', 'data-label': chartLabel(chart) },
        svg(bucketChart(chart)),
        h(
          'figcaption',
          { class: 'muted' },
          'Dark: the reputation that gave each score; light: that gave it or more. The dashed line is the quorum; ' +
            'the median (orange) is the highest score whose light bar reaches it.',
        ),
      ),
      h(
        'dl',
        { class: 'facts compact' },
        h('dt', {}, 'Median'),
        h('dd', { class: 'current-median' }, c.median === null ? 'none yet' : String(c.median)),
        h('dt', {}, 'Quorum'),
        h(
          'dd',
          { class: 'need' },
          c.kind === 'Proposal'
            ? // §10: a proposal needs the quorum and a strict majority of all reputation.
              `${formatReputation(c.need)} of ${formatReputation(c.totalAtSubmission)} (more than half of all reputation at submission, and at least its quorum of ${formatPerbill(p.quorum)})`
            : `${formatReputation(c.need)} of ${formatReputation(c.totalAtSubmission)} (${shareOfAllReputation(p.quorum)} at submission)`,
        ),
        h('dt', {}, 'Evaluations'),
        h('dd', { class: 'evaluations' }, String(c.evaluations)),
        h('dt', {}, 'At stake'),
        h('dd', {}, `${formatReputation(c.escrow)} (pot ${formatReputation(c.pot)})`),
        c.kind === 'Work'
          ? [
              h('dt', {}, 'Paid so far'),
              h(
                'dd',
                { class: 'paid' },
                c.paid === 0
                  ? 'nothing yet'
                  : `${formatAmount(BigInt(c.paid) * p.tokenPerPoint, dc.token)} and ${formatReputation(BigInt(c.paid) * p.reputationPerPoint)} reputation (median ${c.paid})`,
              ),
            ]
          : null,
        c.state === 'closed'
          ? [h('dt', {}, 'Burned at closing'), h('dd', { class: 'burned' }, formatReputation(c.burned))]
          : [
              h('dt', {}, 'Time left'),
              h(
                'dd',
                { class: 'blocks-left' },
                c.state === 'open'
                  ? `${plural(c.blocksLeft, 'block')} (${formatBlocks(c.blocksLeft)}): evaluations until block ${c.lastBlock}`
                  : c.state === 'closing'
                    ? 'closing, step by step'
                    : `the period ended at block ${c.lastBlock}; it closes by itself or with Close`,
              ),
            ],
      ),
    );
  }

  private evaluate() {
    const current = this.current;
    if (!current) return;
    const { dc, c } = current;
    tryAction(this.ctx, this.result, async () => {
      const account = this.ctx.account;
      if (!account) throw new Error('Choose an account to sign with first (top right).');
      const score = Number(this.score.value);
      // Matured to the block the evaluation will be in: the next one.
      const standing = await standingOf(this.ctx.api, dc.id, account.address, this.ctx.now + 1);
      // §3: the weight is the vested reputation plus the account's own stakes held open; the
      // stake is `stake × weight`, rounded up, and must not exceed the vested reputation.
      const weight = standing.vested + standing.escrowed;
      const stake = (c.parameters.stake * weight + 999_999_999n) / 1_000_000_000n;
      const lines: [string, string][] = [
        ['Score', c.kind === 'Proposal' ? (score === 1 ? '1 (approve)' : '0 (reject)') : String(score)],
        ['Weight', `${formatReputation(weight)} reputation`],
        [
          'Stake to lock',
          `${formatReputation(stake)} reputation (${formatPerbill(c.parameters.stake)} of your weight), of your ${formatReputation(standing.vested)} vested`,
        ],
      ];
      return {
        title: `Evaluate ${c.kind === 'Proposal' ? 'proposal' : 'contribution'} ${c.id}`,
        lines,
        tx: this.ctx.api.tx.proofOfValue.evaluate(c.id, score),
      };
    });
  }

  private close() {
    const c = this.current?.c;
    if (!c) return;
    tryAction(this.ctx, this.result, () => ({
      title: `Close contribution ${c.id}`,
      lines: [
        [
          'What happens',
          'Stakes are settled: aligned evaluators earn, the others lose their stake, dust is burned.',
        ],
      ],
      tx: this.ctx.api.tx.proofOfValue.close(c.id),
    }));
  }

  private cleanUp() {
    const c = this.current?.c;
    if (!c) return;
    tryAction(this.ctx, this.result, () => ({
      title: `Clean up contribution ${c.id}`,
      lines: [['What happens', `The record is removed and its deposit goes back to the depositor.`]],
      tx: this.ctx.api.tx.proofOfValue.cleanUp(c.id),
    }));
  }
}

/** A contribution's URI: a link only for the schemes a browser opens safely; anyone can submit
 * any bytes, `javascript:` included. */
function uriView(uri: string): HTMLElement {
  return /^(https?|ipfs):\/\//i.test(uri)
    ? h('a', { href: uri, rel: 'noopener noreferrer', target: '_blank' }, uri)
    : h('code', {}, uri);
}

function stateText(c: Contribution): string {
  switch (c.state) {
    case 'open':
      return 'open';
    case 'expired':
      return 'period over';
    case 'closing':
      return 'closing';
    case 'closed':
      return c.median === null ? 'closed without consensus' : `closed at median ${c.median}`;
  }
}

function outcomeText(p: Proposal): string {
  switch (p.outcome) {
    case 'Undecided':
      return 'undecided';
    case 'Enacted':
      return 'passed and enacted';
    case 'Failed':
      return 'passed, but the call failed';
    case 'Rejected':
      return 'rejected';
  }
}
