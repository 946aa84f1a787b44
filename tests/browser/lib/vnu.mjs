// The Nu HTML checker (vnu.jar from the vnu-jar package), run once over all
// pages; every error (and every document it could not read) is a fault.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const VNU_JAR = join(dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

/**
 * `files`: absolute paths of HTML files under `root`; `pathOf(file)` gives
 * the page's URL path. Resolves to { faults }.
 */
export function runVnu(root, files, pathOf) {
  return new Promise((resolve) => {
    if (files.length === 0) return resolve({ faults: [] });
    const args = ['-XX:TieredStopAtLevel=1', '-Xss4m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files];
    const child = spawn(process.env.JAVA ?? 'java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const crash = (detail) =>
      resolve({ faults: [{ check: 'vnu', page: '(all)', rule: 'vnu-failed', impact: 'critical', target: '', help: 'The Nu HTML checker did not run', detail }] });
    child.on('error', (e) => crash(`java: ${e.message} (is a Java runtime installed?)`));
    child.on('close', (code) => {
      let report;
      try {
        report = JSON.parse(err.trim() || out.trim());
      } catch {
        return crash(`exit ${code}: ${(err || out).trim().split('\n').slice(-3).join(' | ')}`);
      }
      const faults = [];
      for (const m of report.messages ?? []) {
        if (m.type !== 'error' && m.type !== 'non-document-error') continue;
        let file = null;
        try {
          file = m.url ? fileURLToPath(m.url) : null;
        } catch {
          /* not a file: URL */
        }
        const line = m.lastLine ?? m.firstLine;
        const col = m.firstColumn ?? m.lastColumn;
        const where = file ? `${relative(root, file)}${line ? `:${line}` : ''}${col ? `:${col}` : ''}` : (m.url ?? '');
        faults.push({
          check: 'vnu',
          page: file ? pathOf(file) : (m.url ?? '(unknown)'),
          rule: m.type === 'error' ? 'html-error' : 'vnu-io-error',
          impact: 'error',
          target: '',
          help: m.message,
          detail: m.extract ? JSON.stringify(m.extract.replace(/\s+/g, ' ').trim()) : '',
          where,
        });
      }
      if (code !== 0 && faults.length === 0) return crash(`exit ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`);
      resolve({ faults });
    });
  });
}
