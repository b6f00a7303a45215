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
  const { signer, options } = await signingOf(account);
  onStatus(account.pair ? 'Signing…' : 'Waiting for your signature in the extension…');
  return new Promise<Included>((resolve, reject) => {
    let unsubscribe: (() => void) | null = null;
    const done = () => unsubscribe?.();
    tx.signAndSend(signer as never, { ...options, nonce: -1 }, (result: Codec) => {
      const { status, dispatchError, events } = result;
      if (status.isReady || status.isBroadcast) onStatus('Submitted, waiting for a block…');
      if (status.isInBlock || status.isFinalized) {
        const blockHash = (status.isInBlock ? status.asInBlock : status.asFinalized).toHex();
        done();
        if (dispatchError) {
          reject(new Error(dispatchErrorSentence(api, dispatchError)));
          return;
        }
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
          .catch(reject);
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        done();
        reject(new Error('The node dropped the transaction; try again.'));
      }
    })
      .then((u: () => void) => {
        unsubscribe = u;
      })
      .catch((error: unknown) => reject(new Error(submissionErrorSentence(error))));
  });
}
