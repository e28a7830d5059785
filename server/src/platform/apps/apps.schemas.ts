import { z } from 'zod';

const httpUrl = z.url().refine((u) => /^https?:\/\//.test(u), 'apps.url_scheme');
export const systems = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'P'] as const;
export const levels = ['province', 'city', 'county'] as const;
export const launchers = ['workbench', 'portal'] as const;

export const registerAppBody = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9-]{2,40}$/, 'apps.invalid_code'),
  name: z.string().trim().min(2).max(60),
  description: z.string().trim().max(500).default(''),
  ownerOrgId: z.string().regex(/^org_[0-9a-z]{26}$/, 'identity.invalid_id'),
  system: z.enum(systems),
  level: z.enum(levels),
  entryUrl: httpUrl,
  healthUrl: httpUrl.optional(),
  redirectUris: z.array(httpUrl).min(1).max(10),
  launchOn: z.array(z.enum(launchers)).max(2).default(['workbench']),
  scopes: z
    .array(z.enum(['openid', 'profile', 'offline_access']))
    .min(1)
    .default(['openid', 'profile']),
  components: z
    .array(z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'apps.component_unknown'))
    .max(30)
    .default([]),
  resources: z.array(z.string().max(60)).max(50).default([]),
  expectedUsers: z.number().int().min(1).max(10_000_000).default(100),
});
export type RegisterAppInput = z.infer<typeof registerAppBody>;

export const updateAppBody = z
  .strictObject({
    name: z.string().trim().min(2).max(60),
    description: z.string().trim().max(500),
    entryUrl: httpUrl,
    healthUrl: httpUrl.nullable(),
    redirectUris: z.array(httpUrl).min(1).max(10),
    launchOn: z.array(z.enum(launchers)).max(2),
    components: z.array(z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'apps.component_unknown')).max(30),
    resources: z.array(z.string().max(60)).max(50),
    expectedUsers: z.number().int().min(1).max(10_000_000),
    status: z.enum(['active', 'retired']),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'apps.nothing_to_change');

export const ratingBody = z.strictObject({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(300).optional() });
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'apps.invalid_month');
export const taskReportBody = z
  .strictObject({ month, started: z.number().int().min(0).max(1e9), completed: z.number().int().min(0).max(1e9) })
  .refine((b) => b.completed <= b.started, { message: 'apps.completed_over_started', path: ['completed'] });

export const registerComponentBody = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'apps.invalid_code'),
  name: z.string().trim().min(2).max(60),
  description: z.string().trim().max(500).default(''),
  ownerOrgId: z.string().regex(/^org_[0-9a-z]{26}$/, 'identity.invalid_id'),
  version: z.string().regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, 'apps.invalid_version'),
  docs: z.string().max(20_000).default(''),
  docsUrl: httpUrl.optional(),
  obligation: z.enum(['mandatory', 'recommended']),
});
export const updateComponentBody = registerComponentBody
  .omit({ code: true, ownerOrgId: true })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'apps.nothing_to_change');
