/**
 * The worker's errors: one ApiError thrown anywhere, answered by app.ts in the one error shape.
 * The codes and their statuses are the contract's (shared/api/errors.ts), shared with the pane
 * and the command line.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ERROR_STATUS as CODES, type ErrorCode } from '../../shared/api/errors';

export type { ErrorCode };
export const ERROR_STATUS = CODES satisfies Record<ErrorCode, ContentfulStatusCode>;

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.details = details;
  }
  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }
  body(): { error: { code: string; message: string; details?: unknown } } {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

export const notFound = (what = 'resource'): ApiError => new ApiError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'your role may not do this'): ApiError => new ApiError('FORBIDDEN', message);
