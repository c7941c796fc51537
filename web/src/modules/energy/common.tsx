import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Period, ReportRow } from './api';

const COLOR: Record<ReportRow['status'], string> = { none: 'default', draft: 'default', submitted: 'processing', accepted: 'success', returned: 'error' };

export const periodLabel = (t: TFunction, p: Period) => t('energy.periodName', { year: p.year, kind: t(`energy.periodKind.${p.kind}`, { seq: p.seq }) });

export function StatusTag({ status, overdue, testId }: { status: ReportRow['status']; overdue?: boolean; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span data-testid={testId}>
      <Tag color={COLOR[status]}>{t(`energy.status.${status}`)}</Tag>
      {overdue && <Tag color="red">{t('energy.overdue')}</Tag>}
    </span>
  );
}
