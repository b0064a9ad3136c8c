"""Declarative FASTER I/S01 -> SPEEDE/ExPRESS crosswalks.

Every table cites the I/S01 item of the FL DOE conversion specification
(shared seed 004, "Conversion Specification from Faster Elementary/Secondary
Demographic Format (I/S01) to ExPRESS Format").  A FASTER code absent from a
table has no crosswalk: the converter then writes no segment for it.
"""

# Items the seed marks "Ignored" (fillers are not listed: they carry no data).
IGNORED_ITEMS = frozenset(
    {
        "2",  # Student Number Identifier, Florida
        "4",  # District Number, Current Enrollment
        "5",  # School Number, Current Enrollment
        "7",  # Student Number Identifier-Alias
        "15",  # Migrant Birth State
        "15a",  # Military Family Student
        "17",  # Tech Prep Participant
        "31a",  # Health Examination, School Entry
        "41",  # Class Rank, Percentile
        "43",  # Grade Point Average District, Cumulative
        "51",  # LEP Home Language Survey Date
        "54",  # Graduation Requirement Basis
        "56",  # Resident Status, State/County
        "57",  # Multiple Birth Student
        "60",  # Participation in Special Education Prior to Kindergarten
        "68",  # Additional School Year Student
        "70",  # Technical Center Transcript Status
        "71",  # Technical Center Transcript Date Prepared
        "73",  # Physical Education Waiver (KG-8 Student)
    }
)

# Items 10, 10a-e -> DMG05 (Race or Ethnicity Code) when the flag is 'Y'.
# Order matters: it is the order of the seed and of the NTE "RACE" lines.
RACE_FLAG_ITEMS = {
    "10": "H",  # Hispanic
    "10a": "I",  # American Indian or Alaskan Native
    "10b": "A",  # Asian or Pacific Islander
    "10c": "B",  # Black
    "10d": "J",  # Hawaiian
    "10e": "C",  # Caucasian
}

# ExPRESS DMG05 descriptions, used by the NTE "RACE" lines (items 10, 10a-e).
RACE_DESCRIPTIONS = {
    "H": "Hispanic",
    "I": "American Indian or Alaskan Native",
    "A": "Asian or Pacific Islander",
    "B": "Black",
    "J": "Hawaiian",
    "C": "Caucasian",
    "E": "Other Race or Ethnicity",
    "7": "Not provided",
}

# Item 11 Sex -> DMG03 (Gender Code).  Blank -> blank.
SEX = {"M": "M", "F": "F"}

# Item 12 Race/Ethnic Category -> DMG05.  Blank -> 7 (Not provided).
RACE_CATEGORY = {"W": "C", "B": "B", "H": "H", "A": "A", "I": "I", "M": "E", "": "7"}

# Item 16 Grade Level -> SST08.  Anything else: blank (no crosswalk).
GRADE_LEVEL = {
    "PK": "PK",
    "KG": "0K",
    **{f"{n:02d}": f"{n:02d}" for n in range(1, 13)},
    "23": "12",
    "30": "AD",
    "31": "AD",
}

# Item 18a Diploma Designation -> SST01 and ATV03 (ATV01 SB, ATV02 ZZZ).
# Z (Not Applicable) is ignored.
_FS = "F.S.1003.428 and F.S.1003.4282"
DIPLOMA_DESIGNATION = {
    "S": (
        "B18",
        (
            f"Student has met the requirements of {_FS}, as applicable, "
            "in order to earn the Scholar designation"
        ),
    ),
    "M": (
        "B18",
        (
            f"Student has met the requirements of {_FS}, as applicable, "
            "in order to earn Merit designation"
        ),
    ),
    "B": (
        "B18",
        (
            "Both Scholar and Merit - Student has met the requirements of "
            f"{_FS}, as applicable, in order to earn both designations."
        ),
    ),
}

# Item 18b Graduation Option -> NTE "GOP:" verbiage.  N is converted to 4
# (note under code Z in the seed).
GRADUATION_OPTION = {
    "1": "Student has chosen the 24 Credit Standard High School Option.",
    "2": "Student has chosen the 18 Credit College Prep Option.",
    "3": "Student has chosen the 18 Credit Career Prep Option.",
    "4": "Applies to students who plan to exit with a Special Diploma as "
    "determined by the IEP Team.",
    "5": "18 Credit College Prep Option declared on or after 7/1/04 and not "
    "valid after 2014-2015 school year.",
    "6": "18 Credit Career Prep Option declared on or after 7/1/04 and not "
    "valid after 2014-2015 school year.",
    "7": "Student with disabilities opting to remain in school after receiving "
    "a special diploma, certificate of completion or special cert of "
    "completion, with no intention of working toward a standard diploma.",
    "8": "GED Exit Option Model",
    "9": "Student has chosen the ACCEL (Academically Challenging Curriculum to "
    "Enhance Learning) graduation option.",
    "Z": "Not applicable. Student is not in Grades 9-12.",
}
GRADUATION_OPTION_ALIASES = {"N": "4"}

# Items 19d, 19e, 19h -> ATV03 (ATV01 SB, ATV02 M04).  Z/blank ignored.
NATIONAL_MERIT = {"F": "NATIONAL MERIT FINALIST", "S": "NATIONAL MERIT SCHOLAR"}
NATIONAL_ACHIEVEMENT = {
    "F": "NATIONAL ACHIEVEMENT FINALIST",
    "S": "NATIONAL ACHIEVEMENT SCHOLAR",
}
NATIONAL_HISPANIC = {"S": "NATIONAL HISPANIC SCHOLAR"}

# Item 23 Birth Date Verification -> DMG08.  4, 5 and 7 are ignored.
BIRTH_VERIFICATION = {
    "1": "1",  # Birth Certificate
    "2": "3",  # Hospital Certificate
    "3": "6",  # Baptismal or Church Certificate
    "6": "2",  # Passport
    "8": "7",  # Physician's Certificate
    "T": "5",  # Immigration Document
    "9": "8",  # Undocumented
}

# Items 25, 27 (and 29) Parent/Guardian Code -> (IN106, IN103).
# The seed gives no IN103 for O (Other, such as relative): left blank.
GUARDIAN = {
    "P": ("03", "S1"),  # Father or Mother / Parent
    "G": ("26", "E1"),  # Guardian / Person legally responsible
    "O": ("34", ""),  # Other Adult
    "A": ("31", "E1"),  # Court Appointed Guardian
    "S": ("34", "E1"),  # Other Adult
    "N": ("36", "S2"),  # Emancipated Minor / Student
}
# Item 29 adds M/F for migrant students.  The seed lists both IN106 03 and 26;
# the first one (03 Father or Mother, IN103 S1 Parent) is used.
GUARDIAN_3 = {**GUARDIAN, "M": ("03", "S1"), "F": ("03", "S1")}

# Item 31d / 31e -> HS01 and HS04.  ZZ ignored.
HEARING_SCREENING = {"HY": "NOR", "HT": "ABN", "HN": "ABN"}
VISION_SCREENING = {"VY": "NOR", "VT": "ABN", "VN": "ABN"}

# Item 36C Adult Fee Status -> NTE "ADLT" classification description.
ADULT_FEE_STATUS = {
    "R": "Fee Required for student classified as a resident for tuition purposes.",
    "U": "Fee Required for student classified as a non-resident for tuition purposes.",
    "W": "Fee Waived for student classified as a resident for tuition purposes.",
    "X": "Fee Waived for student classified as a non-resident for tuition purposes.",
    "D": "Fee Deferred: for student classified as a resident for tuition purposes.",
}

# Item 36d Residency for Tuition Purposes -> NTE "RESI".
RESIDENCY = {
    "D": "Non-Florida resident paying differential out-of-state fee [F.S. 1009.22 (4)",
    "F": "Florida resident for tuition purposes (in accordance with s. 1009.21, F.S.)",
    "N": "Non-Florida resident for tuition purposes (in accordance with "
    "s. 1009.21, F.S.)",
    "Z": "Residency determination not required (Examples: Continuing Workforce "
    "Education student, students with statutory exemptions like apprenticeship "
    ", co-enrolled adult high school, dual enrollment, or continuing students "
    "ONLY.)",
}

# Item 36e Online Course Exempt -> NTE "XEMP".
ONLINE_EXEMPT = {
    "D": "This requirement does not apply to this student because the student "
    "has an individual educational plan under s. 1003.57, F. S. which "
    "indicates that an online course would be inappropriate.",
    "T": "This requirement does not apply to this student because the student "
    "is enrolled in a Florida high school and has less than one academic year "
    "remaining in high school.",
    "Z": "This student has no exemption or is not in a cohort of students who "
    "must meet this requirement for graduation.",
}

# Item 37 Withdrawal Code -> SSE03 (Reason for Entry or Exit).
WITHDRAWAL = {
    "DNE": "D09",
    "W01": "D10",
    "W02": "D11",
    "W3A": "D13",
    "W3B": "D13",
    "W04": "D20",
    "W05": "D14",
    "W06": "D15",
    "W6A": "D15",
    "W6B": "D15",
    "WFA": "D15",
    "WFB": "D15",
    "WFW": "D15",
    "WFT": "D15",
    "W07": "D16",
    "W08": "D17",
    "W8A": "D17",
    "W09": "D18",
    "W10": "D19",
    "WGA": "D19",
    "WGD": "D19",
    "W11": "D21",
    "W12": "EB1",
    "W21": "B29",
    "W24": "D20",
    "W27": "D16",
    "W43": "D15",
    "W44": "D17",
    "W45": "D19",
    "W50": "EB1",
}

# Item 37 codes with no SSE crosswalk -> NTE "WDW:" verbiage.
WITHDRAWAL_NOTES = {
    "WPO": "Any student who is withdrawn from school without receiving a diploma "
    "subsequent to receiving a W07, W08, W09, or W27 during the student\u2019s "
    "year of high school completion.",
    "W13": "Any adult student withdrawn from school due to court action. "
    "(This code does not apply to DJJ placement.)",
    "W14": "Any adult student withdrawn from school to enter the military.",
    "W15": "Any PK-12 student who is withdrawn from school due to nonattendance. "
    "after all procedures outlined in sections 1003.26 and 1003.27, Florida "
    "Statutes, have been followed.",
    "W16": "Any student who withdraws from school to get married",
    "W17": "Any student who withdraws from school due to pregnancy.",
    "W18": "Any student who withdraws from school due to medical reasons. and the "
    "student is unable to receive educational services, such as those provided "
    "through the hospital/homebound program.",
    "W19": "Any exceptional education student who is withdrawn from school "
    "following receipt of special education through the age of 21.",
    "W20": "Any student who withdraws from school due to failing the High School "
    "Competency test (HSCT),and who does not receive any of the Certificates of "
    "Completion.",
    "W22": "Any KG-12 student whose whereabouts is unknown and required "
    "documented efforts to locate the student are maintained per s. 1003.26, "
    "Florida Statutes.",
    "W23": "Any PK-12 student who withdraws from school for any reason other "
    "than W01-W22 or W24-W27.",
    "W25": "Any student who withdraws from school who is under compulsory "
    "attendance age. (This may not be used for students age six or above.)",
    "W26": "Any student who leaves to enter the adult program within the "
    "district prior to completion of graduation requirements.",
    "W28": "Any adult student who left the postsecondary adult job preparatory "
    "program as a program completer.",
    "W29": "Any adult student who withdraws from a class but remains enrolled in "
    "another class in the program",
    "W30": "Any adult student who left the class/program to take a job, "
    "previously unemployed.",
    "W31": "Any adult student who left the class/program to take a better job, "
    "previously employed.",
    "W32": "Any adult student who left the class/program to enter another "
    "training program.",
    "W33": "Achieved personal objective.",
    "W34": "Any adult student who left the class/program for lack of interest.",
    "W35": "Any adult student who left the class/program because of health problems.",
    "W36": "Any adult student who left the class/program because of "
    "transportation problems.",
    "W37": "Any adult student who left the class/program because of child care "
    "problems.",
    "W38": "Any adult student who left the class/program because of family problems.",
    "W39": "Any adult student who left the class/program because of the time the "
    "class/program is scheduled.",
    "W40": "Any adult student who left the class/program because of other known "
    "reasons.",
    "W41": "Any adult student who left the class/program because of unknown reasons.",
    "W42": "Any adult student who was expelled from school.",
    "W46": "Any adult student who left the class/program because of the location "
    "where the courses met.",
    "W47": "Any adult student who is procedurally withdrawn at the end of the "
    "term or school year who will continue in the class/program the next term "
    "or school year.",
    "W48": "Any student in grades 9-12 taking an adult course for high school "
    "credit who is working towards a high school diploma who has left before "
    "completing the class/program.",
    "W49": "Any adult student who left the class/program because of having "
    "changed address or left the area.",
    "W51": "Any student in grades 9-12 taking an adult course for high school "
    "credit who is working towards a high school diploma who has completed the "
    "class/program.",
    "W52": "Any adult student who graduated from school with a standard diploma "
    "and satisfied the graduation test requirement through an alternate "
    "assessment.",
    "W53": "Any adult student who met all of the requirements to receive an "
    "adult standard high school diploma, including a cumulative grade point "
    "average of 2.0 on a 4.0 scale, except for passing the state approved "
    "graduation test or alternate assessment and received a certificate of "
    "completion and is eligible to take the College Placement Test and be "
    "admitted to remedial or credit courses at a state community college as "
    "appropriate.",
}

# Item 39 Credits Needed: NTE "CDT:" lines.  Each entry is (label, position of
# the 4-byte value in the I/S01 record); item 39 starts at position 769.
# The third label is "SC" before 2017-2018 and "EQ" after (seed); "EQ" is used.
# The fourth line repeats "MS-" at 805 exactly as the seed prints it.
CREDITS_HEADER = "CDT: Credits Needed; Local Subject Area Requirements"
CREDITS_START = 769
CREDITS_LINES = (
    (
        ("EN", 769),
        ("MA", 773),
        ("EQ", 777),
        ("AH", 781),
        ("WH", 785),
        ("EC", 789),
        ("AG", 793),
    ),
    (
        ("MS", 805),
        ("VO", 797),
        ("PF", 801),
        ("PE", 809),
        ("FL", 813),
        ("LA", 817),
        ("SS", 821),
    ),
    (
        ("MS", 805),
        ("EL", 825),
        ("ES", 829),
        ("CE", 833),
        ("A1", 837),
        ("GE", 841),
        ("BI", 845),
    ),
    (("A2", 849),),
)

# Items 39b-39e assessments -> RAP02, RAP03, RAP04 (RAP01 9FL, RAP05 Y).
_CAP = "E=Exempted thru the Credit Acceleration Program,FS1003.4295"
ASSESSMENTS = {
    "39b": {
        "Y": (
            "Y=Successfully met the A1 assessment requirement by: Enrling",
            "A1 & pass Assessment/PERT comp, a Waiver or transfer Exemptn",
            "R",
        ),
        "E": (_CAP, "", "R"),
    },
    "39c": {"E": (_CAP, "", "P")},
    "39d": {
        "Y": (
            "Y=Successfully met the BI assessment requirement by:",
            "Enroll in BI & pass Assessment, a Waiver or transfer Exemptn",
            "P",
        ),
        "E": (_CAP, "", "P"),
    },
    "39e": {
        "Y": (
            "Y=Successfully met the AH assessment requirement by:",
            "Enroll in AH & pass Assessment, a Waiver or transfer Exemptn",
            "P",
        ),
        "E": (_CAP, "", "P"),
    },
}

# Item 46 Diploma Type -> SST01.  ZZZ -> blank.  W10: the seed first prints
# "B18B24" (a struck B18 replaced by B24), then "W10 -> B24".
DIPLOMA_TYPE = {
    "W06": "B18",
    "W6A": "B18",
    "W6B": "B18",
    "W10": "B24",
    "WFA": "B18",
    "WFB": "B18",
    "WFW": "B18",
    "WFT": "B18",
    "W07": "B21",
    "W27": "B21",
    "W43": "B18",
    "W45": "B24",
    "W52": "B24",
    "WGA": "B24",
    "WGD": "B24",
    "WXL": "B18",
}

# Item 48 Certificate of Completion Type -> SST01.  ZZZ -> blank.
CERTIFICATE_TYPE = {
    "W08": "B22",
    "W8A": "B22",
    "W09": "B23",
    "W44": "B22",
    "W53": "B22",
}

# Items 58, 59 -> OPS03.  Z: the entire SP/OPS loop is not created.
PROGRAM_ELIGIBILITY = {"Y": "Y", "N": "U"}

# Item 61 Program Participation Prior to Kindergarten -> (SP03, SP04, SP05).
# SP01 = 21, OPS03 = Y.  N and Z skip the loop.
PRE_K_PROGRAM = {
    "C": ("15", "1", ""),
    "H": ("5", "1", "head Start serving 3 and 4 yr olds meeting income eligibility"),
    "L": (
        "32",
        "5",
        (
            "Includes programs formerly known as Subsidized Child Care and "
            "Prekindergarten Early Intervention."
        ),
    ),
    "M": ("4", "", "Migrant Pre-Kindergarten"),
    "P": ("32", "4", "Child Care for which family pays total costs"),
    "D": ("5", "5", "Pre-Kindergarten Program for Children with Disabilities"),
    "I": ("22", "2", "Pre-Kindergarten Early Intervention Services"),
    "F": ("32", "4", "Parents pay tuition."),
    "S": ("32", "5", "Child Care for which government subsidy pays partial costs"),
    "T": (
        "32",
        "3",
        (
            "Teenage Parent enrolled in or completed a Teenage Parent program and "
            "enrolled full-time in a public school in the district."
        ),
    ),
    "V": (
        "5",
        "5",
        (
            "A prekindergarten education program delivered by a public school for "
            "children who have attained the age of four years old on or before "
            "September 1 of the school year in which the child is eligible to attend."
        ),
    ),
    "O": ("5", "", "Preschool program pursuant to Section 228.061, Florida Statutes"),
}

# Item 62 Differentiated Diploma -> (SST01, ATV03).  Z/blank ignored.
DIFFERENTIATED_DIPLOMA = {
    "1": ("B18", "STUDENT HAS EARNED THE SUPERINTENDANT'S DIPLOMA OF DISTINCTION"),
    "2": (
        "B22",
        (
            "STUDENT HAS EARNED CAREER EDUCATION CERTIFICATE OF DISTINCTION "
            "(per section 1003.431, F.S.)"
        ),
    ),
}

# Items 63, 64, 65, 69 when 'Y' -> (SST01, ATV03).
IB_DIPLOMA = (
    "B18",
    "THE DIPLOMA EARNED BY THE STUDENT IS AN INTERNATIONAL BACCALAUREATE DIPLOMA",
)
COLLEGE_READY_DIPLOMA = (
    "B18",
    (
        "THE DIPLOMA EARNED BY THE STUDENT IS A COLLEGE READY DIPLOMA DEFINED BY "
        "FLORIDA STATUTE"
    ),
)
AICE_PROGRAM = (
    "B18",
    "THE STUDENT COMPLETED THE ADVANCED INTERNATIONAL CERTIFICATE PROGRAM",
)
AICE_DIPLOMA = (
    "B22",
    (
        "THE DIPLOMA EARNED BY THE STUDENT IS AN ADVANCED INTERNATIONAL CERTIFICATE "
        "OF EDUCATION"
    ),
)

# Items 50, 53 (FL DOE Appendix N language codes -> ISO 639, data element 819)
# and item 52 (FL DOE Appendix G country codes -> ISO, data element 26).
# Seed 004 names these crosswalks but does not print them; they are left empty
# and can be passed to convert().  Without an entry, a language is written as
# free text (LUI03) and a country is ignored, as the seed says.
LANGUAGE_CODES: dict[str, str] = {}
LANGUAGE_NAMES: dict[str, str] = {}
COUNTRY_CODES: dict[str, str] = {}
