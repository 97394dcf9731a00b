// Medewerker toevoegen: POST /api/employees. With ?id=…: "Gegevens wijzigen" of that employee, with
// "Datum uit dienst", through PUT /api/employees/{id}. A 422 is shown next to the field the API names.

import { get, post, put } from './api.js';
import { startSignedInPage } from './signed-in.js';
import { onSubmit, say, showError } from './ui.js';
import { employeeName, todayIso } from './workspace.js';

const $ = (id) => document.getElementById(id);
const errorRegion = $('page-error');
const status = $('page-status');
const form = $('employee-form');
const FIELDS = ['first_name', 'infix', 'last_name', 'personnel_number', 'date_of_birth', 'start_date',
  'contract_hours', 'work_phone', 'work_email'];
const OPTIONAL = ['infix', 'work_phone', 'work_email', 'end_date'];
const field = (name) => form.elements.namedItem(name);

/** The form's values; in edit mode an emptied optional field is sent as null, so it is cleared. */
function formData(editing) {
  const data = {};
  for (const name of editing ? [...FIELDS, 'end_date'] : FIELDS) {
    const value = field(name).value.trim();
    if (value) {
      data[name] = value;
    } else if (editing && OPTIONAL.includes(name)) {
      data[name] = null;
    }
  }
  return data;
}

async function startEditing(id) {
  const employee = await get(`/api/employees/${encodeURIComponent(id)}`, { session: true });
  const name = employeeName(employee);
  document.title = `Gegevens wijzigen – ${name} – Verzuimportaal`;
  $('page-title').textContent = `Gegevens wijzigen: ${name}`;
  $('submit').textContent = 'Wijzigingen opslaan';
  $('end-date-field').hidden = false;
  $('back').href = `/dossier.html?id=${encodeURIComponent(id)}`;
  $('back').textContent = 'Terug naar het dossier';
  for (const name of [...FIELDS, 'end_date']) {
    field(name).value = employee[name] ?? '';
  }
}

try {
  await startSignedInPage(errorRegion);
  field('date_of_birth').max = todayIso();
  const id = new URLSearchParams(window.location.search).get('id');
  if (id) {
    await startEditing(id);
  }
  onSubmit(form, async () => {
    say(errorRegion, '');
    say(status, '');
    let employee;
    try {
      employee = id
        ? await put(`/api/employees/${encodeURIComponent(id)}`, formData(true), { session: true })
        : await post('/api/employees', formData(false), { session: true });
    } catch (error) {
      showError(errorRegion, error, form);
      return;
    }
    if (id) {
      say(status, `De gegevens van ${employeeName(employee)} zijn opgeslagen.`);
      $('page-title').focus();
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
  say(errorRegion, error.status === 404 ? 'Deze medewerker bestaat niet, of u heeft er geen toegang toe.'
    : error.message);
}
