// The indexer's GraphQL API (indexer/): history the chain no longer keeps. The app finds it at
// `?indexer=` in its address, or where the server that serves the app says (`config.json`'s
// `indexer`); without one, the history sections say how to start it.

export interface Indexer {
  url: string;
  query<T>(text: string, variables?: Record<string, unknown>): Promise<T>;
}

export function indexerAt(url: string): Indexer {
  return {
    url,
    async query<T>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: text, variables }),
        });
      } catch {
        throw new Error(`the indexer at ${url} does not answer`);
      }
      const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
      if (body.errors?.length)
        throw new Error(`the indexer: ${body.errors.map((e) => e.message).join('; ')}`);
      return body.data as T;
    },
  };
}

/** Where the indexer is, if the app was told. */
export function indexerUrl(search: string, config: { indexer?: string } | null): string | null {
  const fromQuery = new URLSearchParams(search).get('indexer');
  if (fromQuery) return fromQuery;
  return config?.indexer ?? null;
}

export const START_INDEXER =
  'History comes from the indexer: start the dev chain with `scripts/dev-chain.sh --indexer`, ' +
  'or run `scripts/indexer.sh` and open the app with ?indexer=http://127.0.0.1:4350/graphql.';

export type Cause =
  | 'Genesis'
  | 'Endowment'
  | 'ContributorReward'
  | 'Stake'
  | 'Settlement'
  | 'Earnings'
  | 'TokensMinted'
  | 'TokensBurned'
  | 'TokensReceived'
  | 'TokensSent'
  | 'TokensSwappedOut'
  | 'TokensSwappedIn';

export interface Change {
  dc: number;
  block: number;
  cause: Cause;
  reputationChange: bigint;
  atStakeChange: bigint;
  tokensChange: bigint;
  reputation: bigint;
  atStake: bigint;
  tokens: bigint;
  contribution: number | null;
}

interface RawChange {
  cooperative: { id: string };
  block: number;
  cause: Cause;
  reputationChange: string;
  atStakeChange: string;
  tokensChange: string;
  reputation: string;
  atStake: string;
  tokens: string;
  contribution: { id: string } | null;
}

/** Every change of `address`'s reputation and tokens, in every DC, in order. */
export async function changesOf(indexer: Indexer, address: string): Promise<Change[]> {
  const out: Change[] = [];
  for (let offset = 0; ; offset += 1000) {
    const data = await indexer.query<{ standingChanges: RawChange[] }>(
      `query ($who: String!, $offset: Int!) { standingChanges(where: { account: { id_eq: $who } },
        orderBy: [block_ASC, eventIndex_ASC, id_ASC], limit: 1000, offset: $offset) {
        cooperative { id } block cause reputationChange atStakeChange tokensChange reputation atStake tokens contribution { id } } }`,
      { who: address, offset },
    );
    for (const r of data.standingChanges) {
      out.push({
        dc: Number(r.cooperative.id),
        block: r.block,
        cause: r.cause,
        reputationChange: BigInt(r.reputationChange),
        atStakeChange: BigInt(r.atStakeChange),
        tokensChange: BigInt(r.tokensChange),
        reputation: BigInt(r.reputation),
        atStake: BigInt(r.atStake),
        tokens: BigInt(r.tokens),
        contribution: r.contribution ? Number(r.contribution.id) : null,
      });
    }
    if (data.standingChanges.length < 1000) return out;
  }
}

/** A change in words, for the record of actions. */
export function describeChange(
  c: Change,
  amount: (v: bigint) => string,
  tokens: (v: bigint) => string,
): string {
  const on = c.contribution === null ? '' : ` #${c.contribution}`;
  switch (c.cause) {
    case 'Genesis':
      return `In the genesis: ${amount(c.reputation)} reputation, ${tokens(c.tokens)}`;
    case 'Endowment':
      return `Endowed with ${amount(c.reputationChange)} reputation when the DC was created`;
    case 'ContributorReward':
      return `Earned ${amount(c.reputationChange)} reputation (pending) for contribution${on}`;
    case 'Stake':
      return `Evaluated${on}, staking ${amount(c.atStakeChange)}`;
    case 'Settlement': {
      const lost = -c.reputationChange;
      return lost > 0n
        ? `Evaluation of${on} settled: lost ${amount(lost)} of the ${amount(-c.atStakeChange)} staked`
        : `Evaluation of${on} settled: the ${amount(-c.atStakeChange)} staked came back`;
    }
    case 'Earnings':
      return `Earned ${amount(c.reputationChange)} reputation (pending) evaluating${on}`;
    case 'TokensMinted':
      return c.contribution === null
        ? `Bought ${tokens(c.tokensChange)} from the reserve`
        : `Received ${tokens(c.tokensChange)} for contribution${on}`;
    case 'TokensBurned':
      return `Redeemed ${tokens(-c.tokensChange)}`;
    case 'TokensReceived':
      return `Received ${tokens(c.tokensChange)} in a transfer`;
    case 'TokensSent':
      return `Sent ${tokens(-c.tokensChange)}`;
    case 'TokensSwappedOut':
      return `Paid ${tokens(-c.tokensChange)} into a market swap`;
    case 'TokensSwappedIn':
      return `Got ${tokens(c.tokensChange)} from a market swap`;
  }
}

export interface Snapshot {
  block: number;
  reputationTotal: bigint;
  reputationIssued: bigint;
  reputationBurned: bigint;
  supply: bigint;
  reserve: bigint;
  priceCap: bigint | null;
  redemptionPrice: bigint | null;
}

/** A DC's books after every block that changed them. */
export async function historyOf(indexer: Indexer, dc: number): Promise<Snapshot[]> {
  const out: Snapshot[] = [];
  for (let offset = 0; ; offset += 1000) {
    const data = await indexer.query<{ cooperativeSnapshots: Record<string, string | number | null>[] }>(
      `query ($dc: String!, $offset: Int!) { cooperativeSnapshots(where: { cooperative: { id_eq: $dc } },
        orderBy: block_ASC, limit: 1000, offset: $offset) {
        block reputationTotal reputationIssued reputationBurned supply reserve priceCap redemptionPrice } }`,
      { dc: String(dc), offset },
    );
    for (const s of data.cooperativeSnapshots) {
      const opt = (v: string | number | null) => (v === null ? null : BigInt(v));
      out.push({
        block: Number(s.block),
        reputationTotal: BigInt(s.reputationTotal as string),
        reputationIssued: BigInt(s.reputationIssued as string),
        reputationBurned: BigInt(s.reputationBurned as string),
        supply: BigInt(s.supply as string),
        reserve: BigInt(s.reserve as string),
        priceCap: opt(s.priceCap),
        redemptionPrice: opt(s.redemptionPrice),
      });
    }
    if (data.cooperativeSnapshots.length < 1000) return out;
  }
}

export interface StoryEvaluation {
  position: number;
  block: number;
  evaluator: string;
  score: number;
  weight: bigint;
  stake: bigint;
  payout: bigint | null;
  lost: bigint | null;
}

export interface Story {
  id: number;
  kind: 'Contribution' | 'Proposal';
  status: 'Open' | 'Closing' | 'Closed' | 'CleanedUp';
  depositor: string;
  uri: string;
  submittedAt: number;
  closedAt: number | null;
  median: number | null;
  paid: number;
  burned: bigint | null;
  enacted: boolean | null;
  contributors: { account: string; share: number; tokens: bigint; reputation: bigint }[];
  evaluations: StoryEvaluation[];
}

/** The DC's contributions the index knows, newest first, with their whole story. */
export async function storiesOf(indexer: Indexer, dc: number, limit = 50): Promise<Story[]> {
  type Raw = {
    id: string;
    kind: Story['kind'];
    status: Story['status'];
    depositor: { id: string };
    uri: string;
    submittedAt: number;
    closedAt: number | null;
    median: number | null;
    paid: number;
    burned: string | null;
    enacted: boolean | null;
    contributors: { account: { id: string }; share: number; tokens: string; reputation: string }[];
    evaluations: {
      position: number;
      block: number;
      evaluator: { id: string };
      score: number;
      weight: string;
      stake: string;
      payout: string | null;
      lost: string | null;
    }[];
  };
  const data = await indexer.query<{ contributions: Raw[] }>(
    `query ($dc: String!, $limit: Int!) { contributions(where: { cooperative: { id_eq: $dc } }, orderBy: submittedAt_DESC, limit: $limit) {
      id kind status depositor { id } uri submittedAt closedAt median paid burned enacted
      contributors(orderBy: id_ASC) { account { id } share tokens reputation }
      evaluations(orderBy: position_ASC) { position block evaluator { id } score weight stake payout lost } } }`,
    { dc: String(dc), limit },
  );
  const opt = (v: string | null) => (v === null ? null : BigInt(v));
  return data.contributions.map((c) => ({
    id: Number(c.id),
    kind: c.kind,
    status: c.status,
    depositor: c.depositor.id,
    uri: c.uri,
    submittedAt: c.submittedAt,
    closedAt: c.closedAt,
    median: c.median,
    paid: c.paid,
    burned: opt(c.burned),
    enacted: c.enacted,
    contributors: c.contributors.map((x) => ({
      account: x.account.id,
      share: x.share,
      tokens: BigInt(x.tokens),
      reputation: BigInt(x.reputation),
    })),
    evaluations: c.evaluations.map((e) => ({
      position: e.position,
      block: e.block,
      evaluator: e.evaluator.id,
      score: e.score,
      weight: BigInt(e.weight),
      stake: BigInt(e.stake),
      payout: opt(e.payout),
      lost: opt(e.lost),
    })),
  }));
}
