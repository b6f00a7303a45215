// From a batch of finalized blocks to rows. Every balance is derived from events, in event order,
// so each change is recorded with the values after it; the chain's storage is read only where no
// event carries the facts: the DCs of the genesis, an initial endowment's members, a new DC's
// name, and a new contribution's contributors, URI and quorum.
import {
  Account,
  Contribution,
  ContributionKind,
  ContributionStatus,
  ContributorShare,
  Cooperative,
  CooperativeSnapshot,
  Evaluation,
  ReserveOperation,
  ReserveOperationKind,
  Reward,
  Standing,
  StandingCause,
  StandingChange,
  TokenMovement,
  TokenMovementKind,
} from './model';
import { events, storage } from './types';
import { address, decodeEvent, dispatchError, json, palletNames, storageAt, text } from './decode';
import type { Block, Event, ProcessorContext } from './processor';
import type { Store } from './store';

export type Context = ProcessorContext<Store>;

const ONE = 10n ** 18n; // FixedU128's unit

/** What a token base unit redeems for: min(cap, ⌊reserve·10^18 / supply⌋); null without a cap or tokens. */
export function redemptionPrice(
  cap: bigint | null | undefined,
  reserve: bigint,
  supply: bigint,
): bigint | null {
  if (cap == null || supply === 0n) return null;
  const backing = (reserve * ONE) / supply;
  return backing < cap ? backing : cap;
}

/** A standing's total reputation as the chain stores it: vested + escrowed + pending. */
function standingTotal(s: { vested: bigint; escrowed: bigint; pending: { amount: bigint }[] }): bigint {
  return s.pending.reduce((sum, p) => sum + p.amount, s.vested + s.escrowed);
}

/** A DC's books at the end of block `block`, for its history. */
function snapshotOf(c: Cooperative, block: number, timestamp: Date | undefined): CooperativeSnapshot {
  return new CooperativeSnapshot({
    id: `${c.id}-${block}`,
    cooperative: c,
    block,
    timestamp,
    reputationTotal: c.reputationTotal,
    reputationIssued: c.reputationIssued,
    reputationBurned: c.reputationBurned,
    supply: c.supply,
    reserve: c.reserve,
    priceCap: c.priceCap,
    redemptionPrice: c.redemptionPrice,
  });
}

/** The values a DC's history records, to tell whether a block changed them. */
function booksOf(c: Cooperative): string {
  return [
    c.reputationTotal,
    c.reputationIssued,
    c.reputationBurned,
    c.supply,
    c.reserve,
    c.priceCap,
    c.redemptionPrice,
  ].join(',');
}

const evaluationId = (contribution: string, who: string) => `${contribution}-${who}`;
const standingId = (dc: string, who: string) => `${dc}-${who}`;

/** The entities one batch reads and writes, loaded in bulk before its events are applied. */
class Books {
  accounts = new Map<string, Account>();
  cooperatives = new Map<string, Cooperative>();
  standings = new Map<string, Standing>();
  contributions = new Map<string, Contribution>();
  evaluations = new Map<string, Evaluation>();
  shares = new Map<string, ContributorShare>();
  // Rows that are only ever added.
  changes: StandingChange[] = [];
  snapshots: CooperativeSnapshot[] = [];
  rewards: Reward[] = [];
  reserveOperations: ReserveOperation[] = [];
  movements: TokenMovement[] = [];

  constructor(private ctx: Context) {}

  /**
   * Loads, in a few queries, every row the batch's events may change. Rows come with references
   * (ids) for their relations, which an upsert writes back as they were.
   */
  async prefetch() {
    const store = this.ctx.store;
    const all = this.ctx.blocks.flatMap((b) => b.events);
    const argsOf = (e: Event) => (e.args != null && typeof e.args === 'object' ? (e.args as any) : {});
    const contributionOf = (a: any) => a.contribution ?? a.proposal;
    // 1. Contributions, to know the DC of the events that name only a contribution.
    const contributionIds = new Set<string>();
    const dcOfContribution = new Map<string, string>();
    for (const e of all) {
      const a = argsOf(e);
      const id = contributionOf(a);
      if (id === undefined) continue;
      contributionIds.add(String(id));
      if (a.dc !== undefined) dcOfContribution.set(String(id), String(a.dc));
    }
    for (const c of await store.find(Contribution, [...contributionIds])) {
      this.contributions.set(c.id, c);
      dcOfContribution.set(c.id, c.cooperative.id);
    }
    const dcOf = (a: any): string | undefined => {
      if (a.dc !== undefined) return String(a.dc);
      if (a.assetId !== undefined) return String(a.assetId);
      const id = contributionOf(a);
      return id === undefined ? undefined : dcOfContribution.get(String(id));
    };
    // 2. DCs, 3. standings, evaluations and contributor shares.
    const dcIds = new Set<string>();
    const standingIds = new Set<string>();
    const evaluationIds = new Set<string>();
    const rewarded = new Set<string>();
    for (const e of all) {
      const a = argsOf(e);
      const dc = dcOf(a);
      if (dc === undefined) continue;
      dcIds.add(dc);
      for (const key of ['who', 'owner', 'from', 'to', 'destination', 'evaluator']) {
        const k = a[key];
        if (typeof k !== 'string' || !k.startsWith('0x')) continue;
        standingIds.add(standingId(dc, address(k)));
        if (key === 'evaluator') evaluationIds.add(evaluationId(String(contributionOf(a)), address(k)));
      }
      if (e.name === 'ProofOfValue.RewardIssued') rewarded.add(String(a.contribution));
    }
    for (const c of await store.find(Cooperative, [...dcIds])) this.cooperatives.set(c.id, c);
    // One instance per row, so that references compare and save alike.
    for (const c of this.contributions.values()) {
      c.cooperative = this.cooperatives.get(c.cooperative.id) ?? c.cooperative;
    }
    for (const s of await store.find(Standing, [...standingIds])) this.standings.set(s.id, s);
    for (const e of await store.find(Evaluation, [...evaluationIds])) this.evaluations.set(e.id, e);
    for (const s of await store.find(ContributorShare, [...rewarded], 'contribution'))
      this.shares.set(s.id, s);
  }

  account(publicKey: string): Account {
    const id = address(publicKey);
    let a = this.accounts.get(id);
    if (!a) {
      a = new Account({ id, publicKey });
      this.accounts.set(id, a);
    }
    return a;
  }

  cooperative(dc: number | string): Cooperative | undefined {
    return this.cooperatives.get(String(dc));
  }

  standing(c: Cooperative, a: Account, height: number): Standing {
    const id = standingId(c.id, a.id);
    let s = this.standings.get(id);
    if (!s) {
      s = new Standing({
        id,
        cooperative: c,
        account: a,
        reputation: 0n,
        atStake: 0n,
        tokens: 0n,
        updatedAt: height,
      });
      this.standings.set(id, s);
    }
    return s;
  }

  async flush() {
    const store = this.ctx.store;
    await store.upsert([...this.accounts.values()]);
    await store.upsert([...this.cooperatives.values()]);
    await store.upsert([...this.contributions.values()]);
    await store.upsert([...this.standings.values()]);
    await store.upsert([...this.evaluations.values()]);
    await store.upsert([...this.shares.values()]);
    await store.insert(this.rewards);
    await store.insert(this.changes);
    await store.insert(this.snapshots);
    await store.insert(this.reserveOperations);
    await store.insert(this.movements);
  }
}

/** Token and reputation grants of one extrinsic (or block phase), waiting for the event that says why. */
interface Grant {
  dc: string;
  account: Account;
  tokens: bigint;
  reputation: bigint;
  changes: StandingChange[];
}

class BlockHandler {
  // The DCs the block's events named, with their books as the block found them.
  private touched = new Map<Cooperative, string>();
  private created: { dc: string; eventIndex: number; total: bigint }[] = [];
  private newContributions: Contribution[] = [];
  private grants: Grant[] = [];
  private grantsPhase = '';
  // Market swaps move DC tokens through `Balanced`: a withdrawal from the payer, then (after the
  // swap's other legs) a deposit to the payee of the same asset and amount, in one extrinsic. A
  // withdrawal waits here for its deposit; the pair is one `Swap` movement.
  private withdrawals: { c: Cooperative; from: Account; amount: bigint; e: Event }[] = [];
  private withdrawalsPhase = '';
  private time: Date | undefined;

  constructor(
    private books: Books,
    private block: Block,
  ) {
    this.time = block.timestamp ? new Date(block.timestamp) : undefined;
  }

  private record(
    c: Cooperative,
    s: Standing,
    e: Event,
    cause: StandingCause,
    change: { reputation?: bigint; atStake?: bigint; tokens?: bigint },
    contribution?: Contribution,
  ): StandingChange {
    s.reputation += change.reputation ?? 0n;
    s.atStake += change.atStake ?? 0n;
    s.tokens += change.tokens ?? 0n;
    s.updatedAt = this.block.height;
    const row = new StandingChange({
      id: `${this.block.height}-${e.index}-${c.id}-${s.account.id}-${cause}`,
      cooperative: c,
      account: s.account,
      block: this.block.height,
      eventIndex: e.index,
      timestamp: this.time,
      cause,
      reputationChange: change.reputation ?? 0n,
      atStakeChange: change.atStake ?? 0n,
      tokensChange: change.tokens ?? 0n,
      reputation: s.reputation,
      atStake: s.atStake,
      tokens: s.tokens,
      contribution,
    });
    this.books.changes.push(row);
    return row;
  }

  private grant(
    e: Event,
    dc: string,
    account: Account,
    tokens: bigint,
    reputation: bigint,
    change: StandingChange,
  ) {
    const phase = `${e.extrinsicIndex ?? 'hook'}`;
    if (phase !== this.grantsPhase) {
      this.grants = [];
      this.grantsPhase = phase;
    }
    let g = this.grants.find((g) => g.dc === dc && g.account.id === account.id);
    if (!g) {
      g = { dc, account, tokens: 0n, reputation: 0n, changes: [] };
      this.grants.push(g);
    }
    g.tokens += tokens;
    g.reputation += reputation;
    g.changes.push(change);
  }

  private takeGrants(dc: string): Grant[] {
    const mine = this.grants.filter((g) => g.dc === dc);
    this.grants = this.grants.filter((g) => g.dc !== dc);
    return mine;
  }

  private contribution(id: bigint | number | string): Contribution {
    const c = this.books.contributions.get(String(id));
    if (!c) throw new Error(`event about contribution ${id}, which the indexer has not seen submitted`);
    return c;
  }

  private cooperativeOf(dc: number | string): Cooperative {
    const c = this.books.cooperative(dc);
    if (!c) throw new Error(`event about DC ${dc}, which the indexer has not seen created`);
    this.touch(c);
    return c;
  }

  private touch(c: Cooperative) {
    if (!this.touched.has(c)) this.touched.set(c, this.created.some((x) => x.dc === c.id) ? '' : booksOf(c));
  }

  private updatePrice(c: Cooperative) {
    c.redemptionPrice = redemptionPrice(c.priceCap, c.reserve, c.supply);
  }

  private reserveOperation(
    e: Event,
    c: Cooperative,
    kind: ReserveOperationKind,
    account: Account | undefined,
    tokens: bigint | undefined,
    value: bigint,
  ) {
    this.updatePrice(c);
    this.books.reserveOperations.push(
      new ReserveOperation({
        id: `${this.block.height}-${e.index}`,
        cooperative: c,
        kind,
        account,
        block: this.block.height,
        timestamp: this.time,
        tokens,
        value,
        priceCap: c.priceCap,
        reserveAfter: c.reserve,
        supplyAfter: c.supply,
      }),
    );
  }

  private movement(
    e: Event,
    c: Cooperative,
    kind: TokenMovementKind,
    amount: bigint,
    from?: Account,
    to?: Account,
  ) {
    this.books.movements.push(
      new TokenMovement({
        id: `${this.block.height}-${e.index}`,
        cooperative: c,
        kind,
        from,
        to,
        amount,
        block: this.block.height,
        timestamp: this.time,
      }),
    );
  }

  /** Withdrawals left without a deposit when an extrinsic ends: movements out, to nobody known. */
  private enterPhase(e: Event | undefined) {
    const phase = e ? `${e.extrinsicIndex ?? 'hook'}` : '';
    if (e && phase === this.withdrawalsPhase) return;
    for (const w of this.withdrawals)
      this.movement(w.e, w.c, TokenMovementKind.Swap, w.amount, w.from, undefined);
    this.withdrawals = [];
    this.withdrawalsPhase = phase;
  }

  handle(e: Event) {
    const books = this.books;
    const height = this.block.height;
    switch (e.name) {
      // ---- DCs
      case 'Reputation.Endowed': {
        const ev = decodeEvent(e, events.reputation.endowed);
        this.created.push({ dc: String(ev.dc), eventIndex: e.index, total: ev.total });
        break;
      }
      case 'Cooperatives.CooperativeCreated': {
        const ev = decodeEvent(e, events.cooperatives.cooperativeCreated);
        const endowed = this.created.find((x) => x.dc === String(ev.dc));
        const total = endowed?.total ?? 0n;
        const c = new Cooperative({
          id: String(ev.dc),
          name: '',
          admin: books.account(ev.admin),
          agent: books.account(ev.agent),
          createdAt: height,
          createdAtTime: this.time,
          parameters: {},
          reputationInitial: total,
          reputationIssued: 0n,
          reputationBurned: 0n,
          reputationTotal: total,
          tokensMinted: 0n,
          tokensBurned: 0n,
          supply: 0n,
          reserve: 0n,
        });
        books.cooperatives.set(c.id, c);
        this.touch(c);
        break;
      }
      case 'Cooperatives.ParametersSet': {
        const ev = decodeEvent(e, events.cooperatives.parametersSet);
        this.cooperativeOf(ev.dc).parameters = json(ev.parameters);
        break;
      }
      case 'Cooperatives.AdminTransferred': {
        const ev = decodeEvent(e, events.cooperatives.adminTransferred);
        this.cooperativeOf(ev.dc).admin = books.account(ev.to);
        break;
      }
      // ---- reputation
      case 'Reputation.Issued': {
        const ev = decodeEvent(e, events.reputation.issued);
        const c = this.cooperativeOf(ev.dc);
        c.reputationIssued += ev.amount;
        c.reputationTotal += ev.amount;
        const a = books.account(ev.who);
        const row = this.record(c, books.standing(c, a, height), e, StandingCause.ContributorReward, {
          reputation: ev.amount,
        });
        this.grant(e, c.id, a, 0n, ev.amount, row);
        break;
      }
      case 'Reputation.Burned': {
        const ev = decodeEvent(e, events.reputation.burned);
        const c = this.cooperativeOf(ev.dc);
        c.reputationBurned += ev.amount;
        c.reputationTotal -= ev.amount;
        break;
      }
      // ---- contributions and proposals
      case 'ProofOfValue.Contributed':
      case 'ProofOfValue.Proposed': {
        let id: bigint, dc: number, depositor: string, hash: string, kind: ContributionKind;
        if (e.name === 'ProofOfValue.Contributed') {
          const ev = decodeEvent(e, events.proofOfValue.contributed);
          [id, dc, depositor, hash, kind] = [
            ev.contribution,
            ev.dc,
            ev.depositor,
            ev.contentHash,
            ContributionKind.Contribution,
          ];
        } else {
          const ev = decodeEvent(e, events.proofOfValue.proposed);
          [id, dc, depositor, hash, kind] = [
            ev.proposal,
            ev.dc,
            ev.proposer,
            ev.callHash,
            ContributionKind.Proposal,
          ];
        }
        const c = new Contribution({
          id: String(id),
          cooperative: this.cooperativeOf(dc),
          kind,
          depositor: books.account(depositor),
          contentHash: hash,
          uri: '',
          submittedAt: height,
          submittedAtTime: this.time,
          totalAtSubmission: 0n,
          need: 0n,
          status: ContributionStatus.Open,
          paid: 0,
          rewardedTokens: 0n,
          rewardedReputation: 0n,
          evaluationCount: 0,
        });
        books.contributions.set(c.id, c);
        this.newContributions.push(c);
        break;
      }
      case 'ProofOfValue.Evaluated': {
        const ev = decodeEvent(e, events.proofOfValue.evaluated);
        const contribution = this.contribution(ev.contribution);
        const c = this.cooperativeOf(contribution.cooperative.id);
        const a = books.account(ev.evaluator);
        contribution.evaluationCount += 1;
        const evaluation = new Evaluation({
          id: evaluationId(contribution.id, a.id),
          contribution,
          cooperative: c,
          evaluator: a,
          position: contribution.evaluationCount,
          block: height,
          eventIndex: e.index,
          timestamp: this.time,
          score: ev.score,
          weight: ev.weight,
          stake: ev.stake,
        });
        books.evaluations.set(evaluation.id, evaluation);
        this.record(
          c,
          books.standing(c, a, height),
          e,
          StandingCause.Stake,
          { atStake: ev.stake },
          contribution,
        );
        break;
      }
      case 'ProofOfValue.RewardIssued': {
        const ev = decodeEvent(e, events.proofOfValue.rewardIssued);
        const contribution = this.contribution(ev.contribution);
        contribution.paid = ev.median;
        contribution.rewardedTokens += ev.tokens;
        contribution.rewardedReputation += ev.reputation;
        books.rewards.push(
          new Reward({
            id: `${height}-${e.index}`,
            contribution,
            block: height,
            timestamp: this.time,
            median: ev.median,
            points: ev.points,
            tokens: ev.tokens,
            reputation: ev.reputation,
          }),
        );
        for (const g of this.takeGrants(contribution.cooperative.id)) {
          const id = `${contribution.id}-${g.account.id}`;
          let share = books.shares.get(id);
          if (!share) {
            share = new ContributorShare({
              id,
              contribution,
              account: g.account,
              share: 0,
              tokens: 0n,
              reputation: 0n,
            });
            books.shares.set(id, share);
          }
          share.tokens += g.tokens;
          share.reputation += g.reputation;
          for (const row of g.changes) row.contribution = contribution;
        }
        break;
      }
      case 'ProofOfValue.EvaluationSettled': {
        const ev = decodeEvent(e, events.proofOfValue.evaluationSettled);
        const contribution = this.contribution(ev.contribution);
        const c = this.cooperativeOf(contribution.cooperative.id);
        const a = books.account(ev.evaluator);
        const evaluation = books.evaluations.get(evaluationId(contribution.id, a.id));
        if (!evaluation)
          throw new Error(
            `settlement of an evaluation the indexer has not seen: ${contribution.id} by ${a.id}`,
          );
        evaluation.accrued = ev.accrued;
        evaluation.potShare = ev.potShare;
        evaluation.returned = ev.returned;
        evaluation.earned = ev.earned;
        evaluation.payout = ev.returned + ev.earned;
        evaluation.lost = evaluation.stake - ev.returned;
        evaluation.settledAt = height;
        contribution.status = ContributionStatus.Closing;
        this.record(
          c,
          books.standing(c, a, height),
          e,
          StandingCause.Settlement,
          { reputation: -evaluation.lost, atStake: -evaluation.stake },
          contribution,
        );
        break;
      }
      case 'ProofOfValue.EarningsPaid': {
        const ev = decodeEvent(e, events.proofOfValue.earningsPaid);
        const contribution = this.contribution(ev.contribution);
        const c = this.cooperativeOf(contribution.cooperative.id);
        const a = books.account(ev.evaluator);
        const evaluation = books.evaluations.get(evaluationId(contribution.id, a.id));
        if (evaluation) evaluation.earningsPaidAt = height;
        this.record(
          c,
          books.standing(c, a, height),
          e,
          StandingCause.Earnings,
          { reputation: ev.amount },
          contribution,
        );
        break;
      }
      case 'ProofOfValue.ClosingProgressed': {
        const ev = decodeEvent(e, events.proofOfValue.closingProgressed);
        this.contribution(ev.contribution).status = ContributionStatus.Closing;
        break;
      }
      case 'ProofOfValue.Closed': {
        const ev = decodeEvent(e, events.proofOfValue.closed);
        const contribution = this.contribution(ev.contribution);
        contribution.status = ContributionStatus.Closed;
        contribution.median = ev.median ?? null;
        contribution.burned = ev.burned;
        contribution.closedAt = height;
        contribution.closedAtTime = this.time;
        break;
      }
      case 'ProofOfValue.ProposalEnacted': {
        const ev = decodeEvent(e, events.proofOfValue.proposalEnacted);
        const contribution = this.contribution(ev.proposal);
        contribution.enacted = true;
        contribution.enactmentError = dispatchError(ev.result, palletNames(this.block));
        break;
      }
      case 'ProofOfValue.ProposalRejected': {
        const ev = decodeEvent(e, events.proofOfValue.proposalRejected);
        this.contribution(ev.proposal).enacted = false;
        break;
      }
      case 'ProofOfValue.CleanedUp': {
        const ev = decodeEvent(e, events.proofOfValue.cleanedUp);
        const contribution = this.contribution(ev.contribution);
        contribution.status = ContributionStatus.CleanedUp;
        contribution.cleanedUpAt = height;
        break;
      }
      // ---- the reserve
      case 'Reserve.PriceCapSet': {
        const ev = decodeEvent(e, events.reserve.priceCapSet);
        const c = this.cooperativeOf(ev.dc);
        c.priceCap = ev.priceCap;
        c.reserveAsset = ev.asset.__kind === 'Native' ? 'COV' : `DC ${ev.asset.value}`;
        c.reserveAssetCooperative = ev.asset.__kind === 'Native' ? null : ev.asset.value;
        const admin = c.admin;
        this.reserveOperation(e, c, ReserveOperationKind.PriceCapSet, admin, undefined, ev.endowment);
        break;
      }
      case 'Reserve.Bought': {
        const ev = decodeEvent(e, events.reserve.bought);
        const c = this.cooperativeOf(ev.dc);
        c.reserve += ev.cost;
        // The tokens it minted are a purchase, not a contributor's reward.
        this.takeGrants(c.id);
        this.reserveOperation(
          e,
          c,
          ReserveOperationKind.Purchase,
          books.account(ev.buyer),
          ev.amount,
          ev.cost,
        );
        break;
      }
      case 'Reserve.Redeemed': {
        const ev = decodeEvent(e, events.reserve.redeemed);
        const c = this.cooperativeOf(ev.dc);
        c.reserve -= ev.proceeds;
        this.reserveOperation(
          e,
          c,
          ReserveOperationKind.Redemption,
          books.account(ev.holder),
          ev.amount,
          ev.proceeds,
        );
        break;
      }
      case 'Reserve.RevenueDeposited': {
        const ev = decodeEvent(e, events.reserve.revenueDeposited);
        const c = this.cooperativeOf(ev.dc);
        c.reserve += ev.amount;
        this.reserveOperation(
          e,
          c,
          ReserveOperationKind.Revenue,
          books.account(ev.payer),
          undefined,
          ev.amount,
        );
        break;
      }
      // ---- DC tokens (the assets pallet; asset id = DC id)
      case 'Assets.Issued': {
        const ev = decodeEvent(e, events.assets.issued);
        const c = books.cooperative(ev.assetId);
        if (!c) break;
        this.touch(c);
        c.tokensMinted += ev.amount;
        c.supply += ev.amount;
        this.updatePrice(c);
        const a = books.account(ev.owner);
        const row = this.record(c, books.standing(c, a, height), e, StandingCause.TokensMinted, {
          tokens: ev.amount,
        });
        this.movement(e, c, TokenMovementKind.Mint, ev.amount, undefined, a);
        this.grant(e, c.id, a, ev.amount, 0n, row);
        break;
      }
      case 'Assets.Burned': {
        const ev = decodeEvent(e, events.assets.burned);
        const c = books.cooperative(ev.assetId);
        if (!c) break;
        this.touch(c);
        c.tokensBurned += ev.balance;
        c.supply -= ev.balance;
        this.updatePrice(c);
        const a = books.account(ev.owner);
        this.record(c, books.standing(c, a, height), e, StandingCause.TokensBurned, { tokens: -ev.balance });
        this.movement(e, c, TokenMovementKind.Burn, ev.balance, a, undefined);
        break;
      }
      case 'Assets.Withdrawn': {
        const ev = decodeEvent(e, events.assets.withdrawn);
        const c = books.cooperative(ev.assetId);
        if (!c) break;
        this.touch(c);
        const a = books.account(ev.who);
        this.record(c, books.standing(c, a, height), e, StandingCause.TokensSwappedOut, {
          tokens: -ev.amount,
        });
        this.enterPhase(e);
        this.withdrawals.push({ c, from: a, amount: ev.amount, e });
        break;
      }
      case 'Assets.Deposited': {
        const ev = decodeEvent(e, events.assets.deposited);
        const c = books.cooperative(ev.assetId);
        if (!c) break;
        this.touch(c);
        const b = books.account(ev.who);
        this.record(c, books.standing(c, b, height), e, StandingCause.TokensSwappedIn, { tokens: ev.amount });
        this.enterPhase(e);
        const i = this.withdrawals.findIndex((w) => w.c === c && w.amount === ev.amount);
        if (i < 0) {
          this.movement(e, c, TokenMovementKind.Swap, ev.amount, undefined, b);
        } else {
          const [w] = this.withdrawals.splice(i, 1);
          this.movement(w.e, c, TokenMovementKind.Swap, ev.amount, w.from, b);
        }
        break;
      }
      case 'Assets.Transferred':
      case 'Assets.TransferredApproved': {
        let assetId: number, from: string, to: string, amount: bigint;
        if (e.name === 'Assets.Transferred') {
          const ev = decodeEvent(e, events.assets.transferred);
          [assetId, from, to, amount] = [ev.assetId, ev.from, ev.to, ev.amount];
        } else {
          const ev = decodeEvent(e, events.assets.transferredApproved);
          [assetId, from, to, amount] = [ev.assetId, ev.owner, ev.destination, ev.amount];
        }
        const c = books.cooperative(assetId);
        if (!c) break;
        this.touch(c);
        const [a, b] = [books.account(from), books.account(to)];
        this.record(c, books.standing(c, a, height), e, StandingCause.TokensSent, { tokens: -amount });
        this.record(c, books.standing(c, b, height), e, StandingCause.TokensReceived, { tokens: amount });
        this.movement(e, c, TokenMovementKind.Transfer, amount, a, b);
        break;
      }
    }
  }

  /** After the block's events: what only storage knows, then each touched DC's snapshot. */
  async finish() {
    this.enterPhase(undefined);
    const books = this.books;
    const header = this.block;
    for (const created of this.created) {
      const c = books.cooperative(created.dc);
      if (!c) throw new Error(`DC ${created.dc} was endowed without being created`);
      const stored = await storageAt(
        header,
        'Cooperatives.Cooperatives',
        storage.cooperatives.cooperatives,
      ).get(header, Number(created.dc));
      if (stored) c.name = text(stored.name);
      // The endowment per member: its reputation at the end of the block, less what later events of
      // the block (already applied) changed. The event itself carries only the count and total.
      const pairs = await storageAt(
        header,
        'Reputation.ReputationOf',
        storage.reputation.reputationOf,
      ).getPairs(header, Number(created.dc));
      for (const [[, who], standing] of pairs) {
        if (!standing) continue;
        const a = books.account(who);
        const s = books.standing(c, a, header.height);
        const endowed = standingTotal(standing) - s.reputation;
        if (endowed <= 0n) continue;
        // Later rows of this block for the member move up by the endowment.
        for (const row of books.changes) {
          if (
            row.block === header.height &&
            row.eventIndex > created.eventIndex &&
            row.account.id === a.id &&
            row.cooperative.id === c.id
          ) {
            row.reputation += endowed;
          }
        }
        s.reputation += endowed;
        books.changes.push(
          new StandingChange({
            id: `${header.height}-${created.eventIndex}-${c.id}-${a.id}-${StandingCause.Endowment}`,
            cooperative: c,
            account: a,
            block: header.height,
            eventIndex: created.eventIndex,
            timestamp: this.time,
            cause: StandingCause.Endowment,
            reputationChange: endowed,
            atStakeChange: 0n,
            tokensChange: 0n,
            reputation: endowed, // the DC is new: nothing came before
            atStake: 0n,
            tokens: 0n,
          }),
        );
      }
    }
    if (this.newContributions.length > 0) {
      const item = storageAt(header, 'ProofOfValue.Contributions', storage.proofOfValue.contributions);
      const stored = await item.getMany(
        header,
        this.newContributions.map((c) => BigInt(c.id)),
      );
      this.newContributions.forEach((c, i) => {
        const s = stored[i];
        if (!s) return; // closed and cleaned up within its own block: nothing more to know
        c.uri = text(s.uri);
        c.totalAtSubmission = s.totalAtSubmission;
        c.need = s.need;
        for (const [account, share] of s.contributors) {
          const a = books.account(account);
          const id = `${c.id}-${a.id}`;
          let row = books.shares.get(id);
          if (!row) {
            row = new ContributorShare({
              id,
              contribution: c,
              account: a,
              share: 0,
              tokens: 0n,
              reputation: 0n,
            });
            books.shares.set(id, row);
          }
          row.share = share;
        }
      });
    }
    for (const [c, before] of this.touched) {
      if (booksOf(c) === before) continue;
      books.snapshots.push(snapshotOf(c, header.height, this.time));
    }
  }
}

/** The DCs that exist at block 0, read from its state: a genesis has no events. */
async function genesis(books: Books, block: Block) {
  const time = block.timestamp ? new Date(block.timestamp) : undefined;
  const coops = await storageAt(
    block,
    'Cooperatives.Cooperatives',
    storage.cooperatives.cooperatives,
  ).getPairs(block);
  for (const [dc, stored] of coops) {
    if (!stored) continue;
    const ledger = await storageAt(block, 'Reputation.Ledgers', storage.reputation.ledgers).get(block, dc);
    const tokenBooks = await storageAt(block, 'Cooperatives.TokenBooks', storage.cooperatives.tokenBooks).get(
      block,
      dc,
    );
    const reserve = await storageAt(block, 'Reserve.Reserves', storage.reserve.reserves).get(block, dc);
    const asset = await storageAt(block, 'Assets.Asset', storage.assets.asset).get(block, dc);
    const c = new Cooperative({
      id: String(dc),
      name: text(stored.name),
      admin: books.account(stored.admin),
      agent: books.account(stored.agent),
      createdAt: 0,
      createdAtTime: time,
      parameters: json(stored.parameters),
      reputationInitial: ledger?.initial ?? 0n,
      reputationIssued: ledger?.issued ?? 0n,
      reputationBurned: ledger?.burned ?? 0n,
      reputationTotal: ledger?.total ?? 0n,
      tokensMinted: tokenBooks?.minted ?? 0n,
      tokensBurned: tokenBooks?.burned ?? 0n,
      supply: asset?.supply ?? 0n,
      reserve: reserve?.balance ?? 0n,
      priceCap: reserve?.priceCap ?? null,
      reserveAsset: reserve
        ? reserve.asset.__kind === 'Native'
          ? 'COV'
          : `DC ${reserve.asset.value}`
        : null,
      reserveAssetCooperative: reserve && reserve.asset.__kind !== 'Native' ? reserve.asset.value : null,
    });
    c.redemptionPrice = redemptionPrice(c.priceCap, c.reserve, c.supply);
    books.cooperatives.set(c.id, c);
    const standings = new Map<
      string,
      { reputation: bigint; atStake: bigint; tokens: bigint; account: Account }
    >();
    const entry = (who: string) => {
      const a = books.account(who);
      let s = standings.get(a.id);
      if (!s) standings.set(a.id, (s = { reputation: 0n, atStake: 0n, tokens: 0n, account: a }));
      return s;
    };
    for (const [[, who], st] of await storageAt(
      block,
      'Reputation.ReputationOf',
      storage.reputation.reputationOf,
    ).getPairs(block, dc)) {
      if (!st) continue;
      const s = entry(who);
      s.reputation = standingTotal(st);
      s.atStake = st.escrowed;
    }
    for (const [[, who], acc] of await storageAt(block, 'Assets.Account', storage.assets.account).getPairs(
      block,
      dc,
    )) {
      if (acc) entry(who).tokens = acc.balance;
    }
    for (const s of standings.values()) {
      const standing = books.standing(c, s.account, 0);
      Object.assign(standing, { reputation: s.reputation, atStake: s.atStake, tokens: s.tokens });
      books.changes.push(
        new StandingChange({
          id: `0-0-${c.id}-${s.account.id}-${StandingCause.Genesis}`,
          cooperative: c,
          account: s.account,
          block: 0,
          eventIndex: 0,
          timestamp: time,
          cause: StandingCause.Genesis,
          reputationChange: s.reputation,
          atStakeChange: s.atStake,
          tokensChange: s.tokens,
          reputation: s.reputation,
          atStake: s.atStake,
          tokens: s.tokens,
        }),
      );
    }
    books.snapshots.push(snapshotOf(c, 0, time));
  }
}

/** Applies one batch of finalized blocks, in order, and writes what changed. */
export async function handleBatch(ctx: Context) {
  const books = new Books(ctx);
  await books.prefetch();
  for (const block of ctx.blocks) {
    if (block.header.height === 0) await genesis(books, block.header);
    const handler = new BlockHandler(books, block.header);
    for (const e of block.events) handler.handle(e);
    await handler.finish();
  }
  await books.flush();
}
