import type { QuestionContent, QuestionField } from './question.js';

/**
 * One question as read from an import file, before the checks that need the bank: its place in the file (the
 * spreadsheet row, the GIFT line, the Moodle XML question number) and either its content or why it could not be read.
 */
export type ParsedQuestion =
  | { row: number; content: QuestionContent }
  | { row: number; error: { field: QuestionField | null; reason: ReadReason; detail?: string } };

/** Why a question could not be read at all (its fields are checked afterwards by `checkQuestion`). */
export type ReadReason = 'unsupported_type' | 'malformed' | 'metadata';

export const DEFAULT_DIFFICULTY = 3;

/** Plain text from the HTML Moodle often stores: tags dropped, paragraphs and breaks as line breaks, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&')
    .trim();
}
