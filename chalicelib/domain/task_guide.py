"""Every Poortwachter task (and the two of a zwangerschaps- en bevallingsverlof, domain/wazo.py) explained for an
employer, not a lawyer: what it is, who acts, the deadline and why, and what to do in this portal. Shown beside each
task and on the instructiekaart (hulp.html#taak-<step>).

The law behind the deadlines: the Wet verbetering poortwachter and its Regeling procesgang eerste en tweede
ziektejaar, formerly Regeling procedurele eisen poortwachter (probleemanalyse,
plan van aanpak, evaluations, eerstejaarsevaluatie, re-integratieverslag), the Ziektewet (vangnet, ziek uit dienst,
hersteldmelding, 42e-weeksmelding) and BW 7:629 (104 weeks of wages). The due dates themselves are in
poortwachter.py; the texts here only explain them.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import poortwachter, wazo

_DONE = ("Kies daarna bij de taak \u201cAfronden\u201d, met de datum waarop het gedaan is en zo nodig een "
         "korte notitie.")
_WITH_DOCUMENT = ("Kies daarna op de pagina van de ziekmelding bij de taak \u201cAfronden met document\u201d: het "
                  "document komt in het dossier, de taak is afgerond op de datum van het document en de "
                  "re-integratieverslag-check ziet het.")


@dataclass(frozen=True)
class Guidance:
    what: str
    """What the task is, in plain Dutch."""
    who: str
    """Who acts, and towards whom (the arbodienst, UWV)."""
    deadline: str
    """The deadline and why it is there."""
    in_portal: str
    """What to do here: the portal records that it was done, it does not send the report."""


GUIDE: dict[str, Guidance] = {
    poortwachter.ZIEKMELDING_ARBODIENST.code: Guidance(
        what="Geef het verzuim door aan uw arbodienst of bedrijfsarts, zodat die contact opneemt met de medewerker "
             "en de begeleiding start. Let op: uw ziekmelding in dit portaal is niet deze melding. De arbodienst "
             "krijgt die niet vanzelf.",
        who="U meldt bij de arbodienst of bedrijfsarts.",
        deadline="Binnen een week na de eerste ziektedag. De bedrijfsarts moet vroeg betrokken zijn: in week 6 moet "
                 "er al een probleemanalyse liggen.",
        in_portal=f"Meld het verzuim bij de arbodienst (via hun portaal, per e-mail of telefonisch). {_DONE}"),
    poortwachter.VANGNET_ZIEKMELDING.code: Guidance(
        what="Valt de medewerker onder een vangnetregeling van de Ziektewet, dan meldt u de ziekte ook bij UWV. UWV "
             "betaalt dan ziekengeld. Welke regeling het is, legt u hier niet vast: dat is medische informatie.",
        who="U meldt bij UWV.",
        deadline="Uiterlijk in week 6 bij ziekte door zwangerschap; voor andere vangnetregelingen kan UWV een kortere "
                 "termijn vragen. Te laat melden kan u ziekengeld kosten.",
        in_portal=f"Meld de ziekte via het werkgeversportaal van UWV. {_DONE}"),
    poortwachter.PROBLEEMANALYSE.code: Guidance(
        what="De bedrijfsarts beschrijft wat de medewerker nog wel en niet kan en wat nodig is om terug te keren "
             "naar werk. U krijgt die probleemanalyse zonder medische details en bespreekt haar met de medewerker.",
        who="De bedrijfsarts stelt haar op; u en de medewerker bespreken haar.",
        deadline="Uiterlijk aan het eind van week 6 (Regeling procesgang eerste en tweede ziektejaar). UWV kijkt hier "
                 "later naar, bij de WIA-aanvraag.",
        in_portal=f"Bespreek de probleemanalyse met de medewerker. {_WITH_DOCUMENT}"),
    poortwachter.PLAN_VAN_AANPAK.code: Guidance(
        what="U en de medewerker spreken samen af wat jullie doen om weer aan het werk te gaan, op basis van de "
             "probleemanalyse. U wijst ook een casemanager aan die het proces bewaakt.",
        who="U en de medewerker samen; beiden ondertekenen het plan.",
        deadline="Uiterlijk aan het eind van week 8: binnen twee weken na de probleemanalyse (Regeling procedurele "
                 "eisen poortwachter).",
        in_portal=f"Laat het plan van aanpak door u beiden ondertekenen. {_WITH_DOCUMENT}"),
    poortwachter.EVALUATIE_PLAN.code: Guidance(
        what="Bespreek met de medewerker hoe het gaat met de afspraken uit het plan van aanpak, en stel het plan bij "
             "als dat nodig is.",
        who="U en de medewerker samen; de casemanager bewaakt het.",
        deadline="Regelmatig. Het portaal plant elke 6 weken een evaluatie: een gangbare richtlijn, geen wettelijke "
                 "datum. UWV wil wel zien dat het plan is bijgehouden.",
        in_portal=f"Leg de uitkomst vast in een verslag van de evaluatie of een bijstelling van het plan. "
                  f"{_WITH_DOCUMENT}"),
    poortwachter.MELDING_42E_WEEK.code: Guidance(
        what="U meldt bij UWV dat de medewerker al bijna 42 weken ziek is. UWV volgt dan het dossier en informeert "
             "de medewerker over de WIA.",
        who="U meldt bij UWV.",
        deadline="Uiterlijk op de eerste dag na week 42 (Ziektewet). Meldt u te laat, dan moet u het loon langer "
                 "doorbetalen: zo veel weken als u te laat was.",
        in_portal=f"Doe de melding via het werkgeversportaal van UWV en bewaar de bevestiging van UWV. "
                  f"{_WITH_DOCUMENT}"),
    poortwachter.EERSTEJAARSEVALUATIE.code: Guidance(
        what="Rond het eind van het eerste ziektejaar kijkt u met de medewerker terug op wat er is bereikt, en "
             "spreekt u het doel voor het tweede jaar af. De bedrijfsarts geeft daarvoor zijn oordeel.",
        who="U en de medewerker samen, met het oordeel van de bedrijfsarts.",
        deadline="Rond week 52 (sommige arbodiensten doen het in week 50). Het is een vast onderdeel van het "
                 "re-integratieverslag.",
        in_portal=f"Leg de eerstejaarsevaluatie vast. {_WITH_DOCUMENT}"),
    poortwachter.REINTEGRATIEVERSLAG.code: Guidance(
        what="Het re-integratieverslag bundelt wat u en de medewerker hebben gedaan: de probleemanalyse, het plan "
             "van aanpak, de evaluaties en de eindevaluatie. De medewerker heeft het nodig voor de WIA-aanvraag.",
        who="U stelt het op; de medewerker en de bedrijfsarts geven hun oordeel.",
        deadline="Klaar rond week 89 tot 91, zodat de medewerker de WIA op tijd kan aanvragen. Mist er iets, dan kan "
                 "UWV een loonsanctie opleggen: tot een jaar extra loon doorbetalen.",
        in_portal=f"Geef het verslag aan de medewerker. {_WITH_DOCUMENT}"),
    poortwachter.WIA_AANVRAAG.code: Guidance(
        what="De medewerker vraagt bij UWV een WIA-uitkering aan, met het re-integratieverslag erbij.",
        who="De medewerker vraagt aan; u levert het re-integratieverslag.",
        deadline="Uiterlijk aan het eind van week 93. UWV beoordeelt dan ook of u genoeg aan re-integratie heeft "
                 "gedaan.",
        in_portal=f"Vraag de medewerker of de aanvraag is ingediend. {_DONE}"),
    poortwachter.EINDE_LOONDOORBETALING.code: Guidance(
        what="Na 104 weken ziekte stopt uw plicht om het loon door te betalen, tenzij UWV een loonsanctie heeft "
             "opgelegd. Het dienstverband loopt daarmee niet vanzelf af.",
        who="U (de werkgever).",
        deadline="Na week 104 (Burgerlijk Wetboek, artikel 7:629).",
        in_portal=f"Pas uw loonadministratie aan. {_DONE}"),
    poortwachter.ZIEK_UIT_DIENST.code: Guidance(
        what="Gaat de medewerker uit dienst terwijl hij of zij ziek is, dan nemen UWV de begeleiding en het "
             "ziekengeld over. Daarvoor meldt u de medewerker ziek uit dienst.",
        who="U meldt bij UWV.",
        deadline="Uiterlijk op de laatste werkdag (Ziektewet). Het portaal plant de taak op de einddatum van het "
                 "dienstverband; verandert die, dan verschuift de taak mee.",
        in_portal=f"Meld de medewerker ziek uit dienst via het werkgeversportaal van UWV. {_DONE}"),
    poortwachter.HERSTELDMELDING_UWV.code: Guidance(
        what="Voor een medewerker met een vangnetregeling meldt u het herstel ook bij UWV, zodat het ziekengeld "
             "stopt. Uw hersteldmelding in dit portaal is niet die melding.",
        who="U meldt bij UWV.",
        deadline="Binnen twee dagen na het herstel (Ziektewet).",
        in_portal=f"Meld het herstel via het werkgeversportaal van UWV. {_DONE}"),
    wazo.WAZO_AANVRAAG.code: Guidance(
        what="Voor het zwangerschaps- en bevallingsverlof krijgt de medewerker een WAZO-uitkering van UWV. U vraagt "
             "die aan; UWV betaalt haar meestal aan u, en u betaalt het loon door. Het verlof is geen ziekte: het "
             "telt niet mee in uw verzuimcijfers.",
        who="U vraagt aan bij UWV.",
        deadline="Uiterlijk twee weken voor het verlof begint (UWV). Het portaal plant de taak op die dag; te laat "
                 "aanvragen kan de uitkering vertragen.",
        in_portal=f"Vraag de uitkering aan via het werkgeversportaal van UWV, met de uitgerekende datum en de eerste "
                  f"verlofdag uit het dossier. {_DONE}"),
    wazo.BEVALLINGSDATUM.code: Guidance(
        what="Na de bevalling geeft u de bevallingsdatum door aan UWV. Daarmee staat vast hoe lang het "
             "bevallingsverlof duurt: minstens tien weken na de bevalling, langer als het kind eerder kwam dan "
             "uitgerekend of het verlof later begon.",
        who="U meldt bij UWV.",
        deadline="Zo snel mogelijk na de bevalling. Het portaal plant de taak twee weken na de uitgerekende datum, "
                 "en na het invullen van de bevallingsdatum twee weken daarna.",
        in_portal=f"Vul in het dossier bij het verlof de bevallingsdatum in (dan rekent het portaal het einde van het "
                  f"verlof uit) en geef haar door via het werkgeversportaal van UWV. {_DONE}"),
}


def definitions() -> list[poortwachter.TaskDefinition]:
    """Every kind of task the portal plans: the Poortwachter timeline, then the leave's (WAZO)."""
    return [*poortwachter.DEFINITIONS.values(), *wazo.DEFINITIONS.values()]


def step_of(code: str) -> str:
    """The timeline step a planned task belongs to: `evaluatie_plan_van_aanpak_w14` → `evaluatie_plan_van_aanpak`."""
    return code if wazo.is_leave_task(code) else poortwachter.definition(code).code


def guidance(step: str) -> Guidance:
    return GUIDE[step]


def help_anchor(step: str) -> str:
    """The id of the step on the instructiekaart (hulp.html)."""
    return f"taak-{step}"
