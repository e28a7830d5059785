import { z } from 'zod';

/** A page of a list holds at most this many records. */
export const maxPageSize = 200;

const fieldName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'catalog.invalid_field_name');
const scalar = z.union([z.string().max(2000), z.number(), z.boolean()]);

/** `INSTANCE/CLASS/MEMBER/SUBSYSTEM`, as the contract describes the header. */
export const mediatorClientHeaders = z.object({
  'information-mediator-client': z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,100}(\/[A-Za-z0-9._:-]{1,100}){3}$/, 'govstack.registry.invalid_client_header'),
});

export const registryParams = z.strictObject({
  /** The catalog resource's code, e.g. 330000-GA-0001. */
  registryName: z.string().regex(/^[A-Za-z0-9-]{3,40}$/, 'catalog.invalid_code'),
  /** Its schema version; any but the current one is answered with the contract's 404. */
  versionNumber: z.string().regex(/^[A-Za-z0-9._-]{1,20}$/, 'govstack.registry.invalid_version'),
});
export const recordParams = registryParams.extend({ ID: z.string().min(1).max(200) });
export const valueParams = registryParams.extend({
  uuid: z.string().min(1).max(200),
  field: z.string().min(1).max(63),
  ext: z.string().min(1).max(10),
});

const listParameters = new Set(['search', 'filter', 'ordering', 'page', 'pageSize']);
/** `query.<fieldName>=<value>` beside the named parameters: an exact value of that field. */
export const listQuery = z
  .looseObject({
    search: z.string().trim().max(200).optional(),
    filter: z.union([fieldName, z.literal('')]).optional(),
    ordering: z.enum(['ascending', 'descending']).optional(),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(maxPageSize).default(10),
  })
  .superRefine((query, ctx) => {
    for (const [key, value] of Object.entries(query)) {
      if (listParameters.has(key)) continue;
      if (!/^query\.[a-z][a-z0-9_]{0,62}$/.test(key))
        ctx.addIssue({ code: 'custom', message: 'govstack.registry.unknown_parameter', path: [key] });
      else if (typeof value !== 'string' || value.length === 0 || value.length > 200)
        ctx.addIssue({ code: 'custom', message: 'govstack.registry.invalid_value', path: [key] });
    }
  });

/** A record's fields by name; a query's values are matched exactly. */
const queryContent = z.record(fieldName, scalar).refine((c) => Object.keys(c).length <= 50, 'govstack.registry.too_many_fields');
const writeContent = z
  .record(fieldName, scalar.nullable())
  .refine((c) => Object.keys(c).length <= 300, 'govstack.registry.too_many_fields');
export type QueryContent = z.infer<typeof queryContent>;
export type WriteContent = z.infer<typeof writeContent>;

const query = z.object({ content: queryContent });
const write = z.object({ content: writeContent });
export const queryBody = z.object({ query });
export const createBody = z.object({ write });
export const updateBody = z.object({ query: query.optional(), write });
/** The contract leaves `query` optional here too; Zhili asks for it rather than rewrite a whole registry. */
export const updateEntriesBody = z.object({ query, write });

export const personalDataUsageQuery = z.strictObject({
  userId: z.string().trim().min(1).max(100),
  databaseId: z.string().trim().min(1).max(100),
});
