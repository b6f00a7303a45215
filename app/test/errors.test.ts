import { expect, test } from 'vitest';

import { errorSentence, submissionErrorSentence } from '../src/errors';

test('the errors a member meets are sentences in the second person', () => {
  expect(errorSentence({ section: 'proofOfValue', name: 'AlreadyEvaluated' })).toBe(
    'You have already evaluated this contribution; an evaluation is final.',
  );
  expect(errorSentence({ section: 'proofOfValue', name: 'EvaluationPeriodNotOver' })).toMatch(
    /^The evaluation period is not over yet/,
  );
  expect(errorSentence({ section: 'reserve', name: 'CostAboveMax' })).toBe(
    'The price moved: buying now costs more than your limit.',
  );
});

test('other errors fall back to the metadata’s documentation, then to their name', () => {
  expect(
    errorSentence({
      section: 'proxy',
      name: 'NotProxy',
      docs: 'Sender is not a proxy of the account to be proxied',
    }),
  ).toBe('Sender is not a proxy of the account to be proxied.');
  expect(errorSentence({ section: 'utility', name: 'TooManyCalls', docs: 'Too many calls batched.' })).toBe(
    'Too many calls batched.',
  );
  expect(errorSentence({ section: 'foo', name: 'Bar' })).toBe('The chain refused this: foo.Bar.');
});

test('refusals by the node before a block', () => {
  expect(
    submissionErrorSentence(
      new Error('1010: Invalid Transaction: Inability to pay some fees , e.g. account balance too low'),
    ),
  ).toBe('Your balance is too low to pay the fee.');
  expect(submissionErrorSentence(new Error('Rejected by user'))).toBe('You cancelled the signature.');
  expect(submissionErrorSentence(new Error('boom'))).toBe('The node refused the transaction: boom');
});
