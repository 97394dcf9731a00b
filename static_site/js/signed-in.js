// What every page behind the login does first: the header with "Uitloggen", the signed-in user, the links of
// their role, and the omgeving switch for a user who works for more than one employer.

import { get, post } from './api.js';
import { renderSiteNav, showNavFor, showSignedInHeader } from './site-nav.js';
import { say, wireLogout } from './ui.js';

/** Pages that show one record of the active employer; after a switch they would show "bestaat niet". */
const RECORD_PARAMS = ['id', 'medewerker'];

/** "Omgeving": a select of the user's employers with a "Wisselen" button (no change of context on select). */
function showEnvironmentSwitch(me, errorRegion) {
  const nav = document.querySelector('.site-nav');
  if (!nav || me.role !== 'werkgever' || (me.environments || []).length < 2) {
    return;
  }
  const form = document.createElement('form');
  form.className = 'environment-switch';
  const label = document.createElement('label');
  label.htmlFor = 'omgeving';
  label.textContent = 'Omgeving';
  const select = document.createElement('select');
  select.id = 'omgeving';
  for (const environment of me.environments) {
    const option = new Option(environment.name, environment.employer_id);
    option.selected = me.employer && environment.employer_id === me.employer.employer_id;
    select.append(option);
  }
  const button = document.createElement('button');
  button.type = 'submit';
  button.className = 'button button--small';
  button.textContent = 'Wisselen';
  form.append(label, select, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (me.employer && select.value === me.employer.employer_id) {
      return;
    }
    button.disabled = true;
    try {
      await post('/api/auth/environment', { employer_id: select.value }, { session: true });
    } catch (error) {
      button.disabled = false;
      say(errorRegion, error.message);
      return;
    }
    const params = new URLSearchParams(window.location.search);
    if (RECORD_PARAMS.some((name) => params.has(name))) {
      window.location.assign('/home.html');
    } else {
      window.location.reload();
    }
  });
  nav.before(form);
}

/** Returns the signed-in user (`Me` of docs/api.md); without a session the page leaves for the login page. */
export async function startSignedInPage(errorRegion) {
  renderSiteNav();
  wireLogout(document.getElementById('logout'), errorRegion);
  const me = await get('/api/auth/me', { session: true });
  showNavFor(me.role, me.beheerder);
  showEnvironmentSwitch(me, errorRegion);
  return me;
}

/** For pages anyone may open (Hulp, 404): with a session the signed-in header and the user, without one null (the
 * signed-out header stays and nobody is sent away). */
export async function startPageForAnyone(errorRegion) {
  let me;
  try {
    me = await get('/api/auth/me');
  } catch {
    return null;
  }
  showSignedInHeader();
  wireLogout(document.getElementById('logout'), errorRegion);
  showNavFor(me.role, me.beheerder);
  showEnvironmentSwitch(me, errorRegion);
  return me;
}
