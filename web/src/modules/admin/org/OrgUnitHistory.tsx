import { Alert, Empty, Skeleton, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OrgUnitHistoryEntry } from '../../../kernel/contracts';
import { api } from '../../../kernel/api';
import { formatDateTime } from '../../../kernel/format';
import { useErrorText } from '../../../kernel/errors';

/** Name and parent over time (renames and moves). */
export function OrgUnitHistory({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const history = useQuery({
    queryKey: ['org', 'history', unitId],
    queryFn: () => api.get<OrgUnitHistoryEntry[]>(`/api/org/units/${unitId}/history`),
  });
  if (history.isPending) return <Skeleton active />;
  if (history.isError) return <Alert type="error" showIcon title={errorText(history.error)} />;
  if (history.data.length === 0) return <Empty description={t('org.historyEmpty')} />;
  return (
    <Timeline
      items={history.data.map((h, i) => ({
        key: i,
        color: h.validTo ? 'gray' : 'green',
        title: `${formatDateTime(h.validFrom)} ~ ${h.validTo ? formatDateTime(h.validTo) : t('org.historyCurrent')}`,
        content: (
          <>
            <Typography.Text strong>{h.name}</Typography.Text>
            <br />
            <Typography.Text type="secondary">
              {t('org.parent')}: {h.parentName ?? '—'}
            </Typography.Text>
          </>
        ),
      }))}
    />
  );
}
