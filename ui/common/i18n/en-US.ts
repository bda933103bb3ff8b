// English (en-US) message catalog: the source of every key the UI may show.

/** `{name}` placeholders are filled by `t(key, { name })`. */
export const enUS = {
  'app.name': 'Kimchi',
  'app.tagline': 'Virtual machines on this host',
  'app.loading': 'Connecting to the server…',

  'tabs.label': 'Sections',
  'tabs.guests': 'Guests',
  'tabs.templates': 'Templates',
  'tabs.storage': 'Storage',
  'tabs.network': 'Network',
  'tabs.host': 'Host',

  'guests.empty': 'No guests yet',
  'guests.emptyHint': 'Virtual machines on this host will be listed here.',
  'templates.empty': 'No templates yet',
  'templates.emptyHint': 'Templates describe how new guests are created.',
  'storage.empty': 'No storage pools yet',
  'storage.emptyHint': 'Storage pools and their volumes will be listed here.',
  'network.empty': 'No networks yet',
  'network.emptyHint': 'Virtual networks for your guests will be listed here.',
  'host.empty': 'No host details yet',
  'host.emptyHint': 'Host capacity, usage and software will be shown here.',

  'banner.title': 'The server needs attention',
  'banner.code': 'Error code: {code}',
  'banner.disabled': 'The interface is disabled until the problem is fixed.',
  'banner.retry': 'Retry',
  'banner.retrying': 'Checking…',
  'banner.debugReport': 'Generate debug report',
  'banner.debugReportUnavailable': 'Debug reports are not available yet.',

  'error.unreachable': 'Cannot reach the server. Check that it is running and try again.',
  'error.noDetails': 'The server reported a problem without details.',
  'error.unexpected': 'The server answered with an unexpected response (HTTP {status}).',
} as const;

export type MessageKey = keyof typeof enUS;

/** Every other locale must translate every key, and may not invent keys. */
export type Messages = Record<MessageKey, string>;
