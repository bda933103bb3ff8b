// A guest-page section's list: a table (admins get an actions column), its failure in its place, the admin toolbar.
import { For, Show, type JSX } from 'solid-js';
import { isAdmin } from '../auth/session.ts';
import { describeFailure } from '../common/failure.ts';
import { t } from './i18n.ts';

export interface SectionTableProps<T> {
  testId: string;
  /** The list's read failure: shown instead of the table, toolbar and dialogs. */
  error?: unknown;
  /** Column headings (the actions column is added for admins). */
  columns: readonly string[];
  items: readonly T[] | undefined;
  /** The empty list's word when it differs from the default (pt-BR: "Nenhuma" for the feminine interfaces and folders). */
  empty?: string;
  /** One <tr> per item; its last cell an <ActionsCell>. */
  row: (item: T) => JSX.Element;
  /** Admins only: a note above the toolbar (why its buttons are held) and the toolbar's buttons. */
  note?: JSX.Element;
  toolbar?: JSX.Element;
  /** The section's dialogs. */
  children?: JSX.Element;
}

export function SectionTable<T>(props: SectionTableProps<T>) {
  const width = () => props.columns.length + (isAdmin() ? 1 : 0);
  return (
    <Show when={!props.error} fallback={
      <p class="vm-note" data-testid="vm-list-error">{t('devices.loadFailed', { reason: describeFailure(props.error).reason })}</p>
    }>
      <table class="vm-dtable" data-testid={props.testId}>
        <thead>
          <tr>
            <For each={props.columns}>{(label) => <th scope="col">{label}</th>}</For>
            <Show when={isAdmin()}><th scope="col" class="vm-dtable__actions-head"><span class="visually-hidden">{t('snapshot.actions')}</span></th></Show>
          </tr>
        </thead>
        <tbody>
          <For each={props.items ?? []} fallback={<tr><td colSpan={width()}>{props.empty ?? t('devices.empty')}</td></tr>}>{props.row}</For>
        </tbody>
      </table>
      <Show when={isAdmin()}>
        {props.note}
        <Show when={props.toolbar}><div class="toolbar vm-section__toolbar">{props.toolbar}</div></Show>
      </Show>
      {props.children}
    </Show>
  );
}

/** A row's actions: its last cell, for admins only. */
export function ActionsCell(props: { children: JSX.Element }) {
  return <Show when={isAdmin()}><td class="vm-dtable__actions">{props.children}</td></Show>;
}
