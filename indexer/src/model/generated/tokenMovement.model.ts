import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, BigIntColumn as BigIntColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Cooperative} from "./cooperative.model"
import {TokenMovementKind} from "./_tokenMovementKind"
import {Account} from "./account.model"

/**
 * A movement of a DC's token.
 */
@Entity_()
export class TokenMovement {
    constructor(props?: Partial<TokenMovement>) {
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

    @Column_("varchar", {length: 8, nullable: false})
    kind!: TokenMovementKind

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    from!: Account | undefined | null

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    to!: Account | undefined | null

    @BigIntColumn_({nullable: false})
    amount!: bigint

    @Index_()
    @IntColumn_({nullable: false})
    block!: number

    @DateTimeColumn_({nullable: true})
    timestamp!: Date | undefined | null
}
