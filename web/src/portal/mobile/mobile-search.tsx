import { SearchBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { searchPath } from '../service-format';

/** The Portal's search box on phones: it opens `/m/portal/search?q=…`. */
export function MobileSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (
    <SearchBar
      key={params.get('q') ?? ''}
      defaultValue={params.get('q') ?? ''}
      placeholder={t('portal.searchPlaceholder')}
      onSearch={(value) => {
        navigate(searchPath('/m/portal/search', value, params.get('audience')));
      }}
      data-testid="portal-search"
    />
  );
}
