import { z } from 'zod';
import { timeCursorSchema } from '../../kernel/index.ts';

// Requests of the open-data Portal's own API (/open/v1): records, API keys, applications.

export const datasetName = z.string().regex(/^[a-z0-9_-]{2,100}$/, 'opendata.invalid_name');
export const datasetParams = z.strictObject({ name: datasetName });
export const downloadParams = z.strictObject({ name: datasetName, format: z.enum(['csv', 'json', 'xlsx']) });

export const maxRecordsPage = 100;
export const recordsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(maxRecordsPage).default(20),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const createKeyBody = z.strictObject({ name: z.string().trim().min(1).max(50) });
export const keyParams = z.strictObject({ id: z.string().regex(/^oak_[0-9a-z]{26}$/, 'identity.invalid_id') });

export const applicationStatuses = ['pending', 'approved', 'rejected'] as const;

export const createApplicationBody = z.strictObject({
  /** The dataset's name (its lower-cased code, as CKAN names it) or its id. */
  dataset: z.union([datasetName, z.string().regex(/^res_[0-9a-z]{26}$/, 'identity.invalid_id')]),
  purpose: z.string().trim().min(10).max(1000),
  scenario: z.string().trim().min(2).max(500),
  contact: z.string().trim().min(3).max(100),
});
export type CreateApplicationInput = z.infer<typeof createApplicationBody>;

export const applicationParams = z.strictObject({ id: z.string().regex(/^oap_[0-9a-z]{26}$/, 'identity.invalid_id') });

export const listApplicationsQuery = z.strictObject({
  /** `mine`: what I applied for; `review`: what my organisations' datasets were asked for (data officers). */
  view: z.enum(['mine', 'review']).default('mine'),
  status: z.enum(applicationStatuses).optional(),
  cursor: timeCursorSchema('oap').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListApplicationsQuery = z.infer<typeof listApplicationsQuery>;

export const decisionBody = z.strictObject({
  approved: z.boolean(),
  /** Required for a refusal (申请人需要知道为什么). */
  reason: z.string().trim().max(500).default(''),
});
export type DecisionInput = z.infer<typeof decisionBody>;
