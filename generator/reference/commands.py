"""The list of commands on the site's home page, read from the command line's own parser so it
lists every command with its arguments and cannot fall behind."""

from __future__ import annotations

import argparse

from generator.reference.markdown import code, escaped


def commands_list(parser: argparse.ArgumentParser) -> str:
    """Return a Markdown list of every command of `parser`: its usage and what it does."""
    lines = []
    for name, sub in _commands(parser).items():
        usage = " ".join(sub.format_usage().split()).removeprefix("usage: ").replace(
            " [-h]", "")
        lines.append(f"- {code(usage)}: {escaped(_help(parser, name))}")
    return "\n".join(lines) + "\n"


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Return the parser's commands by name, in the order they were added."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _help(parser: argparse.ArgumentParser, name: str) -> str:
    """Return the one-line help of the command `name`."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.dest == name:
                    return choice.help or ""
    return ""


def command_names(parser: argparse.ArgumentParser) -> list[str]:
    """Return the name of every command of `parser`."""
    return list(_commands(parser))
