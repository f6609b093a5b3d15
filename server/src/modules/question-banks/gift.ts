import { DEFAULT_DIFFICULTY, htmlToText, type ParsedQuestion } from './formats.js';
import { OPTION_KEYS, type QuestionContent } from './question.js';

// GIFT, Moodle's text format for questions (docs.moodle.org/en/GIFT_format). Read: categories (ignored: the module
// travels in Yunxue's metadata comment), titles, [format] tags, comments, one choice correct (= and ~), several
// correct (~%weight%), true/false ({T} {F} {TRUE} {FALSE}), short answer ({=a =b}, read as fill-in), essay ({}),
// general feedback (####, the explanation), the escapes \~ \= \# \{ \} \: \\ and \n. Matching and numerical
// questions are reported as unsupported. What GIFT cannot say (difficulty, knowledge module, an essay's reference
// answer) is written in a comment line Moodle ignores: `// @yunxue {"difficulty":3,"module":"…"}`.

const META = '// @yunxue ';
const BLANK = '____';
type Meta = { difficulty?: unknown; module?: unknown; reference?: unknown };

export function parseGift(text: string): ParsedQuestion[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const out: ParsedQuestion[] = [];
  let block: { line: number; text: string[]; meta: string | null } | null = null;
  const flush = () => {
    if (block && block.text.join('').trim() !== '')
      out.push(parseQuestion(block.line, block.text.join('\n'), block.meta));
    block = null;
  };
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') {
      // A blank line ends a question only outside its answer block (a block may hold blank lines between answers).
      if (block && !insideBlock(block.text.join('\n'))) flush();
      return;
    }
    if (line.startsWith('$CATEGORY:')) return;
    block ??= { line: i + 1, text: [], meta: null };
    if (line.startsWith('//')) {
      if (raw.trimStart().startsWith(META)) block.meta = raw.trimStart().slice(META.length);
      return;
    }
    block.text.push(raw);
  });
  flush();
  return out;
}

/** Whether an answer block was opened and not yet closed. */
function insideBlock(raw: string): boolean {
  return unescapedIndex(raw, '{') >= 0 && unescapedIndex(raw, '}', unescapedIndex(raw, '{')) < 0;
}

/** Index of `token` not preceded by a backslash escape, from `from`; -1 when absent. */
function unescapedIndex(s: string, token: string, from = 0): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (s.startsWith(token, i)) return i;
  }
  return -1;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)).trim();
}

function parseQuestion(row: number, raw: string, metaText: string | null): ParsedQuestion {
  const malformed = (detail: string): ParsedQuestion => ({ row, error: { field: null, reason: 'malformed', detail } });
  let meta: Meta = {};
  if (metaText !== null) {
    try {
      meta = JSON.parse(metaText) as Meta;
    } catch {
      return { row, error: { field: null, reason: 'metadata' } };
    }
    if (typeof meta !== 'object' || meta === null) return { row, error: { field: null, reason: 'metadata' } };
  }
  let s = raw.trim();
  if (s.startsWith('::')) {
    const end = unescapedIndex(s, '::', 2);
    if (end < 0) return malformed('title');
    s = s.slice(end + 2).trim();
  }
  let html = false;
  const format = /^\[(html|moodle|plain|markdown)\]/.exec(s);
  if (format) {
    html = format[1] === 'html' || format[1] === 'moodle';
    s = s.slice(format[0].length);
  }
  const open = unescapedIndex(s, '{');
  const close = open < 0 ? -1 : unescapedIndex(s, '}', open);
  if (open < 0 || close < 0) return malformed('answer_block');
  const before = s.slice(0, open);
  const after = s.slice(close + 1);
  const text = (t: string) => (html ? htmlToText(unescape(t)) : unescape(t));
  const stem = after.trim() === '' ? text(before) : `${text(before)}${BLANK}${text(after)}`;
  let body = s.slice(open + 1, close);
  let explanation = '';
  const general = unescapedIndex(body, '####');
  if (general >= 0) {
    explanation = text(body.slice(general + 4));
    body = body.slice(0, general);
  }
  const base = {
    stem,
    explanation,
    difficulty: typeof meta.difficulty === 'number' ? meta.difficulty : DEFAULT_DIFFICULTY,
    moduleCode: typeof meta.module === 'string' ? meta.module : null,
  };
  const content = (c: Pick<QuestionContent, 'type' | 'options' | 'answer'>): ParsedQuestion => ({
    row,
    content: { ...base, ...c },
  });
  body = body.trim();
  if (body === '') {
    const reference = typeof meta.reference === 'string' && meta.reference !== '' ? [meta.reference] : [];
    return content({ type: 'short_answer', options: [], answer: reference });
  }
  const tf = /^(T|TRUE|F|FALSE)\s*(#.*)?$/is.exec(body);
  if (tf)
    return content({
      type: 'true_false',
      options: [],
      answer: [tf[1].toUpperCase().startsWith('T') ? 'true' : 'false'],
    });
  if (body.startsWith('#')) return { row, error: { field: 'type', reason: 'unsupported_type', detail: 'numerical' } };

  const answers: { marker: string; weight: number | null; text: string }[] = [];
  let at = 0;
  if (body[0] !== '=' && body[0] !== '~') return malformed('answer');
  while (at < body.length) {
    const marker = body[at];
    let next = body.length;
    for (const m of ['=', '~']) {
      const i = unescapedIndex(body, m, at + 1);
      if (i >= 0 && i < next) next = i;
    }
    let part = body.slice(at + 1, next);
    if (unescapedIndex(part, '->') >= 0)
      return { row, error: { field: 'type', reason: 'unsupported_type', detail: 'matching' } };
    const feedback = unescapedIndex(part, '#');
    if (feedback >= 0) part = part.slice(0, feedback);
    const w = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(part);
    if (w) part = part.slice(w[0].length);
    answers.push({ marker, weight: w ? Number(w[1]) : null, text: text(part) });
    at = next;
  }
  const options = (list: typeof answers) => list.map((a, i) => ({ key: OPTION_KEYS[i] ?? `#${i + 1}`, text: a.text }));
  const rights = answers.filter((a) => a.marker === '=');
  const weighted = answers.some((a) => a.weight !== null);
  if (answers.every((a) => a.marker === '=')) {
    return content({ type: 'fill_blank', options: [], answer: answers.map((a) => a.text) });
  }
  if (rights.length === 1 && !weighted) {
    const opts = options(answers);
    return content({ type: 'single', options: opts, answer: [opts[answers.indexOf(rights[0])].key] });
  }
  if (rights.length === 0 && weighted) {
    const opts = options(answers);
    return content({
      type: 'multiple',
      options: opts,
      answer: answers.flatMap((a, i) => ((a.weight ?? 0) > 0 ? [opts[i].key] : [])),
    });
  }
  return malformed('answers');
}

// ---- writing -----------------------------------------------------------------------------------------------------

function escape(s: string): string {
  // "->" would read as a matching pair; GIFT has no escape for it, so the hyphen is escaped as this parser reads it.
  return s
    .replace(/[\\~=#{}:]/g, (c) => `\\${c}`)
    .replace(/->/g, '\\->')
    .replace(/\r?\n/g, '\\n');
}

export function writeGift(questions: readonly QuestionContent[], category: string): string {
  const parts = [`$CATEGORY: ${category.replace(/[\r\n]/g, ' ')}`];
  for (const [index, q] of questions.entries()) {
    const meta: Meta = { difficulty: q.difficulty };
    if (q.moduleCode !== null) meta.module = q.moduleCode;
    if (q.type === 'short_answer' && q.answer.length > 0) meta.reference = q.answer[0];
    const feedback = q.explanation === '' ? '' : `####${escape(q.explanation)}`;
    let body: string;
    switch (q.type) {
      case 'single':
        body = q.options.map((o) => `\t${q.answer.includes(o.key) ? '=' : '~'}${escape(o.text)}`).join('\n');
        body = `\n${body}\n${feedback}`;
        break;
      case 'multiple': {
        const share = weight(100 / q.answer.length);
        body = q.options.map((o) => `\t~%${q.answer.includes(o.key) ? share : '-100'}%${escape(o.text)}`).join('\n');
        body = `\n${body}\n${feedback}`;
        break;
      }
      case 'true_false':
        body = `${q.answer[0] === 'true' ? 'TRUE' : 'FALSE'}${feedback}`;
        break;
      case 'fill_blank':
        body = `${q.answer.map((a) => `=${escape(a)}`).join(' ')}${feedback}`;
        break;
      case 'short_answer':
        body = feedback;
        break;
    }
    // A title first, so no stem is read as a comment or a category; a leading "[" would read as a [format] tag.
    const title = `Q${String(index + 1).padStart(4, '0')}`;
    const stem = escape(q.stem).replace(/^\[/, '\\[');
    parts.push(`${META}${JSON.stringify(meta)}\n::${title}:: ${stem} {${body}}`);
  }
  return `${parts.join('\n\n')}\n`;
}

/** Moodle accepts weights with up to five decimals (33.33333). */
function weight(n: number): string {
  return String(Math.round(n * 100000) / 100000);
}
