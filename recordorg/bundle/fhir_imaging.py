"""The FHIR ImagingStudy of a study in the bundle: its UIDs, series and instances as written."""

from __future__ import annotations

from typing import Any

from recordorg.bundle.contents import BundleEntry, StudyFacts

DCM = "http://dicom.nema.org/resources/ontology/DCM"


def imaging_study(entry: BundleEntry, study: StudyFacts, subject: dict[str, str]) -> dict:
    """The ImagingStudy resource of one study (no id: the bundle gives it one)."""
    resource: dict[str, Any] = {
        "resourceType": "ImagingStudy",
        "status": "available",
        "subject": subject,
        "identifier": [{"system": "urn:dicom:uid", "value": f"urn:oid:{study.uid}"}],
        "numberOfSeries": len(study.series),
        "numberOfInstances": study.instance_count,
        "description": entry.title[:1000],
        "series": [
            {
                "uid": s.uid,
                "modality": {"system": DCM, "code": s.modality or "OT"},
                **({"number": s.number} if s.number is not None else {}),
                **({"description": s.description} if s.description else {}),
                "numberOfInstances": len(s.instances),
                "instance": [
                    {
                        "uid": uid,
                        "sopClass": {
                            "system": "urn:ietf:rfc:3986",
                            "code": f"urn:oid:{sop_class}",
                        },
                        **({"number": number} if number is not None else {}),
                    }
                    for uid, sop_class, number, _path in s.instances
                ],
            }
            for s in study.series
        ],
    }
    if study.date:
        resource["started"] = study.date
    return resource
