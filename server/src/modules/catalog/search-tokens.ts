// Chinese has no spaces between words, so neither SQLite's unicode61 tokenizer nor PostgreSQL's 'simple' parser can
// find "电工" inside "维修电工基础". We tokenise in the application instead, identically for both databases:
// every run of CJK characters becomes its overlapping bigrams (plus the single character for a one-character run),
// and Latin/digit runs become lower-cased words. A query is tokenised the same way and all its tokens must match, so
// "养老" finds "养老护理员" and "电工" finds "电工（初级）" on SQLite FTS5 and PostgreSQL tsvector alike.

const CJK = /[\p{Script=Han}]/u;

function runs(text: string): { cjk: boolean; value: string }[] {
  const out: { cjk: boolean; value: string }[] = [];
  for (const match of text.normalize('NFKC').matchAll(/\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu)) {
    out.push({ cjk: CJK.test(match[0]), value: match[0].toLowerCase() });
  }
  return out;
}

export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const run of runs(text)) {
    if (!run.cjk) {
      tokens.push(run.value);
      continue;
    }
    const chars = [...run.value];
    if (chars.length === 1) tokens.push(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i] + chars[i + 1]);
  }
  return tokens;
}

/** The column value indexed for a document: its tokens, plus every single CJK character so one-character queries work. */
export function indexTokens(...fields: (string | null | undefined)[]): string {
  const text = fields.filter(Boolean).join(' ');
  const tokens = new Set(searchTokens(text));
  for (const run of runs(text)) if (run.cjk) for (const ch of run.value) tokens.add(ch);
  return [...tokens].join(' ');
}

/** Query tokens, de-duplicated; empty when the query has nothing searchable. */
export function queryTokens(query: string): string[] {
  return [...new Set(searchTokens(query))].slice(0, 16);
}
