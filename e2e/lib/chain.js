// Helpers that talk to a running node through @polkadot/api: development accounts, submitting
// a signed extrinsic and reading back exactly what it did, and producing empty blocks.

import { Keyring } from '@polkadot/keyring';
import { cryptoIsReady } from '@polkadot/util-crypto';

const SUBMIT_TIMEOUT_MS = 60_000;
const DEV_NAMES = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'];

/**
 * The sr25519 development accounts (`//Alice` … `//Ferdie`) with SS58 prefix 42:
 * `{ alice, bob, charlie, dave, eve, ferdie, keyring }`. The WASM crypto must be ready, which
 * it is once a node has been started with `startNode` (or after `await cryptoWaitReady()`).
 */
export function keyring() {
  if (!cryptoIsReady()) {
    throw new Error('keyring(): the WASM crypto is not initialised yet; start the node (or await cryptoWaitReady()) first');
  }
  const ring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const pairs = { keyring: ring };
  for (const name of DEV_NAMES) {
    pairs[name] = ring.addFromUri(`//${name[0].toUpperCase()}${name.slice(1)}`, { name });
  }
  return pairs;
}

/**
 * A DispatchError as a short string: the variant name (`"BadOrigin"`, `"CannotLookup"`), the
 * variant and its inner variant for the nested error enums (`"Token.FundsUnavailable"`,
 * `"Arithmetic.Overflow"`), and for a pallet error `"Module.<Pallet>.<Error>"`, for instance
 * `"Module.Balances.InsufficientBalance"`.
 */
export function describeDispatchError(api, dispatchError) {
  if (dispatchError.isModule) {
    const moduleError = dispatchError.asModule;
    const { name, section } = api.registry.findMetaError(moduleError);
    const pallet = api.runtimeMetadata.asLatest.pallets.find((p) => p.index.eq(moduleError.index));
    return `Module.${pallet ? pallet.name.toString() : section}.${name}`;
  }
  const inner = dispatchError.value;
  const innerIsEnum = inner && typeof inner.type === 'string' && 'isBasic' in inner;
  return innerIsEnum ? `${dispatchError.type}.${inner.type}` : dispatchError.type;
}

/** Reads what the extrinsic `txHash` did in block `blockHash`. */
async function describeInclusion(api, txHash, blockHash) {
  const signedBlock = await api.rpc.chain.getBlock(blockHash);
  const index = signedBlock.block.extrinsics.findIndex((xt) => xt.hash.eq(txHash));
  if (index < 0) {
    throw new Error(`extrinsic ${txHash.toHex()} is not in block ${blockHash.toHex()}`);
  }
  const allRecords = await api.query.system.events.at(blockHash);
  const records = allRecords.filter(({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.eqn(index));
  const events = records.map(({ event }) => event);

  let dispatchError = null;
  let outcomeSeen = false;
  let fee = null;
  let tip = null;
  for (const event of events) {
    if (api.events.system.ExtrinsicSuccess.is(event)) {
      outcomeSeen = true;
    } else if (api.events.system.ExtrinsicFailed.is(event)) {
      outcomeSeen = true;
      dispatchError = describeDispatchError(api, event.data.dispatchError ?? event.data[0]);
    } else if (api.events.transactionPayment?.TransactionFeePaid.is(event)) {
      fee = (event.data.actualFee ?? event.data[1]).toBigInt();
      tip = (event.data.tip ?? event.data[2]).toBigInt();
    }
  }
  if (!outcomeSeen) {
    throw new Error(
      `extrinsic ${txHash.toHex()} in block ${blockHash.toHex()} has neither ExtrinsicSuccess nor ExtrinsicFailed ` +
        `among its events: ${events.map((e) => `${e.section}.${e.method}`).join(', ') || '(none)'}`,
    );
  }
  return {
    blockHash,
    blockNumber: signedBlock.block.header.number.toNumber(),
    index,
    txHash,
    records,
    events,
    dispatchError,
    fee,
    tip,
  };
}

/**
 * Signs `tx` with `signer`, sends it and resolves once it is in a finalized block (the node
 * seals and finalizes a block per transaction, so no fallback to "in block" is needed), with
 * `{ blockHash, blockNumber, index, txHash, records, events, dispatchError, fee, tip }`:
 * `events` are the extrinsic's own events (phase ApplyExtrinsic(index)), `dispatchError` is
 * null on success or a string from `describeDispatchError`, `fee` and `tip` are BigInts from
 * its `TransactionPayment.TransactionFeePaid` event (null if there was none).
 * Rejects if the pool reports it invalid, dropped, usurped or not finalized in time, or after
 * `timeoutMs` (60 s).
 */
export function submit(api, tx, signer, { timeoutMs = SUBMIT_TIMEOUT_MS, ...signOptions } = {}) {
  const label = `${tx.method.section}.${tx.method.method} signed by ${signer.address}`;
  return new Promise((resolve, reject) => {
    let unsubscribe = null;
    let settled = false;
    let lastStatus = 'not sent yet';

    const finish = (error, value) => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      if (unsubscribe) {
        unsubscribe();
      }
      error ? reject(error) : resolve(value);
    };
    const timer = setTimeout(
      () => finish(new Error(`${label}: not finalized within ${timeoutMs / 1000} s (last status: ${lastStatus})`)),
      timeoutMs,
    );

    mortalFromParent(api, signOptions).then((options) => tx.signAndSend(signer, options, (result) => {
      const { status } = result;
      lastStatus = status.type;
      if (status.isInvalid || status.isDropped || status.isUsurped || status.isFinalityTimeout) {
        finish(new Error(`${label}: transaction pool reported ${status.type}`));
      } else if (status.isFinalized) {
        describeInclusion(api, result.txHash, status.asFinalized).then(
          (value) => finish(null, value),
          (error) => finish(new Error(`${label}: ${error.message}`)),
        );
      }
    })).then(
      (unsub) => {
        if (settled) {
          unsub();
        } else {
          unsubscribe = unsub;
        }
      },
      (error) => finish(new Error(`${label}: rejected on submission: ${error.message}`)),
    );
  });
}

/**
 * Sign options whose mortal era starts at the parent of the best block (unless the caller chose
 * an era or a block). The transaction pool may validate against a block that is one behind the
 * best block the api has seen; an era born at that newest block would then be rejected as an
 * "ancient birth block", while its parent is known to both.
 */
async function mortalFromParent(api, signOptions) {
  if (signOptions.era !== undefined || signOptions.blockHash !== undefined) {
    return signOptions;
  }
  const head = await api.rpc.chain.getHeader();
  const number = head.number.toNumber();
  if (number === 0) {
    return signOptions;
  }
  const era = api.registry.createType('ExtrinsicEra', { current: number - 1, period: 64 });
  return { ...signOptions, blockHash: head.parentHash, era };
}

/** A raw JSON-RPC call on the api's own connection; resolves to the decoded JSON result. */
export function rawRpc(api, method, params = []) {
  return api._rpcCore.provider.send(method, params);
}

/**
 * Produces `n` empty, finalized blocks through the manual-seal RPC
 * `engine_createBlock(createEmpty = true, finalize = true, parentHash = null)` and returns the
 * hashes of the new blocks.
 *
 * The call goes out as raw JSON-RPC with an explicit `null`: the decorated
 * `api.rpc.engine.createBlock(true, true, null)` would encode that null as the all-zero
 * BlockHash and so name a parent that does not exist.
 */
export async function createBlocks(api, n) {
  const hashes = [];
  for (let i = 0; i < n; i++) {
    // The reply is a CreatedBlock { hash, aux }, used as plain JSON here (as a Struct its
    // `hash` field would be shadowed by the codec's own `.hash`).
    const created = await rawRpc(api, 'engine_createBlock', [true, true, null]);
    if (!/^0x[0-9a-f]{64}$/i.test(created?.hash ?? '')) {
      throw new Error(`engine_createBlock: unexpected reply ${JSON.stringify(created)}`);
    }
    hashes.push(created.hash);
  }
  return hashes;
}
