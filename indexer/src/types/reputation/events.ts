import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v300 from '../v300'

export const endowed =  {
    name: 'Reputation.Endowed',
    /**
     * A new DC's initial members received their reputation, vested.
     */
    v300: new EventType(
        'Reputation.Endowed',
        sts.struct({
            /**
             * The DC.
             */
            dc: sts.number(),
            /**
             * Its members.
             */
            members: sts.number(),
            /**
             * Their reputation together: the DC's initial total.
             */
            total: sts.bigint(),
            /**
             * The DC's epoch length.
             */
            epochLength: sts.number(),
        })
    ),
}

export const issued =  {
    name: 'Reputation.Issued',
    /**
     * Reputation was issued to a contributor, pending until `vests_at`.
     */
    v300: new EventType(
        'Reputation.Issued',
        sts.struct({
            /**
             * The DC.
             */
            dc: sts.number(),
            /**
             * The contributor.
             */
            who: v300.AccountId32,
            /**
             * How much.
             */
            amount: sts.bigint(),
            /**
             * The block at which it vests.
             */
            vestsAt: sts.number(),
        })
    ),
}

export const burned =  {
    name: 'Reputation.Burned',
    /**
     * Forfeited accruals and rounding dust of a closed contribution were burned.
     */
    v300: new EventType(
        'Reputation.Burned',
        sts.struct({
            /**
             * The DC.
             */
            dc: sts.number(),
            /**
             * How much.
             */
            amount: sts.bigint(),
        })
    ),
}
