import { z } from 'zod';
import type { HttpApp } from '../../kernel/index.ts';
import type { CaseService } from './case.service.ts';
import { complaintBody, ratingBody, type FeedbackService } from './feedback.service.ts';

const tags = ['one-stop'];
const caseParams = z.strictObject({ id: z.string().regex(/^case_[0-9a-z]{26}$/, 'onestop.case_not_found') });

export function feedbackRoutes(app: HttpApp, feedback: FeedbackService, cases: CaseService): void {
  app.post(
    '/api/v1/cases/:id/rating',
    {
      config: { permission: 'portal.use' },
      schema: {
        tags,
        summary: '好差评: rate a finished case (1–5, with reasons); 1–2 opens a 差评整改 task',
        params: caseParams,
        body: ratingBody,
      },
    },
    async (request, reply) => reply.status(201).send(await feedback.rate(request.actor, request.params.id, request.body)),
  );
  app.get(
    '/api/v1/cases/:id/rating',
    { config: { permission: 'authenticated' }, schema: { tags, summary: 'The rating of a case and its 整改', params: caseParams } },
    async (request) => {
      await cases.get(request.actor, request.params.id); // who may read the case may read its rating
      return { rating: await feedback.ratingOf(request.params.id) };
    },
  );
  app.post(
    '/api/v1/complaints',
    {
      config: { permission: 'portal.use', idempotent: true },
      schema: { tags, summary: '投诉 or 建议, routed to the responsible organisation', body: complaintBody },
    },
    async (request, reply) => reply.status(201).send(await feedback.complain(request.actor, request.body)),
  );
  app.get(
    '/api/v1/complaints/mine',
    { config: { permission: 'portal.use' }, schema: { tags, summary: 'My complaints and suggestions, with answers' } },
    async (request) => feedback.mine(request.actor),
  );
}
