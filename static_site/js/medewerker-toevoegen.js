// Medewerker toevoegen: POST /api/employees. With ?id=…: "Gegevens wijzigen" of that employee, with
// "Datum uit dienst", through PUT /api/employees/{id}. Once the employer has afdelingen (GET /api/departments), the
// "Afdeling of team" is one of them and required; choosing another one when editing moves the employee from today
// on (the dossier keeps the earlier one). Every missing field, and every field the API refuses (a 422
// names them all), is listed in the error summary at the top and shown next to its field.

import { get, post, put } from './api.js';
import { startSignedInPage } from './signed-in.js';
import { onSubmit, requireFilled, say, shortDate, showError } from './ui.js';
import { employeeName, loadDepartments, todayIso } from './workspace.js';

const $ = (id) => document.getElementById(id);
const errorRegion = $('page-error');
const status = $('page-status');
const form = $('employee-form');
const FIELDS = ['first_name', 'infix', 'last_name', 'personnel_number', 'date_of_birth', 'start_date',
  'contract_hours', 'work_phone', 'work_email'];
const OPTIONAL = ['infix', 'work_phone', 'work_email', 'end_date'];
const field = (name) => form.elements.namedItem(name);
/** What to do when a required field is empty. */
const REQUIRED = {
  first_name: 'Vul de voornaam of voorletters in, bijvoorbeeld Jan of J.P.',
  last_name: 'Vul de achternaam in, zonder tussenvoegsel.',
  personnel_number: 'Vul het personeelsnummer in, bijvoorbeeld 1001.',
  date_of_birth: 'Vul de geboortedatum in, bijvoorbeeld 12-04-1980.',
  start_date: 'Vul de datum in dienst in, bijvoorbeeld 01-03-2015.',
  contract_hours: 'Vul het aantal contracturen per week in, bijvoorbeeld 32 of 32,5.',
  // Only while the field is shown: requireFilled passes over a hidden one.
  department_id: 'Kies de afdeling of het team van de medewerker.',
};
const MOVE_HINT = 'Kiest u een andere afdeling of team, dan hoort de medewerker daar vanaf vandaag bij. '
  + 'De vorige afdeling blijft in het dossier staan.';

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
  // Sent only while the employer has departments; an edit without a choice leaves the department as it is.
  const department = field('department_id').value;
  if (!$('department-field').hidden && department) {
    data.department_id = department;
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
  field('department_id').value = employee.department_id ?? '';
  $('department-hint').textContent = MOVE_HINT;
}

/** "Afdeling of team", when the employer has any: each afdeling and each team by its full name. */
function showDepartments(departments) {
  const select = field('department_id');
  select.append(...departments.map((d) => new Option(d.full_name, d.department_id)));
  $('department-field').hidden = departments.length === 0;
}

try {
  await startSignedInPage(errorRegion);
  field('date_of_birth').max = todayIso();
  field('date_of_birth').dataset.maxMessage = `De geboortedatum kan niet na vandaag liggen (${shortDate(todayIso())}). `
    + 'Controleer het jaar.';
  const id = new URLSearchParams(window.location.search).get('id');
  showDepartments((await loadDepartments()).departments);
  if (id) {
    await startEditing(id);
  }
  onSubmit(form, async () => {
    say(errorRegion, '');
    say(status, '');
    if (!requireFilled(errorRegion, Object.entries(REQUIRED).map(([name, message]) => [field(name), message]))) {
      return;
    }
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
