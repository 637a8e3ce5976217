/** One factory for every sub-router, so each validates with the same hook and error shape. */
import type { z } from '@hono/zod-openapi';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env';
import { ApiError } from './errors';
import { ErrorBodySchema } from '../../shared/api/contract';

export function router(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new ApiError('VALIDATION_FAILED', 'the request does not match the schema', result.error.issues.slice(0, 50).map((i) => ({
          path: i.path.join('.'),
          message: i.message,
          code: i.code,
        })));
      }
    },
  });
}

export const bearer = [{ bearer: [] as string[] }];

export function jsonBody<T extends z.ZodType>(schema: T, description = 'JSON body') {
  return { required: true, description, content: { 'application/json': { schema } } } as const;
}

export function jsonOk<T extends z.ZodType>(schema: T, description = 'OK') {
  return { description, content: { 'application/json': { schema } } } as const;
}

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });

/** The error answers most authenticated routes can give (documentation only). */
export const commonErrors = {
  400: err('MALFORMED_JSON or VALIDATION_FAILED'),
  401: err('UNAUTHENTICATED'),
  403: err('FORBIDDEN'),
  404: err('NOT_FOUND (also for resources outside your subtree)'),
} as const;
export { err as errorResponse };
