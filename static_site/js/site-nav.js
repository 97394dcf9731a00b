// The header of every page behind the login, in one place: the pages carry only
// <header class="site-header" data-signed-in></header> and this fills it in before anything is awaited.

const LINKS = [
  { href: '/home.html', text: 'Home' },
  { href: '/rapportages.html', text: 'Rapportages', role: 'werkgever' },
  { href: '/admin.html', text: 'Beheer', role: 'secretariaat' },
  { href: '/instellingen.html', text: 'Instellingen' },
  { href: '/hulp.html', text: 'Hulp' },
  { href: '/beveiliging.html', text: 'Beveiliging' },
];

/** Builds the site name, the "Hoofdmenu" links (the current page marked) and "Uitloggen". */
export function renderSiteNav() {
  const header = document.querySelector('.site-header[data-signed-in]');
  if (!header || header.childElementCount) {
    return;
  }
  const inner = document.createElement('div');
  inner.className = header.dataset.wide === undefined ? 'site-header__inner'
    : 'site-header__inner site-header__inner--wide';
  const name = document.createElement('a');
  name.className = 'site-name';
  name.href = '/home.html';
  name.textContent = 'Verzuimportaal';
  const nav = document.createElement('nav');
  nav.className = 'site-nav';
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
  inner.append(name, nav);
  header.append(inner);
}

/** Shows the links meant for the signed-in user's role (Rapportages for werkgevers, Beheer for het secretariaat). */
export function showNavFor(role) {
  for (const link of document.querySelectorAll('.site-nav [data-role]')) {
    link.hidden = link.dataset.role !== role;
  }
}
