// Puts a server error naming a nested field (e.g. "document.faceCheck.retries", "modules.0.zh") onto that form field.
import type { FormInstance } from 'antd';
import { isApiError } from '../../api/client';

/** Returns true when the error was shown on a field; otherwise the caller shows it above the form. */
export function showPathError(
  form: FormInstance,
  error: unknown,
  language: string,
  options: { fields: readonly string[]; prefix?: string; message?: (path: (string | number)[]) => string | undefined },
): boolean {
  if (!isApiError(error) || !error.field) return false;
  let field = error.field;
  if (options.prefix) {
    if (!field.startsWith(`${options.prefix}.`)) return false;
    field = field.slice(options.prefix.length + 1);
  }
  const path = field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  if (!options.fields.includes(String(path[0]))) return false;
  form.setFields([{ name: path, errors: [options.message?.(path) ?? error.localized(language)] }]);
  form.scrollToField(path);
  return true;
}
