"""Field definitions for worksheet data, and validation against them.

A worksheet describes its saved data once, with these classes; the same definition checks
imported files, cleans browser state, lists the columns of exports, and gives the limits that
the form enforces where the reader types and that each worksheet page documents (limits()).
"""

import re

# Lone surrogates are not text: a file holding them was damaged or made by hand, and they could
# not be written out again as UTF-8.
_NOT_TEXT = re.compile("[\ud800-\udfff]")


class Problems(list):
    """The problems found while cleaning data, in the reader's language.

    strict: True for files, which this site writes with exact types (a rating is the number 3);
    False for the browser's own form state, where every value is a string ("3").
    """

    def __init__(self, strict=False):
        super().__init__()
        self.strict = strict


class Text:
    def __init__(self, label_key, limit=2000):
        self.label_key, self.limit = label_key, limit

    def empty(self):
        return ""

    def clean(self, value, label, t, errors):
        if value is None:
            return ""
        if not isinstance(value, str):
            errors.append(t("field_not_text", field=label))
            return ""
        if _NOT_TEXT.search(value):
            errors.append(t("field_bad_text", field=label))
            return _NOT_TEXT.sub("\ufffd", value)
        if len(value) > self.limit:
            errors.append(t("field_too_long", field=label, limit=self.limit))
        return value


class Choice:
    def __init__(self, label_key, options):
        self.label_key, self.options = label_key, tuple(options)

    def empty(self):
        return ""

    def clean(self, value, label, t, errors):
        if value in (None, ""):
            return ""
        if not isinstance(value, str) or value not in self.options:
            errors.append(t("field_bad_choice", field=label, value=str(value)[:40]))
            return ""
        return value


class Record:
    # How a key of this group is written in the documented limits; "<id>" for groups keyed by ids.
    key_placeholder = None

    def __init__(self, label_key, fields):
        self.label_key, self.fields = label_key, fields

    def empty(self):
        return {name: f.empty() for name, f in self.fields.items()}

    def unknown_key(self, key, label, t):
        """The message for a key this group does not have."""
        return t("field_unknown", field=f"{label} › {str(key)[:40]}" if label else str(key)[:40])

    def key_label(self, name, field, label, t):
        """How messages name one of this group's fields."""
        sub = t(field.label_key)
        return f"{label} › {sub}" if label else sub

    def clean(self, value, label, t, errors):
        if value is None:  # a group left out of a file is an empty group, as a missing text is ""
            return self.empty()
        if not isinstance(value, dict):
            errors.append(t("not_an_object", field=label))
            return self.empty()
        errors.extend(self.unknown_key(key, label, t) for key in value if key not in self.fields)
        return {
            name: field.clean(value.get(name), self.key_label(name, field, label, t), t, errors)
            for name, field in self.fields.items()
        }


class Items:
    """A list of records; item_key is a string with {n} that names item n in messages."""

    def __init__(self, label_key, item_key, record, limit=200):
        self.label_key, self.item_key, self.record, self.limit = label_key, item_key, record, limit

    def empty(self):
        return []

    def clean(self, value, label, t, errors):
        if value is None:
            return []
        if not isinstance(value, list):
            errors.append(t("not_a_list", field=label))
            return []
        if len(value) > self.limit:
            errors.append(t("too_many_items", field=label, limit=self.limit))
            value = value[: self.limit]
        return [self.record.clean(v, t(self.item_key, n=i + 1), t, errors) for i, v in enumerate(value)]


def is_blank(record):
    return not any(str(v).strip() for v in record.values() if isinstance(v, str))


# ---------------------------------------------------------------- limits, from the one definition


def limits(field, path="", skip=(), by_id=True):
    """[(path, kind, limit)] for every text ("text", characters) and list ("items", entries).

    Paths are dotted as the form's data-field names are; a list's items are under "<list>[]", and
    the keys of a group keyed by ids are written once, as "<id>" (unless by_id is False, as the
    form needs them). skip: top-level keys to leave out.
    """
    out = []
    if isinstance(field, Text):
        out.append((path, "text", field.limit))
    elif isinstance(field, Items):
        out.append((path, "items", field.limit))
        out += limits(field.record, f"{path}[]", by_id=by_id)
    elif isinstance(field, Record):
        seen = set()
        for name, sub in field.fields.items():
            if not path and name in skip:
                continue
            key = (field.key_placeholder if by_id else None) or name
            for entry in limits(sub, f"{path}.{key}" if path else key, by_id=by_id):
                if entry not in seen:
                    seen.add(entry)
                    out.append(entry)
    return out


def form_limits(field):
    """{data-field or data-list name: limit} as the form names them: a list item's fields by their
    path inside the item. Raises if one name would need two limits."""
    out = {}
    for path, kind, limit in limits(field, by_id=False):
        name = path.rsplit("[].", 1)[-1]
        if out.get((name, kind), limit) != limit:
            raise ValueError(f"form field {name!r} has two {kind} limits: {out[(name, kind)]} and {limit}")
        out[(name, kind)] = limit
    return out


# JSON with ensure_ascii=False writes a UTF-16 unit (the browser's measure of length) as at most
# six bytes (a control character becomes \\u0001).
_BYTES_PER_CHAR = 6


def max_json_bytes(field, depth=1, skip=()):
    """An upper bound on the size of a field's JSON as the export writes it (indent=2)."""
    pad = 2 * depth
    if isinstance(field, Text):
        return _BYTES_PER_CHAR * field.limit + 2
    if isinstance(field, Items):
        return 4 + pad + field.limit * (pad + 4 + max_json_bytes(field.record, depth + 1))
    if isinstance(field, Record):
        return (
            4
            + pad
            + sum(
                pad + 6 + _BYTES_PER_CHAR * len(name) + max_json_bytes(sub, depth + 1)
                for name, sub in field.fields.items()
                if not (depth == 1 and name in skip)
            )
        )
    options = getattr(field, "options", ())
    return 32 + max((len(str(o)) * _BYTES_PER_CHAR for o in options), default=0)
