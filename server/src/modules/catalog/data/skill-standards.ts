// Minimum class hours, knowledge modules and online share per occupation and skill level.
//
// Only two sets of figures come from a current national skill standard found and read in full (estimated: false):
// 人工智能训练师 (2021) and 互联网营销师 (2021). Everything else is marked estimated and says why in `basis`:
// either a superseded or draft national standard, or, where no figure was found, the Hunan minimum-hour tiers
// (湘人社 notice of 2022-06-07), used as a conservative floor that at least one province enforces. Which Hunan tier
// an occupation falls in is Yunxue's own assignment, not Hunan's list. Module lists are indicative: 职业道德 and
// 基础知识 (the 基本要求 of every standard) plus the main work areas of the occupation, in our own words.
// Sources: docs/catalogue-sources.md.

import { OCCUPATIONS } from './occupation-classification.js';
import type { ProfessionalGrade, SkillLevel } from './skill-levels.js';

export type KnowledgeModule = { zh: string; en: string };

export type SkillStandard = {
  occupationCode: string;
  level: SkillLevel;
  /** Minimum class hours (学时) of a training at this level. */
  minHours: number;
  /** Largest share of those hours that may be taught online (the stricter of this and the regional policy applies). */
  maxOnlineShare: number;
  knowledgeModules: KnowledgeModule[];
  estimated: boolean;
  basis: string;
};

export type ProfessionalStandard = {
  occupationCode: string;
  grade: ProfessionalGrade;
  minHours: number;
  maxOnlineShare: number;
  knowledgeModules: KnowledgeModule[];
  estimated: boolean;
  basis: string;
};

/** Hunan tiers, levels 5..1 (index 0 = level 5). */
export const HUNAN_MIN_HOURS = {
  key: [105, 84, 70, 63, 49],
  stabilise: [77, 70, 63, 56, 49],
  rural: [63, 56, 49, 42, 42],
} as const;
type Tier = keyof typeof HUNAN_MIN_HOURS;

const HUNAN_BASIS: Record<Tier, string> = {
  key: 'Estimated: no current national figure found; Hunan minimum for key (三高四新) occupations used as floor',
  stabilise:
    'Estimated: no current national figure found; Hunan minimum for employment-stabilising occupations used as floor',
  rural: 'Estimated: no current national figure found; Hunan minimum for rural skills occupations used as floor',
};

const ONLINE_DEFAULT = 0.5;
const ONLINE_DEFAULT_BASIS =
  'online share 0.5: Hainan 2020 notice allows at most half of the theory online; typical 50/50 theory/practice split';
const ONLINE_FULL_BASIS =
  'online share 1.0: the practical tasks of this occupation are themselves done on a computer; the regional cap still applies';

const m = (s: string): KnowledgeModule => {
  const [zh, en] = s.split('|');
  return { zh: zh, en: en };
};
const ETHICS = m('职业道德|Professional ethics');
const BASICS = m('基础知识|Basic knowledge');
const TRAINING = m('培训与指导|Training and guidance');
const MANAGEMENT = m('技术管理|Technical management');

type Profile = {
  code: string;
  tier: Tier;
  areas: string[];
  levels?: SkillLevel[];
  levelsBasis?: string;
  hours?: Partial<Record<SkillLevel, number>>;
  hoursEstimated?: boolean;
  hoursBasis?: string;
  online?: 1;
  areasByLevel?: Partial<Record<SkillLevel, string[]>>;
};

const ALL: SkillLevel[] = [5, 4, 3, 2, 1];
const p = (
  code: string,
  tier: Tier,
  areas: string[],
  extra: Omit<Profile, 'code' | 'tier' | 'areas'> = {},
): Profile => ({ code, tier, areas, ...extra });

const PROFILES: Profile[] = [
  p('3-02-03-04', 'stabilise', [
    '消防安全检查|Fire safety inspection',
    '火灾隐患整改|Fire hazard rectification',
    '消防宣传培训|Fire safety education',
  ]),
  p('3-02-03-08', 'stabilise', ['应急响应|Emergency response', '现场救援|On-site rescue', '现场急救|First aid']),
  p('4-01-02-01', 'stabilise', [
    '市场调研|Market research',
    '客户开发|Customer development',
    '销售谈判|Sales negotiation',
  ]),
  p('4-01-02-03', 'stabilise', [
    '商品陈列|Merchandise display',
    '导购服务|Sales assistance',
    '售后服务|After-sales service',
  ]),
  p('4-01-02-04', 'stabilise', [
    '收款结算|Checkout and settlement',
    '票据管理|Receipt handling',
    '顾客服务|Customer service',
  ]),
  p('4-01-02-06', 'stabilise', [
    '门店运营|Store operations',
    '商品管理|Merchandise management',
    '团队管理|Team management',
  ]),
  p('4-01-03-01', 'rural', ['农产品信息收集|Market information', '购销经纪|Brokerage', '质量分级|Grading and quality']),
  p('4-01-05-01', 'rural', ['农产品收购|Procurement', '储运保鲜|Storage and freshness', '销售服务|Sales service']),
  p('4-01-05-02', 'stabilise', [
    '药品知识|Pharmaceutical knowledge',
    '药品购销|Purchasing and sales',
    '药品储存养护|Storage and maintenance',
    '药事法规|Pharmaceutical regulations',
  ]),
  p(
    '4-01-06-01',
    'stabilise',
    [
      '网店运营|Online store operation',
      '网络营销|Online marketing',
      '客户服务|Customer service',
      '数据分析|Data analysis',
    ],
    {
      levels: [4, 3, 2, 1],
      hours: { 4: 200, 3: 230, 2: 200, 1: 180 },
      hoursEstimated: true,
      online: 1,
      levelsBasis: 'levels 4..1',
      hoursBasis:
        'Estimated: earlier national standard for 电子商务师 (电子商务员 200, 助理 230, 电子商务师 200, 高级 180 标准学时); whether a newer standard changed them was not verified',
    },
  ),
  p(
    '4-01-06-02',
    'stabilise',
    [
      '选品|Product selection',
      '直播销售|Live-stream selling',
      '视频创推|Short video promotion',
      '平台管理|Platform management',
    ],
    {
      levels: ALL,
      hours: { 5: 120, 4: 104, 3: 88, 2: 72, 1: 72 },
      hoursEstimated: false,
      hoursBasis:
        '互联网营销师国家职业技能标准（2021年版）1.8 培训参考学时: 120/104/88/72/72 (standard prints the pre-2022 code 4-01-02-07)',
    },
  ),
  p('4-02-02-02', 'stabilise', [
    '车辆检查与保养|Vehicle checks and care',
    '安全驾驶|Safe driving',
    '货物装载|Cargo securing',
  ]),
  p('4-02-04-06', 'key', [
    '飞行前检查|Pre-flight checks',
    '飞行操控|Flight control',
    '作业任务|Mission operations',
    '维护保养|Maintenance',
  ]),
  p('4-02-05-01', 'stabilise', [
    '装卸作业|Loading and unloading',
    '搬运工具使用|Handling equipment',
    '作业安全|Work safety',
  ]),
  p('4-02-06-01', 'stabilise', ['入库验收|Receiving', '在库管理|Inventory control', '出库作业|Dispatch']),
  p('4-02-06-02', 'stabilise', ['理货作业|Tallying', '单证处理|Documents', '货损处理|Damage handling']),
  p('4-02-06-03', 'stabilise', [
    '物流作业|Logistics operations',
    '配送管理|Distribution management',
    '物流信息|Logistics information',
  ]),
  p('4-02-06-05', 'key', [
    '供应链规划|Supply chain planning',
    '采购管理|Procurement',
    '库存与运营|Inventory and operations',
  ]),
  p('4-02-07-08', 'stabilise', ['收寄|Pick-up and acceptance', '派送|Delivery', '客户服务|Customer service']),
  p('4-02-07-09', 'stabilise', ['分拣|Sorting', '封发|Bagging and dispatch', '异常件处理|Exception handling']),
  p('4-03-01-01', 'stabilise', [
    '预订与接待|Reservations and reception',
    '入住与离店|Check-in and check-out',
    '宾客服务|Guest service',
  ]),
  p('4-03-01-02', 'stabilise', [
    '客房清洁|Room cleaning',
    '对客服务|Guest service',
    '设备用品管理|Amenities and equipment',
  ]),
  p(
    '4-03-02-01',
    'stabilise',
    [
      '原料初加工|Ingredient preparation',
      '菜肴制作|Dish preparation',
      '冷菜与宴席|Cold dishes and banquets',
      '厨房安全与卫生|Kitchen safety and hygiene',
    ],
    {
      levels: ALL,
      hours: { 5: 400, 4: 350, 3: 250, 2: 150, 1: 100 },
      hoursEstimated: true,
      hoursBasis:
        'Estimated: earlier national standard for 中式烹调师 (晋级培训 400/350/250/150/100 标准学时), superseded; current figures not verified',
    },
  ),
  p('4-03-02-02', 'stabilise', ['面团调制|Dough preparation', '馅心制作|Fillings', '成型与熟制|Shaping and cooking']),
  p('4-03-02-03', 'stabilise', [
    '原料加工|Ingredient preparation',
    '西餐热菜|Hot dishes',
    '西餐冷菜与少司|Cold dishes and sauces',
  ]),
  p('4-03-02-04', 'stabilise', ['面包制作|Bread', '蛋糕制作|Cakes', '西点装饰|Decoration']),
  p('4-03-02-05', 'stabilise', [
    '餐前准备|Pre-service preparation',
    '餐中服务|Table service',
    '宴会服务|Banquet service',
  ]),
  p('4-03-02-06', 'stabilise', ['营养知识|Nutrition basics', '食谱编制|Menu planning', '配餐制作|Meal preparation']),
  p('4-03-02-07', 'stabilise', ['茶叶知识|Tea knowledge', '茶艺演示|Tea ceremony', '茶事服务|Tea service']),
  p('4-03-02-08', 'stabilise', [
    '咖啡豆与器具|Coffee beans and equipment',
    '咖啡制作|Coffee preparation',
    '门店服务|Shop service',
  ]),
  p('4-03-02-10', 'stabilise', [
    '原料准备|Ingredient preparation',
    '饮品调制|Beverage preparation',
    '饮品创新|Beverage development',
  ]),
  p('4-03-02-11', 'stabilise', [
    '食品安全法规|Food safety law',
    '过程控制|Process control',
    '风险管理|Risk management',
  ]),
  p('4-04-04-01', 'key', ['网络监控|Network monitoring', '故障处理|Fault handling', '网络优化|Network optimization']),
  p('4-04-04-02', 'key', [
    '安全防护|Security protection',
    '安全监测|Security monitoring',
    '应急处置|Incident response',
  ]),
  p(
    '4-04-05-01',
    'key',
    ['需求分析|Requirements analysis', '程序设计|Programming', '测试与调试|Testing and debugging'],
    { online: 1 },
  ),
  p('4-04-05-02', 'key', ['测试设计|Test design', '测试执行|Test execution', '缺陷管理|Defect management'], {
    online: 1,
  }),
  p('4-04-05-03', 'stabilise', [
    '呼入呼出服务|Inbound and outbound calls',
    '业务受理|Request handling',
    '投诉处理|Complaint handling',
  ]),
  p('4-04-05-05', 'key', [], {
    levels: ALL,
    hours: { 5: 60, 4: 50, 3: 40, 2: 40, 1: 30 },
    hoursEstimated: false,
    online: 1,
    hoursBasis: '人工智能训练师国家职业技能标准（2021年版）1.8 培训参考学时: 60/50/40/40/30',
    areasByLevel: {
      5: [
        '数据采集和处理|Data collection and processing',
        '数据标注|Data labelling',
        '智能系统运维|AI system operation',
      ],
      4: [
        '数据采集和处理|Data collection and processing',
        '数据标注|Data labelling',
        '智能系统运维|AI system operation',
      ],
      3: ['业务分析|Business analysis', '智能训练|Model training', '智能系统设计|AI system design'],
      2: ['业务分析|Business analysis', '智能训练|Model training', '智能系统设计|AI system design'],
      1: ['业务分析|Business analysis', '智能训练|Model training', '智能系统设计|AI system design'],
    },
  }),
  p('4-04-05-06', 'key', [
    '区块链基础|Blockchain basics',
    '应用部署|Application deployment',
    '运行维护|Operation and maintenance',
  ]),
  p('4-04-05-07', 'key', [
    '机器人部署|Robot deployment',
    '应用调试|Application tuning',
    '运行维护|Operation and maintenance',
  ]),
  p('4-06-01-01', 'stabilise', [
    '物业服务|Property services',
    '设施设备管理|Facilities management',
    '客户关系|Resident relations',
  ]),
  p('4-06-01-04', 'key', [
    '楼宇自控系统|Building automation',
    '安防与消防系统|Security and fire systems',
    '系统运维|System maintenance',
  ]),
  p('4-07-02-03', 'stabilise', [
    '客户服务|Customer service',
    '客户关系管理|Customer relationship management',
    '服务质量|Service quality',
  ]),
  p(
    '4-07-02-05',
    'key',
    ['数据采集|Data collection', '数据处理|Data processing', '数据分析与报告|Analysis and reporting'],
    { online: 1 },
  ),
  p('4-07-03-01', 'stabilise', [
    '职业信息|Occupational information',
    '职业咨询|Career consultation',
    '就业服务|Employment services',
  ]),
  p('4-07-03-03', 'stabilise', [
    '创业咨询|Start-up consultation',
    '项目评估|Project assessment',
    '创业培训|Entrepreneurship training',
  ]),
  p('4-07-03-04', 'stabilise', [
    '招聘与配置|Recruitment and staffing',
    '培训与开发|Training and development',
    '薪酬与劳动关系|Pay and labour relations',
  ]),
  p('4-07-03-05', 'stabilise', [
    '培训需求分析|Training needs analysis',
    '课程开发|Course development',
    '授课与评估|Delivery and evaluation',
  ]),
  p('4-07-04-01', 'stabilise', [
    '导游讲解|Guiding and interpretation',
    '旅游接待|Tour reception',
    '安全与应急|Safety and emergencies',
  ]),
  p('4-07-04-06', 'rural', [
    '休闲农业接待|Farm-stay reception',
    '农事体验|Farm experiences',
    '餐饮住宿服务|Food and lodging',
  ]),
  p(
    '4-07-05-01',
    'stabilise',
    [
      '守护与巡逻|Guarding and patrol',
      '安全检查|Security checks',
      '突发事件处置|Incident handling',
      '技术防范|Technical security',
    ],
    {
      levels: ALL,
      hours: { 5: 264, 4: 150, 3: 200, 2: 250, 1: 150 },
      hoursEstimated: true,
      levelsBasis: 'five levels per the 2019 standard',
      hoursBasis:
        'Estimated: earlier (试行) national standard for 保安员 (264/150/200/250/150 标准学时), superseded in 2019; current figures not verified',
    },
  ),
  p('4-07-05-02', 'stabilise', [
    '人身检查|Passenger screening',
    '物品检查|Baggage screening',
    '设备操作|Equipment operation',
  ]),
  p('4-07-05-03', 'stabilise', [
    '消防设施监控|Fire system monitoring',
    '设施操作|Equipment operation',
    '设施保养|Equipment maintenance',
  ]),
  p('4-07-05-04', 'key', ['系统安装|Installation', '系统调试|Commissioning', '系统维护|Maintenance']),
  p('4-08-05-01', 'stabilise', ['抽样|Sampling', '检验检测|Testing', '结果判定|Result evaluation']),
  p('4-08-08-07', 'stabilise', ['设计沟通|Client briefing', '方案设计|Design', '施工图与材料|Drawings and materials']),
  p('4-08-08-20', 'stabilise', [
    '形象分析|Image analysis',
    '化妆造型|Make-up and styling',
    '服饰搭配|Wardrobe coordination',
  ]),
  p('4-08-08-23', 'key', ['建模|Modelling', '模型应用|Model application', '协同管理|Collaboration']),
  p('4-08-09-01', 'stabilise', ['拍摄|Photography', '布光|Lighting', '后期处理|Post-processing']),
  p(
    '4-09-07-04',
    'key',
    ['碳排放监测|Emission monitoring', '核算与核查|Accounting and verification', '碳交易|Carbon trading'],
    {
      levels: ALL,
      hours: { 5: 40, 4: 70, 3: 63, 2: 100, 1: 100 },
      hoursEstimated: true,
      levelsBasis: 'five levels (2023 standard, 人社厅发〔2023〕40号)',
      hoursBasis:
        'Estimated: secondary description of the 2023 standard gives level 5 at least 40 and levels 2/1 at least 100 标准学时; levels 4/3 use the Hunan employment-stabilising floor',
    },
  ),
  p('4-09-08-01', 'stabilise', [
    '清洁作业|Cleaning',
    '清洁设备与药剂|Equipment and agents',
    '特殊清洁|Specialised cleaning',
  ]),
  p('4-09-09-00', 'stabilise', [
    '有害生物识别|Pest identification',
    '防制作业|Control operations',
    '药械安全使用|Safe pesticide use',
  ]),
  p('4-09-10-01', 'rural', ['苗木栽植|Planting', '养护管理|Maintenance', '病虫害防治|Pest control']),
  p('4-09-10-05', 'stabilise', [
    '花材处理|Flower preparation',
    '插花造型|Arrangement design',
    '花艺应用|Floral applications',
  ]),
  p(
    '4-10-01-01',
    'stabilise',
    ['婴幼儿发展观察|Development observation', '回应性照护|Responsive care', '早期学习支持|Early learning support'],
    {
      levels: [4, 3, 2, 1],
      levelsBasis: 'levels 4..1 per the 2021 standard (no level 5)',
    },
  ),
  p('4-10-01-03', 'stabilise', [
    '生活照料|Daily care',
    '卫生保健|Health and hygiene',
    '安全照护|Safety',
    '早期发展|Early development',
  ]),
  p('4-10-01-04', 'stabilise', ['生活照料|Daily care', '康复护理|Rehabilitative care', '心理关怀|Emotional support']),
  p('4-10-01-05', 'stabilise', [
    '生活照护|Daily living care',
    '基础照护|Basic care',
    '康复服务|Rehabilitation support',
    '心理支持|Psychological support',
  ]),
  p(
    '4-10-01-06',
    'stabilise',
    ['家务服务|Housekeeping', '母婴护理|Maternal and newborn care', '家庭照护|Home care for elders and patients'],
    {
      levels: [5, 4, 3, 2],
      levelsBasis: 'levels 5..2 per the 2019 standard (level 2 has no job-type split)',
    },
  ),
  p('4-10-02-01', 'stabilise', ['量体|Measuring', '裁剪|Cutting', '缝制|Sewing']),
  p('4-10-02-02', 'stabilise', [
    '衣物识别|Fabric identification',
    '洗涤|Washing',
    '熨烫与去渍|Ironing and stain removal',
  ]),
  p('4-10-03-01', 'stabilise', ['皮肤护理|Skin care', '美容仪器|Beauty devices', '化妆|Make-up'], {
    levels: ALL,
    levelsBasis: 'five levels per earlier standard (secondary source)',
  }),
  p(
    '4-10-03-02',
    'stabilise',
    ['洗护|Washing and care', '修剪|Cutting', '烫染|Perming and colouring', '造型|Styling'],
    {
      levels: ALL,
      levelsBasis: 'five levels per earlier national standard',
    },
  ),
  p('4-10-03-03', 'stabilise', ['手足护理|Hand and foot care', '美甲制作|Nail art', '卫生消毒|Hygiene']),
  p('4-10-03-05', 'stabilise', ['足部检查|Foot assessment', '修治|Pedicure treatment', '卫生消毒|Hygiene']),
  p('4-10-04-01', 'stabilise', [
    '体质辨识|Constitution assessment',
    '调理技术|Conditioning techniques',
    '保健指导|Health guidance',
  ]),
  p('4-10-04-02', 'stabilise', [
    '按摩手法|Massage techniques',
    '经络穴位|Meridians and points',
    '保健服务|Wellness service',
  ]),
  p('4-10-07-01', 'stabilise', ['日常护理|Daily care', '疾病预防|Disease prevention', '康复护理|Recovery care']),
  p('4-10-07-03', 'stabilise', ['洗护|Bathing', '修剪造型|Clipping and styling', '宠物安全|Pet handling safety']),
  p('4-10-08-01', 'stabilise', ['接单与取餐|Order pick-up', '配送|Delivery', '交通安全|Road safety'], {
    levels: ALL,
    levelsBasis: 'five levels per the 2021 standard (which prints the pre-2022 code 4-02-07-10)',
  }),
  p('4-10-08-02', 'stabilise', ['代驾服务|Designated driving', '安全驾驶|Safe driving', '客户服务|Customer service']),
  p(
    '4-12-01-01',
    'key',
    ['汽车维护|Maintenance', '故障诊断|Diagnosis', '总成修理|Component repair', '车身修复|Body repair'],
    {
      levels: ALL,
      hours: { 5: 500, 4: 400, 3: 300, 2: 200, 1: 120 },
      hoursEstimated: true,
      hoursBasis:
        'Estimated: 汽车维修工 standard, final-review draft text (500/400/300/200/120 标准学时); not confirmed against the published text',
    },
  ),
  p('4-12-01-02', 'key', ['维护保养|Maintenance', '故障诊断|Diagnosis', '部件修理|Parts repair']),
  p('4-12-01-03', 'key', ['电池检测|Battery testing', '维修保养|Repair and servicing', '高压安全|High-voltage safety']),
  p('4-12-02-01', 'key', ['硬件检测|Hardware testing', '系统维护|System maintenance', '故障维修|Fault repair']),
  p('4-12-02-03', 'key', ['终端检测|Device testing', '软件维护|Software servicing', '硬件维修|Hardware repair']),
  p('4-12-03-01', 'key', ['电器原理|Appliance principles', '安装调试|Installation', '故障维修|Fault repair']),
  p('4-12-03-02', 'key', ['电子电路|Electronic circuits', '检测|Testing', '维修|Repair']),
  p('4-12-04-01', 'stabilise', ['整车检查|Inspection', '机械维修|Mechanical repair', '电气维修|Electrical repair']),
  p('4-12-04-05', 'stabilise', ['燃气安全|Gas safety', '安装|Installation', '维修|Repair']),
  p('4-13-01-05', 'key', ['内容策划|Content planning', '内容制作|Content production', '渠道运营|Channel operation'], {
    online: 1,
  }),
  p(
    '4-13-04-01',
    'stabilise',
    ['学习支持|Learner support', '学习数据|Learning analytics', '平台服务|Platform service'],
    { online: 1 },
  ),
  p('4-13-04-03', 'stabilise', [
    '家庭教育知识|Family education basics',
    '咨询指导|Counselling',
    '家长课程|Parent courses',
  ]),
  p('4-14-01-02', 'stabilise', ['生活护理|Daily care', '协助诊疗|Assisting treatment', '感染防控|Infection control']),
  p('4-14-01-03', 'stabilise', ['生活照护|Daily care', '基础护理|Basic nursing', '康复照护|Rehabilitation care']),
  p('4-14-02-01', 'stabilise', [
    '膳食调查|Dietary assessment',
    '营养评价|Nutrition evaluation',
    '营养指导|Nutrition guidance',
  ]),
  p(
    '4-14-02-02',
    'stabilise',
    ['健康监测|Health monitoring', '风险评估|Risk assessment', '健康指导与干预|Guidance and intervention'],
    {
      levels: [3, 2, 1],
      hours: { 3: 180, 2: 130, 1: 110 },
      hoursEstimated: true,
      levelsBasis: 'levels 3..1',
      hoursBasis:
        'Estimated: earlier national standard for 健康管理师 (三级 180, 二级 130, 一级 110 标准学时); whether a newer standard changed them was not verified',
    },
  ),
  p('4-14-02-04', 'stabilise', [
    '孕前咨询|Pre-pregnancy counselling',
    '风险评估|Risk assessment',
    '健康教育|Health education',
  ]),
  p('4-14-02-05', 'stabilise', ['评估准备|Preparation', '能力评估|Capability assessment', '评估报告|Reporting']),
  p('4-14-03-03', 'stabilise', ['验光|Refraction', '配镜处方|Prescription', '视觉健康|Vision health']),
  p('4-14-03-06', 'stabilise', ['需求评估|Needs assessment', '辅具适配|Device fitting', '使用指导|User training']),
  p('4-14-04-02', 'stabilise', [
    '消毒方法|Disinfection methods',
    '消毒作业|Disinfection operations',
    '效果评价|Effect evaluation',
  ]),
  p('4-14-04-04', 'stabilise', [
    '健康信息|Health information',
    '健康宣教|Health education',
    '防疫协助|Epidemic prevention support',
  ]),
  p('4-14-05-01', 'stabilise', [
    '健身指导|Fitness instruction',
    '活动组织|Event organisation',
    '运动安全|Exercise safety',
  ]),
  p('4-14-06-01', 'rural', ['康养资源|Wellness resources', '康养活动|Wellness activities', '服务安全|Service safety']),
  p('4-14-06-02', 'rural', ['民宿接待|Guest reception', '客房与餐饮|Rooms and meals', '民宿运营|Homestay operation']),
  p('5-01-02-01', 'rural', [
    '播种育苗|Sowing and seedlings',
    '田间管理|Field management',
    '收获与储藏|Harvest and storage',
  ]),
  p('5-01-02-02', 'rural', ['育苗|Seedling raising', '栽培管理|Cultivation', '设施园艺|Protected horticulture']),
  p('5-01-02-03', 'rural', ['菌种制作|Spawn production', '栽培管理|Cultivation', '采收加工|Harvest and processing']),
  p('5-01-02-05', 'rural', [
    '选地与繁育|Site and propagation',
    '田间管理|Field management',
    '采收初加工|Harvest and primary processing',
  ]),
  p('5-03-01-01', 'rural', [
    '选种选配|Selection and mating',
    '人工授精|Artificial insemination',
    '繁殖管理|Breeding management',
  ]),
  p('5-03-02-01', 'rural', ['饲料与饲喂|Feed and feeding', '饲养管理|Husbandry', '疫病预防|Disease prevention']),
  p('5-03-02-02', 'rural', ['育雏|Brooding', '饲养管理|Husbandry', '疫病预防|Disease prevention']),
  p('5-03-03-01', 'rural', ['蜂蚕饲养|Bee and silkworm rearing', '病害防治|Disease control', '产品采收|Harvesting']),
  p('5-03-03-03', 'rural', ['品种与繁育|Breeds and breeding', '饲养管理|Husbandry', '疫病预防|Disease prevention']),
  p('5-04-01-01', 'rural', ['亲本培育|Broodstock', '苗种繁育|Seedling production', '水质管理|Water quality']),
  p('5-04-02-01', 'rural', ['养殖准备|Pond preparation', '饲养管理|Husbandry', '病害防治|Disease control']),
  p('5-05-01-01', 'rural', [
    '农业技术推广|Extension',
    '生产指导|Production guidance',
    '试验示范|Trials and demonstration',
  ]),
  p('5-05-01-02', 'rural', ['生产经营|Farm business', '市场营销|Marketing', '组织管理|Organisation management']),
  p('5-05-01-03', 'rural', [
    '农业数据采集|Farm data collection',
    '设备接入与运维|Device integration',
    '数字化生产管理|Digital farm management',
  ]),
  p('5-05-02-01', 'rural', [
    '病虫害识别|Pest identification',
    '测报|Forecasting',
    '防治与安全用药|Control and safe pesticide use',
  ]),
  p('5-05-02-03', 'rural', [
    '免疫接种|Vaccination',
    '疫病诊治|Diagnosis and treatment',
    '消毒与无害化处理|Disinfection and disposal',
  ]),
  p('5-05-03-01', 'rural', ['沼气池建造|Digester construction', '运行管理|Operation', '安全使用|Safe use']),
  p('5-05-05-01', 'rural', ['农机驾驶|Driving', '田间作业|Field operations', '维护保养|Maintenance']),
  p('5-05-05-02', 'rural', ['故障诊断|Diagnosis', '修理|Repair', '保养|Servicing']),
  p('5-05-06-05', 'rural', ['材料处理|Material preparation', '编织技法|Weaving techniques', '产品设计|Product design']),
  p('6-02-01-01', 'stabilise', ['面包制作|Bread', '糕点制作|Pastries', '烘焙设备|Baking equipment']),
  p('6-02-01-02', 'stabilise', ['奶油与装饰原料|Creams and materials', '裱花|Piping', '造型设计|Design']),
  p('6-02-06-10', 'rural', [
    '鲜叶处理|Fresh leaf handling',
    '制茶工艺|Tea processing',
    '精制包装|Refining and packing',
  ]),
  p('6-02-06-11', 'rural', ['茶叶品质|Tea quality', '感官审评|Sensory evaluation', '审评报告|Reporting']),
  p('6-05-01-01', 'stabilise', ['结构设计|Garment structure', '制版|Pattern making', '推板|Grading']),
  p('6-05-01-03', 'stabilise', [
    '设备使用|Machine operation',
    '部件缝制|Component sewing',
    '成衣检验|Garment inspection',
  ]),
  p('6-05-01-06', 'rural', ['针法|Stitches and techniques', '编织制作|Knitting', '拼布制作|Patchwork']),
  p('6-09-03-01', 'rural', ['材料选择|Materials', '雕刻技法|Carving techniques', '作品修饰|Finishing']),
  p('6-09-03-11', 'rural', ['针法|Stitches', '图案设计|Pattern design', '刺绣制作|Embroidery']),
  p('6-09-03-12', 'rural', ['图案与配色|Design and colour', '编织|Weaving', '修整|Finishing']),
  p('6-09-03-17', 'rural', [
    '传统技艺|Traditional techniques',
    '制作工艺|Making process',
    '创新设计|Design innovation',
  ]),
  p('6-12-02-00', 'key', ['净制切制|Cleaning and slicing', '炮炙|Processing', '质量检查|Quality checks']),
  p('6-12-03-00', 'key', [
    '药品生产规范|Good manufacturing practice',
    '制剂操作|Preparation operations',
    '质量控制|Quality control',
  ]),
  p('6-18-01-01', 'key', ['识图|Drawing reading', '车削加工|Turning', '精度检验|Measurement']),
  p('6-18-01-07', 'key', ['数控编程|CNC programming', '机床操作|Machine operation', '加工质量|Quality']),
  p(
    '6-18-02-04',
    'key',
    ['焊接工艺|Welding procedures', '焊接操作|Welding', '焊接质量检验|Weld inspection', '焊接安全|Welding safety'],
    {
      levels: ALL,
      levelsBasis: 'five levels per the 2018 standard',
    },
  ),
  p('6-20-01-01', 'key', ['识图|Drawing reading', '装配|Assembly', '调试|Adjustment']),
  p('6-21-06-01', 'key', ['洁净与生产规范|Clean-room practice', '装配|Assembly', '检验|Inspection']),
  p('6-21-06-04', 'key', [
    '原料与工艺|Materials and process',
    '生产操作|Production',
    '质量与灭菌|Quality and sterilisation',
  ]),
  p('6-22-02-01', 'key', ['装配|Assembly', '调整|Adjustment', '检测|Testing']),
  p('6-25-04-07', 'key', ['元器件识别|Components', '装接与焊接|Assembly and soldering', '检验|Inspection']),
  p('6-25-04-09', 'key', ['设备安装|Device installation', '网络配置|Network configuration', '系统调试|System testing']),
  p('6-29-01-01', 'stabilise', ['识图放线|Drawings and setting out', '砌筑|Masonry', '质量安全|Quality and safety']),
  p('6-29-01-04', 'stabilise', ['钢筋加工|Rebar fabrication', '钢筋绑扎|Rebar fixing', '质量安全|Quality and safety']),
  p('6-29-01-05', 'stabilise', ['脚手架搭设|Erection', '拆除|Dismantling', '高处作业安全|Work-at-height safety']),
  p('6-29-01-07', 'rural', ['农房建造|Rural house building', '施工质量|Construction quality', '施工安全|Site safety']),
  p('6-29-03-05', 'key', ['制冷原理|Refrigeration principles', '安装|Installation', '维修|Repair']),
  p('6-29-04-01', 'stabilise', [
    '墙面地面|Walls and floors',
    '吊顶隔墙|Ceilings and partitions',
    '水电改造|Plumbing and wiring',
  ]),
  p('6-30-05-01', 'key', ['设备检查|Pre-use checks', '起重装卸作业|Lifting and loading', '作业安全|Work safety']),
  p('6-30-05-02', 'key', ['吊索具|Rigging gear', '吊装作业|Lifting operations', '安全规程|Safety rules']),
  p('6-30-05-05', 'key', ['机械检查|Machine checks', '挖掘铲运作业|Excavation and loading', '作业安全|Work safety']),
  p('6-31-01-02', 'key', ['设备拆装|Disassembly and assembly', '故障诊断|Diagnosis', '设备维修|Repair']),
  p(
    '6-31-01-03',
    'key',
    [
      '电工基础|Electrical fundamentals',
      '电气安装|Electrical installation',
      '电气控制|Electrical control',
      '用电安全|Electrical safety',
    ],
    {
      levels: ALL,
      levelsBasis: 'five levels per the 2018 standard (人社厅发〔2018〕145号)',
    },
  ),
  p('6-31-06-00', 'key', [
    '安全检查|Safety inspection',
    '隐患排查|Hazard identification',
    '事故应急|Accident response',
  ]),
  p('6-31-07-01', 'key', ['系统维护|System maintenance', '故障诊断|Diagnosis', '系统优化|Optimisation']),
  p('6-31-07-03', 'key', ['编程示教|Teach programming', '系统操作|System operation', '安全作业|Safe operation']),
];

function modulesFor(profile: Profile, level: SkillLevel): KnowledgeModule[] {
  const areas = (profile.areasByLevel?.[level] ?? profile.areas).map(m);
  const senior = level <= 2 ? [TRAINING, MANAGEMENT] : [];
  return [ETHICS, BASICS, ...areas, ...senior].filter((mod, i, all) => all.findIndex((x) => x.zh === mod.zh) === i);
}

function buildSkillStandards(): SkillStandard[] {
  const out: SkillStandard[] = [];
  for (const profile of PROFILES) {
    const levels = profile.levels ?? [5, 4, 3];
    const levelsNote = profile.levelsBasis ?? 'levels 5..3 only: higher levels not confirmed';
    for (const level of levels) {
      const fromStandard = profile.hours?.[level];
      const minHours = fromStandard ?? HUNAN_MIN_HOURS[profile.tier][5 - level];
      const estimated = fromStandard === undefined ? true : (profile.hoursEstimated ?? true);
      const hoursBasis = fromStandard === undefined ? HUNAN_BASIS[profile.tier] : (profile.hoursBasis ?? 'see docs');
      out.push({
        occupationCode: profile.code,
        level,
        minHours,
        maxOnlineShare: profile.online ?? ONLINE_DEFAULT,
        knowledgeModules: modulesFor(profile, level),
        estimated,
        basis: `${hoursBasis}; ${levelsNote}; ${profile.online ? ONLINE_FULL_BASIS : ONLINE_DEFAULT_BASIS}`,
      });
    }
  }
  return out;
}

export const SKILL_STANDARDS: readonly SkillStandard[] = buildSkillStandards();

// Major-category-2 occupations: their 职业技术技能标准 (e.g. 人工智能工程技术人员, 2021) use 初级/中级/高级.
const PROFESSIONAL_AREAS: Record<string, string[]> = {
  '2-02-38-01': [
    '人工智能基础|AI fundamentals',
    '机器学习与深度学习|Machine and deep learning',
    '人工智能应用开发|AI application development',
  ],
  '2-02-38-02': [
    '物联网架构|IoT architecture',
    '感知与通信|Sensing and communication',
    '物联网系统集成|System integration',
  ],
  '2-02-38-03': ['大数据平台|Big data platforms', '数据处理|Data processing', '数据分析与挖掘|Analysis and mining'],
  '2-02-38-04': ['云计算架构|Cloud architecture', '云平台运维|Cloud operations', '云安全|Cloud security'],
  '2-02-38-05': [
    '智能制造系统|Smart manufacturing systems',
    '数字化设计与仿真|Digital design and simulation',
    '生产线集成|Line integration',
  ],
  '2-02-38-06': [
    '工业网络|Industrial networks',
    '工业互联网平台|Industrial internet platforms',
    '工业数据应用|Industrial data',
  ],
  '2-02-38-08': ['区块链原理|Blockchain principles', '智能合约|Smart contracts', '区块链系统|Blockchain systems'],
  '2-07-10-03': [
    '心理学基础|Psychology basics',
    '心理评估|Psychological assessment',
    '心理咨询技能|Counselling skills',
  ],
};
const GRADES: ProfessionalGrade[] = ['junior', 'intermediate', 'senior'];

export const PROFESSIONAL_STANDARDS: readonly ProfessionalStandard[] = Object.entries(PROFESSIONAL_AREAS).flatMap(
  ([code, areas]) =>
    GRADES.map((grade, i) => {
      const tier: Tier = code === '2-07-10-03' ? 'stabilise' : 'key';
      return {
        occupationCode: code,
        grade,
        minHours: HUNAN_MIN_HOURS[tier][i],
        maxOnlineShare: ONLINE_DEFAULT,
        knowledgeModules: [ETHICS, BASICS, ...areas.map(m)],
        estimated: true,
        basis: `${HUNAN_BASIS[tier]} (grades 初级/中级/高级 mapped in order onto the first three tier values); ${ONLINE_DEFAULT_BASIS}`,
      };
    }),
);

/** Occupations in OCCUPATIONS that have neither a skill nor a professional standard here (expected: none). */
export function occupationsWithoutStandards(): string[] {
  const covered = new Set([...SKILL_STANDARDS, ...PROFESSIONAL_STANDARDS].map((s) => s.occupationCode));
  return OCCUPATIONS.filter((o) => !covered.has(o.code)).map((o) => o.code);
}

export function standardFor(code: string, level: SkillLevel): SkillStandard | undefined {
  return SKILL_STANDARDS.find((s) => s.occupationCode === code && s.level === level);
}
