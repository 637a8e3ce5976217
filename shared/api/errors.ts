/**
 * Every error code of the API, with the HTTP status the worker answers it with. The worker
 * throws them (worker/src/errors.ts), the pane and the command line branch on them: they are an
 * interface — add, never rename. The answer's body is always ErrorBodySchema (contract.ts):
 * { error: { code, message, details? } }.
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
 * | QUARTER_NOT_OPEN        | 422 | a running quarter before its last month's opening day (runningQuarterFromDay; details: opensOn) |
 * | CONFLICT                | 409 | duplicate org code, already locked / not locked, concurrent write |
 * | NOT_A_BRANCH            | 409 | a submission from a token not bound to a 党支部 |
 * | BASELINE_ALREADY_FIXED  | 409 | the year's baseline already holds a member with other figures (details.members); record a change instead |
 * | INTERNAL                | 500 | anything unexpected (details never include internals) |
 */

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
  QUARTER_NOT_OPEN: 422,
  CONFLICT: 409,
  NOT_A_BRANCH: 409,
  BASELINE_ALREADY_FIXED: 409,
  INTERNAL: 500,
} as const;

/** A code the worker answers with. */
export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/**
 * Codes a client gives itself when there is no contract answer to read. Never sent by the worker.
 *
 * | code                | when |
 * |---------------------|------|
 * | NETWORK_ERROR       | no answer at all (offline, DNS, connection refused); status 0 |
 * | SERVER_UNAVAILABLE  | a 5xx that is not the worker's error shape (a gateway or proxy page): worth retrying |
 * | BAD_ANSWER          | any other answer outside the contract (a 2xx that does not parse, an error without the error shape) |
 */
export const CLIENT_ERROR_CODES = ['NETWORK_ERROR', 'SERVER_UNAVAILABLE', 'BAD_ANSWER'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/**
 * What a client may meet: the worker's codes, its own, or a code a newer worker added (codes are
 * only ever added), kept as the string it is.
 */
export type AnyErrorCode = ErrorCode | ClientErrorCode | (string & {});

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}

/**
 * Worth sending again unchanged (with the same Idempotency-Key): nothing was decided. Every
 * other code is the server's answer and repeating the request gets the same one.
 */
export function isTransient(code: AnyErrorCode): boolean {
  return code === 'NETWORK_ERROR' || code === 'SERVER_UNAVAILABLE' || code === 'INTERNAL';
}
