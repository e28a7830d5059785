import { LockOutlined } from '@ant-design/icons';
import { Tooltip, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { AddressBookEntry } from '../api-types';

/** The columns of an address book 通讯录: name, unit, position, and the phone with a lock when it is masked for this viewer. */
export function addressBookColumns(t: TFunction): TableColumnsType<AddressBookEntry> {
  return [
    { title: t('workbench.contacts.name'), dataIndex: 'displayName', key: 'name' },
    { title: t('workbench.contacts.unit'), dataIndex: 'unitName', key: 'unit', render: (value: string | null) => value ?? '—' },
    { title: t('workbench.contacts.position'), dataIndex: 'position', key: 'position', render: (value: string | null) => value ?? '—' },
    {
      title: t('workbench.contacts.phone'),
      key: 'phone',
      render: (_, entry) => {
        if (!entry.phone) return '—';
        return (
          <span>
            {entry.phone}{' '}
            {entry.phoneMasked ? (
              <Tooltip title={t('workbench.contacts.phoneMasked')}>
                <LockOutlined aria-label={t('workbench.contacts.phoneMasked')} />
              </Tooltip>
            ) : null}
          </span>
        );
      },
    },
  ];
}
