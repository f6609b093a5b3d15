// A small fetch wrapper for the JSON API of docs/api.md.
import i18n from '../i18n';
import { ApiError, toApiError } from './errors';

export { ApiError, isApiError } from './errors';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | undefined | null>;

export type RequestOptions = { query?: Query; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> };

/** Where the client sends the browser when the session is gone; the router replaces the default. */
type Navigator = (to: string) => void;
let navigate: Navigator = (to) => window.location.assign(to);
let onSessionLost: () => void = () => undefined;

export function setNavigator(next: Navigator): void {
  navigate = next;
}

export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler;
}

export const SIGNED_OUT_KEY = 'yx_signed_out_elsewhere';

export function readCookie(name: string): string | undefined {
  const prefix = `${name}=`;
  for (const part of document.cookie.split(';')) {
    const item = part.trim();
    if (item.startsWith(prefix)) return decodeURIComponent(item.slice(prefix.length));
  }
  return undefined;
}

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function currentPath(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/** Sends the browser to the right screen for errors that mean "this session is over". */
function handleSessionErrors(error: ApiError): void {
  if (error.code === 'AUTH_SIGNED_IN_ELSEWHERE') {
    const info = { at: error.detail('at') ?? '', ip: error.detail('ip') ?? '', device: error.detail('device') ?? '' };
    try {
      window.sessionStorage.setItem(SIGNED_OUT_KEY, JSON.stringify(info));
    } catch {
      // The query string below carries the same information.
    }
    onSessionLost();
    navigate(buildUrl('/signed-out-elsewhere', info));
  } else if (error.code === 'AUTH_REQUIRED' || error.code === 'AUTH_SESSION_EXPIRED') {
    onSessionLost();
    const here = currentPath();
    const next = here.startsWith('/login') ? undefined : here;
    navigate(buildUrl('/login', { reason: error.code === 'AUTH_SESSION_EXPIRED' ? 'expired' : undefined, next }));
  }
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-locale': i18n.language || 'zh-CN',
    ...options.headers,
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie('yx_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: i18n.t('errors.network') });
  }

  if (!response.ok) {
    const error = await toApiError(response);
    handleSessionErrors(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body: unknown = {}, headers?: Record<string, string>) =>
    request<T>('POST', path, { body, headers }),
  put: <T>(path: string, body: unknown = {}) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown = {}) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
