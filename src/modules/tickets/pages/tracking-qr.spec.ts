import { describe, expect, it } from 'vitest';
import { trackingQrSvg } from './tracking-qr.js';

describe('the tracking link as a QR code', () => {
  it('is an inline SVG of paths only: the link is drawn, never written as text', async () => {
    const url = 'https://amends.example/track/abcDEF_123-xyz"><script>alert(1)</script>';
    const svg = await trackingQrSvg(url);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<path');
    expect(svg).not.toContain('track');
    expect(svg).not.toContain('<script');
  });
});
