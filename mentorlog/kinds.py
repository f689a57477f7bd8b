"""The journal's vocabularies: what kinds of entry, goal, role and status there are.

Kept apart from the tables (models.py) so that quick capture can check a kind
without declaring every table, which costs more than the rest of a capture.
"""

from __future__ import annotations

from enum import StrEnum


class Program(StrEnum):
    INDUCTION = "induction"
    PEER = "peer"
    PEER_GROUP = "peer-group"
    ADMINISTRATIVE = "administrative"
    TEACHER_STUDENT = "teacher-student"
    OTHER = "other"


class Role(StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"


class EndReason(StrEnum):
    """Why a pairing closed: the retention figure every induction program reports."""

    COMPLETED = "completed"
    MOVED = "moved"  # the mentee moved school
    LEFT_TEACHING = "left-teaching"
    OTHER = "other"


REASON_WORDS = {
    EndReason.COMPLETED: "completed",
    EndReason.MOVED: "ended early: the mentee moved school",
    EndReason.LEFT_TEACHING: "ended early: the mentee left teaching",
    EndReason.OTHER: "ended for another reason",
}


class GoalKind(StrEnum):
    NUMBER = "number"
    MILESTONES = "milestones"
    YES_NO = "yes-no"
    RUBRIC = "rubric"


class GoalStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    PAUSED = "paused"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class EntryKind(StrEnum):
    SESSION = "session"
    OBSERVATION = "observation"
    REFLECTION = "reflection"
    ASSESSMENT = "assessment"
    NOTE = "note"


class SessionMode(StrEnum):
    IN_PERSON = "in-person"
    VIDEO = "video"
    PHONE = "phone"
    ASYNC = "async"


class Rater(StrEnum):
    SELF = "self"
    MENTOR = "mentor"


def own_rater(owner_role: str) -> Rater:
    """Whose ratings a journal records unless told otherwise: its owner's (the mentee rates self)."""
    return Rater.SELF if owner_role == Role.MENTEE else Rater.MENTOR


# The rubric a new pair starts with (PRODUCT.md §1).
# The seeded rubric's level scale (a pair's rubric may have its own: journal.rubric).
SEEDED_LEVELS = ("Beginning", "Exploring", "Applying", "Integrating", "Innovating")
DEFAULT_RUBRIC = (
    "Classroom management",
    "Lesson planning and curriculum",
    "Instructional strategies",
    "Student engagement",
    "Assessment and feedback",
    "Differentiation for diverse learners",
    "Collaboration and communication",
    "Reflective practice",
    "Technology integration",
)
