import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, Index as Index_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {Standing} from "./standing.model"
import {StandingChange} from "./standingChange.model"
import {Contribution} from "./contribution.model"
import {ContributorShare} from "./contributorShare.model"
import {Evaluation} from "./evaluation.model"
import {ReserveOperation} from "./reserveOperation.model"

/**
 * An account that appeared in any event of a DC. The id is its SS58 address (prefix 42).
 */
@Entity_()
export class Account {
    constructor(props?: Partial<Account>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    /**
     * The 32-byte public key, hex.
     */
    @Index_()
    @StringColumn_({nullable: false})
    publicKey!: string

    @OneToMany_(() => Standing, e => e.account)
    standings!: Standing[]

    @OneToMany_(() => StandingChange, e => e.account)
    changes!: StandingChange[]

    @OneToMany_(() => Contribution, e => e.depositor)
    contributions!: Contribution[]

    @OneToMany_(() => ContributorShare, e => e.account)
    shares!: ContributorShare[]

    @OneToMany_(() => Evaluation, e => e.evaluator)
    evaluations!: Evaluation[]

    @OneToMany_(() => ReserveOperation, e => e.account)
    reserveOperations!: ReserveOperation[]
}
