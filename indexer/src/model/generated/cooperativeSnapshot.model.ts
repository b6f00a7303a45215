import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Cooperative} from "./cooperative.model"

/**
 * A DC's books at the end of a block in which they changed.
 */
@Index_(["cooperative", "block"], {unique: true})
@Entity_()
export class CooperativeSnapshot {
    constructor(props?: Partial<CooperativeSnapshot>) {
        Object.assign(this, props)
    }

    /**
     * <dc>-<block>
     */
    @PrimaryColumn_()
    id!: string

    @ManyToOne_(() => Cooperative, {nullable: true})
    cooperative!: Cooperative

    @IntColumn_({nullable: false})
    block!: number

    @DateTimeColumn_({nullable: true})
    timestamp!: Date | undefined | null

    @BigIntColumn_({nullable: false})
    reputationTotal!: bigint

    @BigIntColumn_({nullable: false})
    reputationIssued!: bigint

    @BigIntColumn_({nullable: false})
    reputationBurned!: bigint

    @BigIntColumn_({nullable: false})
    supply!: bigint

    @BigIntColumn_({nullable: false})
    reserve!: bigint

    @BigIntColumn_({nullable: true})
    priceCap!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    redemptionPrice!: bigint | undefined | null
}
