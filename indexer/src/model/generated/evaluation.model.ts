import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Contribution} from "./contribution.model"
import {Cooperative} from "./cooperative.model"
import {Account} from "./account.model"

/**
 * An evaluation: what was given and staked, and how it was settled.
 */
@Entity_()
export class Evaluation {
    constructor(props?: Partial<Evaluation>) {
        Object.assign(this, props)
    }

    /**
     * <contribution>-<address>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Contribution, {nullable: true})
    contribution!: Contribution

    @Index_()
    @ManyToOne_(() => Cooperative, {nullable: true})
    cooperative!: Cooperative

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    evaluator!: Account

    /**
     * Its place among the contribution's evaluations, from 1.
     */
    @IntColumn_({nullable: false})
    position!: number

    @Index_()
    @IntColumn_({nullable: false})
    block!: number

    @IntColumn_({nullable: false})
    eventIndex!: number

    @DateTimeColumn_({nullable: true})
    timestamp!: Date | undefined | null

    @IntColumn_({nullable: false})
    score!: number

    @BigIntColumn_({nullable: false})
    weight!: bigint

    @BigIntColumn_({nullable: false})
    stake!: bigint

    /**
     * Set on closing: the shares of later aligned stakes and of the pot.
     */
    @BigIntColumn_({nullable: true})
    accrued!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    potShare!: bigint | undefined | null

    /**
     * The payout (returned + earned), the stake part back vested, and what it earned beyond it.
     */
    @BigIntColumn_({nullable: true})
    payout!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    returned!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    earned!: bigint | undefined | null

    /**
     * stake - returned: what the evaluator lost.
     */
    @BigIntColumn_({nullable: true})
    lost!: bigint | undefined | null

    @IntColumn_({nullable: true})
    settledAt!: number | undefined | null

    @IntColumn_({nullable: true})
    earningsPaidAt!: number | undefined | null
}
