import { z } from 'zod';
import { timeCursorSchema } from '../../kernel/index.ts';

/** The longest text message, in characters. */
export const maxTextLength = 4000;
/** The most people a group is created with, or added at once. */
export const maxGroupAdd = 500;

const id = (prefix: string, code = 'identity.invalid_id') => z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), code);
const accountId = id('acc');
const title = z.string().trim().min(1).max(100);

export const conversationParams = z.strictObject({ id: id('cnv', 'messaging.conversation_not_found') });
export const messageParams = z.strictObject({ id: id('msg', 'messaging.message_not_found') });

export const subjectTypes = ['case', 'task', 'instruction'] as const;
/** What a group is about: a case 办件, a workflow task 待办, an instruction 批示 (by its id). */
export const subjectSchema = z.strictObject({
  type: z.enum(subjectTypes),
  id: z.string().regex(/^[a-z]{2,8}_[0-9a-z]{26}$/, 'messaging.subject_invalid'),
});

/** 单聊 */
export const directBody = z.strictObject({ accountId });

/** 群聊: a title (or the subject's), the other members, optionally the subject it is about. */
export const groupBody = z.strictObject({
  title: title.optional(),
  memberIds: z.array(accountId).min(1).max(maxGroupAdd),
  subject: subjectSchema.optional(),
});

export const membersBody = z.strictObject({ accountIds: z.array(accountId).min(1).max(maxGroupAdd) });

export const textBody = z.strictObject({
  text: z.string().trim().min(1).max(maxTextLength),
  /** 紧急消息 (DING): every other member must acknowledge it; re-sent until they do */
  urgent: z.boolean().default(false),
});

export const readBody = z.strictObject({ seq: z.number().int().min(0).max(2_147_483_647) });

const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const conversationsQuery = z.strictObject({ cursor: timeCursorSchema('cnv').optional(), limit: limit(100, 30) });

export const messagesQuery = z.strictObject({
  /** messages older than this seq (the previous page's nextCursor) */
  before: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  limit: limit(200, 50),
});

export const searchQuery = z.strictObject({
  q: z.string().trim().min(2).max(100),
  cursor: timeCursorSchema('msg').optional(),
  limit: limit(100, 20),
});

export const pendingUrgentQuery = z.strictObject({ limit: limit(100, 50) });

export const fileQuery = z.strictObject({ urgent: z.enum(['true', 'false']).default('false') });

export type GroupInput = z.infer<typeof groupBody>;
export type TextInput = z.infer<typeof textBody>;
