import jsep, { type Expression } from 'jsep';

/**
 * Conditions on sequence flows, in the `${…}` style of Camunda and Flowable (JUEL), parsed by
 * jsep and evaluated by walking the tree — never by `eval`: only literals, variables, member
 * access, arithmetic, comparison and logic. `and or not eq ne lt gt le ge empty` work too.
 */
jsep.addBinaryOp('or', 1);
jsep.addBinaryOp('and', 2);
jsep.addBinaryOp('eq', 6);
jsep.addBinaryOp('ne', 6);
jsep.addBinaryOp('lt', 7);
jsep.addBinaryOp('gt', 7);
jsep.addBinaryOp('le', 7);
jsep.addBinaryOp('ge', 7);
jsep.addUnaryOp('not');
jsep.addUnaryOp('empty');

export type Variables = Record<string, unknown>;
export interface CompiledExpression {
  source: string;
  evaluate(variables: Variables): unknown;
}

export class ExpressionError extends Error {
  readonly expression: string;
  constructor(expression: string, reason: string) {
    super(reason);
    this.name = 'ExpressionError';
    this.expression = expression;
  }
}

const forbiddenNames = new Set(['__proto__', 'prototype', 'constructor']);
const binary = new Set([
  '+',
  '-',
  '*',
  '/',
  '%',
  '==',
  '===',
  '!=',
  '!==',
  '<',
  '>',
  '<=',
  '>=',
  '&&',
  '||',
  'and',
  'or',
  'eq',
  'ne',
  'lt',
  'gt',
  'le',
  'ge',
]);
const unary = new Set(['!', '-', '+', 'not', 'empty']);

/** Strips `${…}` / `#{…}`; a bare expression is accepted as well. */
export function unwrap(source: string): string {
  const match = /^\s*[$#]\{([\s\S]*)\}\s*$/.exec(source);
  return (match ? match[1]! : source).trim();
}

/** Parses and checks an expression once, at deploy time; throws ExpressionError with the reason. */
export function compileExpression(source: string): CompiledExpression {
  const body = unwrap(source);
  if (!body) throw new ExpressionError(source, 'empty expression');
  let tree: Expression;
  try {
    tree = jsep(body);
  } catch (error) {
    throw new ExpressionError(source, (error as Error).message);
  }
  check(tree, source);
  return { source, evaluate: (variables) => evaluate(tree, variables) };
}

function check(node: Expression, source: string): void {
  switch (node.type) {
    case 'Literal':
      return;
    case 'Identifier':
      if (forbiddenNames.has(node.name as string)) throw new ExpressionError(source, `name not allowed: ${String(node.name)}`);
      return;
    case 'MemberExpression':
      check(node.object as Expression, source);
      if (node.computed) {
        const index = node.property as Expression;
        if (index.type !== 'Literal') throw new ExpressionError(source, 'only constant indexes are allowed');
        if (forbiddenNames.has(String(index.value))) throw new ExpressionError(source, `name not allowed: ${String(index.value)}`);
      } else if (forbiddenNames.has((node.property as Expression).name as string)) {
        throw new ExpressionError(source, `name not allowed: ${String((node.property as Expression).name)}`);
      }
      return;
    case 'BinaryExpression':
      if (!binary.has(node.operator as string)) throw new ExpressionError(source, `operator not allowed: ${String(node.operator)}`);
      check(node.left as Expression, source);
      check(node.right as Expression, source);
      return;
    case 'UnaryExpression':
      if (!unary.has(node.operator as string)) throw new ExpressionError(source, `operator not allowed: ${String(node.operator)}`);
      check(node.argument as Expression, source);
      return;
    case 'ConditionalExpression':
      check(node.test as Expression, source);
      check(node.consequent as Expression, source);
      check(node.alternate as Expression, source);
      return;
    default:
      throw new ExpressionError(source, `not allowed: ${node.type}`);
  }
}

function evaluate(node: Expression, variables: Variables): unknown {
  switch (node.type) {
    case 'Literal':
      return node.value;
    case 'Identifier':
      return Object.hasOwn(variables, node.name as string) ? variables[node.name as string] : null;
    case 'MemberExpression': {
      const target = evaluate(node.object as Expression, variables);
      const key = node.computed ? (node.property as Expression).value : (node.property as Expression).name;
      if (target === null || typeof target !== 'object' || !Object.hasOwn(target, key as PropertyKey)) return null;
      return (target as Record<string, unknown>)[key as string];
    }
    case 'UnaryExpression': {
      const value = evaluate(node.argument as Expression, variables);
      switch (node.operator) {
        case '!':
        case 'not':
          return !truthy(value);
        case '-':
          return -Number(value);
        case '+':
          return Number(value);
        case 'empty':
          return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
      }
      return null;
    }
    case 'ConditionalExpression':
      return truthy(evaluate(node.test as Expression, variables))
        ? evaluate(node.consequent as Expression, variables)
        : evaluate(node.alternate as Expression, variables);
    case 'BinaryExpression': {
      const op = node.operator as string;
      if (op === '&&' || op === 'and')
        return truthy(evaluate(node.left as Expression, variables)) && truthy(evaluate(node.right as Expression, variables));
      if (op === '||' || op === 'or')
        return truthy(evaluate(node.left as Expression, variables)) || truthy(evaluate(node.right as Expression, variables));
      const a = evaluate(node.left as Expression, variables);
      const b = evaluate(node.right as Expression, variables);
      switch (op) {
        case '==':
        case '===':
        case 'eq':
          return same(a, b);
        case '!=':
        case '!==':
        case 'ne':
          return !same(a, b);
        case '<':
        case 'lt':
          return compare(a, b) < 0;
        case '>':
        case 'gt':
          return compare(a, b) > 0;
        case '<=':
        case 'le':
          return compare(a, b) <= 0;
        case '>=':
        case 'ge':
          return compare(a, b) >= 0;
        case '+':
          return typeof a === 'string' || typeof b === 'string' ? `${a ?? ''}${b ?? ''}` : Number(a) + Number(b);
        case '-':
          return Number(a) - Number(b);
        case '*':
          return Number(a) * Number(b);
        case '/':
          return Number(a) / Number(b);
        case '%':
          return Number(a) % Number(b);
      }
      return null;
    }
  }
  return null;
}

function truthy(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value === 'true') || (typeof value === 'number' && value !== 0);
}

/** Numbers compare as numbers even when one side came from a form as text ("1000"). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return a == b; // null and undefined alike
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  if (typeof a === 'boolean' || typeof b === 'boolean') return String(a) === String(b);
  return false;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string' && (Number.isNaN(Number(a)) || Number.isNaN(Number(b))))
    return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  return x - y;
}
