// Messages of authentication and authorization.
import type { Catalog } from './catalog.ts';

export const en = {
  KCHAUTH0001E: 'Wrong user name or password.',
  KCHAUTH0002E: 'Too many failed logins. Try again in {seconds} seconds.',
  KCHAUTH0003E: 'User {user} may not do this: {what} needs an administrator.',
  KCHAUTH0004E: 'Log in first: this request needs a user name and password or a session.',
  KCHAUTH0005E: 'Cross-site request refused: send it from this site, or with the X-Requested-With header.',
  KCHAUTH0006E: 'User {user} has no access to the virtual machine {name}.',
  KCHAUTH0007E: 'Unknown host user: {names}.',
  KCHAUTH0008E: 'Unknown host group: {names}.',
  KCHAUTH0009E: 'Too many logins are being checked from your address at once. Try again in {seconds} seconds.',
} as const;

export const pt: Catalog<typeof en> = {
  KCHAUTH0001E: 'Usuário ou senha incorretos.',
  KCHAUTH0002E: 'Muitas tentativas de login falharam. Tente novamente em {seconds} segundos.',
  KCHAUTH0003E: 'O usuário {user} não pode fazer isto: {what} exige um administrador.',
  KCHAUTH0004E: 'Faça login primeiro: esta requisição precisa de usuário e senha ou de uma sessão.',
  KCHAUTH0005E: 'Requisição de outro site recusada: envie-a a partir deste site ou com o cabeçalho X-Requested-With.',
  KCHAUTH0006E: 'O usuário {user} não tem acesso à máquina virtual {name}.',
  KCHAUTH0007E: 'Usuário do sistema desconhecido: {names}.',
  KCHAUTH0008E: 'Grupo do sistema desconhecido: {names}.',
  KCHAUTH0009E: 'Há logins demais sendo verificados a partir do seu endereço ao mesmo tempo. Tente novamente em {seconds} segundos.',
};
