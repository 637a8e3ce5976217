/** Shows every cell a fix will change, old → new, before anything is written. */
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle,
  Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow,
} from '@fluentui/react-components';
import type { Finding } from '../../../shared/findings/finding';
import { fixLabel } from '../../../shared/findings/collect';
import type { CellValue } from '../../../shared/grid';
import { useI18n } from '../i18n/i18n';

export interface FixPreviewDialogProps {
  /** One dialog stays mounted and opens and closes (remounting races Fluent's exit motion). */
  open: boolean;
  findings: Finding[];
  cellValue: (sheet: string, row: number, col: number) => CellValue;
  onCancel: () => void;
  onApply: () => void;
}

export function FixPreviewDialog({ open, findings, cellValue, onCancel, onApply }: FixPreviewDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface style={{ maxWidth: 340 }}>
        <DialogBody>
          <DialogTitle>{t('fixPreviewTitle')}</DialogTitle>
          <DialogContent>
            <Table size="extra-small" aria-label={t('fixPreviewTitle')}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('fixPreviewCell')}</TableHeaderCell>
                  <TableHeaderCell>{t('fixPreviewOld')}</TableHeaderCell>
                  <TableHeaderCell>{t('fixPreviewNew')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {findings.map((f) => (
                  <TableRow key={`${f.sheet}!${f.cell}`}>
                    <TableCell>{f.sheet}!{f.cell}</TableCell>
                    <TableCell>{String(cellValue(f.sheet, f.row, f.col) ?? '')}</TableCell>
                    <TableCell>{fixLabel(f)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>{t('cancel')}</Button>
            <Button appearance="primary" onClick={onApply}>{t('applyFixes', { n: findings.length })}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
