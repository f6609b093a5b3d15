import { v7 } from 'uuid';

// UUIDv7: time-ordered, so primary-key indexes stay append-mostly on both SQLite and PostgreSQL.
export const newId = (): string => v7();
