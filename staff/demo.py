"""A small invented organisation for the demo: frameworks, roles with levels, and a staff tree."""

import datetime
import itertools
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.test.utils import override_settings

from competencies.models import (
    Competency,
    CompetencyDescriptor,
    CompetencyFramework,
    ProficiencyLevel,
    RequirementCategory,
)
from core.access import HR_GROUP_NAME
from roles.models import (
    Grade,
    GradingScheme,
    JobFamily,
    Level,
    RequirementItem,
    Responsibility,
    Role,
    RoleCompetency,
    RoleFact,
    RoleSection,
    RoleSignOff,
)
from staff import progression
from staff.models import Assessment, StaffProfile
from staff.self_assessment import evidence_add, requirements_to_self_assess, self_rating_set

DEMO_PASSWORD = "demo-password-2026"
DEMO_LOGINS = ("hr", "manager", "employee")
# What each demo login shows, for the sign-in page when DEBUG is on.
DEMO_ACCOUNTS = (
    ("employee", "Jo Kowalski, Payroll Officer: my profile, rating myself, evidence"),
    ("manager", "Sam Okafor, Payroll Team Leader: my team and their assessments"),
    ("hr", "Priya Shah, HR: approvals and the HR workspace"),
)


@dataclass(frozen=True)
class Item:
    text: str
    essential: bool = True
    sub_points: tuple[str, ...] = ()


def essential(text: str, *sub_points: str) -> Item:
    return Item(text, True, sub_points)


def desirable(text: str, *sub_points: str) -> Item:
    return Item(text, False, sub_points)


@dataclass(frozen=True)
class Duty:
    heading: str
    text: str
    share_of_time: int | None = None
    measures: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoleData:
    title: str
    family: str
    grade: str
    purpose: str
    duties_html: str
    department: str
    reports_to: str
    direct_reports: str
    # (code, name, own grade or "") from the lowest level up.
    levels: tuple[tuple[str, str, str], ...]
    items: dict[str, dict[str, list[Item]]]
    top_grade: str = ""
    desirable_required: dict[str, int] = field(default_factory=dict)
    duties: tuple[Duty, ...] = ()
    competencies: dict[str, str] = field(default_factory=dict)
    # (competency, level code) -> proficiency, where a level asks more than the role-wide one.
    competencies_by_level: dict[tuple[str, str], str] = field(default_factory=dict)
    # The optional blocks of a full profile: division, service area, scope, budget, ...
    extra: dict[str, object] = field(default_factory=dict)
    # What the profile says beside its requirements: (title, formatted text) sections,
    # (label, value) facts and (name, their role) sign-off lines.
    sections: tuple[tuple[str, str], ...] = ()
    facts: tuple[tuple[str, str], ...] = ()
    sign_off: tuple[tuple[str, str], ...] = ()


SCHEMES = {
    "Council ranges": ["Range 2", "Range 3", "Range 4", "Range 5"],
    "Case management bands": ["Band 2", "Band 3", "Band 4", "Band 5", "Band 6"],
}

FAMILIES = {
    "Finance and Payroll": "Paying people correctly and on time.",
    "Customer Services": "First contact for residents, by phone, online and in person.",
    "Case Management": "Officers who own a case from referral to resolution.",
    "Legal": "Support for the council's solicitors and its legal casework.",
    "People and Culture": "HR advice, policy and organisational development.",
}

OVERDUE_REVIEW = datetime.date(2026, 6, 1)

CATEGORIES = ["Qualifications", "Knowledge", "Experience", "Skills"]

CAREER_LEVELS = (("A", "Developing", ""), ("B", "Practising", ""), ("C", "Accomplished", ""))

FRAMEWORK = "Core Behaviours"
FRAMEWORK_DESCRIPTION = "How everyone in the council is expected to work, whatever their role."
PROFICIENCIES = ["Foundation", "Practitioner", "Advanced", "Leading"]
BEHAVIOURS = {
    "Customer Focus": "Understands what residents and colleagues need and designs the work "
    "around them.",
    "Working Together": "Shares information and effort across team boundaries.",
    "Taking Ownership": "Follows things through and owns the outcome, including mistakes.",
    "Learning and Improving": "Looks for better ways of working and learns from feedback.",
    "Communicating Clearly": "Writes and speaks plainly, for the audience in front of them.",
}
# What two behaviours look like at each proficiency level: (descriptor, positive indicators,
# negative indicators).
DESCRIPTORS = {
    ("Customer Focus", "Foundation"): (
        "Knows who their customers are and what they need from them.",
        ("Answers enquiries politely and on time", "Checks they have understood the request"),
        ("Passes a resident on without saying why",),
    ),
    ("Customer Focus", "Practitioner"): (
        "Shapes their own work around what residents and colleagues need.",
        ("Keeps people informed without being chased", "Puts a recurring complaint right"),
        ("Follows the process when it plainly fails the person",),
    ),
    ("Customer Focus", "Advanced"): (
        "Improves the team's service from what customers say.",
        ("Uses feedback to change how the team works",),
        ("Treats complaints as something to close rather than learn from",),
    ),
    ("Customer Focus", "Leading"): (
        "Builds services around residents across the council.",
        ("Designs services with the people who use them",),
        ("Measures the service only by its own targets",),
    ),
    ("Working Together", "Foundation"): (
        "Shares information and helps colleagues in their own team.",
        ("Offers help when a colleague is busy",),
        ("Keeps useful information to themselves",),
    ),
    ("Working Together", "Practitioner"): (
        "Works across team boundaries to get things done.",
        ("Involves other teams early", "Gives credit to others"),
        ("Blames another team for a shared problem",),
    ),
}

ROLES = [
    RoleData(
        title="Payroll Officer",
        family="Finance and Payroll",
        grade="Range 3",
        purpose="To make sure every employee of the council is paid accurately and on time, "
        "and that payroll records, deductions and returns are correct.",
        duties_html="<p>Process starters, leavers and changes to pay for an allocated group "
        "of services.</p><ul><li>Calculate <strong>overtime, allowances and back pay</strong> "
        "from approved claims.</li><li>Answer pay queries from employees and managers.</li>"
        "<li>Reconcile payroll reports before each pay run.</li></ul>",
        department="Finance",
        extra={
            "division": "Corporate Services",
            "service_area": "Payroll and Pensions",
            "scope": "Pays about 4,000 employees and 1,200 pensioners each month.",
            "regulated_functions": "None",
            # The profile gives only the month it was written.
            "date_developed_precision": "month",
        },
        sections=(
            (
                "Team purpose",
                "<p>The payroll team pays everyone the council employs, and its pensioners, "
                "<strong>accurately and on time</strong>, every month.</p>",
            ),
            (
                "Working conditions",
                "<ul><li>Office based, with two days a week at home</li>"
                "<li>Extra hours in the days before each pay run and at year end</li></ul>",
            ),
        ),
        facts=(("Version", "3"), ("Posts", "6"), ("Politically restricted", "No")),
        sign_off=(("", "Head of Finance Operations"), ("", "Post holder")),
        reports_to="Payroll Team Leader",
        direct_reports="None",
        levels=CAREER_LEVELS,
        desirable_required={"B": 1, "C": 1},
        items={
            "A": {
                "Qualifications": [
                    essential("GCSE English and Maths at grade 4/C or above, or equivalent"),
                    desirable("Working towards the CIPP Foundation Degree in Payroll Management"),
                ],
                "Knowledge": [
                    essential(
                        "How gross pay becomes net pay: tax codes, National Insurance "
                        "and pension deductions"
                    ),
                    essential("Data protection rules for handling personal and pay data"),
                    essential("The council's pay calendar and cut-off dates"),
                ],
                "Experience": [
                    essential("Accurate data entry in a busy office"),
                    essential("Dealing with enquiries by phone and email"),
                    desirable("Working with a computerised payroll or HR system"),
                ],
                "Skills": [
                    essential("Checks figures carefully and spots what does not add up"),
                    essential("Uses spreadsheets to sort, filter and total data"),
                    essential("Explains a payslip to someone who finds it confusing"),
                ],
            },
            "B": {
                "Knowledge": [
                    essential(
                        "Statutory payments: sick pay, maternity, paternity and shared parental pay"
                    ),
                    essential("Pension scheme rules for the Local Government Pension Scheme"),
                ],
                "Experience": [
                    essential("Processing a full monthly payroll cycle without supervision"),
                    essential(
                        "Handling less common pay events, including:",
                        "Salary sacrifice schemes",
                        "Court orders and attachment of earnings",
                        "Recovering overpayments",
                    ),
                    desirable("Helping with the year-end P60 process"),
                ],
                "Skills": [
                    essential("Reconciles payroll reports against the general ledger"),
                    essential("Prioritises work to meet the pay run deadline"),
                    desirable("Writes clear step-by-step procedure notes"),
                ],
            },
            "C": {
                "Knowledge": [
                    essential("HMRC real time information submissions and how to correct them"),
                ],
                "Experience": [
                    essential("Coaching newer payroll officers through complex cases"),
                    essential("Testing system changes before a pay run"),
                    desirable("Supporting an internal or external payroll audit"),
                ],
                "Skills": [
                    essential("Investigates a discrepancy to its root cause"),
                    essential("Handles a distressed employee's pay problem calmly and fairly"),
                ],
            },
        },
        duties=(
            Duty(
                "Accurate pay",
                "Process pay changes correctly before each cut-off date.",
                measures=("99.5% of payslips correct first time", "No missed cut-off dates"),
            ),
            Duty(
                "Queries",
                "Resolve pay queries from employees and managers.",
                measures=("80% of queries answered within 3 working days",),
            ),
        ),
        competencies={
            "Customer Focus": "Practitioner",
            "Taking Ownership": "Practitioner",
            "Communicating Clearly": "Foundation",
        },
        competencies_by_level={
            ("Customer Focus", "A"): "Foundation",
            ("Customer Focus", "C"): "Advanced",
        },
    ),
    RoleData(
        title="Payroll Team Leader",
        family="Finance and Payroll",
        grade="Range 4",
        purpose="To lead the payroll team so that the council's pay runs are delivered "
        "accurately, on time and within the law.",
        duties_html="<p>Plan and supervise the monthly and weekly pay runs.</p><ul><li>Allocate "
        "and check the team's work.</li><li>Sign off payroll reports before payment.</li><li>"
        "Keep procedures up to date with legislation.</li></ul>",
        department="Finance",
        extra={
            "division": "Corporate Services",
            "service_area": "Payroll and Pensions",
            "scope": "Leads a team of six; signs off a monthly payroll of about 4,000 people.",
            "budget": "Payroll team staffing budget, about £240,000 a year",
            "regulated_functions": "Authorises payments to HMRC and the pension fund",
        },
        reports_to="Head of Finance Operations",
        direct_reports="4 to 6 Payroll Officers",
        levels=CAREER_LEVELS,
        desirable_required={"A": 1, "B": 1},
        items={
            "A": {
                "Qualifications": [
                    essential(
                        "CIPP Foundation Degree in Payroll Management, or equivalent experience"
                    ),
                    desirable("An introductory management qualification"),
                ],
                "Knowledge": [
                    essential("Payroll legislation and the council's pay policies"),
                    essential("The Local Government Pension Scheme and its deadlines"),
                    essential("How the payroll system feeds the finance ledger"),
                ],
                "Experience": [
                    essential("Running a payroll of more than 1,000 employees"),
                    essential("Checking and authorising the work of others"),
                    essential(
                        "Handling complex pay events, including:",
                        "Termination and redundancy payments",
                        "Multiple concurrent posts",
                        "Retrospective pay awards",
                    ),
                ],
                "Skills": [
                    essential("Plans a team's workload around fixed deadlines"),
                    essential("Gives clear instructions and checks they were understood"),
                    essential("Reads and interprets payroll variance reports"),
                    desirable("Builds spreadsheet checks that catch errors before payment"),
                ],
            },
            "B": {
                "Knowledge": [
                    essential("Employment law as it affects pay and deductions"),
                    essential("Internal controls and separation of duties in payroll"),
                ],
                "Experience": [
                    essential("Managing the payroll year end"),
                    essential("Carrying out one-to-ones and appraisals"),
                    desirable("Implementing a change to a payroll system"),
                ],
                "Skills": [
                    essential("Handles under-performance early and fairly"),
                    essential("Explains payroll risks to senior managers in plain terms"),
                ],
            },
            "C": {
                "Knowledge": [
                    essential("Public sector audit requirements for payroll"),
                ],
                "Experience": [
                    essential("Leading the response to an audit finding"),
                    essential("Deputising for the Head of Finance Operations"),
                ],
                "Skills": [
                    essential("Designs improvements to payroll processes and measures the result"),
                    desirable("Negotiates service levels with other departments"),
                ],
            },
        },
        duties=(
            Duty(
                "Delivery",
                "Deliver every pay run on time and accurately.",
                measures=("All pay runs on time", "Error rate below 0.5%"),
            ),
            Duty(
                "People",
                "Lead, develop and support the payroll team.",
                measures=("Every team member has a current development plan",),
            ),
            Duty(
                "Compliance",
                "Keep payroll within the law and audit requirements.",
                measures=("No high-priority audit findings",),
            ),
        ),
        competencies={
            "Taking Ownership": "Advanced",
            "Working Together": "Advanced",
            "Communicating Clearly": "Practitioner",
        },
    ),
    RoleData(
        title="Customer Services Adviser",
        family="Customer Services",
        grade="Range 2",
        purpose="To be the first and, wherever possible, the only contact a resident needs to "
        "get an answer about a council service.",
        duties_html="<p>Answer calls, web chats and visits from residents.</p><ul><li>Resolve "
        "enquiries at first contact where possible.</li><li>Take payments and book "
        "appointments.</li><li>Pass complex cases to the right team with full notes.</li></ul>",
        department="Customer Services",
        reports_to="Customer Services Team Leader",
        direct_reports="None",
        levels=CAREER_LEVELS,
        desirable_required={"A": 0, "B": 1, "C": 2},
        items={
            "A": {
                "Qualifications": [
                    essential("A good general education, including English and Maths"),
                    desirable("A customer service qualification at level 2"),
                ],
                "Knowledge": [
                    essential("The main council services and who provides them"),
                    essential("How to keep a resident's information confidential"),
                    essential("Safeguarding: when and how to raise a concern"),
                ],
                "Experience": [
                    essential("Working with the public in person or on the phone"),
                    essential("Recording conversations accurately on a computer system"),
                    desirable("Working in a contact centre"),
                ],
                "Skills": [
                    essential("Listens, then checks what the caller needs"),
                    essential("Stays calm and polite with upset or angry callers"),
                    essential("Types accurately while talking"),
                ],
            },
            "B": {
                "Knowledge": [
                    essential("Council tax, waste and parking policies in detail"),
                    essential("How to take card payments securely"),
                ],
                "Experience": [
                    essential("Handling enquiries across at least three services"),
                    desirable("Answering web chat or social media enquiries"),
                ],
                "Skills": [
                    essential("Resolves most enquiries without passing them on"),
                    essential("Writes clear case notes another team can act on"),
                    desirable("Speaks a community language used in the borough"),
                ],
            },
            "C": {
                "Knowledge": [
                    essential("The complaints procedure and the Ombudsman's role"),
                ],
                "Experience": [
                    essential("Handling escalated calls for the team"),
                    desirable("Helping to train new advisers"),
                ],
                "Skills": [
                    essential("Spots repeated problems and suggests fixes to the service"),
                    desirable("Writes or improves scripts and knowledge articles"),
                ],
            },
        },
        duties=(
            Duty(
                "Telephone and web chat",
                "Answer calls and chats from residents.",
                share_of_time=50,
                measures=("Calls answered within 60 seconds",),
            ),
            Duty("Face to face", "Help visitors at the customer service centre.", share_of_time=25),
            Duty("Follow-up", "Complete case notes, referrals and call-backs.", share_of_time=15),
            Duty(
                "Learning", "Keep up to date with service changes and training.", share_of_time=10
            ),
        ),
        competencies={
            "Customer Focus": "Practitioner",
            "Communicating Clearly": "Practitioner",
            "Working Together": "Foundation",
        },
    ),
    RoleData(
        title="Case Officer",
        family="Case Management",
        grade="Band 2",
        top_grade="Band 4",
        purpose="To manage cases from referral to closure, making sound, timely and recorded "
        "decisions within the law and the council's policies.",
        duties_html="<p>Hold a caseload appropriate to the level.</p><ul><li>Gather information "
        "and assess each case.</li><li>Agree and review plans with the people involved.</li>"
        "<li>Keep case records up to date.</li></ul>",
        department="Housing and Communities",
        reports_to="Case Management Team Leader",
        direct_reports="None at levels 1 and 2; may supervise at level 3",
        levels=(("1", "", "Band 2"), ("2", "", "Band 3"), ("3", "", "Band 4")),
        desirable_required={"2": 1, "3": 1},
        items={
            "1": {
                "Qualifications": [
                    essential("Level 2 qualification in English and Maths"),
                    desirable("Level 3 certificate in advice and guidance"),
                ],
                "Knowledge": [
                    essential("The case management system and its recording standards"),
                    essential("Data protection and information sharing rules"),
                ],
                "Experience": [
                    essential("Working with people in difficult circumstances"),
                    essential("Following a written procedure accurately"),
                ],
                "Skills": [
                    essential("Gathers the facts of a case through careful questions"),
                    essential("Keeps accurate, timely records"),
                    essential("Manages a small caseload with support"),
                ],
            },
            "2": {
                "Knowledge": [
                    essential("The legislation behind the team's decisions"),
                    essential("Local partner services and how to refer to them"),
                ],
                "Experience": [
                    essential("Managing a full caseload with minimal supervision"),
                    essential(
                        "Working with partner agencies, including:",
                        "Health services",
                        "Police",
                        "Voluntary sector organisations",
                    ),
                    desirable("Attending multi-agency meetings"),
                ],
                "Skills": [
                    essential("Makes and records proportionate decisions"),
                    essential(
                        "Writes letters that explain a decision and the right to challenge it"
                    ),
                ],
            },
            "3": {
                "Qualifications": [
                    desirable("A degree or level 4 qualification in a relevant subject"),
                ],
                "Knowledge": [
                    essential("Case law relevant to the team's most complex decisions"),
                ],
                "Experience": [
                    essential("Handling complex and high-risk cases"),
                    essential("Supervising or mentoring other case officers"),
                ],
                "Skills": [
                    essential("Quality-checks other officers' cases and gives feedback"),
                    essential("Represents the council at reviews and tribunals"),
                ],
            },
        },
        duties=(
            Duty(
                "Casework",
                "Assess, plan and review cases within statutory timescales.",
                measures=("95% of assessments within timescale",),
            ),
            Duty(
                "Recording",
                "Keep complete case records that would stand up to review.",
                measures=("Case file audits rated good or better",),
            ),
        ),
        competencies={
            "Taking Ownership": "Practitioner",
            "Communicating Clearly": "Practitioner",
            "Working Together": "Practitioner",
        },
    ),
    RoleData(
        title="Legal Assistant",
        family="Legal",
        grade="Range 3",
        purpose="To support the council's solicitors by preparing documents, managing files "
        "and keeping legal matters moving to deadline.",
        duties_html="<p>Support a team of solicitors with their caseload.</p><ul><li>Prepare "
        "court bundles and standard documents.</li><li>Keep matter files and diaries up to "
        "date.</li><li>Liaise with courts, counsel and other parties.</li></ul>",
        department="Legal Services",
        reports_to="Principal Solicitor",
        direct_reports="None",
        # Its review is overdue, so HR's dashboard has a role profile to chase.
        extra={"next_review": OVERDUE_REVIEW},
        levels=CAREER_LEVELS,
        desirable_required={"C": 1},
        items={
            "A": {
                "Qualifications": [
                    essential("Five GCSEs including English at grade 4/C or above"),
                    desirable("CILEx level 3 certificate in law and practice"),
                ],
                "Knowledge": [
                    essential("Court structure in England and Wales"),
                    essential("Legal terminology used in civil proceedings"),
                ],
                "Experience": [
                    essential("Administrative work in an office with strict deadlines"),
                    desirable("Working in a legal office"),
                ],
                "Skills": [
                    essential("Proofreads documents carefully"),
                    essential("Keeps a diary of deadlines and acts on it"),
                    essential("Uses case management and document systems confidently"),
                ],
            },
            "B": {
                "Knowledge": [
                    essential("Civil procedure rules for filing and service"),
                    essential("Land registry searches and forms"),
                ],
                "Experience": [
                    essential("Preparing court bundles to the court's requirements"),
                    essential("Dealing directly with court staff and counsel's clerks"),
                ],
                "Skills": [
                    essential("Drafts standard letters and forms for a solicitor to approve"),
                    essential("Manages several matters at once without missing deadlines"),
                ],
            },
            "C": {
                "Knowledge": [
                    essential("Procedure for the team's specialist area of law"),
                ],
                "Experience": [
                    essential("Running straightforward matters under supervision"),
                    desirable(
                        "Working in one of the council's main practice areas:",
                        "Property and planning",
                        "Child care",
                        "Licensing and enforcement",
                    ),
                ],
                "Skills": [
                    essential("Researches a point of procedure and reports the answer"),
                    essential("Guides new assistants through the team's procedures"),
                ],
            },
        },
        competencies={"Taking Ownership": "Practitioner", "Working Together": "Foundation"},
    ),
    RoleData(
        title="HR Adviser",
        family="People and Culture",
        grade="Range 5",
        purpose="To give managers sound, practical advice on people matters so that the "
        "council treats its staff fairly and within the law.",
        duties_html="<p>Advise managers on casework, policy and change.</p><ul><li>Support "
        "disciplinary, grievance and absence cases.</li><li>Keep role profiles and "
        "progression records up to date.</li><li>Contribute to policy reviews.</li></ul>",
        department="People and Culture",
        reports_to="HR Business Partner",
        direct_reports="None",
        levels=CAREER_LEVELS,
        desirable_required={"A": 1, "B": 1},
        items={
            "A": {
                "Qualifications": [
                    essential("CIPD level 5 Associate Diploma, or working towards it"),
                ],
                "Knowledge": [
                    essential("Employment law on discipline, grievance and absence"),
                    essential("The council's HR policies and how they are applied"),
                    essential("Equality law and reasonable adjustments"),
                ],
                "Experience": [
                    essential("Advising managers on routine people matters"),
                    essential("Taking notes at formal hearings"),
                    desirable("Using an HR information system"),
                ],
                "Skills": [
                    essential("Gives advice that is clear, practical and lawful"),
                    essential("Handles sensitive information with discretion"),
                    desirable("Writes plain-English policy guidance"),
                ],
            },
            "B": {
                "Knowledge": [
                    essential("Organisational change and consultation requirements"),
                    essential("Job evaluation and grading principles"),
                ],
                "Experience": [
                    essential("Supporting formal cases from start to finish"),
                    essential("Presenting a management case at an appeal"),
                    desirable("Supporting a restructure"),
                ],
                "Skills": [
                    essential("Challenges managers constructively when advice is ignored"),
                    essential("Coaches managers to handle issues themselves"),
                ],
            },
            "C": {
                "Qualifications": [
                    desirable("CIPD level 7 Advanced Diploma"),
                ],
                "Knowledge": [
                    essential("Recent tribunal decisions that affect council practice"),
                ],
                "Experience": [
                    essential("Leading complex or high-profile casework"),
                    essential("Reviewing and rewriting an HR policy"),
                ],
                "Skills": [
                    essential("Analyses people data to spot trends and risks"),
                    essential("Leads training sessions for managers"),
                ],
            },
        },
        duties=(
            Duty(
                "Casework",
                "Advise on and support formal people cases.",
                measures=("Cases concluded within policy timescales",),
            ),
            Duty(
                "Policy",
                "Keep HR policies lawful and usable.",
                measures=("Policies reviewed on schedule",),
            ),
        ),
        competencies={
            "Communicating Clearly": "Advanced",
            "Working Together": "Practitioner",
            "Learning and Improving": "Practitioner",
        },
    ),
]

# username, first name, last name, employee number, role, level, line manager.
STAFF = [
    ("head", "Morgan", "Ellis", "D0001", "Payroll Team Leader", "C", None),
    ("hr", "Priya", "Shah", "D0002", "HR Adviser", "B", "head"),
    ("manager", "Sam", "Okafor", "D0003", "Payroll Team Leader", "B", "head"),
    ("employee", "Jo", "Kowalski", "D0004", "Payroll Officer", "A", "manager"),
    ("payroll2", "Aled", "Price", "D0005", "Payroll Officer", "B", "manager"),
    # Grace reaches level C through an approved assessment (STORIES below).
    ("payroll3", "Grace", "Mensah", "D0006", "Payroll Officer", "B", "manager"),
    ("payroll4", "Tom", "Harding", "D0007", "Payroll Officer", "A", "manager"),
    ("cslead", "Rita", "Ferreira", "D0008", "Customer Services Adviser", "C", "head"),
    ("adviser1", "Ben", "Clarke", "D0009", "Customer Services Adviser", "A", "cslead"),
    ("adviser2", "Leah", "Murphy", "D0010", "Customer Services Adviser", "B", "cslead"),
    ("adviser3", "Imran", "Hussain", "D0011", "Customer Services Adviser", "A", "cslead"),
    ("adviser4", "Nina", "Novak", "D0012", "Customer Services Adviser", "B", "cslead"),
    ("caselead", "Owen", "Reid", "D0013", "Case Officer", "3", "head"),
    ("case1", "Chloe", "Baker", "D0014", "Case Officer", "1", "caselead"),
    ("case2", "Dev", "Patel", "D0015", "Case Officer", "2", "caselead"),
    ("case3", "Hannah", "Lewis", "D0016", "Case Officer", "1", "caselead"),
    ("legal1", "Kofi", "Asante", "D0017", "Legal Assistant", "B", "caselead"),
    ("legal2", "Ellie", "Ward", "D0018", "Legal Assistant", "A", "caselead"),
]

LEVEL_REACHED_ON = datetime.date(2025, 4, 1)
DATE_DEVELOPED = datetime.date(2023, 5, 1)
LAST_REVIEWED = datetime.date(2025, 9, 1)
NEXT_REVIEW = datetime.date(2027, 9, 1)


class Tally:
    """Counts what a run created, so a second run can say it changed nothing."""

    def __init__(self):
        self.created = 0

    def get_or_create(self, manager, **kwargs):
        obj, created = manager.get_or_create(**kwargs)
        self.created += created
        return obj


def demo_data_load() -> int:
    """Create the demo organisation where it is missing; returns how many objects were created.

    Everything is found by its natural key first, so a second run creates and changes nothing.
    The workflow's emails to the invented staff are kept in memory, never sent.
    """
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        return _load()


@transaction.atomic
def _load() -> int:
    tally = Tally()
    grades = _grades(tally)
    categories = {
        name: tally.get_or_create(
            RequirementCategory.objects,
            name=name,
            defaults={"order": RequirementCategory.next_order()},
        )
        for name in CATEGORIES
    }
    competencies, proficiencies = _framework(tally)
    families = {
        name: tally.get_or_create(JobFamily.objects, name=name, defaults={"description": text})
        for name, text in FAMILIES.items()
    }
    levels = {}
    for data in ROLES:
        role = _role(tally, data, families, grades)
        for order, (code, name, grade) in enumerate(data.levels, start=1):
            level = tally.get_or_create(
                Level.objects,
                role=role,
                code=code,
                defaults={
                    "name": name,
                    "order": order,
                    "grade": grades[grade] if grade else None,
                    "min_desirable_met": data.desirable_required.get(code),
                },
            )
            levels[data.title, code] = level
            for category, items in data.items.get(code, {}).items():
                for position, item in enumerate(items, start=1):
                    tally.get_or_create(
                        RequirementItem.objects,
                        level=level,
                        category=categories[category],
                        order=position,
                        defaults={
                            "text": item.text,
                            "is_essential": item.essential,
                            "sub_points": "\n".join(item.sub_points),
                        },
                    )
        for position, duty in enumerate(data.duties, start=1):
            tally.get_or_create(
                Responsibility.objects,
                role=role,
                order=position,
                defaults={
                    "heading": duty.heading,
                    "text": duty.text,
                    "share_of_time": duty.share_of_time,
                    "measures_of_success": "\n".join(duty.measures),
                },
            )
        for model, rows, names in (
            (RoleSection, data.sections, ("title", "body_html")),
            (RoleFact, data.facts, ("label", "value")),
            (RoleSignOff, data.sign_off, ("name", "signer_role")),
        ):
            for position, values in enumerate(rows, start=1):
                tally.get_or_create(
                    model.objects,
                    role=role,
                    order=position,
                    defaults=dict(zip(names, values, strict=True)),
                )
        for competency, proficiency in data.competencies.items():
            tally.get_or_create(
                RoleCompetency.objects,
                role=role,
                competency=competencies[competency],
                level=None,
                defaults={"proficiency": proficiencies[proficiency]},
            )
        for (competency, code), proficiency in data.competencies_by_level.items():
            tally.get_or_create(
                RoleCompetency.objects,
                role=role,
                competency=competencies[competency],
                level=levels[data.title, code],
                defaults={"proficiency": proficiencies[proficiency]},
            )
    _staff(tally, levels)
    _stories(tally)
    return tally.created


def _grades(tally: Tally) -> dict[str, Grade]:
    grades = {}
    for scheme_name, names in SCHEMES.items():
        scheme = tally.get_or_create(GradingScheme.objects, name=scheme_name)
        for order, name in enumerate(names, start=1):
            grades[name] = tally.get_or_create(
                Grade.objects, scheme=scheme, name=name, defaults={"order": order}
            )
    return grades


def _framework(tally: Tally):
    framework = tally.get_or_create(
        CompetencyFramework.objects,
        name=FRAMEWORK,
        defaults={"description": FRAMEWORK_DESCRIPTION},
    )
    proficiencies = {
        name: tally.get_or_create(
            ProficiencyLevel.objects, framework=framework, name=name, defaults={"order": order}
        )
        for order, name in enumerate(PROFICIENCIES, start=1)
    }
    competencies = {
        name: tally.get_or_create(
            Competency.objects,
            framework=framework,
            name=name,
            defaults={"order": order, "description": text},
        )
        for order, (name, text) in enumerate(BEHAVIOURS.items(), start=1)
    }
    for (competency, proficiency), (text, positive, negative) in DESCRIPTORS.items():
        tally.get_or_create(
            CompetencyDescriptor.objects,
            competency=competencies[competency],
            proficiency=proficiencies[proficiency],
            defaults={
                "text": text,
                "positive_indicators": "\n".join(positive),
                "negative_indicators": "\n".join(negative),
            },
        )
    return competencies, proficiencies


def _role(tally: Tally, data: RoleData, families, grades) -> Role:
    return tally.get_or_create(
        Role.objects,
        title=data.title,
        grade=grades[data.grade],
        defaults={
            "job_family": families[data.family],
            "top_grade": grades[data.top_grade] if data.top_grade else None,
            "purpose": data.purpose,
            "duties_html": data.duties_html,
            "department": data.department,
            "reports_to": data.reports_to,
            "direct_reports": data.direct_reports,
            "status": Role.Status.PUBLISHED,
            "date_developed": DATE_DEVELOPED,
            "last_reviewed": LAST_REVIEWED,
            "next_review": NEXT_REVIEW,
            **data.extra,
        },
    )


def _staff(tally: Tally, levels) -> None:
    hr_group = Group.objects.get(name=HR_GROUP_NAME)
    profiles = {}
    for username, first, last, number, role, level, manager in STAFF:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@example.org",
                is_staff=username == "hr",
            )
            # Only the three demo logins can sign in; the rest of the tree is scenery.
            if username in DEMO_LOGINS:
                user.set_password(DEMO_PASSWORD)
            else:
                user.set_unusable_password()
            user.save()
            tally.created += 1
            if username == "hr":
                user.groups.add(hr_group)
        profiles[username] = tally.get_or_create(
            StaffProfile.objects,
            user=user,
            defaults={
                "employee_number": number,
                "level": levels[role, level],
                "level_reached_on": LEVEL_REACHED_ON,
                "line_manager": profiles[manager] if manager else None,
            },
        )


# The product at work: assessments in every state, level history, self-ratings and evidence,
# made through the same workflow functions the pages use. Each story runs once: a person who
# already has an assessment (or self-ratings) is left as they are.

ASSESSED_ON = datetime.date(2025, 10, 1)


@dataclass(frozen=True)
class Story:
    """One person's assessment: who assesses, how the items are rated, how far it goes."""

    username: str
    assessor: str
    starts_at: str  # the level code the story expects the person to be at
    # Essential items take these ratings in turn; desirable items are rated by `desirable`.
    rating: tuple[str, ...]
    desirable: str
    recommendation: str
    until: str  # draft, submitted, acknowledged, approved or returned
    summary: str
    employee_comment: str = ""
    return_reason: str = ""
    rated_share: float = 1.0  # a draft may be part-way through
    evidence: str = ""


STORIES = [
    # Reached level C through an approved assessment: her level history shows it.
    Story(
        "payroll3",
        "manager",
        "B",
        ("met",),
        "met",
        "progress",
        "approved",
        "Grace has run the monthly payroll unsupervised for a year and coaches new starters.",
        employee_comment="Thank you: I'd like to lead the year-end work next.",
        evidence="Ran the March and April pay runs alone; no errors reported by audit.",
    ),
    # Ready for the next level: every item met, waiting for HR's decision.
    Story(
        "payroll2",
        "manager",
        "B",
        ("met",),
        "met",
        "progress",
        "acknowledged",
        "Aled meets every requirement of level C; I recommend progression from April.",
        employee_comment="Agreed.",
        evidence="Led the pension auto-enrolment re-declaration in 2025.",
    ),
    # Not ready: some essential items still partly met; with Tom to read and acknowledge.
    Story(
        "payroll4",
        "manager",
        "A",
        ("met", "met", "partly_met"),
        "not_met",
        "not_yet",
        "submitted",
        "Tom is making good progress; the statutory payments work needs another cycle.",
    ),
    # Returned by HR to the manager, with the reason.
    Story(
        "adviser2",
        "cslead",
        "B",
        ("met",),
        "partly_met",
        "progress",
        "returned",
        "Leah is ready for level C.",
        employee_comment="Happy with this.",
        return_reason="Two ratings have no evidence or comment; please add them and resubmit.",
    ),
    # The demo employee: an earlier assessment approved as "not yet" (shown on her profile),
    # and the manager's new draft, part-rated.
    Story(
        "employee",
        "manager",
        "A",
        ("met", "partly_met", "met", "not_met"),
        "not_met",
        "not_yet",
        "approved",
        "Jo has settled in well; the pay calendar and statutory payments come next.",
        employee_comment="I will shadow Grace on the next pay run.",
    ),
]

# The demo employee's new draft, after the approved one above.
DRAFT = Story(
    "employee",
    "manager",
    "A",
    ("met", "partly_met"),
    "partly_met",
    "",
    "draft",
    "",
    rated_share=0.5,
)

# What the demo employee says of herself against the next level, and her evidence.
SELF_RATINGS = ("met", "met", "partly_met", "partly_met", "not_met")
EMPLOYEE_EVIDENCE = [
    ("Reconciled the March payroll report to the ledger with Sam checking it.", 2),
    ("Completed the council's data protection e-learning (certificate on file).", 1),
]


def _stories(tally: Tally) -> None:
    users = {
        user.username: user
        for user in User.objects.filter(username__in=["hr", "manager", "cslead"])
    }
    for story in STORIES:
        staff = StaffProfile.objects.select_related("level", "user").get(
            user__username=story.username
        )
        if staff.assessments.exists() or staff.level.code != story.starts_at:
            continue
        _assessment(tally, story, staff, users)
    employee = StaffProfile.objects.select_related("level", "user").get(user__username="employee")
    if not employee.assessments.filter(status=Assessment.Status.DRAFT).exists():
        _assessment(tally, DRAFT, employee, users)
    _self_assessment(tally, employee)


def _assessment(tally: Tally, story: Story, staff: StaffProfile, users) -> Assessment:
    by = users[story.assessor]
    made = progression.assessment_start(staff=staff, by=by)
    items = list(made.items.order_by("order"))
    rated = items[: max(1, round(len(items) * story.rated_share))]
    essentials = itertools.cycle(story.rating)
    ratings = {
        item.pk: next(essentials) if item.is_essential else story.desirable for item in rated
    }
    evidence = ()
    if story.evidence:
        evidence = [progression.NewEvidence(story.evidence, [rated[0].requirement_id])]
    made = progression.assessment_save(
        assessment=made,
        by=by,
        version=made.version,
        ratings=ratings,
        comments={rated[0].pk: "Seen in the last two pay runs."},
        recommendation=story.recommendation or None,
        summary=story.summary,
        evidence=evidence,
    )
    tally.created += 1 + len(items)
    if story.until == "draft":
        return made
    progression.assessment_submit(assessment=made, by=by)
    if story.until == "returned":
        return progression.assessment_return(
            assessment=made, by=users["hr"], reason=story.return_reason
        )
    if story.until == "submitted":
        return made
    progression.assessment_acknowledge(
        assessment=made, by=staff.user, comment=story.employee_comment
    )
    if story.until == "acknowledged":
        return made
    return progression.assessment_approve(
        assessment=made, by=users["hr"], effective_date=ASSESSED_ON
    )


def _self_assessment(tally: Tally, staff: StaffProfile) -> None:
    if staff.self_ratings.exists():
        return
    items = list(
        requirements_to_self_assess(staff).order_by("level__order", "category__order", "order")
    )
    self_rating_set(
        staff=staff,
        ratings={item.pk: rating for item, rating in zip(items, SELF_RATINGS, strict=False)},
    )
    tally.created += len(SELF_RATINGS)
    for text, supports in EMPLOYEE_EVIDENCE:
        evidence_add(staff=staff, added_by=staff.user, text=text, requirements=items[:supports])
        tally.created += 1
