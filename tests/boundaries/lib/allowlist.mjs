// The known violations the boundary check lets through, one a line:
//   src/<file> | <violation> | <reason>
// where <violation> is what the check reports: `calls <module>`, `includes <header>`,
// `reads <table>` or `writes <table>`. '#' starts a comment line. Every entry needs a reason, and an
// entry that matches nothing any more is an error, so the list only shrinks as the code is mended.

/**
 * @param {string} text
 * @returns {{ entries: {file: string, what: string, reason: string, line: number}[], errors: string[] }}
 */
export function parseAllowlist(text, name = 'allowlist') {
  const entries = [];
  const errors = [];
  const seen = new Set();
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parts = line.split('|').map((p) => p.trim());
    const at = `${name}:${index + 1}`;
    if (parts.length !== 3 || parts.some((p) => p === '')) {
      errors.push(`${at}: want "file | violation | reason", got "${line}"`);
      return;
    }
    const [file, what, reason] = parts;
    if (!/^(calls|includes|reads|writes) \S+$/.test(what)) {
      errors.push(`${at}: "${what}" is not a violation the check reports (calls/includes/reads/writes X)`);
      return;
    }
    const key = `${file} | ${what}`;
    if (seen.has(key)) errors.push(`${at}: ${key} is listed twice`);
    seen.add(key);
    entries.push({ file, what, reason, line: index + 1 });
  });
  return { entries, errors };
}
