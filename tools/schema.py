"""Field definitions for worksheet data, and validation against them.

A worksheet describes its saved data once, with these classes; the same definition
checks imported files, cleans browser state and lists the columns of exports.
"""


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
        if value not in self.options:
            errors.append(t("field_bad_choice", field=label, value=str(value)[:40]))
            return ""
        return value


class Record:
    def __init__(self, label_key, fields):
        self.label_key, self.fields = label_key, fields

    def empty(self):
        return {name: f.empty() for name, f in self.fields.items()}

    def clean(self, value, label, t, errors):
        if value is None:  # a group left out of a file is an empty group, as a missing text is ""
            return self.empty()
        if not isinstance(value, dict):
            errors.append(t("not_an_object", field=label))
            return self.empty()
        for key in value:
            if key not in self.fields:
                errors.append(t("field_unknown", field=f"{label} › {str(key)[:40]}" if label else str(key)[:40]))
        out = {}
        for name, field in self.fields.items():
            sub = t(field.label_key)
            out[name] = field.clean(value.get(name), f"{label} › {sub}" if label else sub, t, errors)
        return out


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
