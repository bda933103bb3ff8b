// Brazilian Portuguese (pt-BR) message catalog; its type requires every en-US key.
import type { Messages } from './en-US.ts';

export const ptBR: Messages = {
  'app.name': 'Kimchi',
  'app.tagline': 'Máquinas virtuais neste host',
  'app.loading': 'Conectando ao servidor…',

  'tabs.label': 'Seções',
  'tabs.guests': 'Convidados',
  'tabs.templates': 'Modelos',
  'tabs.storage': 'Armazenamento',
  'tabs.network': 'Rede',
  'tabs.host': 'Host',

  'guests.empty': 'Nenhum convidado ainda',
  'guests.emptyHint': 'As máquinas virtuais deste host serão listadas aqui.',
  'templates.empty': 'Nenhum modelo ainda',
  'templates.emptyHint': 'Modelos descrevem como novos convidados são criados.',
  'storage.empty': 'Nenhum pool de armazenamento ainda',
  'storage.emptyHint': 'Os pools de armazenamento e seus volumes serão listados aqui.',
  'network.empty': 'Nenhuma rede ainda',
  'network.emptyHint': 'As redes virtuais dos seus convidados serão listadas aqui.',
  'host.empty': 'Nenhum detalhe do host ainda',
  'host.emptyHint': 'Capacidade, uso e software do host serão mostrados aqui.',

  'banner.title': 'O servidor precisa de atenção',
  'banner.code': 'Código do erro: {code}',
  'banner.disabled': 'A interface fica desativada até que o problema seja corrigido.',
  'banner.retry': 'Tentar novamente',
  'banner.retrying': 'Verificando…',
  'banner.debugReport': 'Gerar relatório de depuração',
  'banner.debugReportUnavailable': 'Relatórios de depuração ainda não estão disponíveis.',

  'error.unreachable': 'Não foi possível conectar ao servidor. Verifique se ele está em execução e tente novamente.',
  'error.noDetails': 'O servidor relatou um problema sem detalhes.',
  'error.unexpected': 'O servidor enviou uma resposta inesperada (HTTP {status}).',
};
