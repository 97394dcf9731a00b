// Dossier zoeken: GET /api/search?q=… (any part of the name, or a personnel number); absent employees first.
// Each name links to its dossier; "Verzuim bekijken" or "Ziek melden" go straight to the next step.

import { get } from './api.js';
import { startSignedInPage } from './signed-in.js';
import { link, onSubmit, requireFilled, say, sayNeutral, showError } from './ui.js';
import { element } from './workspace.js';

const $ = (id) => document.getElementById(id);
const errorRegion = $('page-error');
const status = $('page-status');
const form = $('search-form');

function resultItem(result) {
  const item = element('li', null, result.absent ? 'task task--overdue' : 'task');
  const title = element('strong', null, 'task__title');
  title.append(link(`/dossier.html?id=${encodeURIComponent(result.employee_id)}`, result.display_name),
    ` (${result.personnel_number})`);
  item.append(title);
  const line = element('span', result.absent ? 'Ziek gemeld. ' : 'Niet ziek gemeld. ', 'task__line');
  line.append(result.absent
    ? link(`/verzuim.html?id=${encodeURIComponent(result.open_absence_id)}`, 'Verzuim bekijken')
    : link(`/ziek-melden.html?medewerker=${encodeURIComponent(result.employee_id)}`, 'Ziek melden'));
  item.append(line);
  return item;
}

try {
  await startSignedInPage(errorRegion);
  const query = $('query');
  const search = async () => {
    say(errorRegion, '');
    say(status, '');
    if (!requireFilled(errorRegion, [[query, 'Vul een deel van de naam of het personeelsnummer in, bijvoorbeeld Jansen of 1001.']])) {
      return;
    }
    try {
      const asked = query.value.trim();
      const { results } = await get(`/api/search?q=${encodeURIComponent(asked)}`, { session: true });
      $('results').replaceChildren(...results.map(resultItem));
      $('results-section').hidden = !results.length;
      if (results.length) {
        say(status, results.length === 1 ? '1 medewerker gevonden.' : `${results.length} medewerkers gevonden.`);
      } else {
        sayNeutral(status, `Geen medewerker gevonden voor '${asked}'. Probeer een deel van de naam of het `
          + 'personeelsnummer, of controleer de spelling.');
      }
    } catch (error) {
      showError(errorRegion, error, form);
    }
  };
  onSubmit(form, search);
  form.hidden = false;
  // A search in the address bar (?q=…) runs at once.
  const asked = new URLSearchParams(window.location.search).get('q');
  if (asked) {
    query.value = asked;
    await search();
  }
} catch (error) {
  say(errorRegion, error.message);
}
