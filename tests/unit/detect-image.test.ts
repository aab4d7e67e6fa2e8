import { describe, expect, it } from 'vitest';
import { classifyImage } from '../../lib/detect/classify-image';
import { isCredentialSectionHeading } from '../../lib/detect/signals';

describe('classifyImage', () => {
  it('takes a PNG/SVG file in a credentials section as an image to unbake; the alt text is only its label', () => {
    expect(
      classifyImage({
        src: 'https://www.example.org/badges/x.png',
        alt: 'Data Analysis badge',
        inCredentialSection: true,
      }),
    ).toEqual({
      kind: 'image',
      platform: 'baked-image',
      url: 'https://www.example.org/badges/x.png',
      pageUrl: 'https://www.example.org/badges/x.png',
      label: 'Data Analysis badge',
    });
    expect(classifyImage({ src: 'https://cdn.example/b.svg', inCredentialSection: true })?.url).toBe(
      'https://cdn.example/b.svg',
    );
  });

  it('never takes an image for its alt or title text', () => {
    expect(
      classifyImage({ src: 'https://www.example.org/badges/x.png', alt: 'Data Analysis badge' }),
    ).toBeNull();
    expect(classifyImage({ src: 'https://cdn.example/b.png', title: 'Open Badge' })).toBeNull();
    expect(classifyImage({ src: 'https://cdn.example/b.png', alt: 'Sunset' })).toBeNull();
  });

  it('an image inside a credential link is that link, not another credential', () => {
    expect(
      classifyImage({ src: 'https://cdn.example/b.png', inCredentialLink: true, inCredentialSection: true }),
    ).toBeNull();
  });

  it('an image whose name says no PNG/SVG is not unbaked for being in a credentials section (CDN logos)', () => {
    expect(
      classifyImage({ src: 'https://cdn.example/images/123/image', inCredentialSection: true }),
    ).toBeNull();
  });

  it('never takes formats that cannot be baked', () => {
    for (const ext of ['jpg', 'jpeg', 'gif', 'webp']) {
      expect(
        classifyImage({ src: `https://cdn.example/b.${ext}`, alt: 'certificate', inCredentialSection: true }),
      ).toBeNull();
    }
    expect(
      classifyImage({ src: 'https://cdn.example/b.pdf', alt: 'certificate', inCredentialSection: true }),
    ).toBeNull();
  });

  it('rejects non-http sources', () => {
    expect(classifyImage({ src: 'data:image/png;base64,AAAA', inCredentialSection: true })).toBeNull();
    expect(classifyImage({ src: 'blob:https://a.example/1', inCredentialSection: true })).toBeNull();
  });
});

describe('isCredentialSectionHeading', () => {
  it.each([
    'Licenses & certifications',
    'Licences and Certificates',
    'licenses_and_certifications',
    'My badges',
    'Micro-credentials',
  ])('recognises %s', (t) => expect(isCredentialSectionHeading(t)).toBe(true));
  it.each(['Experience', 'About', '', null])('not %s', (t) =>
    expect(isCredentialSectionHeading(t)).toBe(false),
  );
});
