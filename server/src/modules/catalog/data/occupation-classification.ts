// Occupations of the national classification, 《中华人民共和国职业分类大典（2022年版）》.
//
// Codes and Chinese names were checked one by one against a structured extract of the 2022 public-comment draft
// (社会公示稿; 8 major, 79 medium, 449 small categories, 1,636 occupations). The final edition lists 1,639
// occupations; three entries added after the draft could not be checked, so nothing here relies on them. English
// names are Yunxue's own translations (the 大典 has no official English text). See docs/catalogue-sources.md.
//
// Codes move between editions and a vacated code may be reused, so always store the edition with a code. Several
// occupations changed code in 2022 (e.g.
// 互联网营销师 4-01-02-07 → 4-01-06-02, 网约配送员 4-02-07-10 → 4-10-08-01, 人工智能工程技术人员 2-02-10-09 →
// 2-02-38-01). National skill standards published before 2022 still print the old code.

export const CLASSIFICATION_EDITION = '2022' as const;

/** Published totals of the 2022 edition (MOHRSS press conference, 2022-09-28) and of the public-comment draft. */
export const CLASSIFICATION_TOTALS = {
  majorCategories: 8,
  mediumCategories: 79,
  smallCategories: 449,
  occupations: 1639,
  occupationsInDraft: 1636,
  digitalOccupations: 97,
  greenOccupations: 134,
} as const;

export interface MajorCategory {
  code: string;
  nameZh: string;
  nameEn: string;
}
export interface MediumCategory {
  code: string;
  nameZh: string;
  nameEn: string;
  parentCode: string;
}
export interface SmallCategory {
  code: string;
  nameZh: string;
  nameEn: string;
  parentCode: string;
}
export interface Occupation {
  /** Detailed code 大类-中类-小类-细类, e.g. 4-10-01-05. */
  code: string;
  nameZh: string;
  nameEn: string;
  smallCategoryCode: string;
  /** Search keywords (Chinese first), including common informal names. */
  tags: string[];
}

export const MAJOR_CATEGORIES: readonly MajorCategory[] = [
  {
    code: '1',
    nameZh: '党的机关、国家机关、群众团体和社会组织、企事业单位负责人',
    nameEn:
      'Heads of Party and state organs, mass organizations, social organizations, enterprises and public institutions',
  },
  { code: '2', nameZh: '专业技术人员', nameEn: 'Professional and technical personnel' },
  { code: '3', nameZh: '办事人员和有关人员', nameEn: 'Clerks and related personnel' },
  { code: '4', nameZh: '社会生产服务和生活服务人员', nameEn: 'Social production service and life service personnel' },
  {
    code: '5',
    nameZh: '农、林、牧、渔业生产及辅助人员',
    nameEn: 'Agriculture, forestry, animal husbandry and fishery production and auxiliary personnel',
  },
  { code: '6', nameZh: '生产制造及有关人员', nameEn: 'Production and manufacturing and related personnel' },
  { code: '7', nameZh: '军队人员', nameEn: 'Military personnel' },
  { code: '8', nameZh: '不便分类的其他从业人员', nameEn: 'Other workers not elsewhere classified' },
];

const medium = (code: string, nameZh: string, nameEn: string): MediumCategory => ({
  code,
  nameZh,
  nameEn,
  parentCode: code.slice(0, 1),
});

export const MEDIUM_CATEGORIES: readonly MediumCategory[] = [
  medium('2-02', '工程技术人员', 'Engineering and technical personnel'),
  medium('2-07', '监察、法律、社会和宗教专业人员', 'Supervisory, legal, social and religious professionals'),
  medium('3-02', '安全和消防及辅助人员', 'Security, fire-fighting and auxiliary personnel'),
  medium('4-01', '批发与零售服务人员', 'Wholesale and retail service personnel'),
  medium(
    '4-02',
    '交通运输、仓储物流和邮政业服务人员',
    'Transport, warehousing, logistics and postal service personnel',
  ),
  medium('4-03', '住宿和餐饮服务人员', 'Accommodation and catering service personnel'),
  medium('4-04', '信息传输、软件和信息技术服务人员', 'Information transmission, software and IT service personnel'),
  medium('4-06', '房地产服务人员', 'Real estate service personnel'),
  medium('4-07', '租赁和商务服务人员', 'Leasing and business service personnel'),
  medium('4-08', '技术辅助服务人员', 'Technical support service personnel'),
  medium(
    '4-09',
    '水利、环境和公共设施管理服务人员',
    'Water, environment and public facility management service personnel',
  ),
  medium('4-10', '居民服务人员', 'Resident service personnel'),
  medium('4-12', '修理及制作服务人员', 'Repair and custom-making service personnel'),
  medium('4-13', '文化和教育服务人员', 'Culture and education service personnel'),
  medium('4-14', '健康、体育和休闲服务人员', 'Health, sports and leisure service personnel'),
  medium('5-01', '农业生产人员', 'Agricultural production personnel'),
  medium('5-03', '畜牧业生产人员', 'Animal husbandry production personnel'),
  medium('5-04', '渔业生产人员', 'Fishery production personnel'),
  medium(
    '5-05',
    '农、林、牧、渔业生产辅助人员',
    'Agriculture, forestry, animal husbandry and fishery auxiliary personnel',
  ),
  medium('6-02', '食品、饮料生产加工人员', 'Food and beverage production personnel'),
  medium(
    '6-05',
    '纺织品、服装和皮革、毛皮制品加工制作人员',
    'Textile product, garment, leather and fur product makers',
  ),
  medium(
    '6-09',
    '文教、工美、体育和娱乐用品制造人员',
    'Makers of stationery, arts and crafts, sports and entertainment goods',
  ),
  medium('6-12', '医药制造人员', 'Pharmaceutical manufacturing personnel'),
  medium('6-18', '机械制造基础加工人员', 'Basic mechanical processing personnel'),
  medium('6-20', '通用设备制造人员', 'General equipment manufacturing personnel'),
  medium('6-21', '专用设备制造人员', 'Special equipment manufacturing personnel'),
  medium('6-22', '汽车制造人员', 'Automobile manufacturing personnel'),
  medium(
    '6-25',
    '计算机、通信和其他电子设备制造人员',
    'Computer, communication and other electronic equipment manufacturing personnel',
  ),
  medium('6-29', '建筑施工人员', 'Construction personnel'),
  medium(
    '6-30',
    '运输设备和通用工程机械操作人员及有关人员',
    'Transport equipment and general construction machinery operators and related personnel',
  ),
  medium('6-31', '生产辅助人员', 'Production support personnel'),
];

const small = (code: string, nameZh: string, nameEn: string): SmallCategory => ({
  code,
  nameZh,
  nameEn,
  parentCode: code.slice(0, 4),
});

export const SMALL_CATEGORIES: readonly SmallCategory[] = [
  small('2-02-38', '数字技术工程技术人员', 'Digital technology engineering technicians'),
  small('2-07-10', '社会工作专业人员', 'Social work professionals'),
  small('3-02-03', '消防和应急救援人员', 'Fire-fighting and emergency rescue personnel'),
  small('4-01-02', '销售人员', 'Sales personnel'),
  small('4-01-03', '贸易经纪代理人员', 'Trade brokers and agents'),
  small('4-01-05', '特殊商品购销人员', 'Purchasing and sales personnel for special goods'),
  small('4-01-06', '电子商务服务人员', 'E-commerce service personnel'),
  small('4-02-02', '道路运输服务人员', 'Road transport service personnel'),
  small('4-02-04', '航空运输服务人员', 'Air transport service personnel'),
  small('4-02-05', '装卸搬运和运输代理服务人员', 'Loading, handling and freight agency personnel'),
  small('4-02-06', '仓储物流服务人员', 'Warehousing and logistics service personnel'),
  small('4-02-07', '邮政和快递服务人员', 'Postal and express delivery service personnel'),
  small('4-03-01', '住宿服务人员', 'Accommodation service personnel'),
  small('4-03-02', '餐饮服务人员', 'Catering service personnel'),
  small('4-04-04', '信息通信网络运行管理人员', 'ICT network operation and management personnel'),
  small('4-04-05', '软件和信息技术服务人员', 'Software and IT service personnel'),
  small('4-06-01', '物业管理服务人员', 'Property management service personnel'),
  small('4-07-02', '商务咨询服务人员', 'Business consulting service personnel'),
  small('4-07-03', '人力资源服务人员', 'Human resources service personnel'),
  small('4-07-04', '旅游及公共游览场所服务人员', 'Tourism and public attraction service personnel'),
  small('4-07-05', '安全保护服务人员', 'Security and protection service personnel'),
  small('4-08-05', '检验、检测和计量服务人员', 'Inspection, testing and metrology service personnel'),
  small('4-08-08', '专业化设计服务人员', 'Specialized design service personnel'),
  small('4-08-09', '摄影扩印服务人员', 'Photography and photo-finishing personnel'),
  small('4-09-07', '环境治理服务人员', 'Environmental management service personnel'),
  small('4-09-08', '环境卫生服务人员', 'Environmental sanitation service personnel'),
  small('4-09-09', '有害生物防制人员', 'Pest control personnel'),
  small('4-09-10', '绿化与园艺服务人员', 'Greening and gardening service personnel'),
  small('4-10-01', '生活照料服务人员', 'Personal care service personnel'),
  small('4-10-02', '服装裁剪和洗染织补人员', 'Tailoring, laundering, dyeing and mending personnel'),
  small('4-10-03', '美容美发和浴池服务人员', 'Beauty, hairdressing and bathhouse service personnel'),
  small('4-10-04', '保健服务人员', 'Health care service personnel'),
  small('4-10-07', '宠物服务人员', 'Pet service personnel'),
  small('4-10-08', '社区生活服务人员', 'Community life service personnel'),
  small('4-12-01', '汽车摩托车修理技术服务人员', 'Automobile and motorcycle repair personnel'),
  small('4-12-02', '计算机和办公设备维修人员', 'Computer and office equipment repair personnel'),
  small('4-12-03', '家用电子电器产品维修人员', 'Household electronic and electrical appliance repair personnel'),
  small('4-12-04', '日用产品修理服务人员', 'Daily-use product repair personnel'),
  small('4-13-01', '社会文化活动服务人员', 'Social and cultural activity service personnel'),
  small('4-13-04', '教育服务人员', 'Education service personnel'),
  small('4-14-01', '医疗辅助服务人员', 'Medical auxiliary service personnel'),
  small('4-14-02', '健康咨询服务人员', 'Health consulting service personnel'),
  small('4-14-03', '康复矫正服务人员', 'Rehabilitation and correction service personnel'),
  small('4-14-04', '公共卫生辅助服务人员', 'Public health auxiliary service personnel'),
  small('4-14-05', '体育健身和娱乐场所服务人员', 'Sports, fitness and entertainment venue service personnel'),
  small('4-14-06', '康养、休闲服务人员', 'Wellness and leisure service personnel'),
  small('5-01-02', '农作物生产人员', 'Crop production personnel'),
  small('5-03-01', '畜禽种苗繁育人员', 'Livestock and poultry breeding personnel'),
  small('5-03-02', '畜禽饲养人员', 'Livestock and poultry raising personnel'),
  small('5-03-03', '特种经济动物饲养人员', 'Special economic animal raising personnel'),
  small('5-04-01', '水产苗种繁育人员', 'Aquatic seedling breeding personnel'),
  small('5-04-02', '水产养殖人员', 'Aquaculture personnel'),
  small('5-05-01', '农业生产服务人员', 'Agricultural production service personnel'),
  small('5-05-02', '动植物疫病防治人员', 'Animal and plant disease control personnel'),
  small('5-05-03', '农村能源利用人员', 'Rural energy utilization personnel'),
  small('5-05-05', '农机化服务人员', 'Agricultural mechanization service personnel'),
  small('5-05-06', '农副林特产品初加工人员', 'Primary processors of agricultural, forest and specialty products'),
  small('6-02-01', '焙烤食品制造人员', 'Baked food makers'),
  small('6-02-06', '酒、饮料及精制茶制造人员', 'Liquor, beverage and refined tea makers'),
  small('6-05-01', '纺织品和服装剪裁缝纫人员', 'Textile and garment cutting and sewing personnel'),
  small('6-09-03', '工艺美术品制造人员', 'Arts and crafts makers'),
  small('6-12-02', '中药饮片加工人员', 'Prepared Chinese herbal medicine processors'),
  small('6-12-03', '药物制剂人员', 'Pharmaceutical preparation personnel'),
  small('6-18-01', '机械冷加工人员', 'Mechanical cold-working personnel'),
  small('6-18-02', '机械热加工人员', 'Mechanical hot-working personnel'),
  small('6-20-01', '通用基础件装配制造人员', 'General basic parts assembly and manufacturing personnel'),
  small('6-21-06', '医疗器械制品和康复辅具生产人员', 'Medical device and rehabilitation aid production personnel'),
  small('6-22-02', '汽车整车制造人员', 'Vehicle assembly personnel'),
  small('6-25-04', '电子设备装配调试人员', 'Electronic equipment assembly and testing personnel'),
  small('6-29-01', '房屋建筑施工人员', 'Building construction personnel'),
  small('6-29-03', '建筑安装施工人员', 'Building installation personnel'),
  small('6-29-04', '建筑装饰人员', 'Building decoration personnel'),
  small('6-30-05', '通用工程机械操作人员', 'General construction machinery operators'),
  small('6-31-01', '机械设备修理人员', 'Mechanical equipment repair personnel'),
  small('6-31-06', '安全生产管理人员', 'Production safety management personnel'),
  small('6-31-07', '工业机器人操作运维人员', 'Industrial robot operation and maintenance personnel'),
];

// The small category is the first three segments of the code by construction of the classification; deriving it
// keeps the two from ever disagreeing.
const occ = (code: string, nameZh: string, nameEn: string, tags: string[]): Occupation => ({
  code,
  nameZh,
  nameEn,
  smallCategoryCode: code.slice(0, 7),
  tags,
});

export const OCCUPATIONS: readonly Occupation[] = [
  // 2 专业技术人员 — graded 初级/中级/高级, see PROFESSIONAL_STANDARDS
  occ('2-02-38-01', '人工智能工程技术人员', 'Artificial Intelligence Engineering Technician', [
    '人工智能',
    'AI',
    '算法',
    '机器学习',
  ]),
  occ('2-02-38-02', '物联网工程技术人员', 'Internet of Things Engineering Technician', ['物联网', 'IoT', '传感']),
  occ('2-02-38-03', '大数据工程技术人员', 'Big Data Engineering Technician', ['大数据', '数据', '数据分析']),
  occ('2-02-38-04', '云计算工程技术人员', 'Cloud Computing Engineering Technician', ['云计算', '云', '运维']),
  occ('2-02-38-05', '智能制造工程技术人员', 'Intelligent Manufacturing Engineering Technician', [
    '智能制造',
    '先进制造',
    '工业',
  ]),
  occ('2-02-38-06', '工业互联网工程技术人员', 'Industrial Internet Engineering Technician', ['工业互联网', '智能制造']),
  occ('2-02-38-08', '区块链工程技术人员', 'Blockchain Engineering Technician', ['区块链']),
  occ('2-07-10-03', '心理咨询师', 'Psychological Counsellor', ['心理咨询', '心理健康', '心理']),
  // 3 办事人员和有关人员
  occ('3-02-03-04', '消防安全管理员', 'Fire Safety Administrator', ['消防', '消防安全', '安全']),
  occ('3-02-03-08', '应急救援员', 'Emergency Rescuer', ['应急', '救援', '急救']),
  // 4-01 批发与零售
  occ('4-01-02-01', '营销员', 'Sales and Marketing Representative', ['营销', '销售']),
  occ('4-01-02-03', '商品营业员', 'Retail Sales Clerk', ['营业员', '零售', '导购']),
  occ('4-01-02-04', '收银员', 'Cashier', ['收银', '零售']),
  occ('4-01-02-06', '连锁经营管理师', 'Chain Store Operations Manager', ['连锁经营', '门店管理', '零售']),
  occ('4-01-03-01', '农产品经纪人', 'Agricultural Products Broker', ['农产品', '经纪', '农村电商']),
  occ('4-01-05-01', '农产品购销员', 'Agricultural Products Purchasing and Sales Agent', ['农产品', '购销']),
  occ('4-01-05-02', '医药商品购销员', 'Pharmaceutical Products Purchasing and Sales Agent', ['医药', '药品', '购销']),
  occ('4-01-06-01', '电子商务师', 'E-commerce Specialist', ['电子商务', '电商', '网店', '农村电商']),
  occ('4-01-06-02', '互联网营销师', 'Internet Marketing Specialist', [
    '互联网营销',
    '直播带货',
    '直播销售',
    '网络分销',
    '短视频',
  ]),
  // 4-02 交通运输、仓储物流和邮政
  occ('4-02-02-02', '道路货运汽车驾驶员', 'Road Freight Truck Driver', ['货运', '驾驶员', '物流']),
  occ('4-02-04-06', '无人机驾驶员', 'Drone Pilot', ['无人机', '植保无人机', '航拍']),
  occ('4-02-05-01', '装卸搬运工', 'Loader and Handler', ['装卸', '搬运', '物流']),
  occ('4-02-06-01', '仓储管理员', 'Warehouse Keeper', ['仓储', '仓库', '物流']),
  occ('4-02-06-02', '理货员', 'Tally Clerk', ['理货', '仓储', '物流']),
  occ('4-02-06-03', '物流服务师', 'Logistics Service Specialist', ['物流', '配送']),
  occ('4-02-06-05', '供应链管理师', 'Supply Chain Manager', ['供应链', '物流', '采购']),
  occ('4-02-07-08', '快递员', 'Courier', ['快递', '配送', '物流']),
  occ('4-02-07-09', '快件处理员', 'Express Parcel Handler', ['快递', '分拣', '物流']),
  // 4-03 住宿和餐饮
  occ('4-03-01-01', '前厅服务员', 'Front Office Attendant', ['酒店', '前台', '住宿']),
  occ('4-03-01-02', '客房服务员', 'Room Attendant', ['酒店', '客房', '住宿']),
  occ('4-03-02-01', '中式烹调师', 'Chinese Cuisine Cook', ['厨师', '烹饪', '中餐', '餐饮']),
  occ('4-03-02-02', '中式面点师', 'Chinese Pastry Cook', ['面点', '厨师', '中餐', '餐饮']),
  occ('4-03-02-03', '西式烹调师', 'Western Cuisine Cook', ['厨师', '西餐', '烹饪', '餐饮']),
  occ('4-03-02-04', '西式面点师', 'Western Pastry Cook', ['西点', '烘焙', '面点', '餐饮']),
  occ('4-03-02-05', '餐厅服务员', 'Restaurant Server', ['餐厅', '服务员', '餐饮']),
  occ('4-03-02-06', '营养配餐员', 'Nutritional Meal Planner', ['营养', '配餐', '餐饮']),
  occ('4-03-02-07', '茶艺师', 'Tea Art Specialist', ['茶艺', '茶', '餐饮']),
  occ('4-03-02-08', '咖啡师', 'Barista', ['咖啡', '饮品', '餐饮']),
  occ('4-03-02-10', '调饮师', 'Beverage Maker', ['饮品', '奶茶', '餐饮']),
  occ('4-03-02-11', '食品安全管理师', 'Food Safety Manager', ['食品安全', '餐饮']),
  // 4-04 信息技术服务
  occ('4-04-04-01', '信息通信网络运行管理员', 'ICT Network Operations Administrator', ['网络', '运维', '通信']),
  occ('4-04-04-02', '网络与信息安全管理员', 'Network and Information Security Administrator', [
    '网络安全',
    '信息安全',
    '运维',
  ]),
  occ('4-04-05-01', '计算机程序设计员', 'Computer Programmer', ['编程', '软件开发', '程序员']),
  occ('4-04-05-02', '计算机软件测试员', 'Software Tester', ['软件测试', '测试']),
  occ('4-04-05-03', '呼叫中心服务员', 'Call Centre Agent', ['客服', '呼叫中心']),
  occ('4-04-05-05', '人工智能训练师', 'Artificial Intelligence Trainer', ['人工智能', 'AI', '数据标注', '算法测试']),
  occ('4-04-05-06', '区块链应用操作员', 'Blockchain Application Operator', ['区块链']),
  occ('4-04-05-07', '服务机器人应用技术员', 'Service Robot Application Technician', ['机器人', '服务机器人']),
  // 4-06 房地产服务
  occ('4-06-01-01', '物业管理师', 'Property Manager', ['物业', '社区']),
  occ('4-06-01-04', '智能楼宇管理员', 'Intelligent Building Administrator', ['智能楼宇', '智慧建筑', '物业']),
  // 4-07 租赁和商务服务
  occ('4-07-02-03', '客户服务管理员', 'Customer Service Administrator', ['客服', '客户服务']),
  occ('4-07-02-05', '商务数据分析师', 'Business Data Analyst', ['数据分析', '电商运营', '大数据']),
  occ('4-07-03-01', '职业指导师', 'Career Counsellor', ['职业指导', '就业', '就业指导']),
  occ('4-07-03-03', '创业指导师', 'Entrepreneurship Counsellor', ['创业', '创业指导']),
  occ('4-07-03-04', '企业人力资源管理师', 'Enterprise Human Resources Manager', ['人力资源', 'HR', '人事']),
  occ('4-07-03-05', '职业培训师', 'Vocational Trainer', ['培训师', '职业培训', '讲师']),
  occ('4-07-04-01', '导游', 'Tour Guide', ['导游', '旅游']),
  occ('4-07-04-06', '休闲农业服务员', 'Leisure Agriculture Attendant', ['休闲农业', '乡村旅游', '农家乐']),
  occ('4-07-05-01', '保安员', 'Security Guard', ['保安', '安保', '安全']),
  occ('4-07-05-02', '安检员', 'Security Screener', ['安检', '安全']),
  occ('4-07-05-03', '消防设施操作员', 'Fire Protection Equipment Operator', ['消防', '消控室', '安全']),
  occ('4-07-05-04', '安全防范系统安装维护员', 'Security System Installer and Maintainer', ['安防', '监控', '弱电']),
  // 4-08 技术辅助服务
  occ('4-08-05-01', '农产品食品检验员', 'Agricultural Product and Food Inspector', ['检验', '食品安全', '农产品']),
  occ('4-08-08-07', '室内装饰设计师', 'Interior Decoration Designer', ['室内设计', '装修', '设计']),
  occ('4-08-08-20', '形象设计师', 'Image Designer', ['形象设计', '化妆', '造型']),
  occ('4-08-08-23', '建筑信息模型技术员', 'Building Information Modelling Technician', ['BIM', '建筑信息模型', '建筑']),
  occ('4-08-09-01', '商业摄影师', 'Commercial Photographer', ['摄影', '短视频', '电商']),
  // 4-09 环境和公共设施
  occ('4-09-07-04', '碳排放管理员', 'Carbon Emission Administrator', ['碳排放', '双碳', '环保']),
  occ('4-09-08-01', '保洁员', 'Cleaner', ['保洁', '清洁', '家政']),
  occ('4-09-09-00', '有害生物防制员', 'Pest Control Worker', ['消杀', '除虫', '卫生']),
  occ('4-09-10-01', '园林绿化工', 'Landscaping and Greening Worker', ['园林', '绿化', '园艺']),
  occ('4-09-10-05', '插花花艺师', 'Floral Design Artist', ['插花', '花艺']),
  // 4-10 居民服务
  occ('4-10-01-01', '婴幼儿发展引导员', 'Infant and Toddler Development Guide', ['育婴', '早教', '婴幼儿', '托育']),
  occ('4-10-01-03', '保育师', 'Childcare Worker', ['保育', '托育', '婴幼儿', '育婴']),
  occ('4-10-01-04', '孤残儿童护理员', 'Carer for Orphaned and Disabled Children', ['儿童护理', '福利院', '残疾儿童']),
  occ('4-10-01-05', '养老护理员', 'Elderly Care Worker', ['养老', '护理', '老年人', '护工']),
  occ('4-10-01-06', '家政服务员', 'Domestic Service Worker', ['家政', '保姆', '月嫂', '母婴护理', '家庭照护']),
  occ('4-10-02-01', '裁缝', 'Tailor', ['裁缝', '服装', '手工']),
  occ('4-10-02-02', '洗衣师', 'Laundry Specialist', ['洗衣', '洗涤', '家政']),
  occ('4-10-03-01', '美容师', 'Beautician', ['美容', '护肤']),
  occ('4-10-03-02', '美发师', 'Hairdresser', ['美发', '理发', '发型']),
  occ('4-10-03-03', '美甲师', 'Nail Technician', ['美甲']),
  occ('4-10-03-05', '修脚师', 'Pedicurist', ['修脚', '足部护理']),
  occ('4-10-04-01', '保健调理师', 'Health Conditioning Practitioner', ['保健', '调理', '艾灸', '刮痧']),
  occ('4-10-04-02', '保健按摩师', 'Health Massage Therapist', ['按摩', '保健', '推拿']),
  occ('4-10-07-01', '宠物健康护理员', 'Pet Health Care Attendant', ['宠物', '宠物护理']),
  occ('4-10-07-03', '宠物美容师', 'Pet Groomer', ['宠物', '宠物美容']),
  occ('4-10-08-01', '网约配送员', 'Online Platform Delivery Rider', ['外卖', '骑手', '配送', '即时配送']),
  occ('4-10-08-02', '汽车代驾员', 'Designated Driver', ['代驾', '驾驶']),
  // 4-12 修理及制作
  occ('4-12-01-01', '汽车维修工', 'Automobile Repairer', ['汽修', '汽车维修', '汽车']),
  occ('4-12-01-02', '摩托车修理工', 'Motorcycle Repairer', ['摩托车', '维修']),
  occ('4-12-01-03', '电池及电池系统维修保养师', 'Battery and Battery System Maintenance Technician', [
    '新能源汽车',
    '动力电池',
    '维修',
  ]),
  occ('4-12-02-01', '计算机维修工', 'Computer Repairer', ['电脑维修', '计算机']),
  occ('4-12-02-03', '信息通信网络终端维修员', 'ICT Terminal Repairer', ['手机维修', '终端维修']),
  occ('4-12-03-01', '家用电器产品维修工', 'Household Appliance Repairer', ['家电维修', '空调', '冰箱', '洗衣机']),
  occ('4-12-03-02', '家用电子产品维修工', 'Household Electronics Repairer', ['家电维修', '电子产品', '电视']),
  occ('4-12-04-01', '自行车与电动自行车维修工', 'Bicycle and Electric Bicycle Repairer', ['电动车', '自行车', '维修']),
  occ('4-12-04-05', '燃气具安装维修工', 'Gas Appliance Installer and Repairer', ['燃气', '热水器', '灶具', '维修']),
  // 4-13 文化和教育
  occ('4-13-01-05', '全媒体运营师', 'Omni-media Operator', ['新媒体', '自媒体', '短视频', '运营']),
  occ('4-13-04-01', '在线学习服务师', 'Online Learning Service Specialist', ['在线教育', '在线学习', '网课']),
  occ('4-13-04-03', '家庭教育指导师', 'Family Education Instructor', ['家庭教育', '育儿', '亲子']),
  // 4-14 健康、体育和休闲
  occ('4-14-01-02', '医疗护理员', 'Medical Care Assistant', ['护工', '陪护', '医院']),
  occ('4-14-01-03', '健康照护师', 'Health Carer', ['照护', '长期照护', '失能']),
  occ('4-14-02-01', '营养师', 'Nutritionist', ['营养', '膳食']),
  occ('4-14-02-02', '健康管理师', 'Health Manager', ['健康管理', '健康服务', '慢病']),
  occ('4-14-02-04', '出生缺陷防控咨询师', 'Birth Defect Prevention Counsellor', ['优生', '母婴', '孕产']),
  occ('4-14-02-05', '老年人能力评估师', 'Elderly Capability Assessor', ['养老', '评估', '老年人']),
  occ('4-14-03-03', '眼镜验光师', 'Optometrist', ['验光', '眼镜', '视力']),
  occ('4-14-03-06', '康复辅助技术咨询师', 'Rehabilitation Assistive Technology Consultant', ['康复', '辅具', '残疾人']),
  occ('4-14-04-02', '消毒员', 'Disinfection Worker', ['消毒', '防疫', '卫生']),
  occ('4-14-04-04', '社群健康助理员', 'Community Health Assistant', ['社区健康', '健康服务', '防疫']),
  occ('4-14-05-01', '社会体育指导员', 'Social Sports Instructor', ['健身', '体育', '运动']),
  occ('4-14-06-01', '森林园林康养师', 'Forest and Garden Wellness Practitioner', ['康养', '森林康养', '乡村旅游']),
  occ('4-14-06-02', '民宿管家', 'Homestay Butler', ['民宿', '乡村旅游', '住宿']),
  // 5 农、林、牧、渔业
  occ('5-01-02-01', '农艺工', 'Agronomy Worker', ['种植', '农业', '大田']),
  occ('5-01-02-02', '园艺工', 'Horticulture Worker', ['园艺', '蔬菜', '果树', '花卉']),
  occ('5-01-02-03', '食用菌生产工', 'Edible Fungi Grower', ['食用菌', '蘑菇', '种植']),
  occ('5-01-02-05', '中药材种植员', 'Medicinal Herb Grower', ['中药材', '种植']),
  occ('5-03-01-01', '家畜繁殖员', 'Livestock Breeder', ['养殖', '家畜', '繁育', '畜牧']),
  occ('5-03-02-01', '家畜饲养员', 'Livestock Keeper', ['养殖', '养猪', '养牛', '养羊', '畜牧']),
  occ('5-03-02-02', '家禽饲养员', 'Poultry Keeper', ['养殖', '养鸡', '养鸭', '家禽']),
  occ('5-03-03-01', '经济昆虫养殖员', 'Economic Insect Breeder', ['养蜂', '养蚕', '养殖']),
  occ('5-03-03-03', '特种动物养殖员', 'Special Animal Breeder', ['特种养殖', '养殖']),
  occ('5-04-01-01', '水生动物苗种繁育工', 'Aquatic Animal Seedling Breeder', ['水产', '苗种', '繁育']),
  occ('5-04-02-01', '水生动物饲养工', 'Aquatic Animal Farmer', ['水产养殖', '养鱼', '养虾', '水产']),
  occ('5-05-01-01', '农业技术员', 'Agricultural Technician', ['农技', '农业技术', '种植']),
  occ('5-05-01-02', '农业经理人', 'Agricultural Manager', ['农业经营', '合作社', '家庭农场']),
  occ('5-05-01-03', '农业数字化技术员', 'Agricultural Digitalization Technician', [
    '智慧农业',
    '数字农业',
    '农业物联网',
  ]),
  occ('5-05-02-01', '农作物植保员', 'Crop Protection Worker', ['植保', '病虫害', '农药']),
  occ('5-05-02-03', '动物疫病防治员', 'Animal Disease Prevention Worker', ['防疫', '兽医', '畜牧']),
  occ('5-05-03-01', '沼气工', 'Biogas Worker', ['沼气', '农村能源']),
  occ('5-05-05-01', '农机驾驶操作员', 'Agricultural Machinery Operator', ['农机', '拖拉机', '收割机']),
  occ('5-05-05-02', '农机修理工', 'Agricultural Machinery Repairer', ['农机', '维修']),
  occ('5-05-06-05', '竹藤师', 'Bamboo and Rattan Craftsperson', ['竹编', '藤编', '编织', '手工']),
  // 6 生产制造
  occ('6-02-01-01', '糕点面包烘焙工', 'Pastry and Bread Baker', ['烘焙', '面包', '糕点']),
  occ('6-02-01-02', '糕点装饰师', 'Cake Decorator', ['裱花', '蛋糕', '烘焙']),
  occ('6-02-06-10', '茶叶加工工', 'Tea Processor', ['茶叶', '制茶']),
  occ('6-02-06-11', '评茶师', 'Tea Taster', ['茶叶', '评茶']),
  occ('6-05-01-01', '服装制版师', 'Garment Pattern Maker', ['服装', '制版', '打版']),
  occ('6-05-01-03', '缝纫工', 'Sewing Worker', ['缝纫', '服装', '制衣']),
  occ('6-05-01-06', '绒线编织拼布工', 'Yarn Knitting and Patchwork Worker', ['编织', '手工编织', '拼布', '手工']),
  occ('6-09-03-01', '工艺品雕刻工', 'Handicraft Carver', ['雕刻', '工艺品', '手工']),
  occ('6-09-03-11', '抽纱刺绣工', 'Drawnwork and Embroidery Worker', ['刺绣', '绣花', '抽纱', '手工']),
  occ('6-09-03-12', '手工地毯制作工', 'Handmade Carpet Maker', ['地毯', '编织', '手工']),
  occ('6-09-03-17', '民间工艺品制作工', 'Folk Handicraft Maker', ['民间工艺', '非遗', '手工']),
  occ('6-12-02-00', '中药炮制工', 'Chinese Herbal Medicine Processor', ['中药', '炮制', '医药']),
  occ('6-12-03-00', '药物制剂工', 'Pharmaceutical Preparation Worker', ['制药', '医药', '药品生产']),
  occ('6-18-01-01', '车工', 'Lathe Operator', ['车床', '机加工']),
  occ('6-18-01-07', '多工序数控机床操作调整工', 'Multi-process CNC Machine Tool Operator', ['数控', 'CNC', '机加工']),
  occ('6-18-02-04', '焊工', 'Welder', ['焊接', '电焊']),
  occ('6-20-01-01', '装配钳工', 'Assembly Fitter', ['钳工', '装配']),
  occ('6-21-06-01', '医疗器械装配工', 'Medical Device Assembler', ['医疗器械', '医用物资', '装配']),
  occ('6-21-06-04', '医用材料产品生产工', 'Medical Material Product Worker', [
    '医用材料',
    '医用物资',
    '口罩',
    '防护用品',
  ]),
  occ('6-22-02-01', '汽车装调工', 'Automobile Assembler and Tuner', ['汽车制造', '装调']),
  occ('6-25-04-07', '电子设备装接工', 'Electronic Equipment Assembler', ['电子装配', '焊接', '电子']),
  occ('6-25-04-09', '物联网安装调试员', 'IoT Installer and Tester', ['物联网', '安装调试']),
  occ('6-29-01-01', '砌筑工', 'Bricklayer', ['砌墙', '建筑']),
  occ('6-29-01-04', '钢筋工', 'Steel Fixer', ['钢筋', '建筑']),
  occ('6-29-01-05', '架子工', 'Scaffolder', ['脚手架', '建筑', '登高']),
  occ('6-29-01-07', '乡村建设工匠', 'Rural Construction Craftsperson', ['乡村建设', '农房', '建筑']),
  occ('6-29-03-05', '制冷空调系统安装维修工', 'Refrigeration and Air-conditioning System Installer and Repairer', [
    '空调安装',
    '制冷',
    '维修',
  ]),
  occ('6-29-04-01', '装饰装修工', 'Decoration and Renovation Worker', ['装修', '装饰', '家装']),
  occ('6-30-05-01', '起重装卸机械操作工', 'Lifting and Loading Machinery Operator', ['起重机', '叉车', '装卸', '行车']),
  occ('6-30-05-02', '起重工', 'Rigger', ['起重', '吊装']),
  occ('6-30-05-05', '挖掘铲运和桩工机械司机', 'Excavator, Loader and Piling Machine Operator', [
    '挖掘机',
    '铲车',
    '装载机',
  ]),
  occ('6-31-01-02', '机修钳工', 'Maintenance Fitter', ['钳工', '设备维修']),
  occ('6-31-01-03', '电工', 'Electrician', ['电工', '电气', '维修电工']),
  occ('6-31-06-00', '安全员', 'Safety Officer', ['安全生产', '安全员']),
  occ('6-31-07-01', '工业机器人系统运维员', 'Industrial Robot System Maintainer', ['工业机器人', '运维', '智能制造']),
  occ('6-31-07-03', '工业机器人系统操作员', 'Industrial Robot System Operator', ['工业机器人', '操作', '智能制造']),
];

/**
 * Occupations that the source documents or common training catalogues name but whose 2022 code could not be
 * verified. They are deliberately not in OCCUPATIONS; a catalogue maintainer must confirm them against the printed
 * edition before use.
 */
export const UNVERIFIED_OCCUPATIONS: readonly {
  nameZh: string;
  nameEn: string;
  reason: string;
  useInstead: string[];
}[] = [
  {
    nameZh: '育婴员',
    nameEn: 'Infant Care Worker',
    reason:
      'Absent from the 2022 public-comment draft (code 4-10-01-02 is skipped there); its status in the final 2022 edition could not be checked.',
    useInstead: ['4-10-01-01', '4-10-01-03'],
  },
  {
    nameZh: '手工编织工',
    nameEn: 'Hand Knitter',
    reason: 'No occupation of this name in the 2022 draft; hand knitting falls under 绒线编织拼布工 and 竹藤师.',
    useInstead: ['6-05-01-06', '5-05-06-05'],
  },
  {
    nameZh: '刺绣工',
    nameEn: 'Embroiderer',
    reason: 'No occupation of this name in the 2022 draft; embroidery is 抽纱刺绣工.',
    useInstead: ['6-09-03-11'],
  },
  {
    nameZh: '叉车司机',
    nameEn: 'Forklift Driver',
    reason:
      'A job type (工种), not an occupation; the occupation it belongs to in 2022 was not verified. Tagged on 起重装卸机械操作工 for search only.',
    useInstead: ['6-30-05-01'],
  },
];

export function findOccupation(code: string): Occupation | undefined {
  return OCCUPATIONS.find((o) => o.code === code);
}
