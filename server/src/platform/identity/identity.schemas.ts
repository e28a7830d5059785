import { z } from 'zod';
import { grades } from '../../kernel/index.ts';
import { roles } from './roles.ts';
import { validateResidentId, validateUscc } from './id-numbers.ts';
import { orgKindValues } from './org-kinds.ts';

export const regionCodeSchema = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'identity.invalid_region_code');
export const idSchema = z.string().regex(/^[a-z]{2,6}_[0-9a-z]{26}$/, 'identity.invalid_id');
export const cursorQuery = {
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
};

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.lazy(() => passwordSchema),
});

export const passwordSchema = z
  .string()
  .min(8, 'identity.password_too_weak')
  .max(128)
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), 'identity.password_too_weak');

export const residentIdSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => validateResidentId(s).ok, 'identity.invalid_resident_id');

export const usccSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => validateUscc(s).ok, 'identity.invalid_uscc');

export const phoneSchema = z.string().regex(/^1[3-9]\d{9}$/, 'identity.invalid_phone');
export const gradeSchema = z.enum(grades);
export const roleGrantInput = z.strictObject({
  role: z.enum(roles),
  orgId: idSchema.nullish(),
  regionCode: regionCodeSchema.nullish(),
});

export const createAccountBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('staff'),
    username: z.string().regex(/^[a-z][a-z0-9._-]{2,31}$/, 'identity.invalid_username'),
    displayName: z.string().trim().min(1).max(50),
    orgId: idSchema,
    unitId: idSchema.nullish(),
    position: z.string().trim().max(50).nullish(),
    /** 对外联系人: seen by the address books of the regions below */
    publicContact: z.boolean().default(false),
    phone: phoneSchema.nullish(),
    password: passwordSchema,
    roles: z.array(roleGrantInput).max(10).default([]),
    clearance: gradeSchema.default('L1'),
  }),
  z.strictObject({
    kind: z.literal('citizen'),
    idNumber: residentIdSchema,
    displayName: z.string().trim().min(1).max(50),
    phone: phoneSchema.nullish(),
    password: passwordSchema,
  }),
  z.strictObject({
    kind: z.literal('enterprise'),
    uscc: usccSchema,
    displayName: z.string().trim().min(1).max(100),
    password: passwordSchema,
  }),
]);
export type CreateAccountInput = z.infer<typeof createAccountBody>;

export const setRolesBody = z.strictObject({ roles: z.array(roleGrantInput).max(10), clearance: gradeSchema });
export type SetRolesInput = z.infer<typeof setRolesBody>;

export const listAccountsQuery = z.strictObject({
  kind: z.enum(['staff', 'citizen', 'enterprise']).optional(),
  orgId: idSchema.optional(),
  status: z.enum(['active', 'disabled']).optional(),
  q: z.string().trim().max(50).optional(),
  ...cursorQuery,
});

export const createOrgBody = z.strictObject({
  name: z.string().trim().min(2).max(100),
  kind: z.enum(orgKindValues),
  regionCode: regionCodeSchema,
  parentOrgId: idSchema.nullish(),
});
export const updateOrgBody = z
  .strictObject({
    name: z.string().trim().min(2).max(100).optional(),
    kind: z.enum(orgKindValues).optional(),
    parentOrgId: idSchema.nullish(),
  })
  .refine((b) => Object.keys(b).length > 0, 'identity.nothing_to_update');
export const createUnitBody = z.strictObject({ name: z.string().trim().min(1).max(100), parentUnitId: idSchema.nullish() });
export const listOrgsQuery = z.strictObject({
  regionCode: regionCodeSchema.optional(),
  includeSubRegions: z.enum(['true', 'false']).default('true'),
  kind: z.enum(orgKindValues).optional(),
  q: z.string().trim().max(50).optional(),
  ...cursorQuery,
});
export const addressBookQuery = z.strictObject({ q: z.string().trim().max(50).optional(), ...cursorQuery });
export const regionsQuery = z.strictObject({ parentCode: regionCodeSchema.optional() });
export const idParams = z.strictObject({ id: idSchema });

export const myEmailBody = z.strictObject({ email: z.email('identity.invalid_email').max(200).nullable() });
export const peopleQuery = z.strictObject({
  q: z.string().trim().min(1).max(50),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
