/**
 * A PDF (CV) → candidates: link annotations, URLs and JWTs in the text, embedded files
 * (EDC, Open Badges or other credentials attached to the PDF) and QR codes in page
 * images. pdf.js (and a QR decoder) are injected through small interfaces, so this stays
 * pure and runs in Node (CLI) and in an extension page alike. Bounded by SCAN_LIMITS.
 */
import { encodeBase64 } from '../protocol/base64';
import { classifyEmbeddedText, embeddedKey } from '../detect/classify-embedded';
import { classifyLink } from '../detect/classify-link';
import type { Candidate } from '../detect/candidate';
import { createCollector, SCAN_LIMITS, type Collector, type ScanResult } from './collect';
import { scanQrPayload } from './scan-qr';
import { scanText } from './scan-text';

/** The part of a pdf.js PDFPageProxy this scanner reads. */
export interface PdfPageLike {
  getAnnotations(): Promise<ReadonlyArray<{ subtype?: unknown; url?: unknown; unsafeUrl?: unknown }>>;
  getTextContent(): Promise<{ items: ReadonlyArray<unknown> }>;
}

/** The part of a pdf.js PDFDocumentProxy this scanner reads. */
export interface PdfDocLike {
  numPages: number;
  getPage(pageNumber: number): Promise<PdfPageLike>;
  getAttachments(): Promise<unknown>;
}

/** Decoded pixels, 4 bytes per pixel (RGBA), as QR decoders take them. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface PdfScanOptions {
  /** The images painted on a page, decoded to RGBA (bounded by the caller and here). */
  pageImages?: (page: PdfPageLike, pageNumber: number) => Promise<RgbaImage[]>;
  /** Decodes a QR code in an image; null when there is none. */
  decodeQr?: (image: RgbaImage) => string | null;
}

async function attempt<T>(into: Collector, what: string, fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (e) {
    into.note(`${what} could not be read (${e instanceof Error ? e.message.slice(0, 120) : 'error'}).`);
    return null;
  }
}

function textOf(items: ReadonlyArray<unknown>): string {
  let out = '';
  for (const it of items) {
    if (typeof it !== 'object' || it === null) continue;
    const { str, hasEOL } = it as { str?: unknown; hasEOL?: unknown };
    if (typeof str === 'string') out += str;
    if (hasEOL === true) out += '\n';
    if (out.length > SCAN_LIMITS.maxTextChars) break;
  }
  return out;
}

/** Scans a PDF opened with pdf.js (or anything shaped like it). Never throws. */
export async function scanPdf(
  doc: PdfDocLike,
  source: string,
  opts: PdfScanOptions = {},
): Promise<ScanResult> {
  const into = createCollector(source, 'pdf');
  const pages = Math.min(doc.numPages, SCAN_LIMITS.maxPdfPages);
  if (doc.numPages > pages) into.note(`Only the first ${pages} of ${doc.numPages} pages were read.`);
  for (let n = 1; n <= pages; n++) {
    const page = await attempt(into, `Page ${n}`, () => doc.getPage(n));
    if (page === null) continue;
    const annots = (await attempt(into, `The links of page ${n}`, () => page.getAnnotations())) ?? [];
    for (const a of annots.slice(0, SCAN_LIMITS.maxPdfAnnotationsPerPage)) {
      if (a.subtype !== 'Link') continue;
      const href = typeof a.url === 'string' ? a.url : typeof a.unsafeUrl === 'string' ? a.unsafeUrl : null;
      if (href !== null) into.add(classifyLink(href, { where: `PDF page ${n}, link` }));
    }
    const content = await attempt(into, `The text of page ${n}`, () => page.getTextContent());
    if (content !== null)
      scanText(textOf(content.items), into, { pageUrl: source, where: `PDF page ${n}, text` });
    if (opts.pageImages !== undefined && opts.decodeQr !== undefined) {
      const images = (await attempt(into, `The images of page ${n}`, () => opts.pageImages!(page, n))) ?? [];
      for (const img of images.slice(0, SCAN_LIMITS.maxImagesPerPage)) {
        if (
          img.width * img.height > SCAN_LIMITS.maxQrImagePixels ||
          img.data.length < img.width * img.height * 4
        )
          continue;
        let payload: string | null = null;
        try {
          payload = opts.decodeQr(img);
        } catch {
          payload = null;
        }
        if (payload !== null)
          into.add(scanQrPayload(payload, { pageUrl: source, where: `PDF page ${n}, QR code` }));
      }
    }
  }
  await scanAttachments(doc, source, into);
  return into.result;
}

async function scanAttachments(doc: PdfDocLike, source: string, into: Collector): Promise<void> {
  const raw = await attempt(into, 'The attached files', () => doc.getAttachments());
  if (typeof raw !== 'object' || raw === null) return;
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > SCAN_LIMITS.maxPdfAttachments)
    into.note(`Only ${SCAN_LIMITS.maxPdfAttachments} attached files were read.`);
  for (const [key, value] of entries.slice(0, SCAN_LIMITS.maxPdfAttachments)) {
    if (typeof value !== 'object' || value === null) continue;
    const v = value as { filename?: unknown; content?: unknown };
    const name = (typeof v.filename === 'string' ? v.filename : key).slice(0, 100);
    if (!(v.content instanceof Uint8Array)) continue;
    if (v.content.length > SCAN_LIMITS.maxAttachmentBytes) {
      into.note(`The attached file ${name} is too large to check.`);
      continue;
    }
    into.add(classifyAttachment(name, v.content, source));
  }
}

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47];

/** One attached file → an embedded candidate when it can hold a credential. */
export function classifyAttachment(name: string, bytes: Uint8Array, source: string): Candidate | null {
  const where = `attachment ${name}`;
  if (PNG_SIG.every((b, i) => bytes[i] === b)) return binary(bytes, source, where, name);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  const t = text.replace(/^\uFEFF/, '').trim();
  const c = classifyEmbeddedText(t, { pageUrl: source, where, label: name });
  if (c !== null) return c;
  // EDC (ELM XML), baked SVG, and JSON/JWS files by their names: let the verifier say what they are.
  const xmlCredential =
    t.startsWith('<') && /europassCredential|openbadges:|VerifiableCredential|elm\b/i.test(t.slice(0, 4096));
  if (xmlCredential || /\.(?:json|jsonld|jws|jwt|xml|svg)$/i.test(name)) {
    const cand: Candidate = {
      kind: 'embedded',
      url: embeddedKey(source, t),
      pageUrl: source,
      platform: 'attachment',
      content: t,
      where,
      label: name,
    };
    return cand;
  }
  return null;
}

function binary(bytes: Uint8Array, source: string, where: string, name: string): Candidate {
  const content = encodeBase64(bytes);
  return {
    kind: 'embedded',
    url: embeddedKey(source, content),
    pageUrl: source,
    platform: 'attachment',
    content,
    contentEncoding: 'base64',
    where,
    label: name,
  };
}
