"""The rubrics a pair can start from: standards as their publishers name and number them, with level scales.

Data, not code: a preset is a level scale (3 to 5 named levels) and its competencies,
each with its code and the standard or domain it sits under. `mentorlog rubric preset
NAME` gives a pair one (journal.rubric); `rubric load FILE` reads one of the user's own in
the same shape. tests/test_rubric_presets.py checks each against the published lists.
"""

# No `from __future__ import annotations`: NamedTuple compiles string annotations (entry_kinds.py).
from typing import NamedTuple

from mentorlog.kinds import DEFAULT_RUBRIC, SEEDED_LEVELS


class Item(NamedTuple):
    code: str  # "1a", "CSTP 2.3"; "" for none
    name: str
    group: str = ""  # the standard or domain it sits under
    description: str = ""
    descriptors: tuple[str, ...] = ()  # what each level looks like (a file may say)


class Preset(NamedTuple):
    name: str  # as `rubric preset NAME` takes it
    title: str  # as published
    levels: tuple[str, ...]
    items: tuple[Item, ...]


DANIELSON_LEVELS = ("Unsatisfactory", "Basic", "Proficient", "Distinguished")
CSTP_STANDARDS = (
    "Engaging and Supporting All Students in Learning",
    "Creating and Maintaining Effective Environments for Student Learning",
    "Understanding and Organizing Subject Matter for Student Learning",
    "Planning Instruction and Designing Learning Experiences for All Students",
    "Assessing Students for Learning",
    "Developing as a Professional Educator",
)
# The CSTP Continuum of Teaching Practice's levels (California, 2012).
CSTP_LEVELS = ("Emerging", "Exploring", "Applying", "Integrating", "Innovating")
CSTP_ELEMENTS = (
    (
        "Using knowledge of students to engage them in learning",
        "Connecting learning to students' prior knowledge, backgrounds, life experiences, and interests",
        "Connecting subject matter to meaningful, real-life contexts",
        "Using a variety of instructional strategies, resources, and technologies to meet students' diverse "
        "learning needs",
        "Promoting critical thinking through inquiry, problem solving, and reflection",
        "Monitoring student learning and adjusting instruction while teaching",
    ),
    (
        "Promoting social development and responsibility within a caring community where each student is treated "
        "fairly and respectfully",
        "Creating physical or virtual learning environments that promote student learning, reflect diversity, and "
        "encourage constructive and productive interactions among students",
        "Establishing and maintaining learning environments that are physically, intellectually, and emotionally safe",
        "Creating a rigorous learning environment with high expectations and appropriate support for all students",
        "Developing, communicating, and maintaining high standards for individual and group behavior",
        "Employing classroom routines, procedures, norms, and supports for positive behavior to ensure a climate "
        "in which all students can learn",
        "Using instructional time to optimize learning",
    ),
    (
        "Demonstrating knowledge of subject matter academic content standards and curriculum frameworks",
        "Applying knowledge of student development and proficiencies to ensure student understanding of subject matter",
        "Organizing curriculum to facilitate student understanding of the subject matter",
        "Utilizing instructional strategies that are appropriate to the subject matter",
        "Using and adapting resources, technologies, and standards-aligned instructional materials, including "
        "adopted materials, to make subject matter accessible to all students",
        "Addressing the needs of English learners and students with special needs to provide equitable access to "
        "the content",
    ),
    (
        "Using knowledge of students' academic readiness, language proficiency, cultural background, and "
        "individual development to plan instruction",
        "Establishing and articulating goals for student learning",
        "Developing and sequencing long-term and short-term instructional plans to support student learning",
        "Planning instruction that incorporates appropriate strategies to meet the learning needs of all students",
        "Adapting instructional plans and curricular materials to meet the assessed learning needs of all students",
    ),
    (
        "Applying knowledge of the purposes, characteristics, and uses of different types of assessments",
        "Collecting and analyzing assessment data from a variety of sources to inform instruction",
        "Reviewing data, both individually and with colleagues, to monitor student learning",
        "Using assessment data to establish learning goals and to plan, differentiate, and modify instruction",
        "Involving all students in self-assessment, goal setting, and monitoring progress",
        "Using available technologies to assist in assessment, analysis, and communication of student learning",
        "Using assessment information to share timely and comprehensible feedback with students and their families",
    ),
    (
        "Reflecting on teaching practice in support of student learning",
        "Establishing professional goals and engaging in continuous and purposeful professional growth and development",
        "Collaborating with colleagues and the broader professional community to support teacher and student learning",
        "Working with families to support student learning",
        "Engaging local communities in support of the instructional program",
        "Managing professional responsibilities to maintain motivation and commitment to all students",
        "Demonstrating professional responsibility, integrity, and ethical conduct",
    ),
)
DANIELSON_2013 = (
    ("Planning and Preparation", (
        "Demonstrating Knowledge of Content and Pedagogy", "Demonstrating Knowledge of Students",
        "Setting Instructional Outcomes", "Demonstrating Knowledge of Resources", "Designing Coherent Instruction",
        "Designing Student Assessments",
    )),
    ("The Classroom Environment", (
        "Creating an Environment of Respect and Rapport", "Establishing a Culture for Learning",
        "Managing Classroom Procedures", "Managing Student Behavior", "Organizing Physical Space",
    )),
    ("Instruction", (
        "Communicating with Students", "Using Questioning and Discussion Techniques", "Engaging Students in Learning",
        "Using Assessment in Instruction", "Demonstrating Flexibility and Responsiveness",
    )),
    ("Professional Responsibilities", (
        "Reflecting on Teaching", "Maintaining Accurate Records", "Communicating with Families",
        "Participating in a Professional Community", "Growing and Developing Professionally",
        "Showing Professionalism",
    )),
)  # fmt: skip
DANIELSON_2022 = (
    ("Planning and Preparation", (
        "Applying Knowledge of Content and Pedagogy", "Knowing and Valuing Students", "Setting Instructional Outcomes",
        "Using Resources Effectively", "Planning Coherent Instruction", "Designing and Analyzing Assessments",
    )),
    ("Learning Environments", (
        "Cultivating Respectful and Affirming Environments", "Fostering a Culture for Learning",
        "Maintaining Purposeful Environments", "Supporting Positive Student Behavior", "Organizing Spaces for Learning",
    )),
    ("Learning Experiences", (
        "Communicating About Purpose and Content", "Using Questioning and Discussion Techniques",
        "Engaging Students in Learning", "Using Assessment for Learning", "Responding Flexibly to Student Needs",
    )),
    ("Principled Teaching", (
        "Engaging in Reflective Practice", "Documenting Student Progress", "Engaging Families and Communities",
        "Contributing to School Community and Culture", "Growing and Developing Professionally",
        "Acting in Service of Students",
    )),
)  # fmt: skip
INTASC = (
    ("The Learner and Learning", ("Learner Development", "Learning Differences", "Learning Environments")),
    ("Content", ("Content Knowledge", "Application of Content")),
    ("Instructional Practice", ("Assessment", "Planning for Instruction", "Instructional Strategies")),
    ("Professional Responsibility", ("Professional Learning and Ethical Practice", "Leadership and Collaboration")),
)
APST = (
    ("Professional Knowledge", ("Know students and how they learn", "Know the content and how to teach it")),
    ("Professional Practice", (
        "Plan for and implement effective teaching and learning",
        "Create and maintain supportive and safe learning environments",
        "Assess, provide feedback and report on student learning",
    )),
    ("Professional Engagement", (
        "Engage in professional learning",
        "Engage professionally with colleagues, parents/carers and the community",
    )),
)  # fmt: skip
TEACHERS_STANDARDS = (
    "Set high expectations which inspire, motivate and challenge pupils",
    "Promote good progress and outcomes by pupils",
    "Demonstrate good subject and curriculum knowledge",
    "Plan and teach well structured lessons",
    "Adapt teaching to respond to the strengths and needs of all pupils",
    "Make accurate and productive use of assessment",
    "Manage behaviour effectively to ensure a good and safe learning environment",
    "Fulfil wider professional responsibilities",
)


def _domains(domains: tuple[tuple[str, tuple[str, ...]], ...], *, letters: bool) -> tuple[Item, ...]:
    """Components under numbered domains: `1a`... (Danielson), or standards numbered on through them."""
    found, n = [], 0
    for d, (domain, names) in enumerate(domains, start=1):
        for i, name in enumerate(names):
            n += 1
            found.append(Item(f"{d}{'abcdef'[i]}" if letters else str(n), name, domain))
    return tuple(found)


def _cstp_elements() -> tuple[Item, ...]:
    return tuple(
        Item(f"CSTP {s}.{e}", name, f"CSTP {s}: {CSTP_STANDARDS[s - 1]}")
        for s, elements in enumerate(CSTP_ELEMENTS, start=1)
        for e, name in enumerate(elements, start=1)
    )


PRESETS: dict[str, Preset] = {
    preset.name: preset
    for preset in (
        Preset("seeded", "mentorlog's nine competencies", SEEDED_LEVELS,
               tuple(Item("", name) for name in DEFAULT_RUBRIC)),
        Preset("cstp", "California Standards for the Teaching Profession (2009)", CSTP_LEVELS,
               tuple(Item(f"CSTP {n}", name) for n, name in enumerate(CSTP_STANDARDS, start=1))),
        Preset("cstp-elements", "California Standards for the Teaching Profession (2009): the elements",
               CSTP_LEVELS, _cstp_elements()),
        Preset("danielson", "Danielson, The Framework for Teaching (2013)", DANIELSON_LEVELS,
               _domains(DANIELSON_2013, letters=True)),
        Preset("danielson-2022", "Danielson, The Framework for Teaching (2022)", DANIELSON_LEVELS,
               _domains(DANIELSON_2022, letters=True)),
        Preset("intasc", "InTASC Model Core Teaching Standards (2013)", ("Level 1", "Level 2", "Level 3"),
               _domains(INTASC, letters=False)),
        Preset("apst", "Australian Professional Standards for Teachers",
               ("Graduate", "Proficient", "Highly Accomplished", "Lead"), _domains(APST, letters=False)),
        # England publishes no levels for its Teachers' Standards: the seeded scale rates them.
        Preset("teachers-standards", "Teachers' Standards (England, 2011)", SEEDED_LEVELS,
               tuple(Item(f"TS{n}", name) for n, name in enumerate(TEACHERS_STANDARDS, start=1))),
    )
}  # fmt: skip
