"""A tiny validating layer for YAML data: every error names the key and what was expected.

Modelled on mkdocs' config_options: each option is a small callable that
returns the cleaned value or raises SchemaError naming what it expected.
"""
from __future__ import annotations

import datetime
import re
from pathlib import Path

import yaml

from .errors import BuildError


class SchemaError(Exception):
    def __init__(self, key, expected):
        self.key = key
        super().__init__(f"{key}: {expected}")


def _join(prefix, key):
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    return f"{prefix}.{key}" if prefix else key


class Text:
    def __init__(self, required=True, pattern=None, choices=None):
        self.required, self.pattern, self.choices = required, pattern, choices

    def __call__(self, value, key):
        if value is None or value == "":
            if self.required:
                raise SchemaError(key, "missing, expected text")
            return None
        if not isinstance(value, str):
            raise SchemaError(key, f"expected text, got {type(value).__name__}")
        if self.choices and value not in self.choices:
            raise SchemaError(key, f"expected one of {', '.join(self.choices)}, got {value!r}")
        if self.pattern and not re.fullmatch(self.pattern, value):
            raise SchemaError(key, f"expected text matching {self.pattern}, got {value!r}")
        return value


class Regex(Text):
    def __call__(self, value, key):
        value = super().__call__(value, key)
        if value is not None:
            try:
                re.compile(value)
            except re.error as err:
                raise SchemaError(key, f"expected a regular expression: {err}") from None
        return value


class Url(Text):
    def __init__(self, required=False):
        super().__init__(required, pattern=r"https?://\S+")


class Date:
    """YYYY, YYYY-MM or YYYY-MM-DD; stored as text."""

    def __init__(self, required=False):
        self.required = required

    def __call__(self, value, key):
        if value is None or value == "":
            if self.required:
                raise SchemaError(key, "missing, expected a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            return None
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, int) and 1900 < value < 2200:
            return str(value)
        if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            return value
        raise SchemaError(key, f"expected a date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}")


class Int:
    def __init__(self, minimum=1, required=False):
        self.minimum, self.required = minimum, required

    def __call__(self, value, key):
        if value is None:
            if self.required:
                raise SchemaError(key, "missing, expected a whole number")
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < self.minimum:
            raise SchemaError(key, f"expected a whole number of at least {self.minimum}, got {value!r}")
        return value


class Bool:
    def __init__(self, default=False):
        self.default = default

    def __call__(self, value, key):
        if value is None:
            return self.default
        if not isinstance(value, bool):
            raise SchemaError(key, f"expected true or false, got {value!r}")
        return value


class ListOf:
    def __init__(self, item, required=False, min_items=0):
        self.item, self.required, self.min_items = item, required, min_items

    def __call__(self, value, key):
        if value is None:
            if self.required:
                raise SchemaError(key, "missing, expected a list")
            value = []
        if not isinstance(value, list):
            raise SchemaError(key, f"expected a list, got {type(value).__name__}")
        if len(value) < self.min_items:
            raise SchemaError(key, f"expected at least {self.min_items} item(s)")
        return [self.item(v, _join(key, i)) for i, v in enumerate(value)]


class Mapping:
    """A mapping with known keys; unknown keys are an error (typos surface)."""

    def __init__(self, fields, required=True):
        self.fields, self.required = fields, required

    def __call__(self, value, key=""):
        if value is None:
            if self.required:
                raise SchemaError(key or "(file)", "missing, expected a mapping")
            value = {}
        if not isinstance(value, dict):
            raise SchemaError(key or "(file)", f"expected a mapping, got {type(value).__name__}")
        unknown = sorted(set(map(str, value)) - set(self.fields))
        if unknown:
            raise SchemaError(_join(key, unknown[0]), f"unknown key, expected one of {', '.join(self.fields)}")
        return {name: check(value.get(name), _join(key, name)) for name, check in self.fields.items()}


# libyaml when PyYAML was built with it: same documents and error marks, ~15x
# faster, which matters for the anchor registries of hundreds of interviews.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def parse_yaml(text: str, path, first_line: int = 1):
    """YAML text -> data with the safe loader; a syntax error is one BuildError
    naming the line (counted from `first_line`, for YAML inside another file)."""
    try:
        return yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or "invalid YAML"
        raise BuildError(path, f"invalid YAML: {problem}", line=mark.line + first_line if mark else None) from None


def entry_lines(path, key: str) -> list[int]:
    """The line of each entry of the top-level list `key` in a YAML file, for
    error messages ([] if the file does not parse that far)."""
    try:
        node = yaml.compose(Path(path).read_text(encoding="utf-8"))
        for name, value in node.value:
            if name.value == key:
                return [item.start_mark.line + 1 for item in value.value]
    except (yaml.YAMLError, AttributeError, OSError):
        pass
    return []


def key_line(text: str, key: str) -> int | None:
    """The line of `key` (`speakers[1].name`) in a YAML document, for error messages."""
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    line = None
    for part in re.findall(r"\[(\d+)\]|([^.\[\]]+)", key):
        index, name = part
        if index and isinstance(node, yaml.SequenceNode) and int(index) < len(node.value):
            node = node.value[int(index)]
            line = node.start_mark.line + 1
        elif name and isinstance(node, yaml.MappingNode):
            found = [(k, v) for k, v in node.value if k.value == name]
            if not found:
                break
            line, node = found[0][0].start_mark.line + 1, found[0][1]
        else:
            break
    return line


def read_text(path) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError as err:
        raise BuildError(path, f"cannot read: {err.strerror}") from None
    except UnicodeDecodeError:
        raise BuildError(path, "cannot read: expected UTF-8 text") from None


def validate(data, schema, path, text: str = ""):
    """Check data against a schema; an error names the key and, where it can, its line."""
    try:
        return schema(data)
    except SchemaError as err:
        raise BuildError(path, str(err), line=key_line(text, err.key) if text else None) from None


def load_yaml(path, schema):
    """Read and validate a YAML file; any problem is one BuildError line."""
    text = read_text(path)
    return validate(parse_yaml(text, path), schema, path, text)
