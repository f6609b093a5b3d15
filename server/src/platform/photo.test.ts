import { describe, expect, it } from 'vitest';
import { decodeBase64Photo } from './photo.js';

describe('decodeBase64Photo', () => {
  const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);

  it('decodes plain base64 and a data: URL alike', () => {
    expect(decodeBase64Photo(bytes.toString('base64'))).toEqual(bytes);
    expect(decodeBase64Photo(`data:image/jpeg;base64,${bytes.toString('base64')}`)).toEqual(bytes);
    expect(decodeBase64Photo('')).toEqual(Buffer.alloc(0));
  });

  it('refuses text that is not base64', () => {
    expect(decodeBase64Photo('not a photo')).toBeNull();
    expect(decodeBase64Photo('abc')).toBeNull();
    expect(decodeBase64Photo('data:text/plain;base64,AAAA')).toBeNull();
  });
});
