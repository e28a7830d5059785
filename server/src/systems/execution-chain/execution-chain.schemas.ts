import { z } from 'zod';

/** What a 批示 may be attached to. case and task are checked against what the issuer may see; the others are free objects. */
export const subjectTypes = ['case', 'task', 'warning', 'report', 'document'] as const;
export type SubjectType = (typeof subjectTypes)[number];
export const priorities = ['normal', 'important', 'urgent'] as const;

export const instructionId = z.string().regex(/^ins_[0-9a-z]{26}$/, 'chain.not_found');
const recipientId = z.string().regex(/^inr_[0-9a-z]{26}$/, 'chain.not_a_recipient');
const attachmentIds = z
  .array(z.string().regex(/^att_[0-9a-z]{26}$/, 'chain.attachment_unknown'))
  .max(10)
  .default([]);
const deadline = z.iso.datetime({ offset: true });

export const issueBody = z
  .strictObject({
    subjectType: z.enum(subjectTypes),
    subjectId: z
      .string()
      .trim()
      .regex(/^[\w.:-]{1,100}$/, 'chain.invalid_subject'),
    /** the title of a warning, report or document (free objects); a case's or task's is read from it */
    subjectTitle: z.string().trim().min(1).max(200).optional(),
    text: z.string().trim().min(2).max(2000),
    deadline,
    priority: z.enum(priorities).default('normal'),
    recipients: z.strictObject({
      orgIds: z
        .array(z.string().regex(/^org_[0-9a-z]{26}$/, 'identity.invalid_id'))
        .max(50)
        .default([]),
      accountIds: z
        .array(z.string().regex(/^acc_[0-9a-z]{26}$/, 'identity.invalid_id'))
        .max(50)
        .default([]),
    }),
  })
  .refine((b) => b.subjectType !== 'case' || /^case_[0-9a-z]{26}$/.test(b.subjectId), {
    message: 'chain.invalid_subject',
    path: ['subjectId'],
  })
  .refine((b) => b.subjectType !== 'task' || /^task_[0-9a-z]{26}$/.test(b.subjectId), {
    message: 'chain.invalid_subject',
    path: ['subjectId'],
  });
export type IssueInput = z.infer<typeof issueBody>;

export const listQuery = z.strictObject({
  view: z.enum(['mine', 'issued', 'supervised']).default('mine'),
  status: z.enum(['open', 'completed', 'cancelled']).optional(),
});

/** Acting for one recipient row: needed only when the caller is addressed both in person and through their organisation. */
export const acknowledgeBody = z.strictObject({ recipientId: recipientId.optional() });
export const progressBody = z.strictObject({
  recipientId: recipientId.optional(),
  text: z.string().trim().min(2).max(2000),
  percent: z.number().int().min(0).max(100),
  attachmentIds,
});
export const resultBody = z.strictObject({
  recipientId: recipientId.optional(),
  text: z.string().trim().min(2).max(2000),
  attachmentIds,
});
export const superviseBody = z.strictObject({ note: z.string().trim().min(2).max(1000), deadline: deadline.optional() });
export const reopenBody = z.strictObject({ note: z.string().trim().min(2).max(1000), deadline });
export const cancelBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });
