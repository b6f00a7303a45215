// The app: connects to a node, keeps the best block's number, offers the accounts to sign with,
// and shows the page the address's hash names: `#/` (the DCs), `#/dc/3`, `#/account/5Grw…`,
// `#/create`, `#/trade` (the market). Every page reads the chain again at each new block.

import './style.css';

import type { ApiPromise } from '@polkadot/api';

import { type Account, developmentAccounts, extensionAccounts } from './accounts';
import { bestNumber, chainInfo, connect } from './chain';
import { h, replace } from './dom';
import { shortAddress } from './format';
import { indexerAt, indexerUrl } from './history';
import { accountPage } from './pages/account';
import { createPage } from './pages/create';
import { dcPage } from './pages/dc';
import { dcsPage } from './pages/dcs';
import { tradePage } from './pages/trade';
import { type Context, message } from './ui';

const DEFAULT_NODE = 'ws://127.0.0.1:9944';
const NODE_KEY = 'covalue.node';
const ACCOUNT_KEY = 'covalue.account';

interface Config {
  node?: string;
  indexer?: string;
}

/** What the server that serves the app says (`config.json`), if anything. */
async function serverConfig(): Promise<Config | null> {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.ok) return (await response.json()) as Config;
  } catch {
    // served without a config: the defaults
  }
  return null;
}

/** The node to use: `?rpc=` in the address, then the last one chosen, then what the server that
 * serves the app names, then the local node. */
function nodeUrl(config: Config | null): string {
  const fromQuery = new URLSearchParams(location.search).get('rpc');
  if (fromQuery) return fromQuery;
  const saved = localStorage.getItem(NODE_KEY);
  if (saved) return saved;
  return config?.node ?? DEFAULT_NODE;
}

interface Page {
  refresh(): Promise<void>;
}

async function start(): Promise<void> {
  const root = document.getElementById('app') as HTMLElement;
  const main = h('main', { id: 'page' });
  const readError = h('div', { id: 'read-error', class: 'page-message' });
  const nodeInput = h('input', { id: 'node-url', size: '16', 'aria-label': 'node address' });
  const nodeForm = h(
    'form',
    {
      id: 'node-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const url = nodeInput.value.trim();
        localStorage.setItem(NODE_KEY, url);
        const next = new URL(location.href);
        next.searchParams.set('rpc', url);
        location.replace(next.toString());
      },
    },
    nodeInput,
    h('button', { type: 'submit' }, 'Connect'),
  );
  const block = h('span', { id: 'block', class: 'muted' });
  const accountSelect = h(
    'select',
    { id: 'account', 'aria-label': 'account to sign with' },
    h('option', { value: '' }, 'Not connected'),
  );
  const extensionButton = h(
    'button',
    {
      type: 'button',
      id: 'use-extension',
      title: 'Sign with the polkadot{.js} extension, Talisman or SubWallet',
    },
    'Extension',
  );
  const myAccount = h('a', { id: 'my-account', href: '#/' }, 'My account');
  replace(
    root,
    h(
      'nav',
      { class: 'top' },
      h('a', { class: 'brand', href: '#/' }, 'Covalue'),
      h('a', { href: '#/' }, 'DCs'),
      h('a', { href: '#/create' }, 'Create a DC'),
      h('a', { href: '#/trade', id: 'market-link' }, 'Market'),
      myAccount,
      h('span', { class: 'spacer' }),
      block,
      nodeForm,
      accountSelect,
      extensionButton,
    ),
    readError,
    main,
  );

  const config = await serverConfig();
  const url = nodeUrl(config);
  const historyUrl = indexerUrl(location.search, config);
  nodeInput.value = url;
  replace(main, message('info', `Connecting to ${url}…`));
  let api: ApiPromise;
  try {
    api = await connect(url, () =>
      replace(
        main,
        message(
          'error',
          `Can’t reach a node at ${url} yet; still trying. Is it running, and is the address right?`,
        ),
        h(
          'p',
          {},
          'Enter the address of a Covalue node above, for example ',
          h('code', {}, DEFAULT_NODE),
          '.',
        ),
      ),
    );
  } catch (error) {
    replace(main, message('error', (error as Error).message));
    return;
  }
  const info = await chainInfo(api);
  localStorage.setItem(NODE_KEY, url);
  document.title = `Covalue — ${info.name}`;

  let accounts: Account[] = info.isDevelopment ? await developmentAccounts(info.ss58) : [];
  const names = new Map<string, string>();
  const ctx: Context = {
    api,
    info,
    now: await bestNumber(api),
    account: null,
    names,
    indexer: historyUrl ? indexerAt(historyUrl) : null,
    navigate: (hash) => {
      if (location.hash === hash) show();
      else location.hash = hash;
    },
    refresh: () => refresh(),
  };

  const fillAccounts = () => {
    names.clear();
    for (const a of accounts) names.set(a.address, a.name);
    const saved = localStorage.getItem(ACCOUNT_KEY);
    replace(
      accountSelect,
      h('option', { value: '' }, accounts.length ? 'Sign as…' : 'No account to sign with'),
      accounts.map((a) =>
        h(
          'option',
          { value: a.address },
          a.pair ? a.name : `${a.name} (${shortAddress(a.address)}) · ${a.source}`,
        ),
      ),
    );
    const chosen = accounts.find((a) => a.address === saved) ?? null;
    accountSelect.value = chosen?.address ?? '';
    ctx.account = chosen;
    myAccount.setAttribute('href', chosen ? `#/account/${chosen.address}` : '#/');
  };
  fillAccounts();
  // Choosing another account keeps the page and what is typed in its forms: the pages read
  // `ctx.account` when they act, and the next refresh shows what depends on it.
  accountSelect.addEventListener('change', () => {
    localStorage.setItem(ACCOUNT_KEY, accountSelect.value);
    fillAccounts();
    refresh();
  });
  extensionButton.addEventListener('click', async () => {
    const { accounts: found, extensions } = await extensionAccounts(info.ss58);
    if (extensions.length === 0) {
      replace(
        main,
        message(
          'error',
          'No browser extension answered, or it refused: install polkadot{.js}, Talisman or SubWallet and allow this page.',
        ),
      );
      return;
    }
    const known = new Set(accounts.map((a) => a.address));
    accounts = [...accounts, ...found.filter((a) => !known.has(a.address))];
    fillAccounts();
    extensionButton.textContent = `${extensions.join(', ')}: ${found.length} account${found.length === 1 ? '' : 's'}`;
  });

  // One refresh of the shown page at a time: a block that arrives during a refresh asks for one
  // more after it. Each page shown gets its own state, so that a late refresh of the page before
  // can't touch the current one.
  interface Shown {
    page: Page;
    running: boolean;
    again: boolean;
    /** `performance.now()` when it was shown; 0 for the first page, timed from the navigation. */
    since: number;
  }
  let shown: Shown | null = null;
  const refresh = () => {
    const current = shown;
    if (!current) return;
    if (current.running) {
      current.again = true;
      return;
    }
    current.running = true;
    current.page
      .refresh()
      .then(
        () => {
          if (shown !== current) return;
          replace(readError);
          // How long the page took to show the chain's state, in ms: from the navigation for the
          // first page (connecting included), from the click for the next ones.
          if (!main.dataset.ready) main.dataset.ready = String(Math.round(performance.now() - current.since));
        },
        (error: unknown) => {
          console.error(error);
          if (shown === current) {
            replace(readError, message('error', `Reading the chain failed: ${(error as Error).message}`));
          }
        },
      )
      .finally(() => {
        current.running = false;
        if (current.again && shown === current) {
          current.again = false;
          refresh();
        }
      });
  };
  const show = () => {
    const [, kind, arg] = (location.hash || '#/').split('/');
    main.replaceChildren();
    replace(readError);
    delete main.dataset.ready;
    let page: Page;
    if (kind === 'dc' && /^\d+$/.test(arg ?? '')) page = dcPage(ctx, main, Number(arg));
    else if (kind === 'account' && arg) page = accountPage(ctx, main, decodeURIComponent(arg));
    else if (kind === 'create') page = createPage(ctx, main);
    else if (kind === 'trade') page = tradePage(ctx, main);
    else page = dcsPage(ctx, main);
    shown = { page, running: false, again: false, since: shown ? performance.now() : 0 };
    refresh();
  };
  window.addEventListener('hashchange', show);
  show();

  await api.rpc.chain.subscribeNewHeads((header) => {
    ctx.now = header.number.toNumber();
    replace(block, `${info.name} · block ${ctx.now}`);
    block.dataset.block = String(ctx.now);
    refresh();
  });
}

start().catch((error: unknown) => {
  console.error(error);
  const root = document.getElementById('app');
  if (root) root.append(message('error', `The app failed to start: ${(error as Error).message}`));
});
