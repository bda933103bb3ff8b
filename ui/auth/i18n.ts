// The login page's and the header's session strings (en-US and pt-BR, pt-BR typed to translate every key) and their t().
import { locale } from '../common/i18n/index.ts';
import { translator } from '../common/i18n/translator.ts';

const en = {
  'login.title': 'Log in',
  'login.intro': 'Use a user name and password of this host.',
  'login.username': 'User name',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.pending': 'Logging in…',
  'login.wait': 'Try again in {seconds} s',
  'login.checking': 'Checking your session…',
  'login.offline': 'Cannot reach the server. Retrying…',
  'login.retry': 'Retry now',
  'user.signedIn': 'Logged in as {name}',
  'user.admin': 'Administrator',
  'user.logout': 'Log out',
  'user.loggingOut': 'Logging out…',
} as const;

export type AuthMessageKey = keyof typeof en;

const pt: { readonly [K in AuthMessageKey]: string } = {
  'login.title': 'Entrar',
  'login.intro': 'Use um usuário e senha deste host.',
  'login.username': 'Usuário',
  'login.password': 'Senha',
  'login.submit': 'Entrar',
  'login.pending': 'Entrando…',
  'login.wait': 'Tente novamente em {seconds} s',
  'login.checking': 'Verificando sua sessão…',
  'login.offline': 'Não foi possível conectar ao servidor. Tentando novamente…',
  'login.retry': 'Tentar agora',
  'user.signedIn': 'Conectado como {name}',
  'user.admin': 'Administrador',
  'user.logout': 'Sair',
  'user.loggingOut': 'Saindo…',
};

export const t = translator<AuthMessageKey>(locale, { 'en-US': en, 'pt-BR': pt });
