import type { QuestionContent } from '../../modules/question-banks/index.js';
import type { DrawRule } from '../../modules/question-banks/index.js';

// The demo question bank of the Hangzhou school for electricians (6-31-01-03), level 5: questions of every type, each
// tied to a knowledge module of the skill standard (职业道德, 基础知识 and the four trade modules of the catalogue), and
// the rules the formal theory paper is drawn by (100 points, at least three safety questions).

const choice = (
  type: 'single' | 'multiple',
  moduleCode: string,
  stem: string,
  options: string[],
  answer: string[],
  explanation: string,
  difficulty = 2,
): QuestionContent => ({
  type,
  stem,
  options: options.map((text, i) => ({ key: 'ABCDEFGH'[i], text })),
  answer,
  explanation,
  difficulty,
  moduleCode,
});
const judge = (moduleCode: string, stem: string, answer: boolean, explanation: string): QuestionContent => ({
  type: 'true_false',
  stem,
  options: [],
  answer: [answer ? 'true' : 'false'],
  explanation,
  difficulty: 1,
  moduleCode,
});
const blank = (moduleCode: string, stem: string, accepted: string[], explanation: string): QuestionContent => ({
  type: 'fill_blank',
  stem,
  options: [],
  answer: accepted,
  explanation,
  difficulty: 2,
  moduleCode,
});

export const DEMO_BANK_NAME = '电工（五级）理论题库';
export const DEMO_PAPER_NAME = '电工（五级）理论考试 A 卷（随机抽题）';

export const DEMO_QUESTIONS: QuestionContent[] = [
  choice(
    'single',
    '用电安全',
    '我国规定的安全电压额定值等级中，一般环境下最常用的是（ ）。',
    ['12 V', '24 V', '36 V', '42 V'],
    ['C'],
    '一般环境安全电压为 36 V，潮湿或金属容器内为 12 V。',
  ),
  choice(
    'single',
    '用电安全',
    '发现有人触电，首先应当（ ）。',
    ['立即拉他离开', '迅速切断电源', '打电话报警', '进行人工呼吸'],
    ['B'],
    '先使触电者脱离电源，再施救。',
  ),
  choice(
    'single',
    '用电安全',
    '停电检修时，在一经合闸即可送电到工作地点的开关操作把手上应悬挂（ ）标示牌。',
    ['止步，高压危险', '禁止合闸，有人工作', '在此工作', '从此上下'],
    ['B'],
    '防止误合闸伤人。',
  ),
  choice(
    'single',
    '用电安全',
    '漏电保护器的额定漏电动作电流，用于人身保护时一般不大于（ ）。',
    ['10 mA', '30 mA', '50 mA', '100 mA'],
    ['B'],
    '手持式电动工具等场所一般选 30 mA、0.1 s。',
    3,
  ),
  choice(
    'single',
    '电工基础',
    '在纯电阻电路中，电压为 220 V、电阻为 44 Ω 时，电流为（ ）。',
    ['0.2 A', '2 A', '5 A', '10 A'],
    ['C'],
    '欧姆定律 I = U / R = 220 / 44 = 5 A。',
  ),
  choice(
    'single',
    '电工基础',
    '我国工频交流电的频率是（ ）。',
    ['50 Hz', '60 Hz', '100 Hz', '220 Hz'],
    ['A'],
    '我国电网频率为 50 Hz。',
    1,
  ),
  choice(
    'single',
    '电气安装',
    '照明线路中，开关应接在（ ）上。',
    ['零线', '相线', '地线', '任意一根线'],
    ['B'],
    '开关控制相线，断开后灯具不带电。',
  ),
  choice(
    'single',
    '电气安装',
    '单相三孔插座的接线，面对插座上孔应接（ ）。',
    ['相线', '零线', '保护接地线', '不接线'],
    ['C'],
    '左零右火上接地。',
  ),
  choice(
    'single',
    '电气控制',
    '三相异步电动机的旋转方向取决于（ ）。',
    ['电源电压大小', '电源频率', '定子电流的相序', '负载大小'],
    ['C'],
    '任意调换两相即可反转。',
    3,
  ),
  choice(
    'single',
    '基础知识',
    '用万用表测量电阻前，必须（ ）。',
    ['带电测量', '断开被测电路电源', '选最大电流挡', '将表笔短接后不调零'],
    ['B'],
    '测电阻须断电，并先欧姆调零。',
  ),
  choice(
    'multiple',
    '用电安全',
    '下列属于防止触电的技术措施有（ ）。',
    ['保护接地', '保护接零', '装设漏电保护器', '使用安全电压', '穿化纤衣服'],
    ['A', 'B', 'C', 'D'],
    '化纤衣服易产生静电，不是防触电措施。',
  ),
  choice(
    'multiple',
    '电气安装',
    '导线连接的基本要求包括（ ）。',
    ['接触紧密，接头电阻小', '机械强度不低于原导线的 80%', '耐腐蚀', '绝缘强度不低于原导线', '接头越多越好'],
    ['A', 'B', 'C', 'D'],
    '接头应尽量少。',
    3,
  ),
  choice(
    'multiple',
    '电气控制',
    '三相异步电动机的降压启动方法有（ ）。',
    ['星—三角降压启动', '自耦变压器降压启动', '定子串电阻降压启动', '直接全压启动'],
    ['A', 'B', 'C'],
    '直接启动不是降压启动。',
    3,
  ),
  choice(
    'multiple',
    '基础知识',
    '电工常用的绝缘安全用具有（ ）。',
    ['绝缘手套', '绝缘靴', '验电器', '钢丝钳（无绝缘柄）'],
    ['A', 'B', 'C'],
    '无绝缘柄的钢丝钳不能带电作业。',
  ),
  choice(
    'multiple',
    '职业道德',
    '电工职业守则的要求包括（ ）。',
    ['遵纪守法，爱岗敬业', '严格执行安全操作规程', '团结协作，文明生产', '为赶进度可以带电作业'],
    ['A', 'B', 'C'],
    '安全第一，严禁违章作业。',
    1,
  ),
  judge('用电安全', '电气设备着火时，可以用泡沫灭火器带电灭火。', false, '应先断电，带电时用二氧化碳或干粉灭火器。'),
  judge('用电安全', '验电前应先在有电的设备上确认验电器完好。', true, '确保验电器良好，防止误判。'),
  judge('电工基础', '串联电路中，各电阻上流过的电流相等。', true, '串联电路电流处处相等。'),
  judge('电气安装', '螺口灯头的相线应接在螺纹端子上。', false, '相线应接中心触点，零线接螺纹。'),
  judge(
    '电气控制',
    '热继电器在电动机控制电路中起短路保护作用。',
    false,
    '热继电器起过载保护，短路保护靠熔断器或断路器。',
  ),
  judge('职业道德', '电工作业人员必须持证上岗。', true, '特种作业人员须取得相应资格证书。'),
  blank('电工基础', '电功率的单位是____（填中文名称）。', ['瓦特', '瓦'], '功率单位为瓦特（W）。'),
  blank('电气安装', '我国低压配电系统中，相电压为____ V。', ['220'], '线电压 380 V，相电压 220 V。'),
  blank('用电安全', '保护接地线的绝缘层颜色规定为____双色。', ['黄绿', '绿黄'], '黄绿双色线只能用作保护线。'),
  {
    type: 'short_answer',
    stem: '简述低压设备停电检修时保证安全的技术措施及其顺序。',
    options: [],
    answer: ['停电、验电、装设接地线、悬挂标示牌和装设遮栏。'],
    explanation: '评分要点：四项措施各 4 分，顺序正确 4 分；缺项按项扣分。',
    difficulty: 3,
    moduleCode: '用电安全',
  },
  {
    type: 'short_answer',
    stem: '简述三相异步电动机接触器自锁控制线路的工作过程。',
    options: [],
    answer: [
      '按下启动按钮，接触器线圈得电，主触点闭合电动机运转，辅助常开触点闭合自锁；按下停止按钮，线圈失电，电动机停转。',
    ],
    explanation: '评分要点：启动过程 8 分，自锁作用 6 分，停止过程 6 分。',
    difficulty: 3,
    moduleCode: '电气控制',
  },
];

/** 20 questions, 100 points: three safety single-choice questions, then any of the rest. */
export const DEMO_PAPER_RULES: DrawRule[] = [
  { type: 'single', count: 3, moduleCode: '用电安全' },
  { type: 'single', count: 5 },
  { type: 'multiple', count: 4 },
  { type: 'true_false', count: 5 },
  { type: 'fill_blank', count: 2 },
  { type: 'short_answer', count: 1 },
];
export const DEMO_TYPE_SCORES = { single: 4, multiple: 6, true_false: 2, fill_blank: 7, short_answer: 20 };
