// The help page: the instructiekaart can be printed; the secretariat's details come from the API. Anyone may open
// it: with a session it shows the signed-in header and no "Naar Inloggen".

import { startPageForAnyone } from './signed-in.js';
import { onClick, showContact } from './ui.js';

onClick(document.getElementById('print'), () => window.print());
showContact(document.getElementById('contact'));
if (await startPageForAnyone(document.getElementById('page-error'))) {
  document.getElementById('to-login').hidden = true;
}
