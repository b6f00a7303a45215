import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Contribution} from "./contribution.model"

/**
 * A rise of a contribution's median, paid to its contributors.
 */
@Entity_()
export class Reward {
    constructor(props?: Partial<Reward>) {
        Object.assign(this, props)
    }

    /**
     * <block>-<event index>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Contribution, {nullable: true})
    contribution!: Contribution

    @IntColumn_({nullable: false})
    block!: number

    @DateTimeColumn_({nullable: true})
    timestamp!: Date | undefined | null

    @IntColumn_({nullable: false})
    median!: number

    @IntColumn_({nullable: false})
    points!: number

    @BigIntColumn_({nullable: false})
    tokens!: bigint

    @BigIntColumn_({nullable: false})
    reputation!: bigint
}
