"""Corpus templates: pathology, imaging, laboratory and genomic reports (all fictional)."""

from __future__ import annotations

from datetime import timedelta

from tests.samplemakers.corpus_words import Context, Made


def pathology(c: Context) -> Made:
    collected, reported = c.day(0), c.day(c.rng.randint(1, 6))
    site = c.pick(
        {
            "en": [
                "left breast, 2 o'clock, core needle biopsy",
                "liver, segment VI, ultrasound-guided core biopsy",
                "right axillary lymph node, excision",
                "left breast, wide local excision",
                "lung, right lower lobe, CT-guided biopsy",
            ],
            "de": ["Mamma links, Stanzbiopsie", "Leber Segment VI, Stanzbiopsie"],
            "fr": ["sein gauche, biopsie au trocart", "foie, biopsie percutanée"],
            "es": ["mama izquierda, biopsia con aguja gruesa", "hígado, biopsia"],
            "it": ["mammella sinistra, agobiopsia", "fegato, biopsia ecoguidata"],
        }
    )
    head = c.pick(
        {
            "en": [
                "SURGICAL PATHOLOGY REPORT",
                "Histopathology Report",
                "Pathology Report",
                "Anatomic Pathology - Final Report",
            ],
            "de": ["Histologischer Befundbericht", "Pathologisch-anatomischer Befund"],
            "fr": ["Compte rendu d'anatomie et cytologie pathologiques"],
            "es": ["Informe de Anatomía Patológica"],
            "it": ["Referto di Anatomia Patologica", "Referto istologico"],
        }
    )
    dates = c.pick(
        {
            "en": [
                f"Collected: {collected}   Received: {collected}   Reported: {reported}",
                f"Date of procedure: {collected}\nDate reported: {reported}",
                f"Specimen taken {collected}; final report issued {reported}",
            ],
            "de": [f"Entnahme: {collected}   Eingang: {collected}   Befunddatum: {reported}"],
            "fr": [f"Prélevé le {collected}   Reçu le {collected}   Validé le {reported}"],
            "es": [f"Fecha de toma de muestra: {collected}   Fecha de informe: {reported}"],
            "it": [f"Data prelievo: {collected}   Data referto: {reported}"],
        }
    )
    body = {
        "en": [
            f"SPECIMEN: {site}.",
            "CLINICAL INFORMATION: mass on imaging, query malignancy.",
            "MICROSCOPIC DESCRIPTION: infiltrating carcinoma forming glands and cords in a "
            "desmoplastic stroma.",
            f"FINAL DIAGNOSIS: invasive carcinoma, grade {c.rng.randint(1, 3)}.",
            "Immunostains: ER positive (90%), PR positive (30%), HER2 1+ negative, Ki-67 25%.",
            f"Electronically signed out by {c.doctor} on {reported}.",
        ],
        "de": [
            f"Material: {site}.",
            "Mikroskopie: Infiltrate eines invasiven Karzinoms.",
            "Diagnose: invasives Karzinom NST, G2. Hormonrezeptoren positiv, HER2 negativ.",
            f"{c.doctor}, Facharzt für Pathologie",
        ],
        "fr": [
            f"Nature du prélèvement : {site}.",
            "Examen microscopique : carcinome infiltrant.",
            "Conclusion : carcinome infiltrant de type non spécifique, grade 2. RE positifs.",
            f"{c.doctor}, pathologiste",
        ],
        "es": [
            f"Muestra: {site}.",
            "Descripción microscópica: carcinoma infiltrante.",
            "Diagnóstico: carcinoma infiltrante de tipo no especial, grado 2.",
            f"Firmado: {c.doctor}, patólogo",
        ],
        "it": [
            f"Materiale: {site}.",
            "Esame microscopico: carcinoma infiltrante.",
            "Diagnosi: carcinoma infiltrante NST, grado 2. Recettori ormonali positivi.",
            f"{c.doctor}, anatomopatologo",
        ],
    }[c.lang.split("-")[0]]
    return head, [dates, *body], c.when


def imaging(c: Context) -> Made:
    exam = c.pick(
        {
            "en": [
                "CT CHEST, ABDOMEN AND PELVIS WITH CONTRAST",
                "MRI BRAIN WITH AND WITHOUT CONTRAST",
                "PET/CT SKULL BASE TO MID-THIGH",
                "BILATERAL DIAGNOSTIC MAMMOGRAM",
                "ULTRASOUND ABDOMEN",
                "CT THORAX",
                "MRI LUMBAR SPINE",
                "NUCLEAR MEDICINE BONE SCAN",
            ],
            "de": ["CT Thorax/Abdomen mit Kontrastmittel", "MRT Schädel nativ und mit KM"],
            "fr": ["Scanner thoraco-abdomino-pelvien injecté", "IRM cérébrale"],
            "es": ["TC de tórax, abdomen y pelvis con contraste", "RM cerebral"],
            "it": ["TC torace-addome con mezzo di contrasto", "RM encefalo"],
        }
    )
    prior = c.write(c.when - timedelta(days=c.rng.randint(60, 200)))
    signed = c.day(c.rng.choice([0, 0, 1]))
    lines = {
        "en": [
            c.pick(
                [
                    f"Exam date: {c.day(0)}",
                    f"Date of examination: {c.day(0)}",
                    f"Study date: {c.day(0)}   Accession: RAD{c.rng.randint(10000, 99999)}",
                ]
            ),
            f"EXAM: {exam}",
            "INDICATION: metastatic breast cancer, restaging.",
            f"COMPARISON: prior study dated {prior}.",
            "FINDINGS: several hypodense hepatic lesions, the largest 24 mm. No new lesions "
            "elsewhere. No pleural effusion.",
            "IMPRESSION: stable disease compared with the prior examination.",
            f"Dictated by {c.doctor}. Signed {signed}.",
        ],
        "de": [
            f"Untersuchung vom {c.day(0)}: {exam}",
            "Fragestellung: Verlaufskontrolle bei metastasiertem Mammakarzinom.",
            f"Voruntersuchung vom {prior} zum Vergleich.",
            "Befund: mehrere hypodense Leberläsionen, größte 24 mm.",
            "Beurteilung: stabiler Befund.",
            f"{c.doctor}",
        ],
        "fr": [
            f"Examen réalisé le {c.day(0)} : {exam}",
            "Indication : bilan d'extension.",
            f"Comparaison avec l'examen précédent du {prior}.",
            "Résultats : plusieurs lésions hépatiques hypodenses.",
            "Conclusion : stabilité lésionnelle.",
            f"{c.doctor}, radiologue",
        ],
        "es": [
            f"Fecha de la exploración: {c.day(0)}",
            f"Estudio: {exam}",
            f"Comparación con estudio previo del {prior}.",
            "Hallazgos: lesiones hepáticas hipodensas.",
            "Conclusión: enfermedad estable.",
            f"{c.doctor}, radiólogo",
        ],
        "it": [
            f"Data esame: {c.day(0)}",
            f"Esame: {exam}",
            f"Confronto con esame precedente del {prior}.",
            "Reperti: multiple lesioni epatiche ipodense.",
            "Conclusioni: quadro stabile.",
            f"{c.doctor}, radiologo",
        ],
    }[c.lang.split("-")[0]]
    head = c.pick(
        {
            "en": ["Radiology Report", "Diagnostic Imaging Report", exam.title()],
            "de": ["Radiologischer Befund"],
            "fr": ["Compte rendu d'imagerie"],
            "es": ["Informe radiológico"],
            "it": ["Referto radiologico"],
        }
    )
    return head, lines, c.when


def laboratory(c: Context) -> Made:
    rows = {
        "en": [
            ("Hemoglobin", "11.2", "g/dL", "12.0-15.5"),
            ("WBC", "4.1", "10^9/L", "4.0-11.0"),
            ("Platelets", "182", "10^9/L", "150-400"),
            ("Creatinine", "0.9", "mg/dL", "0.5-1.1"),
            ("ALT", "41", "U/L", "7-35"),
            ("CA 15-3", "64", "U/mL", "<30"),
        ],
        "de": [
            ("Hämoglobin", "11,2", "g/dl", "12,0-15,5"),
            ("Leukozyten", "4,1", "/nl", "4,0-10,0"),
            ("Thrombozyten", "182", "/nl", "150-400"),
            ("Kreatinin", "0,9", "mg/dl", "0,5-1,1"),
        ],
        "fr": [
            ("Hémoglobine", "11,2", "g/dL", "12-16"),
            ("Leucocytes", "4,1", "G/L", "4-10"),
            ("Plaquettes", "182", "G/L", "150-400"),
            ("Créatinine", "80", "µmol/L", "45-90"),
        ],
        "es": [
            ("Hemoglobina", "11,2", "g/dL", "12-15,5"),
            ("Leucocitos", "4,1", "x10^3/µL", "4-11"),
            ("Plaquetas", "182", "x10^3/µL", "150-400"),
            ("Creatinina", "0,9", "mg/dL", "0,5-1,1"),
        ],
        "it": [
            ("Emoglobina", "11,2", "g/dL", "12-15,5"),
            ("Leucociti", "4,1", "10^3/µL", "4-10"),
            ("Piastrine", "182", "10^3/µL", "150-400"),
            ("Creatinina", "0,9", "mg/dL", "0,5-1,1"),
        ],
    }[c.lang.split("-")[0]]
    head_row = {
        "en": "Test  Result  Units  Reference range",
        "de": "Analyse  Wert  Einheit  Referenzbereich",
        "fr": "Analyse  Résultat  Unité  Valeurs de référence",
        "es": "Prueba  Resultado  Unidades  Valores de referencia",
        "it": "Esame  Risultato  Unità  Valori di riferimento",
    }[c.lang.split("-")[0]]
    dates = c.pick(
        {
            "en": [
                f"Collected: {c.day(0)} 07:40   Reported: {c.day(c.rng.randint(0, 1))}",
                f"Specimen collected {c.day(0)}  |  Resulted {c.day(1)}",
            ],
            "de": [f"Probenentnahme: {c.day(0)}   Befund vom {c.day(1)}"],
            "fr": [f"Prélèvement du {c.day(0)} à 08h10   Édité le {c.day(1)}"],
            "es": [f"Fecha de extracción: {c.day(0)}   Fecha de validación: {c.day(1)}"],
            "it": [f"Data prelievo: {c.day(0)}   Data validazione: {c.day(1)}"],
        }
    )
    head = c.pick(
        {
            "en": ["Laboratory Report", "Cumulative Results", "Blood Test Results"],
            "de": ["Laborbefund"],
            "fr": ["Résultats d'analyses biologiques"],
            "es": ["Informe de laboratorio"],
            "it": ["Referto di laboratorio"],
        }
    )
    table = [f"{n}  {v}  {u}  {r}" for n, v, u, r in rows]
    return head, [dates, head_row, *table], c.when


def genomics(c: Context) -> Made:
    collected = c.write(c.when - timedelta(days=c.rng.choice([14, 30, 400, 900])))
    lines = {
        "en": [
            f"Specimen collected: {collected}   Report date: {c.day(0)}",
            "Test: 500-gene hybrid capture DNA sequencing panel (tissue).",
            "Genomic findings: PIK3CA H1047R, variant allele frequency 27%. ESR1: no "
            "alteration detected. BRCA1/2: no pathogenic variant.",
            "Tumor mutational burden: 3 mut/Mb. Microsatellite status: stable.",
        ],
        "de": [
            f"Materialentnahme: {collected}   Befunddatum: {c.day(0)}",
            "Methode: Next-Generation-Sequenzierung (NGS), Panel mit 50 Genen.",
            "Ergebnis: Nachweis einer PIK3CA-Mutation (H1047R), Allelfrequenz 27 %.",
        ],
        "fr": [
            f"Date de prélèvement : {collected}   Date du compte rendu : {c.day(0)}",
            "Technique : séquençage haut débit (NGS), panel de 50 gènes.",
            "Résultat : mutation PIK3CA H1047R détectée, fréquence allélique 27 %.",
        ],
        "es": [
            f"Fecha de muestra: {collected}   Fecha del informe: {c.day(0)}",
            "Técnica: secuenciación masiva (NGS), panel de 50 genes.",
            "Resultado: mutación PIK3CA H1047R detectada, frecuencia alélica 27 %.",
        ],
        "it": [
            f"Data prelievo: {collected}   Data referto: {c.day(0)}",
            "Metodica: sequenziamento di nuova generazione (NGS), pannello di 50 geni.",
            "Risultato: mutazione PIK3CA H1047R rilevata, frequenza allelica 27%.",
        ],
    }[c.lang.split("-")[0]]
    head = c.pick(
        {
            "en": [
                "Comprehensive Genomic Profiling",
                "Molecular Diagnostics Report",
                "Tumor Sequencing Results",
            ],
            "de": ["Molekularpathologischer Befund"],
            "fr": ["Compte rendu de biologie moléculaire"],
            "es": ["Informe de biología molecular"],
            "it": ["Referto di biologia molecolare"],
        }
    )
    return head, lines, c.when
