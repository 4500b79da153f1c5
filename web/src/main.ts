// The app-wide styles, in cascade order: later files override earlier ones (wide.css holds the
// media queries that widen what the files before it lay out for phones).
import './base/styles/base.css';
import './base/styles/shell.css';
import './base/styles/forms.css';
import './base/styles/feedback.css';
import './base/styles/lists.css';
import './base/styles/wide.css';
import './shell/nav.css';
import { start } from './shell/app';

void start();
