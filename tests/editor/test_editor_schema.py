"""`s75 schema`: the JSON Schema made from the cerberus rules `s75 check` validates with accepts
every example scheme and refuses what `s75 check` refuses, as a YAML-aware editor would."""

from __future__ import annotations

import datetime
import json

import jsonschema
import pytest
from conftest import ROOT
from ruamel.yaml import YAML

from generator.load.editorschema import fields, json_schema

SCHEMES = sorted((ROOT / "schemes").rglob("*.yaml"))


def plain(value):
    """Return YAML data as the YAML language server sees it: dates are text."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def read(path):
    return plain(YAML(typ="safe", pure=True).load(path.read_text("utf-8")))


@pytest.fixture(scope="module")
def validator(library):
    schema = json_schema(library.documents)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize("path", SCHEMES, ids=lambda p: str(p.relative_to(ROOT / "schemes")))
def test_every_example_scheme_is_valid(validator, path):
    assert [e.message for e in validator.iter_errors(read(path))] == []


def errors_for(validator, text: str) -> list[str]:
    data = plain(YAML(typ="safe", pure=True).load(text))
    return sorted(f"{'.'.join(map(str, e.absolute_path))}: {e.validator}"
                  for e in validator.iter_errors(data))


def test_a_misspelt_key_is_refused(validator):
    assert errors_for(validator, "id: a\ntitel: A\n") == [": additionalProperties"]
    assert errors_for(validator, "board:\n  members:\n    - rol: Chair\n") == [
        "board.members.0: additionalProperties", "board.members.0: required"]


def test_a_wrong_type_is_refused(validator):
    assert errors_for(validator, "exit:\n  notice_months: twelve\n") == [
        "exit.notice_months: type"]
    assert errors_for(validator, "parties: Southampton City Council\n") == ["parties: type"]


def test_a_wrong_word_is_refused(validator):
    assert errors_for(validator, "status: drafted\n") == ["status: enum"]
    assert errors_for(validator, "parties:\n  - name: A\n    type: parish_council\n") == [
        "parties.0.type: enum"]
    assert errors_for(validator, "id: Not_An_Id\n") == ["id: pattern"]


def test_an_illustrative_value_is_accepted_only_where_it_prints(validator):
    assert errors_for(validator, "agreement_date: { illustrative: 2017-04-01 }\n") == []
    assert "status: type" in errors_for(validator, "status: { illustrative: draft }\n")


def test_every_field_has_a_description_and_every_value_an_example(library):
    schema = json_schema(library.documents)
    found = list(fields(library.documents))
    assert len(found) > 100
    for path, rules in found:
        node = schema_at(schema, path)
        assert node.get("description"), path
        named = isinstance(rules.get("schema"), dict) and all(
            isinstance(v, dict) for v in rules["schema"].values())
        listed = rules.get("type") == "list" and isinstance(rules.get("schema"), dict) \
            and isinstance(rules["schema"].get("schema"), dict)
        if not (named or listed):
            assert node.get("examples"), path


def schema_at(schema: dict, dotted: str) -> dict:
    """Return the JSON Schema of the field at `dotted` (list items stepped over)."""
    node = schema
    for step in dotted.split("."):
        node = plainest(node)
        if node.get("type") == "array":
            node = plainest(node["items"])
        node = node["properties"][step]
    return node


def plainest(node: dict) -> dict:
    """Return the alternative of an anyOf that has named keys or items, else the first."""
    for option in node.get("anyOf", []):
        if "properties" in option or "items" in option:
            return option
    return node.get("anyOf", [node])[0]


def test_defaults_and_allowed_values_come_from_the_check_rules(library):
    schema = json_schema(library.documents)
    assert schema["properties"]["status"]["enum"] == ["draft", "final"]
    assert schema["properties"]["status"]["default"] == "draft"
    assert schema["properties"]["documents"]["default"] == ["section75"]
    assert schema["properties"]["documents"]["items"]["enum"] == list(library.documents)
    assert schema_at(schema, "board.decision_rule")["default"] == "consensus"


def test_the_command_prints_and_writes_the_schema(cli, tmp_path, library):
    status, lines = cli("schema")
    assert status == 0
    assert json.loads("\n".join(lines)) == json_schema(library.documents)
    out = tmp_path / "scheme.schema.json"
    status, lines = cli("schema", "-o", out)
    assert status == 0 and lines == [f"wrote {out}"]
    assert json.loads(out.read_text("utf-8")) == json_schema(library.documents)
