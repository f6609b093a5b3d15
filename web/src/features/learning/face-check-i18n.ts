// Messages of the face check while learning (FaceCheckDialog), merged under "learning.faceCheck". Every reason the
// faces module can give for not passing (quality, identity, head turn) has a sentence the learner can act on.

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const faceCheckZh = {
  title: '人脸核验',
  consent:
    '学习过程中平台会随机进行人脸核验：用前置摄像头拍几张照片，与您采集的人脸比对。照片加密保存为本次学习的记录，只有培训机构和主管部门可依规查看。',
  agree: '我已了解并同意',
  openCamera: '打开摄像头',
  cameraDenied: '无法使用摄像头：请在浏览器设置中允许本网站使用摄像头，然后点“重新打开摄像头”。',
  cameraUnsupported: '此浏览器不能使用摄像头，请换用手机或电脑上的 Chrome、Edge、Safari 等浏览器。',
  reopen: '重新打开摄像头',
  howToTurn: '点“开始核验”后先正视摄像头，看到提示后{{action}}，再转回正面。',
  howToStill: '点“开始核验”后请正视摄像头，保持不动。',
  action: { turn_left: '向左转头', turn_right: '向右转头' },
  prompt: {
    look: '请正视摄像头',
    turn_left: '请向左转头',
    turn_right: '请向右转头',
    hold: '请保持不动',
    back: '请转回正面',
  },
  start: '开始核验',
  again: '再试一次',
  checking: '正在核验，请稍候…',
  noCredit: '核验期间暂停计时：通过后才继续计入学时，未通过期间的学习不计入。',
  passed: '人脸核验通过，学习继续。',
  attemptsLeft: '还可尝试 {{count}} 次。',
  noAttemptUsed: '本次不计入尝试次数，调整后请再试一次。',
  failed: '人脸核验未通过：重新核验通过之前，学习时间不计入。',
  missed: '人脸核验已超时：重新核验通过之前，学习时间不计入。',
  retry: '重新核验',
  reason: {
    mismatch: '与您采集的人脸不一致，请本人正对摄像头完成核验。',
    no_motion: '没有检测到转头动作：请按提示{{action}}，幅度大一些。',
    wrong_direction: '转头方向不对：请按提示{{action}}。',
    face_changed: '核验过程中画面里出现了其他人，请本人独自完成核验。',
    no_face: '画面中没有检测到人脸，请正对摄像头，让整张脸都在画面里。',
    multiple_faces: '画面中有多张人脸，请确保只有您本人。',
    face_too_small: '人脸太小，请靠近摄像头。',
    too_dark: '光线太暗，请到光线充足的地方或开灯后再试。',
    too_bright: '光线太强或逆光，请避开强光后再试。',
    blurred: '画面模糊，请拿稳设备、擦拭镜头后再试。',
    not_frontal: '请先正视摄像头，不要侧脸、仰头或低头。',
    not_enrolled: '您还没有采集人脸，无法核验，请先完成人脸采集。',
    photo_invalid: '没有拍到有效的画面，请再试一次。',
    other: '核验未通过，请再试一次。',
  },
  lessonInfo: '本课时学习中会随机进行人脸核验（需要摄像头），核验期间暂停计时。',
  resetTitle: '本课时需要重新学习',
  reset:
    '本课时的人脸核验有 {{misses}} 次未通过（上限 {{limit}} 次），本课时已学的 {{duration}} 已作废，须从头重新学习。',
  suspendedTitle: '本班的学习已暂停',
  suspended:
    '您在本班的人脸核验有 {{misses}} 次未通过（上限 {{limit}} 次），本班的在线学习已暂停。请联系培训机构核实后恢复。',
  relearn: '从头重新学习',
  /** The same dialog at the formal exam (FaceCheckDialog with `exam`): what differs from learning. */
  exam: {
    consent:
      '正式考试开考时和考试过程中会随机进行人脸核验：用前置摄像头拍几张照片，与您采集的人脸比对，确认由本人参加考试。照片加密保存为本场考试的记录，只有培训机构和主管部门可依规查看。',
    noteStart: '开考前须通过人脸核验，核验通过后才开始计时。',
    noteDuring: '考试计时不因核验暂停，请尽快完成；未通过或超时的核验都会记入本场考试的记录。',
    passedStart: '人脸核验通过，考试开始计时。',
    passedDuring: '人脸核验通过，请继续答题。',
    failed: '人脸核验未通过：须本人重新核验。',
    missed: '人脸核验已超时，已记入本场考试的记录。',
    leave: '返回考试列表',
  },
};

export const faceCheckEn: Shape<typeof faceCheckZh> = {
  title: 'Face check',
  consent:
    'While you learn, the platform asks for face checks at random: the front camera takes a few pictures that are compared with your enrolled face. They are stored encrypted as the record of this lesson; only your institution and the regulator may view them, under the rules.',
  agree: 'I understand and agree',
  openCamera: 'Turn on the camera',
  cameraDenied:
    'The camera cannot be used: allow this site to use the camera in the browser settings, then tap Turn the camera on again.',
  cameraUnsupported: 'This browser cannot use the camera; use Chrome, Edge or Safari on a phone or computer.',
  reopen: 'Turn the camera on again',
  howToTurn: 'Tap Start and look at the camera; when asked, {{action}}, then face the camera again.',
  howToStill: 'Tap Start, look at the camera and hold still.',
  action: { turn_left: 'turn your head to the left', turn_right: 'turn your head to the right' },
  prompt: {
    look: 'Look at the camera',
    turn_left: 'Turn your head to the left',
    turn_right: 'Turn your head to the right',
    hold: 'Hold still',
    back: 'Face the camera again',
  },
  start: 'Start',
  again: 'Try again',
  checking: 'Checking…',
  noCredit:
    'Time is not counted during the check: it counts again once the check is passed, and nothing counts while it is failed.',
  passed: 'Face check passed; carry on.',
  attemptsLeft: '{{count}} attempts left.',
  noAttemptUsed: 'This try did not count; fix it and try again.',
  failed: 'The face check was not passed: nothing counts until you pass a new one.',
  missed: 'The face check timed out: nothing counts until you pass a new one.',
  retry: 'New face check',
  reason: {
    mismatch: 'This is not the face you enrolled; the learner must take the check in person.',
    no_motion: 'No head turn was seen: {{action}} as asked, a little further.',
    wrong_direction: 'Wrong direction: {{action}} as asked.',
    face_changed: 'Someone else appeared during the check; take it on your own.',
    no_face: 'No face was found; face the camera with your whole face in the picture.',
    multiple_faces: 'There is more than one face; make sure only you are in the picture.',
    face_too_small: 'Your face is too small; move closer to the camera.',
    too_dark: 'It is too dark; move to a brighter place or turn on a light and try again.',
    too_bright: 'Too bright or backlit; avoid strong light and try again.',
    blurred: 'The picture is blurred; hold the device steady, clean the lens and try again.',
    not_frontal: 'Look straight at the camera first, without turning, raising or lowering your head.',
    not_enrolled: 'You have not enrolled your face yet, so it cannot be checked; enrol it first.',
    photo_invalid: 'No usable picture was taken; try again.',
    other: 'The check was not passed; try again.',
  },
  lessonInfo: 'This lesson has face checks at random moments (a camera is needed); time is not counted during a check.',
  resetTitle: 'This lesson must be learnt again',
  reset:
    '{{misses}} face checks of this lesson were not passed (the limit is {{limit}}): the {{duration}} learnt so far no longer counts, and the lesson starts again from the beginning.',
  suspendedTitle: 'Learning in this class is suspended',
  suspended:
    '{{misses}} face checks in this class were not passed (the limit is {{limit}}): your online learning here is suspended. Contact your institution to have it resumed.',
  relearn: 'Start the lesson again',
  exam: {
    consent:
      'At the start of the formal exam and at random moments during it, the platform checks your face: the front camera takes a few pictures that are compared with your enrolled face, to confirm that you are the one taking the exam. They are stored encrypted as the record of this exam; only your institution and the regulator may view them, under the rules.',
    noteStart: 'Pass the face check to begin; the exam clock starts when it passes.',
    noteDuring:
      'The exam clock does not stop for the check, so take it promptly; a check failed or missed is kept in the record of this exam.',
    passedStart: 'Face check passed; the exam clock has started.',
    passedDuring: 'Face check passed; carry on with the exam.',
    failed: 'The face check was not passed: take it again in person.',
    missed: 'The face check timed out; this is kept in the record of this exam.',
    leave: 'Back to the exams',
  },
};
