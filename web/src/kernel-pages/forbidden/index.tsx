import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

export default function ForbiddenPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div data-testid="page-403">
      <Result
        status="403"
        title="403"
        subTitle={t('errors.forbidden')}
        extra={<Button type="primary" onClick={() => void navigate('/')}>{t('common.backHome')}</Button>}
      />
    </div>
  );
}
