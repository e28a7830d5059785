import { z } from 'zod';
import { timeCursorSchema } from '../../kernel/index.ts';

export const domains = ['basic', 'shared', 'open'] as const;
export const shareTypes = ['unconditional', 'conditional', 'none'] as const;
export const openTypes = ['open', 'conditional', 'none'] as const;
export const updateFrequencies = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'irregular'] as const;
export const fieldTypes = ['string', 'integer', 'number', 'boolean', 'date', 'datetime', 'id_number', 'credit_code', 'phone'] as const;
export const gradeValues = ['L1', 'L2', 'L3', 'L4'] as const;

export const fieldSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'catalog.invalid_field_name'),
  label: z.string().trim().min(1).max(50),
  type: z.enum(fieldTypes),
  description: z.string().trim().max(500).default(''),
  grade: z.enum(gradeValues),
  key: z.boolean().default(false),
  required: z.boolean().default(false),
  /** 枚举: the only values a text field may take (a quality rule of collection) */
  enum: z.array(z.string().trim().min(1).max(100)).min(1).max(200).optional(),
  /** 唯一: no two records share a value (key fields only: they are the indexed ones) */
  unique: z.boolean().optional(),
});
export type Field = z.infer<typeof fieldSchema>;

const fields = z.array(fieldSchema).min(1).max(300);
const metadata = {
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).default(''),
  domain: z.enum(domains),
  shareType: z.enum(shareTypes),
  openType: z.enum(openTypes),
  updateFrequency: z.enum(updateFrequencies),
  sourceSystem: z.string().trim().max(100).default(''),
  /** 数据回流: the text field holding the region code a record came from */
  regionField: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,62}$/, 'catalog.invalid_field_name')
    .nullable()
    .default(null),
};

export const createResourceBody = z.strictObject({
  orgId: z.string().regex(/^org_[0-9a-z]{26}$/, 'identity.invalid_id'),
  code: z.string().regex(/^[A-Za-z0-9-]{3,40}$/, 'catalog.invalid_code'),
  ...metadata,
  fields,
});
export type CreateResourceInput = z.infer<typeof createResourceBody>;

export const updateResourceBody = z
  .strictObject({
    name: metadata.name.optional(),
    description: z.string().trim().max(2000).optional(),
    domain: metadata.domain.optional(),
    shareType: metadata.shareType.optional(),
    openType: metadata.openType.optional(),
    updateFrequency: metadata.updateFrequency.optional(),
    sourceSystem: z.string().trim().max(100).optional(),
    regionField: metadata.regionField.unwrap().unwrap().nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'catalog.nothing_to_update');
export type UpdateResourceInput = z.infer<typeof updateResourceBody>;

export const replaceFieldsBody = z.strictObject({ fields, note: z.string().trim().min(1).max(500) });

export const resourceParams = z.strictObject({ id: z.string().regex(/^res_[0-9a-z]{26}$/, 'identity.invalid_id') });
export const versionParams = z.strictObject({
  id: z.string().regex(/^res_[0-9a-z]{26}$/, 'identity.invalid_id'),
  version: z.coerce.number().int().min(1),
});
export const listQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  orgId: z
    .string()
    .regex(/^org_[0-9a-z]{26}$/, 'identity.invalid_id')
    .optional(),
  domain: z.enum(domains).optional(),
  shareType: z.enum(shareTypes).optional(),
  openType: z.enum(openTypes).optional(),
  /** `@<offset>` for a search, `<ISO time>|<id>` for a listing — both as the previous page gave them */
  cursor: z.union([z.string().regex(/^@\d{1,7}$/, 'validation.invalid_cursor'), timeCursorSchema('res')]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const recordsBody = z.strictObject({
  records: z
    .array(z.record(z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'catalog.invalid_field_name'), z.unknown()))
    .min(1)
    .max(1000),
});
export const recordQuery = z.strictObject({
  field: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'catalog.invalid_field_name'),
  value: z.string().min(1).max(200),
});
