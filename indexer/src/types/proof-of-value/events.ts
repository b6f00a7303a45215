import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v300 from '../v300'

export const contributed =  {
    name: 'ProofOfValue.Contributed',
    /**
     * A contribution was submitted.
     */
    v300: new EventType(
        'ProofOfValue.Contributed',
        sts.struct({
            /**
             * Its id.
             */
            contribution: sts.bigint(),
            /**
             * The DC.
             */
            dc: sts.number(),
            /**
             * Who submitted it.
             */
            depositor: v300.AccountId32,
            /**
             * Its content hash.
             */
            contentHash: v300.H256,
        })
    ),
}

export const proposed =  {
    name: 'ProofOfValue.Proposed',
    /**
     * A proposal was submitted (§10): a contribution scored 0 (reject) or 1 (approve).
     */
    v300: new EventType(
        'ProofOfValue.Proposed',
        sts.struct({
            /**
             * Its id, shared with contributions.
             */
            proposal: sts.bigint(),
            /**
             * The DC that decides on it.
             */
            dc: sts.number(),
            /**
             * Who proposed it and paid the deposit.
             */
            proposer: v300.AccountId32,
            /**
             * The hash of the encoded call, also the proposal's content hash.
             */
            callHash: v300.H256,
        })
    ),
}

export const proposalEnacted =  {
    name: 'ProofOfValue.ProposalEnacted',
    /**
     * A proposal's final median was 1: its call was dispatched as the DC's agent account.
     */
    v300: new EventType(
        'ProofOfValue.ProposalEnacted',
        sts.struct({
            /**
             * The proposal.
             */
            proposal: sts.bigint(),
            /**
             * The DC.
             */
            dc: sts.number(),
            /**
             * The call's own result: a failing call does not fail the closing.
             */
            result: sts.result(() => sts.unit(), () => v300.DispatchError),
        })
    ),
}

export const proposalRejected =  {
    name: 'ProofOfValue.ProposalRejected',
    /**
     * A proposal closed without a median of 1: its call was not dispatched.
     */
    v300: new EventType(
        'ProofOfValue.ProposalRejected',
        sts.struct({
            /**
             * The proposal.
             */
            proposal: sts.bigint(),
            /**
             * The DC.
             */
            dc: sts.number(),
            /**
             * The final median: 0, or `None` without consensus.
             */
            median: sts.option(() => sts.number()),
        })
    ),
}

export const evaluated =  {
    name: 'ProofOfValue.Evaluated',
    /**
     * A contribution was evaluated.
     */
    v300: new EventType(
        'ProofOfValue.Evaluated',
        sts.struct({
            /**
             * The contribution.
             */
            contribution: sts.bigint(),
            /**
             * The evaluator.
             */
            evaluator: v300.AccountId32,
            /**
             * The score given.
             */
            score: sts.number(),
            /**
             * The evaluator's reputation.
             */
            weight: sts.bigint(),
            /**
             * The reputation put at stake.
             */
            stake: sts.bigint(),
        })
    ),
}

export const rewardIssued =  {
    name: 'ProofOfValue.RewardIssued',
    /**
     * The median rose above what was paid: contributors received tokens and reputation.
     */
    v300: new EventType(
        'ProofOfValue.RewardIssued',
        sts.struct({
            /**
             * The contribution.
             */
            contribution: sts.bigint(),
            /**
             * The new median.
             */
            median: sts.number(),
            /**
             * Points paid now: the new median minus the previous one.
             */
            points: sts.number(),
            /**
             * Tokens minted to the contributors together.
             */
            tokens: sts.bigint(),
            /**
             * Reputation issued to the contributors together.
             */
            reputation: sts.bigint(),
        })
    ),
}

export const evaluationSettled =  {
    name: 'ProofOfValue.EvaluationSettled',
    /**
     * An evaluation was settled on closing: `accrued + pot_share` (or, with no consensus,
     * the stake) is its payout, of which `returned` came back vested and `earned` follows,
     * pending.
     */
    v300: new EventType(
        'ProofOfValue.EvaluationSettled',
        sts.struct({
            /**
             * The contribution.
             */
            contribution: sts.bigint(),
            /**
             * The evaluator.
             */
            evaluator: v300.AccountId32,
            /**
             * Its share of the stakes of later aligned evaluators (0 if not aligned with the
             * median).
             */
            accrued: sts.bigint(),
            /**
             * Its share of the pot.
             */
            potShare: sts.bigint(),
            /**
             * Its own stake, or the part of it the payout covers, back vested.
             */
            returned: sts.bigint(),
            /**
             * What the payout adds beyond the stake: paid pending once every stake is back.
             */
            earned: sts.bigint(),
        })
    ),
}

export const closed =  {
    name: 'ProofOfValue.Closed',
    /**
     * A contribution was closed.
     */
    v300: new EventType(
        'ProofOfValue.Closed',
        sts.struct({
            /**
             * The contribution.
             */
            contribution: sts.bigint(),
            /**
             * The final median; `None`: no consensus.
             */
            median: sts.option(() => sts.number()),
            /**
             * Forfeited accruals and rounding dust burned.
             */
            burned: sts.bigint(),
        })
    ),
}

export const earningsPaid =  {
    name: 'ProofOfValue.EarningsPaid',
    /**
     * What an evaluator earned beyond its stake on a closing contribution was paid,
     * pending (after every stake had come back).
     */
    v300: new EventType(
        'ProofOfValue.EarningsPaid',
        sts.struct({
            /**
             * The contribution.
             */
            contribution: sts.bigint(),
            /**
             * The evaluator.
             */
            evaluator: v300.AccountId32,
            /**
             * How much.
             */
            amount: sts.bigint(),
        })
    ),
}

export const closingProgressed =  {
    name: 'ProofOfValue.ClosingProgressed',
    /**
     * A closing step settled part of a contribution; more steps follow.
     */
    v300: new EventType(
        'ProofOfValue.ClosingProgressed',
        sts.struct({
            /**
             * The contribution.
             */
            contribution: sts.bigint(),
            /**
             * Evaluations whose stake is not returned yet.
             */
            remaining: sts.number(),
        })
    ),
}

export const cleanedUp =  {
    name: 'ProofOfValue.CleanedUp',
    /**
     * A closed contribution was removed and its deposit returned.
     */
    v300: new EventType(
        'ProofOfValue.CleanedUp',
        sts.struct({
            /**
             * The contribution.
             */
            contribution: sts.bigint(),
            /**
             * Who got the deposit back.
             */
            depositor: v300.AccountId32,
        })
    ),
}
