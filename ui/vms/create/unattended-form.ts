// The New guest dialog's unattended install part: on or off, user, password, language and time zone (defaults from the
// browser; the time zone only where the script uses one), a product key where the OS's script asks for one, the problems found as the user types, the body's `unattended`.
import { createSignal } from 'solid-js';
import type { VmCreate } from '../../api/index.ts';
import type { InstallMedia } from '../../api/isos.ts';
import { t } from './unattended-i18n.ts';

export type UaField = 'uaUser' | 'uaPassword' | 'uaLocale' | 'uaTimezone' | 'uaProductKey';
export type UaOffer = NonNullable<InstallMedia['unattended']>;

const USER = /^[a-z_][a-z0-9_-]{0,31}$/;
const SAFE = /^[^\x00-\x1f\x7f'"\\`]{1,256}$/;
const LOCALE = /^[a-z]{2,3}([_-][A-Za-z]{2}|[_-][0-9]{3})?$/;
const KEY = /^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){4}$/;

/** Every IANA zone the browser knows (the server checks against its own list too). */
export const timeZones = (): string[] => ['UTC', ...(Intl.supportedValuesOf?.('timeZone') ?? [])];
const browserZone = () => { try { return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'; } catch { return 'UTC'; } };

export function createUnattendedForm() {
  const [on, setOn] = createSignal(false);
  const [values, setValues] = createSignal<Record<UaField, string>>({
    uaUser: '', uaPassword: '', uaLocale: navigator.language || 'en-US', uaTimezone: browserZone(), uaProductKey: '',
  });
  const value = (f: UaField) => values()[f];
  const edit = (f: UaField, v: string) => setValues((all) => ({ ...all, [f]: v }));
  const uses = (offer: UaOffer, name: string) => offer.fields.some((f) => f.name === name);

  const problems = (offer: UaOffer): Partial<Record<UaField, string>> => {
    const p: Partial<Record<UaField, string>> = {};
    if (!USER.test(value('uaUser')) || value('uaUser') === 'root') p.uaUser = t('problem.user');
    if (!SAFE.test(value('uaPassword'))) p.uaPassword = t('problem.password');
    if (!LOCALE.test(value('uaLocale').trim())) p.uaLocale = t('problem.locale');
    if (uses(offer, 'timezone') && !timeZones().includes(value('uaTimezone').trim())) p.uaTimezone = t('problem.timezone');
    if (uses(offer, 'product_key') && !KEY.test(value('uaProductKey').trim())) p.uaProductKey = t('problem.productKey');
    return p;
  };

  const body = (offer: UaOffer): NonNullable<VmCreate['unattended']> => ({
    user: value('uaUser'), password: value('uaPassword'), locale: value('uaLocale').trim(),
    ...(uses(offer, 'timezone') ? { timezone: value('uaTimezone').trim() } : {}),
    ...(uses(offer, 'product_key') ? { product_key: value('uaProductKey').trim() } : {}),
  });

  return { on, setOn, value, edit, uses, problems, body };
}

export type UnattendedForm = ReturnType<typeof createUnattendedForm>;
