// Photos travel in JSON bodies as base64, optionally as a data: URL. Decoding lives here once; what a photo must be
// (JPEG or PNG by content, a size limit, which error to answer) stays with the module that takes it.

const DATA_URL_PREFIX = /^data:image\/\w+;base64,/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of a base64 photo (a `data:image/…;base64,` prefix is allowed), or null when the text is not base64. */
export function decodeBase64Photo(input: string): Buffer | null {
  const base64 = input.replace(DATA_URL_PREFIX, '');
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) return null;
  return Buffer.from(base64, 'base64');
}
