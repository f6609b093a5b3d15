import { createHash } from 'node:crypto';
import type { QuestionOption, QuestionType } from './question.js';

// Papers drawn by rules: each rule asks for N questions of one type, optionally of one knowledge module and one
// difficulty. Rules may overlap (5 single-choice questions, 2 of them… is two rules that compete for the same
// questions), so a draw is an assignment of distinct questions to the rules' slots — a bipartite matching. A draw
// that cannot be completed names the first rule, in the author's order, that cannot be filled once the rules before
// it are; the same check runs when the paper is saved and when an attempt draws.

export type DrawRule = {
  type: QuestionType;
  count: number;
  /** null or absent: any module. */
  moduleCode?: string | null;
  /** absent: any difficulty. */
  difficulty?: number | null;
};

/** What the draw needs of a question: its current version and what the rules filter on. */
export type PoolQuestion = {
  questionId: string;
  versionId: string;
  type: QuestionType;
  moduleCode: string | null;
  difficulty: number;
};

export type DrawResult<Q extends PoolQuestion> =
  { ok: true; items: { rule: number; question: Q }[] } | { ok: false; rule: number; available: number };

export function ruleMatches(rule: DrawRule, q: PoolQuestion): boolean {
  return (
    q.type === rule.type &&
    (rule.moduleCode == null || q.moduleCode === rule.moduleCode) &&
    (rule.difficulty == null || q.difficulty === rule.difficulty)
  );
}

/**
 * A deterministic draw for `seed` (an attempt's id): the same seed and pool give the same questions in the same
 * order; different seeds give independent shuffles. Items come rule by rule, each rule's questions in drawn order.
 */
export function drawPaper<Q extends PoolQuestion>(
  rules: readonly DrawRule[],
  pool: readonly Q[],
  seed: string,
): DrawResult<Q> {
  // The pool in a seeded order (sorted first, so the caller's order does not matter), then greedy augmenting paths:
  // each slot takes the first free candidate in that order, displacing an earlier slot's question only when that
  // slot can move to another (Kuhn's algorithm, so a draw fails only when no complete draw exists). Which of the
  // complete draws is found depends on the seed.
  const ordered = seededShuffle(
    [...pool].sort((a, b) => (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0)),
    `${seed}:pool`,
  );
  const slots: { rule: number; candidates: number[] }[] = [];
  const owner = new Map<number, number>(); // question index -> slot index
  for (let r = 0; r < rules.length; r++) {
    const candidates = ordered.flatMap((q, i) => (ruleMatches(rules[r], q) ? [i] : []));
    for (let n = 0; n < rules[r].count; n++) {
      const slot = slots.length;
      // Each slot of a rule starts at a different place in the candidates, so a rule's questions spread over the pool.
      slots.push({ rule: r, candidates: rotate(candidates, n) });
      if (!augment(slot, slots, owner, new Set())) return { ok: false, rule: r, available: candidates.length };
    }
  }
  const bySlot = new Map<number, number>([...owner].map(([q, s]) => [s, q]));
  return { ok: true, items: slots.map((s, i) => ({ rule: s.rule, question: ordered[bySlot.get(i)!] })) };
}

function rotate<T>(xs: T[], by: number): T[] {
  if (xs.length === 0) return xs;
  const k = by % xs.length;
  return [...xs.slice(k), ...xs.slice(0, k)];
}

/** Kuhn's augmenting path from `slot`: true when it got a question (possibly by moving others along). */
function augment(
  slot: number,
  slots: { candidates: number[] }[],
  owner: Map<number, number>,
  seen: Set<number>,
): boolean {
  for (const q of slots[slot].candidates) {
    if (seen.has(q)) continue;
    seen.add(q);
    const holder = owner.get(q);
    if (holder === undefined || augment(holder, slots, owner, seen)) {
      owner.set(q, slot);
      return true;
    }
  }
  return false;
}

/** The options in a seeded order; `optionOrder` lists the original keys as shown, so answers stay in original keys. */
export function shuffleOptions(
  question: { versionId: string; options: readonly QuestionOption[] },
  seed: string,
): { options: QuestionOption[]; optionOrder: string[] } {
  const options = seededShuffle([...question.options], `${seed}:${question.versionId}`);
  return { options, optionOrder: options.map((o) => o.key) };
}

/** The original key of the option shown at `position` (0-based) by `optionOrder`; null when there is none. */
export function originalKey(optionOrder: readonly string[], position: number): string | null {
  return optionOrder[position] ?? null;
}

/** Fisher–Yates with a generator seeded by SHA-256 of the seed text (sfc32: small, fast, well distributed). */
export function seededShuffle<T>(items: T[], seed: string): T[] {
  const next = sfc32(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function sfc32(seed: string): () => number {
  const h = createHash('sha256').update(seed).digest();
  let a = h.readUInt32LE(0);
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
