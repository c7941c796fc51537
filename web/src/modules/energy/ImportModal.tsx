import { useTranslation } from 'react-i18next';
import { ImportDialog } from '../../kernel/components/ImportDialog';
import { downloadBasicTemplate, downloadTemplate, energyKey, importBasic, importUse } from './api';

/** The kernel's import dialog for the base form 《能源资源消费情况》. */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ImportDialog open={open} onClose={onClose} title={t('energy.importTitle')} intro={t('energy.importHint')} testId="energy-import"
      invalidate={energyKey} downloadTemplate={() => downloadTemplate()} upload={(_, f) => importUse(f)} />
  );
}

/** The kernel's import dialog for the base form 《基本信息》: register institutions and their dated denominators. */
export function BasicImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ImportDialog open={open} onClose={onClose} title={t('energy.importBasicTitle')} intro={t('energy.importBasicHint')} testId="energy-basic-import"
      invalidate={energyKey} downloadTemplate={() => downloadBasicTemplate()} upload={(_, f) => importBasic(f)} />
  );
}
