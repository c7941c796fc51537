import { Alert, Empty, Flex, Skeleton, Tag, Typography, theme } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '../../../kernel/contracts';
import { searchOrgUnits } from '../../../kernel/org-api';
import { useErrorText } from '../../../kernel/errors';

/** Units whose name (or code) matches, within the caller's scope. */
export function OrgSearchResults({ q, selectedId, onSelect }: { q: string; selectedId: number | null; onSelect: (u: OrgUnit) => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const errorText = useErrorText();
  const found = useQuery({ queryKey: ['org', 'search', q], queryFn: () => searchOrgUnits(q) });
  if (found.isPending) return <Skeleton active />;
  if (found.isError) return <Alert type="error" showIcon title={errorText(found.error)} />;
  if (found.data.length === 0) return <Empty description={t('org.searchEmpty', { q })} />;
  return (
    <Flex vertical data-testid="org-search-results">
      {found.data.map((u) => (
        <Typography.Link
          key={u.id}
          onClick={() => onSelect(u)}
          style={{
            padding: '8px 4px',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            background: u.id === selectedId ? token.controlItemBgActive : undefined,
          }}
        >
          {u.name} <Tag>{t(`org.kind.${u.kind}`)}</Tag>
        </Typography.Link>
      ))}
    </Flex>
  );
}
