import { currentLanguage } from './i18n';

// PostgreSQL's text form of a timestamptz: `2026-11-22 18:07:28.757+00`.
const PG_INSTANT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2})(?::?(\d{2}))?$/;

/**
 * An instant as a Date: ISO 8601, or PostgreSQL's text form (which Safari's Date does not
 * read). Invalid Date when it is neither.
 */
export function parseInstant(value: string): Date {
  const pg = PG_INSTANT.exec(value.trim());
  if (pg) {
    const [, day, time, zone, minutes] = pg;
    return new Date(`${day}T${time}${zone === 'Z' ? 'Z' : `${zone}:${minutes ?? '00'}`}`);
  }
  return new Date(value);
}

/** An ISO-8601 instant in the reader's language and time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = parseInstant(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(currentLanguage(), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}
