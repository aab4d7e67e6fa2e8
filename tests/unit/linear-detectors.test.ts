/**
 * Hostile pages (issue 15): every detector that runs on page or file content takes time that grows
 * linearly with its input. Each case generates an adversarial input at a size and at eight times
 * that size and compares the two times: linear work gives a ratio near 8, quadratic near 64. The
 * bound (24: three times linear, room for a loaded machine and the collector; a third of
 * quadratic) is a ratio between sizes measured in the same run, never an absolute time.
 */
import { describe, expect, it } from 'vitest';
import { credentialXmlRoot } from '../../lib/acquire/xml';
import { classifyJwsInText } from '../../lib/detect/classify-embedded';
import { findJws, trimUrl, urlsInText } from '../../lib/detect/signals';
import { scanHtml } from '../../lib/scan/scan-html';

/** One timed run (ms per call), repeated until it lasts long enough to time. */
function once(run: () => unknown): number {
  let reps = 0;
  const start = performance.now();
  do {
    run();
    reps++;
  } while (performance.now() - start < 15);
  return (performance.now() - start) / reps;
}

/** time(large) / time(small): the fastest of 7 runs each, interleaved so both see the same load. */
function ratio(small: () => unknown, large: () => unknown): number {
  let a = Infinity;
  let b = Infinity;
  for (let trial = 0; trial < 7; trial++) {
    a = Math.min(a, once(small));
    b = Math.min(b, once(large));
  }
  return b / Math.max(a, 0.001);
}

interface Case {
  name: string;
  /** An adversarial input of about `n` characters. */
  make: (n: number) => string;
  run: (input: string) => unknown;
  /** Base size (characters); the second size is eight times it. */
  n?: number;
}

const rep = (s: string, n: number) => s.repeat(Math.ceil(n / s.length)).slice(0, n);
const PAGE = 'https://profile.example/in/candidate';

const CASES: Case[] = [
  { name: 'JWS finder on "eyJeyJ…"', make: (n) => rep('eyJ', n), run: (t) => findJws(t) },
  {
    name: 'JWS finder on "eyJ…AAAA." runs',
    make: (n) => rep(`eyJ${'A'.repeat(60)}.`, n),
    run: (t) => findJws(t),
  },
  {
    name: 'JWS in text (classifier)',
    make: (n) => rep('eyJhbGciOiJ.', n),
    run: (t) => classifyJwsInText(t, { pageUrl: PAGE, where: 'text' }),
  },
  {
    name: 'URLs in text ending in many dots',
    make: (n) => `see http://x.org/${'.'.repeat(n)}a and more`,
    run: (t) => urlsInText(t),
  },
  { name: 'URLs in text: many short URLs', make: (n) => rep('http://a.b/. ', n), run: (t) => urlsInText(t) },
  {
    name: 'trimUrl on trailing dots and brackets',
    make: (n) => `http://x.org/${rep('.)', n)}`,
    run: (t) => trimUrl(t),
  },
  {
    name: 'trimUrl on dots then a letter',
    make: (n) => `http://x.org/${'.'.repeat(n)}a`,
    run: (t) => trimUrl(t),
  },
  { name: 'HTML scan: unclosed tags "<a‹a"', make: (n) => rep('<a‹a', n), run: (t) => scanHtml(t, PAGE) },
  {
    name: 'HTML scan: unclosed quoted attributes',
    make: (n) => rep('<a "', n),
    run: (t) => scanHtml(t, PAGE),
  },
  { name: 'HTML scan: comment openers', make: (n) => rep('<!--', n), run: (t) => scanHtml(t, PAGE) },
  {
    name: 'HTML scan: many <style> elements',
    make: (n) => rep('<style>x', n),
    run: (t) => scanHtml(t, PAGE),
  },
  { name: 'HTML scan: entities', make: (n) => `<p>${rep('&#1', n)}</p>`, run: (t) => scanHtml(t, PAGE) },
  {
    name: 'HTML scan: attributes without values',
    make: (n) => `<a ${rep('x ', n)}>`,
    run: (t) => scanHtml(t, PAGE),
  },
  {
    name: 'HTML scan: JWS-looking text',
    make: (n) => `<p>${rep('eyJ', n)}</p>`,
    run: (t) => scanHtml(t, PAGE),
  },
  {
    name: 'HTML scan: URL text with dots',
    make: (n) => `<p>http://x.org/${'.'.repeat(n)}a</p>`,
    run: (t) => scanHtml(t, PAGE),
  },
  // The XML root finder reads at most 64 KB: bounded input, and linear below the bound.
  {
    name: 'XML root: unclosed comments',
    make: (n) => rep('<!--', n),
    run: (t) => credentialXmlRoot(t),
    n: 4_000,
  },
  {
    name: 'XML root: unclosed processing instructions',
    make: (n) => rep('<?x ', n),
    run: (t) => credentialXmlRoot(t),
    n: 4_000,
  },
  {
    name: 'XML root: unclosed namespace declarations',
    make: (n) => `<verifiablePresentation ${rep('xmlns="a" ', n)}`,
    run: (t) => credentialXmlRoot(t),
    n: 4_000,
  },
];

describe('detectors take linear time on adversarial input', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const n = c.n ?? 25_000;
      const small = c.make(n);
      const large = c.make(8 * n);
      c.run(small); // warm up the compiled code
      const r = ratio(
        () => c.run(small),
        () => c.run(large),
      );
      expect(r, `time(8n) / time(n) = ${r.toFixed(1)} (linear ≈ 8, quadratic ≈ 64)`).toBeLessThan(24);
    });
  }
});

describe('the linear detectors find what the former patterns found', () => {
  // The former pattern, kept here as the reference on ordinary (non-adversarial) text.
  const FORMER_JWS = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g;
  const token = `eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJkaWQ6ZXhhbXBsZSJ9.${'A'.repeat(86)}`;
  const texts = [
    `my badge: ${token} (signed)`,
    `two: ${token}\n${token.replace('AAAA', 'BBBB')}`,
    `glued: xx${token}.tail and ${token}`,
    `dots: a.b.${token}.c.d`,
    'short: eyJa.eyJb.c and eyJhbGciOiJFUzI1NiJ9.eyJpc3Mi.tooShort',
    `prefix run: QQQQ${token}`,
  ];
  for (const t of texts)
    it(`findJws = the former pattern: ${t.slice(0, 30)}…`, () => {
      expect(findJws(t)).toEqual([...t.matchAll(FORMER_JWS)].map((m) => m[0]));
    });

  it('trimUrl keeps balanced brackets and drops sentence punctuation', () => {
    expect(trimUrl('https://x.org/a.')).toBe('https://x.org/a');
    expect(trimUrl('https://x.org/a?!.,;:')).toBe('https://x.org/a');
    expect(trimUrl('https://en.wikipedia.org/wiki/Foo_(bar)')).toBe(
      'https://en.wikipedia.org/wiki/Foo_(bar)',
    );
    expect(trimUrl('https://en.wikipedia.org/wiki/Foo_(bar)).')).toBe(
      'https://en.wikipedia.org/wiki/Foo_(bar)',
    );
    expect(trimUrl('https://x.org/a]')).toBe('https://x.org/a');
    expect(trimUrl('https://x.org/[a]')).toBe('https://x.org/[a]');
    expect(trimUrl('https://x.org/a).')).toBe('https://x.org/a');
  });
});
