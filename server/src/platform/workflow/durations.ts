/** ISO 8601 durations as BPMN timers use them: P1Y2M3W4DT5H6M7S (weeks and fractions too). */
const pattern =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function parseDuration(text: string): Duration | undefined {
  const match = pattern.exec(text.trim());
  if (!match || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((v) => (v ? Number(v) : 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { years, months, weeks, days, hours, minutes, seconds };
}

/**
 * The moment a duration after `from` ends: calendar months and years, with the day clamped to
 * the month's last (31 January + P1M = 28 February), as Java-based engines do.
 */
export function addDuration(from: Date, d: Duration): Date {
  const at = new Date(from.getTime());
  const monthIndex = at.getUTCMonth() + d.months + d.years * 12;
  const lastDay = new Date(Date.UTC(at.getUTCFullYear(), monthIndex + 1, 0)).getUTCDate();
  at.setUTCFullYear(at.getUTCFullYear(), monthIndex, Math.min(at.getUTCDate(), lastDay));
  at.setUTCDate(at.getUTCDate() + d.weeks * 7 + d.days);
  return new Date(at.getTime() + ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000);
}

/** R3/PT10M, R/P1D, R5/2026-01-01T00:00:00Z/P1D: repetitions (null = unbounded) and the period. */
export function parseCycle(text: string): { repetitions: number | null; start: Date | null; period: Duration } | undefined {
  const parts = text.trim().split('/');
  const head = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!head) return undefined;
  const repetitions = head[1] ? Number(head[1]) : null;
  if (parts.length === 2) {
    const period = parseDuration(parts[1]!);
    return period ? { repetitions, start: null, period } : undefined;
  }
  if (parts.length === 3) {
    const start = new Date(parts[1]!);
    const period = parseDuration(parts[2]!);
    return period && !Number.isNaN(start.getTime()) ? { repetitions, start, period } : undefined;
  }
  return undefined;
}
