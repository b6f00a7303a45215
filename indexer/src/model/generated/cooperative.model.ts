import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, ManyToOne as ManyToOne_, Index as Index_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, JSONColumn as JSONColumn_, BigIntColumn as BigIntColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"
import {Contribution} from "./contribution.model"
import {Standing} from "./standing.model"
import {CooperativeSnapshot} from "./cooperativeSnapshot.model"

/**
 * A decentralized cooperation (DC): its present books, kept up to date block by block.
 * Amounts are base units; prices are FixedU128 inner values (10^18 = 1 reserve base unit per
 * token base unit).
 */
@Entity_()
export class Cooperative {
    constructor(props?: Partial<Cooperative>) {
        Object.assign(this, props)
    }

    /**
     * The DC's id, in decimal.
     */
    @PrimaryColumn_()
    id!: string

    @StringColumn_({nullable: false})
    name!: string

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    admin!: Account

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    agent!: Account

    /**
     * The block that created it; 0 for a DC of the genesis.
     */
    @Index_()
    @IntColumn_({nullable: false})
    createdAt!: number

    @DateTimeColumn_({nullable: true})
    createdAtTime!: Date | undefined | null

    /**
     * Its Proof-of-Value parameters as the chain stores them (numbers as decimal strings).
     */
    @JSONColumn_({nullable: false})
    parameters!: unknown

    /**
     * Reputation: the endowment, everything issued and burned since, and the total.
     */
    @BigIntColumn_({nullable: false})
    reputationInitial!: bigint

    @BigIntColumn_({nullable: false})
    reputationIssued!: bigint

    @BigIntColumn_({nullable: false})
    reputationBurned!: bigint

    @BigIntColumn_({nullable: false})
    reputationTotal!: bigint

    /**
     * The DC's token: minted, burned and the supply.
     */
    @BigIntColumn_({nullable: false})
    tokensMinted!: bigint

    @BigIntColumn_({nullable: false})
    tokensBurned!: bigint

    @BigIntColumn_({nullable: false})
    supply!: bigint

    /**
     * The reserve (none before a price cap): the asset ('COV', or the id of the DC whose token it is), the cap and the balance.
     */
    @StringColumn_({nullable: true})
    reserveAsset!: string | undefined | null

    @IntColumn_({nullable: true})
    reserveAssetCooperative!: number | undefined | null

    @BigIntColumn_({nullable: true})
    priceCap!: bigint | undefined | null

    @BigIntColumn_({nullable: false})
    reserve!: bigint

    /**
     * What a token base unit redeems for now: min(cap, reserve / supply), rounded down; null without a cap or tokens.
     */
    @BigIntColumn_({nullable: true})
    redemptionPrice!: bigint | undefined | null

    @OneToMany_(() => Contribution, e => e.cooperative)
    contributions!: Contribution[]

    @OneToMany_(() => Standing, e => e.cooperative)
    standings!: Standing[]

    @OneToMany_(() => CooperativeSnapshot, e => e.cooperative)
    history!: CooperativeSnapshot[]
}
