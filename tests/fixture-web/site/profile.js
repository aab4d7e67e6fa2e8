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
  var DETAILS = '/in/jane-doe-fixture/details/certifications/';
  var more = {
    obf: 'https://openbadgefactory.com/v1/assertion/4e7d1c2b3a5f6e8d9c0b1a2f3e4d5c6b7a8f9e0d.html',
    msLearn: 'https://learn.microsoft.com/en-us/users/janedoe-fixture/credentials/A1B2C3D4E5F6',
    edx: 'https://courses.edx.org/certificates/0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    liLearning: 'https://www.linkedin.com/learning/certificates/7a1b2c3d4e5f60718293a4b5c6d7e8f9',
  };
  // LinkedIn sends outbound "Show credential" links through its redirector.
  function redir(url) {
    return 'https://www.linkedin.com/redir/redirect?url=' + encodeURIComponent(url) + '&urlhash=fx';
  }
  // The "Show all" sub-page, as a single-page app renders it: the list replaces the
  // profile, the first entries arrive after a moment and the rest load lazily.
  function renderAll() {
    var root = document.getElementById('root');
    root.replaceChildren();
    var section = document.createElement('section');
    section.innerHTML =
      '<h2>Licenses &amp; certifications</h2><p class="skeleton" id="loading-all">Loading…</p><ul class="entries"></ul>';
    root.append(section);
    var list = section.querySelector('ul');
    setTimeout(function () {
      section.querySelector('#loading-all').remove();
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
        entry(
          'Open Science Practices',
          'Fabrikam University Library',
          'Jun 2024',
          'https://badgr.com/public/assertions/' + ids.badgr,
          'Fabrikam University Library logo',
        ),
      );
    }, 300);
    setTimeout(function () {
      list.append(
        entry(
          'Safe Welding Practice',
          'Contoso Vocational College',
          'Sep 2024',
          redir(more.obf),
          'Contoso logo',
        ),
        entry(
          'Microsoft Certified: Power BI Data Analyst Associate',
          'Microsoft',
          'Feb 2025',
          redir(more.msLearn),
          'Microsoft logo',
        ),
        entry('Data Science Fundamentals', 'edX', 'Aug 2023', redir(more.edx), 'edX logo'),
        entry('Learning SQL Programming', 'LinkedIn', 'May 2024', more.liLearning, 'LinkedIn logo'),
      );
    }, 1100);
  }
  function render() {
    document.getElementById('loading').remove();
    const root = document.getElementById('root');

    const featured = document.createElement('div');
    featured.className = 'card';
    // The featured badge links its own file (LinkedIn's featured media open the file itself): the
    // link to the PNG, not the word "badge" in its alt text, is what makes CredLens unbake it.
    featured.innerHTML =
      '<h2>Featured</h2><a class="media" target="_blank" rel="noopener"><img width="64" height="64"></a>' +
      '<p class="meta">My latest badge, downloaded from the issuer.</p>';
    const img = featured.querySelector('img');
    img.src = 'https://www.example.org/badges/northwind-data-analysis.png';
    img.alt = 'Data Analysis Foundations badge';
    featured.querySelector('a').href = img.src;
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
    var showAll = document.createElement('a');
    showAll.id = 'show-all';
    showAll.className = 'btn';
    showAll.href = DETAILS;
    showAll.textContent = 'Show all 8 licenses & certifications →';
    showAll.addEventListener('click', function (e) {
      e.preventDefault();
      history.pushState({}, '', DETAILS);
      renderAll();
    });
    section.append(showAll);

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
  if (location.pathname === DETAILS)
    setTimeout(function () {
      document.getElementById('loading').remove();
      renderAll();
    }, 400);
  else setTimeout(render, 400);
})();
