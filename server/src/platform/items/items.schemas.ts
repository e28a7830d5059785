import { z } from 'zod';

export const levels = ['core', 'module', 'unit', 'item'] as const;
export type Level = (typeof levels)[number];
export const itemTypes = ['governance', 'service'] as const;
export type ItemType = (typeof itemTypes)[number];

const id = z.string().regex(/^[a-z]{2,6}_[0-9a-z]{26}$/, 'identity.invalid_id');
const name = z.string().trim().min(1).max(100);

export const treeQuery = z.strictObject({ orgId: id });
export const nodeParams = z.strictObject({ id });
export const createNodeBody = z.strictObject({
  orgId: id,
  parentId: id.nullable(),
  level: z.enum(levels),
  name,
  itemType: z.enum(itemTypes).optional(),
  collaboratorOrgIds: z.array(id).max(50).default([]),
});
export type CreateNodeInput = z.infer<typeof createNodeBody>;
export const updateNodeBody = z
  .strictObject({ name: name.optional(), itemType: z.enum(itemTypes).optional(), collaboratorOrgIds: z.array(id).max(50).optional() })
  .refine((b) => Object.keys(b).length > 0, 'identity.nothing_to_update');
export type UpdateNodeInput = z.infer<typeof updateNodeBody>;
export const jobParams = z.strictObject({ jobId: z.string().regex(/^imp_[0-9a-z]{26}$/, 'identity.invalid_id') });
