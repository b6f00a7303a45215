export enum ContributionStatus {
    Open = "Open",
    Closing = "Closing",
    Closed = "Closed",
    CleanedUp = "CleanedUp",
}
