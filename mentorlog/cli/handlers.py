"""Which function runs for which command, imported only when that command runs.

Quick capture (`mentorlog log`) should pay for the log command alone, not for
the demo generator or the integrity check.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from mentorlog.cli.context import Context

Handler = Callable[[Context], int]

HANDLERS: dict[tuple[str, str | None], str] = {
    ("demo", None): "cmd_demo:demo",
    ("init", None): "cmd_pairs:init",
    ("pairs", None): "cmd_pairs:list_pairs",
    ("pair", "use"): "cmd_pairs:use",
    ("pair", "show"): "cmd_pair:show",
    ("pair", "edit"): "cmd_pair:edit",
    ("pair", "close"): "cmd_pair:close",
    ("pair", "reopen"): "cmd_pair:reopen",
    ("pair", "archive"): "cmd_pair:archive",
    ("pair", "unarchive"): "cmd_pair:unarchive",
    ("pair", "delete"): "cmd_pair:delete",
    ("status", None): "cmd_pairs:status",
    ("tui", None): "cmd_tui:open_tui",
    ("prep", None): "cmd_prep:prep",
    ("observe", None): "cmd_tui:observe",
    ("goal", None): "cmd_goals:list_goals",
    ("goal", "add"): "cmd_goals:add",
    ("goal", "list"): "cmd_goals:list_goals",
    ("goal", "show"): "cmd_goals:show",
    ("goal", "progress"): "cmd_goals:progress",
    ("goal", "status"): "cmd_goals:status",
    ("goal", "milestone"): "cmd_goals:milestone",
    ("goal", "tick"): "cmd_goals:tick",
    ("goal", "edit"): "cmd_goal_edits:edit",
    ("goal", "milestone-edit"): "cmd_goal_edits:milestone_edit",
    ("goal", "untick"): "cmd_goal_edits:untick",
    ("goal", "milestone-delete"): "cmd_goal_edits:milestone_delete",
    ("goal", "progress-edit"): "cmd_goal_edits:progress_edit",
    ("goal", "progress-delete"): "cmd_goal_edits:progress_delete",
    ("log", None): "cmd_log:log",
    ("assess", None): "cmd_entries:assess",
    ("timeline", None): "cmd_timeline:show_timeline",
    ("show", None): "cmd_show:show",
    ("todo", None): "cmd_todo:list_items",
    ("todo", "add"): "cmd_todo:add",
    ("todo", "list"): "cmd_todo:list_items",
    ("todo", "done"): "cmd_todo:done",
    ("todo", "edit"): "cmd_todo:edit",
    ("todo", "reopen"): "cmd_todo:reopen",
    ("todo", "delete"): "cmd_todo:delete",
    ("check", None): "cmd_check:check",
    ("completion", None): "cmd_completion:completion",
    ("__complete", None): "cmd_completion:names",
    ("config", None): "cmd_config:list_settings",
    ("config", "list"): "cmd_config:list_settings",
    ("config", "get"): "cmd_config:get",
    ("config", "set"): "cmd_config:set_setting",
    ("report", "hours"): "cmd_report:hours",
    ("export", None): "cmd_exchange:export",
    ("import", None): "cmd_exchange:import_file",
    ("backup", None): "cmd_exchange:backup",
    ("restore", None): "cmd_exchange:restore",
    ("trash", None): "cmd_trash:list_trash",
    ("encrypt", None): "cmd_encryption:encrypt",
    ("decrypt", None): "cmd_encryption:decrypt",
    ("passphrase", None): "cmd_encryption:passphrase",
    ("unlock", None): "cmd_encryption:unlock",
    ("lock", None): "cmd_encryption:lock",
    ("rubric", None): "cmd_rubric:list_rubric",
    ("rubric", "list"): "cmd_rubric:list_rubric",
    ("rubric", "add"): "cmd_rubric:add",
    ("rubric", "rename"): "cmd_rubric:rename",
    ("rubric", "group"): "cmd_rubric:group",
    ("rubric", "move"): "cmd_rubric:move",
    ("rubric", "retire"): "cmd_rubric:retire",
    ("rubric", "describe"): "cmd_rubric:describe",
    ("rubric", "preset"): "cmd_rubric:preset",
    ("rubric", "load"): "cmd_rubric:load",
    ("trash", "list"): "cmd_trash:list_trash",
    ("trash", "restore"): "cmd_trash:restore",
    ("trash", "empty"): "cmd_trash:empty",
}


def handler(command: str, action: str | None) -> Handler:
    module_name, _, function = HANDLERS[(command, action)].partition(":")
    module = importlib.import_module(f"mentorlog.cli.{module_name}")
    found: Handler = getattr(module, function)
    return found
