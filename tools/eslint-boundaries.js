// Module boundaries as a lint rule, not a wish:
// - the kernel never imports a module (server/src/kernel, web/src/kernel);
// - a module imports another module only through that module's index.ts.
import path from 'node:path';

const ROOTS = ['server/src', 'web/src'];

function locate(file) {
  const norm = file.split(path.sep).join('/');
  for (const root of ROOTS) {
    const i = norm.indexOf(`/${root}/`);
    if (i < 0) continue;
    const rel = norm.slice(i + root.length + 2).split('/');
    if (rel[0] === 'kernel') return { root, area: 'kernel' };
    if (rel[0] === 'modules' && rel.length > 2) return { root, area: 'module', module: rel[1], rest: rel.slice(2).join('/') };
    return { root, area: 'other' };
  }
  return undefined;
}

export const boundaries = {
  rules: {
    'module-boundaries': {
      meta: { type: 'problem', messages: { kernel: 'The kernel must not import a module ({{target}}).', internal: 'Import module "{{module}}" only through its index.ts.' } },
      create(context) {
        const from = locate(context.filename);
        // The app shell (router, module list) may reach into modules; the kernel and modules may not.
        if (!from || from.area === 'other') return {};
        const check = (node, source) => {
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const t = locate(path.resolve(path.dirname(context.filename), source));
          if (!t || t.area !== 'module') return;
          if (from.area === 'kernel') return context.report({ node, messageId: 'kernel', data: { target: source } });
          if (from.area === 'module' && from.module === t.module) return;
          if (!/^index(\.tsx?)?$/.test(t.rest ?? '')) context.report({ node, messageId: 'internal', data: { module: t.module } });
        };
        return {
          ImportDeclaration: (n) => check(n, n.source.value),
          ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
          ExportAllDeclaration: (n) => check(n, n.source.value),
          ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
        };
      },
    },
  },
};
