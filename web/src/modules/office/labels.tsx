import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RoomStatus, Verdict } from './office-api';

export const STATUS_COLOR: Record<RoomStatus, string> = { in_use: '#1677ff', vacant: '#52c41a', under_repair: '#faad14', leased_out: '#722ed1', disposed: '#8c8c8c' };
export const VERDICT_COLOR: Record<Verdict, string> = { compliant: '#52c41a', over: '#ff4d4f', no_standard: '#faad14', unoccupied: '#bfbfbf' };

export function StatusTag({ status }: { status: RoomStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`office.status.${status}`)}</Tag>;
}

export function VerdictTag({ verdict, over }: { verdict: Verdict | null; over?: number | null }) {
  const { t } = useTranslation();
  if (!verdict) return <span>—</span>;
  return (
    <Tag color={VERDICT_COLOR[verdict]} data-testid={`verdict-${verdict}`}>
      {t(`office.verdict.${verdict}`)}
      {verdict === 'over' && over ? ` +${over} m²` : ''}
    </Tag>
  );
}

export const m2 = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${Math.round(n * 100) / 100} m²`);
export const todayIso = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
