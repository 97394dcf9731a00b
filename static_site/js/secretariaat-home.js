// Home of the secretariat: what needs its attention (blocked accounts, invitations that expired or soon will, new
// mobile numbers not yet confirmed), each user a link to Beheer where the action is, and "Gebruiker zoeken".

import { get } from './api.js';
import { element } from './workspace.js';

const when = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam', dateStyle: 'medium', timeStyle: 'short',
});

function invitationText(user) {
  const expires = user.invitation_expires_at ? new Date(user.invitation_expires_at) : null;
  if (!expires || Number.isNaN(expires.getTime())) {
    return 'Uitnodiging nog niet gebruikt.';
  }
  return expires < new Date() ? `Uitnodiging verlopen op ${when.format(expires)}.`
    : `Uitnodiging verloopt op ${when.format(expires)}.`;
}

const LISTS = [
  {
    key: 'blocked',
    title: 'Geblokkeerde accounts',
    empty: 'Er zijn geen geblokkeerde accounts.',
    detail: () => 'Te vaak een verkeerd wachtwoord of verkeerde code.',
    action: 'Deblokkeren',
  },
  {
    key: 'invitations',
    title: 'Uitnodigingen verlopen of bijna verlopen',
    empty: 'Er zijn geen verlopen uitnodigingen.',
    detail: invitationText,
    action: 'Nieuwe uitnodiging sturen',
  },
  {
    key: 'phones',
    title: 'Mobiel nummer nog niet bevestigd',
    empty: 'Er zijn geen mobiele nummers die op bevestiging wachten.',
    detail: (user) => `Nieuw nummer${user.phone_hint ? ` eindigt op ${user.phone_hint.slice(-2)}` : ''}; `
      + 'de gebruiker bevestigt het met een SMS-code bij de volgende keer inloggen.',
    action: 'Bekijken of opnieuw resetten',
  },
];

function attentionItem(user, list) {
  const item = element('li');
  const link = element('a', `${user.name}: ${list.action}`);
  link.href = `/admin.html?zoek=${encodeURIComponent(user.username)}`;
  const who = element('span', `${user.username} · ${user.employer_name}`, 'pending');
  item.append(link, who, element('span', list.detail(user), 'pending'));
  return item;
}

function attentionList(list, answer) {
  const section = element('section', null, 'attention');
  const titleId = `attention-${list.key}-title`;
  section.setAttribute('aria-labelledby', titleId);
  const count = answer.more ? `${answer.count}+` : String(answer.count);
  const title = element('h3', `${list.title} (${count})`);
  title.id = titleId;
  section.append(title);
  if (answer.users.length === 0) {
    section.append(element('p', list.empty));
    return section;
  }
  const items = element('ul', null, 'attention-list');
  items.append(...answer.users.map((user) => attentionItem(user, list)));
  section.append(items);
  if (answer.more) {
    section.append(element('p', `Er zijn er meer dan ${answer.count}. Zoek een gebruiker in Beheer.`));
  }
  return section;
}

function searchPanel() {
  const panel = element('section', null, 'panel');
  panel.setAttribute('aria-labelledby', 'home-search-title');
  const title = element('h2', 'Gebruiker zoeken');
  title.id = 'home-search-title';
  // A plain GET form: Beheer reads ?zoek= and searches at once, so this works before any script of Beheer runs.
  const form = element('form');
  form.action = '/admin.html';
  form.method = 'get';
  form.setAttribute('role', 'search');
  form.setAttribute('aria-labelledby', 'home-search-title');
  const field = element('div', null, 'field');
  const label = element('label', 'Naam, gebruikersnaam of e-mailadres');
  label.htmlFor = 'home-search-query';
  const hint = element('p', 'Zoekt bij alle werkgevers; een deel van de naam is genoeg.', 'hint');
  hint.id = 'home-search-hint';
  const input = element('input');
  Object.assign(input, { id: 'home-search-query', name: 'zoek', type: 'search', autocomplete: 'off',
    spellcheck: false });
  input.setAttribute('aria-describedby', 'home-search-hint');
  const button = element('button', 'Zoeken', 'button');
  button.type = 'submit';
  field.append(label, hint, input);
  form.append(field, button);
  panel.append(title, form);
  return panel;
}

/** Shows the secretariat's home in `container`. */
export async function showSecretariatHome(container) {
  const attention = await get('/api/admin/attention', { session: true });
  const panel = element('section', null, 'panel');
  panel.setAttribute('aria-labelledby', 'attention-title');
  const title = element('h2', 'Wat vraagt uw aandacht?');
  title.id = 'attention-title';
  panel.append(title, ...LISTS.map((list) => attentionList(list, attention[list.key])));
  const beheer = element('p');
  const link = element('a', 'Naar Beheer: werkgevers, gebruikers en uitnodigingen');
  link.href = '/admin.html';
  beheer.append(link);
  panel.append(beheer);
  container.replaceChildren(searchPanel(), panel);
  container.hidden = false;
}
