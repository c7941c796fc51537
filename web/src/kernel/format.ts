import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** All times are shown in Beijing time, whatever the browser's zone. */
export const TIME_ZONE = 'Asia/Shanghai';

export const formatDateTime = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).tz(TIME_ZONE).format('YYYY-MM-DD HH:mm:ss') : '—';

export const formatDate = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).tz(TIME_ZONE).format('YYYY-MM-DD') : '—';

/** A business day (`date`), already without a zone. */
export const formatDay = (d: dayjs.Dayjs | null | undefined): string | undefined => d?.format('YYYY-MM-DD');

export const formatJson = (v: unknown): string => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));
