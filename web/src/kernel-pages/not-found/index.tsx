import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

export default function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div data-testid="page-404">
      <Result
        status="404"
        title="404"
        subTitle={t('errors.notFound')}
        extra={<Button type="primary" onClick={() => void navigate('/')}>{t('common.backHome')}</Button>}
      />
    </div>
  );
}
