// A DC's parameters (§1 of the rules) in words, and the checks `create_dc` and `set_parameters`
// make, in the chain's order, so that the app can say what is wrong before anything is signed.

import { formatAmount, formatBlocks, formatPerbill, plural } from './format';

/** A DC's parameters as the chain stores them (`covalue_primitives::Parameters`). */
export interface Parameters {
  minScore: number;
  maxScore: number;
  /** Parts per billion. */
  quorum: bigint;
  /** Parts per billion. */
  stake: bigint;
  alignmentRadius: number;
  /** Token base units per median point. */
  tokenPerPoint: bigint;
  reputationPerPoint: bigint;
  evaluationPeriod: number;
}

/** The chain's limits on parameters: its constants and the DC's epoch length. */
export interface Limits {
  /** `cooperatives.maxScore`. */
  maxScore: number;
  /** `cooperatives.maxEvaluationPeriod`. */
  maxEvaluationPeriod: number;
  epochLength: number;
}

const BILLION = 1_000_000_000n;
const HALF = 500_000_000n;

/** "half of all reputation", "all reputation", "60% of all reputation". */
export function shareOfAllReputation(quorum: bigint): string {
  if (quorum === HALF) return 'half of all reputation';
  if (quorum === BILLION) return 'all reputation';
  return `${formatPerbill(quorum)} of all reputation`;
}

/** One sentence per parameter, in the order a member reads them. */
export function describeParameters(
  p: Parameters,
  epochLength: number,
  token: { decimals: number; symbol: string },
): string[] {
  const scores = p.maxScore - p.minScore + 1;
  const lines = [
    `Evaluators give a score from ${p.minScore} to ${p.maxScore} (${plural(scores, 'score')}).`,
    `${capitalise(shareOfAllReputation(p.quorum))} must stand behind a score before it counts: ` +
      'the median is the highest score that much reputation scored at or above.',
    p.stake === 0n
      ? 'Evaluating puts nothing at stake.'
      : `Each evaluation puts ${formatPerbill(p.stake)} of the evaluator's reputation at stake; ` +
        'evaluators aligned with the final median earn the stakes of those who came later.',
    p.alignmentRadius === 0
      ? 'Only evaluations with exactly the final median’s score are aligned.'
      : `Scores within ${p.alignmentRadius} of the final median are aligned (the closer, the larger the share).`,
    `Each point of the median mints ${formatAmount(p.tokenPerPoint, token)} and issues ` +
      `${plural(p.reputationPerPoint, 'reputation point')} to the contributors.`,
    `A contribution can be evaluated for ${plural(p.evaluationPeriod, 'block')} ` +
      `(${formatBlocks(p.evaluationPeriod)}) after it is submitted, then it closes.`,
    `Reputation earned counts from the start of the second epoch after it was earned; an epoch is ` +
      `${plural(epochLength, 'block')} (${formatBlocks(epochLength)}).`,
  ];
  return lines;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A problem with a parameter: the form field it is about and a sentence. */
export interface ParameterProblem {
  field: keyof Parameters | 'epochLength';
  message: string;
}

/**
 * The chain's checks of a DC's parameters, in its order (`InvalidEpochLength` when creating, then
 * `InvalidScoreRange`, `InvalidQuorum`, `InvalidAlignmentRadius`, `InvalidEvaluationPeriod`):
 * the first problem is the error the chain would return. Empty when the chain accepts them.
 */
export function checkParameters(p: Parameters, limits: Limits): ParameterProblem[] {
  const problems: ParameterProblem[] = [];
  if (limits.epochLength < 1) {
    problems.push({ field: 'epochLength', message: 'An epoch must be at least one block long.' });
  }
  if (p.minScore > p.maxScore || p.maxScore < 1 || p.maxScore > limits.maxScore) {
    problems.push({
      field: 'maxScore',
      message: `Scores go from a lowest to a highest score, the highest between 1 and ${limits.maxScore}.`,
    });
  }
  if (p.quorum < HALF || p.quorum > BILLION) {
    problems.push({
      field: 'quorum',
      message:
        'The quorum must be between 50% and 100%: at least half of all reputation stands behind a score.',
    });
  }
  if (p.stake > BILLION) {
    problems.push({ field: 'stake', message: 'The stake can be at most 100% of an evaluator’s reputation.' });
  }
  if (p.alignmentRadius > Math.max(0, p.maxScore - p.minScore)) {
    problems.push({
      field: 'alignmentRadius',
      message: `The alignment radius can be at most ${Math.max(0, p.maxScore - p.minScore)}, the width of the score scale.`,
    });
  }
  if (
    p.evaluationPeriod < 1 ||
    p.evaluationPeriod > limits.epochLength ||
    p.evaluationPeriod > limits.maxEvaluationPeriod
  ) {
    problems.push({
      field: 'evaluationPeriod',
      message:
        `The evaluation period must be at least 1 block and at most the epoch length ` +
        `(${plural(limits.epochLength, 'block')}) and ${plural(limits.maxEvaluationPeriod, 'block')}.`,
    });
  }
  return problems;
}
