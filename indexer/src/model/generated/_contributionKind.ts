export enum ContributionKind {
    Contribution = "Contribution",
    Proposal = "Proposal",
}
