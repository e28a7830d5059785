import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'certificates.not_found': { 'zh-CN': '电子证照不存在。', en: 'No such certificate.' },
  'certificates.already_revoked': { 'zh-CN': '该证照已吊销，不能再次吊销。', en: 'This certificate is already revoked.' },
  'certificates.not_a_pdf': {
    'zh-CN': '请上传 PDF 文件（Content-Type: application/pdf，文件以 %PDF- 开头）。',
    en: 'Upload a PDF file (Content-Type: application/pdf, starting with %PDF-).',
  },
  'certificates.invalid_issue': { 'zh-CN': '签发的证照内容有误：{reason}', en: 'The certificate to issue is invalid: {reason}' },
  'certificates.reason_length': { 'zh-CN': '吊销理由须为 2–200 个字。', en: 'The reason must be 2–200 characters.' },
});
