import { useTranslation } from 'react-i18next';

const slot = '\u0000';

/**
 * 「张三，您好」 in the reader's language, the name in its own element. react-i18next's Trans
 * would do it with a markup parser that the first route then downloads (B7).
 */
export function Greeting({ i18nKey, name }: { i18nKey: 'portal.home.greeting' | 'workbench.home.greeting'; name: string }) {
  const { t } = useTranslation();
  const [before = '', after = ''] = t(i18nKey, { name: slot }).split(slot);
  return (
    <>
      {before}
      <span data-testid="user-name">{name}</span>
      {after}
    </>
  );
}
