export type Locale = 'zh-CN' | 'en';
export type MessageCatalog = Record<string, { 'zh-CN': string; en: string }>;

const catalog: MessageCatalog = {};

/** Each module registers the messages of its error codes next to the code that throws them. */
export function registerMessages(messages: MessageCatalog): void {
  Object.assign(catalog, messages);
}

/** Chinese first: English only when the caller prefers it over Chinese. */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export function translate(code: string, locale: Locale, params: Record<string, unknown> = {}): string {
  const entry = catalog[code];
  const template = entry ? entry[locale] : locale === 'en' ? `Error: ${code}` : `错误：${code}`;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => (key in params ? String(params[key]) : `{${key}}`));
}

registerMessages({
  'request.malformed_json': { 'zh-CN': '请求体不是合法的 JSON。', en: 'The request body is not valid JSON.' },
  'request.nul_character': {
    'zh-CN': '请求中含有不允许的空字符（U+0000）。',
    en: 'The request contains a NUL character (U+0000), which is not allowed.',
  },
  'request.unsupported_media_type': { 'zh-CN': '不支持的内容类型。', en: 'Unsupported content type.' },
  'request.too_large': { 'zh-CN': '请求体过大（上限 {limit} 字节）。', en: 'The request body is too large (limit {limit} bytes).' },
  'request.rate_limited': { 'zh-CN': '请求过于频繁，请稍后再试。', en: 'Too many requests; please try again later.' },
  'request.not_found': { 'zh-CN': '接口不存在。', en: 'No such endpoint.' },
  'request.method_not_allowed': { 'zh-CN': '不支持该请求方法。', en: 'Method not allowed.' },
  'validation.failed': { 'zh-CN': '输入有误，请检查后重试。', en: 'The input is invalid; please check it.' },
  'internal.error': {
    'zh-CN': '服务器内部错误，已记录（编号 {correlationId}）。',
    en: 'Internal server error; it has been logged (ref {correlationId}).',
  },
  'auth.unauthenticated': { 'zh-CN': '请先登录。', en: 'Please log in first.' },
  'auth.csrf_failed': { 'zh-CN': '安全校验失败，请刷新页面后重试。', en: 'Security check failed; reload the page and retry.' },
  'access.forbidden': { 'zh-CN': '无权执行此操作。', en: 'You are not allowed to do this.' },
  'idempotency.key_reused': {
    'zh-CN': '该幂等键已用于另一个不同的请求。',
    en: 'This Idempotency-Key was already used for a different request.',
  },
  'idempotency.invalid_key': {
    'zh-CN': 'Idempotency-Key 须为 8–128 位字母、数字或 _ . : -。',
    en: 'Idempotency-Key must be 8–128 letters, digits or _ . : -.',
  },
  'idempotency.in_progress': {
    'zh-CN': '相同幂等键的请求正在处理中。',
    en: 'A request with this Idempotency-Key is still being processed.',
  },
  'idempotency.answer_lost': {
    'zh-CN': '相同幂等键的请求已处理完成，但结果未能返回（服务曾中断）。请在列表中查看结果，不要重复提交。',
    en: 'The request with this Idempotency-Key was completed, but its answer was lost when the service stopped. Look for the result in your list rather than submitting again.',
  },
});
