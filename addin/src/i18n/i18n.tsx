import { createContext, useContext } from 'react';
import type { Lang, MessageKey } from './dictionary';
import { translate } from './dictionary';

export interface I18n {
  lang: Lang;
  t: (k: MessageKey, vars?: Record<string, string | number>) => string;
}

export function makeI18n(lang: Lang): I18n {
  return { lang, t: (k, vars) => translate(lang, k, vars) };
}

export const I18nContext = createContext<I18n>(makeI18n('zh'));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
