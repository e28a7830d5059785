import { describe, expect, it } from 'vitest';
import { chinaDay, lightOf } from './lights.ts';

const hour = 3600_000;
const created = '2026-11-01T01:00:00.000Z';
const deadline = '2026-11-09T01:00:00.000Z'; // eight days later
const at = (iso: string, plusHours: number) => new Date(Date.parse(iso) + plusHours * hour);
const open = { status: 'open' as const, createdAt: created, deadline, completedAt: null };

describe('红黄绿灯', () => {
  it('is green while more than a quarter of the time and more than a day are left', () => {
    expect(lightOf(open, at(created, 24)).light).toBe('green');
    expect(lightOf(open, at(deadline, -49)).light).toBe('green');
  });

  it('turns yellow under a quarter of the time (issued → deadline) or under 24 hours left', () => {
    expect(lightOf(open, at(deadline, -47)).light).toBe('yellow'); // under 48 h = a quarter of eight days
    const short = { ...open, deadline: at(created, 30).toISOString() };
    expect(lightOf(short, at(created, 1)).light).toBe('green');
    expect(lightOf(short, at(created, 7)).light).toBe('yellow'); // 23 h left, though more than a quarter
  });

  it('is red once the deadline has passed and it is not done', () => {
    expect(lightOf(open, at(deadline, 0.01))).toEqual({ light: 'red', onTime: false });
  });

  it('shows a finished one as completed, on time or not', () => {
    expect(lightOf({ ...open, status: 'completed', completedAt: at(deadline, -1).toISOString() }, at(deadline, 100))).toEqual({
      light: 'completed',
      onTime: true,
    });
    expect(lightOf({ ...open, status: 'completed', completedAt: at(deadline, 1).toISOString() }, at(deadline, 2))).toEqual({
      light: 'completed',
      onTime: false,
    });
    expect(lightOf({ ...open, status: 'cancelled' }, at(deadline, 2)).light).toBe('cancelled');
  });

  it('counts escalation days in China time', () => {
    expect(chinaDay(new Date('2026-11-09T15:59:00Z'))).toBe('2026-11-09');
    expect(chinaDay(new Date('2026-11-09T16:00:00Z'))).toBe('2026-11-10');
  });
});
