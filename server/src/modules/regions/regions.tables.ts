export type RegionLevel = 'province' | 'city' | 'county';

export interface RegionsTable {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
}
