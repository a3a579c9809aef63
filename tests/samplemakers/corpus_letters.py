"""Corpus templates: letters, discharge summaries, bills, prescriptions, operations and
radiotherapy (all fictional)."""

from __future__ import annotations

from datetime import timedelta

from tests.samplemakers.corpus_words import Context, Made


def clinic_letter(c: Context) -> Made:
    history = c.write(c.when - timedelta(days=c.rng.randint(40, 300)))
    follow = c.write(c.when + timedelta(days=c.rng.choice([28, 42, 90])))
    lines = {
        "en": [
            c.pick([c.day(0), f"Date: {c.day(0)}", f"Clinic date: {c.day(0)}"]),
            c.pick(["Dear Dr. Fictitious,", "Dear Colleague,"]),
            "I reviewed your patient in the oncology outpatient clinic today with her husband.",
            f"She started her current treatment on {history} and tolerates it "
            "well, with mild fatigue only.",
            "On examination she is well, ECOG 1.",
            f"Plan: continue treatment; follow-up appointment on {follow} with bloods.",
            "Yours sincerely,",
            c.doctor,
        ],
        "de": [
            f"Beispielstadt, den {c.day(0)}",
            "Sehr geehrte Frau Kollegin,",
            "wir berichten über die ambulante Vorstellung Ihrer Patientin in unserer "
            f"Sprechstunde. Therapiebeginn am {history}.",
            f"Procedere: Fortführung der Therapie, Wiedervorstellung am {follow}.",
            "Mit freundlichen Grüßen",
            c.doctor,
        ],
        "fr": [
            f"Exempleville, le {c.day(0)}",
            "Cher confrère,",
            f"J'ai revu en consultation votre patiente, traitée depuis le {history}.",
            f"Nous poursuivons le traitement. Prochain rendez-vous le {follow}.",
            "Bien confraternellement,",
            c.doctor,
        ],
        "es": [
            f"Fecha de consulta: {c.day(0)}",
            "Estimado compañero:",
            f"Valoramos en consulta a su paciente, en tratamiento desde {history}.",
            f"Plan: mantener tratamiento. Próxima cita el {follow}.",
            "Atentamente,",
            c.doctor,
        ],
        "it": [
            f"Data visita: {c.day(0)}",
            "Gentile collega,",
            f"ho visitato in ambulatorio la sua paziente, in terapia dal {history}.",
            f"Si prosegue la terapia. Prossimo controllo il {follow}.",
            "Cordiali saluti,",
            c.doctor,
        ],
    }[c.lang.split("-")[0]]
    head = c.pick(
        {
            "en": ["Oncology Clinic Letter", "Outpatient Consultation", "Clinic Letter"],
            "de": ["Arztbrief", "Ambulanter Bericht"],
            "fr": ["Compte rendu de consultation"],
            "es": ["Informe de consulta"],
            "it": ["Lettera al medico curante"],
        }
    )
    return head, lines, c.when


def discharge(c: Context) -> Made:
    stay = c.rng.randint(2, 9)
    admitted = c.write(c.when - timedelta(days=stay))
    follow = c.write(c.when + timedelta(days=14))
    lines = {
        "en": [
            f"Admission date: {admitted}   Discharge date: {c.day(0)}",
            "Reason for admission: febrile neutropenia after chemotherapy.",
            "Hospital course: intravenous antibiotics, blood cultures negative, recovered.",
            "Discharge medications: co-amoxiclav for 5 days, filgrastim.",
            f"Follow-up: oncology clinic on {follow}.",
            f"Written by {c.doctor}.",
        ],
        "de": [
            f"Stationärer Aufenthalt vom {admitted} bis {c.day(0)}",
            f"Aufnahme am {admitted} wegen Fieber in Neutropenie. Entlassung am {c.day(0)}.",
            "Verlauf: intravenöse Antibiose, Entfieberung.",
            "Entlassungsmedikation: keine Änderung.",
            f"Wiedervorstellung am {follow}.",
            c.doctor,
        ],
        "fr": [
            f"Hospitalisation du {admitted} au {c.day(0)}",
            f"Date d'entrée : {admitted}   Date de sortie : {c.day(0)}",
            "Motif d'hospitalisation : neutropénie fébrile.",
            "Évolution favorable sous antibiothérapie.",
            f"Rendez-vous de contrôle le {follow}.",
            c.doctor,
        ],
        "es": [
            f"Fecha de ingreso: {admitted}   Fecha de alta: {c.day(0)}",
            "Motivo de ingreso: neutropenia febril.",
            "Evolución favorable con antibióticos.",
            f"Próxima revisión el {follow}.",
            c.doctor,
        ],
        "it": [
            f"Data ricovero: {admitted}   Data dimissione: {c.day(0)}",
            "Motivo del ricovero: neutropenia febbrile.",
            "Decorso regolare con antibiotici.",
            f"Prossimo controllo il {follow}.",
            c.doctor,
        ],
    }[c.lang.split("-")[0]]
    head = c.pick(
        {
            "en": ["Discharge Summary", "Inpatient Discharge Letter"],
            "de": ["Entlassungsbrief"],
            "fr": ["Compte rendu d'hospitalisation"],
            "es": ["Informe de alta"],
            "it": ["Lettera di dimissione"],
        }
    )
    return head, lines, c.when


def administrative(c: Context) -> Made:
    service = c.write(c.when - timedelta(days=c.rng.randint(10, 40)))
    lines = {
        "en": [
            c.pick(
                [f"Statement date: {c.day(0)}", f"Invoice date: {c.day(0)}", f"Date: {c.day(0)}"]
            ),
            "Member ID: XQZ-000-1234   Claim number: 0000-1111",
            "Date of service   Description   Billed   Plan paid   You owe",
            f"{service}   Infusion, chemotherapy   $3,200.00   $2,900.00   $300.00",
            "Amount due: $300.00. Please pay by the due date shown on this statement.",
        ],
        "de": [
            f"Rechnungsdatum: {c.day(0)}",
            "Versichertennummer: A000000000",
            f"Leistung vom {service}: ambulante Chemotherapie.",
            "Rechnungsbetrag: 310,00 EUR.",
        ],
        "fr": [
            f"Date : {c.day(0)}",
            "Décompte de remboursement de l'assurance maladie.",
            f"Soins du {service} : consultation.",
            "Montant remboursé : 25,00 EUR.",
        ],
        "es": [
            f"Fecha de emisión: {c.day(0)}",
            "Factura de servicios médicos.",
            f"Servicio del {service}: consulta de oncología.",
            "Importe: 120,00 EUR.",
        ],
        "it": [
            f"Data: {c.day(0)}",
            "Fattura per prestazioni sanitarie. Ticket.",
            f"Prestazione del {service}: visita oncologica.",
            "Importo: 36,15 EUR.",
        ],
    }[c.lang.split("-")[0]]
    head = c.pick(
        {
            "en": ["Explanation of Benefits", "Patient Statement", "Invoice"],
            "de": ["Rechnung"],
            "fr": ["Décompte de remboursement"],
            "es": ["Factura"],
            "it": ["Fattura"],
        }
    )
    return head, lines, c.when


def medication(c: Context) -> Made:
    lines = {
        "en": [
            f"Date: {c.day(0)}",
            "Rx: Letrozole 2.5 mg tablets. Sig: take 1 tablet by mouth once daily.",
            "Dispense: 30 tablets. Refills: 5.",
            f"Prescriber: {c.doctor}",
        ],
        "de": [
            f"Datum: {c.day(0)}",
            "Rezept: Tamoxifen 20 mg, 100 Tabletten, 1-0-0.",
            f"{c.doctor}",
        ],
        "fr": [
            f"Le {c.day(0)}",
            "Ordonnance : Anastrozole 1 mg, un comprimé par jour, 3 mois.",
            f"{c.doctor}",
        ],
        "es": [
            f"Fecha: {c.day(0)}",
            "Receta: Letrozol 2,5 mg, un comprimido al día.",
            f"{c.doctor}",
        ],
        "it": [
            f"Data: {c.day(0)}",
            "Ricetta: Letrozolo 2,5 mg, una compressa al giorno.",
            f"{c.doctor}",
        ],
    }[c.lang.split("-")[0]]
    head = c.pick(
        {
            "en": ["Prescription", "Outpatient Prescription"],
            "de": ["Rezept"],
            "fr": ["Ordonnance"],
            "es": ["Receta médica"],
            "it": ["Ricetta medica"],
        }
    )
    return head, lines, c.when


def surgery(c: Context) -> Made:
    lines = {
        "en": [
            f"Date of operation: {c.day(0)}",
            "Surgeon: " + c.doctor + "   Anesthesia: general",
            "Procedure: left mastectomy and sentinel lymph node biopsy.",
            "Findings: 3 cm mass upper outer quadrant. Two sentinel nodes removed.",
            "Closure: subcuticular absorbable suture; drain placed. Estimated blood loss 50 mL.",
        ],
        "de": [
            f"OP-Datum: {c.day(0)}",
            "Eingriff: Mastektomie links mit Sentinel-Biopsie.",
            "Operateur: " + c.doctor + ", Narkose: ITN.",
            "Verlauf: komplikationslos.",
        ],
        "fr": [
            f"Date de l'intervention : {c.day(0)}",
            "Intervention : mastectomie gauche avec ganglion sentinelle.",
            "Chirurgien : " + c.doctor + ". Anesthésie générale.",
        ],
        "es": [
            f"Fecha de la intervención: {c.day(0)}",
            "Intervención: mastectomía izquierda y biopsia de ganglio centinela.",
            "Cirujano: " + c.doctor + ". Anestesia general.",
        ],
        "it": [
            f"Data intervento: {c.day(0)}",
            "Intervento: mastectomia sinistra con biopsia del linfonodo sentinella.",
            "Chirurgo: " + c.doctor + ". Anestesia generale.",
        ],
    }[c.lang.split("-")[0]]
    head = c.pick(
        {
            "en": ["Operative Report", "Operation Note"],
            "de": ["Operationsbericht"],
            "fr": ["Compte rendu opératoire"],
            "es": ["Informe quirúrgico"],
            "it": ["Verbale operatorio"],
        }
    )
    return head, lines, c.when


def radiotherapy(c: Context) -> Made:
    start = c.write(c.when - timedelta(days=c.rng.randint(14, 30)))
    end = c.write(c.when - timedelta(days=c.rng.randint(1, 7)))
    lines = {
        "en": [
            f"Treatment start: {start}   Completed: {end}",
            f"Date of report: {c.day(0)}",
            "Site: whole brain. Dose: 20 Gy in 5 fractions, 6 MV photons.",
            "Acute toxicity: fatigue grade 1, alopecia.",
        ],
        "de": [
            f"Bestrahlung vom {start} bis {end}",
            f"Abschlussbericht vom {c.day(0)}",
            "Zielvolumen: Ganzhirn, 20 Gy in 5 Fraktionen.",
        ],
        "fr": [
            f"Traitement du {start} au {end}",
            f"Compte rendu de fin de traitement du {c.day(0)}",
            "Radiothérapie encéphalique : 20 Gy en 5 séances.",
        ],
        "es": [
            f"Tratamiento del {start} al {end}",
            f"Fecha del informe: {c.day(0)}",
            "Radioterapia holocraneal: 20 Gy en 5 fracciones.",
        ],
        "it": [
            f"Trattamento dal {start} al {end}",
            f"Data referto: {c.day(0)}",
            "Radioterapia panencefalica: 20 Gy in 5 frazioni.",
        ],
    }[c.lang.split("-")[0]]
    head = c.pick(
        {
            "en": ["Radiation Oncology Treatment Summary"],
            "de": ["Strahlentherapie - Abschlussbericht"],
            "fr": ["Radiothérapie - compte rendu"],
            "es": ["Oncología radioterápica"],
            "it": ["Radioterapia - relazione conclusiva"],
        }
    )
    return head, lines, c.when
