// Home screen of a signed-in user.

import { post } from './api.js';
import { showBackupCodes } from './backup-codes.js';
import { ReauthCancelled, withReauth } from './reauth.js';
import { startSignedInPage } from './signed-in.js';
import { BACKUP_LOGIN_KEY, backupCodesLeft, onSubmit, say, showContact } from './ui.js';

const $ = (id) => document.getElementById(id);
const LOW_BACKUP_CODES = 3;
const errorRegion = $('page-error');

function showBackupCodesLeft(me) {
  const left = me.backup_codes_left;
  $('backup-login-text').textContent = `U bent ingelogd met een back-up code. ${backupCodesLeft(left)}`;
  $('backup-low-text').textContent = backupCodesLeft(left);
  $('backup-low').hidden = left > LOW_BACKUP_CODES;
}

/** After a back-up code login: the notice with "Nieuwe back-up codes genereren". */
function offerNewBackupCodes(me) {
  $('backup-login').hidden = false;
  const form = $('backup-login-form');
  const status = $('backup-login-status');
  const problem = $('backup-login-error');
  onSubmit(form, async () => {
    say(status, '');
    say(problem, '');
    let answer;
    try {
      const renew = () => post('/api/account/backup-codes', {}, { session: true });
      answer = await withReauth($('backup-login-reauth'), renew);
    } catch (error) {
      if (!(error instanceof ReauthCancelled)) {
        say(problem, error.message);
      }
      return;
    }
    sessionStorage.removeItem(BACKUP_LOGIN_KEY);
    form.hidden = true;
    $('backup-login-title').focus();
    showBackupCodesLeft({ ...me, backup_codes_left: answer.backup_codes.length });
    $('backup-login-text').textContent = 'Uw nieuwe back-up codes staan hieronder. De oude codes werken niet meer.';
    say(status, 'Er zijn nieuwe back-up codes gemaakt. Bewaar ze nu op een veilige plek: ze worden alleen nu getoond.');
    showBackupCodes($('backup-login-codes'), answer.backup_codes, me);
  });
}

try {
  const me = await startSignedInPage(errorRegion);
  $('welcome').textContent = `Welkom, ${me.name}`;
  if (me.employer) {
    $('employer-name').textContent = me.employer.name;
    $('employer').hidden = false;
  }
  showBackupCodesLeft(me);
  if (sessionStorage.getItem(BACKUP_LOGIN_KEY)) {
    offerNewBackupCodes(me);
  }
  await showContact($('contact'), me.contact);
} catch (error) {
  say(errorRegion, error.message);
  await showContact($('contact'));
}
