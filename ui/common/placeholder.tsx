// An empty section's panel: a headline and a hint, until the section gets its real content.
import { t, type MessageKey } from './i18n/index.ts';
import './placeholder.css';

export interface PlaceholderProps {
  title: MessageKey;
  hint: MessageKey;
}

export function Placeholder(props: PlaceholderProps) {
  return (
    <div class="placeholder">
      <p class="placeholder__title">{t(props.title)}</p>
      <p class="placeholder__hint">{t(props.hint)}</p>
    </div>
  );
}
