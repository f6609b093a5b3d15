import { describe, expect, it } from 'vitest';
import { cleanFileName } from './file-name.js';

describe('cleanFileName', () => {
  it('keeps the last part of a path, drops control characters, trims and bounds the length', () => {
    expect(cleanFileName('C:\\Users\\王\\花名册.xlsx')).toBe('花名册.xlsx');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName(' 资质\u0000证书\u001f.pdf\u007f ')).toBe('资质证书.pdf');
    expect(cleanFileName('a'.repeat(300))).toHaveLength(255);
  });

  it('falls back when nothing is left', () => {
    expect(cleanFileName(undefined)).toBe('upload');
    expect(cleanFileName('dir/')).toBe('upload');
    expect(cleanFileName(' \u0001 ', 'document')).toBe('document');
  });
});
