import { describe, expect, test } from 'vitest';

import {
  checkParameters,
  describeParameters,
  type Parameters,
  shareOfAllReputation,
} from '../src/parameters';

// The worked example's DC (§9 of the rules).
const EXAMPLE: Parameters = {
  minScore: 0,
  maxScore: 5,
  quorum: 500_000_000n,
  stake: 100_000_000n,
  alignmentRadius: 0,
  tokenPerPoint: 10n,
  reputationPerPoint: 20n,
  evaluationPeriod: 10,
};
const LIMITS = { maxScore: 100, maxEvaluationPeriod: 100_800, epochLength: 10 };
const MKR = { symbol: 'MKR', decimals: 0 };

describe('parameters in words', () => {
  test('the worked example', () => {
    expect(describeParameters(EXAMPLE, 10, MKR)).toEqual([
      'Evaluators give a score from 0 to 5 (6 scores).',
      'Half of all reputation must stand behind a score before it counts: the median is the highest score that much reputation scored at or above.',
      "Each evaluation puts 10% of the evaluator's reputation at stake; evaluators aligned with the final median earn the stakes of those who came later.",
      'Only evaluations with exactly the final median’s score are aligned.',
      'Each point of the median mints 10 MKR and issues 20 reputation points to the contributors.',
      'A contribution can be evaluated for 10 blocks (1 minute) after it is submitted, then it closes.',
      'Reputation earned counts from the start of the second epoch after it was earned; an epoch is 10 blocks (1 minute).',
    ]);
  });

  test('other quorums, stakes, radii and token decimals', () => {
    expect(shareOfAllReputation(1_000_000_000n)).toBe('all reputation');
    expect(shareOfAllReputation(600_000_000n)).toBe('60% of all reputation');
    const lines = describeParameters(
      {
        ...EXAMPLE,
        quorum: 750_000_000n,
        stake: 0n,
        alignmentRadius: 2,
        tokenPerPoint: 1_500n,
        reputationPerPoint: 1n,
        evaluationPeriod: 14_400,
      },
      14_400,
      { symbol: 'FND', decimals: 2 },
    );
    expect(lines[1]).toMatch(/^75% of all reputation must stand behind a score/);
    expect(lines[2]).toBe('Evaluating puts nothing at stake.');
    expect(lines[3]).toBe(
      'Scores within 2 of the final median are aligned (the closer, the larger the share).',
    );
    expect(lines[4]).toBe(
      'Each point of the median mints 15 FND and issues 1 reputation point to the contributors.',
    );
    expect(lines[5]).toBe(
      'A contribution can be evaluated for 14,400 blocks (1 day) after it is submitted, then it closes.',
    );
  });
});

describe('the chain’s checks, in its order', () => {
  test('the worked example passes', () => {
    expect(checkParameters(EXAMPLE, LIMITS)).toEqual([]);
  });

  test('each invalid parameter is named', () => {
    const fields = (p: Partial<Parameters>, limits = LIMITS) =>
      checkParameters({ ...EXAMPLE, ...p }, limits).map((problem) => problem.field);
    expect(fields({ minScore: 6 })).toEqual(['maxScore']);
    expect(fields({ maxScore: 0 })).toEqual(['maxScore']);
    expect(fields({ maxScore: 101 })).toEqual(['maxScore']);
    expect(fields({ quorum: 499_999_999n })).toEqual(['quorum']);
    expect(fields({ quorum: 1_000_000_001n })).toEqual(['quorum']);
    expect(fields({ quorum: 1_000_000_000n })).toEqual([]);
    expect(fields({ stake: 1_000_000_001n })).toEqual(['stake']);
    expect(fields({ alignmentRadius: 5 })).toEqual([]);
    expect(fields({ alignmentRadius: 6 })).toEqual(['alignmentRadius']);
    expect(fields({ evaluationPeriod: 0 })).toEqual(['evaluationPeriod']);
    expect(fields({ evaluationPeriod: 11 })).toEqual(['evaluationPeriod']);
    expect(fields({ evaluationPeriod: 20 }, { ...LIMITS, epochLength: 200_000 })).toEqual([]);
    expect(fields({ evaluationPeriod: 100_801 }, { ...LIMITS, epochLength: 200_000 })).toEqual([
      'evaluationPeriod',
    ]);
    expect(fields({}, { ...LIMITS, epochLength: 0 })).toEqual(['epochLength', 'evaluationPeriod']);
  });

  test('several problems come in the chain’s order, the first being the error it would return', () => {
    const problems = checkParameters(
      { ...EXAMPLE, maxScore: 0, quorum: 0n, alignmentRadius: 9, evaluationPeriod: 0 },
      { ...LIMITS, epochLength: 0 },
    );
    expect(problems.map((p) => p.field)).toEqual([
      'epochLength',
      'maxScore',
      'quorum',
      'alignmentRadius',
      'evaluationPeriod',
    ]);
  });

  test('the messages are sentences', () => {
    const [problem] = checkParameters({ ...EXAMPLE, quorum: 400_000_000n }, LIMITS);
    expect(problem.message).toBe(
      'The quorum must be between 50% and 100%: at least half of all reputation stands behind a score.',
    );
  });
});
