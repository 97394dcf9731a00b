// Home screen of a signed-in user.

import { get, post } from './api.js';
import { showBackupCodes } from './backup-codes.js';
import { ReauthCancelled, withReauth } from './reauth.js';
import { showSecretariatHome } from './secretariaat-home.js';
import { startSignedInPage } from './signed-in.js';
import { BACKUP_LOGIN_KEY, backupCodesLeft, link, onSubmit, say, sayNeutral, showContact } from './ui.js';
import { dutchDate, element, finishAction, loadTaskGuide, reopenTask, taskItem } from './workspace.js';

const $ = (id) => document.getElementById(id);
const LOW_BACKUP_CODES = 3;
const errorRegion = $('page-error');

function showBackupCodesLeft(me) {
  const left = me.backup_codes_left;
  $('backup-login-text').textContent = `U bent ingelogd met een back-up code. ${backupCodesLeft(left)}`;
  $('backup-low-text').textContent = backupCodesLeft(left);
  $('backup-low-title').textContent = left === 0 ? 'Geen back-up codes meer' : 'Bijna geen back-up codes meer';
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

const VIEWS = ['nu', 'te-laat', 'deze-week', 'alles'];
const home = { view: 'nu', cases: [], cursor: null, answer: null, request: 0 };

function countText(counts, view) {
  const key = view.replace('-', '_');
  const count = counts[key];
  return key !== 'alles' && !counts.complete && count >= counts.limit ? `${count}+` : String(count);
}

function introText(answer) {
  switch (answer.view) {
    case 'te-laat':
      return 'Taken waarvan de uiterste datum voorbij is.';
    case 'deze-week':
      return `Taken die uiterlijk zondag ${dutchDate(answer.week_end)} klaar moeten zijn.`;
    case 'alles':
      return 'Alle openstaande taken van alle ziekmeldingen, de eerstvolgende eerst.';
    default:
      return `Taken die te laat zijn of uiterlijk ${dutchDate(answer.horizon_end)} klaar moeten zijn (de komende `
        + `${answer.horizon_weeks} weken). De latere taken van een ziekmelding staan op de pagina van die ziekmelding.`;
  }
}

function emptyText(answer) {
  if (answer.counts.alles === 0) {
    return 'Er zijn geen openstaande taken. Meldt u een medewerker ziek, dan verschijnen hier de taken.';
  }
  switch (answer.view) {
    case 'te-laat':
      return 'Er zijn geen taken te laat.';
    case 'deze-week':
      return 'Er zijn deze week geen taken. Kies "Nu te doen" voor de taken van de komende weken.';
    default:
      return `Er zijn geen taken die te laat zijn of in de komende ${answer.horizon_weeks} weken moeten gebeuren. `
        + 'Kies "Alles" om de latere taken te zien.';
  }
}

/** The page's cases, the next page's merged in: a case that ran past a page continues in its own group. */
function merge(cases, more) {
  const byId = new Map(cases.map((c) => [c.absence_id, { ...c, tasks: [...c.tasks] }]));
  for (const next of more) {
    const known = byId.get(next.absence_id);
    if (known) {
      known.tasks.push(...next.tasks);
    } else {
      byId.set(next.absence_id, { ...next, tasks: [...next.tasks] });
    }
  }
  return [...byId.values()];
}

function groupCount(tasks) {
  const late = tasks.filter((t) => t.overdue).length;
  const all = `${tasks.length} ${tasks.length === 1 ? 'taak' : 'taken'}`;
  return late ? `${all}, waarvan ${late} te laat` : all;
}

function caseGroup(group) {
  const section = element('section', null, 'case');
  const heading = element('h3', null, 'case__title');
  heading.id = `zaak-${group.absence_id}`;
  section.setAttribute('aria-labelledby', heading.id);
  const leave = group.kind === 'verlof';
  const page = leave
    ? `/dossier.html?id=${encodeURIComponent(group.employee_id)}#verlof-${encodeURIComponent(group.absence_id)}`
    : `/verzuim.html?id=${encodeURIComponent(group.absence_id)}`;
  heading.append(link(page, group.employee_name), ' ', element('span', groupCount(group.tasks), 'case__count'));
  const list = element('ul', null, 'tasks');
  list.append(...group.tasks.map((task, index) => taskItem(task, {
    overdue: task.overdue,
    label: index === 0 ? 'Volgende stap' : undefined,
    extra: (item) => item.append(finishAction(task, { onDone: finished })),
  })));
  const all = element('p', null, 'case__more');
  all.append(link(page, leave ? `Het zwangerschaps- en bevallingsverlof van ${group.employee_name}`
    : `Alle taken en het verloop van de ziekmelding van ${group.employee_name}`));
  section.append(heading, list, all);
  return section;
}

function showCounts(answer) {
  for (const button of document.querySelectorAll('[data-view]')) {
    const { view } = button.dataset;
    button.setAttribute('aria-pressed', String(view === answer.view));
    button.querySelector('.filter__count').textContent = countText(answer.counts, view);
  }
}

function casesText(count) {
  return count === 1 ? '1 dossier' : `${count} dossiers`;
}

/** The RIV-check over all open cases: how many miss a document UWV will look for, and the longest-missing. */
function showRiv(riv) {
  const count = riv.complete ? String(riv.count) : `${riv.count}+`;
  $('riv-text').textContent = riv.count === 0
    ? 'Alle dossiers van zieke medewerkers bevatten tot nu toe de documenten die UWV bij de WIA-aanvraag zoekt.'
    : `In ${riv.complete ? casesText(riv.count) : `${count} dossiers`} van zieke medewerkers ontbreekt een document `
      + 'dat UWV bij de WIA-aanvraag zoekt. Open het dossier: de re-integratieverslag-check zegt wat er ontbreekt '
      + 'en wat u kunt doen.';
  $('riv-cases').replaceChildren(...riv.cases.map((gap) => {
    const item = element('li', null, 'riv-cases__item');
    item.append(link(`/verzuim.html?id=${encodeURIComponent(gap.absence_id)}#riv-section`, gap.employee_name),
      ` — ontbreekt sinds ${dutchDate(gap.since)}`);
    return item;
  }));
  const more = riv.count - riv.cases.length;
  $('riv-more').hidden = more <= 0;
  $('riv-more').textContent = more > 0 ? `En ${riv.complete ? casesText(more) : 'nog meer dossiers'}. Zoek ze via `
    + 'Dossier zoeken of de taken hierboven.' : '';
  $('riv').hidden = false;
}

/** GET /api/tasks for the chosen view: counts, then the first page (or the next one, `more`). */
async function showTasks({ more = false } = {}) {
  const problem = $('tasks-error');
  const params = new URLSearchParams({ view: home.view });
  if (more && home.cursor) {
    params.set('cursor', home.cursor);
  }
  // Only the answer to the latest request is shown: a filter chosen while an earlier list loads wins.
  home.request += 1;
  const request = home.request;
  let answer;
  try {
    answer = await get(`/api/tasks?${params}`, { session: true });
  } catch (error) {
    if (request === home.request) {
      say(problem, `De taken konden niet worden geladen. ${error.message}`);
    }
    return;
  }
  if (request !== home.request) {
    return;
  }
  home.answer = answer;
  home.cases = more ? merge(home.cases, answer.cases) : answer.cases;
  home.cursor = answer.next_cursor;
  showCounts(answer);
  $('tasks-intro').textContent = introText(answer);
  if (home.cases.length) {
    say($('tasks-empty'), '');
  } else {
    sayNeutral($('tasks-empty'), emptyText(answer));
  }
  $('cases').replaceChildren(...home.cases.map(caseGroup));
  $('tasks-more').hidden = !home.cursor;
  showRiv(answer.riv);
}

/** After Afronden: the list and counts again, and the outcome with "Ongedaan maken" (Heropenen). */
async function finished(task, answer) {
  say($('tasks-error'), '');
  await showTasks();
  $('taken-title').focus();
  if (!answer) {
    return;
  }
  const status = $('tasks-status');
  say(status, `De taak "${task.title}" is afgerond op ${dutchDate(answer.done_on)}.`);
  const undo = element('button', 'Ongedaan maken', 'button button--small button--secondary');
  undo.type = 'button';
  undo.addEventListener('click', () => reopenTask(answer, async (_, error) => {
    if (error) {
      say(status, '');
      say($('tasks-error'), error.message);
      return;
    }
    await showTasks();
    say(status, `De taak "${task.title}" staat weer open.`);
    $('taken-title').focus();
  }));
  status.append(undo);
}

async function showWorkspace() {
  $('functies').hidden = false;
  $('taken').hidden = false;
  for (const button of document.querySelectorAll('[data-view]')) {
    button.addEventListener('click', async () => {
      if (VIEWS.includes(button.dataset.view)) {
        home.view = button.dataset.view;
        say($('tasks-status'), '');
        await showTasks();
      }
    });
  }
  $('tasks-more').addEventListener('click', async (event) => {
    // One page at a time: a second press while the next page loads would ask for the same page again.
    const button = event.currentTarget;
    const before = home.cases.length;
    button.disabled = true;
    try {
      await showTasks({ more: true });
    } finally {
      button.disabled = false;
    }
    const next = $('cases').children[Math.max(0, before - 1)];
    if (next) {
      next.querySelector('a').focus();
    }
  });
  await loadTaskGuide();
  await showTasks();
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
  if (me.role === 'werkgever' && !me.employer) {
    $('no-employer').hidden = false;
  } else if (me.role === 'werkgever') {
    if (!me.has_employees) {
      $('no-data-employer').textContent = me.employer.name;
      $('no-data').hidden = false;
    }
    await showWorkspace();
  } else if (me.role === 'secretariaat') {
    await showSecretariatHome($('secretariaat-home'), me);
  }
  if (me.role !== 'secretariaat') {
    $('vragen').hidden = false;
    await showContact($('contact'), me.contact);
  }
} catch (error) {
  say(errorRegion, error.message);
  $('vragen').hidden = false;
  await showContact($('contact'));
}
