/** Sign in with an access token; the token lives in memory (or this tab's sessionStorage), never the workbook. */
import { useState } from 'react';
import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { WhoAmI } from '../api/client';
import { useI18n } from '../i18n/i18n';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

export interface SignInViewProps {
  who: WhoAmI | null;
  error: string | null;
  busy: boolean;
  onSignIn: (token: string, remember: boolean) => void;
  onSignOut: () => void;
}

export function SignInView({ who, error, busy, onSignIn, onSignOut }: SignInViewProps) {
  const { t } = useI18n();
  const s = useStyles();
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(true);
  if (who) {
    return (
      <div className={s.root}>
        <Text role="status">{t('signedInAs', { org: who.org.name, role: t(`role_${who.role}`) })}</Text>
        <Button onClick={onSignOut}>{t('signOut')}</Button>
      </div>
    );
  }
  return (
    <form
      className={s.root}
      aria-label={t('signIn')}
      onSubmit={(e) => {
        e.preventDefault();
        if (token.trim()) onSignIn(token.trim(), remember);
      }}
    >
      <Field label={t('tokenLabel')} hint={t('tokenNote')}>
        <Input type="password" value={token} autoComplete="off" onChange={(_, d) => setToken(d.value)} />
      </Field>
      <Checkbox checked={remember} onChange={(_, d) => setRemember(!!d.checked)} label={t('rememberSession')} />
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <Button type="submit" appearance="primary" disabled={busy || !token.trim()}>{t('signIn')}</Button>
    </form>
  );
}
