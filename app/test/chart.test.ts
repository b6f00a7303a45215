import { expect, test } from 'vitest';

import { bucketChart, chartLabel, cumulativeFromTop } from '../src/chart';

const buckets = [0, 1, 2, 3, 4, 5].map((score) => ({
  score,
  weight: score === 4 ? 700n : score === 2 ? 300n : 0n,
}));

test('reputation at or above each score', () => {
  const above = cumulativeFromTop(buckets);
  expect([...above.entries()].sort(([a], [b]) => a - b)).toEqual([
    [0, 1000n],
    [1, 1000n],
    [2, 1000n],
    [3, 700n],
    [4, 700n],
    [5, 0n],
  ]);
});

test('the chart draws one bar per score, the quorum line and the median', () => {
  const markup = bucketChart({ buckets, need: 500n, median: 4, total: 1000n });
  expect(markup.match(/<rect class="bucket/g)).toHaveLength(6);
  expect(markup).toContain('class="bucket median" data-score="4" data-weight="700"');
  expect(markup.match(/class="bucket median"/g)).toHaveLength(1);
  expect(markup).toContain('data-need="500"');
  expect(markup).toContain('quorum 500');
  // The quorum line is halfway up a scale topped by R₀ = 1000: y = 18 + 168 − 84.
  expect(markup).toContain('y1="102"');
});

test('the chart in words', () => {
  expect(chartLabel({ buckets, need: 500n, median: 4, total: 1000n })).toBe(
    'Reputation per score: 300 at 2, 700 at 4; quorum 500; median 4.',
  );
  expect(
    chartLabel({
      buckets: buckets.map((b) => ({ ...b, weight: 0n })),
      need: 500n,
      median: null,
      total: 1000n,
    }),
  ).toBe('Reputation per score: no evaluations yet; quorum 500; no score has the quorum yet.');
});
