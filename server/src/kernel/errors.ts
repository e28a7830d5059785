/**
 * One error family. Domain code throws these with a stable code and details; the HTTP
 * layer maps them to a status and a message in the caller's language.
 */
export type ErrorDetails = Record<string, unknown>;

export class AppError extends Error {
  readonly code: string;
  readonly details: ErrorDetails;
  readonly status: number;

  constructor(status: number, code: string, details: ErrorDetails = {}) {
    super(code);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export class ValidationError extends AppError {
  constructor(code: string, details: ErrorDetails = {}) {
    super(400, code, details);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(code = 'auth.unauthenticated', details: ErrorDetails = {}) {
    super(401, code, details);
  }
}
export class ForbiddenError extends AppError {
  constructor(code = 'access.forbidden', details: ErrorDetails = {}) {
    super(403, code, details);
  }
}
export class NotFoundError extends AppError {
  constructor(code: string, details: ErrorDetails = {}) {
    super(404, code, details);
  }
}
export class ConflictError extends AppError {
  constructor(code: string, details: ErrorDetails = {}) {
    super(409, code, details);
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(details: ErrorDetails = {}) {
    super(413, 'request.too_large', details);
  }
}
export class RateLimitedError extends AppError {
  constructor(code = 'request.rate_limited', details: ErrorDetails = {}) {
    super(429, code, details);
  }
}

/** What a lookup answers, or null where it refuses (403) or knows nothing (404): for asking another module "may this actor see it?". */
export async function unlessRefused<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof AppError && (error.status === 403 || error.status === 404)) return null;
    throw error;
  }
}
