import type { NestExpressApplication } from '@nestjs/platform-express';
import hbs from 'hbs';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { projectRoot } from '../paths.js';
import { formHelpers } from './form-helpers.js';
import { viewHelpers } from './view-helpers.js';

/** Handlebars pages from views/, partials from views/partials, static files under /static. */
export function setupViews(app: NestExpressApplication): void {
  const root = projectRoot();
  const views = join(root, 'views');
  app.setBaseViewsDir(views);
  app.setViewEngine('hbs');
  app.set('view options', { layout: 'layouts/main' });
  // Registered synchronously so the first request already has them.
  for (const file of readdirSync(join(views, 'partials')).filter((f) => f.endsWith('.hbs'))) {
    hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(views, 'partials', file), 'utf8'));
  }
  for (const [name, fn] of Object.entries({ ...viewHelpers, ...formHelpers })) hbs.registerHelper(name, fn as never);
  // With express's view cache on (production), every page is compiled once, now: hbs
  // compiles a view on its first render after an asynchronous read, so each of fifty
  // concurrent first requests would read and compile it again.
  if ((app.getHttpAdapter().getInstance() as { enabled(setting: string): boolean }).enabled('view cache')) precompileViews(hbs as unknown as HbsInstance, views);
  // The layout marks the page's own section in the navigation.
  app.use((req: { path: string }, res: { locals: Record<string, unknown> }, next: () => void) => {
    res.locals.navPath = req.path;
    next();
  });
  app.useStaticAssets(join(root, 'public'), { prefix: '/static/', maxAge: '1h' });
}

/** What precompileViews needs of hbs: its compiler and the cache its renders look in, by file path. */
export interface HbsInstance {
  handlebars: { compile(source: string): unknown };
  cache: Record<string, unknown>;
}

/** Compiles every view and layout under `dir` (not the partials, registered by name) into hbs's cache, keyed as a render looks it up. */
export function precompileViews(instance: HbsInstance, dir: string): string[] {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.hbs'))
    .map((e) => join(e.parentPath, e.name))
    .filter((file) => !relative(dir, file).startsWith(`partials${sep}`));
  for (const file of files) instance.cache[file] = instance.handlebars.compile(readFileSync(file, 'utf8'));
  return files;
}
