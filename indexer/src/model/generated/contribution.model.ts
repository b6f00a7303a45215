import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, BigIntColumn as BigIntColumn_, BooleanColumn as BooleanColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {Cooperative} from "./cooperative.model"
import {ContributionKind} from "./_contributionKind"
import {Account} from "./account.model"
import {ContributionStatus} from "./_contributionStatus"
import {ContributorShare} from "./contributorShare.model"
import {Evaluation} from "./evaluation.model"
import {Reward} from "./reward.model"

/**
 * A contribution or a proposal, and everything that happened to it.
 */
@Entity_()
export class Contribution {
    constructor(props?: Partial<Contribution>) {
        Object.assign(this, props)
    }

    /**
     * The id the chain gave it.
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Cooperative, {nullable: true})
    cooperative!: Cooperative

    @Column_("varchar", {length: 12, nullable: false})
    kind!: ContributionKind

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    depositor!: Account

    /**
     * The content hash; for a proposal, the hash of its call.
     */
    @StringColumn_({nullable: false})
    contentHash!: string

    @StringColumn_({nullable: false})
    uri!: string

    @Index_()
    @IntColumn_({nullable: false})
    submittedAt!: number

    @DateTimeColumn_({nullable: true})
    submittedAtTime!: Date | undefined | null

    /**
     * The DC's total reputation when it was submitted, and the quorum it needs.
     */
    @BigIntColumn_({nullable: false})
    totalAtSubmission!: bigint

    @BigIntColumn_({nullable: false})
    need!: bigint

    @Column_("varchar", {length: 9, nullable: false})
    status!: ContributionStatus

    /**
     * The highest median rewarded so far (points paid).
     */
    @IntColumn_({nullable: false})
    paid!: number

    @BigIntColumn_({nullable: false})
    rewardedTokens!: bigint

    @BigIntColumn_({nullable: false})
    rewardedReputation!: bigint

    /**
     * The final median; null before closing or without consensus.
     */
    @IntColumn_({nullable: true})
    median!: number | undefined | null

    @IntColumn_({nullable: true})
    closedAt!: number | undefined | null

    @DateTimeColumn_({nullable: true})
    closedAtTime!: Date | undefined | null

    /**
     * Reputation burned on closing: forfeited accruals and rounding dust.
     */
    @BigIntColumn_({nullable: true})
    burned!: bigint | undefined | null

    @IntColumn_({nullable: true})
    cleanedUpAt!: number | undefined | null

    /**
     * A proposal's outcome: enacted (with the call's result) or rejected.
     */
    @BooleanColumn_({nullable: true})
    enacted!: boolean | undefined | null

    @StringColumn_({nullable: true})
    enactmentError!: string | undefined | null

    @IntColumn_({nullable: false})
    evaluationCount!: number

    @OneToMany_(() => ContributorShare, e => e.contribution)
    contributors!: ContributorShare[]

    @OneToMany_(() => Evaluation, e => e.contribution)
    evaluations!: Evaluation[]

    @OneToMany_(() => Reward, e => e.contribution)
    rewards!: Reward[]
}
