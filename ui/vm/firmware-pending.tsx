// The header's "changes take effect after the next shutdown" marker: shown while the saved config differs from the running guest.
import { Show } from 'solid-js';
import type { Vm } from '../api/index.ts';
import { tf } from './firmware-strings.ts';
import './firmware.css';

export function PendingMarker(props: { vm: Vm | undefined }) {
  return (
    <Show when={props.vm?.pending_changes}>
      <span class="badge vm-pending" data-testid="vm-page-pending" role="status" title={tf('pending')}>
        <span class="vm-pending__dot" aria-hidden="true" />{tf('pending')}
      </span>
    </Show>
  );
}
