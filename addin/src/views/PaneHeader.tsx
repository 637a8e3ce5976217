/** The pane's top: title, the mode badge, the language switch and the tabs. */
import { memo } from 'react';
import { Badge, Button, Tab, TabList, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { WhoAmI } from '../api/client';
import type { WorkbookHost } from '../host/workbookHost';
import type { Lang } from '../i18n/dictionary';
import { useI18n } from '../i18n/i18n';

export type PaneTab = 'check' | 'submit' | 'rollup' | 'year' | 'account';

const useStyles = makeStyles({
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
});

export interface PaneHeaderProps {
  hostKind: WorkbookHost['kind'];
  lang: Lang;
  onLang: (l: Lang) => void;
  tab: PaneTab;
  onTab: (t: PaneTab) => void;
  who: WhoAmI | null;
}

/**
 * Memoised: App re-renders with every step of a check (progress, result, submission preview);
 * the header and its five styled tabs were a good part of each such render (issue 14).
 */
export const PaneHeader = memo(function PaneHeader({ hostKind, lang, onLang, tab, onTab, who }: PaneHeaderProps) {
  const { t } = useI18n();
  const s = useStyles();
  return (
    <>
      <header className={s.header}>
        <Text as="h1" size={500} weight="semibold">{t('appTitle')}</Text>
        <Badge appearance="tint" color={hostKind === 'file' ? 'informative' : 'brand'}>
          {t(hostKind === 'excel' ? 'modeExcel' : hostKind === 'wps' ? 'modeWps' : 'modeBrowser')}
        </Badge>
        <Button size="small" appearance="subtle" onClick={() => onLang(lang === 'zh' ? 'en' : 'zh')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>
          {t('langSwitch')}
        </Button>
      </header>
      <TabList selectedValue={tab} onTabSelect={(_, d) => onTab(d.value as PaneTab)} size="small">
        <Tab value="check">{t('tabCheck')}</Tab>
        <Tab value="submit">{t('tabSubmit')}</Tab>
        <Tab value="rollup">{t('tabRollup')}</Tab>
        <Tab value="year">{t('tabYear')}</Tab>
        <Tab value="account" title={who?.org.name}>{who ? t(`role_${who.role}`) : t('tabAccount')}</Tab>
      </TabList>
    </>
  );
});
