// Every error the API can return, with its HTTP status and zh-CN / English messages, in one table.
// Codes are stable: clients branch on them, so never rename one.

export type Locale = 'zh-CN' | 'en';

type ErrorSpec = { status: number; zh: string; en: string };

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '请求数据不正确', en: 'The request data is not valid' },
  UNKNOWN_FIELD: { status: 400, zh: '请求包含不允许的字段', en: 'The request contains a field that is not allowed' },
  NOT_FOUND: { status: 404, zh: '请求的资源不存在', en: 'The requested resource does not exist' },
  FORBIDDEN: { status: 403, zh: '您没有权限执行此操作', en: 'You are not allowed to do this' },
  CSRF_INVALID: { status: 403, zh: '安全校验失败，请刷新页面后重试', en: 'Security check failed; reload the page and try again' },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试', en: 'Too many requests; please try again later' },
  INTERNAL: { status: 500, zh: '服务器内部错误，请稍后再试', en: 'Internal server error; please try again later' },

  AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  AUTH_SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  AUTH_SIGNED_IN_ELSEWHERE: {
    status: 401,
    zh: '您的账号已于 {at} 在另一台设备登录（IP {ip}），本设备已退出',
    en: 'Your account was signed in on another device at {at} (IP {ip}); this device has been signed out',
  },
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '账号或密码错误', en: 'Wrong account or password' },
  AUTH_ACCOUNT_LOCKED: {
    status: 423,
    zh: '密码错误次数过多，账号已临时锁定，请于 {until} 后再试或通过验证码重置密码',
    en: 'Too many wrong passwords; the account is locked until {until}. Try again later or reset the password',
  },
  AUTH_ACCOUNT_DISABLED: { status: 403, zh: '账号已停用，请联系所属机构或主管部门', en: 'This account is disabled; contact your institution or regulator' },
  AUTH_ACCOUNT_NOT_ACTIVATED: {
    status: 403,
    zh: '账号尚未激活：请点击“忘记密码”，用手机短信验证码设置密码，完成实名注册后再登录',
    en: 'This account is not activated yet: use "Forgot password" to set a password with an SMS code, then sign in',
  },
  AUTH_CODE_INVALID: { status: 400, zh: '验证码错误或已过期', en: 'The verification code is wrong or has expired' },
  AUTH_CODE_TOO_FREQUENT: { status: 429, zh: '验证码发送过于频繁，请 {seconds} 秒后再试', en: 'Codes are sent too often; try again in {seconds} seconds' },
  AUTH_PASSWORD_WEAK: {
    status: 400,
    zh: '密码至少 8 位，且须同时包含字母和数字',
    en: 'The password needs at least 8 characters with both letters and digits',
  },
  AUTH_PASSWORD_WRONG: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },

  IDENTITY_ID_NUMBER_INVALID: { status: 400, zh: '身份证号码无效：{reason}', en: 'Invalid resident ID number: {reason}' },
  IDENTITY_PHONE_INVALID: { status: 400, zh: '手机号码格式不正确，应为 11 位中国大陆手机号', en: 'Invalid mobile number; expected an 11-digit mainland China number' },
  IDENTITY_NAME_INVALID: { status: 400, zh: '姓名应为 2–30 个字符的真实姓名', en: 'The name must be a real name of 2–30 characters' },
  IDENTITY_ID_NUMBER_TAKEN: {
    status: 409,
    zh: '该身份证号已注册账号。一人只能注册一个账号，如忘记密码请使用“找回密码”',
    en: 'An account is already registered with this ID number. One person may hold one account; use "Forgot password" if needed',
  },
  IDENTITY_PHONE_TAKEN: {
    status: 409,
    zh: '该手机号已被其他账号使用，请更换手机号或找回原账号',
    en: 'This mobile number is already used by an account; use another number or recover that account',
  },

  INVITATION_NOT_FOUND: { status: 404, zh: '邀请不存在或已失效', en: 'The invitation does not exist or is no longer valid' },
  INVITATION_NOT_ALLOWED: { status: 403, zh: '您不能邀请该角色或该范围的人员', en: 'You may not invite this role or scope' },
  COURSE_NOT_DRAFT: { status: 409, zh: '课程已发布，不能删除课时；如需调整请归档后新建版本', en: 'The course is published; archive it and create a new version instead of removing lessons' },
  COURSE_EMPTY: { status: 409, zh: '课程还没有课时，不能发布', en: 'The course has no lessons yet and cannot be published' },
  COURSE_MEDIA_NOT_READY: { status: 409, zh: '有课时的视频或文档尚未处理完成，暂不能发布', en: 'Some lesson media is not processed yet; the course cannot be published' },
  // Classes (开班): lifecycle and review
  CLASS_ILLEGAL_TRANSITION: {
    status: 409, zh: '班级当前状态（{status}）不允许此操作（{action}）', en: 'The class is {status}; the action {action} is not allowed now',
  },
  CLASS_PRECHECKS_FAILED: { status: 409, zh: '开班预检未通过，请按提示修改后再提交', en: 'The class did not pass its pre-checks; fix the items shown and submit again' },
  CLASS_REASON_REQUIRED: { status: 400, zh: '退回或驳回必须填写理由', en: 'Returning or rejecting needs a reason' },
  CLASS_CHANGE_PENDING: { status: 409, zh: '该班级已有待审核的变更', en: 'This class already has a change waiting for review' },
  INVITATION_ID_MISMATCH: { status: 400, zh: '身份证信息与邀请中的姓名不一致', en: 'The ID number does not match the invited person' },
  // Media (uploads, processing, playback)
  MEDIA_EMPTY: { status: 400, zh: '上传的文件是空的', en: 'The uploaded file is empty' },
  MEDIA_TYPE_NOT_ALLOWED: {
    status: 415,
    zh: '不支持该文件类型：请上传视频（MP4、MOV、WebM、MKV、AVI、FLV、3GP）或 PDF 文档',
    en: 'This file type is not accepted; upload a video (MP4, MOV, WebM, MKV, AVI, FLV, 3GP) or a PDF document',
  },
  MEDIA_TOO_LARGE: { status: 413, zh: '文件超过大小上限（{limitMb} MB）', en: 'The file exceeds the size limit of {limitMb} MB' },
  MEDIA_INVALID_DOCUMENT: { status: 400, zh: '无法读取该 PDF 文档，文件可能已损坏或不完整', en: 'The PDF document cannot be read; the file may be damaged or incomplete' },
  MEDIA_UNREADABLE: { status: 422, zh: '无法解析该视频文件，文件可能已损坏或编码不受支持', en: 'The video cannot be decoded; the file may be damaged or use an unsupported encoding' },
  MEDIA_PROCESSING_FAILED: { status: 500, zh: '视频转码失败，请重新上传', en: 'Processing the video failed; please upload it again' },
  MEDIA_NOT_READY: { status: 409, zh: '媒体文件尚未处理完成或处理失败，暂不可用', en: 'The media is still being processed or its processing failed' },
  MEDIA_FILE_MISSING: { status: 404, zh: '存储中找不到该媒体文件，请重新上传', en: 'The media file is missing from storage; please upload it again' },
  RANGE_NOT_SATISFIABLE: { status: 416, zh: '请求的字节范围无效', en: 'The requested byte range cannot be served' },
  // Enrolment (报名): roster files, import, withdrawal. ENROLMENT_ROW_* codes appear only inside an import report
  // (errors and warnings per spreadsheet row), next to the IDENTITY_*_INVALID codes reused there.
  CLASS_ROSTER_LOCKED: {
    status: 409,
    zh: '班级已提交审核或已结束（当前状态：{status}），名单不能直接修改；已审批班级的名单调整请提交变更申请',
    en: 'The class is {status}, so its roster cannot be changed directly; for an approved class, submit a roster change for review',
  },
  ENROLMENT_FILE_EMPTY: { status: 400, zh: '名单文件中没有学员数据', en: 'The file contains no learner rows' },
  ENROLMENT_FILE_TOO_LARGE: { status: 413, zh: '名单文件超过大小上限（{limitMb} MB），请分批导入', en: 'The file exceeds the size limit of {limitMb} MB; import it in parts' },
  ENROLMENT_FILE_TOO_MANY_ROWS: {
    status: 413, zh: '名单最多 {max} 行，本文件有 {rows} 行，请分批导入', en: 'A roster file may have at most {max} rows; this one has {rows}. Import it in parts',
  },
  ENROLMENT_FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    zh: '请上传 Excel 工作簿（.xlsx）或 CSV 文件；旧版 .xls 请先另存为 .xlsx。可下载名单模板填写',
    en: 'Upload an Excel workbook (.xlsx) or a CSV file; save an old .xls file as .xlsx first. The roster template can be downloaded',
  },
  ENROLMENT_FILE_UNREADABLE: { status: 400, zh: '无法读取该 Excel 文件，文件可能已损坏或不是工作簿', en: 'The Excel file cannot be read; it may be damaged or not a workbook' },
  ENROLMENT_FILE_HEADER_INVALID: {
    status: 400,
    zh: '第 1 行应为表头“姓名、身份证号、手机号”，缺少：{missing}。请使用名单模板',
    en: 'Row 1 must be the header "Name, Resident ID, Phone"; missing: {missing}. Please use the roster template',
  },
  ENROLMENT_FILE_HAS_ERRORS: {
    status: 409,
    zh: '名单中有 {invalid} 行有误，未导入任何人。请修改后重新上传，或选择“仅导入无误的行”',
    en: '{invalid} rows have errors, so nobody was imported. Fix them and upload again, or choose to import only the valid rows',
  },
  ENROLMENT_CAPACITY_EXCEEDED: {
    status: 409,
    zh: '超出班级容量：容量 {capacity} 人，已报名 {enrolled} 人，本次将新增 {adding} 人',
    en: 'This exceeds the class capacity: {capacity} places, {enrolled} enrolled, {adding} more in this import',
  },
  ENROLMENT_ROW_REQUIRED: { status: 400, zh: '此项不能为空', en: 'This cell must not be empty' },
  ENROLMENT_ROW_EXAMPLE: { status: 400, zh: '这是模板中的示例行，请删除', en: 'This is the example row of the template; delete it' },
  ENROLMENT_ROW_ID_NUMBER_NOT_TEXT: {
    status: 400,
    zh: '身份证号被存成了数字，末几位已丢失；请将该列设为“文本”格式后重新填写',
    en: 'The ID number was stored as a number and lost its last digits; format the column as text and type it again',
  },
  ENROLMENT_ROW_DUPLICATE_ID_NUMBER: { status: 400, zh: '与第 {firstRow} 行的身份证号重复', en: 'Same resident ID number as row {firstRow}' },
  ENROLMENT_ROW_DUPLICATE_PHONE: { status: 400, zh: '与第 {firstRow} 行的手机号重复', en: 'Same mobile number as row {firstRow}' },
  ENROLMENT_ROW_NAME_MISMATCH: {
    status: 409, zh: '姓名与该身份证号已登记的实名信息不一致', en: 'The name does not match the real-name record held for this ID number',
  },
  ENROLMENT_ROW_NOT_A_LEARNER: { status: 409, zh: '该身份证号对应的账号不能作为学员报名', en: 'The account of this ID number cannot be enrolled as a learner' },
  ENROLMENT_ROW_ACCOUNT_DISABLED: {
    status: 409, zh: '该学员的账号已停用，不能报名', en: 'This learner’s account is disabled and cannot be enrolled',
  },
  ENROLMENT_ROW_PHONE_TAKEN: { status: 409, zh: '该手机号已被其他账号使用，请核对', en: 'This mobile number is used by another account; please check it' },
  ENROLMENT_ROW_OVERLAPPING_CLASS: {
    status: 409,
    zh: '该学员已在同一职业（工种）、同一等级且培训时间重叠的另一个班级中',
    en: 'This learner is already in another class of the same occupation and level whose dates overlap',
  },
  ENROLMENT_ROW_ALREADY_ENROLLED: { status: 200, zh: '已在本班名单中，将跳过', en: 'Already on this class’s roster; skipped' },
  ENROLMENT_ROW_PHONE_DIFFERS: {
    status: 200,
    zh: '该学员已有账号，账号登记的手机号与文件中的不同；将保留账号的手机号',
    en: 'This learner already has an account registered with another mobile number; the account keeps its number',
  },
  // Offline attendance (线下实训考勤): venue QR code, geofence, live photo
  ATTENDANCE_TOKEN_INVALID: { status: 400, zh: '签到二维码无效，请扫描实训现场屏幕上的二维码', en: 'This attendance code is not valid; scan the code shown on the screen at the venue' },
  ATTENDANCE_TOKEN_EXPIRED: { status: 400, zh: '签到二维码已过期（每分钟更新），请重新扫描现场屏幕', en: 'This attendance code has expired (it changes every minute); scan the screen at the venue again' },
  ATTENDANCE_TOKEN_REPLAYED: { status: 409, zh: '该二维码您已使用过，请扫描现场屏幕上的新二维码', en: 'You have already used this code; scan the new code on the screen at the venue' },
  ATTENDANCE_NOT_ENROLLED: { status: 403, zh: '您不在该班级的学员名单中', en: 'You are not on the roster of this class' },
  ATTENDANCE_CLASS_NOT_ACTIVE: { status: 409, zh: '该班级未经批准或不在培训期内，不能考勤', en: 'This class is not approved or not within its training period; attendance is not possible' },
  ATTENDANCE_SESSION_NOT_OPEN: {
    status: 409, zh: '当前不在{action}时间内（{opensAt} 至 {closesAt}）', en: '{action} is open only from {opensAt} to {closesAt}',
  },
  ATTENDANCE_TOO_FAR: {
    status: 403, zh: '您距离实训场地约 {distance} 米，超出考勤范围（{radius} 米）', en: 'You are about {distance} m from the venue, outside the attendance radius of {radius} m',
  },
  ATTENDANCE_THEORY_INCOMPLETE: { status: 403, zh: '请先完成本班的线上理论学习，再参加线下实训', en: 'Finish the online theory of this class before attending offline practice' },
  ATTENDANCE_ALREADY_CHECKED_IN: { status: 409, zh: '您已在本次实训签到', en: 'You have already checked in to this session' },
  ATTENDANCE_NOT_CHECKED_IN: { status: 409, zh: '您尚未在本次实训签到，不能签退', en: 'You have not checked in to this session, so you cannot check out' },
  ATTENDANCE_ALREADY_CHECKED_OUT: { status: 409, zh: '您已在本次实训签退', en: 'You have already checked out of this session' },
  ATTENDANCE_PHOTO_INVALID: { status: 415, zh: '现场照片须为 JPEG 或 PNG 图片', en: 'The live photo must be a JPEG or PNG image' },
  ATTENDANCE_PHOTO_TOO_LARGE: { status: 413, zh: '现场照片超过大小上限（{limitMb} MB）', en: 'The live photo exceeds the size limit of {limitMb} MB' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly options: { field?: string; details?: Record<string, unknown>; params?: MessageParams } = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}

/** A message parameter is either the same in both languages or given per language. */
export type MessageParams = Record<string, string | number | { 'zh-CN': string; en: string }>;

function fill(template: string, locale: Locale, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key] ?? '';
    return typeof value === 'object' ? value[locale] : String(value);
  });
}

export function errorMessages(code: ErrorCode, params?: MessageParams) {
  const spec: ErrorSpec = ERRORS[code];
  return { 'zh-CN': fill(spec.zh, 'zh-CN', params), en: fill(spec.en, 'en', params) };
}

/** The JSON body every error response has. */
export function errorBody(err: AppError, locale: Locale) {
  const messages = errorMessages(err.code, err.options.params);
  return {
    error: {
      code: err.code,
      message: messages[locale],
      messages,
      ...(err.options.field ? { field: err.options.field } : {}),
      ...(err.options.details ? { details: err.options.details } : {}),
    },
  };
}

export function pickLocale(header: string | undefined, acceptLanguage: string | undefined): Locale {
  const wanted = (header || acceptLanguage || '').toLowerCase();
  if (header) return wanted.startsWith('en') ? 'en' : 'zh-CN';
  // Accept-Language: first listed language decides; Chinese is the default.
  return wanted.split(',')[0]?.trim().startsWith('en') ? 'en' : 'zh-CN';
}
