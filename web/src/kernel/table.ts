import type { TablePaginationConfig } from 'antd';
import type { TFunction } from 'i18next';

/** Standard list paging: "共 N 条", page sizes 10/20/50. */
export function pagingOf(
  t: TFunction,
  page: number,
  pageSize: number,
  total: number | undefined,
  onChange: (page: number, pageSize: number) => void,
): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50],
    showTotal: (n) => t('common.total', { count: n }),
    onChange: (p, s) => onChange(s !== pageSize ? 1 : p, s),
  };
}
