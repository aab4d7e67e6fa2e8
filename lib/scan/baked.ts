/**
 * Whether a badge image carries baked data: the rule that makes an image a credential. An image
 * candidate (lib/detect/classify-image.ts) is only an image worth unbaking; it is counted and shown
 * once the verifier's report on its address says the image holds badge data: a PNG `openbadges` /
 * `openbadgecredential` text chunk or an SVG `openbadges:assertion` / `openbadges:credential`
 * element (lib/acquire), read, or present but refused (two badges in one image, an empty element,
 * badge text that is not a credential). An image that is not PNG/SVG, has no such chunk or
 * element, or could not be fetched is not a credential: nothing says it is one.
 */
import type { VerificationReport } from '../model/report';

/** `format.container` codes of an unbaked PNG/SVG (lib/acquire/acquire.ts fromPng, fromSvg). */
const READ = new Set(['OK_FORMAT_PNG', 'OK_FORMAT_SVG', 'WARN_FORMAT_SVG_NO_JSON']);

/** `format.recognized` failures that name badge data found in the image (lib/acquire/png.ts, svg.ts). */
const REFUSED = new Set(['ERR_PNG_MULTIPLE_BADGES', 'ERR_SVG_MULTIPLE_BADGES', 'ERR_SVG_EMPTY_BADGE']);

/**
 * `format.recognized` failures of an address only when it served an image whose badge data is not
 * a credential (acquire.ts `settle` on the unbaked text): an address serving text fails with
 * ERR_FORMAT_NOT_CREDENTIAL instead.
 */
const UNREADABLE_BAKED_TEXT = new Set([
  'ERR_FORMAT_BAD_JSON',
  'ERR_FORMAT_NOT_OBJECT',
  'ERR_FORMAT_JWS_MALFORMED',
  'ERR_FORMAT_UNRECOGNIZED',
]);

/** True when the report on an image's address says the image carries baked badge data. */
export function carriesBakedBadge(report: VerificationReport): boolean {
  for (const c of report.checks) {
    if (c.id === 'format.container' && READ.has(c.code)) return true;
    if (c.id === 'format.recognized' && (REFUSED.has(c.code) || UNREADABLE_BAKED_TEXT.has(c.code)))
      return true;
  }
  return false;
}
