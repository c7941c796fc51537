import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export default function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('errors.forbidden')}
      extra={<Link to="/"><Button type="primary">{t('common.backHome')}</Button></Link>}
      data-testid="page-403"
    />
  );
}
