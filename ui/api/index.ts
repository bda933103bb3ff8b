// Everything the UI may ask the server, re-exported from one place.
export { ApiError, NetworkError, ResponseError, type RequestFailure } from './client.ts';
export { getConfig, recheck, type ServerConfig } from './config.ts';
export { subscribeEvents, type EventHandlers, type VmEvent } from './events.ts';
export { getTask, listTasks, type Task } from './tasks.ts';
export {
  cloneTemplate, createTemplate, deleteTemplate, isTemplateValid, listTemplates, templateUri, updateTemplate,
  type Template, type TemplateInput, type TemplateUpdate,
} from './templates.ts';
export {
  actionAllowed, cloneVm, createVm, deleteVm, getDeletionPlan, getVm, listVms, updateVm, vmAction,
  type Vm, type VmAction, type VmCreate, type VmDeletion, type VmState, type VmUpdate,
} from './vms.ts';
