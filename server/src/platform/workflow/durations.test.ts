import { describe, expect, it } from 'vitest';
import { addDuration, parseCycle, parseDuration } from './durations.ts';

describe('ISO 8601 timer values', () => {
  it('parses durations and adds calendar months correctly', () => {
    expect(parseDuration('P2D')).toMatchObject({ days: 2 });
    expect(parseDuration('PT1H30M')).toMatchObject({ hours: 1, minutes: 30 });
    expect(parseDuration('P1W')).toMatchObject({ weeks: 1 });
    for (const bad of ['2D', 'P', 'PT', 'P1H', 'five days']) expect(parseDuration(bad), bad).toBeUndefined();
    expect(addDuration(new Date('2026-01-31T00:00:00Z'), parseDuration('P1M')!).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(addDuration(new Date('2024-01-31T08:00:00Z'), parseDuration('P1Y1M')!).toISOString()).toBe('2025-02-28T08:00:00.000Z');
    expect(addDuration(new Date('2026-11-22T10:00:00Z'), parseDuration('PT90M')!).toISOString()).toBe('2026-11-22T11:30:00.000Z');
  });

  it('parses cycles', () => {
    expect(parseCycle('R3/PT10M')).toMatchObject({ repetitions: 3, period: { minutes: 10 } });
    expect(parseCycle('R/P1D')).toMatchObject({ repetitions: null });
    expect(parseCycle('R2/2026-12-01T00:00:00Z/P1D')!.start!.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(parseCycle('every day')).toBeUndefined();
  });
});
