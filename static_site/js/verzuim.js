// One absence (?id=…): its facts and tasks, "Herstel melden" while it is open, its documents and RIV-check.

import { get } from './api.js';
import { finishWithDocument, showCaseDocuments } from './documents.js';
import { startSignedInPage } from './signed-in.js';
import { say } from './ui.js';
import { element, employeeName, loadEmployees, loadTaskGuide, showAbsence } from './workspace.js';

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
    const status = $('page-status');
    const url = `/api/absences/${encodeURIComponent(id)}`;
    let proves = {};
    const taskExtra = (item, task) => {
      const types = proves[task.task_id];
      if (types) {
        const button = element('button', 'Afronden met document', 'button button--small button--secondary');
        button.type = 'button';
        button.setAttribute('aria-describedby', `taak-${task.task_id}`);
        button.addEventListener('click', () => finishWithDocument(task, types[0]));
        item.querySelector('.task__actions')?.append(' ', button);
      }
    };
    const redraw = async () => {
      const updated = await get(url, { session: true });
      showAbsence($('absence'), updated, name, status, { taskExtra });
      return updated;
    };
    ({ proves } = await showCaseDocuments(absence, status, redraw));
    showAbsence($('absence'), absence, name, status, { taskExtra });
  }
} catch (error) {
  say(errorRegion, error.message);
}
