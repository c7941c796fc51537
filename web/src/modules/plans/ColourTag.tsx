import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Colour } from '@guanjia/contracts/plans';

const TAG: Record<Colour, string> = { green: 'success', amber: 'warning', red: 'error', none: 'default' };
export const COLOUR_HEX: Record<Colour, string> = { green: '#52c41a', amber: '#faad14', red: '#ff4d4f', none: '#bfbfbf' };

/** Status colour (绿/黄/红) with its word, so it reads without colour too. */
export function ColourTag({ colour, score }: { colour: Colour; score?: number | null }) {
  const { t } = useTranslation();
  return (
    <Tag color={TAG[colour]} data-colour={colour}>
      {t(`plans.colour.${colour}`)}
      {score !== undefined && score !== null ? ` ${Math.round(score * 100)}%` : ''}
    </Tag>
  );
}

export const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)}%`);
export const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : Number.isInteger(x) ? String(x) : x.toFixed(2));
