import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'signatures.not_found': { 'zh-CN': '签署单不存在。', en: 'No such signature request.' },
  'signatures.no_signers': { 'zh-CN': '请至少选择一位签署人。', en: 'Choose at least one signer.' },
  'signatures.duplicate_signer': { 'zh-CN': '签署人重复。', en: 'A signer is listed twice.' },
  'signatures.signer_unreachable': { 'zh-CN': '有签署人不在您的通讯录可见范围内。', en: 'Some signers are outside your address book.' },
  'signatures.deadline_past': { 'zh-CN': '签署期限不能早于现在。', en: 'The deadline cannot be in the past.' },
  'signatures.pdf_only': { 'zh-CN': '只能对 PDF 文件签署或验签。', en: 'Only PDF files can be signed or verified.' },
  'signatures.reauth_required': { 'zh-CN': '签署前请再次输入密码确认身份。', en: 'Enter your password again to sign.' },
  'signatures.closed': { 'zh-CN': '该签署单已结束。', en: 'This request is closed.' },
  'signatures.already_acted': { 'zh-CN': '您已签署或拒签过。', en: 'You have already signed or declined.' },
  'signatures.not_your_turn': { 'zh-CN': '按顺序签署，尚未轮到您。', en: 'Signing is in order; it is not your turn yet.' },
  'signatures.creator_only': { 'zh-CN': '只有发起人可以撤回。', en: 'Only the creator may withdraw it.' },
  'signatures.version_not_found': { 'zh-CN': '该版本不存在。', en: 'No such version.' },
});
