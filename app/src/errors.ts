// Errors as sentences addressed to the person who signed. The chain's metadata documents every
// error; for the errors a member meets in the app the sentences below say the same in the second
// person and with what to do. Any other error falls back to the metadata's documentation.

/** A dispatch error as the app sees it: the pallet and variant, with the metadata's docs. */
export interface ChainError {
  section: string;
  name: string;
  docs?: string;
}

const SENTENCES: Record<string, string> = {
  // Cooperatives
  'cooperatives.UnknownCooperative': 'There is no DC with this id.',
  'cooperatives.NotAdmin': 'Only the DC’s admin can do this.',
  'cooperatives.EmptyName': 'Give the DC a name.',
  'cooperatives.EmptyTokenMetadata': 'Give the DC’s token a name and a symbol.',
  'cooperatives.NoMembers': 'A DC needs at least one initial member.',
  'cooperatives.DuplicateMember': 'An account is listed twice among the initial members.',
  'cooperatives.ZeroReputation': 'Every initial member needs some reputation.',
  'cooperatives.ReputationOverflow': 'The initial members’ reputation adds up to more than the chain allows.',
  'cooperatives.InvalidEpochLength': 'An epoch must be at least one block long.',
  'cooperatives.InvalidScoreRange':
    'Scores go from a lowest to a highest score; the highest must be at least 1 and at most the chain’s MaxScore.',
  'cooperatives.InvalidQuorum': 'The quorum must be between 50% and 100%.',
  'cooperatives.InvalidAlignmentRadius': 'The alignment radius can be at most the width of the score scale.',
  'cooperatives.InvalidEvaluationPeriod':
    'The evaluation period must be at least one block, at most the DC’s epoch length and at most the chain’s ' +
    'MaxEvaluationPeriod.',
  'cooperatives.TokenIdTaken': 'The token id this DC needs is taken already.',
  'cooperatives.RemainderBelowMinimum':
    'You would keep fewer tokens than the minimum balance: redeem all or less.',
  // Proof of Value
  'proofOfValue.UnknownCooperative': 'There is no DC with this id.',
  'proofOfValue.UnknownContribution': 'There is no such contribution (it may have been cleaned up).',
  'proofOfValue.InvalidShares':
    'The contributors’ shares must each be above zero and add up to exactly 100%.',
  'proofOfValue.DuplicateContributor': 'An account is listed twice among the contributors.',
  'proofOfValue.EvaluationClosed':
    'This contribution no longer takes evaluations: its evaluation period is over.',
  'proofOfValue.ScoreOutOfRange': 'This score is outside the contribution’s scale.',
  'proofOfValue.AlreadyEvaluated': 'You have already evaluated this contribution; an evaluation is final.',
  'proofOfValue.NoReputation': 'You have no reputation in this DC, so you can’t evaluate its contributions.',
  'proofOfValue.ReputationNotVested':
    'Your reputation in this DC is still pending: it counts from the start of the second epoch after you earned it.',
  'proofOfValue.InsufficientVested':
    'Too much of your reputation is at stake in other open contributions to stake this one.',
  'proofOfValue.TooManyEvaluations': 'This contribution has the most evaluations it can take.',
  'proofOfValue.AlreadyClosed': 'This contribution is closed already.',
  'proofOfValue.EvaluationPeriodNotOver':
    'The evaluation period is not over yet: you can close it after its last block.',
  'proofOfValue.NotClosed': 'Only a closed contribution can be cleaned up.',
  'proofOfValue.ProposalTooLarge': 'This proposal’s call is too large or too heavy for a proposal.',
  // Reserve
  'reserve.UnknownCooperative': 'There is no DC with this id.',
  'reserve.NotAdmin': 'Only the DC’s admin can set its price cap.',
  'reserve.NoPriceCap': 'This DC has no price cap yet: its tokens can’t be bought or redeemed.',
  'reserve.ZeroAmount': 'Enter an amount above zero.',
  'reserve.InsufficientTokens': 'You hold fewer tokens than you want to redeem.',
  'reserve.CostAboveMax': 'The price moved: buying now costs more than your limit.',
  'reserve.ProceedsBelowMin': 'The price moved: redeeming now pays less than your limit.',
  'reserve.ZeroPriceCap': 'A price cap must be above zero.',
  'reserve.UnknownReserveAsset': 'No DC has the token you chose as the reserve asset.',
  'reserve.ReserveCycle': 'That reserve asset leads back to this DC, or through too many DC tokens.',
  'reserve.ReserveNotEmpty': 'The reserve asset can’t change while the reserve holds anything.',
  'reserve.CannotPayEndowment': 'You can’t pay the reserve asset’s minimum balance into the reserve account.',

  // The market
  'assetConversion.PoolExists': 'A pool of these two assets exists already: add liquidity to it.',
  'assetConversion.PoolNotFound': 'No pool holds these two assets yet.',
  'assetConversion.PoolEmpty': 'This pool holds no liquidity yet: nothing can be swapped in it.',
  'assetConversion.InvalidAssetPair': 'A pool holds two different assets.',
  'assetConversion.WrongDesiredAmount': 'Enter both amounts, above zero.',
  'assetConversion.ZeroAmount': 'Enter an amount above zero.',
  'assetConversion.ZeroLiquidity': 'Withdraw at least one liquidity token.',
  'assetConversion.AmountOneLessThanMinimal': 'The first amount is below that asset’s minimum balance.',
  'assetConversion.AmountTwoLessThanMinimal': 'The second amount is below that asset’s minimum balance.',
  'assetConversion.ReserveLeftLessThanMinimal':
    'The pool must keep at least each asset’s minimum balance: withdraw or buy a little less.',
  'assetConversion.AmountOutTooHigh': 'The pool doesn’t hold that much: ask for less.',
  'assetConversion.AssetOneDepositDidNotMeetMinimum':
    'The price moved: at the pool’s ratio now, less of the first asset would go in than your limit.',
  'assetConversion.AssetTwoDepositDidNotMeetMinimum':
    'The price moved: at the pool’s ratio now, less of the second asset would go in than your limit.',
  'assetConversion.AssetOneWithdrawalDidNotMeetMinimum':
    'The price moved: withdrawing now pays less of the first asset than your limit.',
  'assetConversion.AssetTwoWithdrawalDidNotMeetMinimum':
    'The price moved: withdrawing now pays less of the second asset than your limit.',
  'assetConversion.InsufficientLiquidityMinted': 'These amounts are too small to mint a liquidity token.',
  'assetConversion.ProvidedMinimumNotSufficientForSwap':
    'The price moved: the swap now pays less than your limit. Quote again, or allow more slippage.',
  'assetConversion.ProvidedMaximumNotSufficientForSwap':
    'The price moved: the swap now costs more than your limit. Quote again, or allow more slippage.',
  'assetConversion.NonUniquePath': 'A swap can pass through each pool only once.',
  'assetConversion.BelowMinimum': 'What you’d receive is below that asset’s minimum balance.',
  // Balances, tokens and transaction validity
  'balances.InsufficientBalance': 'Your balance is too low for this.',
  'token.FundsUnavailable': 'Your balance is too low for this (the deposit or payment can’t be held).',
  'token.BelowMinimum': 'This would leave an account below the minimum balance.',
  'assets.BalanceLow': 'You hold fewer tokens than this.',
  'arithmetic.Overflow': 'An amount is too large for the chain.',
  'arithmetic.Underflow': 'An amount is too small for the chain.',
  'system.CallFiltered': 'The chain does not allow this call from this account.',
};

/** The sentence for an error: the app's own, or the chain's documentation, or its name. */
export function errorSentence(error: ChainError): string {
  const key = `${error.section}.${error.name}`;
  const own = SENTENCES[key];
  if (own) return own;
  const docs = error.docs?.trim();
  if (docs) return docs.endsWith('.') ? docs : `${docs}.`;
  return `The chain refused this: ${key}.`;
}

/** The sentence for a transaction the node refused before it reached a block. */
export function submissionErrorSentence(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/Inability to pay some fees|balance too low/i.test(message))
    return 'Your balance is too low to pay the fee.';
  if (/Cancelled|Rejected by user|User rejected/i.test(message)) return 'You cancelled the signature.';
  if (/Priority is too low|already imported/i.test(message)) {
    return 'An earlier transaction of this account is still waiting: try again in a moment.';
  }
  if (/outdated|stale/i.test(message)) return 'The transaction was too old; try again.';
  return `The node refused the transaction: ${message}`;
}
