import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Cooperative} from "./cooperative.model"
import {ReserveOperationKind} from "./_reserveOperationKind"
import {Account} from "./account.model"

/**
 * A reserve operation, with the books after it.
 */
@Entity_()
export class ReserveOperation {
    constructor(props?: Partial<ReserveOperation>) {
        Object.assign(this, props)
    }

    /**
     * <block>-<event index>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Cooperative, {nullable: true})
    cooperative!: Cooperative

    @Column_("varchar", {length: 11, nullable: false})
    kind!: ReserveOperationKind

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    account!: Account | undefined | null

    @Index_()
    @IntColumn_({nullable: false})
    block!: number

    @DateTimeColumn_({nullable: true})
    timestamp!: Date | undefined | null

    /**
     * Tokens bought or redeemed.
     */
    @BigIntColumn_({nullable: true})
    tokens!: bigint | undefined | null

    /**
     * Reserve asset paid in (purchase, revenue), paid out (redemption), or the endowment (price cap).
     */
    @BigIntColumn_({nullable: false})
    value!: bigint

    @BigIntColumn_({nullable: true})
    priceCap!: bigint | undefined | null

    @BigIntColumn_({nullable: false})
    reserveAfter!: bigint

    @BigIntColumn_({nullable: false})
    supplyAfter!: bigint
}
