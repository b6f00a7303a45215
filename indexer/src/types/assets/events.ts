import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v300 from '../v300'

export const issued =  {
    name: 'Assets.Issued',
    /**
     * Some assets were issued.
     */
    v300: new EventType(
        'Assets.Issued',
        sts.struct({
            assetId: sts.number(),
            owner: v300.AccountId32,
            amount: sts.bigint(),
        })
    ),
}

export const transferred =  {
    name: 'Assets.Transferred',
    /**
     * Some assets were transferred.
     */
    v300: new EventType(
        'Assets.Transferred',
        sts.struct({
            assetId: sts.number(),
            from: v300.AccountId32,
            to: v300.AccountId32,
            amount: sts.bigint(),
        })
    ),
}

export const burned =  {
    name: 'Assets.Burned',
    /**
     * Some assets were destroyed.
     */
    v300: new EventType(
        'Assets.Burned',
        sts.struct({
            assetId: sts.number(),
            owner: v300.AccountId32,
            balance: sts.bigint(),
        })
    ),
}

export const transferredApproved =  {
    name: 'Assets.TransferredApproved',
    /**
     * An `amount` was transferred in its entirety from `owner` to `destination` by
     * the approved `delegate`.
     */
    v300: new EventType(
        'Assets.TransferredApproved',
        sts.struct({
            assetId: sts.number(),
            owner: v300.AccountId32,
            delegate: v300.AccountId32,
            destination: v300.AccountId32,
            amount: sts.bigint(),
        })
    ),
}

export const deposited =  {
    name: 'Assets.Deposited',
    /**
     * Some assets were deposited (e.g. for transaction fees).
     */
    v300: new EventType(
        'Assets.Deposited',
        sts.struct({
            assetId: sts.number(),
            who: v300.AccountId32,
            amount: sts.bigint(),
        })
    ),
}

export const withdrawn =  {
    name: 'Assets.Withdrawn',
    /**
     * Some assets were withdrawn from the account (e.g. for transaction fees).
     */
    v300: new EventType(
        'Assets.Withdrawn',
        sts.struct({
            assetId: sts.number(),
            who: v300.AccountId32,
            amount: sts.bigint(),
        })
    ),
}
