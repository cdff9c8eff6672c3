// Renders src/generated/constants.ts: the constants the spec defines (enums, patterns, maximum lengths) as
// `as const` values, read from the spec's component schemas (as openapi-typescript resolved them), so the client
// validates with the spec's own rules and never with a hand copy; and the string rules compiled to regular
// expression literals (with their length bounds as messages say them), so no rule is compiled at run time.

/** The component schema `name`, or an error naming it (the spec must keep defining it). */
function schema(schemas, name) {
  const found = schemas.get(name);
  if (!found) throw new Error(`openapi/crm-gateway.yaml: components.schemas.${name} is missing`);
  return found;
}

/** The `enum` of a component schema. */
function enumOf(schemas, name) {
  const values = schema(schemas, name).enum;
  if (!Array.isArray(values) || !values.length) throw new Error(`components.schemas.${name} has no enum`);
  return values;
}

/** `pattern`, `minLength`, `maxLength` of a string schema (those it has). */
function ruleOf(value, name) {
  if (typeof value?.pattern !== 'string') throw new Error(`components.schemas.${name} has no pattern`);
  const rule = { pattern: value.pattern };
  for (const key of ['minLength', 'maxLength']) if (Number.isInteger(value[key])) rule[key] = value[key];
  return rule;
}

/** The pattern of an open enum's free branch (`anyOf: [known enum, { type: string, pattern }]`). */
function openEnumRule(schemas, name) {
  const branch = (schema(schemas, name).anyOf ?? []).find((s) => typeof s?.pattern === 'string');
  return ruleOf(branch, `${name}.anyOf`);
}

/** `maxLength` of every string property of an object schema that has one. */
function maxLengths(schemas, name) {
  const result = {};
  for (const [key, value] of Object.entries(schema(schemas, name).properties ?? {})) {
    if (Number.isInteger(value?.maxLength)) result[key] = value.maxLength;
  }
  return result;
}

/**
 * The category → codes table of `CancelReasonPairing` (`allOf` of `if` category `const` → `then` code `enum`),
 * in the spec's order.
 */
function reasonPairs(schemas) {
  const pairs = {};
  for (const rule of schema(schemas, 'CancelReasonPairing').allOf ?? []) {
    const category = rule?.if?.properties?.cancelReasonCategory?.const;
    const codes = rule?.then?.properties?.cancelReasonCode?.anyOf?.find((s) => Array.isArray(s?.enum))?.enum;
    if (typeof category !== 'string' || !Array.isArray(codes)) {
      throw new Error(
        'components.schemas.CancelReasonPairing: every allOf entry must pair a category with codes',
      );
    }
    pairs[category] = codes;
  }
  if (!Object.keys(pairs).length) throw new Error('components.schemas.CancelReasonPairing pairs nothing');
  return pairs;
}

/** A JSDoc block: `lines` (the spec's words first), then an example. */
function doc(lines, example) {
  const body = [...lines, '', '@example', '```ts', ...example, '```'];
  return `/**\n${body.map((line) => (line ? ` * ${line}` : ' *')).join('\n')}\n */\n`;
}

const literal = (value) => `${JSON.stringify(value)} as const`;

/** Whether a string rule has length bounds. */
const bounded = ({ minLength, maxLength }) => minLength !== undefined || maxLength !== undefined;

/**
 * A string rule as one regular expression literal (what the client validates with, compiled here rather than at
 * run time): its length bounds as a lookahead (when it has any), then its pattern.
 */
function regexOf(rule) {
  const bounds = bounded(rule) ? `(?=^[\\s\\S]{${rule.minLength ?? 0},${rule.maxLength ?? ''}}$)` : '';
  return `/${new RegExp(bounds + rule.pattern).source}/`;
}

/** The length bounds of a rule as validation messages say them (`1-128`). */
const lengthRange = ({ minLength = 0, maxLength }) => `${minLength}-${maxLength ?? 'any'}`;

/**
 * The compiled forms of the string rules, each `[prefix, rule, the rule's constant]`: `<prefix>_PATTERN`, and
 * `<prefix>_LENGTHS` for a rule with length bounds.
 */
function compiledRules(rules) {
  return rules
    .map(([name, rule, source]) => {
      const pattern = doc(
        [
          `\`${source}\` as one regular expression: its length bounds (a lookahead, if any), then its pattern.`,
        ],
        [`const valid = (value: string) => ${name}_PATTERN.test(value);`],
      );
      const lengths = doc(
        [`The length bounds of \`${source}\` as validation messages say them.`],
        [`const problem = \`must be \${${name}_LENGTHS} characters\`;`],
      );
      return (
        `\n${pattern}export const ${name}_PATTERN = ${regexOf(rule)};\n` +
        (bounded(rule) ? `\n${lengths}export const ${name}_LENGTHS = ${literal(lengthRange(rule))};\n` : '')
      );
    })
    .join('');
}

/** The spec's own description of a schema, one line per line. */
const described = (schemas, name) =>
  (schema(schemas, name).description ?? '')
    .trim()
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => line.trim().replace(/\*\//g, '*\\/'));

/** The text of constants.ts (unformatted) from the component schemas, by name. */
export function renderConstants(schemas) {
  const reasonRule = openEnumRule(schemas, 'CancelReasonCategory');
  const codeRule = openEnumRule(schemas, 'CancelReasonCode');
  if (JSON.stringify(reasonRule) !== JSON.stringify(codeRule)) {
    throw new Error(
      'CancelReasonCategory and CancelReasonCode no longer share one pattern: split REASON_CODE_RULE',
    );
  }
  const identifierRule = ruleOf(schema(schemas, 'Identifier'), 'Identifier');
  const headerTokenRule = ruleOf(schema(schemas, 'HeaderToken'), 'HeaderToken');
  const entries = [
    [
      'ENTITLEMENT_STATUSES',
      enumOf(schemas, 'EntitlementStatus'),
      [
        "Every entitlement status of the spec (schema `EntitlementStatus`), in the spec's order.",
        '',
        ...described(schemas, 'EntitlementStatus'),
      ],
      [
        "import { ENTITLEMENT_STATUSES } from '@crm-gateway/client';",
        'const isStatus = (s: string) => (ENTITLEMENT_STATUSES as readonly string[]).includes(s);',
      ],
    ],
    [
      'CANCEL_REASON_CATEGORIES',
      enumOf(schemas, 'KnownCancelReasonCategory'),
      [
        "The documented cancel/revoke reason categories (schema `KnownCancelReasonCategory`). The spec's",
        '`CancelReasonCategory` is an open enum: any other code matching `REASON_CODE_RULE` is accepted too.',
      ],
      ["const offered: readonly string[] = CANCEL_REASON_CATEGORIES; // ['CUSTOMER_CANCELLED', …]"],
    ],
    [
      'CANCEL_REASON_CODES',
      enumOf(schemas, 'KnownCancelReasonCode'),
      [
        "The documented cancel/revoke reason codes (schema `KnownCancelReasonCode`). The spec's `CancelReasonCode`",
        'is an open enum: any other code matching `REASON_CODE_RULE` is accepted too (`OTHER` when none fits).',
      ],
      ["const known = (CANCEL_REASON_CODES as readonly string[]).includes('NOT_RENEWED'); // true"],
    ],
    [
      'CANCEL_REASON_CODES_BY_CATEGORY',
      reasonPairs(schemas),
      [
        "The documented codes of each documented reason category (schema `CancelReasonPairing`, NAGRA's table). A",
        'documented code goes only with its own category; codes outside the table stay open.',
      ],
      ["CANCEL_REASON_CODES_BY_CATEGORY.CUSTOMER_CHANGED.includes('CHANGED_SERVICE'); // true"],
    ],
    [
      'IDENTIFIER_RULE',
      identifierRule,
      [
        'Schema `Identifier` (account, product and entitlement ids): its `pattern` (a regular expression source)',
        'and its length bounds.',
        '',
        ...described(schemas, 'Identifier'),
      ],
      [
        'const ok = (id: string) => id.length <= IDENTIFIER_RULE.maxLength && new RegExp(IDENTIFIER_RULE.pattern).test(id);',
      ],
    ],
    [
      'HEADER_TOKEN_RULE',
      headerTokenRule,
      [
        'Schema `HeaderToken` (`x-correlation-id`, `nv-tenant-id`): its `pattern` (a regular expression source)',
        'and its length bounds.',
        '',
        ...described(schemas, 'HeaderToken'),
      ],
      ['const tooLong = (id: string) => id.length > HEADER_TOKEN_RULE.maxLength;'],
    ],
    [
      'REASON_CODE_RULE',
      reasonRule,
      [
        'The pattern of a reason code outside the documented ones (the free branch of the open enums',
        '`CancelReasonCategory` and `CancelReasonCode`).',
      ],
      ["new RegExp(REASON_CODE_RULE.pattern).test('PAYMENT_LATE'); // true"],
    ],
    [
      'STATUS_UPDATE_MAX_LENGTHS',
      maxLengths(schemas, 'EntitlementStatusUpdate'),
      ['Maximum lengths of the free texts of a status update (schema `EntitlementStatusUpdate`).'],
      ['const fits = (code: string) => code.length <= STATUS_UPDATE_MAX_LENGTHS.reasonCode;'],
    ],
    [
      'CANCEL_REASON_MAX_LENGTHS',
      maxLengths(schemas, 'CancelReason'),
      ['Maximum lengths of the free texts of a cancel/revoke reason (schema `CancelReason`).'],
      ['const fits = (text: string) => text.length <= CANCEL_REASON_MAX_LENGTHS.cancelReasonDescription;'],
    ],
  ];
  const header =
    '/**\n * Generated by `pnpm generate` from openapi/crm-gateway.yaml: the constants the spec defines.\n' +
    ' * Do not edit by hand: change the spec and run `pnpm generate`.\n */\n';
  return (
    header +
    entries
      .map(
        ([name, value, lines, example]) =>
          `\n${doc(lines, example)}export const ${name} = ${literal(value)};\n`,
      )
      .join('') +
    compiledRules([
      ['IDENTIFIER', identifierRule, 'IDENTIFIER_RULE'],
      ['HEADER_TOKEN', headerTokenRule, 'HEADER_TOKEN_RULE'],
      ['REASON_CODE', reasonRule, 'REASON_CODE_RULE'],
    ])
  );
}
