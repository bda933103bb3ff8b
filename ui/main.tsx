// Browser entry: sets the page language and title, then mounts the Solid app.
import { render } from 'solid-js/web';
import { App } from './app.tsx';
import { locale, t } from './common/i18n/index.ts';
import './styles.css';

document.documentElement.lang = locale;
document.title = t('app.name');

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
render(() => <App />, root);
