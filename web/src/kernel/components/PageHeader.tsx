import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/** Page title on the left, the main actions on the right. */
export function PageHeader({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="page-title">
        {title}
      </Typography.Title>
      {extra ? <Flex gap={8} wrap>{extra}</Flex> : null}
    </Flex>
  );
}

/**
 * One page: its header and content in a landmark named after the title. `id` gives the
 * `data-testid="page-<id>"` that tells the page (a lazily loaded chunk) has rendered.
 */
export function Page({ id, title, extra, children }: { id: string; title: string; extra?: ReactNode; children?: ReactNode }) {
  return (
    <section data-testid={`page-${id}`} aria-label={title}>
      <PageHeader title={title} extra={extra} />
      {children}
    </section>
  );
}
