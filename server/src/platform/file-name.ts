// eslint-disable-next-line no-control-regex -- control characters are what is stripped from the name
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * The name an uploaded file is stored and shown under: the last part of whatever path the client sent (either slash),
 * without control characters, trimmed, at most 255 characters; `fallback` when nothing is left.
 */
export function cleanFileName(name: string | undefined, fallback = 'upload'): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  return base.replace(CONTROL, '').trim().slice(0, 255) || fallback;
}
