import { isValidElement, useEffect, useState, type ReactNode } from 'react';
import { Button, Card, Col, Form, Grid, Row, Space, type FormInstance } from 'antd';
import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

interface Props<T> {
  /** Current filters (from the URL). */
  values: T;
  onSearch: (values: T) => void;
  onReset: () => void;
  /** Always visible fields (Form.Item elements). */
  fields: ReactNode[];
  /** Folded under "more". */
  moreFields?: ReactNode[];
  form?: FormInstance<T>;
}

/** The query form above a list: a few fields, 查询 and 重置, the rest folded. */
export function QueryForm<T extends object>({ values, onSearch, onReset, fields, moreFields = [], form: external }: Props<T>) {
  const { t } = useTranslation();
  const [own] = Form.useForm<T>();
  const form = external ?? own;
  const [expanded, setExpanded] = useState(false);
  // On a phone the buttons sit under the fields: no blank label above them.
  const narrow = Grid.useBreakpoint().sm === false;

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(values as Parameters<typeof form.setFieldsValue>[0]);
  }, [form, values]);

  // A phone shows the first field only; the others fold under "more" like `moreFields`.
  const always = narrow ? fields.slice(0, 1) : fields;
  const folded = [...fields.slice(always.length), ...moreFields];
  // A filter in use is never hidden.
  const inUse = folded.some((f) => {
    const name = isValidElement<{ name?: unknown }>(f) ? f.props.name : undefined;
    const v = typeof name === 'string' ? (values as Record<string, unknown>)[name] : undefined;
    return v !== undefined && v !== null && v !== '';
  });
  const open = expanded || inUse;
  const shown = open ? [...always, ...folded] : always;
  return (
    <Card size="small" style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
      <Form<T> name="query" form={form} layout="vertical" onFinish={onSearch} className="query-form" role="search">
        <Row gutter={16}>
          {shown.map((f, i) => (
            <Col key={i} xs={24} sm={12} lg={6}>
              {f}
            </Col>
          ))}
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label={narrow ? undefined : ' '} colon={false}>
              <Space wrap>
                <Button type="primary" htmlType="submit" data-testid="query-submit">
                  {t('common.query')}
                </Button>
                <Button onClick={onReset} data-testid="query-reset">
                  {t('common.reset')}
                </Button>
                {folded.length > 0 && !inUse && (
                  <Button type="link" onClick={() => setExpanded((x) => !x)} icon={open ? <UpOutlined /> : <DownOutlined />} aria-expanded={open}>
                    {open ? t('common.less') : t('common.more')}
                  </Button>
                )}
              </Space>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
