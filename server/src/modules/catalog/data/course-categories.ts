// Platform course categories. The reference platform (中国职业培训在线) reported "15 categories, 100+ occupations"
// without publishing the list; these categories are Yunxue's own grouping of the fields named by the MOHRSS
// 100-day free online training plan (2020) and the Yunnan online-training measures. An occupation may sit in
// several categories (e.g. 家政服务员 under housekeeping and maternal/infant care).

export interface CourseCategory {
  code: string;
  nameZh: string;
  nameEn: string;
  occupationCodes: string[];
}

export const COURSE_CATEGORIES: readonly CourseCategory[] = [
  { code: 'HOUSEKEEPING', nameZh: '家政服务', nameEn: 'Housekeeping', occupationCodes: ['4-10-01-06', '4-09-08-01', '4-10-02-02', '4-09-09-00'] },
  { code: 'ELDERLY_CARE', nameZh: '养老护理', nameEn: 'Elderly care', occupationCodes: ['4-10-01-05', '4-14-02-05', '4-14-01-03', '4-14-01-02', '4-10-01-04'] },
  { code: 'MATERNAL_INFANT', nameZh: '母婴护理', nameEn: 'Maternal and infant care', occupationCodes: ['4-10-01-01', '4-10-01-03', '4-10-01-06', '4-14-02-04', '4-13-04-03'] },
  { code: 'HEALTH', nameZh: '健康服务', nameEn: 'Health services', occupationCodes: ['4-14-02-02', '4-14-02-01', '4-10-04-01', '4-10-04-02', '2-07-10-03', '4-14-04-04', '4-14-04-02', '4-14-03-06', '4-14-03-03', '4-14-05-01', '4-14-06-01'] },
  { code: 'CATERING', nameZh: '餐饮烹饪', nameEn: 'Catering and cooking', occupationCodes: ['4-03-02-01', '4-03-02-02', '4-03-02-03', '4-03-02-04', '4-03-02-05', '4-03-02-06', '4-03-02-07', '4-03-02-08', '4-03-02-10', '4-03-02-11', '6-02-01-01', '6-02-01-02', '6-02-06-11'] },
  { code: 'BEAUTY', nameZh: '美容美发', nameEn: 'Beauty and hairdressing', occupationCodes: ['4-10-03-01', '4-10-03-02', '4-10-03-03', '4-10-03-05', '4-08-08-20'] },
  { code: 'LIFE_SERVICE', nameZh: '生活服务', nameEn: 'Community and life services', occupationCodes: ['4-10-07-01', '4-10-07-03', '4-10-08-02', '4-10-02-01', '4-06-01-01', '4-08-09-01', '4-09-10-05'] },
  { code: 'HOSPITALITY', nameZh: '住宿旅游', nameEn: 'Hospitality and tourism', occupationCodes: ['4-03-01-01', '4-03-01-02', '4-07-04-01', '4-14-06-02', '4-07-04-06'] },
  { code: 'ELECTRICAL', nameZh: '电工电气', nameEn: 'Electrical work', occupationCodes: ['6-31-01-03', '6-25-04-07', '6-29-03-05', '4-07-05-04', '4-06-01-04'] },
  { code: 'AUTO_REPAIR', nameZh: '汽车维修', nameEn: 'Vehicle repair', occupationCodes: ['4-12-01-01', '4-12-01-02', '4-12-01-03', '6-22-02-01', '4-12-04-01'] },
  { code: 'APPLIANCE_REPAIR', nameZh: '家电维修', nameEn: 'Appliance and device repair', occupationCodes: ['4-12-03-01', '4-12-03-02', '4-12-02-01', '4-12-02-03', '4-12-04-05'] },
  { code: 'ECOMMERCE', nameZh: '电子商务', nameEn: 'E-commerce and online marketing', occupationCodes: ['4-01-06-01', '4-01-06-02', '4-13-01-05', '4-07-02-05', '4-01-02-01', '4-01-02-03', '4-01-02-04', '4-01-02-06', '4-07-02-03', '4-04-05-03'] },
  { code: 'IT', nameZh: '信息技术', nameEn: 'Information technology', occupationCodes: ['4-04-05-05', '2-02-38-01', '2-02-38-02', '2-02-38-03', '2-02-38-04', '2-02-38-08', '4-04-05-06', '4-04-05-01', '4-04-05-02', '4-04-04-01', '4-04-04-02', '4-04-05-07', '4-13-04-01', '4-08-08-23'] },
  { code: 'MODERN_AGRICULTURE', nameZh: '现代农业', nameEn: 'Modern and smart agriculture', occupationCodes: ['5-05-01-01', '5-05-01-02', '5-05-01-03', '5-01-02-01', '5-01-02-02', '5-01-02-03', '5-01-02-05', '5-05-02-01', '5-05-05-01', '5-05-05-02', '5-05-03-01', '4-02-04-06', '4-01-03-01', '4-01-05-01', '4-08-05-01', '6-02-06-10'] },
  { code: 'LIVESTOCK_AQUACULTURE', nameZh: '畜牧水产养殖', nameEn: 'Livestock and aquaculture', occupationCodes: ['5-03-01-01', '5-03-02-01', '5-03-02-02', '5-03-03-01', '5-03-03-03', '5-04-01-01', '5-04-02-01', '5-05-02-03'] },
  { code: 'SAFETY', nameZh: '安全生产', nameEn: 'Safety and security', occupationCodes: ['6-31-06-00', '4-07-05-01', '4-07-05-02', '4-07-05-03', '3-02-03-04', '3-02-03-08'] },
  { code: 'LOGISTICS', nameZh: '物流配送', nameEn: 'Logistics and delivery', occupationCodes: ['4-02-07-08', '4-02-07-09', '4-10-08-01', '4-02-06-01', '4-02-06-02', '4-02-06-03', '4-02-06-05', '4-02-05-01', '4-02-02-02', '6-30-05-01'] },
  { code: 'HANDICRAFT', nameZh: '手工技艺', nameEn: 'Handicrafts', occupationCodes: ['5-05-06-05', '6-09-03-11', '6-05-01-06', '6-09-03-12', '6-09-03-17', '6-09-03-01', '4-10-02-01', '6-05-01-01', '6-05-01-03'] },
  { code: 'MANUFACTURING', nameZh: '智能制造', nameEn: 'Manufacturing and industrial robotics', occupationCodes: ['6-18-02-04', '6-18-01-01', '6-18-01-07', '6-20-01-01', '6-31-01-02', '6-31-07-01', '6-31-07-03', '2-02-38-05', '2-02-38-06', '6-25-04-09', '6-30-05-02'] },
  { code: 'MEDICAL_MANUFACTURING', nameZh: '医药与医用物资生产', nameEn: 'Medicine and medical supplies manufacturing', occupationCodes: ['6-12-03-00', '6-12-02-00', '6-21-06-01', '6-21-06-04', '4-01-05-02'] },
  { code: 'CONSTRUCTION', nameZh: '建筑施工', nameEn: 'Construction', occupationCodes: ['6-29-01-01', '6-29-01-04', '6-29-01-05', '6-29-01-07', '6-29-04-01', '4-08-08-07', '6-30-05-05', '4-09-10-01'] },
  { code: 'CAREER_AND_MANAGEMENT', nameZh: '就业创业与管理', nameEn: 'Career, entrepreneurship and management', occupationCodes: ['4-07-03-01', '4-07-03-03', '4-07-03-04', '4-07-03-05', '4-09-07-04'] },
];
