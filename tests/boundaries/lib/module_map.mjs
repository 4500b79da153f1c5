// Reads the "Module map" section of docs/architecture.md: the one place that says, per directory
// under src/, what the module is for, which of its headers others may include, which tables it owns
// and which modules it may call. A cell lists its items in backticks (`consent/consent.hpp`), or
// separated by commas; an em dash or an empty cell is an empty list.

export const MAP_HEADING = /^#{2,6}\s+Module map\s*$/;
const COLUMNS = ['module', 'job', 'public headers', 'owns tables', 'may call'];

function cells(row) {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

function items(cell) {
  const quoted = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1].trim());
  if (quoted.length > 0) return quoted;
  return cell
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== '—' && s !== '-');
}

/**
 * @param {string} markdown  docs/architecture.md
 * @returns {{ modules: Map<string, {job: string, publicHeaders: string[], ownsTables: string[],
 *   mayCall: string[], line: number}>, errors: string[] }}
 */
export function parseModuleMap(markdown) {
  const lines = markdown.split('\n');
  const errors = [];
  const modules = new Map();
  const start = lines.findIndex((l) => MAP_HEADING.test(l));
  if (start < 0) return { modules, errors: ['docs/architecture.md has no "Module map" section'] };

  let k = start + 1;
  while (k < lines.length && !lines[k].trim().startsWith('|')) {
    if (/^#{1,6}\s/.test(lines[k])) break;
    k++;
  }
  if (k >= lines.length || !lines[k].trim().startsWith('|')) {
    return { modules, errors: ['the "Module map" section has no table'] };
  }
  const header = cells(lines[k]).map((c) => c.toLowerCase());
  if (header.join('|') !== COLUMNS.join('|')) {
    errors.push(`the module map's columns must be | Module | Job | Public headers | Owns tables | May call | (found | ${cells(lines[k]).join(' | ')} |)`);
    return { modules, errors };
  }
  k += 2; // the header and the |---| line
  for (; k < lines.length && lines[k].trim().startsWith('|'); k++) {
    const row = cells(lines[k]);
    const lineNo = k + 1;
    if (row.length !== COLUMNS.length) {
      errors.push(`docs/architecture.md:${lineNo}: a module map row needs ${COLUMNS.length} cells`);
      continue;
    }
    const name = row[0].replace(/`/g, '').trim();
    if (modules.has(name)) errors.push(`docs/architecture.md:${lineNo}: module ${name} is listed twice`);
    if (row[1] === '') errors.push(`docs/architecture.md:${lineNo}: module ${name} has no job`);
    modules.set(name, {
      job: row[1],
      publicHeaders: items(row[2]),
      ownsTables: items(row[3]),
      mayCall: items(row[4]),
      line: lineNo,
    });
  }
  return { modules, errors };
}

/** `core/*.hpp` → a RegExp over paths relative to src/ (`*` within a folder, `**` across). */
export function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') {
      re += '[^/]*';
    } else {
      re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp('^' + re + '$');
}
