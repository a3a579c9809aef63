"""Small synthetic clinical documents (C-CDA) for tests: a header, sections with narrative
and coded entries, written as XML text. No real patient is named."""

from __future__ import annotations

import base64

PROBLEM = """<entry><act classCode="ACT" moodCode="EVN"><code code="CONC"/>
<statusCode code="active"/><effectiveTime><low value="{start}"/></effectiveTime>
<entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
<code code="55607006" codeSystem="2.16.840.1.113883.6.96"/>
<effectiveTime><low value="{start}"/></effectiveTime>
<value xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CD" code="{code}"
 codeSystem="{system}" displayName="{name}"><originalText><reference value="#{ref}"/>
</originalText></value></observation></entryRelationship></act></entry>"""

MEDICATION = """<entry><substanceAdministration classCode="SBADM" moodCode="EVN">
<statusCode code="completed"/>
<effectiveTime xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="IVL_TS">
<low value="{start}"/><high value="{end}"/></effectiveTime>
<consumable><manufacturedProduct><manufacturedMaterial>
<code code="{code}" codeSystem="2.16.840.1.113883.6.88" displayName="{name}"/>
</manufacturedMaterial></manufacturedProduct></consumable></substanceAdministration></entry>"""

RESULT = """<entry><organizer classCode="BATTERY" moodCode="EVN"><statusCode code="completed"/>
<component><observation classCode="OBS" moodCode="EVN">
<code code="{code}" codeSystem="2.16.840.1.113883.6.1" displayName="{name}"/>
<effectiveTime value="{start}"/>
<value xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="{vtype}" {value}/>
</observation></component></organizer></entry>"""

PROCEDURE = """<entry><procedure classCode="PROC" moodCode="EVN">
<code code="{code}" codeSystem="2.16.840.1.113883.6.96" displayName="{name}"/>
<statusCode code="completed"/><effectiveTime value="{start}"/></procedure></entry>"""

ENCOUNTER = """<entry><encounter classCode="ENC" moodCode="EVN">
<code code="{code}" codeSystem="2.16.840.1.113883.6.12" displayName="{name}"/>
<effectiveTime><low value="{start}"/><high value="{end}"/></effectiveTime></encounter></entry>"""

ALLERGY = """<entry><act classCode="ACT" moodCode="EVN"><code code="CONC"/>
<entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
<effectiveTime><low value="2010"/></effectiveTime>
<participant typeCode="CSM"><participantRole classCode="MANU"><playingEntity classCode="MMAT">
<code code="7980" codeSystem="2.16.840.1.113883.6.88" displayName="Penicillin G"/>
</playingEntity></participantRole></participant></observation></entryRelationship></act></entry>"""

NARRATIVE_ATTACK = """<paragraph>Plain words <content styleCode="Bold">kept</content>.
<linkHtml href="https://tracker.example/x">a link shown as words</linkHtml><br/>next line
<renderMultiMedia referencedObject="img1"/><script>alert('x')</script>
<style>p { display: none }</style></paragraph>"""


def section(code: str, title: str, text: str, entries: str = "") -> str:
    return f"""<component><section><code code="{code}" codeSystem="2.16.840.1.113883.6.1"/>
<title>{title}</title><text>{text}</text>{entries}</section></component>"""


def clinical_document(
    *,
    title: str = "Oncology clinic note",
    code: tuple[str, str] = ("11488-4", "Consult note"),
    written: str = "20240305",
    service: tuple[str, str] | None = ("20240301", "20240302"),
    sections: str | None = None,
    patient_name: tuple[str, str] = ("Testa", "Ada"),
    birth: str = "19610412",
    prologue: str = "",
    attached: tuple[str, bytes] | None = None,
) -> bytes:
    """A C-CDA R2.1-like document; `sections` replaces the default problem, medicine, result,
    procedure, encounter and allergy sections; `attached` (media type, bytes) makes it an
    unstructured document carrying that file."""
    family, given = patient_name
    service_xml = (
        f"""<documentationOf><serviceEvent classCode="PCPR"><effectiveTime>
<low value="{service[0]}"/><high value="{service[1]}"/></effectiveTime></serviceEvent>
</documentationOf>"""
        if service
        else ""
    )
    body = sections if sections is not None else default_sections()
    component = f"<component><structuredBody>{body}</structuredBody></component>"
    if attached is not None:  # an unstructured document: one file, in base64
        encoded = base64.encodebytes(attached[1]).decode()
        component = (
            f'<component><nonXMLBody><text mediaType="{attached[0]}" representation="B64">'
            f"{encoded}</text></nonXMLBody></component>"
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>{prologue}
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<realmCode code="US"/><typeId extension="POCD_HD000040" root="2.16.840.1.113883.1.3"/>
<templateId root="2.16.840.1.113883.10.20.22.1.1" extension="2015-08-01"/>
<id root="1.2.3.4.5" extension="doc-1"/>
<code code="{code[0]}" codeSystem="2.16.840.1.113883.6.1" displayName="{code[1]}"/>
<title>{title}</title><effectiveTime value="{written}"/>
<recordTarget><patientRole><id root="2.16.840.1.113883.19.5" extension="MRN-0042"/>
<patient><name><given>{given}</given><family>{family}</family></name>
<administrativeGenderCode code="F" codeSystem="2.16.840.1.113883.5.1"/>
<birthTime value="{birth}"/></patient></patientRole></recordTarget>
<author><time value="{written}"/><assignedAuthor><id root="1.2.3"/>
<assignedPerson><name><prefix>Dr.</prefix><given>Maria</given><family>Example</family></name>
</assignedPerson><representedOrganization><name>Example Cancer Centre</name>
</representedOrganization></assignedAuthor></author>
{service_xml}
{component}</ClinicalDocument>""".encode()


def default_sections() -> str:
    problems = section(
        "11450-4",
        "Problems",
        '<list><item><content ID="p1">Carcinoma of breast</content></item>'
        '<item><content ID="p2">Metastasis to liver</content></item></list>',
        PROBLEM.format(
            start="202301", code="254837009", system="2.16.840.1.113883.6.96",
            name="Malignant neoplasm of breast", ref="p1",
        )
        + PROBLEM.format(
            start="20240115", code="C78.7", system="2.16.840.1.113883.6.90",
            name="Secondary malignant neoplasm of liver", ref="p2",
        ),
    )  # fmt: skip
    medicines = section(
        "10160-0",
        "Medications",
        "<table><thead><tr><th>Medicine</th><th>Dates</th></tr></thead><tbody>"
        "<tr><td>Paclitaxel</td><td>Feb 2023 to Jun 2023</td></tr></tbody></table>",
        MEDICATION.format(start="20230210", end="20230620", code="56946", name="paclitaxel"),
    )
    results = section(
        "30954-2",
        "Results",
        "<paragraph>HER2 by IHC: 3+. Hemoglobin 12.1 g/dL.</paragraph>",
        RESULT.format(
            code="18474-7", name="HER2 Ag [Presence] in Tissue by Immune stain",
            start="20230125", vtype="ST", value="",
        ).replace("/>\n</observation>", ">positive (3+)</value>\n</observation>")
        + RESULT.format(
            code="718-7", name="Hemoglobin", start="20240301", vtype="PQ",
            value='value="12.1" unit="g/dL"',
        ),
    )  # fmt: skip
    procedures = section(
        "47519-4",
        "Procedures",
        NARRATIVE_ATTACK,
        PROCEDURE.format(code="172043006", name="Total mastectomy", start="20230801"),
    )
    encounters = section(
        "46240-8",
        "Encounters",
        "<paragraph>Admitted for neutropenic fever.</paragraph>",
        ENCOUNTER.format(code="99223", name="Hospital admission", start="20230305", end="20230309"),
    )
    allergies = section("48765-2", "Allergies", "<paragraph>Penicillin: rash.</paragraph>", ALLERGY)
    return problems + medicines + results + procedures + encounters + allergies
