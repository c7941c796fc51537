import { useTranslation } from 'react-i18next';
import { Empty, Flex, Typography } from 'antd';
import type { Room } from './office-api';
import { STATUS_COLOR, VERDICT_COLOR } from './labels';

const W = 960;
const ROW_H = 110;

/**
 * A floor drawn as blocks: width proportional to usable area, rows wrapped to the plan's width.
 * Fill = status; a red or green border = over or within the standard (offices in use).
 */
export function FloorPlan({ rooms, onOpen }: { rooms: Room[]; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  if (rooms.length === 0) return <Empty description={t('office.floorEmpty')} />;
  const total = rooms.reduce((a, r) => a + r.usableArea, 0);
  const scale = Math.max(3, Math.min(14, (W * 2) / total));
  const blocks: { r: Room; x: number; y: number; w: number }[] = [];
  let x = 0;
  let y = 0;
  for (const r of rooms) {
    const w = Math.max(56, r.usableArea * scale);
    if (x + w > W) {
      x = 0;
      y += ROW_H + 8;
    }
    blocks.push({ r, x, y, w });
    x += w + 8;
  }
  const height = y + ROW_H;
  return (
    <Flex vertical gap={8}>
      <svg viewBox={`0 0 ${W} ${height}`} width="100%" role="img" aria-label={t('office.floorPlan')} data-testid="floor-plan" style={{ maxHeight: 520 }}>
        {blocks.map(({ r, x: bx, y: by, w }) => (
          <g key={r.id} onClick={() => onOpen(r.id)} style={{ cursor: 'pointer' }} data-testid={`plan-room-${r.number}`}>
            <title>{`${r.number} ${t(`office.subType.${r.subType}`)} ${r.usableArea} m² ${t(`office.status.${r.status}`)}${r.verdict ? ` ${t(`office.verdict.${r.verdict}`)}` : ''}`}</title>
            <rect x={bx} y={by} width={w} height={ROW_H} rx={4} fill={STATUS_COLOR[r.status]} fillOpacity={0.18}
              stroke={r.verdict ? VERDICT_COLOR[r.verdict] : '#d9d9d9'} strokeWidth={r.verdict === 'over' ? 4 : 2} />
            <text x={bx + 6} y={by + 20} fontSize={14} fontWeight={600}>{r.number}</text>
            <text x={bx + 6} y={by + 40} fontSize={12}>{t(`office.subType.${r.subType}`)}</text>
            <text x={bx + 6} y={by + 58} fontSize={12}>{r.usableArea} m²</text>
            {r.roomClass === 'office' && <text x={bx + 6} y={by + 76} fontSize={12}>{t('office.peopleShort', { count: r.occupants })}</text>}
            {r.verdict === 'over' && <text x={bx + 6} y={by + 96} fontSize={12} fill="#cf1322">+{r.overArea} m²</text>}
          </g>
        ))}
      </svg>
      <Typography.Text type="secondary">{t('office.floorLegend')}</Typography.Text>
    </Flex>
  );
}
