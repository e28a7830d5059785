/** 红黄绿灯: how an instruction (or one recipient's part of it) stands against its deadline. */
export type Light = 'green' | 'yellow' | 'red' | 'completed' | 'cancelled';

const hour = 3600_000;

/**
 * green: on track; yellow: not done with less than a quarter of its time (issued → deadline)
 * or less than 24 hours left; red: past the deadline and not done. A finished one shows as
 * completed, with whether it was on time.
 */
export function lightOf(
  state: { status: 'open' | 'completed' | 'cancelled'; createdAt: string; deadline: string; completedAt: string | null },
  now: Date,
): { light: Light; onTime: boolean | null } {
  const deadline = Date.parse(state.deadline);
  if (state.status === 'cancelled') return { light: 'cancelled', onTime: null };
  if (state.status === 'completed') {
    return { light: 'completed', onTime: state.completedAt !== null && Date.parse(state.completedAt) <= deadline };
  }
  const left = deadline - now.getTime();
  if (left < 0) return { light: 'red', onTime: false };
  const total = deadline - Date.parse(state.createdAt);
  if (left < 24 * hour || left < total / 4) return { light: 'yellow', onTime: null };
  return { light: 'green', onTime: null };
}

/** The calendar day in China (UTC+8): escalations happen once per instruction per such day. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * hour).toISOString().slice(0, 10);
}

/** '2026-11-23 17:30' in China time, for notices. */
export function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * hour).toISOString().slice(0, 16).replace('T', ' ');
}
