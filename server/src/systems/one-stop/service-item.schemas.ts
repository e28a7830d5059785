import { z } from 'zod';
import { formFieldKeys } from './application-form.ts';
import { onlineDepths, serviceLevels, serviceThemes, serviceTypes, type ServiceGuide } from './service-item.types.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const materialSchema = z.strictObject({
  name: text(200),
  form: text(50),
  required: z.boolean(),
  sharedFrom: z
    .strictObject({
      resource: z.string().regex(/^[A-Za-z0-9-]{3,40}$/, 'catalog.invalid_code'),
      field: z
        .string()
        .regex(/^[a-z][a-z0-9_]{0,62}$/, 'catalog.invalid_field_name')
        .optional(),
    })
    .optional(),
  note: z.string().trim().max(500).optional(),
});

/** A guide as an administrator writes it: the org is its id here (the demo pack names slugs). */
export const serviceGuideBody = z
  .strictObject({
    code: z.string().regex(/^[0-9A-Z-]{6,40}$/, 'onestop.invalid_code'),
    name: text(100),
    type: z.enum(serviceTypes),
    orgId: z.string().regex(/^org_[0-9a-z]{26}$/, 'identity.invalid_id'),
    level: z.enum(serviceLevels),
    audience: z.enum(['citizen', 'enterprise', 'both']),
    legalBasis: text(2000),
    conditions: z.array(text(500)).max(30),
    materials: z.array(materialSchema).max(60),
    statutoryDays: z.number().int().min(0).max(365),
    promisedDays: z.number().int().min(0).max(365),
    fees: text(500),
    onlineDepth: z.enum(onlineDepths),
    steps: z.array(text(200)).min(1).max(20),
    keywords: z.array(text(30)).max(40),
    theme: z.enum(serviceThemes),
    form: z.array(z.enum(formFieldKeys)).min(1).max(60).optional(),
    result: z.strictObject({ certificate: text(50), fields: z.array(z.enum(formFieldKeys)).max(20) }).optional(),
    countersignOrgs: z
      .array(z.string().regex(/^org_[0-9a-z]{26}$/, 'identity.invalid_id'))
      .max(10)
      .optional(),
  })
  .refine((g) => g.promisedDays <= g.statutoryDays, { message: 'onestop.promised_over_statutory', path: ['promisedDays'] });
export type ServiceGuideInput = z.infer<typeof serviceGuideBody>;

// The demo pack's guide type and the API's body describe the same thing (the org aside).
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const guideShapesAgree: SameShape<Omit<ServiceGuideInput, 'orgId'>, Omit<ServiceGuide, 'org'>> = true;
void guideShapesAgree;

export const serviceListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  theme: z.enum(serviceThemes).optional(),
  orgId: z
    .string()
    .regex(/^org_[0-9a-z]{26}$/, 'identity.invalid_id')
    .optional(),
  audience: z.enum(['citizen', 'enterprise']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const serviceCodeParams = z.strictObject({ code: z.string().regex(/^[0-9A-Z-]{6,40}$/, 'onestop.invalid_code') });
