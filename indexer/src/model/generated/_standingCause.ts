export enum StandingCause {
    Genesis = "Genesis",
    Endowment = "Endowment",
    ContributorReward = "ContributorReward",
    Stake = "Stake",
    Settlement = "Settlement",
    Earnings = "Earnings",
    TokensMinted = "TokensMinted",
    TokensBurned = "TokensBurned",
    TokensReceived = "TokensReceived",
    TokensSent = "TokensSent",
    TokensSwappedOut = "TokensSwappedOut",
    TokensSwappedIn = "TokensSwappedIn",
}
