import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../adapters/db.js';
import { isHotStateUnavailable } from '../adapters/hotstate.js';
import { AppError, errorBody, pickLocale } from '../platform/errors.js';

type AjvIssue = { keyword: string; instancePath: string; params: Record<string, unknown> };

/** Turns a schema validation failure into VALIDATION_FAILED / UNKNOWN_FIELD naming the offending field. */
export function validationToAppError(issues: AjvIssue[], context: string | undefined): AppError {
  const issue = issues[0];
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (issue.keyword === 'additionalProperties') {
    const field = [path, String(issue.params.additionalProperty)].filter(Boolean).join('.');
    return new AppError('UNKNOWN_FIELD', { field, details: { in: context } });
  }
  const field =
    issue.keyword === 'required' ? [path, String(issue.params.missingProperty)].filter(Boolean).join('.') : path;
  return new AppError('VALIDATION_FAILED', {
    field: field || undefined,
    details: { in: context, rule: issue.keyword, ...issue.params },
  });
}

/**
 * One error handler for the whole API: AppErrors and validation errors become their stable codes; anything else is
 * logged with the request id and answered as INTERNAL without internals.
 */
export function handleError(err: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  const locale =
    request.locale ?? pickLocale(request.headers['x-locale'] as string | undefined, request.headers['accept-language']);
  let appError: AppError;
  if (err instanceof AppError) appError = err;
  else if (err.validation) appError = validationToAppError(err.validation, err.validationContext);
  else if (err.statusCode === 429)
    appError = new AppError('RATE_LIMITED', {
      details: { retryAfterSeconds: Number(reply.getHeader('retry-after') ?? 60) },
    });
  else if (err.statusCode === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    appError = new AppError('BODY_TOO_LARGE', { details: { reason: err.code } });
  else if (err.statusCode === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    appError = new AppError('UNSUPPORTED_MEDIA_TYPE', { details: { reason: err.code } });
  else if (isHotStateUnavailable(err)) {
    // Redis away (the rate-limit store hands its errors on): fail closed, never count the request as allowed.
    request.log.warn({ err: { message: err.message } }, 'hot state unavailable');
    appError = new AppError('HOT_STATE_UNAVAILABLE', { details: { requestId: request.id } });
  } else if (isDatabaseUnavailable(err)) {
    // The connection or the server went away (restart, failover, terminated backend): the pool reconnects by itself,
    // so this request may simply be retried; nothing it asked for was acknowledged.
    request.log.warn({ err: { message: err.message, code: err.code } }, 'database unavailable');
    appError = new AppError('DB_UNAVAILABLE', { details: { requestId: request.id } });
  } else if (err.statusCode && err.statusCode < 500) {
    // Malformed JSON, wrong content type, body too large: client errors from Fastify itself.
    appError = new AppError('VALIDATION_FAILED', { details: { reason: err.code } });
  } else {
    request.log.error({ err }, 'unhandled error');
    appError = new AppError('INTERNAL', { details: { requestId: request.id } });
  }
  if (appError.status === 503) void reply.header('retry-after', '5');
  else if (appError.status >= 500) request.log.error({ code: appError.code }, 'request failed');
  return reply.status(appError.status).send(errorBody(appError, locale));
}
