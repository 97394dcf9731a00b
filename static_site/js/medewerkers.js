// Medewerkers: the employer's employees by name, 50 at a time (GET /api/employees?filter=…&cursor=…), with the
// filters Alle, Ziek, Niet ziek and Uit dienst. Each name links to the dossier; "Meer tonen" adds the next page.
// Each row names the employee's afdeling or team (GET /api/departments once, for their names).

import { get } from './api.js';
import { startSignedInPage } from './signed-in.js';
import { link, say } from './ui.js';
import { dutchDate, element, loadDepartments } from './workspace.js';

const $ = (id) => document.getElementById(id);
const errorRegion = $('page-error');
const status = $('page-status');
const more = $('more');

const FILTERS = {
  alle: { title: 'Alle medewerkers', empty: 'Er staan nog geen medewerkers in het portaal. Voeg uw eerste medewerker toe; daarna kunt u hem of haar ziek melden.' },
  ziek: { title: 'Medewerkers die ziek zijn', empty: 'Er is op dit moment niemand ziek gemeld.' },
  niet_ziek: { title: 'Medewerkers die niet ziek zijn', empty: 'Alle medewerkers zijn op dit moment ziek gemeld.' },
  uit_dienst: { title: 'Medewerkers uit dienst', empty: 'Er zijn geen medewerkers van wie de datum uit dienst voorbij is.' },
};

let chosen = 'alle';
let cursor = null;
let shown = 0;
let departmentNames = new Map();

function statusText(employee) {
  const parts = [employee.absent ? 'Ziek gemeld' : 'Niet ziek gemeld'];
  if (employee.uit_dienst) {
    parts.push(`uit dienst sinds ${dutchDate(employee.end_date)}`);
  }
  return `${parts.join(', ')}.`;
}

function row(employee) {
  const item = element('li', null, employee.absent ? 'task task--overdue' : 'task');
  item.dataset.employee = employee.employee_id;
  const title = element('strong', null, 'task__title');
  title.append(link(`/dossier.html?id=${encodeURIComponent(employee.employee_id)}`, employee.display_name));
  item.append(title, element('span', `Personeelsnummer ${employee.personnel_number}`, 'task__line'));
  if (employee.department_id && departmentNames.has(employee.department_id)) {
    item.append(element('span', `Afdeling: ${departmentNames.get(employee.department_id)}`, 'task__line'));
  }
  item.append(element('span', statusText(employee), 'task__line'));
  return item;
}

async function loadPage(first) {
  say(errorRegion, '');
  const query = new URLSearchParams({ filter: chosen });
  if (!first && cursor) {
    query.set('cursor', cursor);
  }
  more.disabled = true;
  let page;
  try {
    page = await get(`/api/employees?${query}`, { session: true });
  } catch (error) {
    say(errorRegion, error.message);
    more.disabled = false;
    return;
  }
  const rows = page.employees.map(row);
  if (first) {
    $('employees').replaceChildren(...rows);
    shown = 0;
  } else {
    $('employees').append(...rows);
  }
  shown += rows.length;
  cursor = page.next_cursor;
  more.hidden = !cursor;
  more.disabled = false;
  $('empty').hidden = shown > 0 || Boolean(cursor);
  $('empty-text').textContent = FILTERS[chosen].empty;
  $('employees').hidden = shown === 0;
  // Nothing found is explained in the neutral box above, not announced as an outcome.
  const count = shown === 1 ? '1 medewerker' : `${shown} medewerkers`;
  say(status, shown ? `${count} getoond${cursor ? '; er zijn er meer' : ''}.` : '');
  if (!first && rows.length) {
    rows[0].querySelector('a').focus();
  }
}

function choose(filter) {
  chosen = Object.hasOwn(FILTERS, filter) ? filter : 'alle';
  for (const button of document.querySelectorAll('[data-filter]')) {
    button.setAttribute('aria-pressed', String(button.dataset.filter === chosen));
  }
  $('list-title').textContent = FILTERS[chosen].title;
  const address = chosen === 'alle' ? window.location.pathname : `${window.location.pathname}?filter=${chosen}`;
  window.history.replaceState(null, '', address);
}

try {
  await startSignedInPage(errorRegion);
  departmentNames = (await loadDepartments()).names;
  for (const button of document.querySelectorAll('[data-filter]')) {
    button.addEventListener('click', async () => {
      choose(button.dataset.filter);
      await loadPage(true);
    });
    button.disabled = false;
  }
  more.addEventListener('click', () => loadPage(false));
  $('filters').hidden = false;
  $('list-section').hidden = false;
  choose(new URLSearchParams(window.location.search).get('filter'));
  await loadPage(true);
} catch (error) {
  say(errorRegion, error.message);
}
