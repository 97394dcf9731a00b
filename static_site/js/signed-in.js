// What every page behind the login does first: wire "Uitloggen", load the signed-in user, show "Beheer"
// to het secretariaat.

import { get } from './api.js';
import { wireLogout } from './ui.js';

/** Returns the signed-in user (`Me` of docs/api.md); without a session the page leaves for the login page. */
export async function startSignedInPage(errorRegion) {
  wireLogout(document.getElementById('logout'), errorRegion);
  const me = await get('/api/auth/me', { session: true });
  const adminLink = document.getElementById('admin-link');
  if (adminLink) {
    adminLink.hidden = me.role !== 'secretariaat';
  }
  return me;
}
