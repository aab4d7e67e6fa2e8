import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { scanPdfWithPdfjs, toRgba, type PdfjsLike } from '../../lib/extension/scan-pdfjs';
import { classifyAttachment, scanPdf, type PdfDocLike, type PdfPageLike } from '../../lib/scan/scan-pdf';
import { SCAN_LIMITS } from '../../lib/scan/collect';

const GEN = join(import.meta.dirname, '../fixture-web/generated');
const CREDLY = 'https://www.credly.com/badges/0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01';

function fakePage(p: Partial<{ annots: unknown[]; text: string; fail: boolean }>): PdfPageLike {
  return {
    getAnnotations: async () => {
      if (p.fail) throw new Error('broken xref');
      return (p.annots ?? []) as never;
    },
    getTextContent: async () => ({ items: [{ str: p.text ?? '', hasEOL: true }] }),
  };
}
function fakeDoc(pages: PdfPageLike[], attachments: unknown = null): PdfDocLike {
  return {
    numPages: pages.length,
    getPage: async (n) => pages[n - 1]!,
    getAttachments: async () => attachments,
  };
}

describe('scanPdf (pdf.js injected)', () => {
  it('reads link annotations, text URLs, attachments and QR payloads; notes damaged parts', async () => {
    const doc = fakeDoc(
      [
        fakePage({
          annots: [
            { subtype: 'Link', url: CREDLY },
            { subtype: 'Widget' },
            { subtype: 'Link', unsafeUrl: 'javascript:x' },
          ],
        }),
        fakePage({
          fail: true,
          text: 'Course: https://www.coursera.org/account/accomplishments/verify/ABCDEF123',
        }),
      ],
      { 'a.json': { filename: 'a.json', content: new TextEncoder().encode('{"not":"a credential"}') } },
    );
    const r = await scanPdf(doc, 'cv.pdf', {
      pageImages: async () => [{ width: 2, height: 2, data: new Uint8ClampedArray(16) }],
      decodeQr: () => 'https://badgr.com/public/assertions/FxTr9cAsQpK2wLm4NvB7zQ',
    });
    expect(r.candidates.map((c) => [c.platform, c.where])).toEqual([
      ['credly', 'PDF page 1, link'],
      ['badgr', 'PDF page 1, QR code'],
      ['coursera', 'PDF page 2, text'],
      // Not a credential by its content, but a .json file: listed so the verifier can say what it is.
      ['attachment', 'attachment a.json'],
    ]);
    expect(r.candidates[0]?.url).toBe(
      `https://api.credly.com/v1/obi/v2/badge_assertions/0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01`,
    );
    expect(r.notes.join(' ')).toMatch(/links of page 2 could not be read/);
  });
  it('bounds pages and survives a throwing document', async () => {
    const pages = Array.from({ length: SCAN_LIMITS.maxPdfPages + 5 }, () => fakePage({}));
    const r = await scanPdf(fakeDoc(pages), 'big.pdf');
    expect(r.notes[0]).toMatch(/Only the first 50 of 55 pages/);
    const broken: PdfDocLike = {
      numPages: 1,
      getPage: () => Promise.reject(new Error('x')),
      getAttachments: () => Promise.reject(new Error('y')),
    };
    expect((await scanPdf(broken, 'b.pdf')).candidates).toEqual([]);
  });
  it('classifies attachments: JSON credentials, PNG as bytes, EDC XML; skips other files', () => {
    const vc = JSON.stringify({
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'Assertion',
      id: 'https://x/1',
    });
    expect(classifyAttachment('b.json', new TextEncoder().encode(vc), 'cv.pdf')?.platform).toBe('json-ld');
    const png = classifyAttachment('badge.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2]), 'cv.pdf');
    expect(png).toMatchObject({ platform: 'attachment', contentEncoding: 'base64' });
    expect(
      classifyAttachment('d.xml', new TextEncoder().encode('<europassCredential/>'), 'cv.pdf')?.platform,
    ).toBe('attachment');
    expect(classifyAttachment('notes.txt', new TextEncoder().encode('hello'), 'cv.pdf')).toBeNull();
    expect(classifyAttachment('bin', new Uint8Array([0xff, 0xfe, 0x00, 0xd8]), 'cv.pdf')).toBeNull();
  });
  it('converts pdf.js image kinds to RGBA and refuses oversized images', () => {
    expect(toRgba({ width: 1, height: 1, kind: 2, data: new Uint8Array([1, 2, 3]) })?.data).toEqual(
      new Uint8ClampedArray([1, 2, 3, 255]),
    );
    expect(
      toRgba({ width: 8, height: 1, kind: 1, data: new Uint8Array([0b10000000]) })?.data.slice(0, 8),
    ).toEqual(new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255]));
    expect(toRgba({ width: 5000, height: 5000, kind: 3, data: new Uint8Array(4) })).toBeNull();
    expect(toRgba({ width: 1, height: 1, kind: 9, data: new Uint8Array(4) })).toBeNull();
  });
});

describe('scanPdfWithPdfjs (real pdf.js, legacy build) over the fixture CV', () => {
  it('finds the six credentials, including the QR code on page 2', async () => {
    const bytes = new Uint8Array(readFileSync(join(GEN, 'pages/jane-doe-cv.pdf')));
    const r = await scanPdfWithPdfjs(pdfjs as unknown as PdfjsLike, bytes, 'cv.pdf', { jsQR });
    expect(r.candidates.map((c) => c.where)).toEqual([
      'PDF page 1, link',
      'PDF page 1, text',
      'PDF page 1, text',
      'PDF page 2, QR code',
      'attachment edc-diploma.jsonld',
      'attachment northwind-data-analysis.json',
    ]);
  });
  it('reports a damaged PDF as a note, never a throw', async () => {
    const r = await scanPdfWithPdfjs(
      pdfjs as unknown as PdfjsLike,
      new TextEncoder().encode('%PDF-1.7 garbage'),
      'bad.pdf',
      { jsQR },
    );
    expect(r.candidates).toEqual([]);
    expect(r.notes[0]).toMatch(/could not be read/);
  });
});
