declare module 'hbs' {
  const hbs: {
    registerHelper(name: string, fn: (...args: unknown[]) => unknown): void;
    registerPartial(name: string, template: string): void;
    registerPartials(dir: string, done?: (err?: Error) => void): void;
    handlebars: {
      compile(template: string, options?: { noEscape?: boolean }): (context: unknown) => string;
      SafeString: new (html: string) => { toHTML(): string };
      escapeExpression(text: string): string;
    };
  };
  export default hbs;
}
