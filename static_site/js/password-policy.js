// The password rules, explained and checked the same way wherever a password is chosen
// (activation step 1 and "Wachtwoord herstellen"). The server checks them all again.

import { say, showFieldError } from './ui.js';

const PASSWORD_MIN = 12;
const PASSWORD_MAX = 128;
const RULES = [
  `is minstens ${PASSWORD_MIN} en hoogstens ${PASSWORD_MAX} tekens lang;`,
  'is geen veelgebruikt of makkelijk te raden wachtwoord;',
  'bevat uw gebruikersnaam niet, en ook niet uw naam, uw e-mailadres, de naam van uw werkgever of woorden '
    + 'als ‘verzuim’, ‘portaal’ of ‘wachtwoord’.',
];

function textElement(tag, text, attributes = {}) {
  const element = document.createElement(tag);
  Object.assign(element, attributes);
  element.textContent = text;
  return element;
}

/**
 * Fills `container` with the rules. Password inputs refer to them with
 * aria-describedby="password-policy password-rules".
 */
export function explainPasswordPolicy(container) {
  const rules = document.createElement('ul');
  rules.id = 'password-rules';
  rules.className = 'policy';
  rules.append(...RULES.map((rule) => textElement('li', rule)));
  container.replaceChildren(
    textElement('p', 'Uw wachtwoord:', { id: 'password-policy' }),
    rules,
    textElement('p', 'Tip: een zin van een paar woorden is prima en makkelijk te onthouden. Hoofdletters, '
      + 'cijfers of leestekens zijn niet verplicht.'),
  );
}

/** Checks the length and the repetition; says what is wrong in `region` and returns false if anything is. */
export function checkNewPassword(region, input, repeat) {
  const length = [...input.value].length;
  let problem = null;
  if (length < PASSWORD_MIN) {
    problem = [input, `Uw wachtwoord is te kort: gebruik minstens ${PASSWORD_MIN} tekens.`];
  } else if (length > PASSWORD_MAX) {
    problem = [input, `Uw wachtwoord is te lang: gebruik hoogstens ${PASSWORD_MAX} tekens.`];
  } else if (repeat.value !== input.value) {
    problem = [repeat, 'De twee wachtwoorden zijn niet gelijk. Typ het wachtwoord nog een keer.'];
  }
  if (!problem) {
    return true;
  }
  say(region, problem[1]);
  showFieldError(...problem);
  problem[0].focus();
  return false;
}
