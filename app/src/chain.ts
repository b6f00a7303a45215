// Reading the chain: connecting, the chain's constants, DCs, members, contributions, proposals,
// reserves and accounts, as plain objects with bigints. The page modules never touch codecs;
// everything the chain returns is converted here.

import { ApiPromise, WsProvider } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { u8aConcat, u8aToHex } from '@polkadot/util';

import type { Parameters } from './parameters';

// The api is used without generated type augmentation (the runtime's types come from its
// metadata at run time), so codecs are read through this loose type, only in this module.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Codec = any;

export type Tx = SubmittableExtrinsic<'promise'>;

export interface Token {
  symbol: string;
  decimals: number;
}

export interface ChainInfo {
  name: string;
  /** `system_chainType`: "Development", "Local", "Live". */
  chainType: string;
  /** Development and local chains offer the development accounts for signing. */
  isDevelopment: boolean;
  native: Token;
  ss58: number;
  maxScore: number;
  maxEvaluationPeriod: number;
  maxContributors: number;
  maxUriLength: number;
  maxNameLength: number;
  maxTokenStringLength: number;
  existentialDeposit: bigint;
}

/**
 * Connects to the node at `url`, trying again every 2.5 s until it answers (a node that is still
 * starting is met once it is up). `onSlow` hears, after `slowMs`, that it has not answered yet.
 * Rejects only on an address the WebSocket can't even try.
 */
export async function connect(url: string, onSlow: () => void, slowMs = 5_000): Promise<ApiPromise> {
  let provider: WsProvider;
  try {
    provider = new WsProvider(url, 2_500);
  } catch {
    throw new Error(`“${url}” is not a node address: write it as ws://host:port or wss://host.`);
  }
  const api = new ApiPromise({ provider, noInitWarn: true });
  const timer = setTimeout(onSlow, slowMs);
  try {
    await api.isReady;
  } finally {
    clearTimeout(timer);
  }
  return api;
}

const big = (c: Codec): bigint => BigInt(c.toString());
const num = (c: Codec): number => Number(c.toString());

export async function chainInfo(api: ApiPromise): Promise<ChainInfo> {
  const [name, chainType, properties] = await Promise.all([
    api.rpc.system.chain(),
    api.rpc.system.chainType(),
    api.rpc.system.properties(),
  ]);
  const type = chainType.toString();
  const c: Codec = api.consts;
  const symbols = properties.tokenSymbol.unwrapOr([]) as Codec;
  const decimals = properties.tokenDecimals.unwrapOr([]) as Codec;
  return {
    name: name.toString(),
    chainType: type,
    isDevelopment: type === 'Development' || type === 'Local',
    native: {
      symbol: symbols[0]?.toString() ?? 'COV',
      decimals: decimals[0] ? num(decimals[0]) : 12,
    },
    ss58: api.registry.chainSS58 ?? 42,
    maxScore: num(c.cooperatives.maxScore),
    maxEvaluationPeriod: num(c.cooperatives.maxEvaluationPeriod),
    maxContributors: num(c.proofOfValue.maxContributors),
    maxUriLength: num(c.proofOfValue.maxUriLength),
    maxNameLength: num(c.cooperatives.maxNameLength),
    maxTokenStringLength: num(c.cooperatives.maxTokenStringLength),
    existentialDeposit: big(c.balances.existentialDeposit),
  };
}

export async function bestNumber(api: ApiPromise): Promise<number> {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

// View functions, through `RuntimeViewFunction_execute_view_function(id, input)`; the id and
// the types come from the V16 metadata.

export async function callView(api: ApiPromise, pallet: string, fn: string, args: unknown[]): Promise<Codec> {
  const metadata: Codec = api.runtimeMetadata;
  if (metadata.version !== 16) {
    throw new Error('This node’s metadata does not describe view functions (it needs metadata V16).');
  }
  const palletMeta = metadata.asV16.pallets.find((p: Codec) => p.name.toString() === pallet);
  const meta = palletMeta?.viewFunctions.find((v: Codec) => v.name.toString() === fn);
  if (!meta) {
    throw new Error(`This node has no view function ${pallet}::${fn}.`);
  }
  const registry = api.registry;
  const input = u8aConcat(
    ...meta.inputs.map((param: Codec, i: number) =>
      registry.createType(registry.createLookupType(param.type), args[i]).toU8a(),
    ),
  );
  const id: Uint8Array = meta.id.toU8a();
  const call: Codec = api.call;
  const result = await call.runtimeViewFunction.executeViewFunction(
    { prefix: id.subarray(0, 16), suffix: id.subarray(16) },
    u8aToHex(input),
  );
  if (result.isErr) {
    throw new Error(`The view function ${pallet}::${fn} failed: ${result.asErr.toString()}`);
  }
  return registry.createType(registry.createLookupType(meta.output), result.asOk.toU8a(true));
}

// Standings

export interface PendingAmount {
  amount: bigint;
  vestsAt: number;
}

export interface Standing {
  vested: bigint;
  /** Its own stakes held by open contributions. */
  escrowed: bigint;
  pending: PendingAmount[];
  /** vested + escrowed + pending: the account's reputation in the DC. */
  total: bigint;
}

/** A stored standing matured to block `now`, as the chain matures it: an amount whose block has
 * come counts as vested. */
export function matureStanding(s: Codec, now: number): Standing {
  let vested = big(s.vested);
  const pending: PendingAmount[] = [];
  for (const slot of s.pending) {
    const amount = big(slot.amount);
    const vestsAt = num(slot.vestsAt);
    if (amount === 0n) continue;
    if (vestsAt <= now) vested += amount;
    else pending.push({ amount, vestsAt });
  }
  pending.sort((a, b) => a.vestsAt - b.vestsAt);
  const escrowed = big(s.escrowed);
  return { vested, escrowed, pending, total: vested + escrowed + pending.reduce((t, p) => t + p.amount, 0n) };
}

// DCs

export interface Reserve {
  account: string;
  /** `null`: the native currency; otherwise the DC whose token the reserve holds. */
  assetDc: number | null;
  priceCap: bigint;
  balance: bigint;
  supply: bigint;
  redemptionPrice: bigint;
}

export interface Dc {
  id: number;
  name: string;
  admin: string;
  agent: string;
  selfGoverned: boolean;
  parameters: Parameters;
  epochLength: number;
  token: Token & { name: string };
  totalReputation: bigint;
  burnedReputation: bigint;
  issuedReputation: bigint;
  supply: bigint;
  reserve: Reserve | null;
}

function parametersOf(p: Codec): Parameters {
  return {
    minScore: num(p.minScore),
    maxScore: num(p.maxScore),
    quorum: big(p.quorum),
    stake: big(p.stake),
    alignmentRadius: num(p.alignmentRadius),
    tokenPerPoint: big(p.tokenPerPoint),
    reputationPerPoint: big(p.reputationPerPoint),
    evaluationPeriod: num(p.evaluationPeriod),
  };
}

function text(bytes: Codec): string {
  return bytes.toUtf8 ? bytes.toUtf8() : bytes.toString();
}

async function dcFrom(api: ApiPromise, id: number, record: Codec): Promise<Dc> {
  const q: Codec = api.query;
  const [metadata, ledger, epoch, books, reserve] = await Promise.all([
    q.assets.metadata(id),
    q.reputation.ledgers(id),
    q.reputation.epochLengths(id),
    q.cooperatives.tokenBooks(id),
    q.reserve.reserves(id),
  ]);
  const l = ledger.isSome ? ledger.unwrap() : null;
  let reserveInfo: Reserve | null = null;
  if (reserve.isSome) {
    const summary = await callView(api, 'Reserve', 'reserve_summary', [id]);
    if (summary.isSome) {
      const s = summary.unwrap();
      reserveInfo = {
        account: s.account.toString(),
        assetDc: s.asset.isNative ? null : num(s.asset.asWithId),
        priceCap: big(s.priceCap),
        balance: big(s.balance),
        supply: big(s.supply),
        redemptionPrice: big(s.redemptionPrice),
      };
    }
  }
  const admin = record.admin.toString();
  const agent = record.agent.toString();
  return {
    id,
    name: text(record.name),
    admin,
    agent,
    selfGoverned: admin === agent,
    parameters: parametersOf(record.parameters),
    epochLength: epoch.isSome ? num(epoch.unwrap()) : 0,
    token: { name: text(metadata.name), symbol: text(metadata.symbol), decimals: num(metadata.decimals) },
    totalReputation: l ? big(l.total) : 0n,
    burnedReputation: l ? big(l.burned) : 0n,
    issuedReputation: l ? big(l.issued) : 0n,
    supply: big(books.minted) - big(books.burned),
    reserve: reserveInfo,
  };
}

export async function listDcs(api: ApiPromise): Promise<Dc[]> {
  const q: Codec = api.query;
  const entries: [Codec, Codec][] = await q.cooperatives.cooperatives.entries();
  const dcs = await Promise.all(
    entries
      .filter(([, value]) => value.isSome)
      .map(([key, value]) => dcFrom(api, num(key.args[0]), value.unwrap())),
  );
  return dcs.sort((a, b) => a.id - b.id);
}

export async function getDc(api: ApiPromise, id: number): Promise<Dc | null> {
  const q: Codec = api.query;
  const record = await q.cooperatives.cooperatives(id);
  return record.isSome ? dcFrom(api, id, record.unwrap()) : null;
}

export interface Member {
  address: string;
  standing: Standing;
  tokens: bigint;
}

export async function membersOf(api: ApiPromise, dc: number, now: number): Promise<Member[]> {
  const q: Codec = api.query;
  const entries: [Codec, Codec][] = await q.reputation.reputationOf.entries(dc);
  const members = entries.map(([key, value]) => ({
    address: key.args[1].toString(),
    standing: matureStanding(value, now),
  }));
  const tokens: Codec[] = members.length
    ? await q.assets.account.multi(members.map((m) => [dc, m.address]))
    : [];
  return members
    .map((m, i) => ({ ...m, tokens: tokens[i].isSome ? big(tokens[i].unwrap().balance) : 0n }))
    .sort((a, b) => (b.standing.total > a.standing.total ? 1 : b.standing.total < a.standing.total ? -1 : 0));
}

// Contributions

export interface Bucket {
  score: number;
  weight: bigint;
}

export interface Contribution {
  id: number;
  dc: number;
  kind: 'Work' | 'Proposal';
  depositor: string;
  contributors: { address: string; share: bigint }[];
  contentHash: string;
  uri: string;
  submitted: number;
  parameters: Parameters;
  totalAtSubmission: bigint;
  need: bigint;
  /** Score buckets with a weight, as stored. */
  buckets: Bucket[];
  escrow: bigint;
  pot: bigint;
  paid: number;
  evaluations: number;
  state: 'open' | 'expired' | 'closing' | 'closed';
  /** The current median while open, the final one when closed; `null`: no consensus. */
  median: number | null;
  burned: bigint;
  /** Blocks still to come that take evaluations (0 once the period is over). The view function's
   * `blocks_left` counts the current block too, which no new transaction can enter. */
  blocksLeft: number;
  /** The last block that takes evaluations. */
  lastBlock: number;
}

export interface Proposal {
  id: number;
  dc: number;
  call: string;
  outcome: 'Undecided' | 'Enacted' | 'Failed' | 'Rejected';
}

/** A stored contribution; `status` is its `contribution_status` view (`None` for a closed one:
 * the record says all there is), which gives the current median of an open one. */
function contributionFrom(id: number, c: Codec, status: Codec | null, now: number): Contribution {
  const parameters = parametersOf(c.parameters);
  const submitted = num(c.submitted);
  const lastBlock = submitted + parameters.evaluationPeriod;
  // One bucket per score of the scale, from `min_score` up.
  const buckets: Bucket[] = c.buckets.map((b: Codec, i: number) => ({
    score: parameters.minScore + i,
    weight: big(b.weight),
  }));
  const need = big(c.need);
  let state: Contribution['state'];
  let median: number | null;
  let burned = 0n;
  const stored = c.status;
  if (stored.isClosed) {
    state = 'closed';
    const m = stored.asClosed.median;
    median = m.isSome ? num(m.unwrap()) : null;
    burned = big(stored.asClosed.burned);
  } else {
    // The next transaction lands in block `now + 1`: once that is past the last block of the
    // period, evaluating fails and closing succeeds.
    state = stored.isClosing ? 'closing' : now >= lastBlock ? 'expired' : 'open';
    const m = status?.median;
    median = m && m.isSome ? num(m.unwrap()) : null;
  }
  return {
    id,
    dc: num(c.dc),
    kind: c.kind.toString() === 'Proposal' ? 'Proposal' : 'Work',
    depositor: c.depositor.toString(),
    contributors: c.contributors.map((entry: Codec) => ({
      address: entry[0].toString(),
      share: big(entry[1]),
    })),
    contentHash: c.contentHash.toHex(),
    uri: c.uri.toUtf8 ? safeUtf8(c.uri) : '',
    submitted,
    parameters,
    totalAtSubmission: big(c.totalAtSubmission),
    need,
    buckets,
    escrow: big(c.escrow),
    pot: big(c.pot),
    paid: num(c.paid),
    evaluations: num(c.evaluations),
    state,
    median,
    burned,
    blocksLeft: state === 'open' ? lastBlock - now : 0,
    lastBlock,
  };
}

function safeUtf8(bytes: Codec): string {
  try {
    return bytes.toUtf8();
  } catch {
    return bytes.toHex();
  }
}

/** Every contribution not cleaned up, of one DC or of all, newest first. */
export async function contributions(api: ApiPromise, now: number, dc?: number): Promise<Contribution[]> {
  const q: Codec = api.query;
  const entries: [Codec, Codec][] = await q.proofOfValue.contributions.entries();
  const records = entries
    .filter(([, value]) => value.isSome)
    .map(([key, value]) => [num(key.args[0]), value.unwrap()] as [number, Codec])
    .filter(([, c]) => dc === undefined || num(c.dc) === dc);
  const statuses = await Promise.all(
    records.map(async ([id, c]) => {
      if (c.status.isClosed) return null;
      const status = await callView(api, 'ProofOfValue', 'contribution_status', [id]);
      return status.isSome ? status.unwrap() : null;
    }),
  );
  return records.map(([id, c], i) => contributionFrom(id, c, statuses[i], now)).sort((a, b) => b.id - a.id);
}

export async function proposals(api: ApiPromise, dc: number): Promise<Map<number, Proposal>> {
  const q: Codec = api.query;
  const entries: [Codec, Codec][] = await q.proofOfValue.proposals.entries();
  const out = new Map<number, Proposal>();
  for (const [key, value] of entries) {
    if (!value.isSome) continue;
    const p = value.unwrap();
    if (num(p.dc) !== dc) continue;
    const id = num(key.args[0]);
    let call = p.call.toHex();
    try {
      const decoded = api.registry.createType('Call', p.call.toU8a(true));
      call = `${decoded.section}.${decoded.method}(${JSON.stringify(decoded.toHuman().args ?? {})})`;
    } catch {
      // a call the current runtime no longer decodes stays as its bytes
    }
    out.set(id, { id, dc, call, outcome: p.outcome.toString() });
  }
  return out;
}

// Evaluations and accounts

export interface Evaluation {
  contribution: number;
  score: number;
  weight: bigint;
  stake: bigint;
}

export interface PendingReward {
  stake: bigint;
  accrued: bigint;
  potShare: bigint;
  payout: bigint;
}

export async function evaluationsOf(api: ApiPromise, who: string, ids: number[]): Promise<Evaluation[]> {
  if (ids.length === 0) return [];
  const q: Codec = api.query;
  const found: Codec[] = await q.proofOfValue.evaluations.multi(ids.map((id) => [id, who]));
  return found.flatMap((e, i) =>
    e.isSome
      ? [
          {
            contribution: ids[i],
            score: num(e.unwrap().score),
            weight: big(e.unwrap().weight),
            stake: big(e.unwrap().stake),
          },
        ]
      : [],
  );
}

export async function pendingReward(
  api: ApiPromise,
  contribution: number,
  who: string,
): Promise<PendingReward | null> {
  const r = await callView(api, 'ProofOfValue', 'pending_reward', [contribution, who]);
  if (r.isNone) return null;
  const p = r.unwrap();
  return { stake: big(p.stake), accrued: big(p.accrued), potShare: big(p.potShare), payout: big(p.payout) };
}

export async function standingOf(api: ApiPromise, dc: number, who: string, now: number): Promise<Standing> {
  return matureStanding(await callView(api, 'Reputation', 'reputation_of', [dc, who]), now);
}

export async function tokenBalances(api: ApiPromise, who: string, dcs: number[]): Promise<bigint[]> {
  if (dcs.length === 0) return [];
  const q: Codec = api.query;
  const accounts: Codec[] = await q.assets.account.multi(dcs.map((dc) => [dc, who]));
  return accounts.map((a) => (a.isSome ? big(a.unwrap().balance) : 0n));
}

export async function nativeBalance(
  api: ApiPromise,
  who: string,
): Promise<{ free: bigint; reserved: bigint }> {
  const q: Codec = api.query;
  const { data } = await q.system.account(who);
  return { free: big(data.free), reserved: big(data.reserved) };
}

export async function buyCost(api: ApiPromise, dc: number, amount: bigint): Promise<bigint | null> {
  const r = await callView(api, 'Reserve', 'buy_cost', [dc, amount]);
  return r.isSome ? big(r.unwrap()) : null;
}

export async function redeemProceeds(api: ApiPromise, dc: number, amount: bigint): Promise<bigint | null> {
  const r = await callView(api, 'Reserve', 'redeem_proceeds', [dc, amount]);
  return r.isSome ? big(r.unwrap()) : null;
}
