import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { DEFAULT_DIFFICULTY, htmlToText, type ParsedQuestion } from './formats.js';
import { OPTION_KEYS, type QuestionContent } from './question.js';

// Moodle XML (docs.moodle.org/en/Moodle_XML_format): multichoice (single or several correct), truefalse,
// shortanswer (read as fill-in), essay (the grader information is the reference answer). Category entries are
// skipped; difficulty and knowledge module travel as tags `yunxue-difficulty:N` and `yunxue-module:…`, which Moodle
// keeps as ordinary tags. Text in HTML format is read as plain text. A document type declaration is refused outright
// (no entity expansion, no external entities).

type XmlText = { text?: unknown; '@_format'?: string };
type XmlAnswer = XmlText & { '@_fraction'?: string };
type XmlQuestion = {
  '@_type'?: string;
  questiontext?: XmlText;
  generalfeedback?: XmlText;
  graderinfo?: XmlText;
  single?: string;
  answer?: XmlAnswer[];
  tags?: { tag?: XmlText[] };
};

const DIFFICULTY_TAG = 'yunxue-difficulty:';
const MODULE_TAG = 'yunxue-module:';

export class MoodleXmlUnreadable extends Error {}

export function parseMoodleXml(xml: string): ParsedQuestion[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new MoodleXmlUnreadable('doctype');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    processEntities: true,
    isArray: (name) => name === 'question' || name === 'answer' || name === 'tag',
  });
  let doc: { quiz?: { question?: XmlQuestion[] } | string };
  try {
    doc = parser.parse(xml, true) as typeof doc;
  } catch {
    throw new MoodleXmlUnreadable('syntax');
  }
  if (doc.quiz === undefined) throw new MoodleXmlUnreadable('no_quiz');
  const questions = typeof doc.quiz === 'object' ? (doc.quiz.question ?? []) : [];
  return questions.filter((q) => q['@_type'] !== 'category').map((q, i) => readQuestion(i + 1, q));
}

function textOf(node: XmlText | undefined): string {
  const raw = typeof node?.text === 'string' ? node.text : '';
  const format = node?.['@_format'] ?? 'html';
  return (format === 'html' || format === 'moodle_auto_format' ? htmlToText(raw) : raw).trim();
}

function readQuestion(row: number, q: XmlQuestion): ParsedQuestion {
  const tags = (q.tags?.tag ?? []).map((t) => textOf({ ...t, '@_format': 'plain_text' }));
  const difficultyTag = tags.find((t) => t.startsWith(DIFFICULTY_TAG));
  const moduleTag = tags.find((t) => t.startsWith(MODULE_TAG));
  const base = {
    stem: textOf(q.questiontext),
    explanation: textOf(q.generalfeedback),
    difficulty: difficultyTag ? Number(difficultyTag.slice(DIFFICULTY_TAG.length)) : DEFAULT_DIFFICULTY,
    moduleCode: moduleTag ? moduleTag.slice(MODULE_TAG.length) : null,
  };
  const answers = (q.answer ?? []).map((a) => ({ text: textOf(a), fraction: Number(a['@_fraction'] ?? '0') }));
  const content = (c: Pick<QuestionContent, 'type' | 'options' | 'answer'>): ParsedQuestion => ({
    row,
    content: { ...base, ...c },
  });
  switch (q['@_type']) {
    case 'multichoice': {
      const options = answers.map((a, i) => ({ key: OPTION_KEYS[i] ?? `#${i + 1}`, text: a.text }));
      const single = (typeof q.single === 'string' ? q.single : 'true').trim() !== 'false';
      if (single) {
        const best = answers.findIndex((a) => a.fraction === 100);
        return content({ type: 'single', options, answer: best < 0 ? [] : [options[best].key] });
      }
      return content({
        type: 'multiple',
        options,
        answer: answers.flatMap((a, i) => (a.fraction > 0 ? [options[i].key] : [])),
      });
    }
    case 'truefalse': {
      const right = answers.find((a) => a.fraction === 100)?.text.toLowerCase();
      return content({ type: 'true_false', options: [], answer: right === undefined ? [] : [right] });
    }
    case 'shortanswer':
      return content({
        type: 'fill_blank',
        options: [],
        answer: answers.filter((a) => a.fraction > 0).map((a) => a.text),
      });
    case 'essay': {
      const reference = textOf(q.graderinfo);
      return content({ type: 'short_answer', options: [], answer: reference === '' ? [] : [reference] });
    }
    default:
      return { row, error: { field: 'type', reason: 'unsupported_type', detail: String(q['@_type'] ?? '') } };
  }
}

// ---- writing -----------------------------------------------------------------------------------------------------

const plain = (text: string) => ({ '@_format': 'plain_text', text });

export function writeMoodleXml(questions: readonly QuestionContent[], category: string): string {
  const items: object[] = [{ '@_type': 'category', category: { text: `$course$/top/${category}` } }];
  questions.forEach((q, i) => {
    const common = {
      name: { text: `${String(i + 1).padStart(4, '0')} ${q.stem.replace(/\s+/g, ' ').slice(0, 40)}` },
      questiontext: plain(q.stem),
      generalfeedback: plain(q.explanation),
      defaultgrade: '1',
      penalty: '0',
      hidden: '0',
    };
    const tags = {
      tag: [
        { text: `${DIFFICULTY_TAG}${q.difficulty}` },
        ...(q.moduleCode ? [{ text: `${MODULE_TAG}${q.moduleCode}` }] : []),
      ],
    };
    const answer = (fraction: number, text: string) => ({ '@_fraction': String(fraction), ...plain(text) });
    switch (q.type) {
      case 'single':
      case 'multiple': {
        const share = Math.round((100 / q.answer.length) * 100000) / 100000;
        items.push({
          '@_type': 'multichoice',
          ...common,
          single: q.type === 'single' ? 'true' : 'false',
          shuffleanswers: 'true',
          answernumbering: 'ABCD',
          answer: q.options.map((o) =>
            answer(
              q.answer.includes(o.key) ? (q.type === 'single' ? 100 : share) : q.type === 'single' ? 0 : -100,
              o.text,
            ),
          ),
          tags,
        });
        break;
      }
      case 'true_false':
        items.push({
          '@_type': 'truefalse',
          ...common,
          answer: [
            answer(q.answer[0] === 'true' ? 100 : 0, 'true'),
            answer(q.answer[0] === 'false' ? 100 : 0, 'false'),
          ],
          tags,
        });
        break;
      case 'fill_blank':
        items.push({
          '@_type': 'shortanswer',
          ...common,
          usecase: '0',
          answer: q.answer.map((a) => answer(100, a)),
          tags,
        });
        break;
      case 'short_answer':
        items.push({
          '@_type': 'essay',
          ...common,
          responseformat: 'editor',
          responserequired: '1',
          responsefieldlines: '10',
          graderinfo: plain(q.answer[0] ?? ''),
          responsetemplate: plain(''),
          tags,
        });
        break;
    }
  });
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    suppressEmptyNode: false,
  });
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, quiz: { question: items } });
}
