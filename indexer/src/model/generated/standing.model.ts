import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, BigIntColumn as BigIntColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import {Cooperative} from "./cooperative.model"
import {Account} from "./account.model"

/**
 * An account's reputation and tokens in one DC, now.
 */
@Index_(["cooperative", "account"], {unique: true})
@Entity_()
export class Standing {
    constructor(props?: Partial<Standing>) {
        Object.assign(this, props)
    }

    /**
     * <dc>-<address>
     */
    @PrimaryColumn_()
    id!: string

    @ManyToOne_(() => Cooperative, {nullable: true})
    cooperative!: Cooperative

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    account!: Account

    /**
     * All of its reputation: vested, pending and at stake.
     */
    @BigIntColumn_({nullable: false})
    reputation!: bigint

    /**
     * The part of it at stake in open contributions.
     */
    @BigIntColumn_({nullable: false})
    atStake!: bigint

    @BigIntColumn_({nullable: false})
    tokens!: bigint

    @IntColumn_({nullable: false})
    updatedAt!: number
}
