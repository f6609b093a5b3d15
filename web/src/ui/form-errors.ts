// Puts a server error onto the form field it names (error.field), when the form has that field.
import type { FormInstance } from 'antd';
import { isApiError } from '../api/client';

/** Error codes that belong to one field even when the server does not name it. */
const CODE_FIELDS: Record<string, string> = {
  IDENTITY_ID_NUMBER_INVALID: 'idNumber',
  IDENTITY_ID_NUMBER_TAKEN: 'idNumber',
  IDENTITY_PHONE_INVALID: 'phone',
  IDENTITY_PHONE_TAKEN: 'phone',
  IDENTITY_NAME_INVALID: 'name',
  INVITATION_ID_MISMATCH: 'idNumber',
  AUTH_PASSWORD_WEAK: 'password',
  AUTH_PASSWORD_WRONG: 'currentPassword',
  AUTH_CODE_INVALID: 'code',
};

/**
 * Returns true when the error was shown on a field; otherwise the caller shows it above the form.
 * `aliases` maps server field names to form field names where they differ.
 */
export function showFieldError(
  form: FormInstance,
  error: unknown,
  language: string,
  fields: readonly string[],
  aliases: Record<string, string> = {},
): boolean {
  if (!isApiError(error)) return false;
  const serverField = error.field ?? CODE_FIELDS[error.code];
  if (!serverField) return false;
  const name = aliases[serverField] ?? serverField;
  if (!fields.includes(name)) return false;
  form.setFields([{ name, errors: [error.localized(language)] }]);
  form.scrollToField(name);
  return true;
}
