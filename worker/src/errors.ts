/**
 * The one error shape every route answers with: { error: { code, message, details? } }.
 * Codes are an interface (the pane and the command line branch on them): add, never rename.
 *
 * | code                    | status | when |
 * |-------------------------|--------|------|
 * | UNAUTHENTICATED         | 401 | no bearer token, unknown (forged) token, or revoked token |
 * | FORBIDDEN               | 403 | the token's role may not use this route, or may not lift a lock set above it |
 * | REVIEW_BY_HIGHER_ORG    | 403 | the revision's standing review was made by an org above yours; only it or one above may change it |
 * | NOT_FOUND               | 404 | no such resource, or it lies outside the token's subtree (never leaked) |
 * | MALFORMED_JSON          | 400 | the body is not JSON |
 * | VALIDATION_FAILED       | 400 | the input does not match the schema (details: zod issues) |
 * | PAYLOAD_TOO_LARGE       | 413 | body over 5 MB (Content-Length or actual size) |
 * | UNSUPPORTED_MEDIA_TYPE  | 415 | a body that is not application/json |
 * | SUBMISSION_REJECTED     | 422 | the server re-check refused the submission (details: errors) |
 * | IDEMPOTENCY_KEY_REUSED  | 422 | the Idempotency-Key was used before with a different body |
 * | INVALID_REQUEST         | 422 | well-formed but not meaningful (e.g. clerk token for a 总支, bad parent) |
 * | PRECONDITION_REQUIRED   | 428 | a re-submission without If-Match |
 * | STALE_REVISION          | 412 | If-Match (or the reviewed revision) is not the latest revision |
 * | QUARTER_LOCKED          | 423 | the quarter is locked for this branch |
 * | CONFLICT                | 409 | duplicate org code, already locked / not locked, concurrent write |
 * | NOT_A_BRANCH            | 409 | a submission from a token not bound to a 党支部 |
 * | INTERNAL                | 500 | anything unexpected (details never include internals) |
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const ERROR_STATUS = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  REVIEW_BY_HIGHER_ORG: 403,
  NOT_FOUND: 404,
  MALFORMED_JSON: 400,
  VALIDATION_FAILED: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  SUBMISSION_REJECTED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  INVALID_REQUEST: 422,
  PRECONDITION_REQUIRED: 428,
  STALE_REVISION: 412,
  QUARTER_LOCKED: 423,
  CONFLICT: 409,
  NOT_A_BRANCH: 409,
  INTERNAL: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

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
