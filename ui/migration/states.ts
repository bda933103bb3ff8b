// States the server migrates a guest in: running and paused live (or paused meanwhile), shut off offline.
// Its own module so the Guests list and the guest page can ask without loading the dialog's chunk.
export const MIGRATABLE_STATES: ReadonlySet<string> = new Set(['running', 'paused', 'shutoff']);
