import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { searchUsers } from './role-api';

interface Props {
  value?: number;
  onChange?: (v: number | undefined) => void;
  allowClear?: boolean;
  id?: string;
  'data-testid'?: string;
}

/** Pick a user by typing part of the name or username (server search). */
export function UserSelect({ value, onChange, allowClear, id, ...rest }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(h);
  }, [typed]);
  const found = useQuery({ queryKey: ['users', 'pick', q], queryFn: () => searchUsers(q) });
  const options = (found.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username}) · ${u.orgUnitName}` }));
  return (
    <Select<number>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={options}
      showSearch={{ onSearch: setTyped, filterOption: false }}
      loading={found.isFetching}
      allowClear={allowClear}
      placeholder={t('roles.pickUser')}
      notFoundContent={t('roles.noUserFound')}
      style={{ width: '100%', minWidth: 200 }}
      data-testid={rest['data-testid']}
    />
  );
}
