// The "New template" form as plain data: per-field checks (the server's limits) and the request body they make.
import type { TemplateInput } from '../api/index.ts';
import type { MessageKey } from '../common/i18n/index.ts';
import { nameProblem } from '../common/names.ts';

export interface TemplateForm {
  name: string;
  cdrom: string;
  memory: string;
  vcpus: string;
  disk: string;
  network: string;
}

export type FieldErrors = Partial<Record<keyof TemplateForm, MessageKey>>;

export const emptyForm = (): TemplateForm => ({ name: '', cdrom: '', memory: '', vcpus: '', disk: '', network: 'default' });

/** "1,5" (pt-BR's decimal comma) or "1.5" → 1.5. */
const decimal = (text: string) => Number(text.trim().replace(',', '.'));

const isInt = (text: string) => /^\d+$/.test(text.trim());

function intIn(text: string, min: number, max: number): boolean {
  if (!isInt(text)) return false;
  const value = Number(text);
  return value >= min && value <= max;
}

/** Every field's problem; an empty optional field means "the server's default" and is fine. */
export function checkForm(form: TemplateForm): FieldErrors {
  const errors: FieldErrors = {};
  const name = nameProblem(form.name);
  if (name) errors.name = name;
  const cdrom = form.cdrom.trim();
  if (cdrom && (!cdrom.startsWith('/') || cdrom.length > 4096)) errors.cdrom = 'templateForm.cdromInvalid';
  if (form.memory.trim() && !intIn(form.memory, 16, 16 * 1024 * 1024)) errors.memory = 'templateForm.memoryInvalid';
  if (form.vcpus.trim() && !intIn(form.vcpus, 1, 4096)) errors.vcpus = 'templateForm.vcpusInvalid';
  const disk = form.disk.trim();
  if (disk && !(/^\d+([.,]\d+)?$/.test(disk) && decimal(disk) > 0 && decimal(disk) <= 64 * 1024)) errors.disk = 'templateForm.diskInvalid';
  if (form.network.trim() && nameProblem(form.network.trim())) errors.network = 'templateForm.networkInvalid';
  return errors;
}

/** The POST /api/templates body: only what the user filled in, so the server's defaults apply to the rest. */
export function toInput(form: TemplateForm): TemplateInput {
  const input: TemplateInput = { name: form.name };
  if (form.cdrom.trim()) input.cdrom = form.cdrom.trim();
  if (form.memory.trim()) input.memory = { current: Number(form.memory) };
  if (form.vcpus.trim()) input.cpu_info = { vcpus: Number(form.vcpus) };
  if (form.disk.trim()) input.disks = [{ size: decimal(form.disk) }];
  if (form.network.trim()) input.networks = [form.network.trim()];
  return input;
}
