import { useTranslation } from 'react-i18next';
import { ImportDialog } from '../../kernel/components/ImportDialog';
import { downloadTemplate, importFile, officeKey } from './office-api';

type Kind = 'buildings' | 'rooms' | 'occupants' | 'survey' | 'ledger';

/** The kernel's import dialog for the office sheets (buildings, rooms, occupants, survey, organ ledgers). */
export function ImportModal({ open, onClose, kinds }: { open: boolean; onClose: () => void; kinds: Kind[] }) {
  const { t } = useTranslation();
  return (
    <ImportDialog open={open} onClose={onClose} title={t('office.importTitle')} intro={t('office.importIntro')} testId="office-import"
      kinds={kinds.map((k) => ({ value: k, label: t(`office.importKind.${k}`) }))} invalidate={officeKey}
      downloadTemplate={(k) => downloadTemplate(k)} upload={(k, f) => importFile(k, f)} />
  );
}
