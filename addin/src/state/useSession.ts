/**
 * Who is signed in: the token (in memory, or this tab's session storage — never the workbook),
 * the API client made from it, who the token belongs to, and the committee's settings the
 * checker uses. An unknown or revoked token is forgotten at once.
 */
import { useEffect, useMemo, useState } from 'react';
import type { CommitteeSettings } from '../../../shared/settings';
import type { FetchFn, WhoAmI } from '../api/client';
import { ApiClient, errorKind } from '../api/client';
import type { KeyValueStore } from '../api/outbox';

const TOKEN_KEY = 'duesbook.token';

export interface SessionOptions {
  apiBase?: string;
  fetch?: FetchFn;
  sessionStore?: KeyValueStore | null;
  /** A failure in the clerk's words, for the sign-in form. */
  describe: (e: unknown) => string;
}

export function useSession({ apiBase, fetch, sessionStore, describe }: SessionOptions) {
  const [token, setToken] = useState<string | null>(() => sessionStore?.getItem(TOKEN_KEY) ?? null);
  const [who, setWho] = useState<WhoAmI | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(() => !!sessionStore?.getItem(TOKEN_KEY));
  const [settings, setSettings] = useState<CommitteeSettings | undefined>(undefined);

  // A new sign-in attempt (even with the same token, after a network failure) gets a new client.
  const [attempt, setAttempt] = useState(0);
  const client = useMemo(
    () => (token ? new ApiClient({ token, baseUrl: apiBase ?? '', ...(fetch ? { fetch } : {}) }) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- attempt forces a fresh client
    [token, apiBase, fetch, attempt],
  );

  // Resolve who the token belongs to, and fetch the committee's settings for the checker.
  useEffect(() => {
    if (!client) return;
    let live = true;
    client
      .whoAmI()
      .then(async (w) => {
        if (!live) return;
        setWho(w);
        setError(null);
        try {
          const st = await client.settings();
          if (live) setSettings(st);
        } catch {
          // Settings are optional: the checker's defaults apply.
        }
      })
      .catch((e: unknown) => {
        if (!live) return;
        setWho(null);
        setError(describe(e));
        if (errorKind(e) === 'unauthorized') {
          sessionStore?.removeItem(TOKEN_KEY);
          setToken(null);
        }
      })
      .finally(() => live && setSigningIn(false));
    return () => {
      live = false;
    };
  }, [client, describe, sessionStore]);

  const signIn = (tok: string, remember: boolean) => {
    if (remember) sessionStore?.setItem(TOKEN_KEY, tok);
    else sessionStore?.removeItem(TOKEN_KEY);
    setError(null);
    setSigningIn(true);
    setToken(tok);
    setAttempt((n) => n + 1);
  };

  const signOut = () => {
    sessionStore?.removeItem(TOKEN_KEY);
    setToken(null);
    setWho(null);
    setSettings(undefined);
  };

  return { client, who, token, settings, error, signingIn, signIn, signOut };
}
