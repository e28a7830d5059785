import { z } from 'zod';
import { requirePermission, type HttpApp } from '../../kernel/index.ts';
import type { AuditLog } from './audit.service.ts';

const listQuery = z.strictObject({
  actionPrefix: z.string().max(100).optional(),
  outcome: z.enum(['ok', 'refused', 'failed']).optional(),
  cursor: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export function auditRoutes(app: HttpApp, audit: AuditLog): void {
  app.get(
    '/api/v1/audit',
    {
      config: { permission: 'audit.read' },
      schema: { tags: ['audit'], summary: '审计日志 Audit log, newest first', querystring: listQuery },
    },
    async (request) => audit.list(request.actor, request.query),
  );
  app.post(
    '/api/v1/audit/verify',
    { config: { permission: 'audit.read' }, schema: { tags: ['audit'], summary: '校验审计链 Verify the SM3 chain and SM2 checkpoints' } },
    async (request) => {
      requirePermission(request.actor, 'audit.read');
      const result = await audit.verify();
      await audit.record({
        actor: request.actor,
        action: 'audit.verify',
        details: { ok: result.ok, checked: result.checked, firstBad: result.firstBad },
      });
      return result;
    },
  );
}
