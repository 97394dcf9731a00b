// The help page: the instructiekaart can be printed; the secretariat's details come from the API.

import { onClick, showContact } from './ui.js';

onClick(document.getElementById('print'), () => window.print());
showContact(document.getElementById('contact'));
