"""mentorlog: an offline terminal journal for a mentor-mentee pair."""

__version__ = "0.1.0"
