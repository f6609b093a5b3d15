import { v7 } from 'uuid';

// UUIDv7: time-ordered, so primary-key indexes stay append-mostly on both SQLite and PostgreSQL.
export const newId = (): string => v7();

/**
 * The smallest UUIDv7 text of the given millisecond: every id made earlier sorts below it, every id made at or after it
 * sorts above (the first 48 bits of a UUIDv7 are its Unix time in ms, written as the first 12 hex digits).
 */
export function idFloor(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}
