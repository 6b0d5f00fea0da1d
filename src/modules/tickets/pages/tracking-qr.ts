import QRCode from 'qrcode';

/**
 * The tracking link as a QR code, SVG markup drawn on the server (no script, prints sharp).
 * The page inlines it unescaped, so it must hold nothing but the library's drawing: it is
 * checked to be one <svg> of <path>s, and the link itself appears in no text or attribute.
 */
export async function trackingQrSvg(url: string): Promise<string> {
  const svg = (await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } })).trim();
  if (!ONLY_PATHS.test(svg)) throw new Error('qrcode produced markup other than an <svg> of <path>s');
  return svg;
}

const ONLY_PATHS = /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="[0-9 ]+"( shape-rendering="crispEdges")?>(<path (fill|stroke)="#[0-9a-f]{6}" d="[MmHhVvZz0-9 .-]+"\/>)+<\/svg>$/;
