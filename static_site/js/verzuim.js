// One absence (?id=…): its facts and tasks, and "Herstel melden" while it is open.

import { get } from './api.js';
import { startSignedInPage } from './signed-in.js';
import { say } from './ui.js';
import { employeeName, loadEmployees, loadTaskGuide, showAbsence } from './workspace.js';

const $ = (id) => document.getElementById(id);
const errorRegion = $('page-error');

try {
  await startSignedInPage(errorRegion);
  const id = new URLSearchParams(window.location.search).get('id') || '';
  if (!id) {
    say(errorRegion, 'Er is geen ziekmelding gekozen. Ga terug naar home en kies een taak.');
  } else {
    const [absence, { byId }] = await Promise.all([
      get(`/api/absences/${encodeURIComponent(id)}`, { session: true }), loadEmployees(), loadTaskGuide()]);
    const employee = byId.get(absence.employee_id);
    const name = employee ? employeeName(employee) : 'onbekende medewerker';
    document.title = `Verzuim van ${name} – Verzuimportaal`;
    showAbsence($('absence'), absence, name, $('page-status'));
  }
} catch (error) {
  say(errorRegion, error.message);
}
