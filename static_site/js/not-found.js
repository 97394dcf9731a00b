// The 404 page: only the contact details are dynamic.

import { showContact } from './ui.js';

showContact(document.getElementById('contact'));
