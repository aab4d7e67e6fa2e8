/**
 * pdf.js glue for the pure PDF scanner (lib/scan/scan-pdf.ts): opens the bytes with a
 * pdf.js module passed in (the legacy build in Node, the modern build in an extension
 * page; never in a content script or the page), and decodes page images to RGBA for the
 * QR decoder. Bounded: image size, a time limit, scripting and eval off.
 */
import type { ScanResult } from '../scan/collect';
import { SCAN_LIMITS, createCollector } from '../scan/collect';
import { scanPdf, type PdfDocLike, type PdfPageLike, type RgbaImage } from '../scan/scan-pdf';

interface PdfjsImage {
  width?: unknown;
  height?: unknown;
  kind?: unknown;
  data?: unknown;
}
interface PdfjsPage extends PdfPageLike {
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
  objs: { get(id: string, cb: (data: unknown) => void): unknown };
  commonObjs: { get(id: string, cb: (data: unknown) => void): unknown };
}
interface PdfjsDoc extends PdfDocLike {
  destroy(): Promise<void>;
}

/** The part of the pdf.js module this glue uses. */
export interface PdfjsLike {
  getDocument(src: Record<string, unknown>): { promise: Promise<unknown>; destroy(): Promise<void> };
  OPS: { paintImageXObject: number };
}

export interface PdfjsScanOptions {
  /** A QR decoder over RGBA pixels (jsqr): `(data, width, height) → { data } | null`. */
  jsQR?: (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
  /** Whole-scan time limit (ms). */
  timeoutMs?: number;
}

/** Image kinds of pdf.js (ImageKind): 1 = 1-bit grey, 2 = RGB 24-bit, 3 = RGBA 32-bit. */
export function toRgba(img: PdfjsImage): RgbaImage | null {
  const { width, height, kind, data } = img;
  if (
    typeof width !== 'number' ||
    typeof height !== 'number' ||
    !(data instanceof Uint8Array || data instanceof Uint8ClampedArray)
  )
    return null;
  const n = width * height;
  if (n <= 0 || n > SCAN_LIMITS.maxQrImagePixels) return null;
  if (kind === 3 && data.length >= n * 4)
    return { width, height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, n * 4) };
  const out = new Uint8ClampedArray(n * 4);
  if (kind === 2 && data.length >= n * 3) {
    for (let i = 0; i < n; i++) {
      out[i * 4] = data[i * 3]!;
      out[i * 4 + 1] = data[i * 3 + 1]!;
      out[i * 4 + 2] = data[i * 3 + 2]!;
      out[i * 4 + 3] = 255;
    }
    return { width, height, data: out };
  }
  if (kind === 1) {
    const rowBytes = (width + 7) >> 3;
    if (data.length < rowBytes * height) return null;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const v = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
        const o = (y * width + x) * 4;
        out[o] = out[o + 1] = out[o + 2] = v;
        out[o + 3] = 255;
      }
    return { width, height, data: out };
  }
  return null;
}

function objectOf(page: PdfjsPage, id: string): Promise<unknown> {
  const store = id.startsWith('g_') ? page.commonObjs : page.objs;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 5000);
    try {
      store.get(id, (d) => {
        clearTimeout(timer);
        resolve(d);
      });
    } catch {
      clearTimeout(timer);
      resolve(null);
    }
  });
}

function pageImages(pdfjs: PdfjsLike) {
  return async (p: PdfPageLike): Promise<RgbaImage[]> => {
    const page = p as PdfjsPage;
    const ops = await page.getOperatorList();
    const ids: string[] = [];
    ops.fnArray.forEach((fn, i) => {
      const arg = (ops.argsArray[i] as unknown[] | undefined)?.[0];
      if (fn === pdfjs.OPS.paintImageXObject && typeof arg === 'string' && !ids.includes(arg)) ids.push(arg);
    });
    const out: RgbaImage[] = [];
    for (const id of ids.slice(0, SCAN_LIMITS.maxImagesPerPage)) {
      const img = await objectOf(page, id);
      const rgba = typeof img === 'object' && img !== null ? toRgba(img as PdfjsImage) : null;
      if (rgba !== null) out.push(rgba);
    }
    return out;
  };
}

/** Scans PDF bytes with pdf.js; never throws (a damaged PDF gives a result with a note). */
export async function scanPdfWithPdfjs(
  pdfjs: PdfjsLike,
  bytes: Uint8Array,
  source: string,
  opts: PdfjsScanOptions = {},
): Promise<ScanResult> {
  const task = pdfjs.getDocument({
    data: bytes.slice(), // pdf.js takes ownership of the buffer it is given
    isEvalSupported: false,
    enableXfa: false,
    disableFontFace: true,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    maxImageSize: SCAN_LIMITS.maxQrImagePixels,
    stopAtErrors: false,
    verbosity: 0,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('time limit reached')), opts.timeoutMs ?? 30_000);
  });
  try {
    const doc = (await Promise.race([task.promise, timeout])) as PdfjsDoc;
    const jsQR = opts.jsQR;
    const scan = scanPdf(
      doc,
      source,
      jsQR === undefined
        ? {}
        : {
            pageImages: pageImages(pdfjs),
            decodeQr: (img) => jsQR(img.data, img.width, img.height)?.data ?? null,
          },
    );
    return await Promise.race([scan, timeout]);
  } catch (e) {
    const failed = createCollector(source, 'pdf');
    failed.note(`The PDF could not be read (${e instanceof Error ? e.message.slice(0, 160) : String(e)}).`);
    return failed.result;
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}
