import { describe, it, expect } from 'vitest';
import {
  childrenOf,
  divisionLevel,
  divisionPath,
  findDivision,
  isInSubtree,
  listDivisions,
  provinceOf,
} from './divisions.js';

describe('division data', () => {
  it('has provinces, cities and counties, including Taiwan, Hong Kong and Macau', () => {
    expect(listDivisions('province')).toHaveLength(34);
    expect(listDivisions('city').length).toBeGreaterThan(300);
    expect(listDivisions('county').length).toBeGreaterThan(2800);
    for (const code of ['710000', '810000', '820000']) expect(findDivision(code)?.level).toBe('province');
  });

  it('gives every county a city parent and every city a province parent', () => {
    for (const county of listDivisions('county')) {
      expect(findDivision(county.parentCode ?? '')?.level, county.code).toBe('city');
      expect(county.code.slice(0, 4), county.code).toBe(county.parentCode?.slice(0, 4));
    }
    for (const city of listDivisions('city')) {
      expect(findDivision(city.parentCode ?? '')?.level, city.code).toBe('province');
      expect(city.code.slice(0, 2), city.code).toBe(city.parentCode?.slice(0, 2));
    }
    for (const province of listDivisions('province')) expect(province.parentCode).toBeNull();
  });

  it('uses codes whose shape matches their level', () => {
    for (const level of ['province', 'city', 'county'] as const) {
      for (const d of listDivisions(level)) expect(divisionLevel(d.code), d.code).toBe(level);
    }
  });
});

describe('findDivision', () => {
  it('finds known codes', () => {
    expect(findDivision('330102')).toEqual({ code: '330102', name: '上城区', level: 'county', parentCode: '330100' });
    expect(findDivision('330100')).toEqual({ code: '330100', name: '杭州市', level: 'city', parentCode: '330000' });
    expect(findDivision('330000')).toEqual({ code: '330000', name: '浙江省', level: 'province', parentCode: null });
  });

  it('returns null for unknown codes', () => {
    expect(findDivision('990000')).toBeNull();
    expect(findDivision('33')).toBeNull();
    expect(findDivision('')).toBeNull();
  });
});

describe('divisionLevel', () => {
  it('reads the level from the code', () => {
    expect(divisionLevel('330000')).toBe('province');
    expect(divisionLevel('330100')).toBe('city');
    expect(divisionLevel('441900')).toBe('city'); // 东莞: a city without counties
    expect(divisionLevel('330102')).toBe('county');
    expect(divisionLevel('3301')).toBeNull();
    expect(divisionLevel('33010a')).toBeNull();
    expect(divisionLevel('000000')).toBeNull();
  });
});

describe('provinceOf', () => {
  it('finds the province of any code, known or not', () => {
    expect(provinceOf('330102')?.name).toBe('浙江省');
    expect(provinceOf('330103')?.code).toBe('330000'); // abolished county
    expect(provinceOf('110000')?.name).toBe('北京市');
    expect(provinceOf('990101')).toBeNull();
    expect(provinceOf('33')).toBeNull();
  });
});

describe('isInSubtree', () => {
  it('includes the division itself and everything below it', () => {
    expect(isInSubtree('330102', '330102')).toBe(true);
    expect(isInSubtree('330102', '330100')).toBe(true);
    expect(isInSubtree('330102', '330000')).toBe(true);
    expect(isInSubtree('330100', '330000')).toBe(true);
    expect(isInSubtree('330000', '330000')).toBe(true);
    expect(isInSubtree('330103', '330100')).toBe(true); // code no longer in the data
  });

  it('excludes siblings, other branches and ancestors', () => {
    expect(isInSubtree('330106', '330102')).toBe(false);
    expect(isInSubtree('330203', '330100')).toBe(false);
    expect(isInSubtree('320102', '330000')).toBe(false);
    expect(isInSubtree('330100', '330102')).toBe(false);
    expect(isInSubtree('330000', '330100')).toBe(false);
  });

  it('is false for malformed codes', () => {
    expect(isInSubtree('3301', '330000')).toBe(false);
    expect(isInSubtree('330102', '33')).toBe(false);
    expect(isInSubtree('330102', '')).toBe(false);
  });
});

describe('childrenOf', () => {
  it('lists the provinces for null', () => {
    const provinces = childrenOf(null);
    expect(provinces).toHaveLength(34);
    expect(provinces[0]?.name).toBe('北京市');
    expect(provinces.every((d) => d.level === 'province')).toBe(true);
  });

  it('lists cities and counties sorted by code', () => {
    const cities = childrenOf('330000');
    expect(cities.map((d) => d.name)).toContain('杭州市');
    expect(cities.every((d) => d.level === 'city' && d.parentCode === '330000')).toBe(true);
    const codes = cities.map((d) => d.code);
    expect(codes).toEqual([...codes].sort());

    const counties = childrenOf('330100');
    expect(counties.map((d) => d.code)).toContain('330102');
    expect(counties.every((d) => d.level === 'county' && d.parentCode === '330100')).toBe(true);
  });

  it('keeps the pseudo-cities of municipalities', () => {
    expect(childrenOf('110000').map((d) => d.name)).toEqual(['市辖区']);
    expect(childrenOf('110100').map((d) => d.name)).toContain('朝阳区');
  });

  it('is empty for counties and unknown codes', () => {
    expect(childrenOf('330102')).toEqual([]);
    expect(childrenOf('990000')).toEqual([]);
    expect(childrenOf('441900')).toEqual([]);
  });
});

describe('divisionPath', () => {
  it('names the province, city and county', () => {
    expect(divisionPath('330102')).toEqual(['浙江省', '杭州市', '上城区']);
    expect(divisionPath('330100')).toEqual(['浙江省', '杭州市']);
    expect(divisionPath('330000')).toEqual(['浙江省']);
    expect(divisionPath('110105')).toEqual(['北京市', '市辖区', '朝阳区']);
  });

  it('is empty for unknown codes', () => {
    expect(divisionPath('330103')).toEqual([]);
    expect(divisionPath('')).toEqual([]);
  });
});
