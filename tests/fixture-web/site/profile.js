// Renders the profile sections lazily, like a single-page app: the certifications arrive
// after a delay, and one more entry is appended later ("Show all"), so the content script's
// incremental re-scan is exercised.
(function () {
  const ids = {
    valid: '0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01',
    revoked: '0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e02',
    tampered: '0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e03',
    badgr: 'FxTr9cAsQpK2wLm4NvB7zQ',
  };
  const logo = 'https://images.credly.com/images/7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e41/image.png';
  function entry(title, org, issued, href, logoAlt) {
    const li = document.createElement('li');
    li.innerHTML =
      '<img class="logo" alt="" src="' +
      logo +
      '">' +
      '<div><h3></h3><div class="meta org"></div><div class="meta">Issued ' +
      issued +
      '</div>' +
      '<a class="btn" target="_blank" rel="noopener">Show credential</a></div>';
    li.querySelector('img').alt = logoAlt;
    li.querySelector('h3').textContent = title;
    li.querySelector('.org').textContent = org;
    li.querySelector('a').href = href;
    return li;
  }
  function render() {
    document.getElementById('loading').remove();
    const root = document.getElementById('root');

    const featured = document.createElement('div');
    featured.className = 'card';
    featured.innerHTML =
      '<h2>Featured</h2><img width="64" height="64">' +
      '<p class="meta">My latest badge, downloaded from the issuer.</p>';
    const img = featured.querySelector('img');
    img.src = 'https://www.example.org/badges/northwind-data-analysis.png';
    img.alt = 'Data Analysis Foundations badge';
    root.append(featured);

    const section = document.createElement('section');
    section.innerHTML =
      '<div id="licenses_and_certifications"></div><h2>Licenses &amp; certifications</h2><ul class="entries"></ul>';
    const list = section.querySelector('ul');
    list.append(
      entry(
        'Data Analysis Foundations',
        'Northwind Academy',
        'Mar 2025',
        'https://www.credly.com/badges/' + ids.valid + '/public_url',
        'Northwind Academy logo',
      ),
      entry(
        'Cloud Security Basics',
        'Northwind Academy',
        'Nov 2024',
        'https://www.credly.com/badges/' + ids.revoked,
        'Northwind Academy logo',
      ),
      entry(
        'Project Leadership',
        'Northwind Academy',
        'Jan 2025',
        'https://www.credly.com/badges/' + ids.tampered,
        'Northwind Academy logo',
      ),
    );
    root.append(section);

    setTimeout(function () {
      list.append(
        entry(
          'Open Science Practices',
          'Fabrikam University Library',
          'Jun 2024',
          'https://badgr.com/public/assertions/' + ids.badgr,
          'Fabrikam University Library logo',
        ),
      );
    }, 900);
  }
  setTimeout(render, 400);
})();
