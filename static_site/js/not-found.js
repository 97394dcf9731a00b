// The 404 page: the contact details are dynamic; with a session the signed-in header, and the way back is Home.

import { startPageForAnyone } from './signed-in.js';
import { showContact } from './ui.js';

showContact(document.getElementById('contact'));
if (await startPageForAnyone(document.getElementById('page-error'))) {
  const back = document.getElementById('way-back');
  back.href = '/home.html';
  back.textContent = 'Home';
}
