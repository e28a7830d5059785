import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionError } from './expressions.ts';

const run = (source: string, variables: Record<string, unknown> = {}) => compileExpression(source).evaluate(variables);

describe('flow conditions', () => {
  it('evaluates Camunda/Flowable-style ${…} conditions over process variables', () => {
    expect(run('${amount > 1000}', { amount: 1500 })).toBe(true);
    expect(run('${amount > 1000}', { amount: '800' })).toBe(false);
    expect(run('${approved == true && level eq "high"}', { approved: true, level: 'high' })).toBe(true);
    expect(run('${not approved}', { approved: false })).toBe(true);
    expect(run('${empty comment}', { comment: '' })).toBe(true);
    expect(run('#{applicant.age ge 18 or guardian != null}', { applicant: { age: 16 }, guardian: '王五' })).toBe(true);
    expect(run('${days * 2 + 1}', { days: 3 })).toBe(7);
    expect(run('${missing == null}')).toBe(true);
  });

  it('refuses anything that could run code, at compile time', () => {
    for (const bad of [
      '${process.exit(1)}',
      '${constructor.constructor("return 1")()}',
      '${a["__proto__"]}',
      '${x = 1}',
      '${this}',
      '${[1,2]}',
      '${amount >}',
      '${}',
    ]) {
      expect(() => compileExpression(bad), bad).toThrow(ExpressionError);
    }
  });

  it('never reaches inherited properties', () => {
    expect(run('${form.toString}', { form: {} })).toBe(null);
    expect(run('${form.hasOwnProperty == null}', { form: {} })).toBe(true);
  });
});
