// The app-wide styles, in cascade order: later files override earlier ones (wide.css holds the
// media queries that widen what the files before it lay out for phones).
import './styles/base.css';
import './styles/shell.css';
import './styles/forms.css';
import './styles/feedback.css';
import './styles/lists.css';
import './styles/wide.css';
import './styles/nav.css';
import { start } from './app';

void start();
