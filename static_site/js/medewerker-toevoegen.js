// Medewerker toevoegen: POST /api/employees; a 422 is shown next to the field the API names.

import { post } from './api.js';
import { startSignedInPage } from './signed-in.js';
import { onSubmit, say, showError } from './ui.js';
import { employeeName, todayIso } from './workspace.js';

const $ = (id) => document.getElementById(id);
const errorRegion = $('page-error');
const status = $('page-status');
const form = $('employee-form');
const FIELDS = ['first_name', 'infix', 'last_name', 'personnel_number', 'date_of_birth', 'start_date',
  'contract_hours', 'work_phone', 'work_email'];

try {
  await startSignedInPage(errorRegion);
  form.elements.namedItem('date_of_birth').max = todayIso();
  onSubmit(form, async () => {
    say(errorRegion, '');
    say(status, '');
    const data = {};
    for (const name of FIELDS) {
      const value = form.elements.namedItem(name).value.trim();
      if (value) {
        data[name] = value;
      }
    }
    let employee;
    try {
      employee = await post('/api/employees', data, { session: true });
    } catch (error) {
      showError(errorRegion, error, form);
      return;
    }
    form.reset();
    form.hidden = true;
    $('added-sick-link').href = `/ziek-melden.html?medewerker=${encodeURIComponent(employee.employee_id)}`;
    $('added-sick-link').textContent = `Ziek melden`;
    $('added').hidden = false;
    say(status, `Medewerker ${employeeName(employee)} is toegevoegd.`);
    $('page-title').focus();
  });
  form.hidden = false;
} catch (error) {
  say(errorRegion, error.message);
}
