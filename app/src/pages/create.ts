// Creating a DC: its name and token, its parameters (checked as the chain checks them, and said
// in words while they are typed), its epoch length and its initial members.

import { stringToU8a, u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';

import { h, replace } from '../dom';
import { formatReputation, parsePercentToPerbill, parseUnits } from '../format';
import { checkParameters, describeParameters, type Parameters } from '../parameters';
import { dcDeposit, utf8Length } from '../deposits';
import { type Context, field, message, native, tryAction } from '../ui';

interface Draft {
  name: string;
  tokenName: string;
  tokenSymbol: string;
  tokenDecimals: number;
  parameters: Parameters;
  epochLength: number;
  members: [string, bigint][];
}

function input(name: string, value: string, attributes: Record<string, string> = {}): HTMLInputElement {
  return h('input', { name, id: `create-${name}`, value, ...attributes });
}

export function createPage(ctx: Context, root: HTMLElement): { refresh(): Promise<void> } {
  const f = {
    name: input('name', '', { placeholder: 'Makers', maxlength: String(ctx.info.maxNameLength) }),
    tokenName: input('tokenName', '', { placeholder: 'Makers token' }),
    tokenSymbol: input('tokenSymbol', '', { placeholder: 'MKR' }),
    tokenDecimals: input('tokenDecimals', '0', { type: 'number', min: '0', max: '18' }),
    minScore: input('minScore', '0', { type: 'number', min: '0', max: String(ctx.info.maxScore) }),
    maxScore: input('maxScore', '10', { type: 'number', min: '1', max: String(ctx.info.maxScore) }),
    quorum: input('quorum', '50', { inputmode: 'decimal' }),
    stake: input('stake', '10', { inputmode: 'decimal' }),
    alignmentRadius: input('alignmentRadius', '1', { type: 'number', min: '0' }),
    tokenPerPoint: input('tokenPerPoint', '10', { inputmode: 'decimal' }),
    reputationPerPoint: input('reputationPerPoint', '20', { type: 'number', min: '0' }),
    evaluationPeriod: input('evaluationPeriod', '600', { type: 'number', min: '1' }),
    epochLength: input('epochLength', '14400', { type: 'number', min: '1' }),
  };
  const members = h('div', { id: 'create-members', class: 'rows' });
  const addMember = (address = '', reputation = '100') => {
    const row = h(
      'div',
      { class: 'row member' },
      h('input', { class: 'member-address', placeholder: 'account address', value: address, size: '52' }),
      h('input', { class: 'member-reputation', type: 'number', min: '1', value: reputation }),
      h('button', { type: 'button', class: 'remove', onclick: () => (row.remove(), update()) }, 'Remove'),
    );
    members.append(row);
    update();
  };
  const words = h('ul', { id: 'create-words', class: 'rules' });
  const problems = h('div', { id: 'create-problems' });
  const deposit = h('p', { id: 'create-deposit', class: 'muted' });
  const result = h('div', { id: 'create-result' });

  const read = (): { draft: Draft | null; errors: string[] } => {
    const errors: string[] = [];
    const number = (el: HTMLInputElement, what: string): number => {
      const n = Number(el.value);
      if (el.value.trim() === '' || !Number.isInteger(n) || n < 0) {
        errors.push(`${what} must be a whole number.`);
        return 0;
      }
      return n;
    };
    const decimals = number(f.tokenDecimals, 'The token’s decimals');
    // A u128: read exactly, not through a JavaScript number.
    const whole = (el: HTMLInputElement, what: string): bigint => {
      try {
        return parseUnits(el.value, 0);
      } catch {
        errors.push(`${what} must be a whole number.`);
        return 0n;
      }
    };
    const percent = (el: HTMLInputElement, what: string): bigint => {
      try {
        return parsePercentToPerbill(el.value);
      } catch (e) {
        errors.push(`${what}: ${(e as Error).message}`);
        return 0n;
      }
    };
    let tokenPerPoint = 0n;
    try {
      tokenPerPoint = parseUnits(f.tokenPerPoint.value, decimals);
    } catch (e) {
      errors.push(`Tokens per point: ${(e as Error).message}`);
    }
    const parameters: Parameters = {
      minScore: number(f.minScore, 'The lowest score'),
      maxScore: number(f.maxScore, 'The highest score'),
      quorum: percent(f.quorum, 'The quorum'),
      stake: percent(f.stake, 'The stake'),
      alignmentRadius: number(f.alignmentRadius, 'The alignment radius'),
      tokenPerPoint,
      reputationPerPoint: whole(f.reputationPerPoint, 'Reputation per point'),
      evaluationPeriod: number(f.evaluationPeriod, 'The evaluation period'),
    };
    const epochLength = number(f.epochLength, 'The epoch length');
    const name = f.name.value.trim();
    const tokenName = f.tokenName.value.trim();
    const tokenSymbol = f.tokenSymbol.value.trim();
    // The chain's order: name, token metadata, epoch and parameters, then members.
    if (!name) errors.push('Give the DC a name.');
    if (utf8Length(name) > ctx.info.maxNameLength)
      errors.push(`A name has at most ${ctx.info.maxNameLength} bytes.`);
    if (!tokenName || !tokenSymbol) errors.push('Give the DC’s token a name and a symbol.');
    for (const [value, what] of [
      [tokenName, 'The token’s name'],
      [tokenSymbol, 'The token’s symbol'],
    ]) {
      if (utf8Length(value) > ctx.info.maxTokenStringLength) {
        errors.push(`${what} has at most ${ctx.info.maxTokenStringLength} bytes.`);
      }
    }
    if (decimals > 255) errors.push('The token’s decimals must be below 256.');
    errors.push(
      ...checkParameters(parameters, {
        maxScore: ctx.info.maxScore,
        maxEvaluationPeriod: ctx.info.maxEvaluationPeriod,
        epochLength,
      }).map((p) => p.message),
    );
    const list: [string, bigint][] = [];
    const seen = new Set<string>();
    for (const row of members.querySelectorAll<HTMLElement>('.member')) {
      const address = (row.querySelector('.member-address') as HTMLInputElement).value.trim();
      const amount = (row.querySelector('.member-reputation') as HTMLInputElement).value.trim();
      if (!address) continue;
      try {
        decodeAddress(address);
      } catch {
        errors.push(`“${address}” is not an account address.`);
        continue;
      }
      if (!/^\d+$/.test(amount) || BigInt(amount) === 0n) {
        errors.push(`Every initial member needs some reputation (a whole number above zero).`);
        continue;
      }
      const key = Array.from(decodeAddress(address)).join(',');
      if (seen.has(key)) errors.push('An account is listed twice among the initial members.');
      seen.add(key);
      list.push([address, BigInt(amount)]);
    }
    if (list.length === 0) errors.push('A DC needs at least one initial member.');
    return {
      draft: {
        name,
        tokenName,
        tokenSymbol,
        tokenDecimals: decimals,
        parameters,
        epochLength,
        members: list,
      },
      errors,
    };
  };

  function update() {
    const { draft, errors } = read();
    if (draft && errors.length === 0) {
      replace(
        words,
        describeParameters(draft.parameters, draft.epochLength, {
          symbol: draft.tokenSymbol,
          decimals: draft.tokenDecimals,
        }).map((l) => h('li', {}, l)),
      );
    } else {
      replace(words);
    }
    replace(
      problems,
      errors.map((e) => message('error', e)),
    );
    submitButton.toggleAttribute('disabled', errors.length > 0);
    if (draft) {
      replace(
        deposit,
        `Deposit: ${native(ctx, dcDeposit(utf8Length(draft.name), draft.members.length))}, held for as long as the DC exists.`,
      );
    }
  }

  const submitButton = h(
    'button',
    { id: 'create-submit', class: 'primary', type: 'submit' },
    'Create the DC…',
  );
  const form = h(
    'form',
    {
      id: 'create-form',
      class: 'form',
      oninput: () => update(),
      onsubmit: (event: Event) => {
        event.preventDefault();
        tryAction(ctx, result, () => {
          const { draft, errors } = read();
          if (!draft || errors.length) throw new Error(errors[0] ?? 'The form is incomplete.');
          const p = draft.parameters;
          const tx = ctx.api.tx.cooperatives.createDc(
            // The text's UTF-8 as hex: a string that starts with 0x would otherwise be read as hex itself.
            u8aToHex(stringToU8a(draft.name)),
            u8aToHex(stringToU8a(draft.tokenName)),
            u8aToHex(stringToU8a(draft.tokenSymbol)),
            draft.tokenDecimals,
            {
              minScore: p.minScore,
              maxScore: p.maxScore,
              quorum: p.quorum,
              stake: p.stake,
              alignmentRadius: p.alignmentRadius,
              tokenPerPoint: p.tokenPerPoint,
              reputationPerPoint: p.reputationPerPoint,
              evaluationPeriod: p.evaluationPeriod,
            },
            draft.epochLength,
            draft.members,
          );
          const total = draft.members.reduce((t, [, r]) => t + r, 0n);
          return {
            title: `Create the DC “${draft.name}”`,
            lines: [
              ['Token', `${draft.tokenName} (${draft.tokenSymbol}), ${draft.tokenDecimals} decimals`],
              [
                'Initial members',
                `${draft.members.length}, with ${formatReputation(total)} reputation in all`,
              ],
              [
                'Deposit (held while the DC exists)',
                native(ctx, dcDeposit(utf8Length(draft.name), draft.members.length)),
              ],
            ],
            tx,
            onDone: (included) => {
              const created = included.events.find((e) => e.name === 'cooperatives.CooperativeCreated');
              const id = created
                ? Number(Array.isArray(created.data) ? created.data[0] : created.data.dc)
                : null;
              if (id !== null && !Number.isNaN(id)) ctx.navigate(`#/dc/${id}`);
            },
          };
        });
      },
    },
    h('h1', {}, 'Create a DC'),
    h(
      'fieldset',
      {},
      h('legend', {}, 'The DC and its token'),
      field('Name', f.name),
      field('Token name', f.tokenName),
      field('Token symbol', f.tokenSymbol),
      field('Token decimals', f.tokenDecimals, 'Amounts of the token are written with this many decimals.'),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'How contributions are evaluated'),
      field('Lowest score', f.minScore),
      field('Highest score', f.maxScore, `At most ${ctx.info.maxScore}.`),
      field(
        'Quorum (%)',
        f.quorum,
        'The share of all reputation that must stand behind a score: 50% to 100%.',
      ),
      field('Stake (%)', f.stake, 'The share of an evaluator’s reputation each evaluation puts at stake.'),
      field('Alignment radius', f.alignmentRadius, 'Scores this close to the median count as aligned.'),
      field('Tokens per point', f.tokenPerPoint, 'Minted to the contributors per point of the median.'),
      field('Reputation per point', f.reputationPerPoint),
      field('Evaluation period (blocks)', f.evaluationPeriod, 'A block every 6 seconds.'),
      field('Epoch length (blocks)', f.epochLength, 'Fixed for ever: earned reputation vests two epochs on.'),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Initial members and their reputation'),
      members,
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', id: 'create-add-member', onclick: () => addMember() }, 'Add a member'),
        ctx.info.isDevelopment
          ? h(
              'button',
              {
                type: 'button',
                id: 'create-fill-example',
                onclick: () => fillWorkedExample(),
              },
              'Fill in the worked example',
            )
          : null,
      ),
    ),
    h('section', {}, h('h2', {}, 'In words'), words),
    problems,
    deposit,
    h('div', { class: 'buttons' }, submitButton),
    result,
  );

  // The worked example of the rules (§9): scores 0..5, quorum 50%, stake 10%, radius 0, 10 tokens
  // and 20 reputation per point, period and epoch 10; Alice 400, Bob 300, Charlie 300.
  const fillWorkedExample = () => {
    const set: [HTMLInputElement, string][] = [
      [f.name, 'Makers'],
      [f.tokenName, 'Makers token'],
      [f.tokenSymbol, 'MKR'],
      [f.tokenDecimals, '0'],
      [f.minScore, '0'],
      [f.maxScore, '5'],
      [f.quorum, '50'],
      [f.stake, '10'],
      [f.alignmentRadius, '0'],
      [f.tokenPerPoint, '10'],
      [f.reputationPerPoint, '20'],
      [f.evaluationPeriod, '10'],
      [f.epochLength, '10'],
    ];
    for (const [el, value] of set) el.value = value;
    members.replaceChildren();
    const named = new Map([...ctx.names].map(([address, name]) => [name, address]));
    for (const [name, reputation] of [
      ['Alice', '400'],
      ['Bob', '300'],
      ['Charlie', '300'],
    ]) {
      addMember(named.get(name) ?? '', reputation);
    }
  };

  replace(root, form);
  if (ctx.account) addMember(ctx.account.address, '100');
  else addMember();
  update();
  return { async refresh() {} };
}
