"""Words for the synthetic labelled corpus: fictional people, places and dates in five languages."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

LANGUAGES = ("en-US", "en-GB", "de", "fr", "es", "it")
PEOPLE = {  # placeholder names as each language uses them in examples
    "en-US": ["Jane Example", "Alex Sample", "Pat Placeholder"],
    "en-GB": ["Joan Bloggs", "Sam Example", "Chris Specimen"],
    "de": ["Erika Mustermann", "Max Beispiel", "Lena Musterfrau"],
    "fr": ["Jeanne Exemple", "Camille Dupont", "Marie Modèle"],
    "es": ["Juana Pérez Ejemplo", "Lucía Fulana", "Carmen Mengana"],
    "it": ["Maria Rossi Esempio", "Giulia Tizia", "Anna Caia"],
}
HOSPITALS = {
    "en-US": [
        "Riverside General Hospital",
        "Lakeview Cancer Institute",
        "Example County Medical Center",
    ],
    "en-GB": [
        "Northfield NHS Foundation Trust (fictional)",
        "St Example's Hospital",
        "Westbury Cancer Centre",
    ],
    "de": [
        "Klinikum Beispielstadt",
        "Universitätsklinikum Musterhausen",
        "Praxis am Beispielplatz",
    ],
    "fr": [
        "Centre Hospitalier d'Exempleville",
        "Institut de Cancérologie Fictif",
        "Clinique du Modèle",
    ],
    "es": ["Hospital Universitario Ejemplo", "Hospital General de Muestra", "Clínica Ficticia"],
    "it": ["Ospedale Civile di Esempio", "Istituto Tumori Fittizio", "Policlinico di Prova"],
}
DOCTORS = {
    "en-US": ["Dr. Robin Fictional, MD", "Dr. Lee Surname, MD", "Dr. Casey Demo, MD"],
    "en-GB": ["Dr J. Placeholder, FRCP", "Mr K. Sample, FRCS", "Dr A. Nobody, FRCR"],
    "de": ["Dr. med. Hans Beispiel", "Prof. Dr. Eva Muster", "Dr. med. Jonas Probe"],
    "fr": ["Dr Paul Exemple", "Pr Claire Modèle", "Dr Luc Fictif"],
    "es": ["Dra. Ana Ejemplo", "Dr. Luis Muestra", "Dr. Pablo Ficticio"],
    "it": ["Dott. Paolo Esempio", "Dott.ssa Laura Prova", "Prof. Marco Fittizio"],
}
MONTH_NAMES = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    "it": [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
}


def _ordinal(day: int) -> str:
    if 10 < day % 100 < 14:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


class DateWriter:
    """Writes every date of one document in one of its language's usual styles."""

    def __init__(self, language: str, rng: random.Random) -> None:
        self.language = language
        base = language.split("-")[0]
        styles = {
            "en-US": ["us-numeric", "us-numeric", "us-short", "us-long", "iso", "us-dot"],
            "en-GB": [
                "eu-slash",
                "eu-slash",
                "gb-short",
                "gb-long",
                "gb-ordinal",
                "gb-dash",
                "iso",
            ],
            "de": ["de-dot", "de-dot", "de-long", "de-short-year"],
            "fr": ["eu-slash", "eu-slash", "long"],
            "es": ["eu-slash", "eu-slash", "es-long", "eu-dash"],
            "it": ["eu-slash", "eu-slash", "long", "de-dot"],
        }[language]
        self.style = rng.choice(styles)
        self.months = MONTH_NAMES[base]

    def __call__(self, d: date) -> str:
        m = self.months[d.month - 1]
        return {
            "us-numeric": f"{d.month:02d}/{d.day:02d}/{d.year}",
            "us-short": f"{m[:3]} {d.day}, {d.year}",
            "us-dot": f"{m[:3]}. {d.day}, {d.year}",
            "us-long": f"{m} {d.day}, {d.year}",
            "iso": d.isoformat(),
            "eu-slash": f"{d.day:02d}/{d.month:02d}/{d.year}",
            "eu-dash": f"{d.day:02d}-{d.month:02d}-{d.year}",
            "gb-short": f"{d.day} {m[:3]} {d.year}",
            "gb-long": f"{d.day} {m} {d.year}",
            "gb-ordinal": f"{_ordinal(d.day)} {m} {d.year}",
            "gb-dash": f"{d.day:02d}-{m[:3]}-{d.year}",
            "de-dot": f"{d.day:02d}.{d.month:02d}.{d.year}",
            "de-short-year": f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}",
            "de-long": f"{d.day}. {m} {d.year}",
            "long": f"{'1er' if d.day == 1 and self.language == 'fr' else d.day} {m} {d.year}",
            "es-long": f"{d.day} de {m} de {d.year}",
        }[self.style]


def patient_line(lang: str, name: str, dob: str, mrn: str, rng: random.Random) -> str:
    options = {
        "en-US": [
            f"Patient: {name}    DOB: {dob}    MRN: {mrn}",
            f"Name: {name}   Date of Birth: {dob}   Acct: {mrn}",
            f"{name} (born {dob})  Record no. {mrn}",
        ],
        "en-GB": [
            f"Patient: {name}   D.O.B. {dob}   Hospital no. {mrn}",
            f"Name: {name}   Date of birth: {dob}   NHS no. {mrn}",
        ],
        "de": [
            f"Patientin: {name}, geb. {dob}, Fall-Nr. {mrn}",
            f"Name: {name}   Geburtsdatum: {dob}   Pat.-Nr. {mrn}",
        ],
        "fr": [
            f"Patiente : {name}   Née le {dob}   IPP {mrn}",
            f"Nom : {name}   Date de naissance : {dob}   N° {mrn}",
        ],
        "es": [
            f"Paciente: {name}   Fecha de nacimiento: {dob}   NHC {mrn}",
            f"{name}   F. nac.: {dob}   Historia {mrn}",
        ],
        "it": [
            f"Paziente: {name}   Data di nascita: {dob}   Cod. {mrn}",
            f"{name}, nata il {dob}, cartella {mrn}",
        ],
    }[lang]
    return rng.choice(options)


@dataclass
class Context:
    """One fictional document's people, place, language and date style."""

    lang: str
    name: str
    dob: str
    mrn: str
    hospital: str
    doctor: str
    write: Callable[[date], str]
    rng: random.Random
    when: date  # the day the record is about

    def pick(self, options: dict[str, list[str]] | list[str]) -> str:
        if isinstance(options, dict):
            options = options.get(self.lang) or options[self.lang.split("-")[0]]
        return self.rng.choice(options)

    def day(self, offset: int) -> str:
        return self.write(self.when + timedelta(days=offset))


Made = tuple[str, list[str], date]  # heading, lines, the record's date
