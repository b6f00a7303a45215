export enum TokenMovementKind {
    Mint = "Mint",
    Burn = "Burn",
    Transfer = "Transfer",
    Swap = "Swap",
}
