import type { NestExpressApplication } from '@nestjs/platform-express';
import hbs from 'hbs';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
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
  // The layout marks the page's own section in the navigation.
  app.use((req: { path: string }, res: { locals: Record<string, unknown> }, next: () => void) => {
    res.locals.navPath = req.path;
    next();
  });
  app.useStaticAssets(join(root, 'public'), { prefix: '/static/', maxAge: '1h' });
}
