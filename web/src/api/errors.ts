// The error shape of docs/api.md: { error: { code, message, messages, field, details } }.
import type { ErrorCode } from '@contracts';

/**
 * A code of the server's error catalogue (server/src/platform/errors.ts); NETWORK_ERROR when no answer arrived,
 * HTTP_<status> for an answer without a coded body.
 */
export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR' | `HTTP_${number}`;

export type ApiErrorBody = {
  code: ApiErrorCode;
  message: string;
  messages?: Record<string, string>;
  field?: string;
  details?: Record<string, unknown>;
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly messages: Record<string, string>;
  readonly field: string | undefined;
  readonly details: Record<string, unknown>;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.messages = body.messages ?? {};
    this.field = body.field;
    this.details = body.details ?? {};
  }

  /** The server message in the given language when the server sent it, else the default message. */
  localized(language: string): string {
    return this.messages[language] ?? this.message;
  }

  detail(name: string): string | undefined {
    const value = this.details[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
  }
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** Reads an error body; anything that does not follow the contract becomes a generic error. */
export async function toApiError(response: Response): Promise<ApiError> {
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    parsed = undefined;
  }
  const body = (parsed as { error?: Partial<ApiErrorBody> } | undefined)?.error;
  // The server only sends codes of its catalogue; the type is the catalogue's.
  if (body && typeof body.code === 'string') {
    return new ApiError(response.status, { ...body, code: body.code, message: body.message ?? body.code });
  }
  return new ApiError(response.status, {
    code: `HTTP_${response.status}`,
    message: response.statusText || 'Request failed',
  });
}
