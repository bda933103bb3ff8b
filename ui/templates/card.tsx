// One template as a card: name, OS, memory, vCPUs, disk size, an invalid badge with its reason, clone and delete.
import { Show } from 'solid-js';
import { isTemplateValid, type Template } from '../api/index.ts';
import { formatGiB, formatMiB } from '../common/format.ts';
import { t } from '../common/i18n/index.ts';
import { tt } from './i18n.ts';

export interface TemplateCardProps {
  template: Template;
  /** The host its validity was checked against (the ISOs, pools and networks it names are per host). */
  host: string;
  /** A clone of this template is being requested. */
  cloning: boolean;
  onClone: (template: Template) => void;
  onDelete: (template: Template) => void;
}

export function TemplateCard(props: TemplateCardProps) {
  const valid = () => isTemplateValid(props.template);
  const os = () => {
    const { os_distro: distro, os_version: version } = props.template;
    if (!distro || distro === 'unknown') return t('template.osUnknown');
    return version && version !== 'unknown' ? `${distro} ${version}` : distro;
  };
  const disk = () => props.template.disks.reduce((sum, d) => sum + d.size, 0);

  return (
    <article class="card template-card" data-testid="template-card" data-name={props.template.name} data-valid={valid() ? 'true' : 'false'}>
      <header class="template-card__head">
        <h3 class="template-card__name" data-testid="template-name">{props.template.name}</h3>
        <Show when={!valid()}>
          <span class="badge badge--invalid" data-testid="template-invalid" data-host={props.host}>{tt('invalidOn', { host: props.host })}</span>
        </Show>
      </header>
      <Show when={!valid()}>
        <p class="template-card__reason" data-testid="template-invalid-reason">{props.template.invalid_reason ?? ''}</p>
      </Show>
      <dl class="card__facts template-card__facts">
        <div><dt>{t('template.os')}</dt><dd data-testid="template-os">{os()}</dd></div>
        <div><dt>{t('vm.memory')}</dt><dd data-testid="template-memory">{formatMiB(props.template.memory.current)}</dd></div>
        <div><dt>{t('vm.vcpus')}</dt><dd data-testid="template-vcpus">{props.template.cpu_info.vcpus}</dd></div>
        <div><dt>{t('template.disk')}</dt><dd data-testid="template-disk">{disk() > 0 ? formatGiB(disk()) : t('template.noDisk')}</dd></div>
      </dl>
      <Show when={props.template.cdrom}>
        {(cdrom) => <p class="template-card__iso" title={cdrom()}>{t('template.iso', { path: cdrom() })}</p>}
      </Show>
      <div class="template-card__actions">
        <button
          type="button"
          class="button"
          data-testid="template-clone"
          disabled={props.cloning}
          aria-busy={props.cloning ? 'true' : undefined}
          onClick={() => props.onClone(props.template)}
        >
          {t('template.clone')}
        </button>
        <button type="button" class="button button--danger" data-testid="template-delete" onClick={() => props.onDelete(props.template)}>
          {t('template.delete')}
        </button>
      </div>
    </article>
  );
}
