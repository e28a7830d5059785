import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'auth.invalid_credentials': { 'zh-CN': '账号或密码错误。', en: 'Wrong account or password.' },
  'auth.locked': {
    'zh-CN': '连续登录失败次数过多，账号已临时锁定，请 {retryAfterSeconds} 秒后再试。',
    en: 'Too many failed logins; the account is locked for {retryAfterSeconds} seconds.',
  },
  'auth.too_many_attempts': { 'zh-CN': '登录尝试过于频繁，请稍后再试。', en: 'Too many login attempts; try again later.' },
  'auth.account_disabled': { 'zh-CN': '该账号已停用，请联系管理员。', en: 'This account is disabled; contact your administrator.' },
  'identity.invalid_resident_id': {
    'zh-CN': '身份证号无效（须为 18 位，且出生日期与校验码正确）。',
    en: 'Invalid resident ID number (18 characters with a valid birth date and check digit).',
  },
  'identity.invalid_uscc': {
    'zh-CN': '统一社会信用代码无效（须为 18 位，且校验码正确）。',
    en: 'Invalid unified social credit code (18 characters with a valid check digit).',
  },
  'identity.invalid_phone': { 'zh-CN': '手机号码格式不正确。', en: 'Invalid mobile phone number.' },
  'auth.reauth_failed': { 'zh-CN': '密码不正确，未能确认是您本人操作。', en: 'Wrong password: this could not be confirmed as you.' },
  'identity.invalid_email': { 'zh-CN': '电子邮箱格式不正确。', en: 'Invalid e-mail address.' },
  'identity.invalid_region_code': { 'zh-CN': '行政区划代码格式不正确。', en: 'Invalid administrative region code.' },
  'identity.invalid_id': { 'zh-CN': '标识符格式不正确。', en: 'Malformed identifier.' },
  'identity.invalid_username': {
    'zh-CN': '用户名须为 3–32 位小写字母、数字或 . _ -，以字母开头。',
    en: 'Usernames are 3–32 lower-case letters, digits or . _ -, starting with a letter.',
  },
  'identity.password_too_weak': {
    'zh-CN': '密码至少 8 位，且须同时包含字母和数字。',
    en: 'Passwords need at least 8 characters with letters and digits.',
  },
  'identity.nothing_to_update': { 'zh-CN': '没有需要修改的内容。', en: 'Nothing to update.' },
  'identity.region_not_found': { 'zh-CN': '行政区划 {regionCode} 不存在。', en: 'Region {regionCode} does not exist.' },
  'identity.org_not_found': { 'zh-CN': '组织机构不存在。', en: 'Organisation not found.' },
  'identity.unit_not_found': { 'zh-CN': '内设机构不存在或不属于该单位。', en: 'Unit not found in this organisation.' },
  'identity.account_not_found': { 'zh-CN': '账号不存在。', en: 'Account not found.' },
  'identity.username_taken': { 'zh-CN': '该账号已存在。', en: 'This account already exists.' },
  'identity.role_not_assignable': { 'zh-CN': '无权授予角色 {role}。', en: 'You may not grant the role {role}.' },
  'identity.clearance_too_high': {
    'zh-CN': '不能授予高于本人的数据分级权限（{clearance}）。',
    en: 'You cannot grant a clearance above your own ({clearance}).',
  },
  'identity.cannot_disable_self': { 'zh-CN': '不能停用自己的账号。', en: 'You cannot disable your own account.' },
  'identity.org_cycle': { 'zh-CN': '上级单位不能是自身或其下级。', en: 'An organisation cannot be placed under itself.' },
});

registerMessages({
  'auth.wrong_current_password': { 'zh-CN': '当前密码不正确。', en: 'The current password is wrong.' },
  'identity.roles_staff_only': { 'zh-CN': '只有工作人员账号可以授予角色。', en: 'Only staff accounts hold roles.' },
});
