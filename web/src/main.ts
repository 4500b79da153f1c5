// The entry point of the web app (index.html loads it). Every stylesheet is imported here and only here,
// in cascade order: later files override earlier ones. First the app-wide styles every page builds on
// (wide.css holds the media queries that widen what the files before it lay out for phones), then each
// area's own; blocks.css holds the pieces several areas share and keeps its place in the cascade.
import './base/styles/base.css';
import './base/styles/shell.css';
import './base/styles/forms.css';
import './base/styles/feedback.css';
import './base/styles/lists.css';
import './base/styles/wide.css';
import './shell/nav.css';
import './booking/booking.css';
import './notifications/notifications.css';
import './family/family.css';
import './consult/consult.css';
import './base/styles/blocks.css';
import './queue/queue.css';
import './doctor/doctor.css';
import './organisation/organisation.css';
// uPlot's own sheet (the record's trend chart), then the record's, which builds on it.
import 'uplot/dist/uPlot.min.css';
import './records/records.css';
import { start } from './shell';

void start();
