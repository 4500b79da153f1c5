// Reads a C++ source file the way the boundary check needs it: its quoted #includes and its
// string literals, with comments skipped and adjacent literals joined ("SELECT ... " "FROM ..." is
// one SQL statement to the compiler, so it is one here). Not a C++ parser: enough of the lexer to
// tell code from comments, character literals, digit separators and raw strings.

const IDENT_START = /[A-Za-z_]/;
const IDENT_CHAR = /[A-Za-z0-9_]/;
const ENCODING_PREFIXES = new Set(['u8', 'u', 'U', 'L']);
const RAW_PREFIXES = new Set(['R', 'u8R', 'uR', 'UR', 'LR']);

/**
 * @param {string} text  the file's contents
 * @returns {{ includes: {path: string, line: number}[], literals: {text: string, line: number}[] }}
 *   includes: every `#include "..."` (not the <...> ones); literals: each run of adjacent string
 *   literals as one string, with the line it starts on.
 */
export function scanCpp(text) {
  const includes = [];
  const literals = [];
  let i = 0;
  let line = 1;
  let atLineStart = true; // only whitespace since the last newline: a '#' starts a directive
  let pending = null; // the literal run being joined: { text, line }

  const flush = () => {
    if (pending) literals.push(pending);
    pending = null;
  };
  const addLiteral = (value, startLine) => {
    if (pending) pending.text += value;
    else pending = { text: value, line: startLine };
  };
  const countLines = (from, to) => {
    for (let k = from; k < to; k++) if (text[k] === '\n') line++;
  };

  // A quoted literal starting at the opening quote; returns its value (escapes kept as written,
  // which is all the check needs) and moves i past the closing quote.
  const readQuoted = (quote) => {
    const start = i;
    i++;
    let value = '';
    while (i < text.length && text[i] !== quote) {
      if (text[i] === '\\' && i + 1 < text.length) {
        value += text[i] + text[i + 1];
        i += 2;
        continue;
      }
      if (text[i] === '\n') break; // unterminated: stop at the end of the line like the compiler
      value += text[i++];
    }
    i++;
    countLines(start, i);
    return value;
  };

  const readRaw = () => {
    // at the opening quote of R"delim( ... )delim"
    const open = text.indexOf('(', i);
    const delimiter = text.slice(i + 1, open);
    const close = text.indexOf(')' + delimiter + '"', open);
    const end = close < 0 ? text.length : close;
    const value = text.slice(open + 1, end);
    const after = close < 0 ? text.length : close + delimiter.length + 2;
    countLines(i, after);
    i = after;
    return value;
  };

  while (i < text.length) {
    const ch = text[i];
    if (ch === '\n') {
      line++;
      i++;
      atLineStart = true;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v') {
      i++;
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      countLines(i, stop);
      i = stop;
      continue;
    }
    if (ch === '#' && atLineStart) {
      flush();
      let end = i;
      // a directive runs to the end of the line, backslash-newline continuing it
      while (end < text.length && !(text[end] === '\n' && text[end - 1] !== '\\')) end++;
      const directive = text.slice(i, end);
      const m = /^#\s*include\s*"([^"]+)"/.exec(directive);
      if (m) includes.push({ path: m[1], line });
      countLines(i, end);
      i = end;
      continue;
    }
    atLineStart = false;
    if (ch === '"') {
      const startLine = line;
      addLiteral(readQuoted('"'), startLine);
      continue;
    }
    if (ch === "'") {
      flush();
      readQuoted("'");
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      flush();
      // a pp-number: digits, letters, '.', digit separators, and a sign after an exponent
      i++;
      while (i < text.length) {
        const c = text[i];
        if (IDENT_CHAR.test(c) || c === '.' || (c === "'" && IDENT_CHAR.test(text[i + 1] ?? ''))) {
          i++;
        } else if ((c === '+' || c === '-') && /[eEpP]/.test(text[i - 1])) {
          i++;
        } else {
          break;
        }
      }
      continue;
    }
    if (IDENT_START.test(ch)) {
      let end = i + 1;
      while (end < text.length && IDENT_CHAR.test(text[end])) end++;
      const word = text.slice(i, end);
      if (text[end] === '"' && RAW_PREFIXES.has(word)) {
        const startLine = line;
        i = end;
        addLiteral(readRaw(), startLine);
        continue;
      }
      if (ENCODING_PREFIXES.has(word) && (text[end] === '"' || text[end] === "'")) {
        i = end;
        continue; // the literal itself is read on the next turn
      }
      flush();
      i = end;
      continue;
    }
    flush();
    i++;
  }
  flush();
  return { includes, literals };
}
