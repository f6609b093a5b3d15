/** A question bank of one occupation and level: an institution's own (private) or, with institution_id null, shared. */
export interface QuestionBanksTable {
  id: string;
  institution_id: string | null;
  /** The owning institution's region (for regulators' scope); null for a shared bank. */
  region_code: string | null;
  occupation_code: string;
  level: number;
  name: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface QuestionsTable {
  id: string;
  bank_id: string;
  /** The version new attempts draw; older versions stay for the attempts that used them. */
  current_version: number;
  /** 1: no longer drawn or placed on new papers. */
  retired: number;
  created_at: string;
  updated_at: string;
}

/** Immutable: editing a question inserts the next version; attempts keep the version id they were given. */
export interface QuestionVersionsTable {
  id: string;
  question_id: string;
  version: number;
  type: string;
  stem: string;
  /** JSON: [{ key, text }] */
  options: string;
  /** JSON: string[] (see QuestionContent) */
  answer: string;
  explanation: string;
  difficulty: number;
  module_code: string | null;
  created_by: string;
  created_at: string;
}

export interface PapersTable {
  id: string;
  institution_id: string | null;
  region_code: string | null;
  name: string;
  kind: string;
  occupation_code: string;
  level: number;
  /** JSON: string[] — the banks it draws from or places questions of. */
  bank_ids: string;
  mode: string;
  /** JSON: string[] — question ids of a fixed paper (each attempt takes their current versions). */
  question_ids: string;
  /** JSON: DrawRule[] of a drawn paper. */
  rules: string;
  /** JSON: points per question of each type. */
  type_scores: string;
  total_score: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}
