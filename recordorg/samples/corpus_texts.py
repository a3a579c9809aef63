"""Templates of the synthetic labelled corpus: fictional records of nine kinds, five languages."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta


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


def pathology(c: Context) -> Made:
    collected, reported = c.day(0), c.day(c.rng.randint(1, 6))
    site = c.pick({"en": ["left breast, 2 o'clock, core needle biopsy", "liver, segment VI, "
                          "ultrasound-guided core biopsy", "right axillary lymph node, excision",
                          "left breast, wide local excision", "lung, right lower lobe, CT-guided "
                          "biopsy"],
                   "de": ["Mamma links, Stanzbiopsie", "Leber Segment VI, Stanzbiopsie"],
                   "fr": ["sein gauche, biopsie au trocart", "foie, biopsie percutanée"],
                   "es": ["mama izquierda, biopsia con aguja gruesa", "hígado, biopsia"],
                   "it": ["mammella sinistra, agobiopsia", "fegato, biopsia ecoguidata"]})
    head = c.pick({"en": ["SURGICAL PATHOLOGY REPORT", "Histopathology Report",
                          "Pathology Report", "Anatomic Pathology - Final Report"],
                   "de": ["Histologischer Befundbericht", "Pathologisch-anatomischer Befund"],
                   "fr": ["Compte rendu d'anatomie et cytologie pathologiques"],
                   "es": ["Informe de Anatomía Patológica"],
                   "it": ["Referto di Anatomia Patologica", "Referto istologico"]})
    dates = c.pick({"en": [f"Collected: {collected}   Received: {collected}   Reported: {reported}",
                           f"Date of procedure: {collected}\nDate reported: {reported}",
                           f"Specimen taken {collected}; final report issued {reported}"],
                    "de": [f"Entnahme: {collected}   Eingang: {collected}   "
                           f"Befunddatum: {reported}"],
                    "fr": [f"Prélevé le {collected}   Reçu le {collected}   Validé le {reported}"],
                    "es": [f"Fecha de toma de muestra: {collected}   Fecha de informe: {reported}"],
                    "it": [f"Data prelievo: {collected}   Data referto: {reported}"]})
    body = {
        "en": [f"SPECIMEN: {site}.", "CLINICAL INFORMATION: mass on imaging, query malignancy.",
               "MICROSCOPIC DESCRIPTION: infiltrating carcinoma forming glands and cords in a "
               "desmoplastic stroma.", "FINAL DIAGNOSIS: invasive carcinoma, grade "
               f"{c.rng.randint(1, 3)}.", "Immunostains: ER positive (90%), PR positive (30%), "
               "HER2 1+ negative, Ki-67 25%.", f"Electronically signed out by {c.doctor} on "
               f"{reported}."],
        "de": [f"Material: {site}.", "Mikroskopie: Infiltrate eines invasiven Karzinoms.",
               "Diagnose: invasives Karzinom NST, G2. Hormonrezeptoren positiv, HER2 negativ.",
               f"{c.doctor}, Facharzt für Pathologie"],
        "fr": [f"Nature du prélèvement : {site}.", "Examen microscopique : carcinome infiltrant.",
               "Conclusion : carcinome infiltrant de type non spécifique, grade 2. RE positifs.",
               f"{c.doctor}, pathologiste"],
        "es": [f"Muestra: {site}.", "Descripción microscópica: carcinoma infiltrante.",
               "Diagnóstico: carcinoma infiltrante de tipo no especial, grado 2.",
               f"Firmado: {c.doctor}, patólogo"],
        "it": [f"Materiale: {site}.", "Esame microscopico: carcinoma infiltrante.",
               "Diagnosi: carcinoma infiltrante NST, grado 2. Recettori ormonali positivi.",
               f"{c.doctor}, anatomopatologo"],
    }[c.lang.split("-")[0]]
    return head, [dates, *body], c.when


def imaging(c: Context) -> Made:
    exam = c.pick({"en": ["CT CHEST, ABDOMEN AND PELVIS WITH CONTRAST", "MRI BRAIN WITH AND "
                          "WITHOUT CONTRAST", "PET/CT SKULL BASE TO MID-THIGH",
                          "BILATERAL DIAGNOSTIC MAMMOGRAM", "ULTRASOUND ABDOMEN",
                          "CT THORAX", "MRI LUMBAR SPINE", "NUCLEAR MEDICINE BONE SCAN"],
                   "de": ["CT Thorax/Abdomen mit Kontrastmittel", "MRT Schädel nativ und mit KM"],
                   "fr": ["Scanner thoraco-abdomino-pelvien injecté", "IRM cérébrale"],
                   "es": ["TC de tórax, abdomen y pelvis con contraste", "RM cerebral"],
                   "it": ["TC torace-addome con mezzo di contrasto", "RM encefalo"]})
    prior = c.write(c.when - timedelta(days=c.rng.randint(60, 200)))
    signed = c.day(c.rng.choice([0, 0, 1]))
    lines = {
        "en": [c.pick([f"Exam date: {c.day(0)}", f"Date of examination: {c.day(0)}",
                       f"Study date: {c.day(0)}   Accession: RAD{c.rng.randint(10000, 99999)}"]),
               f"EXAM: {exam}", "INDICATION: metastatic breast cancer, restaging.",
               f"COMPARISON: prior study dated {prior}.",
               "FINDINGS: several hypodense hepatic lesions, the largest 24 mm. No new lesions "
               "elsewhere. No pleural effusion.",
               "IMPRESSION: stable disease compared with the prior examination.",
               f"Dictated by {c.doctor}. Signed {signed}."],
        "de": [f"Untersuchung vom {c.day(0)}: {exam}",
               "Fragestellung: Verlaufskontrolle bei metastasiertem Mammakarzinom.",
               f"Voruntersuchung vom {prior} zum Vergleich.",
               "Befund: mehrere hypodense Leberläsionen, größte 24 mm.",
               "Beurteilung: stabiler Befund.", f"{c.doctor}"],
        "fr": [f"Examen réalisé le {c.day(0)} : {exam}", "Indication : bilan d'extension.",
               f"Comparaison avec l'examen précédent du {prior}.",
               "Résultats : plusieurs lésions hépatiques hypodenses.",
               "Conclusion : stabilité lésionnelle.", f"{c.doctor}, radiologue"],
        "es": [f"Fecha de la exploración: {c.day(0)}", f"Estudio: {exam}",
               f"Comparación con estudio previo del {prior}.",
               "Hallazgos: lesiones hepáticas hipodensas.", "Conclusión: enfermedad estable.",
               f"{c.doctor}, radiólogo"],
        "it": [f"Data esame: {c.day(0)}", f"Esame: {exam}",
               f"Confronto con esame precedente del {prior}.",
               "Reperti: multiple lesioni epatiche ipodense.", "Conclusioni: quadro stabile.",
               f"{c.doctor}, radiologo"],
    }[c.lang.split("-")[0]]
    head = c.pick({"en": ["Radiology Report", "Diagnostic Imaging Report", exam.title()],
                   "de": ["Radiologischer Befund"], "fr": ["Compte rendu d'imagerie"],
                   "es": ["Informe radiológico"], "it": ["Referto radiologico"]})
    return head, lines, c.when


def laboratory(c: Context) -> Made:
    rows = {"en": [("Hemoglobin", "11.2", "g/dL", "12.0-15.5"), ("WBC", "4.1", "10^9/L",
                    "4.0-11.0"), ("Platelets", "182", "10^9/L", "150-400"),
                   ("Creatinine", "0.9", "mg/dL", "0.5-1.1"), ("ALT", "41", "U/L", "7-35"),
                   ("CA 15-3", "64", "U/mL", "<30")],
            "de": [("Hämoglobin", "11,2", "g/dl", "12,0-15,5"), ("Leukozyten", "4,1", "/nl",
                    "4,0-10,0"), ("Thrombozyten", "182", "/nl", "150-400"),
                   ("Kreatinin", "0,9", "mg/dl", "0,5-1,1")],
            "fr": [("Hémoglobine", "11,2", "g/dL", "12-16"), ("Leucocytes", "4,1", "G/L", "4-10"),
                   ("Plaquettes", "182", "G/L", "150-400"), ("Créatinine", "80", "µmol/L",
                                                              "45-90")],
            "es": [("Hemoglobina", "11,2", "g/dL", "12-15,5"), ("Leucocitos", "4,1", "x10^3/µL",
                    "4-11"), ("Plaquetas", "182", "x10^3/µL", "150-400"),
                   ("Creatinina", "0,9", "mg/dL", "0,5-1,1")],
            "it": [("Emoglobina", "11,2", "g/dL", "12-15,5"), ("Leucociti", "4,1", "10^3/µL",
                    "4-10"), ("Piastrine", "182", "10^3/µL", "150-400"),
                   ("Creatinina", "0,9", "mg/dL", "0,5-1,1")]}[c.lang.split("-")[0]]
    head_row = {"en": "Test  Result  Units  Reference range", "de": "Analyse  Wert  Einheit  "
                "Referenzbereich", "fr": "Analyse  Résultat  Unité  Valeurs de référence",
                "es": "Prueba  Resultado  Unidades  Valores de referencia",
                "it": "Esame  Risultato  Unità  Valori di riferimento"}[c.lang.split("-")[0]]
    dates = c.pick({"en": [f"Collected: {c.day(0)} 07:40   Reported: {c.day(c.rng.randint(0, 1))}",
                           f"Specimen collected {c.day(0)}  |  Resulted {c.day(1)}"],
                    "de": [f"Probenentnahme: {c.day(0)}   Befund vom {c.day(1)}"],
                    "fr": [f"Prélèvement du {c.day(0)} à 08h10   Édité le {c.day(1)}"],
                    "es": [f"Fecha de extracción: {c.day(0)}   Fecha de validación: {c.day(1)}"],
                    "it": [f"Data prelievo: {c.day(0)}   Data validazione: {c.day(1)}"]})
    head = c.pick({"en": ["Laboratory Report", "Cumulative Results", "Blood Test Results"],
                   "de": ["Laborbefund"], "fr": ["Résultats d'analyses biologiques"],
                   "es": ["Informe de laboratorio"], "it": ["Referto di laboratorio"]})
    table = [f"{n}  {v}  {u}  {r}" for n, v, u, r in rows]
    return head, [dates, head_row, *table], c.when


def genomics(c: Context) -> Made:
    collected = c.write(c.when - timedelta(days=c.rng.choice([14, 30, 400, 900])))
    lines = {
        "en": [f"Specimen collected: {collected}   Report date: {c.day(0)}",
               "Test: 500-gene hybrid capture DNA sequencing panel (tissue).",
               "Genomic findings: PIK3CA H1047R, variant allele frequency 27%. ESR1: no "
               "alteration detected. BRCA1/2: no pathogenic variant.",
               "Tumor mutational burden: 3 mut/Mb. Microsatellite status: stable."],
        "de": [f"Materialentnahme: {collected}   Befunddatum: {c.day(0)}",
               "Methode: Next-Generation-Sequenzierung (NGS), Panel mit 50 Genen.",
               "Ergebnis: Nachweis einer PIK3CA-Mutation (H1047R), Allelfrequenz 27 %."],
        "fr": [f"Date de prélèvement : {collected}   Date du compte rendu : {c.day(0)}",
               "Technique : séquençage haut débit (NGS), panel de 50 gènes.",
               "Résultat : mutation PIK3CA H1047R détectée, fréquence allélique 27 %."],
        "es": [f"Fecha de muestra: {collected}   Fecha del informe: {c.day(0)}",
               "Técnica: secuenciación masiva (NGS), panel de 50 genes.",
               "Resultado: mutación PIK3CA H1047R detectada, frecuencia alélica 27 %."],
        "it": [f"Data prelievo: {collected}   Data referto: {c.day(0)}",
               "Metodica: sequenziamento di nuova generazione (NGS), pannello di 50 geni.",
               "Risultato: mutazione PIK3CA H1047R rilevata, frequenza allelica 27%."],
    }[c.lang.split("-")[0]]
    head = c.pick({"en": ["Comprehensive Genomic Profiling", "Molecular Diagnostics Report",
                          "Tumor Sequencing Results"], "de": ["Molekularpathologischer Befund"],
                   "fr": ["Compte rendu de biologie moléculaire"],
                   "es": ["Informe de biología molecular"],
                   "it": ["Referto di biologia molecolare"]})
    return head, lines, c.when


def clinic_letter(c: Context) -> Made:
    history = c.write(c.when - timedelta(days=c.rng.randint(40, 300)))
    follow = c.write(c.when + timedelta(days=c.rng.choice([28, 42, 90])))
    lines = {
        "en": [c.pick([c.day(0), f"Date: {c.day(0)}", f"Clinic date: {c.day(0)}"]),
               c.pick(["Dear Dr. Fictitious,", "Dear Colleague,"]),
               "I reviewed your patient in the oncology outpatient clinic today with her "
               "husband.", f"She started her current treatment on {history} and tolerates it "
               "well, with mild fatigue only.", "On examination she is well, ECOG 1.",
               f"Plan: continue treatment; follow-up appointment on {follow} with bloods.",
               "Yours sincerely,", c.doctor],
        "de": [f"Beispielstadt, den {c.day(0)}", "Sehr geehrte Frau Kollegin,",
               "wir berichten über die ambulante Vorstellung Ihrer Patientin in unserer "
               f"Sprechstunde. Therapiebeginn am {history}.", "Procedere: Fortführung der "
               f"Therapie, Wiedervorstellung am {follow}.", "Mit freundlichen Grüßen", c.doctor],
        "fr": [f"Exempleville, le {c.day(0)}", "Cher confrère,",
               f"J'ai revu en consultation votre patiente, traitée depuis le {history}.",
               f"Nous poursuivons le traitement. Prochain rendez-vous le {follow}.",
               "Bien confraternellement,", c.doctor],
        "es": [f"Fecha de consulta: {c.day(0)}", "Estimado compañero:",
               f"Valoramos en consulta a su paciente, en tratamiento desde {history}.",
               f"Plan: mantener tratamiento. Próxima cita el {follow}.", "Atentamente,",
               c.doctor],
        "it": [f"Data visita: {c.day(0)}", "Gentile collega,",
               f"ho visitato in ambulatorio la sua paziente, in terapia dal {history}.",
               f"Si prosegue la terapia. Prossimo controllo il {follow}.", "Cordiali saluti,",
               c.doctor],
    }[c.lang.split("-")[0]]
    head = c.pick({"en": ["Oncology Clinic Letter", "Outpatient Consultation", "Clinic Letter"],
                   "de": ["Arztbrief", "Ambulanter Bericht"],
                   "fr": ["Compte rendu de consultation"],
                   "es": ["Informe de consulta"], "it": ["Lettera al medico curante"]})
    return head, lines, c.when


def discharge(c: Context) -> Made:
    stay = c.rng.randint(2, 9)
    admitted = c.write(c.when - timedelta(days=stay))
    follow = c.write(c.when + timedelta(days=14))
    lines = {
        "en": [f"Admission date: {admitted}   Discharge date: {c.day(0)}",
               "Reason for admission: febrile neutropenia after chemotherapy.",
               "Hospital course: intravenous antibiotics, blood cultures negative, recovered.",
               "Discharge medications: co-amoxiclav for 5 days, filgrastim.",
               f"Follow-up: oncology clinic on {follow}.", f"Written by {c.doctor}."],
        "de": [f"Stationärer Aufenthalt vom {admitted} bis {c.day(0)}",
               f"Aufnahme am {admitted} wegen Fieber in Neutropenie. Entlassung am {c.day(0)}.",
               "Verlauf: intravenöse Antibiose, Entfieberung.", "Entlassungsmedikation: keine "
               "Änderung.", f"Wiedervorstellung am {follow}.", c.doctor],
        "fr": [f"Hospitalisation du {admitted} au {c.day(0)}",
               f"Date d'entrée : {admitted}   Date de sortie : {c.day(0)}",
               "Motif d'hospitalisation : neutropénie fébrile.", "Évolution favorable sous "
               "antibiothérapie.", f"Rendez-vous de contrôle le {follow}.", c.doctor],
        "es": [f"Fecha de ingreso: {admitted}   Fecha de alta: {c.day(0)}",
               "Motivo de ingreso: neutropenia febril.", "Evolución favorable con antibióticos.",
               f"Próxima revisión el {follow}.", c.doctor],
        "it": [f"Data ricovero: {admitted}   Data dimissione: {c.day(0)}",
               "Motivo del ricovero: neutropenia febbrile.", "Decorso regolare con antibiotici.",
               f"Prossimo controllo il {follow}.", c.doctor],
    }[c.lang.split("-")[0]]
    head = c.pick({"en": ["Discharge Summary", "Inpatient Discharge Letter"],
                   "de": ["Entlassungsbrief"], "fr": ["Compte rendu d'hospitalisation"],
                   "es": ["Informe de alta"], "it": ["Lettera di dimissione"]})
    return head, lines, c.when


def administrative(c: Context) -> Made:
    service = c.write(c.when - timedelta(days=c.rng.randint(10, 40)))
    lines = {
        "en": [c.pick([f"Statement date: {c.day(0)}", f"Invoice date: {c.day(0)}",
                       f"Date: {c.day(0)}"]),
               "Member ID: XQZ-000-1234   Claim number: 0000-1111",
               "Date of service   Description   Billed   Plan paid   You owe",
               f"{service}   Infusion, chemotherapy   $3,200.00   $2,900.00   $300.00",
               "Amount due: $300.00. Please pay by the due date shown on this statement."],
        "de": [f"Rechnungsdatum: {c.day(0)}", "Versichertennummer: A000000000",
               f"Leistung vom {service}: ambulante Chemotherapie.", "Rechnungsbetrag: 310,00 EUR."],
        "fr": [f"Date : {c.day(0)}", "Décompte de remboursement de l'assurance maladie.",
               f"Soins du {service} : consultation.", "Montant remboursé : 25,00 EUR."],
        "es": [f"Fecha de emisión: {c.day(0)}", "Factura de servicios médicos.",
               f"Servicio del {service}: consulta de oncología.", "Importe: 120,00 EUR."],
        "it": [f"Data: {c.day(0)}", "Fattura per prestazioni sanitarie. Ticket.",
               f"Prestazione del {service}: visita oncologica.", "Importo: 36,15 EUR."],
    }[c.lang.split("-")[0]]
    head = c.pick({"en": ["Explanation of Benefits", "Patient Statement", "Invoice"],
                   "de": ["Rechnung"], "fr": ["Décompte de remboursement"], "es": ["Factura"],
                   "it": ["Fattura"]})
    return head, lines, c.when


def medication(c: Context) -> Made:
    lines = {
        "en": [f"Date: {c.day(0)}", "Rx: Letrozole 2.5 mg tablets. Sig: take 1 tablet by mouth "
               "once daily.", "Dispense: 30 tablets. Refills: 5.",
               f"Prescriber: {c.doctor}"],
        "de": [f"Datum: {c.day(0)}", "Rezept: Tamoxifen 20 mg, 100 Tabletten, 1-0-0.",
               f"{c.doctor}"],
        "fr": [f"Le {c.day(0)}", "Ordonnance : Anastrozole 1 mg, un comprimé par jour, "
               "3 mois.", f"{c.doctor}"],
        "es": [f"Fecha: {c.day(0)}", "Receta: Letrozol 2,5 mg, un comprimido al día.",
               f"{c.doctor}"],
        "it": [f"Data: {c.day(0)}", "Ricetta: Letrozolo 2,5 mg, una compressa al giorno.",
               f"{c.doctor}"],
    }[c.lang.split("-")[0]]
    head = c.pick({"en": ["Prescription", "Outpatient Prescription"], "de": ["Rezept"],
                   "fr": ["Ordonnance"], "es": ["Receta médica"], "it": ["Ricetta medica"]})
    return head, lines, c.when


def surgery(c: Context) -> Made:
    lines = {
        "en": [f"Date of operation: {c.day(0)}", "Surgeon: " + c.doctor + "   Anesthesia: "
               "general", "Procedure: left mastectomy and sentinel lymph node biopsy.",
               "Findings: 3 cm mass upper outer quadrant. Two sentinel nodes removed.",
               "Closure: subcuticular absorbable suture; drain placed. Estimated blood loss "
               "50 mL."],
        "de": [f"OP-Datum: {c.day(0)}", "Eingriff: Mastektomie links mit Sentinel-Biopsie.",
               "Operateur: " + c.doctor + ", Narkose: ITN.", "Verlauf: komplikationslos."],
        "fr": [f"Date de l'intervention : {c.day(0)}", "Intervention : mastectomie gauche avec "
               "ganglion sentinelle.", "Chirurgien : " + c.doctor + ". Anesthésie générale."],
        "es": [f"Fecha de la intervención: {c.day(0)}", "Intervención: mastectomía izquierda y "
               "biopsia de ganglio centinela.", "Cirujano: " + c.doctor + ". Anestesia general."],
        "it": [f"Data intervento: {c.day(0)}", "Intervento: mastectomia sinistra con biopsia "
               "del linfonodo sentinella.", "Chirurgo: " + c.doctor + ". Anestesia generale."],
    }[c.lang.split("-")[0]]
    head = c.pick({"en": ["Operative Report", "Operation Note"], "de": ["Operationsbericht"],
                   "fr": ["Compte rendu opératoire"], "es": ["Informe quirúrgico"],
                   "it": ["Verbale operatorio"]})
    return head, lines, c.when


def radiotherapy(c: Context) -> Made:
    start = c.write(c.when - timedelta(days=c.rng.randint(14, 30)))
    end = c.write(c.when - timedelta(days=c.rng.randint(1, 7)))
    lines = {
        "en": [f"Treatment start: {start}   Completed: {end}", f"Date of report: {c.day(0)}",
               "Site: whole brain. Dose: 20 Gy in 5 fractions, 6 MV photons.",
               "Acute toxicity: fatigue grade 1, alopecia."],
        "de": [f"Bestrahlung vom {start} bis {end}", f"Abschlussbericht vom {c.day(0)}",
               "Zielvolumen: Ganzhirn, 20 Gy in 5 Fraktionen."],
        "fr": [f"Traitement du {start} au {end}", f"Compte rendu de fin de traitement du "
               f"{c.day(0)}", "Radiothérapie encéphalique : 20 Gy en 5 séances."],
        "es": [f"Tratamiento del {start} al {end}", f"Fecha del informe: {c.day(0)}",
               "Radioterapia holocraneal: 20 Gy en 5 fracciones."],
        "it": [f"Trattamento dal {start} al {end}", f"Data referto: {c.day(0)}",
               "Radioterapia panencefalica: 20 Gy in 5 frazioni."],
    }[c.lang.split("-")[0]]
    head = c.pick({"en": ["Radiation Oncology Treatment Summary"],
                   "de": ["Strahlentherapie - Abschlussbericht"],
                   "fr": ["Radiothérapie - compte rendu"], "es": ["Oncología radioterápica"],
                   "it": ["Radioterapia - relazione conclusiva"]})
    return head, lines, c.when


TEMPLATES: dict[str, Callable[[Context], Made]] = {
    "pathology": pathology, "imaging-report": imaging, "laboratory": laboratory,
    "genomics": genomics, "clinic-letter": clinic_letter, "discharge-summary": discharge,
    "administrative": administrative, "medication": medication, "surgery": surgery,
    "radiotherapy": radiotherapy,
}
