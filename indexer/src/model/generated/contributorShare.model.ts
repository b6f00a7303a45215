import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Contribution} from "./contribution.model"
import {Account} from "./account.model"

/**
 * A contributor's share of a contribution (parts per million) and what it received.
 */
@Entity_()
export class ContributorShare {
    constructor(props?: Partial<ContributorShare>) {
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
    @ManyToOne_(() => Account, {nullable: true})
    account!: Account

    @IntColumn_({nullable: false})
    share!: number

    @BigIntColumn_({nullable: false})
    tokens!: bigint

    @BigIntColumn_({nullable: false})
    reputation!: bigint
}
