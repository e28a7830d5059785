import { AppError, NotFoundError, ValidationError, type Database, type Locale, translate } from '../../kernel/index.ts';
import type { ServiceCatalog } from '../../systems/one-stop/index.ts';
import { countCases, type CaseCountRow } from './govstack-registration.repository.ts';
import type { StatisticsQuery } from './govstack-registration.schemas.ts';

type Counts = Omit<CaseCountRow, 'bucket' | 'serviceCode' | 'serviceName'>;

const zero = (): Counts => ({ received: 0, pending: 0, approved: 0, sentBack: 0, rejected: 0, withdrawn: 0, handlingSeconds: 0 });

function add(into: Counts, row: Counts): void {
  for (const key of Object.keys(into) as (keyof Counts)[]) into[key] += row[key];
}

/** Average hours from submission to decision, to a tenth; null when nothing was decided. */
function averageHours(c: Counts): number | null {
  const decided = c.approved + c.sentBack + c.rejected;
  return decided ? Math.round(c.handlingSeconds / decided / 360) / 10 : null;
}

/** The last day of the bucket starting on `start` (YYYY-MM-DD), within the asked period. */
function bucketEnd(start: string, timeframe: NonNullable<StatisticsQuery['timeframe']>, until: string | undefined): string {
  const d = new Date(`${start}T00:00:00Z`);
  if (timeframe === 'day') d.setUTCDate(d.getUTCDate() + 1);
  if (timeframe === 'week') d.setUTCDate(d.getUTCDate() + 7);
  if (timeframe === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  if (timeframe === 'year') d.setUTCFullYear(d.getUTCFullYear() + 1);
  d.setUTCDate(d.getUTCDate() - 1);
  const end = d.toISOString().slice(0, 10);
  return until && until < end ? until : end;
}

/**
 * The statistics API over 办件: applications submitted in the period (China time), by
 * timeframe. `processed` = decided (approved + sentBack + rejected); `approved` = 办结;
 * `sentBack` = 不予受理 (returned unhandled, to be applied for again); `rejected` = refused after
 * review or countersigning. `breakdown=true` adds Zhili's own: received, pending, withdrawn,
 * the average handling time and the same per service — left out by default, as the contract's
 * rows allow no other fields.
 */
export class RegistrationStatistics {
  private readonly db: Database;
  private readonly services: ServiceCatalog;

  constructor(deps: { db: Database; services: ServiceCatalog }) {
    this.db = deps.db;
    this.services = deps.services;
  }

  /** A registration by its service code or its exact name; unknown is the contract's 404. */
  private async serviceCode(registrationName: string): Promise<string> {
    const byCode = await this.services.stored(registrationName).catch((e: unknown) => {
      if (e instanceof AppError && e.status === 404) return null;
      throw e;
    });
    if (byCode) return byCode.code;
    const { items } = await this.services.list({ q: registrationName, limit: 200 });
    const byName = items.find((s) => s.name === registrationName);
    if (!byName) throw new NotFoundError('govstack.registration.registration_not_found', { registrationName });
    return byName.code;
  }

  async statistics(locale: Locale, query: StatisticsQuery) {
    // Who decided is in the workflow's history, not in the case table these counts come from.
    for (const filter of ['operator', 'role'] as const)
      if (query[filter])
        throw new AppError(501, 'govstack.registration.filter_unsupported', {
          filter,
          reason: translate('govstack.registration.operator_not_recorded', locale),
        });
    if (query.startDate && query.endDate && query.endDate < query.startDate) throw new ValidationError('govstack.registration.date_range');
    const serviceCode = query.registrationName ? await this.serviceCode(query.registrationName) : undefined;
    const rows = await countCases(this.db, { from: query.startDate, to: query.endDate, serviceCode, timeframe: query.timeframe });
    const buckets = new Map<string, CaseCountRow[]>();
    for (const row of rows) buckets.set(row.bucket, [...(buckets.get(row.bucket) ?? []), row]);
    // The whole period is one row even when empty; by timeframe, one row per bucket that received applications.
    if (!query.timeframe && !buckets.has('')) buckets.set('', []);
    return [...buckets].map(([bucket, serviceRows]) => {
      const total = zero();
      for (const row of serviceRows) add(total, row);
      const period =
        bucket && query.timeframe
          ? {
              startDate: query.startDate && query.startDate > bucket ? query.startDate : bucket,
              endDate: bucketEnd(bucket, query.timeframe, query.endDate),
            }
          : { ...(query.startDate ? { startDate: query.startDate } : {}), ...(query.endDate ? { endDate: query.endDate } : {}) };
      const references = {
        ...period,
        ...(query.registrationName ? { registrationName: query.registrationName } : {}),
        timeframeDay: query.timeframe === 'day',
        timeframeWeek: query.timeframe === 'week',
        timeframeMonth: query.timeframe === 'month',
        timeframeYear: query.timeframe === 'year',
      };
      const row = {
        processed: total.approved + total.sentBack + total.rejected,
        approved: total.approved,
        sentBack: total.sentBack,
        rejected: total.rejected,
        references,
      };
      if (!query.breakdown) return row;
      return {
        ...row,
        breakdown: {
          received: total.received,
          pending: total.pending,
          withdrawn: total.withdrawn,
          averageHandlingHours: averageHours(total),
          byService: serviceRows.map((s) => ({
            serviceId: s.serviceCode,
            serviceName: s.serviceName,
            received: s.received,
            pending: s.pending,
            processed: s.approved + s.sentBack + s.rejected,
            approved: s.approved,
            sentBack: s.sentBack,
            rejected: s.rejected,
            withdrawn: s.withdrawn,
            averageHandlingHours: averageHours(s),
          })),
        },
      };
    });
  }
}
