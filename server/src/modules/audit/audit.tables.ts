export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** Region the event concerns, for regulator scoping (prefix match on the region code). */
  region_code: string | null;
  institution_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: string;
  /** SHA-256 over the previous entry's hash and this entry's content: an edit or deletion breaks the chain. */
  prev_hash: string;
  hash: string;
  seq: number;
}
