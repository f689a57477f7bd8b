"""config get|set|list: the settings in config.toml (config.SETTINGS describes each)."""

from __future__ import annotations

from mentorlog import config, paths
from mentorlog.cli.context import Context
from mentorlog.cli.json_out import dumps
from mentorlog.errors import Invalid


def _loaded() -> config.Settings:
    settings = config.load()
    if settings.problem:
        raise Invalid(settings.problem)
    return settings


def get(ctx: Context) -> int:
    ctx.print(config.shown(_loaded(), ctx.args.key))
    return 0


def list_settings(ctx: Context) -> int:
    settings = _loaded()
    if ctx.args.json:
        found = {key: config.shown(settings, key) for key in config.KEYS}
        ctx.print(dumps({"file": str(paths.config_path()), "settings": found, "keymap": settings.keymap}))
        return 0
    ctx.print(f"Settings in {paths.config_path()}")
    width = max(map(len, config.KEYS))
    for key, setting in config.SETTINGS.items():
        ctx.print(f"  {key:<{width}}  {config.shown(settings, key)}")
        ctx.print(f"  {'':<{width}}  {setting.means}")
    if settings.requirement_problem:
        ctx.note(settings.requirement_problem)
    for binding, keys in settings.keymap.items():
        ctx.print(f"  keymap.{binding} = {keys}")
    return 0


def set_setting(ctx: Context) -> int:
    a = ctx.args
    value = config.typed(a.key, a.value)
    config.save({a.key: value})
    ctx.print(f"{a.key} = {config.shown(config.load(), a.key)}  ({paths.config_path()})")
    return 0
