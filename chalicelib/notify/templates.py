"""Every SMS and email text, in Dutch. Emails carry no personal data beyond what the reader needs."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Email:
    subject: str
    body: str


def _signature(phone: str, email: str) -> str:
    return (f"\n\nMet vriendelijke groet,\nHet secretariaat van De Verzuimmakelaar\n"
            f"Telefoon {phone} · {email}\n")


def sms_login_code(code: str, minutes: int) -> str:
    return f"Uw beveiligingscode voor Verzuimportaal is {code}. De code is {minutes} minuten geldig."


def sms_phone_confirmation(code: str, minutes: int) -> str:
    return (f"Uw code om dit mobiele nummer te bevestigen in Verzuimportaal is {code}. "
            f"De code is {minutes} minuten geldig.")


def invitation(name: str, username: str, link: str, hours: int, phone: str, email: str) -> Email:
    body = (f"Beste {name},\n\n"
            f"Het secretariaat heeft een account voor u aangemaakt in Verzuimportaal.\n"
            f"Uw gebruikersnaam is: {username}\n\n"
            f"Activeer uw account via deze link:\n{link}\n\n"
            f"De link is {hours} uur geldig en werkt één keer. U kiest een wachtwoord, bevestigt uw "
            f"mobiele nummer met een SMS-code en gaat akkoord met de gebruiksvoorwaarden.\n"
            f"Is de link verlopen? Neem dan contact op met het secretariaat voor een nieuwe uitnodiging."
            + _signature(phone, email))
    return Email("Uw uitnodiging voor Verzuimportaal", body)


def account_unlocked(name: str, portal_url: str, phone: str, email: str) -> Email:
    body = (f"Beste {name},\n\n"
            f"Het secretariaat heeft uw account in Verzuimportaal gedeblokkeerd. U kunt weer inloggen:\n"
            f"{portal_url}\n\n"
            f"Heeft u hier niet om gevraagd? Neem dan contact op met het secretariaat."
            + _signature(phone, email))
    return Email("Uw account is gedeblokkeerd", body)


def account_reactivated(name: str, portal_url: str, phone: str, email: str) -> Email:
    body = (f"Beste {name},\n\n"
            f"Het secretariaat heeft uw account in Verzuimportaal weer geactiveerd. U kunt inloggen met uw "
            f"gebruikersnaam en wachtwoord:\n{portal_url}\n\n"
            f"Heeft u hier niet om gevraagd? Neem dan contact op met het secretariaat."
            + _signature(phone, email))
    return Email("Uw account is weer actief", body)


def phone_reset(name: str, hint: str, phone: str, email: str) -> Email:
    body = (f"Beste {name},\n\n"
            f"Het secretariaat heeft een nieuw mobiel nummer voor uw account ingesteld (eindigend op "
            f"{hint[-2:]}). Bij uw volgende inlog ontvangt u de beveiligingscode op dat nummer; daarmee "
            f"bevestigt u het.\n\n"
            f"Heeft u hier niet om gevraagd? Neem dan direct contact op met het secretariaat."
            + _signature(phone, email))
    return Email("Uw mobiele nummer wordt gewijzigd", body)


def security_notice(name: str, what: str, portal_url: str, phone: str, email: str) -> Email:
    """A change to the account's security; the user should act if it was not them."""
    body = (f"Beste {name},\n\n"
            f"{what}\n\n"
            f"Was u dit niet? Neem dan direct contact op met het secretariaat, dan blokkeren wij uw account.\n"
            f"Inloggen: {portal_url}" + _signature(phone, email))
    return Email("Beveiliging van uw account in Verzuimportaal", body)


BACKUP_CODES_RENEWED = "Er zijn nieuwe back-up codes voor uw account gemaakt. De oude codes werken niet meer."
APP_ADDED = ("Er is een authenticatie-app aan uw account gekoppeld. Voortaan vult u bij het inloggen de code uit die "
             "app in. Uw andere sessies zijn afgemeld.")
APP_REMOVED = ("De authenticatie-app is van uw account verwijderd. Voortaan ontvangt u bij het inloggen een SMS-code. "
               "Uw andere sessies zijn afgemeld.")



def passkey_added(name: str) -> str:
    """The security notice's sentence for a new passkey, named as the user named it."""
    return (f"Er is een passkey (“{name}”) aan uw account toegevoegd. Voortaan kunt u daarmee inloggen. "
            "Uw andere sessies zijn afgemeld en browsers die u vertrouwde, vragen weer om een beveiligingscode.")


def passkey_removed(name: str) -> str:
    return (f"De passkey “{name}” is van uw account verwijderd. Daarmee kunt u niet meer inloggen. Uw andere "
            "sessies zijn afgemeld en browsers die u vertrouwde, vragen weer om een beveiligingscode.")


def new_sign_in(name: str, when: str, browser: str, portal_url: str, phone: str, email: str) -> Email:
    """A sign-in from a browser the account had not used before: when and with what, and what to do if not them."""
    body = (f"Beste {name},\n\n"
            f"Er is ingelogd op uw account in Verzuimportaal vanaf een browser die uw account nog niet kende:\n"
            f"- wanneer: {when}\n- browser: {browser}\n\n"
            f"Was u dit? Dan hoeft u niets te doen.\n\n"
            f"Was u dit niet? Kies dan direct een nieuw wachtwoord via \u201cWachtwoord vergeten\u201d op "
            f"{portal_url}/ (daarmee worden alle sessies beëindigd) en neem contact op met het secretariaat."
            + _signature(phone, email))
    return Email("Nieuwe aanmelding op uw account", body)


def password_reset(name: str, username: str, link: str, minutes: int, phone: str, email: str) -> Email:
    body = (f"Beste {name},\n\n"
            f"U heeft gevraagd om een nieuw wachtwoord voor uw account {username} in Verzuimportaal.\n"
            f"Kies een nieuw wachtwoord via deze link:\n{link}\n\n"
            f"De link is {minutes} minuten geldig en werkt één keer. Bij het inloggen vult u daarna zoals altijd "
            f"ook uw beveiligingscode in.\n"
            f"Heeft u hier niet om gevraagd? Dan kunt u deze e-mail negeren; uw wachtwoord blijft hetzelfde."
            + _signature(phone, email))
    return Email("Nieuw wachtwoord kiezen voor Verzuimportaal", body)


def recovery_needs_invitation(name: str, phone: str, email: str) -> Email:
    body = (f"Beste {name},\n\n"
            f"U heeft gevraagd om uw inloggegevens voor Verzuimportaal, maar uw account is nog niet geactiveerd. "
            f"Vraag het secretariaat om een nieuwe uitnodiging; met de link daarin kiest u uw wachtwoord."
            + _signature(phone, email))
    return Email("Uw account in Verzuimportaal is nog niet geactiveerd", body)


def usernames(names: list[str], portal_url: str, phone: str, email: str) -> Email:
    listed = "\n".join(f"  - {name}" for name in names)
    body = (f"Goedendag,\n\n"
            f"U heeft gevraagd om uw gebruikersnaam voor Verzuimportaal. Bij dit e-mailadres hoort:\n{listed}\n\n"
            f"Inloggen: {portal_url}\n"
            f"Wachtwoord ook vergeten? Klik op de inlogpagina op “Wachtwoord vergeten”.\n"
            f"Heeft u hier niet om gevraagd? Dan kunt u deze e-mail negeren."
            + _signature(phone, email))
    return Email("Uw gebruikersnaam voor Verzuimportaal", body)


PASSWORD_CHANGED = "Het wachtwoord van uw account is gewijzigd. Al uw sessies zijn beëindigd."
ACCOUNT_BLOCKED = ("Uw account is geblokkeerd: er is vijf keer een verkeerde beveiligingscode ingevuld (of, terwijl u "
                   "was ingelogd, een verkeerd wachtwoord). Wie dat deed, kende waarschijnlijk uw wachtwoord. Neem "
                   "contact op met het secretariaat ({phone} of {email}) om het account te laten deblokkeren, en kies "
                   "daarna meteen een nieuw wachtwoord via “Wachtwoord vergeten” op de inlogpagina.")
PHONE_CHANGED = ("Het mobiele nummer van uw account is gewijzigd in een nummer dat eindigt op {last_two}. Uw andere "
                 "sessies zijn afgemeld.")


def weekly_digest(open_tasks: int, portal_url: str) -> Email:
    """The Monday email: how many tasks are open and where to log in. Nothing else, by design (privacy): no
    names, no task titles, no dates, no employer."""
    tasks = "1 taak" if open_tasks == 1 else f"{open_tasks} taken"
    body = ("Goedemorgen,\n\n"
            f"Er staan in Verzuimportaal {tasks} voor u open.\n\n"
            f"Log in om ze te bekijken:\n{portal_url}/\n\n"
            "U ontvangt deze e-mail elke maandag zolang er taken openstaan. Om uw privacy en die van uw "
            "medewerkers te beschermen staan er geen namen of details in deze e-mail.\n\n"
            "Met vriendelijke groet,\nVerzuimportaal\n")
    return Email(f"Verzuimportaal: {tasks} open", body)
