import { sql } from 'kysely';
import { z } from 'zod';
import { ForbiddenError, NotFoundError, requirePermission, requireScope, type Actor, type Database } from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';

/** 工作日历: China's working days. Days are Asia/Shanghai dates (UTC+8, no daylight saving). */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

export type DayKind = 'holiday' | 'workday';

export const calendarDayBody = z.strictObject({ kind: z.enum(['holiday', 'workday']), name: z.string().trim().max(50).default('') });
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'workflow.invalid_date')
  .refine(isRealDate, 'workflow.invalid_date');

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The Shanghai date of an instant, as days since 1970-01-01. */
function dayNumber(at: number): number {
  return Math.floor((at + OFFSET_MS) / DAY_MS);
}
function dayStart(day: number): number {
  return day * DAY_MS - OFFSET_MS;
}
function dayKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Working-time arithmetic over whole days: a working day counts 24 hours of clock time, others
 * none. A deadline of N working days ends at midnight after the N-th working day that follows
 * the start (the day of acceptance does not count, as 承诺时限 are reckoned).
 */
export class WorkCalendar {
  private readonly exceptions: ReadonlyMap<string, DayKind>;

  constructor(exceptions: ReadonlyMap<string, DayKind>) {
    this.exceptions = exceptions;
  }

  isWorkingDay(day: number): boolean {
    const marked = this.exceptions.get(dayKey(day));
    if (marked) return marked === 'workday';
    const weekday = new Date(day * DAY_MS).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  dueAfter(start: Date, workingDays: number): Date {
    let day = dayNumber(start.getTime());
    for (let counted = 0; counted < workingDays;) {
      day += 1;
      if (this.isWorkingDay(day)) counted += 1;
    }
    return new Date(dayStart(day + 1));
  }

  /** Working time between two instants, in ms. */
  workingMs(from: Date, to: Date): number {
    let total = 0;
    const end = to.getTime();
    for (let at = from.getTime(); at < end;) {
      const day = dayNumber(at);
      const next = Math.min(dayStart(day + 1), end);
      if (this.isWorkingDay(day)) total += next - at;
      at = next;
    }
    return total;
  }

  /** The instant `ms` of working time after `from`. */
  addWorkingMs(from: Date, ms: number): Date {
    let at = from.getTime();
    let left = ms;
    for (let guard = 0; left > 0 && guard < 5000; guard++) {
      const day = dayNumber(at);
      const dayEnd = dayStart(day + 1);
      if (this.isWorkingDay(day)) {
        const take = Math.min(left, dayEnd - at);
        left -= take;
        at += take;
        if (left === 0) break;
      }
      at = dayEnd;
    }
    return new Date(at);
  }
}

/** The editable calendar, kept in memory after the first read (edits replace it). */
export class CalendarStore {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private cached: WorkCalendar | undefined;

  constructor(db: Database, audit: AuditLog) {
    this.db = db;
    this.audit = audit;
  }

  async calendar(): Promise<WorkCalendar> {
    if (!this.cached) {
      const rows = (
        await sql<{ day: string; kind: DayKind }>`select to_char(day, 'YYYY-MM-DD') as day, kind from wf_calendar_days`.execute(
          this.db.kysely,
        )
      ).rows;
      this.cached = new WorkCalendar(new Map(rows.map((r) => [r.day, r.kind])));
    }
    return this.cached;
  }

  async year(actor: Actor, year: number) {
    requirePermission(actor, 'workbench.use');
    const rows = (
      await sql<{ date: string; kind: DayKind; name: string }>`select to_char(day, 'YYYY-MM-DD') as date, kind, name from wf_calendar_days
        where day >= make_date(${year}, 1, 1) and day < make_date(${year + 1}, 1, 1) order by day`.execute(this.db.kysely)
    ).rows;
    return { year, days: rows };
  }

  /** The calendar is the whole country's: only a province-level (or platform-wide) grant edits it. */
  private requireManage(actor: Actor): void {
    const scope = requireScope(actor, 'calendar.manage');
    if (!scope.all && !scope.regionCodes.some((code) => code.endsWith('0000')))
      throw new ForbiddenError('access.forbidden', { permission: 'calendar.manage' });
  }

  async setDay(actor: Actor, date: string, input: z.infer<typeof calendarDayBody>) {
    this.requireManage(actor);
    await this.db.kysely.transaction().execute(async (tx) => {
      await sql`insert into wf_calendar_days (day, kind, name) values (${date}::date, ${input.kind}, ${input.name})
        on conflict (day) do update set kind = excluded.kind, name = excluded.name`.execute(tx);
      await this.audit.record({ actor, action: 'workflow.calendar.set', targetType: 'calendar_day', targetId: date, details: input }, tx);
    });
    this.cached = undefined;
    return { date, ...input };
  }

  async clearDay(actor: Actor, date: string) {
    this.requireManage(actor);
    await this.db.kysely.transaction().execute(async (tx) => {
      const removed = await sql`delete from wf_calendar_days where day = ${date}::date`.execute(tx);
      if (Number(removed.numAffectedRows ?? 0) === 0) throw new NotFoundError('workflow.calendar_day_not_found', { date });
      await this.audit.record({ actor, action: 'workflow.calendar.clear', targetType: 'calendar_day', targetId: date }, tx);
    });
    this.cached = undefined;
  }
}
