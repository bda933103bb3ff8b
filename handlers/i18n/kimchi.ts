// Messages of the Kimchi 3.0 surface (/plugins/kimchi) whose ids Kimchi and wok define and our /api does not use.
import type { Catalog } from './catalog.ts';

export const en = {
  'kimchi.WOKAPI0006E': 'Unable to parse the JSON request.',
  'kimchi.WOKAPI0007E': 'This API only supports JSON.',
  'kimchi.WOKAPI0008E': 'Parameters do not match the requirement in the schema: {err}',
  'kimchi.WOKAPI0009E': "You don't have permission to perform this operation.",
  'kimchi.WOKAUTH0002E': 'You are not authorized to access Wok. Please, login first.',
  'kimchi.WOKAUTH0007E': 'You need to specify username and password to login into Wok.',
  'kimchi.WOKAUTH0008E': 'The username or password you entered is incorrect. Please try again.',
  'kimchi.WOKOBJST0001E': 'Unable to find {item} in datastore.',
  'kimchi.KCHAPI0001E': 'Unknown parameter {value}.',
  'kimchi.KCHVM0016E': 'Specify a template to create a virtual machine from.',
  'kimchi.KCHTMPL0002E': 'Source media {path} not found.',
  'kimchi.KCHTMPL0016E': 'Specify a path to source media (ISO, disk or remote ISO) to create a template.',
  'kimchi.KCHPOOL0070E': 'The storage pool kimchi_isos is a read-only view of the ISO images in all active pools.',
  'kimchi.task.running': 'The request is being processing.',
} as const;

export const pt: Catalog<typeof en> = {
  'kimchi.WOKAPI0006E': 'Não foi possível interpretar a requisição JSON.',
  'kimchi.WOKAPI0007E': 'Esta API só aceita JSON.',
  'kimchi.WOKAPI0008E': 'Os parâmetros não atendem ao esquema: {err}',
  'kimchi.WOKAPI0009E': 'Você não tem permissão para executar esta operação.',
  'kimchi.WOKAUTH0002E': 'Você não está autorizado a acessar o Wok. Faça login primeiro.',
  'kimchi.WOKAUTH0007E': 'Informe usuário e senha para entrar no Wok.',
  'kimchi.WOKAUTH0008E': 'O usuário ou a senha informados estão incorretos. Tente novamente.',
  'kimchi.WOKOBJST0001E': 'Não foi possível encontrar {item} no repositório de dados.',
  'kimchi.KCHAPI0001E': 'Parâmetro desconhecido {value}.',
  'kimchi.KCHVM0016E': 'Informe um modelo a partir do qual criar a máquina virtual.',
  'kimchi.KCHTMPL0002E': 'Mídia de origem {path} não encontrada.',
  'kimchi.KCHTMPL0016E': 'Informe o caminho de uma mídia de origem (ISO, disco ou ISO remota) para criar um modelo.',
  'kimchi.KCHPOOL0070E': 'O pool de armazenamento kimchi_isos é uma visão somente leitura das imagens ISO de todos os pools ativos.',
  'kimchi.task.running': 'A tarefa está em execução.',
};
