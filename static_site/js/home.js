// Home screen of a signed-in user.

import { get, post } from './api.js';
import { showBackupCodes } from './backup-codes.js';
import { ReauthCancelled, withReauth } from './reauth.js';
import { startSignedInPage } from './signed-in.js';
import { BACKUP_LOGIN_KEY, backupCodesLeft, link, onSubmit, say, showContact } from './ui.js';
import { element, employeeName, loadEmployees, loadTaskGuide, taskItem } from './workspace.js';

const $ = (id) => document.getElementById(id);
const LOW_BACKUP_CODES = 3;
const errorRegion = $('page-error');

function showBackupCodesLeft(me) {
  const left = me.backup_codes_left;
  $('backup-login-text').textContent = `U bent ingelogd met een back-up code. ${backupCodesLeft(left)}`;
  $('backup-low-text').textContent = backupCodesLeft(left);
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

/** "Openstaande taken": GET /api/tasks (open, by due date) with the employees' names from one GET /api/employees. */
async function showTasks(employees) {
  const problem = $('tasks-error');
  let tasks;
  try {
    ({ tasks } = await get('/api/tasks', { session: true }));
  } catch (error) {
    say(problem, `De taken konden niet worden geladen. ${error.message}`);
    return;
  }
  tasks.sort((a, b) => a.due.localeCompare(b.due));
  $('tasks-empty').hidden = tasks.length > 0;
  $('tasks').replaceChildren(...tasks.map((task) => {
    const employee = employees.get(task.employee_id);
    return taskItem(task, {
      overdue: task.overdue,
      extra: (item) => {
        const who = element('span', null, 'task__line');
        who.append(link(`/verzuim.html?id=${encodeURIComponent(task.absence_id)}`,
          employee ? employeeName(employee) : 'Onbekende medewerker'));
        item.querySelector('.task__title').after(who);
        const done = element('button', 'Afgerond', 'button button--small button--secondary');
        done.type = 'button';
        done.setAttribute('aria-describedby', `taak-${task.task_id}`);
        done.addEventListener('click', () => markDone(task, employees, done));
        item.append(element('span', null, 'task__actions'));
        item.lastChild.append(done);
      },
    });
  }));
}

async function markDone(task, employees, button) {
  say($('tasks-error'), '');
  say($('tasks-status'), '');
  button.disabled = true;
  try {
    await post(`/api/tasks/${encodeURIComponent(task.task_id)}/done`, {}, { session: true });
  } catch (error) {
    say($('tasks-error'), error.message);
    button.disabled = false;
    if (error.status !== 409) {
      return;
    }
  }
  await showTasks(employees);
  if (!$('tasks-error').textContent) {
    say($('tasks-status'), `De taak "${task.title}" is afgerond.`);
  }
  $('taken-title').focus();
}

async function showWorkspace() {
  $('functies').hidden = false;
  $('taken').hidden = false;
  let employees = new Map();
  const guideLoaded = loadTaskGuide();
  try {
    employees = (await loadEmployees()).byId;
  } catch (error) {
    say($('tasks-error'), `De medewerkers konden niet worden geladen. ${error.message}`);
  }
  await guideLoaded;
  await showTasks(employees);
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
  }
  await showContact($('contact'), me.contact);
} catch (error) {
  say(errorRegion, error.message);
  await showContact($('contact'));
}
