import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../shared/auth';
import { useDebounced, usePeopleSearch } from '../address-book';
import '../workbench.css';

/** A picked person: the account and the name it shows with. */
export interface PickedPerson {
  value: string;
  label: string;
}

/**
 * People from the address book — for a 单聊 or 群聊, a 批示's 承办人, a document's signers (name, pinyin such as `cxl`, initials,
 * position, unit or organisation): only those the reader may reach are found, as the server
 * requires. Oneself is left out. The value keeps each person's name, so a new search does not lose it.
 */
export function PeopleSelect<Multiple extends boolean>({
  multiple,
  value,
  onChange,
  testId,
  autoFocus,
  placeholder,
}: {
  multiple: Multiple;
  value?: (Multiple extends true ? PickedPerson[] : PickedPerson) | undefined;
  onChange?: (value: Multiple extends true ? PickedPerson[] : PickedPerson) => void;
  testId: string;
  autoFocus?: boolean;
  /** what to type, where the default (people to talk to) does not fit */
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  const found = usePeopleSearch(q);
  const options = (found.data ?? [])
    .filter((person) => person.accountId !== me.id)
    .map((person) => ({
      value: person.accountId,
      label: person.displayName,
      description: [person.position, person.unitName, person.orgName].filter(Boolean).join(' · '),
    }));
  const toPicked = (p: { value: string; label?: unknown }): PickedPerson => ({ value: p.value, label: String(p.label ?? '') });
  return (
    <Select<PickedPerson | PickedPerson[], (typeof options)[number]>
      mode={multiple ? 'multiple' : undefined}
      labelInValue
      showSearch
      autoFocus={autoFocus}
      filterOption={false}
      value={value}
      onChange={(next) =>
        onChange?.((Array.isArray(next) ? next.map(toPicked) : toPicked(next)) as Multiple extends true ? PickedPerson[] : PickedPerson)
      }
      searchValue={typed}
      onSearch={setTyped}
      onBlur={() => setTyped('')}
      loading={found.isFetching}
      placeholder={placeholder ?? t('workbench.messages.people.placeholder')}
      notFoundContent={q ? t('workbench.messages.people.none') : null}
      options={options}
      optionRender={(option) => (
        <div data-testid={`person-option-${option.value}`}>
          <div>{option.data.label}</div>
          <div className="zl-person-meta">{option.data.description}</div>
        </div>
      )}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
