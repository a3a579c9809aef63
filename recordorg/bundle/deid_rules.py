"""What de-identification does to each DICOM attribute (after PS3.15 Annex E, Table E.1-1).

recordorg applies the Basic Application Level Confidentiality Profile with the Retain Patient
Characteristics and Clean Descriptors options, and either Retain Longitudinal Temporal
Information with Modified Dates (dates shifted) or dates removed. Beyond the named lists, every
person name (PN) is emptied, every UID outside the DICOM standard's own is remapped, private
attributes, curves and overlays are removed, and dates follow the user's choice.
"""

from __future__ import annotations

# X: removed outright.
REMOVE = frozenset(
    """
AcquisitionComments AcquisitionContextSequence AcquisitionProtocolDescription
ActualHumanPerformersSequence AdditionalPatientHistory AdmissionID AdmittingDate
AdmittingDiagnosesCodeSequence AdmittingDiagnosesDescription AdmittingTime Allergies Arbitrary
AuthorObserverSequence BranchOfService CassetteID CommentsOnThePerformedProcedureStep
ConfidentialityConstraintOnPatientDataDescription ContentCreatorIdentificationCodeSequence
ContributionDescription CountryOfResidence CurrentPatientLocation CurrentObserverTrial
CustodialOrganizationSequence DataSetTrailingPadding DerivationDescription DeviceSerialNumber
DigitalSignaturesSequence DischargeDiagnosisDescription DistributionAddress DistributionName
EthnicGroup FrameComments GantryID GeneratorID HumanPerformerName HumanPerformerOrganization
IconImageSequence IdentifyingComments ImageComments ImagePresentationComments
ImagingServiceRequestComments Impressions InstanceCreatorUID InstitutionAddress
InstitutionalDepartmentName InstitutionName InsurancePlanIdentification
IntendedRecipientsOfResultsIdentificationSequence InterpretationApproverSequence
InterpretationAuthor InterpretationDiagnosisDescription InterpretationIDIssuer
InterpretationRecorder InterpretationText InterpretationTranscriber IssuerOfAdmissionID
IssuerOfPatientID IssuerOfServiceEpisodeID LastMenstrualDate MedicalAlerts MedicalRecordLocator
MilitaryRank ModifiedAttributesSequence ModifyingDeviceID ModifyingDeviceManufacturer
NameOfPhysiciansReadingStudy NamesOfIntendedRecipientsOfResults Occupation OperatorsName
OperatorIdentificationSequence OriginalAttributesSequence OrderCallbackPhoneNumber
OrderEnteredBy OrderEntererLocation OtherPatientIDs OtherPatientIDsSequence OtherPatientNames
ParticipantSequence PatientAddress PatientComments PatientState PatientTransportArrangements
PatientBirthName PatientBirthTime PatientInsurancePlanCodeSequence PatientMotherBirthName
PatientPrimaryLanguageCodeSequence PatientReligiousPreference PatientTelephoneNumbers
PerformedLocation PerformedProcedureStepDescription PerformedProcedureStepID
PerformingPhysicianIdentificationSequence PerformingPhysicianName PersonAddress
PersonTelephoneNumbers PhysicianApprovingInterpretation
PhysiciansReadingStudyIdentificationSequence PhysiciansOfRecord
PhysiciansOfRecordIdentificationSequence PlateID PreMedication
ReasonForTheImagingServiceRequest ReasonForStudy ReferencedDigitalSignatureSequence
ReferencedPatientAliasSequence ReferencedPatientSequence ReferencedSOPInstanceMACSequence
ReferencedStudySequence ReferringPhysicianAddress ReferringPhysicianIdentificationSequence
ReferringPhysicianTelephoneNumbers RegionOfResidence RequestAttributesSequence
RequestedContrastAgent RequestedProcedureComments RequestedProcedureID
RequestedProcedureLocation RequestingPhysician RequestingService ResponsibleOrganization
ResponsiblePerson ResultsComments ResultsDistributionListSequence ResultsIDIssuer ReviewerName
ScheduledHumanPerformersSequence ScheduledPatientInstitutionResidence
ScheduledPerformingPhysicianIdentificationSequence ScheduledPerformingPhysicianName
ScheduledProcedureStepLocation ScheduledStationAETitle
ScheduledStationGeographicLocationCodeSequence ScheduledStationName
ScheduledStationNameCodeSequence ScheduledStudyLocation ScheduledStudyLocationAETitle
ServiceEpisodeDescription ServiceEpisodeID SourceApplicationEntityTitle SpecialNeeds
StationName StudyComments StudyIDIssuer TextComments TextString TopicAuthor TopicKeywords
TimezoneOffsetFromUTC TopicSubject TopicTitle VerifyingObserverIdentificationCodeSequence
VisitComments
""".split()
)

# Z: kept but emptied (they are Type 2 in most objects, so they must stay present).
EMPTY = frozenset(
    """
AccessionNumber ContentCreatorName FillerOrderNumberImagingServiceRequest
PatientBirthDate PlacerOrderNumberImagingServiceRequest ReferringPhysicianName
VerifyingObserverName VerifyingOrganization
""".split()
)

# C: descriptions kept for the reviewer, cleaned of the person's name (Clean Descriptors).
CLEAN = frozenset(
    """
StudyDescription SeriesDescription ProtocolName BodyPartExamined RequestedProcedureDescription
DocumentTitle
ContrastBolusAgent
""".split()
)

# K: kept as they are (Retain Patient Characteristics: sex, age, size and weight).
KEEP = frozenset("PatientSex PatientAge PatientSize PatientWeight PatientSexNeutered".split())

# Modalities and objects whose pixels often carry burned-in names and dates.
BURNED_IN_MODALITIES = frozenset("US SC OT XC ES GM SM DOC".split())
SECONDARY_CAPTURE_PREFIX = "1.2.840.10008.5.1.4.1.1.7"

METHOD_CODES = {
    "basic": ("113100", "Basic Application Confidentiality Profile"),
    "clean_descriptors": ("113105", "Clean Descriptors Option"),
    "modified_dates": ("113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
    "characteristics": ("113108", "Retain Patient Characteristics Option"),
}
STANDARD_UID_ROOT = "1.2.840.10008."
