// Ziek melden: POST /api/absences with one Idempotency-Key per shown form, so a retry or a double click
// never reports the same sickness twice. The result shows the tasks and "Herstel melden".
// The first sick day starts as today (in the Netherlands); one more than 6 weeks back is asked about first
// ("Klopt deze datum?"), as it is most often a typing error.

import { post } from './api.js';
import { startSignedInPage } from './signed-in.js';
import { amsterdamToday, onSubmit, requireFilled, say, shortDate, showError } from './ui.js';
import { employeeName, loadEmployees, newRequestKey, showAbsence } from './workspace.js';

const $ = (id) => document.getElementById(id);
const errorRegion = $('page-error');
const status = $('page-status');
const form = $('sick-form');
const submit = $('sick-submit');
const TEXTS = ['contact_address', 'contact_phone', 'expected_duration', 'note'];
const FACTS = ['vangnet', 'pregnancy_related', 'work_accident', 'third_party_liable'];
const ASK_AFTER_DAYS = 42; // 6 weeks
const DAY_MS = 24 * 60 * 60 * 1000;

// Sickness through pregnancy or childbirth falls under the vangnet (Ziektewet art. 29a): that box ticks it too.
$('pregnancy-related').addEventListener('change', (event) => {
  if (event.target.checked) {
    $('vangnet').checked = true;
  }
});

/** Whole days from `iso` to `today` (both yyyy-mm-dd). */
function daysBefore(iso, today) {
  return Math.round((Date.parse(today) - Date.parse(iso)) / DAY_MS);
}

/** "maandag 12 oktober 2026". */
function writtenOut(iso) {
  return new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
    timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

try {
  await startSignedInPage(errorRegion);
  const { employees, byId } = await loadEmployees();
  const select = $('employee');
  for (const employee of employees.filter((e) => !e.end_date || e.end_date >= amsterdamToday())) {
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
  const today = amsterdamToday();
  firstDay.value = today;
  firstDay.max = today;
  firstDay.dataset.maxMessage = `De eerste ziektedag kan niet na vandaag liggen (${shortDate(today)}). Vul vandaag `
    + 'of een eerdere dag in.';
  form.hidden = false;

  // "Klopt deze datum?": asked once per date, before a first sick day more than 6 weeks back is saved.
  const dateCheck = $('date-check');
  let confirmedDay = null;
  const closeDateCheck = () => {
    dateCheck.hidden = true;
    submit.hidden = false;
  };
  const askAboutDate = (day) => {
    const days = daysBefore(day, today);
    const weeks = Math.floor(days / 7);
    $('date-check-text').textContent = `U heeft als eerste ziektedag ${writtenOut(day)} ingevuld. Dat is `
      + `${days % 7 ? 'ruim ' : ''}${weeks} weken geleden. Is de medewerker echt toen ziek geworden?`;
    dateCheck.hidden = false;
    submit.hidden = true;
    $('date-check-title').focus();
  };
  $('date-check-yes').addEventListener('click', () => {
    confirmedDay = firstDay.value;
    closeDateCheck();
    form.requestSubmit();
  });
  $('date-check-change').addEventListener('click', () => {
    closeDateCheck();
    firstDay.focus();
  });
  firstDay.addEventListener('input', () => {
    if (!dateCheck.hidden) {
      closeDateCheck();
    }
  });

  // One key for this form: the same report sent again (retry, double click) answers with the first absence.
  const requestKey = newRequestKey();
  onSubmit(form, async () => {
    say(errorRegion, '');
    say(status, '');
    closeDateCheck();
    if (!requireFilled(errorRegion, [[select, 'Kies de medewerker die ziek is.'],
      [firstDay, `Vul de eerste ziektedag in, bijvoorbeeld ${shortDate(today)}.`]])) {
      return;
    }
    if (daysBefore(firstDay.value, today) > ASK_AFTER_DAYS && confirmedDay !== firstDay.value) {
      askAboutDate(firstDay.value);
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
