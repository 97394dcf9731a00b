// The help page: the instructiekaart can be printed; the secretariat's details come from the API.

import { showContact } from './ui.js';

document.getElementById('print').addEventListener('click', () => window.print());
showContact(document.getElementById('contact'));
