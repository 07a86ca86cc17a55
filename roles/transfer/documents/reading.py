"""Reading a stream of blocks into an outline: title, facts, sections, levels, groups, items.

Each rule is a small function with a test on a document written for it (tests/roles/transfer/
documents/). The reader never invents: what it cannot place it keeps as a section or names
among the things it was unsure of.
"""

import re

from roles.transfer.documents.blocks import BULLET, Block, Line, blocks_from_lines, clean
from roles.transfer.documents.outline import (
    Outline,
    OutlineGroup,
    OutlineItem,
    OutlineLevel,
    OutlineSection,
)
from roles.transfer.parsed import ImportProblem

# Labels of the facts at the top of a profile, and the Role field each one fills (or "").
FACT_LABELS = {
    "job title": "title",
    "jobtitle": "title",
    "role title": "title",
    "post title": "title",
    "title": "title",
    "position": "title",
    "position title": "title",
    "role": "title",
    "grade": "grade",
    "band": "grade",
    "grade/band": "grade",
    "pay band": "grade",
    "pay grade": "grade",
    "grades": "grade",
    "evaluation level": "grade",
    "salary grade": "grade",
    "department": "department",
    "division": "division",
    "directorate": "division",
    "service area": "service_area",
    "service": "service_area",
    "team": "",
    "reports to": "reports_to",
    "responsible to": "reports_to",
    "reporting to": "reports_to",
    "line manager": "reports_to",
    "reference": "job_reference",
    "job reference": "job_reference",
    "ref": "job_reference",
    "job ref": "job_reference",
    "post number": "job_reference",
    "job code": "job_reference",
    "job family": "job_family",
    "role family": "job_family",
    "direct reports": "direct_reports",
    "direct reports and level": "direct_reports",
    "scope": "scope",
    "budget": "budget",
    "budget responsibility": "budget",
    "budgetary responsibility": "budget",
    "budgetary/financial framework": "budget",
    "management responsibility for": "direct_reports",
    "regulated function(s)": "regulated_functions",
    "regulated functions": "regulated_functions",
    "date": "date_developed",
    "date created": "date_developed",
    "date developed": "date_developed",
    "created": "date_developed",
    "date of last review": "last_reviewed",
    "last reviewed": "last_reviewed",
    "last review": "last_reviewed",
    "date of next review": "next_review",
    "next review": "next_review",
    "review date": "next_review",
    "location": "",
    "hours": "",
    "salary": "",
    "version": "",
    "document version": "",
    "contract": "",
    "flsa status": "",
    "flsa": "",
    "exempt status": "",
    "exemption status": "",
    "status": "",
    "headcount": "",
    "number of posts": "",
}
# "JOB DESCRIPTION: BILLING SPECIALIST": the document's kind, then the role's title.
DOCUMENT_KINDS = re.compile(
    r"^(job description|role profile|job profile|person specification|role description|"
    r"job specification)$",
    re.I,
)
FACT = re.compile(r"^(?P<label>[A-Za-z][A-Za-z0-9 /&()'.,-]{0,45}?)\s*:\s*(?P<value>.*)$")

# Headings of free text about the role, not requirements.
SECTION_WORDS = re.compile(
    r"^((overall|main|job|role|team|the|our|position) )*"
    r"(purpose|overview|summary|about( us| the (team|role|organisation|organization|council))?|"
    r"background|context|introduction|"
    r"department description|working conditions|work environment|key policies|"
    r"equal opportunit(y|ies)|our values|benefits|additional information|notes|"
    r"the organisation|physical (demands|requirements)|(job|performance) standards|travel)"
    r"( of the (role|job|post))?\b",
    re.I,
)
# The role's own purpose, which fills the role's purpose; a team's or a department's purpose is
# a section of its own.
ROLE_PURPOSE = re.compile(
    r"((overall|main|key|job|role|position|the) )*purpose( of the (role|job|post|position))?",
    re.I,
)
SIGN_OFF = re.compile(
    r"^(sign[- ]?off|signed|signature|signatures|agreed by|approved by|authori[sz]ed by|"
    r"i confirm|job ?holder.{0,20}"
    r"signature|print name)\b",
    re.I,
)
# Group headings people write; a line ending in ":" that is one of these starts a new group
# rather than qualifying the items of the one above ("With supervision:").
CATEGORY_WORDS = re.compile(
    r"^(essential |desirable |key |main |core |technical |specialist |professional |other )?"
    r"(qualifications?|education|training|knowledge|skills?|experience|abilities|behaviou?rs|"
    r"competenc(y|ies)|attributes|responsibilities|accountabilities|duties|functions|"
    r"requirements|criteria|values|personal qualities|tasks)\b",
    re.I,
)
MARKER = re.compile(
    r"^(?P<word>essential|desirable|desired|preferred|marginal|minimum|ideal)\b"
    r"(?P<rest>.*)$",
    re.I,
)
MARKER_ONLY = re.compile(
    r"^(essential|desirable|desired|preferred|marginal|minimum|ideal)"
    r"( (criteria|requirements|qualities))?$",
    re.I,
)
ESSENTIAL_WORDS = {"essential", "minimum"}
ITEM_MARKER = re.compile(
    r"\s*[(\[](?P<word>essential|desirable|desired|preferred)[)\]]\.?\s*$|"
    r"^(?P<lead>essential|desirable|desired|preferred)\s*[:\-–]\s*",
    re.I,
)
WEIGHT = re.compile(
    r"\s*[(\[]?\s*(?P<share>\d{1,3})\s*%(\s*(of\s+(the\s+)?(time|role|job)|weighting|weight))?"
    r"\s*[)\]]?\s*",
    re.I,
)
RULE = re.compile(r"\b(at least|a minimum of|any) (?P<n>\d+|one|two|three|four|five) of\b", re.I)
CUMULATIVE = re.compile(
    r"^(as above|in addition to (the )?(level|above|previous))\b.*?[;:,]?", re.I
)
ALL_LEVELS = re.compile(r"^all levels\b:?", re.I)

LEVEL = re.compile(
    r"^(?P<word>level|band|grade|stage|step|tier|phase|range)\s*"
    r"(?P<code>\d{1,2}[a-z]?|[IVX]{1,5}|[ivx]{1,5}|[A-Za-z])(?![\w])(?P<rest>.*)$",
    re.I,
)
# Proficiency words, lowest first; the same rank means the same step in different words.
PROFICIENCIES = {
    word: rank
    for rank, words in enumerate(
        [
            "awareness foundation novice beginner entry trainee apprentice basic",
            "working developing intermediate",
            "practitioner practising practicing competent proficient accomplished skilled",
            "expert advanced leading mastery master",
        ]
    )
    for word in words.split()
}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
CUT_OFF = re.compile(
    r"([,\-–(/&]|\b(and|or|of|the|to|with|for|in|a|an|including|such as|by|on|at))$", re.I
)
SECOND_LEVEL_GLYPHS = {"○", "◦", "o", "▪", "■", "⁃"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
SENTENCE = re.compile(r"[.!?]$")


def parse_level(text: str, *, heading: bool = True) -> OutlineLevel | None:
    """ "Level 1 (Band 2)", "Band 5: Senior officer", "Awareness", "IV", "A (Developing)"."""
    text = clean(text).rstrip(":").strip()
    if match := LEVEL.match(text):
        code = match["code"]
        if code.isalpha() and len(code) == 1 and code.islower():
            return None  # "Level a..." is a sentence
        rest = match["rest"].strip()
        if rest and not re.match(r"^([(:\-–—.,]|as above)", rest, re.I):
            return None  # "Grade A candidates will..." is a sentence
        if (len(rest.split()) > 5 or SENTENCE.search(rest)) and not re.match(
            r"^\(|as above", rest, re.I
        ):
            return None  # "Level 3: Pesticide certificate ..." is an item of level 3
        level = OutlineLevel(label=f"{match['word'].title()} {code}", code=code)
        _level_extras(level, rest)
        return level
    bare = text.lower()
    if heading and bare in PROFICIENCIES:
        return OutlineLevel(label=text, code=text)
    if heading and (match := re.match(r"^([IVX]{1,5}|[A-E])(\s*[(:\-–—]\s*(?P<rest>.*))?$", text)):
        code = match.group(1)
        level = OutlineLevel(label=code, code=code)
        _level_extras(level, (match.group(2) or "").strip())
        return level
    return None


def _level_extras(level: OutlineLevel, rest: str) -> None:
    if re.match(r"^as above", rest, re.I):
        level.cumulative = True
        return
    rest = rest.lstrip(":-–—., ").strip()
    if match := re.match(r"^\((?P<inside>[^)]*)\)\s*(?P<after>.*)$", rest):
        inside, after = match["inside"].strip(), match["after"].lstrip(":-–—., ").strip()
        if re.search(r"\d", inside):
            level.grade = inside
        else:
            level.name = inside
        if re.match(r"^as above", after, re.I):
            level.cumulative = True
        elif after:
            level.name = level.name or after
    elif rest:
        if re.match(r"^(band|grade|range|scale)\s*\w+$", rest, re.I):
            level.grade = rest
        else:
            level.name = rest


def _level_value(level: OutlineLevel) -> float | None:
    code = level.code.lower()
    if code.isdigit():
        return int(code)
    if re.fullmatch(r"\d+[a-z]", code):
        return int(code[:-1]) + (ord(code[-1]) - 96) / 100
    if code in ROMAN:
        return ROMAN[code]
    if code in PROFICIENCIES:
        return PROFICIENCIES[code]
    if len(code) == 1 and code.isalpha():
        return ord(code)
    return None


def direction_of(levels: list[OutlineLevel]) -> str:
    values = [_level_value(level) for level in levels]
    values = [v for v in values if v is not None]
    if len(values) < 2:
        return "up" if len(levels) == 1 else ""
    if all(a < b for a, b in zip(values, values[1:], strict=False)):
        return "up"
    if all(a > b for a, b in zip(values, values[1:], strict=False)):
        return "down"
    return ""


def split_weight(heading: str) -> tuple[str, int | None]:
    """ "Customer care (40% of time)" -> ("Customer care", 40); "30% Billing" -> ("Billing", 30)."""
    match = None
    for candidate in WEIGHT.finditer(heading):
        match = candidate
    if match is None or int(match["share"]) > 100:
        return heading, None
    at_start, at_end = match.start() == 0, match.end() == len(heading)
    inside_brackets = match.group(0).strip().startswith(("(", "["))
    if not (at_start or at_end or inside_brackets):
        return heading, None
    rest = (heading[: match.start()] + " " + heading[match.end() :]).strip(" -–:")
    return clean(rest), int(match["share"])


def split_item_marker(text: str) -> tuple[str, bool | None]:
    match = ITEM_MARKER.search(text)
    if not match:
        return text, None
    word = (match["word"] or match["lead"]).lower()
    return clean(text[: match.start()] + text[match.end() :]), word in ESSENTIAL_WORDS


def split_including(text: str) -> tuple[str, list[str]]:
    """ "Experience of X including: a; b; c" -> the item and its sub-points."""
    match = re.search(r"\b(including|includes|such as)\s*:\s*(?P<list>.+)$", text, re.I)
    if not match:
        return text, []
    points = [p.strip(" .") for p in re.split(r";|\s•\s", match["list"]) if p.strip(" .")]
    if len(points) < 2:
        return text, []
    return text[: match.start("list")].rstrip(), points


class _Reader:
    def __init__(self, file: str):
        self.outline = Outline(file=file)
        self.level: OutlineLevel | None = None
        self.level_rank = 99.0
        self.group: OutlineGroup | None = None
        self.group_rank = 99.0
        # A heading above the levels ("Qualifications" holding "Level 1:", "Level 2:"...).
        self.outer: tuple[str, float, int | None, bool | None] | None = None
        self.marker: bool | None = None
        self.marker_rank = 99.0
        self.section: OutlineSection | None = None
        self.section_rank = 99.0
        self.sign_off = False
        self.top = True  # still in the title and facts at the head of the document
        self.last_item: OutlineItem | None = None
        self.last_block: Block | None = None
        self.in_sub_points: Block | None = None
        self.paragraph_levels: set[int] = set()
        self.heading_seen = False

    # Where items go -------------------------------------------------------------------

    def _groups(self) -> list[OutlineGroup]:
        return self.level.groups if self.level else self.outline.groups

    def _current_group(self) -> OutlineGroup:
        if self.group is None:
            if self.outer is not None:
                self._open_outer_group()
            else:
                self.group = OutlineGroup(heading="", essential=None)
                self._groups().append(self.group)
        return self.group

    def _open_outer_group(self) -> None:
        heading, rank, weight, essential = self.outer
        existing = next(
            (g for g in self._groups() if g.heading == heading and not g.lead_in and heading),
            None,
        )
        if existing is None:
            existing = OutlineGroup(heading=heading, weight=weight, essential=essential)
            self._groups().append(existing)
        self.group, self.group_rank = existing, rank

    def _add_item(self, text: str, *, essential: bool | None = None, unsure: str = "") -> None:
        text, marked = split_item_marker(clean(text))
        text, points = split_including(text)
        if not text:
            return
        group = self._current_group()
        if essential is None:
            essential = marked if marked is not None else group.essential
        if essential is None:
            essential = self.marker
        item = OutlineItem(text=text, sub_points=points, essential=essential, unsure=unsure)
        group.items.append(item)
        self.last_item = item

    # Headings -------------------------------------------------------------------------

    def rank_of(self, block: Block) -> float | None:
        """How high a heading sits (1 highest); None for a block that is not a heading."""
        text = block.text
        if block.kind == "heading":
            return block.depth
        if block.kind != "text" or not text:
            return None
        words = len(text.split())
        if re.match(r"^\d{1,3}\s?%\s", text) and words <= 40:
            return 8  # "30% Responsible for ..., which includes:"
        if len(text) > 120:
            return None
        if block.bold and words <= 14 and not SENTENCE.search(text):
            return 7
        letters = re.sub(r"[^A-Za-z]", "", text)
        if len(letters) >= 4 and letters.isupper() and words <= 12:
            return 6.5
        if parse_level(text) and words <= 8:
            return 7.5
        if text.endswith(":") and words <= 10:
            return 8
        if words <= 6 and text[:1].isupper() and not re.search(r"[.!?;,]$", text):
            return 7.9  # a short line of its own: "Duties"
        return None

    def heading(self, block: Block, rank: float) -> None:
        text = clean(block.text)
        bare = text.rstrip(":").strip()
        if CUMULATIVE.match(bare):
            self.text(block)  # "As above and;" in bold is still no heading
            return
        if self.section is not None and block.kind == "heading" and rank > self.section_rank:
            # A sub-heading inside a free section ("Role purpose" > "Team leader") is its text.
            self.section.text = f"{self.section.text}\n{bare}".strip()
            return
        self.section = None
        self.last_item = None
        if SIGN_OFF.match(bare):
            self.sign_off = True
            self.outline.sign_off.append(bare)
            return
        self.sign_off = False
        if self.top and not self.outline.title and not FACT.match(text):
            self.outline.title = bare
            return
        self.top = False
        self.heading_seen = True
        if self.marker is not None and rank <= self.marker_rank:
            self.marker = None
        level = parse_level(bare) if rank < 8 or LEVEL.match(bare) else None
        known = next((lv for lv in self.outline.levels if lv.label.lower() == bare.lower()), None)
        if level is None and known is not None:
            level = OutlineLevel(label=known.label, code=known.code)
        if level is None and self._followed_by_as_above(block) and self.outline.levels:
            label = re.sub(r"\s*\(.*$", "", bare).strip() or bare
            level = OutlineLevel(label=label, code=label)
            _level_extras(level, bare[len(label) :].strip())
        if level is not None:
            self._enter_level(level, rank)
            return
        if ALL_LEVELS.match(bare):
            group = self.group
            if self.outer is None and group is not None and group.heading and not group.items:
                self.outer = (group.heading, self.group_rank, group.weight, group.essential)
                self._groups().remove(group)
            self.level, self.group = None, None
            return
        if SECTION_WORDS.match(bare) and rank < 8:
            self._leave_levels_if_above(rank)
            self.group = None
            self.section = OutlineSection(heading=bare, text="")
            self.section_rank = rank
            self.outline.sections.append(self.section)
            return
        if (marker := MARKER.match(bare)) and not LEVEL.match(bare):
            self.marker = marker["word"].lower() in ESSENTIAL_WORDS
            self.marker_rank = rank
            if MARKER_ONLY.match(bare):
                if self.group is not None and self.group.items:
                    # "Essential" / "Desirable" inside one group: the same heading goes on.
                    self.group = OutlineGroup(
                        heading=self.group.heading, essential=self.marker, weight=None
                    )
                    self._groups().append(self.group)
                elif self.group is not None:
                    self.group.essential = self.marker
                return
        if self._is_lead_in(block, bare, rank):
            return
        self._new_group(bare, rank, block)

    def _followed_by_as_above(self, block: Block) -> bool:
        following = block.following
        return bool(following and CUMULATIVE.match(following.text or ""))

    def _is_lead_in(self, block: Block, bare: str, rank: float) -> bool:
        """ "With supervision:" qualifies the items of the group above it."""
        if rank < 8 or CATEGORY_WORDS.match(bare) or self.group is None:
            return False
        if split_weight(bare)[1] is not None:
            return False
        if not self.group.heading:
            return False
        if not self.group.items and not self.group.lead_in:
            self.group.lead_in = bare
            return True
        if self.group.lead_in:
            self.group = OutlineGroup(
                heading=self.group.heading,
                lead_in=bare,
                essential=self.group.essential,
                weight=self.group.weight,
            )
            self._groups().append(self.group)
            return True
        return False

    def _enter_level(self, level: OutlineLevel, rank: float) -> None:
        existing = next(
            (lv for lv in self.outline.levels if lv.label.lower() == level.label.lower()), None
        )
        if existing is None:
            self.outline.levels.append(level)
            existing = level
        else:
            existing.cumulative = existing.cumulative or level.cumulative
            existing.grade = existing.grade or level.grade
            existing.name = existing.name or level.name
        keep_outer = self.outer is not None
        group = self.group
        if (
            self.outer is None
            and group is not None
            and group.heading
            and not group.items
            and self.group_rank <= rank
        ):
            # A group heading straight above a level heading is a heading over the levels.
            self.outer = (group.heading, self.group_rank, group.weight, group.essential)
            self._groups().remove(group)
            keep_outer = True
        self.level, self.level_rank = existing, rank
        self.group = None
        if keep_outer:
            self._open_outer_group()

    def _leave_levels_if_above(self, rank: float) -> None:
        if self.outer is not None and rank <= self.outer[1]:
            self.outer, self.level = None, None
        elif self.level is not None and rank < self.level_rank:
            self.level = None

    def _new_group(self, bare: str, rank: float, block: Block) -> None:
        self._leave_levels_if_above(rank)
        heading, weight = split_weight(bare)
        rule = ""
        if match := RULE.search(heading):
            rule = f"at least {NUMBER_WORDS.get(match['n'].lower(), match['n'])} of"
        essential = None
        if marker := MARKER.match(heading):
            essential = marker["word"].lower() in ESSENTIAL_WORDS
        elif self.marker is not None:
            essential = self.marker
        if self.outer is not None and self.level is None:
            self.outer = (heading, rank, weight, essential)
            self.group = None
            return
        self.group = OutlineGroup(heading=heading, weight=weight, rule=rule, essential=essential)
        if rank >= 8 and not CATEGORY_WORDS.match(heading):
            self.group.unsure = "heading guessed from a line ending in a colon"
        self.group_rank = rank
        self._groups().append(self.group)

    # Text and items -------------------------------------------------------------------

    def text(self, block: Block) -> None:
        text = clean(block.text)
        if self.sign_off or SIGN_OFF.match(text):
            self.sign_off = True
            self.outline.sign_off.append(text)
            return
        if match := CUMULATIVE.match(text):
            if self.level is not None:
                self.level.cumulative = True
            rest = text[match.end() :].strip(" ;:,")
            if rest and len(rest.split()) > 3:
                self.text(Block("text", rest))
            return
        match = FACT.match(text)
        if (
            self.top
            and not self.outline.title
            and match
            and DOCUMENT_KINDS.match(match["label"].strip())
            and match["value"].strip()
        ):
            self.outline.title = match["value"].strip()
            return
        if self._fact(block):
            return
        if self.top and not self.outline.title:
            self.outline.title = text
            return
        self.top = False
        if inline := re.match(r"^(?P<head>[^:]{1,40}?)\s*:\s*(?P<rest>.+)$", text):
            # "Level 2: Certificate in ...": an item of a level, under the heading above.
            level = parse_level(inline["head"], heading=False)
            known = {lv.label.lower(): lv for lv in self.outline.levels}
            if level is None and inline["head"].strip().lower() in known:
                level = known[inline["head"].strip().lower()]
            if level is not None:
                self._enter_level(level, self.level_rank if self.level else 9)
                self._add_item(inline["rest"])
                return
        if ALL_LEVELS.match(text) and self.outer is not None:
            self.level, self.group = None, None
            rest = ALL_LEVELS.sub("", text).strip()
            if rest:
                self._add_item(rest)
            return
        if self.section is not None:
            self.section.text = f"{self.section.text}\n{text}".strip()
            return
        if self.group is None and self.outer is None:
            if self.level is not None and not self.level.groups:
                # Words under a level heading, before its groups: its description, unless
                # the level turns out to have nothing else (read then as its items).
                self.level.description = f"{self.level.description}\n{text}".strip()
                return
            if not self.heading_seen:
                self._untitled_section(text)
                return
        if self.last_block is not None and self.last_block.kind == "item":
            # A paragraph straight after a list is a note about it ("The list is not
            # exhaustive"), not one more requirement: kept, and named for HR to check.
            self.outline.sections.append(OutlineSection(heading="", text=text))
            self.outline.unsure.append(f"a paragraph after a list, kept as a note: “{text[:80]}”")
            return
        group = self._current_group()
        if text.endswith(":") and not group.items and not group.lead_in:
            group.lead_in = text.rstrip(":")
            return
        self._add_item(text, unsure="a paragraph read as one item")

    def _untitled_section(self, text: str) -> None:
        if self.section is None:
            self.section = OutlineSection(heading="", text="")
            self.outline.sections.append(self.section)
        self.section.text = f"{self.section.text}\n{text}".strip()

    def _fact(self, block: Block) -> bool:
        match = FACT.match(clean(block.text))
        if not match:
            return False
        label = match["label"].strip()
        known = label.lower() in FACT_LABELS
        words = len(label.split())
        if not known and not (self.top and words <= 4 and match["value"].strip()):
            return False
        if not known and (LEVEL.match(label) or MARKER.match(label)):
            return False
        value = match["value"].strip()
        if not value:
            following = block.following
            if following is None or following.kind != "text" or FACT.match(following.text):
                return known and self.top
            value = clean(following.text)
            following.consumed = True
        self.outline.facts.append((label, value))
        return True

    def item(self, block: Block) -> None:
        if self.sign_off:
            self.outline.sign_off.append(block.text)
            return
        self.top = False
        if self.section is not None and not self.group:
            self.section.text = f"{self.section.text}\n• {block.text}".strip()
            return
        parent = self.last_item
        previous = self.last_block
        if (
            parent is not None
            and previous is not None
            and previous.kind == "item"
            and self._is_sub_point(block, previous, parent)
        ):
            parent.sub_points.append(clean(block.text))
            if self.in_sub_points is None:
                self.in_sub_points = block
            return
        self.in_sub_points = None
        unsure = "bullet read from a “?” (a bullet glyph lost to the encoding)"
        self._add_item(block.text, unsure=unsure if block.marker == "?" else "")
        self.last_block = block

    def _is_sub_point(self, block: Block, previous: Block, parent: OutlineItem) -> bool:
        if self.in_sub_points is not None:
            started = self.in_sub_points
            return (block.depth, block.marker[:1], round(block.indent)) == (
                started.depth,
                started.marker[:1],
                round(started.indent),
            ) and (block.depth, block.indent, block.marker) != (
                previous.depth,
                previous.indent,
                previous.marker,
            )
        if block.depth > previous.depth:
            return True
        if block.indent >= previous.indent + 2 and block.depth == previous.depth:
            return True
        if block.marker in SECOND_LEVEL_GLYPHS and previous.marker not in SECOND_LEVEL_GLYPHS:
            return True  # Word's second-level bullet, typed or exported as text
        return parent.text.endswith(":") and _glyph_kind(block.marker) != _glyph_kind(
            previous.marker
        )

    # Tables ---------------------------------------------------------------------------

    def table(self, rows: list[Block]) -> None:
        cells = [row.cells for row in rows]
        width = max(len(c) for c in cells)
        if width == 1 or all(len([x for x in c if x]) <= 1 for c in cells):
            for row in rows:
                for cell in row.cells:
                    if cell:
                        self.run(_cell_blocks(cell))
            return
        if (self.top or not self.heading_seen) and self._fact_table(cells):
            return
        self.top = False
        header = cells[0]
        body = cells[1:]
        levels = [parse_level(h) if h else None for h in header[1:]]
        if sum(1 for lv in levels if lv) >= 2 and body:
            self._grid(header, levels, body)
            return
        lowered = [h.lower().strip() for h in header]
        if any(h.startswith("essential") for h in lowered) and any(
            h.startswith(("desirable", "desired", "preferred")) for h in lowered
        ):
            self._criteria_columns(lowered, body)
            return
        if body and all(MARKER.match(row[0] or "") for row in body if row[0]):
            self._criteria_rows(header, body)
            return
        if len(header) == 2 and re.search(r"measure|kpi|indicators? of success", header[1], re.I):
            self._new_group(header[0], 7, rows[0])
            for row in body:
                lines = _cell_lines(row[0])
                if lines:
                    self._add_item(lines[0])
                    self.last_item.sub_points += _cell_lines(row[1] if len(row) > 1 else "")
            return
        if len(header) == 2 and re.fullmatch(
            r"(required )?(level|proficiency|proficiency level)", header[1].strip(), re.I
        ):
            # "Competency | Level": each competency is an item, at the level it names.
            self._new_group(clean(header[0]), 7, rows[0])
            for row in body:
                if row[0]:
                    self._add_item(row[0])
                    if len(row) > 1 and row[1]:
                        self.last_item.sub_points.append(f"{header[1]}: {row[1]}")
            self.group = None
            return
        self._rows_as_groups(header, body)

    def _fact_table(self, cells: list[list[str]]) -> bool:
        pairs = []
        for row in cells:
            if len(row) % 2:
                row = [*row, ""]
            pairs += [(row[i], row[i + 1]) for i in range(0, len(row), 2) if row[i]]
        if not pairs or not all(
            len(label.split()) <= 6 and not SENTENCE.search(label) for label, _ in pairs
        ):
            return False
        if not any(label.strip(" :").lower() in FACT_LABELS for label, _ in pairs):
            return False
        for label, value in pairs:
            label = label.strip(" :")
            if FACT_LABELS.get(label.lower()) == "title" and not self.outline.title:
                self.outline.title = clean(value)
            self.outline.facts.append((label, clean(value)))
        return True

    def _grid(self, header, levels, body) -> None:
        """Levels across, one group per row: a grade-by-behaviour grid."""
        for row in body:
            heading, weight = split_weight(clean(row[0])) if row[0] else (header[0], None)
            for column, level in enumerate(levels, start=1):
                if level is None or column >= len(row):
                    continue
                self._enter_level(level, 7)
                self.outer = None
                self.group = next((g for g in self.level.groups if g.heading == heading), None)
                if self.group is None:
                    self.group = OutlineGroup(heading=heading, weight=weight)
                    self.level.groups.append(self.group)
                for line in _cell_lines(row[column]):
                    if CUMULATIVE.match(line):
                        self.level.cumulative = True
                        continue
                    self._add_item(line)
        self.group = None

    def _criteria_columns(self, lowered, body) -> None:
        for row in body:
            self._new_group(clean(row[0]), 7, Block("text", row[0]))
            for column, name in enumerate(lowered[1:], start=1):
                if column >= len(row):
                    continue
                essential = name.startswith("essential")
                for line in _cell_lines(row[column]):
                    self._add_item(line, essential=essential)

    def _criteria_rows(self, header, body) -> None:
        """Essential and Desirable down the side, groups across the top."""
        for column, heading in enumerate(header[1:], start=1):
            self._new_group(clean(heading), 7, Block("text", heading))
            for row in body:
                essential = (MARKER.match(row[0] or "essential")["word"].lower()) in (
                    ESSENTIAL_WORDS
                )
                if column < len(row):
                    for line in _cell_lines(row[column]):
                        self._add_item(line, essential=essential)

    def _rows_as_groups(self, header, body) -> None:
        rows = [header, *body]
        has_header = len(header) > 2 and all(h and len(h.split()) <= 4 for h in header)
        for row in body if has_header else rows:
            if not row[0]:
                continue
            self._new_group(clean(row[0]), 7, Block("text", row[0]))
            for column, cell in enumerate(row[1:], start=1):
                lines = _cell_lines(cell)
                if has_header and len(row) > 2 and lines:
                    self.group = OutlineGroup(heading=self.group.heading, lead_in=header[column])
                    self._groups().append(self.group)
                for line in lines:
                    self._add_item(line)
            self._drop_empty()
        self.group = None

    def _drop_empty(self) -> None:
        groups = self._groups()
        groups[:] = [g for g in groups if g.items or g is self.group]

    # The whole document ---------------------------------------------------------------

    def run(self, blocks: list[Block]) -> None:
        for block, following in zip(blocks, [*blocks[1:], None], strict=True):
            block.following = following
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if block.consumed:
                index += 1
                continue
            if block.kind == "row":
                end = index
                while (
                    end < len(blocks)
                    and blocks[end].kind == "row"
                    and blocks[end].table == block.table
                ):
                    end += 1
                self.table(blocks[index:end])
                index = end
                continue
            if block.kind == "item":
                self.item(block)
            else:
                rank = self.rank_of(block)
                if self.sign_off and rank is not None and rank <= 6.5:
                    self.sign_off = False  # a heading of its own after the signatures
                if rank is not None and not self.sign_off and self._heading_not_fact(block):
                    self.heading(block, rank)
                else:
                    self.text(block)
                self.last_block = block
            index += 1

    def _heading_not_fact(self, block: Block) -> bool:
        match = FACT.match(block.text)
        if not match:
            return True
        known = match["label"].strip().lower() in FACT_LABELS
        if known and match["value"].strip():
            return False
        following = block.following
        if (
            known
            and following is not None
            and following.kind == "text"
            and len(following.text.split()) <= 12
            and not FACT.match(following.text)
            and self.rank_of(following) in (None, 7.9)
        ):
            return False  # "Role title:" with the title on the next line
        return not (match["value"].strip() and self.top)

    def finish(self) -> Outline:
        outline = self.outline
        for level in outline.levels:
            if level.description and not level.groups:
                # A level of paragraphs alone: its paragraphs are what it asks.
                self.level, self.group, self.outer = level, None, None
                for paragraph in level.description.split("\n"):
                    self._add_item(paragraph, unsure="a paragraph read as one item")
                level.description = ""
        for holder in [outline, *outline.levels]:
            holder.groups[:] = [g for g in holder.groups if g.items]
        outline.direction = direction_of(outline.levels)
        if outline.levels and not outline.direction:
            outline.unsure.append(
                "which way the levels run: they are kept in the document's order, lowest first"
            )
        items = list(outline.all_items())
        if items:
            last = items[-1][2]
            if CUT_OFF.search(last.text) or last.text.endswith(":") and not last.sub_points:
                last.unsure = "the document seems to end in the middle of this item"
                outline.unsure.append(f"the last item seems cut off: “{last.text}”")
        title = outline.fact("job title", "role title", "jobtitle", "post title", "position")
        if title:
            outline.title = title
        return outline


def _glyph_kind(marker: str) -> str:
    if re.fullmatch(r"\(?\d+[.)]", marker):
        return "number"
    if re.fullmatch(r"\(?[a-z][.)]", marker):
        return "letter"
    return marker


def _cell_lines(cell: str) -> list[str]:
    """A table cell's items: one per bullet or line, lines wrapped mid-sentence joined."""
    items: list[str] = []
    for raw in (cell or "").split("\n"):
        line = clean(raw)
        if not line:
            continue
        match = BULLET.match(line)
        if match:
            items.append(clean(match["text"]))
        elif items and (line[:1].islower() or items[-1].endswith((",", "-"))):
            items[-1] = f"{items[-1]} {line}"
        else:
            items.append(line)
    return items


def _cell_blocks(cell: str) -> list[Block]:
    return blocks_from_lines([Line(line) for line in cell.split("\n") if line.strip()])


def read_blocks(file: str, blocks: list[Block]) -> Outline:
    reader = _Reader(file)
    reader.run(blocks)
    outline = reader.finish()
    if not any(True for _ in outline.all_items()):
        raise ImportProblem(
            "does not look like a role profile: no requirements were found in it (no lists, "
            "levels or groups of items under headings).",
            file=file,
        )
    return outline
