// Every error the API can return, with its HTTP status and zh-CN / English messages, in one table.
// Codes are stable: clients branch on them, so never rename one.

export type Locale = 'zh-CN' | 'en';

type ErrorSpec = { status: number; zh: string; en: string };

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '请求数据不正确', en: 'The request data is not valid' },
  UNKNOWN_FIELD: { status: 400, zh: '请求包含不允许的字段', en: 'The request contains a field that is not allowed' },
  NOT_FOUND: { status: 404, zh: '请求的资源不存在', en: 'The requested resource does not exist' },
  FORBIDDEN: { status: 403, zh: '您没有权限执行此操作', en: 'You are not allowed to do this' },
  CSRF_INVALID: {
    status: 403,
    zh: '安全校验失败，请刷新页面后重试',
    en: 'Security check failed; reload the page and try again',
  },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试', en: 'Too many requests; please try again later' },
  INTERNAL: { status: 500, zh: '服务器内部错误，请稍后再试', en: 'Internal server error; please try again later' },
  DB_UNAVAILABLE: {
    status: 503,
    zh: '数据库暂时不可用，请稍后重试',
    en: 'The database is temporarily unavailable; please try again shortly',
  },
  HOT_STATE_UNAVAILABLE: {
    status: 503,
    zh: '共享状态服务（Redis）暂时不可用，请稍后重试',
    en: 'The shared state service (Redis) is temporarily unavailable; please try again shortly',
  },
  BODY_TOO_LARGE: { status: 413, zh: '请求内容过大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '不支持的请求内容类型，请以 application/json 提交',
    en: 'Unsupported content type; send application/json',
  },

  AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  AUTH_SESSION_EXPIRED: {
    status: 401,
    zh: '登录已过期，请重新登录',
    en: 'Your session has expired; please sign in again',
  },
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
  AUTH_ACCOUNT_DISABLED: {
    status: 403,
    zh: '账号已停用，请联系所属机构或主管部门',
    en: 'This account is disabled; contact your institution or regulator',
  },
  AUTH_ACCOUNT_NOT_ACTIVATED: {
    status: 403,
    zh: '账号尚未激活：请点击“忘记密码”，用手机短信验证码设置密码，完成实名注册后再登录',
    en: 'This account is not activated yet: use "Forgot password" to set a password with an SMS code, then sign in',
  },
  AUTH_CODE_INVALID: { status: 400, zh: '验证码错误或已过期', en: 'The verification code is wrong or has expired' },
  AUTH_CODE_TOO_FREQUENT: {
    status: 429,
    zh: '验证码发送过于频繁，请 {seconds} 秒后再试',
    en: 'Codes are sent too often; try again in {seconds} seconds',
  },
  AUTH_PASSWORD_WEAK: {
    status: 400,
    zh: '密码至少 8 位，且须同时包含字母和数字',
    en: 'The password needs at least 8 characters with both letters and digits',
  },
  AUTH_PASSWORD_WRONG: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },

  IDENTITY_ID_NUMBER_INVALID: {
    status: 400,
    zh: '身份证号码无效：{reason}',
    en: 'Invalid resident ID number: {reason}',
  },
  IDENTITY_PHONE_INVALID: {
    status: 400,
    zh: '手机号码格式不正确，应为 11 位中国大陆手机号',
    en: 'Invalid mobile number; expected an 11-digit mainland China number',
  },
  IDENTITY_NAME_INVALID: {
    status: 400,
    zh: '姓名应为 2–30 个字符的真实姓名',
    en: 'The name must be a real name of 2–30 characters',
  },
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

  INVITATION_NOT_FOUND: {
    status: 404,
    zh: '邀请不存在或已失效',
    en: 'The invitation does not exist or is no longer valid',
  },
  INVITATION_NOT_ALLOWED: {
    status: 403,
    zh: '您不能邀请该角色或该范围的人员',
    en: 'You may not invite this role or scope',
  },
  COURSE_NOT_DRAFT: {
    status: 409,
    zh: '课程已发布，不能删除课时；如需调整请归档后新建版本',
    en: 'The course is published; archive it and create a new version instead of removing lessons',
  },
  COURSE_EMPTY: {
    status: 409,
    zh: '课程还没有课时，不能发布',
    en: 'The course has no lessons yet and cannot be published',
  },
  COURSE_MEDIA_NOT_READY: {
    status: 409,
    zh: '有课时的视频或文档尚未处理完成，暂不能发布',
    en: 'Some lesson media is not processed yet; the course cannot be published',
  },
  // Classes (开班): lifecycle and review
  CLASS_ILLEGAL_TRANSITION: {
    status: 409,
    zh: '班级当前状态（{status}）不允许此操作（{action}）',
    en: 'The class is {status}; the action {action} is not allowed now',
  },
  CALENDAR_DAY_INVALID: {
    status: 400,
    zh: '日期 {day} 不正确：须为该年份内真实存在且不重复的日期',
    en: 'The date {day} is not valid: it must be a real date of that year, listed once',
  },
  CALENDAR_WORKDAY_NOT_WEEKEND: {
    status: 400,
    zh: '{day} 不是周六或周日，无需设为调休上班日',
    en: '{day} is not a Saturday or Sunday; only a weekend day can be a make-up working day',
  },
  CLASS_PRECHECKS_FAILED: {
    status: 409,
    zh: '开班预检未通过，请按提示修改后再提交',
    en: 'The class did not pass its pre-checks; fix the items shown and submit again',
  },
  CLASS_REASON_REQUIRED: { status: 400, zh: '退回或驳回必须填写理由', en: 'Returning or rejecting needs a reason' },
  CLASS_CHANGE_PENDING: {
    status: 409,
    zh: '该班级已有待审核的变更',
    en: 'This class already has a change waiting for review',
  },
  TEACHER_ALREADY_DISQUALIFIED: {
    status: 409,
    zh: '该职业资格已被撤销',
    en: 'This qualification has already been withdrawn',
  },
  INVITATION_ID_MISMATCH: {
    status: 400,
    zh: '身份证信息与邀请中的姓名不一致',
    en: 'The ID number does not match the invited person',
  },
  // Media (uploads, processing, playback)
  MEDIA_EMPTY: { status: 400, zh: '上传的文件是空的', en: 'The uploaded file is empty' },
  MEDIA_TYPE_NOT_ALLOWED: {
    status: 415,
    zh: '不支持该文件类型：请上传视频（MP4、MOV、WebM、MKV、AVI、FLV、3GP）或 PDF 文档',
    en: 'This file type is not accepted; upload a video (MP4, MOV, WebM, MKV, AVI, FLV, 3GP) or a PDF document',
  },
  MEDIA_TOO_LARGE: {
    status: 413,
    zh: '文件超过大小上限（{limitMb} MB）',
    en: 'The file exceeds the size limit of {limitMb} MB',
  },
  MEDIA_INVALID_DOCUMENT: {
    status: 400,
    zh: '无法读取该 PDF 文档，文件可能已损坏或不完整',
    en: 'The PDF document cannot be read; the file may be damaged or incomplete',
  },
  MEDIA_UNREADABLE: {
    status: 422,
    zh: '无法解析该视频文件，文件可能已损坏或编码不受支持',
    en: 'The video cannot be decoded; the file may be damaged or use an unsupported encoding',
  },
  MEDIA_PROCESSING_FAILED: {
    status: 500,
    zh: '视频转码失败，请重新上传',
    en: 'Processing the video failed; please upload it again',
  },
  MEDIA_NOT_READY: {
    status: 409,
    zh: '媒体文件尚未处理完成或处理失败，暂不可用',
    en: 'The media is still being processed or its processing failed',
  },
  MEDIA_FILE_MISSING: {
    status: 404,
    zh: '存储中找不到该媒体文件，请重新上传',
    en: 'The media file is missing from storage; please upload it again',
  },
  RANGE_NOT_SATISFIABLE: { status: 416, zh: '请求的字节范围无效', en: 'The requested byte range cannot be served' },
  // Enrolment (报名): roster files, import, withdrawal. ENROLMENT_ROW_* codes appear only inside an import report
  // (errors and warnings per spreadsheet row), next to the IDENTITY_*_INVALID codes reused there.
  CLASS_ROSTER_LOCKED: {
    status: 409,
    zh: '班级已提交审核或已结束（当前状态：{status}），名单不能直接修改；已审批班级的名单调整请提交变更申请',
    en: 'The class is {status}, so its roster cannot be changed directly; for an approved class, submit a roster change for review',
  },
  ENROLMENT_FILE_EMPTY: { status: 400, zh: '名单文件中没有学员数据', en: 'The file contains no learner rows' },
  ENROLMENT_FILE_TOO_LARGE: {
    status: 413,
    zh: '名单文件超过大小上限（{limitMb} MB），请分批导入',
    en: 'The file exceeds the size limit of {limitMb} MB; import it in parts',
  },
  ENROLMENT_FILE_TOO_MANY_ROWS: {
    status: 413,
    zh: '名单最多 {max} 行，本文件有 {rows} 行，请分批导入',
    en: 'A roster file may have at most {max} rows; this one has {rows}. Import it in parts',
  },
  ENROLMENT_FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    zh: '请上传 Excel 工作簿（.xlsx）或 CSV 文件；旧版 .xls 请先另存为 .xlsx。可下载名单模板填写',
    en: 'Upload an Excel workbook (.xlsx) or a CSV file; save an old .xls file as .xlsx first. The roster template can be downloaded',
  },
  ENROLMENT_FILE_UNREADABLE: {
    status: 400,
    zh: '无法读取该 Excel 文件，文件可能已损坏或不是工作簿',
    en: 'The Excel file cannot be read; it may be damaged or not a workbook',
  },
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
  ENROLMENT_ROW_EXAMPLE: {
    status: 400,
    zh: '这是模板中的示例行，请删除',
    en: 'This is the example row of the template; delete it',
  },
  ENROLMENT_ROW_ID_NUMBER_NOT_TEXT: {
    status: 400,
    zh: '身份证号被存成了数字，末几位已丢失；请将该列设为“文本”格式后重新填写',
    en: 'The ID number was stored as a number and lost its last digits; format the column as text and type it again',
  },
  ENROLMENT_ROW_DUPLICATE_ID_NUMBER: {
    status: 400,
    zh: '与第 {firstRow} 行的身份证号重复',
    en: 'Same resident ID number as row {firstRow}',
  },
  ENROLMENT_ROW_DUPLICATE_PHONE: {
    status: 400,
    zh: '与第 {firstRow} 行的手机号重复',
    en: 'Same mobile number as row {firstRow}',
  },
  ENROLMENT_ROW_NAME_MISMATCH: {
    status: 409,
    zh: '姓名与该身份证号已登记的实名信息不一致',
    en: 'The name does not match the real-name record held for this ID number',
  },
  ENROLMENT_ROW_NOT_A_LEARNER: {
    status: 409,
    zh: '该身份证号对应的账号不能作为学员报名',
    en: 'The account of this ID number cannot be enrolled as a learner',
  },
  ENROLMENT_ROW_ACCOUNT_DISABLED: {
    status: 409,
    zh: '该学员的账号已停用，不能报名',
    en: 'This learner’s account is disabled and cannot be enrolled',
  },
  ENROLMENT_ROW_PHONE_TAKEN: {
    status: 409,
    zh: '该手机号已被其他账号使用，请核对',
    en: 'This mobile number is used by another account; please check it',
  },
  ENROLMENT_ROW_OVERLAPPING_CLASS: {
    status: 409,
    zh: '该学员已在同一职业（工种）、同一等级且培训时间重叠的另一个班级中',
    en: 'This learner is already in another class of the same occupation and level whose dates overlap',
  },
  ENROLMENT_ROW_ALREADY_ENROLLED: {
    status: 200,
    zh: '已在本班名单中，将跳过',
    en: 'Already on this class’s roster; skipped',
  },
  ENROLMENT_ROW_PHONE_DIFFERS: {
    status: 200,
    zh: '该学员已有账号，账号登记的手机号与文件中的不同；将保留账号的手机号',
    en: 'This learner already has an account registered with another mobile number; the account keeps its number',
  },
  // Offline attendance (线下实训考勤): venue QR code, geofence, live photo
  LEARNING_NOT_ALLOWED: { status: 403, zh: '当前不能学习该课程', en: 'You cannot study this course now' },
  LEARNING_NOT_ENROLLED: { status: 403, zh: '您未报名该班级，不能学习', en: 'You are not enrolled in this class' },
  LEARNING_CLASS_NOT_APPROVED: {
    status: 403,
    zh: '该班级尚未通过开班审核，暂不能学习',
    en: 'This class has not been approved yet; learning is not open',
  },
  LEARNING_OUTSIDE_PERIOD: {
    status: 403,
    zh: '不在班级培训期内，不能学习',
    en: 'Learning is only possible during the class period',
  },
  LEARNING_LESSON_UNAVAILABLE: {
    status: 409,
    zh: '该课时的视频尚未就绪，请稍后再试',
    en: 'This lesson is not ready yet; try again later',
  },
  LEARNING_EARLIER_LESSON: {
    status: 409,
    zh: '请按顺序学习：先完成“{title}”',
    en: 'Lessons are taken in order: complete "{title}" first',
  },
  LEARNING_SESSION_ENDED: {
    status: 409,
    zh: '本次学习已结束（同一时间只能学习一个课时，或长时间无操作），请重新开始学习',
    en: 'This learning session has ended (only one lesson at a time, or it was idle too long); start the lesson again',
  },
  LEARNING_BUSY: {
    status: 409,
    zh: '学习状态正在更新，请重试',
    en: 'Your learning state is being updated; please retry',
  },
  LEARNING_CHECK_NOT_OPEN: { status: 409, zh: '没有待完成的验证', en: 'There is no check waiting for an answer' },
  LEARNING_FACE_UNAVAILABLE: { status: 503, zh: '人脸核验服务暂不可用', en: 'Face verification is not available' },
  LEARNING_FACE_BUSY: {
    status: 503,
    zh: '人脸核验服务繁忙，本次不计入尝试次数，请稍后再试',
    en: 'Face verification is busy; this try did not count, please try again shortly',
  },
  LEARNING_FACE_FRAMES: {
    status: 400,
    zh: '人脸核验需要 {min}–{max} 张连续画面',
    en: 'A face check needs {min} to {max} frames',
  },
  LEARNING_SUSPENDED: {
    status: 403,
    zh: '因多次未通过人脸核验，您在本班的学习已暂停，请联系培训机构核实后恢复',
    en: 'Your learning in this class is suspended after too many missed face checks; contact your institution to have it resumed',
  },
  LEARNING_FACE_NOT_ENROLLED: {
    status: 403,
    zh: '本课程学习中需要人脸核验，请先完成人脸采集再开始学习',
    en: 'Lessons here include face checks: enrol your face before you start learning',
  },
  LEARNING_NOT_SUSPENDED: {
    status: 409,
    zh: '该学员在本班的学习未被暂停',
    en: "This learner's learning in the class is not suspended",
  },
  ATTENDANCE_TOKEN_INVALID: {
    status: 400,
    zh: '签到二维码无效，请扫描实训现场屏幕上的二维码',
    en: 'This attendance code is not valid; scan the code shown on the screen at the venue',
  },
  ATTENDANCE_TOKEN_EXPIRED: {
    status: 400,
    zh: '签到二维码已过期（每分钟更新），请重新扫描现场屏幕',
    en: 'This attendance code has expired (it changes every minute); scan the screen at the venue again',
  },
  ATTENDANCE_TOKEN_REPLAYED: {
    status: 409,
    zh: '该二维码您已使用过，请扫描现场屏幕上的新二维码',
    en: 'You have already used this code; scan the new code on the screen at the venue',
  },
  ATTENDANCE_NOT_ENROLLED: {
    status: 403,
    zh: '您不在该班级的学员名单中',
    en: 'You are not on the roster of this class',
  },
  ATTENDANCE_CLASS_NOT_ACTIVE: {
    status: 409,
    zh: '该班级未经批准或不在培训期内，不能考勤',
    en: 'This class is not approved or not within its training period; attendance is not possible',
  },
  ATTENDANCE_SESSION_NOT_OPEN: {
    status: 409,
    zh: '当前不在{action}时间内（{opensAt} 至 {closesAt}）',
    en: '{action} is open only from {opensAt} to {closesAt}',
  },
  ATTENDANCE_TOO_FAR: {
    status: 403,
    zh: '您距离实训场地约 {distance} 米，超出考勤范围（{radius} 米）',
    en: 'You are about {distance} m from the venue, outside the attendance radius of {radius} m',
  },
  ATTENDANCE_THEORY_INCOMPLETE: {
    status: 403,
    zh: '请先完成本班的线上理论学习，再参加线下实训',
    en: 'Finish the online theory of this class before attending offline practice',
  },
  ATTENDANCE_ALREADY_CHECKED_IN: {
    status: 409,
    zh: '您已在本次实训签到',
    en: 'You have already checked in to this session',
  },
  ATTENDANCE_NOT_CHECKED_IN: {
    status: 409,
    zh: '您尚未在本次实训签到，不能签退',
    en: 'You have not checked in to this session, so you cannot check out',
  },
  ATTENDANCE_ALREADY_CHECKED_OUT: {
    status: 409,
    zh: '您已在本次实训签退',
    en: 'You have already checked out of this session',
  },
  ATTENDANCE_PHOTO_INVALID: {
    status: 415,
    zh: '现场照片须为 JPEG 或 PNG 图片',
    en: 'The live photo must be a JPEG or PNG image',
  },
  ATTENDANCE_PHOTO_TOO_LARGE: {
    status: 413,
    zh: '现场照片超过大小上限（{limitMb} MB）',
    en: 'The live photo exceeds the size limit of {limitMb} MB',
  },
  ATTENDANCE_FACE_NOT_ENROLLED: {
    status: 409,
    zh: '您尚未采集人脸，请先完成人脸采集再考勤',
    en: 'Your face is not enrolled yet; enrol your face before checking in or out',
  },
  ATTENDANCE_FACE_MISMATCH: {
    status: 403,
    zh: '现场照片与您采集的人脸不一致，请本人正对摄像头重拍',
    en: 'The live photo does not match your enrolled face; the learner in person must face the camera and take it again',
  },

  FACE_PHOTO_INVALID: {
    status: 415,
    zh: '人脸照片须为 JPEG 或 PNG 图片',
    en: 'The face photo must be a JPEG or PNG image',
  },
  FACE_PHOTO_TOO_LARGE: {
    status: 413,
    zh: '人脸照片超过大小上限（{limitMb} MB）',
    en: 'The face photo exceeds the size limit of {limitMb} MB',
  },
  FACE_NO_FACE: {
    status: 422,
    zh: '照片中没有检测到人脸，请正对摄像头并确保面部完整入镜',
    en: 'No face was found in the photo; face the camera with your whole face in the picture',
  },
  FACE_MULTIPLE_FACES: {
    status: 422,
    zh: '照片中有多张人脸，请确保画面中只有您本人',
    en: 'There is more than one face in the photo; make sure only you are in the picture',
  },
  FACE_TOO_SMALL: { status: 422, zh: '人脸太小，请靠近摄像头', en: 'The face is too small; move closer to the camera' },
  FACE_TOO_DARK: {
    status: 422,
    zh: '光线太暗，请到光线充足处重拍',
    en: 'The photo is too dark; move to a brighter place and try again',
  },
  FACE_TOO_BRIGHT: {
    status: 422,
    zh: '光线太强或逆光，请避开强光后重拍',
    en: 'The photo is too bright or backlit; avoid strong light and try again',
  },
  FACE_BLURRED: {
    status: 422,
    zh: '照片模糊，请保持不动并擦拭镜头后重拍',
    en: 'The photo is blurred; hold still, clean the lens and try again',
  },
  FACE_NOT_FRONTAL: {
    status: 422,
    zh: '请正面面对摄像头，不要侧脸、仰头或低头',
    en: 'Face the camera directly, without turning, raising or lowering your head',
  },
  FACE_ALREADY_ENROLLED: {
    status: 409,
    zh: '您已采集过人脸。如需更换，请提交重新采集申请，由所属培训机构审核',
    en: 'Your face is already enrolled. To change it, request a re-enrolment, which your institution reviews',
  },
  FACE_NOT_ENROLLED: {
    status: 409,
    zh: '尚未采集人脸，请先完成人脸采集',
    en: 'No face is enrolled yet; enrol your face first',
  },
  FACE_REENROLMENT_PENDING: {
    status: 409,
    zh: '您已有一份重新采集申请正在审核中',
    en: 'You already have a re-enrolment request waiting for review',
  },
  FACE_REQUEST_NOT_PENDING: {
    status: 409,
    zh: '该申请已处理，不能再次审核',
    en: 'This request has already been decided',
  },
  FACE_NOT_A_LEARNER: { status: 400, zh: '只能为学员采集人脸', en: 'Faces are enrolled for learners only' },
  FACE_ENGINE_BUSY: {
    status: 503,
    zh: '人脸识别服务繁忙，请稍后重试',
    en: 'Face recognition is busy; please try again shortly',
  },
  // Statistics, traceability and self-inspection (modules/stats)
  STATS_PERIOD_INVALID: {
    status: 400,
    zh: '统计期间不正确：结束日期不能早于开始日期，且期间不超过 {days} 天',
    en: 'The period is not valid: it must not end before it starts, nor span more than {days} days',
  },
  // Self-enrolment (学员自主报名) in approved classes open to it
  ENROLMENT_REAL_NAME_REQUIRED: {
    status: 403,
    zh: '只有已完成实名注册且账号正常的学员才能报名',
    en: 'Only learners with an active, real-name registered account can enrol',
  },
  ENROLMENT_NOT_OPEN: {
    status: 409,
    zh: '该班级不接受学员自主报名，请联系培训机构',
    en: 'This class does not accept self-enrolment; contact the training institution',
  },
  ENROLMENT_CLASS_ENDED: {
    status: 409,
    zh: '该班级已于 {endDate} 结束，不能再报名',
    en: 'This class ended on {endDate}; enrolment is closed',
  },
  ENROLMENT_CLASS_FULL: {
    status: 409,
    zh: '该班级名额已满（{capacity} 人）',
    en: 'This class is full ({capacity} places)',
  },
  ENROLMENT_ALREADY_ENROLLED: { status: 409, zh: '您已报名该班级', en: 'You are already enrolled in this class' },
  ENROLMENT_OVERLAPPING_CLASS: {
    status: 409,
    zh: '您已报名同一职业（工种）、同一等级且培训时间重叠的班级“{className}”，不能重复报名',
    en: 'You are already enrolled in “{className}”, a class of the same occupation and level whose dates overlap',
  },
  ENROLMENT_WITHDRAW_STARTED: {
    status: 409,
    zh: '班级已于 {startDate} 开始培训，不能自行退出；如需退出请联系培训机构',
    en: 'The class started on {startDate}; to leave it now, contact the training institution',
  },
  ENROLMENT_WITHDRAW_BY_INSTITUTION: {
    status: 409,
    zh: '您由培训机构报名，如需退出请联系培训机构',
    en: 'Your training institution enrolled you; contact it to leave the class',
  },
  // Institution registration (机构入驻): application, qualification documents, review, suspension
  INSTITUTION_ILLEGAL_TRANSITION: {
    status: 409,
    zh: '机构当前状态（{status}）不允许此操作（{action}）',
    en: 'The institution is {status}; the action {action} is not allowed now',
  },
  INSTITUTION_NOT_ACTIVE: {
    status: 403,
    zh: '本机构尚未通过入驻审核或已被暂停（当前状态：{status}），暂不能开展此项业务',
    en: 'Your institution is not approved or is suspended (status: {status}), so this is not possible yet',
  },
  INSTITUTION_CREDIT_CODE_INVALID: {
    status: 400,
    zh: '统一社会信用代码无效：应为 18 位，且最后一位校验码正确',
    en: 'Invalid unified social credit code: it must have 18 characters with a correct check character',
  },
  INSTITUTION_CREDIT_CODE_TAKEN: {
    status: 409,
    zh: '该统一社会信用代码已有机构入驻或正在申请，请勿重复申请；如需找回管理员账号请联系所在地人社部门',
    en: 'An institution with this credit code is already registered or applying; contact your local regulator to recover its administrator account',
  },
  INSTITUTION_REGION_INVALID: {
    status: 400,
    zh: '请选择机构所在的区县（或不设区的市）',
    en: 'Choose the county or district (or a city without districts) where the institution is located',
  },
  INSTITUTION_DOCUMENTS_MISSING: {
    status: 409,
    zh: '缺少必需的资质材料：{missing}',
    en: 'Required qualification documents are missing: {missing}',
  },
  INSTITUTION_REASON_REQUIRED: {
    status: 400,
    zh: '退回、驳回、暂停或恢复机构必须填写理由',
    en: 'Returning, rejecting, suspending or reinstating an institution needs a reason',
  },
  INSTITUTION_DOCUMENT_EMPTY: { status: 400, zh: '上传的材料文件是空的', en: 'The uploaded document is empty' },
  INSTITUTION_DOCUMENT_TYPE_NOT_ALLOWED: {
    status: 415,
    zh: '资质材料须为 PDF 文件或 JPEG、PNG 图片（按文件内容识别）',
    en: 'Qualification documents must be PDF files or JPEG or PNG images (judged by their content)',
  },
  INSTITUTION_DOCUMENT_TOO_LARGE: {
    status: 413,
    zh: '材料文件超过大小上限（{limitMb} MB）',
    en: 'The document exceeds the size limit of {limitMb} MB',
  },
  INSTITUTION_TOO_MANY_DOCUMENTS: {
    status: 409,
    zh: '每个机构最多上传 {max} 份材料，请先删除不需要的文件',
    en: 'An institution may upload at most {max} documents; delete the ones not needed first',
  },
  // Early warning (预警): alert workflow and subsidy holds
  ALERT_ILLEGAL_TRANSITION: {
    status: 409,
    zh: '预警当前状态（{status}）不允许此操作（{action}）',
    en: 'The alert is {status}; the action {action} is not allowed now',
  },
  ALERT_REASON_REQUIRED: { status: 400, zh: '处理预警必须填写理由', en: 'Handling an alert needs a reason' },
  SUBSIDY_HOLD_NOT_HELD: { status: 409, zh: '该补贴暂停已解除', en: 'This subsidy hold has already been released' },
  // Training rooms an institution declares (their address ranges are not group learning)
  TRAINING_ROOM_CIDR_INVALID: {
    status: 400,
    zh: 'IP 地址段格式不正确：{reason}',
    en: 'The IP range is not valid: {reason}',
  },
  TRAINING_ROOM_CIDR_PRIVATE: {
    status: 400,
    zh: '内网地址（如 192.168.x.x、10.x.x.x）在平台看不到，请填写培训室上网使用的公网 IP 或地址段',
    en: 'Private addresses (such as 192.168.x.x or 10.x.x.x) are never seen by the platform; enter the public IP or range the room uses to reach the internet',
  },
  TRAINING_ROOM_CIDR_TOO_WIDE: {
    status: 400,
    zh: '地址段过大：IPv4 最大 /{v4}，IPv6 最大 /{v6}（一个培训室不会占用整段运营商地址）',
    en: 'The range is too wide: at most /{v4} for IPv4 and /{v6} for IPv6 (a training room does not use a whole provider block)',
  },
  TRAINING_ROOM_DUPLICATE: {
    status: 409,
    zh: '该地址段已登记为培训室“{name}”',
    en: 'This range is already declared as the training room "{name}"',
  },
  TRAINING_ROOM_TOO_MANY: {
    status: 409,
    zh: '每个机构最多登记 {max} 个培训室地址段',
    en: 'An institution may declare at most {max} training-room ranges',
  },

  // ---- exams and assessment (modules/exams) ----
  EXAM_CLASS_NOT_APPROVED: {
    status: 409,
    zh: '班级未通过审核，不能设置考试',
    en: 'The class is not approved; exams cannot be set',
  },
  EXAM_PAPER_NOT_FOUND: { status: 400, zh: '试卷不存在', en: 'The paper does not exist' },
  EXAM_WINDOW_INVALID: { status: 400, zh: '考试时间窗口不正确', en: 'The exam window is not valid' },
  EXAM_TIME_LIMIT_REQUIRED: {
    status: 400,
    zh: '模拟考试和正式考试必须设置考试时长',
    en: 'Mock and formal exams need a time limit',
  },
  EXAM_NOT_ENROLLED: { status: 403, zh: '您未报名该班级，不能参加考试', en: 'You are not enrolled in this class' },
  EXAM_OUTSIDE_WINDOW: { status: 409, zh: '不在考试开放时间内', en: 'The exam is not open now' },
  EXAM_NO_ATTEMPTS_LEFT: { status: 409, zh: '考试次数已用完', en: 'No attempts left for this exam' },
  EXAM_THEORY_INCOMPLETE: {
    status: 403,
    zh: '线上理论学习未完成，不能参加正式考试',
    en: 'Complete the online theory first: the formal exam is not open to you yet',
  },
  EXAM_FACE_NOT_ENROLLED: {
    status: 403,
    zh: '正式考试需要人脸核验，请先完成人脸采集',
    en: 'The formal exam checks your face: enrol your face first',
  },
  EXAM_FACE_REQUIRED: {
    status: 409,
    zh: '请先完成开考人脸核验',
    en: 'Pass the face check at the start first',
  },
  EXAM_NO_FACE_CHECK_DUE: { status: 409, zh: '当前没有待完成的人脸核验', en: 'No face check is due now' },
  EXAM_OTHER_DEVICE: {
    status: 409,
    zh: '本次考试正在另一台设备上进行',
    en: 'This attempt is being taken on another device',
  },
  EXAM_PAST_DEADLINE: {
    status: 409,
    zh: '考试时间已到，答案未保存',
    en: 'Time is up: the answer was not saved',
  },
  EXAM_SUBMITTED: { status: 409, zh: '试卷已提交', en: 'The attempt has been submitted' },
  EXAM_NOT_SUBMITTED: {
    status: 409,
    zh: '交卷后才能查看答案和解析',
    en: 'Answers and explanations are shown once the attempt is submitted',
  },
  EXAM_NOT_PRACTICE: {
    status: 409,
    zh: '只有练习可以即时查看答案',
    en: 'Only practice shows answers at once',
  },
  EXAM_ANSWER_INVALID: {
    status: 400,
    zh: '答案不正确：选项不属于本题',
    en: 'The answer names an option this question does not have',
  },
  EXAM_NOT_GRADABLE: { status: 409, zh: '该答案无需人工评分', en: 'This answer is not graded by a person' },
  EXAM_ALREADY_GRADED: { status: 409, zh: '该答案已评分，不能再次评分', en: 'This answer has already been graded' },
  EXAM_SCORE_OUT_OF_RANGE: { status: 400, zh: '分数超出范围', en: 'The score is out of range' },
  EXAM_PRACTICAL_LOCKED: {
    status: 409,
    zh: '已有实操成绩，考核项目不能再修改',
    en: 'Practical scores have been entered: the items can no longer change',
  },
  EXAM_EVIDENCE_INVALID: {
    status: 400,
    zh: '佐证材料不存在或不属于本机构',
    en: 'An evidence file does not exist or does not belong to your institution',
  },
  // Certificates (证书): issuing when a class closes, revocation, skill-level certificates (modules/certificates).
  CLASS_NOT_ENDED: {
    status: 409,
    zh: '班级结束日期（{endDate}）未到，不能结班',
    en: 'The class ends on {endDate}; it cannot be closed before then',
  },
  CERTIFICATE_CLASS_NOT_CLOSED: {
    status: 409,
    zh: '班级尚未结班，结班后才能发放培训合格证书',
    en: 'Certificates are issued once the class is closed',
  },
  CERTIFICATE_REASON_REQUIRED: {
    status: 400,
    zh: '撤销证书必须填写理由',
    en: 'Revoking a certificate needs a reason',
  },
  CERTIFICATE_ALREADY_REVOKED: {
    status: 409,
    zh: '该证书已于 {date} 撤销',
    en: 'This certificate was already revoked on {date}',
  },
  SKILL_CERTIFICATE_NUMBER_INVALID: {
    status: 400,
    zh: '职业技能等级证书编号无效（{problem}）：应为 22 位，Y/S + 4 位机构代码 + 2 位省份代码 + 6 位站点代码 + 2 位年份 + 1–5 级 + 6 位序号',
    en: 'Invalid skill-level certificate number ({problem}): 22 characters, Y/S + 4-digit agency + 2-digit province + 6-digit site + 2-digit year + level 1–5 + 6-digit serial',
  },
  SKILL_CERTIFICATE_DUPLICATE: {
    status: 409,
    zh: '该证书编号已登记',
    en: 'This certificate number is already recorded',
  },
  SKILL_CERTIFICATE_OCCUPATION_UNKNOWN: {
    status: 400,
    zh: '职业编码 {code} 不在职业分类大典中',
    en: 'Occupation code {code} is not in the occupation classification',
  },
  SKILL_CERTIFICATE_FILE_EMPTY: {
    status: 400,
    zh: '证书文件中没有证书数据',
    en: 'The file contains no certificate rows',
  },
  SKILL_CERTIFICATE_FILE_TOO_LARGE: {
    status: 413,
    zh: '证书文件超过大小上限（{limitMb} MB），请分批导入',
    en: 'The file exceeds the size limit of {limitMb} MB; import it in parts',
  },
  SKILL_CERTIFICATE_FILE_TOO_MANY_ROWS: {
    status: 413,
    zh: '证书文件最多 {max} 行，本文件有 {rows} 行，请分批导入',
    en: 'At most {max} rows can be imported at once; this file has {rows}. Import it in parts',
  },
  SKILL_CERTIFICATE_FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    zh: '请上传 Excel 工作簿（.xlsx）；旧版 .xls 请先另存为 .xlsx',
    en: 'Upload an Excel workbook (.xlsx); save an older .xls as .xlsx first',
  },
  SKILL_CERTIFICATE_FILE_UNREADABLE: {
    status: 400,
    zh: '无法读取该 Excel 文件，文件可能已损坏或不是工作簿',
    en: 'The Excel file cannot be read; it may be damaged or not a workbook',
  },
  SKILL_CERTIFICATE_FILE_HEADER_INVALID: {
    status: 400,
    zh: '第 1 行应为表头“证书编号、姓名、身份证号、职业编码、评价机构、发证日期”，缺少：{missing}',
    en: 'Row 1 must be the header "Certificate number, Name, Resident ID, Occupation code, Evaluation organisation, Issue date"; missing: {missing}',
  },
  SKILL_CERTIFICATE_FILE_HAS_ERRORS: {
    status: 409,
    zh: '文件中有 {invalid} 行有误，未导入任何证书。请修改后重新上传，或选择“仅导入无误的行”',
    en: '{invalid} rows have errors, so nothing was imported. Fix them and upload again, or choose to import only the valid rows',
  },
  SKILL_CERTIFICATE_ROW_DATE_INVALID: {
    status: 400,
    zh: '发证日期应为 YYYY-MM-DD 格式的有效日期',
    en: 'The issue date must be a real date in YYYY-MM-DD form',
  },
  // Question banks and papers (题库、试卷). QUESTION_ROW_* and QUESTION_INVALID appear inside an import report per row
  // too; QUESTION_INVALID names the field and the reason.
  QUESTION_BANK_STANDARD_UNKNOWN: {
    status: 400,
    zh: '该职业没有此等级的技能标准，无法建立题库',
    en: 'This occupation has no skill standard at this level, so no bank can be made for it',
  },
  QUESTION_INVALID: { status: 400, zh: '{field}{reason}', en: '{field} {reason}' },
  QUESTION_EDIT_CONFLICT: {
    status: 409,
    zh: '该题目刚被他人修改，请刷新后再编辑',
    en: 'Someone else has just edited this question; reload it and edit again',
  },
  QUESTION_FILE_EMPTY: { status: 400, zh: '文件中没有题目', en: 'The file contains no questions' },
  QUESTION_FILE_TOO_LARGE: {
    status: 413,
    zh: '题目文件超过大小上限（{limitMb} MB），请分批导入',
    en: 'The file exceeds the size limit of {limitMb} MB; import it in parts',
  },
  QUESTION_FILE_TOO_MANY: {
    status: 413,
    zh: '每次最多导入 {max} 道题，本文件有 {rows} 道，请分批导入',
    en: 'At most {max} questions can be imported at once; this file has {rows}. Import it in parts',
  },
  QUESTION_FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    zh: '请上传 Excel 工作簿（.xlsx）、Moodle XML 或 GIFT 文本文件（UTF-8）。可下载题目模板填写',
    en: 'Upload an Excel workbook (.xlsx), a Moodle XML file or a GIFT text file (UTF-8). The question template can be downloaded',
  },
  QUESTION_FILE_UNREADABLE: {
    status: 400,
    zh: '无法读取该文件，文件可能已损坏或格式不正确',
    en: 'The file cannot be read; it may be damaged or not in the expected format',
  },
  QUESTION_FILE_HEADER_INVALID: {
    status: 400,
    zh: '第 1 行应为题目模板的表头，缺少：{missing}。请使用题目模板',
    en: 'Row 1 must be the header of the question template; missing: {missing}. Please use the template',
  },
  QUESTION_FILE_HAS_ERRORS: {
    status: 409,
    zh: '文件中有 {invalid} 道题有误，未导入任何题目。请修改后重新上传，或选择“仅导入无误的题目”',
    en: '{invalid} questions have errors, so nothing was imported. Fix them and upload again, or choose to import only the valid questions',
  },
  QUESTION_ROW_TYPE_UNSUPPORTED: {
    status: 400,
    zh: '不支持的题型 {detail}：仅支持单选、多选、判断、填空、简答',
    en: 'Unsupported question type {detail}: only single and multiple choice, true/false, fill in the blank and short answer',
  },
  QUESTION_ROW_MALFORMED: { status: 400, zh: '题目格式不正确（{detail}）', en: 'The question is malformed ({detail})' },
  QUESTION_ROW_METADATA_INVALID: {
    status: 400,
    zh: '“// @yunxue”注释行不是有效的 JSON',
    en: 'The "// @yunxue" comment line is not valid JSON',
  },
  QUESTION_ROW_DUPLICATE: {
    status: 400,
    zh: '与第 {firstRow} 题重复',
    en: 'The same question as number {firstRow}',
  },
  QUESTION_ROW_DUPLICATE_IN_BANK: {
    status: 400,
    zh: '题库中已有相同题型和题干的题目',
    en: 'The bank already has a question of this type with this stem',
  },
  PAPER_DRAW_UNSATISFIABLE: {
    status: 400,
    zh: '第 {rule} 条抽题规则无法满足：需要 {count} 道{filter}，题库中符合条件且未被前面规则占用的题目不足（共有 {available} 道符合条件）',
    en: 'Draw rule {rule} cannot be met: it needs {count} {filter}, and there are not enough such questions left after the rules before it ({available} match in all)',
  },
  PAPER_QUESTION_UNAVAILABLE: {
    status: 400,
    zh: '试卷中的题目不在所选题库中或已停用',
    en: "A question of the paper is not in the paper's banks or has been retired",
  },
  PAPER_IN_USE: {
    status: 409,
    zh: '已有 {count} 场考试使用此试卷，不能修改或删除；如需调整，请另存为新试卷',
    en: '{count} exam(s) use this paper, so it cannot be changed or deleted; save a new paper to make changes',
  },
  PAPER_BANKS_MISMATCH: {
    status: 400,
    zh: '试卷的题库须属于同一职业和等级',
    en: "A paper's banks must all be of the same occupation and level",
  },
  // Subsidy claims, review and payment (modules/subsidies)
  SUBSIDY_CLASS_NOT_CLAIMABLE: {
    status: 409,
    zh: '只有已审核通过或已结班的班级才能申请补贴',
    en: 'Subsidies can be claimed only for an approved or closed class',
  },
  SUBSIDY_NOTHING_TO_CLAIM: {
    status: 409,
    zh: '本班没有在册学员，无可申请的补贴',
    en: 'The class has no enrolled learner: there is nothing to claim',
  },
  SUBSIDY_CONFLICT: {
    status: 409,
    zh: '同一人的补贴正由另一申请处理，请稍后重试',
    en: 'Another claim for the same person is being processed; please try again',
  },
  SUBSIDY_CLAIM_NOT_SUBMITTED: {
    status: 409,
    zh: '该补贴申请当前不在审核中',
    en: 'This subsidy claim is not under review',
  },
  SUBSIDY_CLAIM_NOT_RETURNED: {
    status: 409,
    zh: '只有被退回的补贴申请才能重新提交',
    en: 'Only a returned subsidy claim can be submitted again',
  },
  SUBSIDY_LINE_NOT_PENDING: {
    status: 409,
    zh: '该学员的补贴已处理，不能再次审核',
    en: "This learner's subsidy has already been decided",
  },
  SUBSIDY_REASON_REQUIRED: { status: 400, zh: '驳回或退回必须填写理由', en: 'A rejection or return needs a reason' },
  SUBSIDY_BATCH_EMPTY: {
    status: 409,
    zh: '没有已审核通过、待拨付的补贴',
    en: 'There is no approved subsidy waiting for payment',
  },
  SUBSIDY_BATCH_PAID: { status: 409, zh: '该拨付批次已标记为已拨付', en: 'This payment batch is already marked paid' },
  SUBSIDY_STRICT_REVIEW: {
    status: 409,
    zh: '该机构处于信用限制期，补贴申请须逐人审核，不能批量通过',
    en: 'This institution is under credit restriction: each line of its claim needs its own decision',
  },
  SUBSIDY_RECOVERY_CLOSED: {
    status: 409,
    zh: '该追回单已追回完毕或已核销',
    en: 'This recovery order is already recovered or written off',
  },
  SUBSIDY_RECOVERY_AMOUNT: {
    status: 400,
    zh: '追回金额必须大于零且不超过尚未追回的金额',
    en: 'The recovered amount must be more than zero and at most what is still outstanding',
  },
  SUBSIDY_RECOVERY_REASON_REQUIRED: {
    status: 400,
    zh: '追回登记或核销必须填写理由',
    en: 'Recording a recovery or writing off needs a reason',
  },
  CREDIT_REASON_REQUIRED: { status: 400, zh: '信用记录必须填写理由', en: 'A credit record needs a reason' },
  TEACHER_BANNED: {
    status: 409,
    zh: '该教师已被取消任教资格（全平台），不能登记资格或安排任教',
    en: 'This teacher is disqualified platform-wide and cannot be given qualifications or classes',
  },
  TEACHER_NOT_BANNED: {
    status: 409,
    zh: '该教师当前没有被取消任教资格',
    en: 'This teacher is not disqualified',
  },
  TEACHER_REASON_REQUIRED: {
    status: 400,
    zh: '取消或恢复任教资格必须填写理由',
    en: 'Disqualifying or reinstating a teacher needs a reason',
  },

  // The evidence seal (modules/seal, docs/evidence-seal.md).
  SEAL_NO_TREE_HEAD: {
    status: 404,
    zh: '尚无已签名的存证树头，请等待下一次存证检查点',
    en: 'No signed tree head yet; wait for the next seal checkpoint',
  },
  SEAL_RECORD_NOT_SEALED: {
    status: 404,
    zh: '该记录尚未纳入已签名的存证树头（新记录会在下一次检查点纳入）',
    en: 'The record is not covered by a signed tree head yet (new records are sealed at the next checkpoint)',
  },
  SEAL_TREE_SIZE_UNKNOWN: {
    status: 400,
    zh: '没有该大小的已签名树头',
    en: 'There is no signed tree head of that size',
  },
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

/** One finding about one row of an imported file (the header is row 1), in the field it concerns, with both messages. */
export type RowIssueOf<F extends string> = {
  row: number;
  field: F | null;
  code: ErrorCode;
  messages: { 'zh-CN': string; en: string };
  details?: Record<string, unknown>;
};

export function rowIssueOf<F extends string>(
  row: number,
  field: F | null,
  code: ErrorCode,
  options: { params?: MessageParams; details?: Record<string, unknown> } = {},
): RowIssueOf<F> {
  return {
    row,
    field,
    code,
    messages: errorMessages(code, options.params),
    ...(options.details ? { details: options.details } : {}),
  };
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

/** A unique index refused a row (PostgreSQL 23505, SQLite's constraint codes): two writers raced for one key. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed|duplicate key value/i.test(e?.message ?? '')
  );
}
