import { randomInt } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { makeResidentId } from '../identity/index.js';
import { makeCreditCode } from './credit-code.js';

// Test data for institution registration, shared by the server tests and the browser tests (no test runner imports
// here, so e2e scripts run by tsx can use it too): valid credit codes, administrators and tiny real files.

let serial = randomInt(100_000, 900_000);
let person = randomInt(0, 500);

/** A credit code nobody holds yet in this run (the demo data uses serials below 1000). */
export function freshCreditCode(regionCode: string): string {
  serial += 1;
  return makeCreditCode(regionCode, String(serial));
}

/** A valid resident ID number of someone born in the 1990s, distinct within this run. */
export function freshIdNumber(regionCode = '330106'): string {
  person += 1;
  const day = String((person % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(person / 28) % 12) + 1).padStart(2, '0');
  return makeResidentId({ regionCode, birthDate: `199${person % 10}-${month}-${day}`, sequence: (person * 7) % 1000 });
}

/** The same ID number with a wrong check character. */
export function breakIdChecksum(idNumber: string): string {
  return idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
}

/** A mobile number the demo data does not use (it uses 138/139). */
export function freshPhone(): string {
  return `136${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

export type ApplicationBody = {
  institution: {
    name: string;
    kind: 'training' | 'enterprise' | 'college';
    creditCode: string;
    regionCode: string;
    address: string;
    legalRepresentative: string;
    contactName: string;
    contactPhone: string;
    businessScope: string;
  };
  admin: { name: string; idNumber: string; phone: string; password: string };
};

export function applicationBody(
  regionCode: string,
  overrides: { institution?: Partial<ApplicationBody['institution']>; admin?: Partial<ApplicationBody['admin']> } = {},
): ApplicationBody {
  return {
    institution: {
      name: `测试职业技能培训学校${serial + 1}`,
      kind: 'training',
      creditCode: freshCreditCode(regionCode),
      regionCode,
      address: '文三路 100 号 5 楼',
      legalRepresentative: '陈建华',
      contactName: '李晓梅',
      contactPhone: freshPhone(),
      businessScope: '职业技能培训：电工、焊工、养老护理员',
      ...overrides.institution,
    },
    admin: {
      name: '李晓梅',
      idNumber: freshIdNumber(),
      phone: freshPhone(),
      password: 'Apply2026ok',
      ...overrides.admin,
    },
  };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG image (a solid colour, RGB), e.g. a "scan" of a permit. */
export function makeTestPng(width = 64, height = 48, rgb: [number, number, number] = [200, 40, 40]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
