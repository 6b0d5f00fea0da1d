import { describe, expect, it } from 'vitest';
import { navItems } from './nav.js';

describe('main navigation', () => {
  it('shows a receptionist only what the counter uses', () => {
    expect(navItems('receptionist', '/intake').map((i) => i.label)).toEqual(['Log incident', 'Tickets']);
  });
  it('gives the admin the admin page and the others the reports', () => {
    expect(navItems('admin', '/').map((i) => i.href)).toContain('/admin');
    expect(navItems('quality-manager', '/').map((i) => i.href)).not.toContain('/admin');
    expect(navItems('department-manager', '/').map((i) => i.label)).toEqual(['Log incident', 'Tickets', 'Contacts due', 'Dashboard', 'Improvements', 'Surveys', 'Satisfaction']);
  });
  it('marks the section of the page being shown, and only that one', () => {
    const current = (path: string) => navItems('admin', path).filter((i) => i.current).map((i) => i.href);
    expect(current('/tickets')).toEqual(['/tickets']);
    expect(current('/tickets/AM-2026-000001/receipt')).toEqual(['/tickets']);
    expect(current('/surveys/abc/import')).toEqual(['/surveys']);
    expect(current('/reports/satisfaction')).toEqual(['/reports/satisfaction']);
    expect(current('/improvements/3f0e0f4c-0000-4000-8000-000000000000')).toEqual(['/improvements']);
    expect(current('/intakes')).toEqual([]);
    expect(current('/account')).toEqual([]);
  });
  it('names the items in the reader\'s language, English when it is not known', () => {
    expect(navItems('receptionist', '/intake', 'nl').map((i) => i.label)).toEqual(['Melding registreren', 'Meldingen']);
    expect(navItems('admin', '/', 'sv').map((i) => i.label)).toEqual(['Registrera ärende', 'Ärenden', 'Kontakter', 'Översikt', 'Förbättringar', 'Enkäter', 'Nöjdhet', 'Administration', 'API']);
    expect(navItems('quality-manager', '/', 'nb').map((i) => i.label)).toEqual(['Registrer sak', 'Saker', 'Kontakter', 'Oversikt', 'Forbedringer', 'Undersøkelser', 'Tilfredshet', 'API']);
    expect(navItems('receptionist', '/', 'xx').map((i) => i.label)).toEqual(['Log incident', 'Tickets']);
  });
});
