// The accounts the app can sign with: the development accounts (Alice … Ferdie) on a development
// or local chain, whose keys are public knowledge, and the accounts of a browser extension
// (polkadot-js extension, Talisman, SubWallet: all inject into `window.injectedWeb3`) on any chain.

import { web3Accounts, web3Enable, web3FromAddress } from '@polkadot/extension-dapp';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Signer } from '@polkadot/types/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';

export interface Account {
  address: string;
  name: string;
  /** "development" or the extension's name. */
  source: string;
  /** A development account's key pair, which signs in the page. */
  pair?: KeyringPair;
}

export const DEVELOPMENT_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

export async function developmentAccounts(ss58: number): Promise<Account[]> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: ss58 });
  return DEVELOPMENT_NAMES.map((name) => {
    const pair = keyring.addFromUri(`//${name}`, { name });
    return { address: pair.address, name, source: 'development', pair };
  });
}

/** The extension accounts, after asking the extensions for access; `[]` without an extension
 * or when the person refuses. */
export async function extensionAccounts(
  ss58: number,
): Promise<{ accounts: Account[]; extensions: string[] }> {
  const extensions = await web3Enable('Covalue');
  if (extensions.length === 0) return { accounts: [], extensions: [] };
  const found = await web3Accounts({ ss58Format: ss58 });
  return {
    accounts: found.map((a) => ({
      address: a.address,
      name: a.meta.name ?? a.address,
      source: a.meta.source,
    })),
    extensions: extensions.map((e) => e.name),
  };
}

/** What `signAndSend` takes for an account: the pair itself, or the address and the extension's
 * signer. */
export async function signingOf(
  account: Account,
): Promise<{ signer: KeyringPair | string; options: { signer?: Signer } }> {
  if (account.pair) return { signer: account.pair, options: {} };
  const injector = await web3FromAddress(account.address);
  return { signer: account.address, options: { signer: injector.signer } };
}
