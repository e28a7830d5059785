import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'messaging.conversation_not_found': { 'zh-CN': '会话不存在。', en: 'No such conversation.' },
  'messaging.message_not_found': { 'zh-CN': '消息不存在。', en: 'No such message.' },
  'messaging.not_a_member': { 'zh-CN': '您不是该会话的成员。', en: 'You are not a member of this conversation.' },
  'messaging.self_only': {
    'zh-CN': '请选择除自己以外的联系人。',
    en: 'Choose someone other than yourself.',
  },
  'messaging.unreachable': {
    'zh-CN': '您的通讯录中没有其中部分人员，无法向其发送消息。',
    en: 'Some of these people are not in your address book; you cannot message them.',
  },
  'messaging.title_required': { 'zh-CN': '请填写群聊名称。', en: 'A group needs a title.' },
  'messaging.subject_invalid': { 'zh-CN': '关联事项的编号无效。', en: 'The subject id is invalid.' },
  'messaging.subject_forbidden': {
    'zh-CN': '您无权查看该办件、待办或批示，不能为其建群。',
    en: 'You may not see this case, task or instruction, so you cannot open a group about it.',
  },
  'messaging.subject_has_group': {
    'zh-CN': '该事项已有群聊，请联系群主邀请您加入。',
    en: 'This subject already has a group; ask its owner to add you.',
  },
  'messaging.direct_members_fixed': {
    'zh-CN': '单聊不能添加成员，请新建群聊。',
    en: 'A direct conversation has two people; start a group instead.',
  },
  'messaging.owner_only': { 'zh-CN': '只有群主可以添加成员。', en: 'Only the group’s owner may add members.' },
  'messaging.text_invalid': {
    'zh-CN': '消息不能为空，且不超过 {max} 个字。',
    en: 'A message may not be empty or longer than {max} characters.',
  },
  'messaging.file_type': {
    'zh-CN': '不支持该文件类型：仅限 PDF、OFD、PNG、JPEG、GIF、DOCX、XLSX、PPTX。',
    en: 'Unsupported file type: PDF, OFD, PNG, JPEG, GIF, DOCX, XLSX or PPTX only.',
  },
  'messaging.file_content': { 'zh-CN': '文件内容与声明的类型不符。', en: 'The file’s content does not match its declared type.' },
  'messaging.file_empty': { 'zh-CN': '文件为空。', en: 'The file is empty.' },
  'messaging.file_checksum': {
    'zh-CN': '文件的 SM3 校验值不符，可能在传输中损坏。',
    en: 'The file’s SM3 checksum does not match; it may have been damaged in transit.',
  },
  'messaging.file_name_invalid': {
    'zh-CN': '文件名无效（X-File-Name 须为 URL 编码、不含路径的文件名）。',
    en: 'Invalid file name (X-File-Name: a URL-encoded name without a path).',
  },
  'messaging.file_not_found': { 'zh-CN': '该消息没有文件。', en: 'This message carries no file.' },
  'messaging.receipts_sender_only': {
    'zh-CN': '只有发送人可以查看已读/未读情况。',
    en: 'Only the sender sees who has read a message.',
  },
  'messaging.not_urgent_for_you': {
    'zh-CN': '这不是发给您的紧急消息，无需确认。',
    en: 'This is not an urgent message for you to acknowledge.',
  },
  'messaging.search_too_short': { 'zh-CN': '请至少输入 2 个字进行搜索。', en: 'Search for at least 2 characters.' },
});
