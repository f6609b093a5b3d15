// Uploads a file as the raw body of POST /api/media with XMLHttpRequest, because fetch cannot report how much of a
// request body has been sent, and authors of hour-long lectures need to see that.
import { ApiError, api, readCookie } from '../../api/client';
import type { ApiErrorBody } from '../../api/errors';
import i18n from '../../i18n';
import type { Media } from './types';

/** The API's error body, or a generic error when the answer is not one (a proxy's page, say). */
function errorFromText(status: number, statusText: string, text: string): ApiError {
  try {
    const body = (JSON.parse(text) as { error?: Partial<ApiErrorBody> }).error;
    if (body && typeof body.code === 'string')
      return new ApiError(status, { ...body, code: body.code, message: body.message ?? body.code });
  } catch {
    // not JSON
  }
  return new ApiError(status, { code: `HTTP_${status}`, message: statusText || 'Request failed' });
}

export type UploadProgress = { loaded: number; total: number };

export function uploadMedia(
  file: File,
  language: string,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<Media> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/media?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-locale', language);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    const csrf = readCookie('yx_csrf');
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);

    xhr.upload.onprogress = (event) =>
      onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress({ loaded: file.size, total: file.size });
        resolve((JSON.parse(xhr.responseText) as { media: Media }).media);
        return;
      }
      const error = errorFromText(xhr.status, xhr.statusText, xhr.responseText);
      // An ended session: asking for the session through the API client lets it send the browser to the right page.
      if (error.status === 401) void api.get('/api/auth/me').catch(() => undefined);
      reject(error);
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'NETWORK_ERROR', message: i18n.t('errors.network') }));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    if (signal) {
      if (signal.aborted) {
        reject(new DOMException('The upload was cancelled', 'AbortError'));
        return;
      }
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(file);
  });
}
