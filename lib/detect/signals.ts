/**
 * The page-side signals of the detectors: words and shapes the content script tests on the
 * DOM before anything is reported (section headings, "Show credential" buttons, image file
 * endings and badge image paths, the shape of a compact JWS). Plain data and regular expressions with
 * no imports, so the content script carries them without the platform rules. The classifiers
 * (classify-link, classify-image, classify-embedded) and the HTML scanner use the same ones.
 */

/** Link texts too generic to name the credential ("Show credential"): the entry's title is used instead. */
export const GENERIC_LINK_TEXT =
  /^(?:show|view|see|verify|open)?\s*(?:credential|badge|certificate|link|more)?s?$/i;

/** A link text that says "this is the credential": "Show credential", "View certificate", "Verify". */
const CREDENTIAL_BUTTON =
  /^\s*(?:(?:show|view|see|open)\s+(?:credential|certificate|badge)s?|verify(?:\s+(?:credential|certificate|badge))?)\s*$/i;

/** True when a link's text (any whitespace around and between the words) names the link as the credential itself. */
export function isCredentialButtonText(text: string): boolean {
  // Such a text is short: a long one is not tested (the content script reads many link texts).
  return text.length <= 80 && CREDENTIAL_BUTTON.test(text);
}

/** Headings that mark a section of a page as a list of credentials. */
export const CREDENTIAL_SECTION_WORDS =
  /\b(?:licen[cs]es?|certifications?|certificates?|credentials?|badges?|micro-?credentials?)\b/i;

/** True when a section heading (or id) names credentials, e.g. "Licenses & certifications". */
export function isCredentialSectionHeading(text: string | null | undefined): boolean {
  if (typeof text !== 'string') return false;
  return CREDENTIAL_SECTION_WORDS.test(text.replace(/[_-]+/g, ' ').slice(0, 200));
}

/**
 * An image address that names a PNG or SVG file (the formats a badge can be baked in), before
 * any query or fragment. With a credentials section around the image, a reason to unbake it.
 * (Alt and title text are never one: issuer logos say "badge" too.)
 */
export const BAKEABLE_SRC = /\.(?:png|svg)(?:[?#]|$)/i;

/**
 * The path of a platform's baked badge image (lib/detect/platforms/badge-images.ts), anywhere in
 * an image address: the page-side pre-check; the background checks the host.
 */
export const BADGE_IMAGE_SRC = /\/public\/assertions\/[A-Za-z0-9_-]{1,64}\/image\/?(?:[?#]|$)/;

/** Image file endings that cannot carry a baked badge (only PNG and SVG can): never worth fetching. */
export const NOT_BAKEABLE = /\.(?:jpe?g|gif|webp|avif|bmp|ico)$/i;

/** The same endings at the end of an image URL's path, before any query or fragment. */
export const NOT_BAKEABLE_SRC = /\.(?:jpe?g|gif|webp|avif|bmp|ico)(?:[?#]|$)/i;

/** Escapes `s` for use as a literal in a regular expression source. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Runs of base64url characters and dots long enough to hold a compact JWS (3+8 . 3+8 . 16).
 * Linear: each character is read once by a run; a run shorter than the minimum costs at most
 * its length once. (The former single pattern `eyJ…{8,}\.eyJ…` took time that grew with the
 * square of a run of "eyJeyJ…" — 54 s for 300 KB.)
 */
const JWS_RUN = /[A-Za-z0-9_.-]{40,}/g;

/**
 * Compact JWS written in text: three base64url parts whose header and payload are JSON objects
 * (`eyJ` = `{"`): the header part from its first `eyJ` (≥ 11 characters), the payload part
 * starting with `eyJ` (≥ 11), the signature part (≥ 16). At most `max`, in order.
 */
export function findJws(text: string, max = 50): string[] {
  const out: string[] = [];
  if (text.indexOf('eyJ') < 0) return out;
  JWS_RUN.lastIndex = 0;
  for (const m of text.matchAll(JWS_RUN)) {
    const parts = m[0].split('.');
    for (let i = 0; i + 2 < parts.length;) {
      const head = parts[i]!;
      const at = head.indexOf('eyJ');
      const payload = parts[i + 1]!;
      const signature = parts[i + 2]!;
      if (
        at >= 0 &&
        head.length - at >= 11 &&
        payload.startsWith('eyJ') &&
        payload.length >= 11 &&
        signature.length >= 16
      ) {
        out.push(`${head.slice(at)}.${payload}.${signature}`);
        if (out.length >= max) return out;
        i += 3;
      } else i++;
    }
  }
  return out;
}

/** URLs written out in text; trailing punctuation is not part of them. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`{}|\\^]+/gi;

const SENTENCE_PUNCTUATION = '.,;:!?';

/**
 * Strips punctuation a sentence puts after a URL ("see https://x.org/a."); a closing bracket
 * belongs to the URL only when it opened inside it. Linear: one pass to count brackets, one
 * backwards (the former `/[.,;:!?]+$/` took time that grew with the square of a dot run).
 */
export function trimUrl(u: string): string {
  let end = u.length;
  const strip = () => {
    while (end > 0 && SENTENCE_PUNCTUATION.includes(u[end - 1]!)) end--;
  };
  strip();
  let round = 0;
  let square = 0;
  for (let i = 0; i < end; i++) {
    const c = u[i];
    if (c === '(') round++;
    else if (c === ')') round--;
    else if (c === '[') square++;
    else if (c === ']') square--;
  }
  while (end > 0) {
    const c = u[end - 1];
    if (c === ')' && round < 0) round++;
    else if (c === ']' && square < 0) square++;
    else break;
    end--;
    strip();
  }
  return u.slice(0, end);
}

/** Bounds on reading URLs out of text. */
export const TEXT_URL_LIMITS = { maxTextChars: 2 * 1024 * 1024, maxUrlsPerText: 500 } as const;

/** Every http(s) URL written in `text` (bounded), in order, without duplicates. */
export function urlsInText(text: string): string[] {
  const out: string[] = [];
  for (const m of text.slice(0, TEXT_URL_LIMITS.maxTextChars).matchAll(URL_IN_TEXT)) {
    const u = trimUrl(m[0]);
    if (!out.includes(u)) out.push(u);
    if (out.length >= TEXT_URL_LIMITS.maxUrlsPerText) break;
  }
  return out;
}
