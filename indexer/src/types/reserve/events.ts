import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v300 from '../v300'

export const priceCapSet =  {
    name: 'Reserve.PriceCapSet',
    /**
     * A DC's admin set its price cap and reserve asset.
     */
    v300: new EventType(
        'Reserve.PriceCapSet',
        sts.struct({
            /**
             * The DC.
             */
            dc: sts.number(),
            /**
             * The new cap.
             */
            priceCap: v300.FixedU128,
            /**
             * The reserve asset.
             */
            asset: v300.NativeOrWithId,
            /**
             * What the admin paid to open the reserve account for this asset (its minimum
             * balance; zero when the account holds the asset already). Never counted as reserve.
             */
            endowment: sts.bigint(),
        })
    ),
}

export const bought =  {
    name: 'Reserve.Bought',
    /**
     * Tokens were bought.
     */
    v300: new EventType(
        'Reserve.Bought',
        sts.struct({
            /**
             * The DC whose tokens were minted.
             */
            dc: sts.number(),
            /**
             * The buyer, who received the tokens.
             */
            buyer: v300.AccountId32,
            /**
             * Tokens minted.
             */
            amount: sts.bigint(),
            /**
             * Reserve-asset units paid into the reserve: `max(⌈amount·cap⌉,
             * ⌈amount·reserve / supply⌉)`.
             */
            cost: sts.bigint(),
        })
    ),
}

export const redeemed =  {
    name: 'Reserve.Redeemed',
    /**
     * Tokens were redeemed against the reserve.
     */
    v300: new EventType(
        'Reserve.Redeemed',
        sts.struct({
            /**
             * The DC whose tokens were burned.
             */
            dc: sts.number(),
            /**
             * The holder, who received the proceeds.
             */
            holder: v300.AccountId32,
            /**
             * Tokens burned.
             */
            amount: sts.bigint(),
            /**
             * Reserve-asset units paid out of the reserve.
             */
            proceeds: sts.bigint(),
        })
    ),
}

export const revenueDeposited =  {
    name: 'Reserve.RevenueDeposited',
    /**
     * Revenue was paid into a DC's reserve.
     */
    v300: new EventType(
        'Reserve.RevenueDeposited',
        sts.struct({
            /**
             * The DC.
             */
            dc: sts.number(),
            /**
             * Who paid it.
             */
            payer: v300.AccountId32,
            /**
             * Reserve-asset units paid.
             */
            amount: sts.bigint(),
        })
    ),
}
