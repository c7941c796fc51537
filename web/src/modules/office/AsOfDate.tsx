import { DatePicker, Flex, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { todayIso } from './labels';

/**
 * "As of" a past day: the registry and compliance pages read rooms, uses, occupants, areas and
 * verdicts as they were on that day. Empty = today. Kept in the URL (`date`).
 */
export function AsOfDate({ value, onChange }: { value: string | undefined; onChange: (date: string | undefined) => void }) {
  const { t } = useTranslation();
  const today = todayIso();
  const past = value !== undefined && value !== today;
  return (
    <Flex gap={8} align="center" wrap>
      <span>{t('office.asOf')}</span>
      <DatePicker value={dayjs(value ?? today)} allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') > today}
        onChange={(d) => onChange(!d || d.format('YYYY-MM-DD') === today ? undefined : d.format('YYYY-MM-DD'))} data-testid="as-of-date" />
      {past && <Tag color="purple" closable onClose={() => onChange(undefined)} data-testid="as-of-past">{t('office.asOfPast', { date: value })}</Tag>}
    </Flex>
  );
}
