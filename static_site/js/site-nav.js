// The header of every page behind the login, in one place: the pages carry only
// <header class="site-header" data-signed-in></header> and this fills it in before anything is awaited.
// Hulp and the 404 page carry the signed-out header and become signed-in through showSignedInHeader().

const LINKS = [
  { href: '/home.html', text: 'Home' },
  { href: '/dossier-zoeken.html', text: 'Dossier zoeken', role: 'werkgever' },
  { href: '/medewerkers.html', text: 'Medewerkers', role: 'werkgever' },
  { href: '/rapportages.html', text: 'Rapportages', role: 'werkgever' },
  { href: '/collegas.html', text: 'Collega\'s', role: 'beheerder' },
  { href: '/admin.html', text: 'Beheer', role: 'secretariaat' },
  { href: '/instellingen.html', text: 'Instellingen' },
  { href: '/beveiliging.html', text: 'Beveiliging' },
  { href: '/hulp.html', text: 'Hulp' },
];

/** "Menu": on a narrow screen the navigation is folded behind this disclosure button (CSS shows it only there). */
function menuButton(nav) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button button--small site-menu-button';
  button.textContent = 'Menu';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', nav.id);
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('site-nav--open', open);
  });
  nav.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
      button.click();
      button.focus();
    }
  });
  return button;
}

/** Builds the site name, the "Menu" button, the "Hoofdmenu" links (the current page marked) and "Uitloggen". */
export function renderSiteNav() {
  const header = document.querySelector('.site-header[data-signed-in]');
  if (!header || header.childElementCount) {
    return;
  }
  const inner = document.createElement('div');
  // Always the wide header: the eight links and "Uitloggen" fit on one line from about 1000 px.
  inner.className = 'site-header__inner site-header__inner--wide';
  const name = document.createElement('a');
  name.className = 'site-name';
  name.href = '/home.html';
  name.textContent = 'Verzuimportaal';
  const nav = document.createElement('nav');
  nav.className = 'site-nav';
  nav.id = 'hoofdmenu';
  nav.setAttribute('aria-label', 'Hoofdmenu');
  for (const { href, text, role } of LINKS) {
    const link = document.createElement('a');
    link.href = href;
    link.textContent = text;
    if (role) {
      link.dataset.role = role;
      link.hidden = true;
    }
    if (window.location.pathname === href) {
      link.setAttribute('aria-current', 'page');
    }
    nav.append(link);
  }
  const logout = document.createElement('button');
  logout.id = 'logout';
  logout.type = 'button';
  logout.className = 'button button--small';
  logout.textContent = 'Uitloggen';
  nav.append(logout);
  inner.append(name, menuButton(nav), nav);
  header.append(inner);
}

/** A signed-out header (Hulp, 404) turned into the signed-in one, for a visitor who turns out to have a session. */
export function showSignedInHeader() {
  const header = document.querySelector('.site-header');
  if (!header || header.dataset.signedIn !== undefined) {
    return;
  }
  header.replaceChildren();
  header.dataset.signedIn = '';
  renderSiteNav();
}

/** Shows the links meant for the signed-in user's role (employer pages for werkgevers, Beheer for het secretariaat). */
/** The menu of the user's role; "Collega's" only for the employer's beheerder. */
export function showNavFor(role, beheerder = false) {
  for (const link of document.querySelectorAll('.site-nav [data-role]')) {
    link.hidden = link.dataset.role === 'beheerder' ? !beheerder : link.dataset.role !== role;
  }
}
