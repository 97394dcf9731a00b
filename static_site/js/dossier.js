// The dossier of one employee (?id=…): GET /api/employees/{id}/dossier — details, every absence with its
// tasks (open first, then newest first), the zwangerschaps- en bevallingsverlof (verlof.js) and the timeline. Every value is set as text, never as HTML.

import { ApiError, get } from './api.js';
import { startSignedInPage } from './signed-in.js';
import { link, onSubmit, say, showError } from './ui.js';
import {
  canReopen, dutchDate, element, finishAction, labelledCell, loadDepartments, loadTaskGuide, reopenAction, taskItem,
  todayIso,
} from './workspace.js';
import { showLeaves, wireLeaveForm } from './verlof.js';

const $ = (id) => document.getElementById(id);
const errorRegion = $('page-error');
const status = $('page-status');
const NOT_FOUND = 'Deze medewerker bestaat niet, of u heeft geen toegang tot dit dossier. '
  + 'Zoek de medewerker opnieuw via Dossier zoeken.';

/** A message that ends the page: nothing else is shown, only the way back to Dossier zoeken. */
function fail(message) {
  for (const id of ['employee-section', 'absences-section', 'leave-section', 'timeline-section']) {
    $(id).hidden = true;
  }
  say(errorRegion, message);
  const back = element('p');
  back.append(link('/dossier-zoeken.html', 'Naar Dossier zoeken'));
  errorRegion.append(back);
  $('page-title').focus();
}

/** "32" or "32,5" uur per week. */
function hours(value) {
  return `${String(Number(value)).replace('.', ',')} uur per week`;
}

/** Afdeling sinds …, and where the employee was before (newest first), when the employer has departments. */
function addDepartment(list, employee, names) {
  if (!employee.department_id && !employee.department_history.length) {
    return;
  }
  const name = (id) => names.get(id) || 'Onbekende afdeling';
  const current = element('dd', employee.department_id
    ? `${name(employee.department_id)}, sinds ${dutchDate(employee.department_since)}` : 'Niet ingevuld');
  list.append(element('dt', 'Afdeling'), current);
  if (employee.department_history.length) {
    const earlier = element('ul', null, 'plain-list');
    for (const step of [...employee.department_history].reverse()) {
      earlier.append(element('li', `${name(step.department_id)}, van ${dutchDate(step.from_date)} `
        + `tot en met ${dutchDate(step.until)}`));
    }
    const dd = element('dd');
    dd.append(earlier);
    list.append(element('dt', 'Eerdere afdelingen'), dd);
  }
}

function showEmployee(employee, openAbsence, departmentNames) {
  const list = $('employee');
  const add = (term, value) => list.append(element('dt', term), element('dd', value || 'Niet ingevuld'));
  list.replaceChildren();
  add('Naam', employee.display_name);
  add('Personeelsnummer', employee.personnel_number);
  addDepartment(list, employee, departmentNames);
  add('Geboortedatum', dutchDate(employee.date_of_birth));
  add('In dienst sinds', dutchDate(employee.start_date));
  if (employee.end_date) {
    add('Uit dienst per', dutchDate(employee.end_date));
  }
  add('Contracturen', hours(employee.contract_hours));
  add('Telefoon werk', employee.work_phone);
  add('E-mail werk', employee.work_email);
  const actions = $('employee-actions');
  const employed = !employee.end_date || employee.end_date >= todayIso();
  actions.replaceChildren();
  if (!openAbsence && employed) {
    const sick = link(`/ziek-melden.html?medewerker=${encodeURIComponent(employee.employee_id)}`, 'Ziek melden');
    sick.className = 'button';
    actions.append(sick);
  }
  const edit = link(`/medewerker-toevoegen.html?id=${encodeURIComponent(employee.employee_id)}`, 'Gegevens wijzigen');
  edit.className = 'button button--secondary';
  actions.append(edit);
  actions.hidden = !actions.childElementCount;
  $('employee-section').hidden = false;
}

/**
 * One task as on the absence page: open ones with "Afronden" (date and note), done ones with who, when and the
 * note, and "Heropenen" while the case is open and the period allows it.
 */
function dossierTask(task, absence, reload, heading = 'absences-title') {
  const reloaded = async (message) => {
    if (await reload()) {
      if (message) {
        say(status, message);
      }
      $(heading).focus();
    }
  };
  return taskItem(task, {
    overdue: task.overdue,
    extra: (item) => {
      if (task.status === 'open') {
        item.append(finishAction(task, {
          onDone: (_, answer) => reloaded(answer
            ? `De taak "${task.title}" is afgerond op ${dutchDate(answer.done_on)}.` : null),
        }));
      } else if (absence.status === 'open' && canReopen(task)) {
        item.append(reopenAction(task, (_, error) => {
          say($('tasks-error'), error ? error.message : '');
          return reloaded(error ? null : `De taak "${task.title}" staat weer open.`);
        }));
      }
    },
  });
}

function taskList(heading, tasks, absence, reload) {
  const list = element('ul', null, 'tasks');
  list.append(...tasks.map((task) => dossierTask(task, absence, reload)));
  return [element('h4', heading), list];
}

function showAbsence(absence, reload) {
  const article = element('article', null, 'absence');
  article.append(element('h3', absence.status === 'open' ? `Ziek sinds ${dutchDate(absence.first_sick_day)}`
    : `Verzuim van ${dutchDate(absence.first_sick_day)} tot ${dutchDate(absence.recovered_on)}`));
  const facts = element('dl', null, 'facts');
  const add = (term, value) => facts.append(element('dt', term), element('dd', value));
  add('Eerste ziektedag', dutchDate(absence.first_sick_day));
  add('Status', absence.status === 'open' ? 'Ziek' : `Hersteld op ${dutchDate(absence.recovered_on)}`);
  for (const step of absence.recovery_steps || []) {
    add('Gedeeltelijk hersteld', `${step.percentage}% vanaf ${dutchDate(step.from_date)}`);
  }
  article.append(facts);
  if (absence.status === 'open') {
    const more = element('p');
    more.append(link(`/verzuim.html?id=${encodeURIComponent(absence.absence_id)}`, 'Verzuim bekijken'),
      ' (herstel melden, eerste ziektedag corrigeren)');
    article.append(more);
  }
  const byDue = (a, b) => a.due.localeCompare(b.due);
  const open = (absence.tasks || []).filter((t) => t.status === 'open').sort(byDue);
  const finished = (absence.tasks || []).filter((t) => t.status !== 'open').sort(byDue);
  if (open.length) {
    article.append(...taskList('Openstaande taken', open, absence, reload));
  }
  if (finished.length) {
    article.append(...taskList('Afgeronde en vervallen taken', finished, absence, reload));
  }
  if (!open.length && !finished.length) {
    article.append(element('p', 'Geen taken.'));
  }
  return article;
}

function showTimeline(timeline) {
  $('timeline').replaceChildren(...timeline.map((entry) => {
    const item = element('li');
    const when = element('time', dutchDate(entry.date));
    when.dateTime = entry.date;
    item.append(when, `: ${entry.event}`);
    return item;
  }));
  $('timeline-empty').hidden = timeline.length > 0;
  $('timeline-section').hidden = false;
}

let departmentNames = new Map();

function show(dossier, reload) {
  const name = dossier.employee.display_name;
  $('page-title').textContent = `Dossier van ${name}`;
  document.title = `Dossier van ${name} – Verzuimportaal`;
  // The open absence first (there is at most one), then the others newest first.
  const absences = [...dossier.absences].sort((a, b) => (b.status === 'open') - (a.status === 'open')
    || b.first_sick_day.localeCompare(a.first_sick_day));
  const open = absences.find((a) => a.status === 'open');
  showEmployee(dossier.employee, open, departmentNames);
  $('absences').replaceChildren(...absences.map((absence) => showAbsence(absence, reload)));
  $('absences-empty').hidden = absences.length > 0;
  $('absences-section').hidden = false;
  showLeaves(dossier, {
    sick: Boolean(open),
    task: (task) => dossierTask(task, { status: 'open' }, reload, 'leave-title'),
    reload,
  });
  showTimeline(dossier.timeline);
}

const WHEN = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

/** "Wie heeft dit dossier ingezien of gewijzigd?" (GET /api/employees/{id}/access-log), for a verzuimbeheerder. */
async function showAccessLog(id) {
  const form = $('access-form');
  const query = new URLSearchParams();
  for (const name of ['van', 'tot']) {
    const value = form.elements.namedItem(name).value;
    if (value) {
      query.set(name, value);
    }
  }
  const suffix = query.toString() ? `?${query}` : '';
  const log = await get(`/api/employees/${encodeURIComponent(id)}/access-log${suffix}`, { session: true });
  form.elements.namedItem('van').value = log.van;
  form.elements.namedItem('tot').value = log.tot;
  $('access-entries').replaceChildren(...log.entries.map((entry) => {
    const row = element('tr');
    row.append(labelledCell('Datum en tijd', WHEN.format(new Date(entry.at))), labelledCell('Wie', entry.who),
      labelledCell('Wat', entry.what));
    return row;
  }));
  $('access-table').hidden = log.entries.length === 0;
  $('access-csv').href = `/api/employees/${encodeURIComponent(id)}/access-log.csv?van=${log.van}&tot=${log.tot}`;
  const count = log.entries.length === 1 ? '1 keer' : `${log.entries.length} keer`;
  $('access-status').textContent = (log.entries.length
    ? `${count} ingezien of gewijzigd van ${dutchDate(log.van)} tot en met ${dutchDate(log.tot)}`
      + `${log.complete ? '.' : ' (de nieuwste 500; kies een kortere periode voor de rest).'}`
    : `Niemand heeft dit dossier ingezien of gewijzigd van ${dutchDate(log.van)} tot en met ${dutchDate(log.tot)}.`);
  // (a plain paragraph, not a live region: the page's own status speaks for what the user just did)
  $('access-section').hidden = false;
}

try {
  const me = await startSignedInPage(errorRegion);
  const id = new URLSearchParams(window.location.search).get('id') || '';
  if (!id) {
    fail('Er is geen medewerker gekozen. Zoek de medewerker via Dossier zoeken.');
  } else {
    const load = () => get(`/api/employees/${encodeURIComponent(id)}/dossier`, { session: true });
    /** After a task was finished or reopened: the dossier again; false (with the reason shown) when it could not be loaded. */
    const reload = async () => {
      try {
        show(await load(), reload);
        return true;
      } catch (error) {
        say($('tasks-error'), `Het dossier kon niet opnieuw worden geladen. ${error.message}`);
        return false;
      }
    };
    let dossier;
    try {
      let departments;
      [dossier, departments] = await Promise.all([load(), loadDepartments(), loadTaskGuide()]);
      departmentNames = departments.names;
    } catch (error) {
      fail(error instanceof ApiError && error.status === 404 ? NOT_FOUND : error.message);
    }
    if (dossier) {
      show(dossier, reload);
      wireLeaveForm(id, { reload, status });
      if (me.employer_role === 'verzuimbeheerder') {
        $('access-section').hidden = false;
        onSubmit($('access-form'), async () => {
          say($('access-error'), '');
          try {
            await showAccessLog(id);
          } catch (error) {
            showError($('access-error'), error, $('access-form'));
          }
        });
        await showAccessLog(id).catch((error) => say($('access-error'), error.message));
      }
    }
  }
} catch (error) {
  fail(error.message);
}
