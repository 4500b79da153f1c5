// Finds the tables a piece of SQL names, and whether it reads or writes them. The code's SQL is
// written in upper-case keywords (house style), so only upper-case keywords count: English text in
// messages ("moved from the queue") is not mistaken for SQL. A name counts only where SQL puts a
// table: after FROM (and the comma-separated list that may follow), JOIN, INTO, UPDATE, TABLE
// and TRUNCATE; a name followed by '.' is a qualifier (alias.column), and one after FROM that is
// followed by '(' is a function (EXTRACT(EPOCH FROM now())), not a table.

const WRITE_AFTER = new Set(['INTO', 'UPDATE', 'TABLE', 'TRUNCATE']);
const KEYWORDS = new Set([
  'AS', 'ON', 'USING', 'WHERE', 'JOIN', 'LEFT', 'RIGHT', 'INNER', 'OUTER', 'FULL', 'CROSS',
  'NATURAL', 'GROUP', 'ORDER', 'LIMIT', 'OFFSET', 'UNION', 'EXCEPT', 'INTERSECT', 'HAVING',
  'WINDOW', 'FOR', 'SET', 'VALUES', 'RETURNING', 'SELECT', 'DEFAULT', 'IF', 'NOT', 'EXISTS',
  'ONLY', 'LATERAL', 'WITH', 'AND', 'OR', 'INDEXED', 'BY',
]);

function tokens(sql) {
  return sql.match(/[A-Za-z_][A-Za-z0-9_]*|[(),.;]/g) ?? [];
}

/**
 * @param {string} sql
 * @returns {{ table: string, access: 'reads'|'writes' }[]}  in order of appearance, repeats kept
 */
export function sqlTableRefs(sql) {
  const t = tokens(sql);
  const refs = [];
  const isName = (k) => k < t.length && /^[A-Za-z_]/.test(t[k]) && !KEYWORDS.has(t[k]);
  const isTable = (k) => isName(k) && t[k + 1] !== '.'; // alias.column is no table
  const isReadTable = (k) => isTable(k) && t[k + 1] !== '('; // EXTRACT(EPOCH FROM now())

  for (let k = 0; k < t.length; k++) {
    const word = t[k];
    if (word === 'FROM') {
      const access = t[k - 1] === 'DELETE' ? 'writes' : 'reads';
      // FROM a [AS] [x], b [AS] [y], ...
      let at = k + 1;
      while (isReadTable(at)) {
        refs.push({ table: t[at], access });
        at++;
        if (t[at] === 'AS') at++;
        if (isName(at)) at++; // the alias
        if (t[at] !== ',') break;
        at++;
      }
    } else if (word === 'JOIN') {
      if (isReadTable(k + 1)) refs.push({ table: t[k + 1], access: 'reads' });
    } else if (WRITE_AFTER.has(word)) {
      let at = k + 1;
      // CREATE TABLE IF NOT EXISTS x, DROP TABLE IF EXISTS x, TRUNCATE TABLE x, UPDATE ONLY x
      while (['IF', 'NOT', 'EXISTS', 'ONLY', 'TABLE'].includes(t[at])) at++;
      if (word === 'UPDATE' && t[k - 1] === 'FOR') continue; // SELECT ... FOR UPDATE
      if (word === 'UPDATE' && t[k - 1] === 'KEY') continue; // FOR NO KEY UPDATE
      if (word === 'UPDATE' && t[k - 1] === 'DO') continue; // ON CONFLICT ... DO UPDATE SET
      if (isTable(at)) refs.push({ table: t[at], access: 'writes' });
    }
  }
  return refs;
}
