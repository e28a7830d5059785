import { createHash } from 'node:crypto';
import { serviceApplicationSchema, type StoredService } from '../../systems/one-stop/index.ts';

/** A service as the one-stop system stores it (its guide with the form's questions and materials). */
export type { StoredService };

/** The application form of a service or a 一件事 bundle, exactly as one-stop builds it for applicants (public: no prefill). */
export function applicationFormSchema(parts: StoredService[]): Record<string, unknown> {
  return serviceApplicationSchema(parts);
}

/** Zhili keeps only the current text of a guide: an e-form's version is a fingerprint of its schema, so a client sees it change. */
export function formVersion(schema: Record<string, unknown>): string {
  return createHash('sm3').update(JSON.stringify(schema)).digest('hex').slice(0, 12);
}
