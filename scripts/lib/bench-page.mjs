// The benchmark's page (scripts/bench.mjs): a LinkedIn-style profile, generated.

/**
 * A LinkedIn-style profile of about `nodes` elements: 60 certifications, then experience entries.
 * As on LinkedIn, most links point into the site itself, written relative to it (`/company/…`);
 * one in three leaves it. 50 more certifications arrive lazily after 1.5 s.
 */
export function profileHtml(nodes) {
  const uuid = (i) => `0b0f5d6e-1c2a-4e3b-9f4d-${String(i).padStart(12, '0')}`;
  const cert = (i) => {
    const href = [
      `https://www.credly.com/badges/${uuid(i)}/public_url`,
      `https://www.coursera.org/account/accomplishments/verify/BENCH${String(i).padStart(6, '0')}`,
      `https://www.example.org/about/${i}`,
    ][i % 3];
    return `<li><img class="logo" alt="Issuer ${i} logo" src="https://www.example.org/logo${i}.jpg"><div><h3>Certificate ${i}</h3><div class="meta">Issuer ${i}</div><div class="meta">Issued 2024</div><a class="btn" href="${href}">Show credential</a></div></li>`;
  };
  const link = (i) => [`/company/${i}/`, `/in/colleague-${i}/`, `https://www.example.org/p/${i}`][i % 3];
  const filler = (i) =>
    `<li class="exp"><div><span><b>Role ${i}</b></span><span class="meta">Company ${i} · Full-time</span><p>Did <em>useful</em> things with <a href="${link(i)}">projects</a> and <span>data</span>.</p></div></li>`;
  let body = `<main id="root"><section><h2>About</h2><p>Bench profile.</p></section><section><h2>Licenses &amp; certifications</h2><ul>`;
  for (let i = 0; i < 60; i++) body += cert(i);
  body += '</ul></section><section><h2>Experience</h2><ul>';
  // Each filler entry is 10 elements.
  const fillers = Math.max(0, Math.round((nodes - 60 * 9 - 20) / 10));
  for (let i = 0; i < fillers; i++) body += filler(i);
  body += '</ul></section></main>';
  const more = `<script>setTimeout(function(){var ul=document.querySelector('ul');for(var i=1000;i<1050;i++){var li=document.createElement('li');li.innerHTML='<h3>Lazy ${'$'}{i}</h3><a href="https://www.credly.com/badges/0b0f5d6e-1c2a-4e3b-9f4d-'+String(i).padStart(12,'0')+'">Show credential</a>';ul.append(li);}document.title='more';},1500);</script>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Bench</title></head><body>${body}${more}</body></html>`;
}

/**
 * The adversarial page (issue 15): the bench profile, plus what a hostile page would add —
 * 300 KB of "eyJeyJ…" in an About text, an address ending in 200,000 dots and a letter, 600
 * credential addresses written as text, and 5,000 nodes added in 50 bursts after load. Its title
 * becomes "more" when the bursts are over.
 */
export function adversarialHtml(nodes) {
  const base = profileHtml(nodes);
  const uuid = (i) => `0b0f5d6e-1c2a-4e3b-9f4d-${String(i).padStart(12, '0')}`;
  const hostile = [
    `<section><h2>About</h2><p>${'eyJ'.repeat(100_000)}</p></section>`,
    `<p>see http://x.org/${'.'.repeat(200_000)}a now</p>`,
    `<p>${Array.from({ length: 600 }, (_, i) => `https://www.credly.com/badges/${uuid(5000 + i)}`).join(' ')}</p>`,
  ].join('');
  const bursts = `<script>var n=0;var t=setInterval(function(){for(var i=0;i<100;i++){var d=document.createElement('div');d.textContent='eyJ'.repeat(50)+' https://x.org/'+'.'.repeat(50)+'a';document.body.append(d);}if(++n>=50){clearInterval(t);document.title='more';}},40);</script>`;
  return base
    .replace(/<script>setTimeout[\s\S]*?<\/script>/, '')
    .replace('</body>', `${hostile}${bursts}</body>`);
}
