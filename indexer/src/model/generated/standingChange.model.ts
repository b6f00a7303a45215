import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Cooperative} from "./cooperative.model"
import {Account} from "./account.model"
import {StandingCause} from "./_standingCause"
import {Contribution} from "./contribution.model"

/**
 * One change of an account's reputation or tokens in a DC, with the values after it.
 */
@Index_(["cooperative", "account", "block", "eventIndex"], {unique: false})
@Entity_()
export class StandingChange {
    constructor(props?: Partial<StandingChange>) {
        Object.assign(this, props)
    }

    /**
     * <block>-<event index>-<dc>-<address>
     */
    @PrimaryColumn_()
    id!: string

    @ManyToOne_(() => Cooperative, {nullable: true})
    cooperative!: Cooperative

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    account!: Account

    @Index_()
    @IntColumn_({nullable: false})
    block!: number

    @IntColumn_({nullable: false})
    eventIndex!: number

    @DateTimeColumn_({nullable: true})
    timestamp!: Date | undefined | null

    @Column_("varchar", {length: 17, nullable: false})
    cause!: StandingCause

    /**
     * The change (negative for a loss).
     */
    @BigIntColumn_({nullable: false})
    reputationChange!: bigint

    @BigIntColumn_({nullable: false})
    atStakeChange!: bigint

    @BigIntColumn_({nullable: false})
    tokensChange!: bigint

    /**
     * The values after the change.
     */
    @BigIntColumn_({nullable: false})
    reputation!: bigint

    @BigIntColumn_({nullable: false})
    atStake!: bigint

    @BigIntColumn_({nullable: false})
    tokens!: bigint

    @Index_()
    @ManyToOne_(() => Contribution, {nullable: true})
    contribution!: Contribution | undefined | null
}
