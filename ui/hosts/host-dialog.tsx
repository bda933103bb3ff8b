// Add or edit a host: name, connection URI with "Test connection" (libvirt's reason when it fails), migration URI, note.
import { Show, createSignal } from 'solid-js';
import { addHost, testHost, updateHost, type Host, type HostInput, type HostTest } from '../api/hosts.ts';
import { describeFailure } from '../common/failure.ts';
import { FormDialog, createSubmission } from '../common/form-dialog.tsx';
import { TextField } from '../common/field.tsx';
import { reportFailure } from '../common/report.ts';
import { t } from './i18n.ts';
import { hostsStore } from './store.ts';

export interface HostDialogProps {
  /** The host to edit; none adds one. */
  host?: Host;
  onClose: () => void;
  /** `askedAt`: the hosts store's mark() from before the request (events after it are newer than the answer). */
  onSaved: (host: Host, askedAt: number) => void;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
/** driver[+transport]://[user@][host[:port]]/path[?params]: what virConnectOpen parses; the server has the last word. */
const URI = /^[a-z][a-z0-9]*(\+[a-z0-9]+)?:\/\/[^\s/]*\/[^\s]*$/;

export function HostDialog(props: HostDialogProps) {
  const editing = props.host !== undefined;
  /** The machine the server runs on: its connection is the server's own (read-only here); how peers reach it is not. */
  const local = props.host?.local === true;
  const [form, setForm] = createSignal<Required<HostInput>>({
    name: props.host?.name ?? '', uri: props.host?.uri ?? '',
    migration_uri: props.host?.migration_uri ?? '', description: props.host?.description ?? '',
  });
  const [touched, setTouched] = createSignal<Partial<Record<keyof HostInput, boolean>>>({});
  const [test, setTest] = createSignal<{ uri: string; result?: HostTest; running: boolean }>();
  const submission = createSubmission();
  const saving = submission.saving;

  const set = (key: keyof HostInput, value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setTouched((seen) => ({ ...seen, [key]: true }));
  };
  const errors = () => {
    const f = form();
    return {
      name: NAME.test(f.name) ? undefined : t('dialog.nameInvalid'),
      uri: URI.test(f.uri.trim()) ? undefined : t('dialog.uriInvalid'),
      migration_uri: f.migration_uri.trim() === '' || URI.test(f.migration_uri.trim()) ? undefined : t('dialog.uriInvalid'),
    };
  };
  const error = (key: 'name' | 'uri' | 'migration_uri') => (touched()[key] ? errors()[key] : undefined);
  const valid = () => Object.values(errors()).every((e) => e === undefined);

  async function runTest(): Promise<void> {
    const uri = form().uri.trim();
    setTest({ uri, running: true });
    try {
      const result = await testHost(uri);
      setTest((now) => (now?.uri === uri ? { uri, result, running: false } : now));
    } catch (failure) {
      setTest((now) => (now?.uri === uri ? { uri, result: { ok: false, reason: describeFailure(failure).reason }, running: false } : now));
    }
  }
  // A result speaks only for the URI it tested: typing another one hides it.
  const result = () => { const now = test(); return now && now.uri === form().uri.trim() ? now.result : undefined; };

  async function save(): Promise<void> {
    const f = form();
    const input: HostInput = { name: f.name, uri: f.uri.trim() };
    if (f.migration_uri.trim()) input.migration_uri = f.migration_uri.trim();
    if (f.description.trim()) input.description = f.description.trim();
    const failed = t(editing ? 'dialog.editTitle' : 'dialog.addTitle', { name: f.name });
    // An edit that empties the migration URI sends null: the host then migrates through its connection URI.
    const changes = local ? { migration_uri: input.migration_uri ?? null, description: f.description.trim() }
      : { uri: input.uri, migration_uri: input.migration_uri ?? null, description: f.description.trim() };
    const askedAt = hostsStore().mark();
    props.onSaved(await reportFailure(() => (editing ? updateHost(input.name, changes) : addHost(input)), failed), askedAt);
  }

  return (
    <FormDialog title={editing ? t('dialog.editTitle', { name: props.host!.name }) : t('dialog.addTitle')} testId="host" submission={submission}
      valid={valid()} cancelLabel={t('dialog.cancel')} submitLabel={t(editing ? 'dialog.save' : 'dialog.add')}
      submittingLabel={t(editing ? 'dialog.saving' : 'dialog.adding')} onSubmit={save} onClose={props.onClose}>
      <TextField label={t('dialog.name')} hint={t('dialog.nameHint')} error={error('name')} testId="host-name" value={form().name}
        placeholder="host2" disabled={saving() || editing} onInput={(v) => set('name', v)} />
      <TextField label={t('dialog.uri')} hint={t(local ? 'dialog.localUriHint' : 'dialog.uriHint')} error={error('uri')} testId="host-uri" value={form().uri}
        placeholder="qemu+ssh://root@host2/system" disabled={saving() || local} onInput={(v) => set('uri', v)} />
      <Show when={!local}>
      <div class="host-test">
        <button type="button" class="button" data-testid="host-test" disabled={saving() || errors().uri !== undefined || test()?.running}
          aria-busy={test()?.running ? 'true' : undefined} onClick={() => void runTest()}>
          {test()?.running ? t('dialog.testing') : t('dialog.test')}
        </button>
        <p class="host-test__result" role="status" data-testid="host-test-result" data-ok={result() ? String(result()!.ok) : undefined}
          classList={{ 'host-test__result--ok': result()?.ok === true, 'host-test__result--failed': result()?.ok === false }}>
          <Show when={result()}>
            {(r) => {
              const now = r();
              return now.ok
                ? t('dialog.testOk', { hostname: now.hostname, version: now.libvirt_version })
                : t('dialog.testFailed', { reason: now.reason });
            }}
          </Show>
        </p>
      </div>
      </Show>
      <TextField label={t('dialog.migrationUri')} hint={t(local ? 'dialog.localMigrationUriHint' : 'dialog.migrationUriHint')} error={error('migration_uri')} testId="host-migration-uri"
        value={form().migration_uri} placeholder="qemu+tcp://10.0.0.2/system" disabled={saving()} onInput={(v) => set('migration_uri', v)} />
      <TextField label={t('dialog.description')} testId="host-description" value={form().description} disabled={saving()}
        onInput={(v) => set('description', v)} />
    </FormDialog>
  );
}
