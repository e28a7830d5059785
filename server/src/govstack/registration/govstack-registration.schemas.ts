import { z } from 'zod';
import { maxDocuments } from './document-upload.ts';

/**
 * `INSTANCE/CLASS/MEMBER/SUBSYSTEM`, required where the contract requires it (applications,
 * statistics). Its form is checked; the session or token, never the header, says who calls.
 */
export const mediatorClientHeaders = z.object({
  'information-mediator-client': z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,100}(\/[A-Za-z0-9._:-]{1,100}){3}$/, 'govstack.registration.invalid_client_header'),
});

/*
 * Ids are Zhili's (service codes such as 330000-YB-GG-001, `case_…`, `bapp_…`, `task_…`), not
 * the contract's UUIDs: any text is taken and an unknown one is the contract's 404.
 */
const id = z.string().trim().min(1).max(100);
export const serviceParams = z.strictObject({ serviceId: id });
export const eFormParams = z.strictObject({ eFormId: id });
export const fileParams = z.strictObject({ fileId: id });
export const taskParams = z.strictObject({ taskId: id });

/** Unknown query parameters are ignored on reads (conformance suites send more than the contract names). */
export const serviceListQuery = z.object({ name: z.string().trim().max(100).optional() });

const fieldKey = z.string().min(1).max(64);
const formData = z.object({
  data: z
    .record(fieldKey, z.unknown())
    .refine((d) => Object.keys(d).length <= 200, 'govstack.registration.too_many_fields')
    .optional(),
  eFormId: z.string().max(100).optional(),
});

/**
 * applicationFileSubmit, with Zhili's one addition: `consent` — the applicant agrees that
 * their shared data is read for this application (授权同意); without it nothing is submitted.
 * `applicationName` and `created` are taken but not kept: a case is named by its service and
 * dated when Zhili receives it.
 */
export const applicationSubmit = z.object({
  applicationName: z.string().trim().max(200).optional(),
  applicantId: z.string().trim().min(1).max(100),
  created: z.iso.datetime({ offset: true }).optional(),
  formData: formData.optional(),
  documentUrls: z.array(z.string().trim().min(1).max(500)).max(60).optional(),
  consent: z.boolean().optional(),
});
export type ApplicationSubmit = z.infer<typeof applicationSubmit>;

const paging = {
  /** 0-based, as Camunda's (whose parameters the contract copies) */
  firstResult: z.coerce.number().int().min(0).max(100_000).default(0),
  maxResult: z.coerce.number().int().min(1).max(1000).optional(),
  sortOrder: z.enum(['asc', 'desc']).optional(),
};
const sortPair = (q: { sortBy?: string | undefined; sortOrder?: string | undefined }) =>
  (q.sortBy === undefined) === (q.sortOrder === undefined);

export const applicationListQuery = z
  .object({
    serviceId: id.optional(),
    applicantId: id.optional(),
    ...paging,
    sortBy: z.enum(['created', 'id', 'name', 'nameCaseInsensitive', 'description']).optional(),
  })
  .refine(sortPair, { message: 'govstack.registration.sort_pair', path: ['sortBy'] });
export type ApplicationListQuery = z.infer<typeof applicationListQuery>;

export const taskListQuery = z
  .object({
    mainTaskId: id.optional(),
    fileId: id.optional(),
    assigneeId: id.optional(),
    ...paging,
    sortBy: z.enum(['created', 'id', 'name', 'nameCaseInsensitive', 'description', 'dueDate', 'assignee', 'instanceId']).optional(),
  })
  .refine(sortPair, { message: 'govstack.registration.sort_pair', path: ['sortBy'] });
export type TaskListQuery = z.infer<typeof taskListQuery>;

/** additionalData: the step's decision, e.g. 受理 `{"data": {"accepted": true}}`. */
export const completeTaskBody = z.object({
  data: z.record(z.string().regex(/^[A-Za-z_]\w{0,63}$/), z.unknown()).default({}),
});

/** A file part as the multipart parser hands it on. */
const sentFile = z.object({ name: z.string().nullable(), mimeType: z.string().nullable(), content: z.instanceof(Buffer) });
/** `file`: base64 strings (the contract's schema) or file parts, multipart or form-encoded; JSON `{"file": [...]}` too. */
export const documentsBody = z.object({
  file: z.union([z.string().min(1), z.array(z.union([z.string().min(1), sentFile])).max(maxDocuments)]),
});
export const documentsQuery = z.object({ additionalMetadata: z.string().max(1000).optional() });

const day = z.iso.date();
export const statisticsQuery = z.object({
  startDate: day.optional(),
  endDate: day.optional(),
  registrationName: z.string().trim().min(1).max(200).optional(),
  operator: z.string().trim().max(200).optional(),
  role: z.string().trim().max(200).optional(),
  timeframe: z.enum(['day', 'week', 'month', 'year']).optional(),
  /** Zhili's addition: received, pending, withdrawn, average handling time, and the same per service */
  breakdown: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type StatisticsQuery = z.infer<typeof statisticsQuery>;
