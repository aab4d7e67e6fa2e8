// A tiny PDF writer for TEST FIXTURES only (pdf-lib is not installed): text lines in
// Helvetica, link annotations (/URI actions), grey images (Flate-compressed XObjects) and
// embedded files (/EmbeddedFiles name tree). Deterministic: no dates, no ids.
// Reference: ISO 32000-1 §7.5 (file structure), §12.5.6.5 (link annotations),
// §7.11.4 (embedded file streams), §8.9 (images).
import { deflateSync } from 'node:zlib';

const esc = (s) => s.replace(/\\/g, '\\\\').replace(/\(/g, '\\(').replace(/\)/g, '\\)');

/**
 * pages: [{ lines: [{ x, y, size, text }], links: [{ rect: [x1,y1,x2,y2], uri }],
 *           images: [{ x, y, w, h, gray: { width, height, data } }] }]
 * attachments: [{ name, mime, bytes }]
 */
export function makePdf({ pages, attachments = [], title = 'CV' }) {
  const objects = []; // index + 1 = object number
  const add = (body) => {
    objects.push(body);
    return objects.length;
  };
  const stream = (dict, bytes) =>
    Buffer.concat([
      Buffer.from(`<< ${dict} /Length ${bytes.length} >>\nstream\n`),
      bytes,
      Buffer.from('\nendstream'),
    ]);

  const catalog = add(null);
  const pagesObj = add(null);
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const info = add(`<< /Title (${esc(title)}) /Producer (CredLens fixture generator) >>`);
  const kids = [];
  for (const page of pages) {
    const xobjects = [];
    let content = '';
    for (const [i, img] of (page.images ?? []).entries()) {
      const id = add(
        stream(
          `/Type /XObject /Subtype /Image /Width ${img.gray.width} /Height ${img.gray.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`,
          deflateSync(img.gray.data, { level: 9 }),
        ),
      );
      xobjects.push(`/Im${i} ${id} 0 R`);
      content += `q ${img.w} 0 0 ${img.h} ${img.x} ${img.y} cm /Im${i} Do Q\n`;
    }
    for (const l of page.lines ?? [])
      content += `BT /F1 ${l.size ?? 11} Tf ${l.x} ${l.y} Td (${esc(l.text)}) Tj ET\n`;
    const contents = add(stream('', Buffer.from(content, 'latin1')));
    const annots = (page.links ?? []).map((l) =>
      add(
        `<< /Type /Annot /Subtype /Link /Rect [${l.rect.join(' ')}] /Border [0 0 0] /A << /S /URI /URI (${esc(l.uri)}) >> >>`,
      ),
    );
    const pageObj = add(
      `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595 842] /Contents ${contents} 0 R ` +
        `/Resources << /Font << /F1 ${font} 0 R >> /XObject << ${xobjects.join(' ')} >> >>` +
        (annots.length ? ` /Annots [${annots.map((a) => `${a} 0 R`).join(' ')}]` : '') +
        ' >>',
    );
    kids.push(pageObj);
  }
  const files = attachments.map((a) => {
    const ef = add(
      stream(
        `/Type /EmbeddedFile /Subtype /${a.mime.replace('/', '#2F')} /Params << /Size ${a.bytes.length} >>`,
        a.bytes,
      ),
    );
    const spec = add(
      `<< /Type /Filespec /F (${esc(a.name)}) /UF (${esc(a.name)}) /EF << /F ${ef} 0 R >> /Desc (${esc(a.description ?? a.name)}) >>`,
    );
    return `(${esc(a.name)}) ${spec} 0 R`;
  });
  objects[pagesObj - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  objects[catalog - 1] =
    `<< /Type /Catalog /Pages ${pagesObj} 0 R` +
    (files.length ? ` /Names << /EmbeddedFiles << /Names [${files.join(' ')}] >> >>` : '') +
    ' >>';

  const parts = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'),
      Buffer.from('\nendobj\n'),
    ]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}
