// Parts every page uses: addresses with a copy button, the preview dialog that shows what a
// transaction locks, holds and costs before it is signed, and form fields.

import type { ApiPromise } from '@polkadot/api';

import type { Account } from './accounts';
import type { ChainInfo, Tx } from './chain';
import { h, replace, svg } from './dom';
import { formatAmount, shortAddress } from './format';
import type { Indexer } from './history';
import { feeOf, type Included, submit } from './tx';

/** What every page gets from the app. */
export interface Context {
  api: ApiPromise;
  info: ChainInfo;
  /** The best block's number, updated on every new block. */
  now: number;
  /** The account that signs, if any. */
  account: Account | null;
  /** Names of known accounts (development accounts, extension accounts). */
  names: Map<string, string>;
  /** The indexer's GraphQL API, for history, if the app knows one. */
  indexer: Indexer | null;
  navigate(hash: string): void;
  /** Asks the current page to read the chain again. */
  refresh(): void;
}

const COPY_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">' +
  '<rect x="5" y="5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.5"/>' +
  '<path d="M3 11V3.5A1.5 1.5 0 0 1 4.5 2H11" fill="none" stroke="currentColor" stroke-width="1.5"/></svg>';

/** A button that copies `address`. */
export function copyButton(address: string): HTMLElement {
  const button = h(
    'button',
    {
      class: 'copy',
      type: 'button',
      title: 'Copy the address',
      'aria-label': `Copy the address ${address}`,
      onclick: (event: Event) => {
        event.preventDefault();
        copyText(address).then(
          () => flash(button, 'Copied'),
          () => flash(button, 'Select and copy'),
        );
      },
    },
    svg(COPY_ICON),
  );
  return button;
}

/** An address: a link to its account page, its name if known, and a copy button. */
export function addressView(ctx: Context, address: string): HTMLElement {
  const name = ctx.names.get(address);
  return h(
    'span',
    { class: 'address', 'data-address': address },
    h(
      'a',
      { href: `#/account/${address}`, title: address },
      name ? `${name} ` : '',
      h('code', {}, shortAddress(address)),
    ),
    copyButton(address),
  );
}

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = h('textarea', {}, text);
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

function flash(button: HTMLElement, text: string): void {
  button.setAttribute('data-copied', text);
  setTimeout(() => button.removeAttribute('data-copied'), 1_200);
}

export function native(ctx: Context, amount: bigint): string {
  return formatAmount(amount, ctx.info.native);
}

/** A labelled input. */
export function field(label: string, input: HTMLElement, hint?: string): HTMLElement {
  return h(
    'label',
    { class: 'field' },
    h('span', { class: 'label' }, label),
    input,
    hint ? h('small', {}, hint) : null,
  );
}

export function message(kind: 'error' | 'info' | 'ok', text: string): HTMLElement {
  return h('p', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** A line of a preview: what it is and how much. */
export type PreviewLine = [string, string];

export interface Action {
  title: string;
  /** What the transaction does, before the fee: stake, deposit, payment. */
  lines: PreviewLine[];
  tx: Tx;
  /** Runs after the transaction is in a block without error. */
  onDone?: (included: Included) => void;
}

/**
 * Shows the preview of an action — its lines and the fee the chain quotes — and, when the person
 * confirms, signs and submits it. The dialog reports the outcome as a sentence and stays open
 * on an error, so that nothing happens unnoticed.
 */
export function preview(ctx: Context, action: Action): void {
  const account = ctx.account;
  const dialog = h('dialog', { id: 'preview', 'aria-labelledby': 'preview-title' });
  const status = h('div', { id: 'preview-status', 'aria-live': 'polite' });
  const fee = h('dd', { id: 'preview-fee' }, 'asking the node…');
  const sign = h(
    'button',
    { id: 'preview-sign', class: 'primary', type: 'button', disabled: true },
    'Sign and submit',
  );
  const close = h('button', { id: 'preview-close', type: 'button' }, 'Cancel');
  const list = h(
    'dl',
    { class: 'preview-lines' },
    action.lines.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]),
    h('dt', {}, 'Fee'),
    fee,
  );
  replace(
    dialog,
    h('h2', { id: 'preview-title' }, action.title),
    account
      ? h(
          'p',
          {},
          'Signed by ',
          addressView(ctx, account.address),
          account.pair ? ' (development key)' : ` (${account.source})`,
        )
      : message('error', 'Choose an account to sign with first (top right).'),
    list,
    status,
    h('div', { class: 'buttons' }, close, sign),
  );
  const finish = () => {
    dialog.close();
    dialog.remove();
  };
  let submitting = false;
  close.addEventListener('click', finish);
  // Escape closes the preview, but not while the transaction is on its way: its outcome must show.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    if (!submitting) finish();
  });
  document.body.append(dialog);
  dialog.showModal();

  if (!account) return;
  feeOf(action.tx, account.address).then(
    (value) => {
      replace(fee, native(ctx, value));
      sign.removeAttribute('disabled');
    },
    (error: unknown) => {
      replace(fee, '—');
      replace(status, message('error', `The node can’t quote this transaction: ${(error as Error).message}`));
    },
  );
  sign.addEventListener('click', () => {
    sign.setAttribute('disabled', '');
    close.setAttribute('disabled', '');
    submitting = true;
    submit(ctx.api, action.tx, account, (text) => replace(status, message('info', text))).then(
      (included) => {
        submitting = false;
        replace(status, message('ok', `Done: in block ${included.blockNumber}.`));
        replace(close, 'Close');
        close.removeAttribute('disabled');
        dialog.setAttribute('data-outcome', 'ok');
        action.onDone?.(included);
        ctx.refresh();
      },
      (error: unknown) => {
        submitting = false;
        replace(status, message('error', (error as Error).message));
        replace(close, 'Close');
        close.removeAttribute('disabled');
        dialog.setAttribute('data-outcome', 'error');
        ctx.refresh();
      },
    );
  });
}

/** Runs `build` and shows its error as a sentence under `where` instead of a preview. */
export function tryAction(ctx: Context, where: HTMLElement, build: () => Promise<Action> | Action): void {
  replace(where);
  Promise.resolve()
    .then(build)
    .then(
      (action) => preview(ctx, action),
      (error: unknown) => replace(where, message('error', (error as Error).message)),
    );
}
