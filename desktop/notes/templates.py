"""Note templates: the built-in ones (data files in ``resources/templates``) and the doctor's own.

A template file is Markdown with a small front matter::

    ---
    id: soap
    language: en
    title: SOAP note
    kind: note
    mark: (optional) a first line always put on the draft by the software
    standing: (optional) ["the doctor's standing instructions", "as a JSON list"]
    ---
    What the model is asked to write...

Built-ins are named ``ID.LANG.md``; files starting with ``_`` hold the shared prompt parts (the
rules given with every template, the condensing prompt). The doctor's own templates live in
``paths.templates_dir`` in the same format and carry ``builtin=False``.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, replace
from pathlib import Path

from desktop.atomic import write_text_atomically
from desktop.errors import ScribeError
from desktop.notes.base import Template

log = logging.getLogger(__name__)

BUILTIN_DIR = Path(__file__).resolve().parents[2] / "resources" / "templates"
LANGUAGES = ("en", "fr")
KINDS = ("note", "letter", "prescription", "instructions")
BUILTIN_ORDER = ("soap", "consultation", "referral", "prescription", "instructions")
CONDENSE_KIND = "condense"  # internal: condensing one part of a long transcript
LANGUAGE_NAMES = {
    "en": {"en": "English", "fr": "French"},
    "fr": {"en": "anglais", "fr": "français"},
}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,47}$")


class TemplateError(ScribeError):
    """A template cannot be read, saved or deleted."""


@dataclass(frozen=True)
class PromptParts:
    """The shared prompt texts of one language (from ``_rules.LANG.md`` / ``_condense.LANG.md``)."""

    rules: str
    condense: str


def parse_template_text(text: str, *, builtin: bool) -> Template:
    """Parse a template file's text; raise TemplateError when it is not a valid template."""
    meta, body = _split_front_matter(text)
    missing = [k for k in ("id", "language", "title", "kind") if not meta.get(k)]
    if missing:
        raise TemplateError(f"The template file lacks: {', '.join(missing)}.")
    template = Template(
        id=meta["id"],
        language=meta["language"],
        title=meta["title"],
        kind=meta["kind"],
        instructions=body.strip(),
        builtin=builtin,
        mark=meta.get("mark", ""),
        standing=_standing(meta.get("standing", "")),
    )
    _validate(template)
    return template


def _standing(value: str) -> tuple[str, ...]:
    """The front matter's ``standing: ["always list allergies first", ...]`` (a JSON list)."""
    if not value:
        return ()
    try:
        items = json.loads(value)
    except ValueError:
        raise TemplateError("The template's standing instructions are not a valid list.") from None
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise TemplateError("The template's standing instructions are not a valid list.")
    return tuple(" ".join(i.split()) for i in items if i.strip())


def format_template(template: Template) -> str:
    mark = f"mark: {template.mark}\n" if template.mark else ""
    if template.standing:
        mark += f"standing: {json.dumps(list(template.standing), ensure_ascii=False)}\n"
    return (
        f"---\nid: {template.id}\nlanguage: {template.language}\ntitle: {template.title}\n"
        f"kind: {template.kind}\n{mark}---\n{template.instructions.strip()}\n"
    )


def load_templates(*, user_dir: Path, builtin_dir: Path = BUILTIN_DIR) -> list[Template]:
    """Built-in templates, then the doctor's own; a damaged user file is skipped and logged."""
    templates = sorted(
        (_read(p, builtin=True) for p in _template_files(builtin_dir)),
        key=lambda t: (_rank(t.id), t.id, t.language),
    )
    if not templates:
        raise TemplateError("The built-in note templates are missing; reinstall Scribe.")
    taken = {(t.id, t.language) for t in templates}
    for path in _template_files(user_dir):
        try:
            template = _read(path, builtin=False)
        except TemplateError:
            log.warning("templates: skipping unreadable user template %s", path.name)
            continue
        if (template.id, template.language) in taken:
            log.warning("templates: skipping user template %s (id already used)", path.name)
            continue
        taken.add((template.id, template.language))
        templates.append(template)
    return templates


def find_template(templates: list[Template], template_id: str, language: str) -> Template:
    """The template with this id in this language (or in any language if that one is missing)."""
    candidates = [t for t in templates if t.id == template_id]
    for template in candidates:
        if template.language == language:
            return template
    if candidates:
        return candidates[0]
    raise TemplateError(f'There is no note template called "{template_id}".')


def template_ids(templates: list[Template]) -> list[str]:
    return list(dict.fromkeys(t.id for t in templates))


def save_template(template: Template, *, user_dir: Path, builtin_dir: Path = BUILTIN_DIR) -> Path:
    """Create or overwrite one of the doctor's templates (atomic write)."""
    _validate(template)
    if (builtin_dir / _filename(template.id, template.language)).exists():
        raise TemplateError(
            "A built-in template cannot be changed; duplicate it and edit the copy."
        )
    target = user_dir / _filename(template.id, template.language)
    try:
        write_text_atomically(target, format_template(replace(template, builtin=False)))
    except OSError as exc:
        raise TemplateError(
            f"The template could not be saved in {user_dir} ({exc.strerror})."
        ) from exc
    return target


def duplicate_template(
    template: Template, *, user_dir: Path, builtin_dir: Path = BUILTIN_DIR, title: str = ""
) -> Template:
    """Save a copy of ``template`` under a new id (``ID-copy``, ``ID-copy2``...) and return it."""
    existing = {p.name for p in _template_files(builtin_dir)} | {
        p.name for p in _template_files(user_dir)
    }
    base = f"{template.id}-copy"[:40]
    new_id, n = base, 1
    while _filename(new_id, template.language) in existing:
        n += 1
        new_id = f"{base}{n}"
    suffix = " (copie)" if template.language == "fr" else " (copy)"
    copy = replace(template, id=new_id, title=title or template.title + suffix, builtin=False)
    save_template(copy, user_dir=user_dir, builtin_dir=builtin_dir)
    return copy


def delete_template(template: Template, *, user_dir: Path) -> None:
    if template.builtin:
        raise TemplateError("A built-in template cannot be deleted.")
    try:
        (user_dir / _filename(template.id, template.language)).unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise TemplateError(f"The template could not be deleted ({exc.strerror}).") from exc


def load_prompt_parts(language: str, *, builtin_dir: Path = BUILTIN_DIR) -> PromptParts:
    lang = language if language in LANGUAGES else "en"
    names = LANGUAGE_NAMES[lang]
    parts = []
    for stem in ("_rules", "_condense"):
        path = builtin_dir / f"{stem}.{lang}.md"
        try:
            _meta, body = _split_front_matter(path.read_text(encoding="utf-8"))
        except (OSError, TemplateError) as exc:
            raise TemplateError("The built-in note prompts are missing; reinstall Scribe.") from exc
        parts.append(body.strip().replace("{language_name}", names[lang]))
    return PromptParts(rules=parts[0], condense=parts[1])


def condense_template(language: str, *, part: int) -> Template:
    """The internal template that condenses part ``part`` of a long transcript. It does not say
    how many parts there are: that number grows with the visit, and a part condensed during it
    (``desktop.notes.condensing``) must be asked exactly as at Stop to be reused."""
    lang = language if language in LANGUAGES else "en"
    text = load_prompt_parts(lang).condense
    return Template(
        id="_condense",
        language=lang,
        title="Condensed transcript",
        kind=CONDENSE_KIND,
        instructions=text.replace("{part}", str(part)),
    )


def _rank(template_id: str) -> int:
    return BUILTIN_ORDER.index(template_id) if template_id in BUILTIN_ORDER else len(BUILTIN_ORDER)


def _filename(template_id: str, language: str) -> str:
    return f"{template_id}.{language}.md"


def _template_files(directory: Path) -> list[Path]:
    try:
        return sorted(p for p in directory.glob("*.md") if not p.name.startswith("_"))
    except OSError:
        return []


def _read(path: Path, *, builtin: bool) -> Template:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"The template {path.name} could not be read.") from exc
    return parse_template_text(text, builtin=builtin)


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        raise TemplateError("The template file does not start with a front matter block.")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration as exc:
        raise TemplateError("The template file's front matter block is not closed.") from exc
    meta: dict[str, str] = {}
    for line in lines[1:end]:
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip()
    return meta, "\n".join(lines[end + 1 :])


def _validate(template: Template) -> None:
    if not _ID_RE.match(template.id):
        raise TemplateError("A template id may only hold lower-case letters, digits, '-' and '_'.")
    if template.language not in LANGUAGES:
        raise TemplateError("A template's language must be English (en) or French (fr).")
    if template.kind not in KINDS:
        raise TemplateError(f"A template's kind must be one of: {', '.join(KINDS)}.")
    if not template.title.strip() or "\n" in template.title:
        raise TemplateError("A template needs a title on one line.")
    if "\n" in template.mark:
        raise TemplateError("A template's mark must fit on one line.")
    if any("\n" in item or not item.strip() for item in template.standing):
        raise TemplateError("Each standing instruction must fit on one line.")
    if not template.instructions.strip():
        raise TemplateError("A template needs instructions for the model.")
