import { useEffect, useState, type ReactNode } from 'react';
import { Button, Card, Col, Form, Row, Space, type FormInstance } from 'antd';
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

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(values as Parameters<typeof form.setFieldsValue>[0]);
  }, [form, values]);

  const shown = expanded ? [...fields, ...moreFields] : fields;
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Form<T> form={form} layout="vertical" onFinish={onSearch}>
        <Row gutter={16}>
          {shown.map((f, i) => (
            <Col key={i} xs={24} sm={12} lg={6}>
              {f}
            </Col>
          ))}
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label=" " colon={false}>
              <Space wrap>
                <Button type="primary" htmlType="submit" data-testid="query-submit">
                  {t('common.query')}
                </Button>
                <Button onClick={onReset} data-testid="query-reset">
                  {t('common.reset')}
                </Button>
                {moreFields.length > 0 && (
                  <Button type="link" onClick={() => setExpanded((x) => !x)} icon={expanded ? <UpOutlined /> : <DownOutlined />}>
                    {expanded ? t('common.less') : t('common.more')}
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
