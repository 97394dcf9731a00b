// Ziek melden: POST /api/absences with one Idempotency-Key per shown form, so a retry or a double click
// never reports the same sickness twice. The result shows the tasks and "Herstel melden".

import { post } from './api.js';
import { startSignedInPage } from './signed-in.js';
import { onSubmit, requireFilled, say, showError } from './ui.js';
import { employeeName, loadEmployees, newRequestKey, showAbsence, todayIso } from './workspace.js';

const $ = (id) => document.getElementById(id);
const errorRegion = $('page-error');
const status = $('page-status');
const form = $('sick-form');
const submit = $('sick-submit');
const TEXTS = ['contact_address', 'contact_phone', 'expected_duration', 'note'];
const FACTS = ['vangnet', 'work_accident', 'third_party_liable'];

try {
  await startSignedInPage(errorRegion);
  const { employees, byId } = await loadEmployees();
  const select = $('employee');
  for (const employee of employees.filter((e) => !e.end_date || e.end_date >= todayIso())) {
    const option = document.createElement('option');
    option.value = employee.employee_id;
    option.textContent = `${employeeName(employee)} (${employee.personnel_number})`;
    select.append(option);
  }
  const chosen = new URLSearchParams(window.location.search).get('medewerker');
  if (chosen && byId.has(chosen)) {
    select.value = chosen;
  }
  const firstDay = $('first-sick-day');
  firstDay.max = todayIso();
  form.hidden = false;

  // One key for this form: the same report sent again (retry, double click) answers with the first absence.
  const requestKey = newRequestKey();
  onSubmit(form, async () => {
    say(errorRegion, '');
    say(status, '');
    if (!requireFilled(errorRegion, [[select, 'Kies de medewerker die ziek is.'],
      [firstDay, 'Vul de eerste ziektedag in.']])) {
      return;
    }
    const data = { employee_id: select.value, first_sick_day: firstDay.value };
    for (const name of FACTS) {
      data[name] = form.elements.namedItem(name).checked;
    }
    for (const name of TEXTS) {
      const value = form.elements.namedItem(name).value.trim();
      if (value) {
        data[name] = value;
      }
    }
    submit.disabled = true;
    let absence;
    try {
      absence = await post('/api/absences', data, { session: true, headers: { 'Idempotency-Key': requestKey } });
    } catch (error) {
      showError(errorRegion, error, form);
      return;
    } finally {
      submit.disabled = false;
    }
    const employee = byId.get(absence.employee_id);
    form.hidden = true;
    $('sick-result').hidden = false;
    const name = employee ? employeeName(employee) : 'onbekende medewerker';
    showAbsence($('absence'), absence, name, status);
    say(status, `De ziekmelding van ${name} is opgeslagen. Hieronder staan de taken met hun uiterste datum.`);
    $('result-title').focus();
  });
} catch (error) {
  say(errorRegion, error.message);
}
