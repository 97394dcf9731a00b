// Home screen of a signed-in user.

import { get } from './api.js';
import { say, showContact, wireLogout } from './ui.js';

const errorRegion = document.getElementById('page-error');
wireLogout(document.getElementById('logout'), errorRegion);

try {
  const me = await get('/api/auth/me', { session: true });
  document.getElementById('welcome').textContent = `Welkom, ${me.name}`;
  if (me.employer) {
    document.getElementById('employer-name').textContent = me.employer.name;
    document.getElementById('employer').hidden = false;
  }
  document.getElementById('admin-link').hidden = me.role !== 'secretariaat';
  await showContact(document.getElementById('contact'), me.contact);
} catch (error) {
  say(errorRegion, error.message);
  await showContact(document.getElementById('contact'));
}
