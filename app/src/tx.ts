// Quoting and submitting transactions: the fee before signing, then the transaction's fate as a
// sentence (in a block, or the chain's error in words).

import type { ApiPromise } from '@polkadot/api';

import { type Account, signingOf } from './accounts';
import type { Tx } from './chain';
import { errorSentence, submissionErrorSentence } from './errors';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Codec = any;

/** The fee the chain quotes for `tx` signed by `address` (`payment_queryInfo`). */
export async function feeOf(tx: Tx, address: string): Promise<bigint> {
  const info = await tx.paymentInfo(address);
  return BigInt(info.partialFee.toString());
}

export interface Included {
  blockHash: string;
  blockNumber: number;
  /** The events of this transaction: `section.method` with their data as JSON. */
  events: { name: string; data: Codec }[];
}

/** The sentence for a failed dispatch. */
export function dispatchErrorSentence(api: ApiPromise, dispatchError: Codec): string {
  if (dispatchError.isModule) {
    try {
      const meta = api.registry.findMetaError(dispatchError.asModule);
      return errorSentence({ section: meta.section, name: meta.name, docs: meta.docs.join(' ') });
    } catch {
      return 'The chain refused this with an error its metadata does not describe.';
    }
  }
  if (dispatchError.isToken) return errorSentence({ section: 'token', name: dispatchError.asToken.type });
  if (dispatchError.isArithmetic) {
    return errorSentence({ section: 'arithmetic', name: dispatchError.asArithmetic.type });
  }
  if (dispatchError.isBadOrigin) return 'This account is not allowed to do this.';
  return `The chain refused this: ${dispatchError.type}.`;
}

/**
 * Signs and submits `tx` as `account` and resolves once it is in a block, with its events;
 * rejects with an `Error` whose message is a sentence when the node refuses it or its call fails.
 * `onStatus` hears "Waiting for the signature…", "Submitted…", "In block 12".
 */
export async function submit(
  api: ApiPromise,
  tx: Tx,
  account: Account,
  onStatus: (text: string) => void = () => {},
): Promise<Included> {
  let signing: Awaited<ReturnType<typeof signingOf>>;
  try {
    signing = await signingOf(account);
  } catch (error) {
    throw new Error(submissionErrorSentence(error));
  }
  const { signer, options } = signing;
  onStatus(account.pair ? 'Signing…' : 'Waiting for your signature in the extension…');
  return new Promise<Included>((resolve, reject) => {
    let unsubscribe: (() => void) | null = null;
    let settled = false;
    // The subscription's own errors after its first answer never reach us (the api swallows
    // them): a lost connection would leave the transaction's fate unknown for ever. Say so.
    const onDisconnect = () =>
      fail(
        new Error(
          'The connection to the node was lost before the transaction was in a block; it may still be included: look at the account’s page once the node is back.',
        ),
      );
    const finish = () => {
      settled = true;
      api.off('disconnected', onDisconnect);
      unsubscribe?.();
    };
    const fail = (error: Error) => {
      if (settled) return;
      finish();
      reject(error);
    };
    api.on('disconnected', onDisconnect);
    tx.signAndSend(signer as never, { ...options, nonce: -1 }, (result: Codec) => {
      if (settled) return;
      const { status, dispatchError, events } = result;
      if (status.isReady || status.isBroadcast) onStatus('Submitted, waiting for a block…');
      if (status.isInBlock || status.isFinalized) {
        const blockHash = (status.isInBlock ? status.asInBlock : status.asFinalized).toHex();
        if (dispatchError) {
          fail(new Error(dispatchErrorSentence(api, dispatchError)));
          return;
        }
        finish();
        api.rpc.chain
          .getHeader(blockHash)
          .then((header) => {
            const number = header.number.toNumber();
            onStatus(`In block ${number}.`);
            resolve({
              blockHash,
              blockNumber: number,
              events: events.map((r: Codec) => ({
                name: `${r.event.section}.${r.event.method}`,
                data: r.event.data.toJSON(),
              })),
            });
          })
          .catch((error: unknown) =>
            reject(
              new Error(
                `The transaction is in block ${blockHash}, but reading it failed: ${(error as Error).message}`,
              ),
            ),
          );
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        fail(new Error('The node dropped the transaction; try again.'));
      }
    })
      .then((u: () => void) => {
        unsubscribe = u;
        // The outcome may have come before the subscription handle.
        if (settled) u();
      })
      .catch((error: unknown) => fail(new Error(submissionErrorSentence(error))));
  });
}
