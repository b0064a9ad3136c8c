"""The demographic fields a Focus Student Transfer can import (seed 000, end
list "Demographic Fields That are Part of the Import Process").

``IMPORTABLE_DEMOGRAPHIC_FIELDS`` maps every label of that list, spelled
exactly as the seed spells it (typos included, e.g. "National Hispanic
ScholarA"), to the ``fl.student`` field that holds it, or to None when the
value is deliberately not stored; ``NOT_IMPORTED_REASONS`` says why. The
fields are declared on the student (``student.py``, ``student_academic.py``);
the import screen walks this map; ``tests/test_student_demographics.py``
checks every target exists. Several labels may share a field (Focus lists a
value both under its database column and under its screen label).
"""

IMPORTABLE_DEMOGRAPHIC_FIELDS = {
    # Focus database columns (lower case in the seed)
    "504_eligible": "section_504",
    "birthdate": "birthdate",
    "birth_city": "birth_city",
    "birth_location": "birth_location",
    "algebra_i_eoc_date": "algebra_1_eoc_date",
    "algebra_ii_eoc_date": "algebra_2_eoc_date",
    "biology_i_eoc_date": "biology_eoc_date",
    "civics_eoc_date": "civics_eoc_date",
    "ese_code": "primary_exceptionality_id",
    "first_name": "first_name",
    "fcat_math_pass": "fcat_math_passed",
    "florida_id": "florida_student_id",
    "gender": "sex_id",
    "geometry_eoc_date": "geometry_eoc_date",
    "last_name": "last_name",
    "middle_name": "middle_name",
    "preferred_first_name": "preferred_first_name",
    "primary_language": "primary_language",
    "reading_pass_date": "reading_pass_date",
    "residence_status": "residence_status",
    # Focus keeps the FLEID in its "State ID" column.
    "state_id": "fleid",
    "tide_access_code": "tide_access_code",
    "ushistory_eoc_date": "us_history_eoc_date",
    # Screen labels
    "Refer Date": "ese_referral_date",
    "Diploma Type": "diploma_type_id",
    "Hearing Screening Status": "hearing_screening",
    "Diploma Date": "diploma_date",
    "Certificate of Completion": "certificate_type_id",
    "Certificate of Completion Date": "certificate_date",
    "District Community/Volunteer Service Requirement Met": "service_requirement_met",
    "National Merit Scholar": "national_merit",
    "National Achievement Scholar": "national_achievement",
    "Vision Status": "vision_screening",
    "Number of Community Service Hours": "service_hours",
    "National Hispanic ScholarA": "national_hispanic",
    "AICE Program Participant": "aice_program",
    "IB Diploma": "ib_diploma",
    "College Ready Diploma": "college_ready_diploma",
    "Differentiated Diploma": "differentiated_diploma",
    "Language Most Frequently Spoken by Child": "primary_language",
    "English Language Learner": "ell_status",
    "Home Language Survey Date": "home_language_survey_date",
    "Immunization Status": "immunization_status_id",
    "Pre-Kindergarten Partic": "pre_k_participation",
    "ELL Entry Date": "ell_entry_date",
    "Student Plan Date": "ell_student_plan_date",
    "Classification Date": "ell_classification_date",
    "ELL Exit Date": "ell_exit_date",
    "Re-evaluation Date": "ell_reevaluation_date",
    "Extension of Instruction": "ell_extension",
    "Reclassification Date": "ell_reclassification_date",
    "Reclassification Exit Date": "ell_reclassification_exit_date",
    "Basis of Entry": "ell_basis_of_entry",
    "First Basis of Exit": "ell_first_exit_basis",
    "Migrant Residency Date": "migrant_residency_date",
    "Additional School Year": "additional_school_year",
    "Country of Birth": "country_of_birth",
    "Graduation Plan": "graduation_option_id",
    "Migrant Status Term": "migrant_status_term_id",
    "Homeless Unaccompanied Youth": "homeless_unaccompanied",
    "Florida Alias": "alias_number",
    "IEP/EP Plan Date": "ese_plan_date",
    "Migrant: MSIX Identification Number": "msix_id",
    "State Where Migrant was Born": "migrant_birth_state",
    "PE Waiver": "pe_waiver",
    "Early Admission to College Flag": "early_admission",
    "Multi Birth for Faster": "multiple_birth",
    "Even Start Family Literacy Program Participant": "even_start",
    "Florida First Start Program Participant": "first_start",
    "Year Entered Ninth Grade": "year_entered_ninth_grade",
    "Race: American Indian or Alaska Native": "race_indian",
    "Race: Asian": "race_asian",
    "Race: Black or African American": "race_black",
    "Race: Native Hawaiian or Other Pacific Islander": "race_pacific",
    "Race: White": "race_white",
    "Ethnicity: Hispanic or Latin": "hispanic",
    "Single Ethnicity": None,
    "Florida Education Identifier": "fleid",
    "Diploma Designation": "diploma_designation_id",
    "MEP Enrollment Date": "mep_enrollment_date",
    "Algebra I Assessment Passed": "algebra_1_passed",
    "Geometry Assessment Passed": "geometry_passed",
    "Biology Assessment Passed": "biology_passed",
    "U.S. History Assessment Passed": "us_history_passed",
    "Vaccine Certification Expiration Date": "immunization_expiration_date",
    "Birth Date Verification": "birth_verification_id",
    "Algebra II EOC Pass Date": "algebra_2_pass_date",
    "Diploma Biliteracy Seal Designation": "biliteracy_seal",
    "English/Language Arts Assessment Met": "ela_met",
    "Civic Literacy Competency Indicator (FASTER)": "civic_literacy_passed",
    "AICE Diploma": "aice_diploma",
    "Migrant Residency Verification Date": "migrant_residency_verification_date",
    "General Education Met (Postsecondary FASTER)": None,
    "Reverse Transfer Award Code (Postsecondary FASTER)": None,
    "Transfer Option (Postsecondary FASTER)": None,
    "Paid Work Hours (FASTER)": "paid_work_hours",
    "General Education Digital Badge (Postsecondary FASTER)": None,
    "General Education Code Met (Postsecondary FASTER)": None,
    "Civic Literacy Course Completion (Postsecondary FASTER)": None,
    "Civic Literacy Assessment Requirement (Postsecondary FASTER)": None,
    "Critical/Chronic Health Information - 911 Medical Alert [Indicator] (FASTER)": (
        "medical_alert"
    ),
    "Critical/Chronic Health Information - 911 Medical Alert [Information] "
    "(FASTER)": "medical_alert_info",
    "English Language Learners: Post Reclassification Date [First Report Card] "
    "(FASTER)": "ell_post_reclass_report_card_date",
    "English Language Learners: Post Reclassification Date [First Semiannual "
    "Review] (FASTER)": "ell_post_reclass_first_review_date",
    "English Language Learners: Post Reclassification Date [Second Semi-annual "
    "Review] (FASTER)": "ell_post_reclass_second_review_date",
    "English Language Learners: Post Reclassification Date [End of the Second "
    "Year] (FASTER)": "ell_post_reclass_second_year_date",
    "Career and Professional Academy Participant": "career_academy",
    "Diploma Florida Seal of Fine Arts Designation": "fine_arts_seal",
    "Graduation Requirement Basis": "graduation_requirement_basis",
    "Online Course Exempt": "online_course_exempt",
}

_POSTSECONDARY = (
    "Postsecondary FASTER element: only Florida colleges and universities keep "
    "and send it; a K-12 district has no place for it and never sends it."
)
NOT_IMPORTED_REASONS = {
    "Single Ethnicity": "Derived, never imported: the racial/ethnic category "
    "(racial_category_id) is computed from the Hispanic flag and the five race "
    "flags, which are imported.",
    "General Education Met (Postsecondary FASTER)": _POSTSECONDARY,
    "Reverse Transfer Award Code (Postsecondary FASTER)": _POSTSECONDARY,
    "Transfer Option (Postsecondary FASTER)": _POSTSECONDARY,
    "General Education Digital Badge (Postsecondary FASTER)": _POSTSECONDARY,
    "General Education Code Met (Postsecondary FASTER)": _POSTSECONDARY,
    "Civic Literacy Course Completion (Postsecondary FASTER)": _POSTSECONDARY,
    "Civic Literacy Assessment Requirement (Postsecondary FASTER)": _POSTSECONDARY,
}


def importable_demographic_field_names():
    """The distinct student fields the import screen may overwrite, in the
    seed's order."""
    return list(dict.fromkeys(f for f in IMPORTABLE_DEMOGRAPHIC_FIELDS.values() if f))
