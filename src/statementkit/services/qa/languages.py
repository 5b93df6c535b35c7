"""Per-language rules for the checks: script, punctuation, quotes, numerals, how terms are matched.

Russian term matching compares word stems (the registry lists the cases templates need, a translator
may use another case); Chinese numerals are read for the number check because templates and translators
write "每三年" where English has "3-year".  Month names come from Babel (CLDR); the Russian prepositional
("в мае"), which CLDR does not have, is derived from the genitive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

_WORD = regex.compile(r"[\p{L}\p{N}+]+")
_LABEL = regex.compile(r"(?m)^[ \t]*(?:\(?[0-9a-zа-я]{1,2}[.)、]|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)(?!\d)[ \t]*")


def mask_labels(text: str) -> str:
    """``text`` with list labels at the start of a line ("1.", "一、", "（一）", "(a)") blanked out (same
    length, so offsets stay valid)."""
    return _LABEL.sub(lambda m: " " * len(m.group()), text)


@cache
def month_names(lang: str) -> dict[str, int]:
    """Lower-cased month name → month number in ``lang`` (format and stand-alone, wide and abbreviated)."""
    from babel import Locale

    loc = Locale.parse(lang)
    out: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for n, name in loc.months[context][width].items():
                out[name.casefold().rstrip(".")] = n
    if lang == "ru":
        for n, name in loc.months["format"]["wide"].items():  # genitive: января → prepositional январе
            out[name.casefold()[:-1] + "е"] = n
    return out


_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_ZH_NUMERAL = regex.compile(r"[零〇一二两三四五六七八九十百]+")


def zh_numerals(text: str) -> set[int]:
    """Values of the Chinese numerals in ``text`` up to 999 (一 1, 十二 12, 二十 20, 三百零五 305)."""
    out: set[int] = set()
    for m in _ZH_NUMERAL.finditer(text):
        s, total, current = m.group(), 0, 0
        for ch in s:
            if ch in _ZH_DIGITS:
                current = _ZH_DIGITS[ch]
            elif ch == "十":
                total += (current or 1) * 10
                current = 0
            elif ch == "百":
                total += (current or 1) * 100
                current = 0
        out.add(total + current)
    return out


def _ru_stem(word: str) -> str:
    w = word.casefold()
    return w[: max(4, len(w) - 2)] if regex.match(r"\p{Cyrillic}", w) and len(w) > 4 else w


@dataclass(frozen=True)
class Language:
    """What is right for texts in one language."""

    code: str
    script: str  # the regex script of its letters
    foreign_scripts: tuple[str, ...]
    wrong_punctuation: tuple[tuple[str, str], ...] = ()  # (regex, what is wrong) pairs
    allowed_latin: frozenset[str] = field(default_factory=frozenset)
    sentence_end: str = r"[.!?](?=[\s»”\"]*(?:$|\s+[«“\"(]?[\p{Lu}\d]))"
    abbreviations: frozenset[str] = field(default_factory=frozenset)  # words a full stop does not end
    brackets: tuple[tuple[str, str], ...] = (("(", ")"), ("[", "]"))
    length_unit: str = "word"  # what the completeness check counts: word | char (Han characters)
    segment_end: str = r"(?<=[;:])(?=\s+[«“\"(]?\p{Lu})"

    def sentences(self, text: str) -> list[str]:
        """The sentences of ``text``: split after a sentence end that is not an abbreviation's full stop (list
        labels at the start of a line, "1." "一、" "(a)", are not sentences)."""
        text = mask_labels(text)
        out: list[str] = []
        start = 0
        for m in regex.finditer(self.sentence_end, text):
            before = regex.search(r"[\p{L}-]+$", text[start:m.start()])
            if m.group() == "." and before and before.group() in self.abbreviations:
                continue
            end = m.end()
            while end < len(text) and text[end] in "»”\"）)":
                end += 1
            piece = text[start:end].strip()
            if piece:
                out.append(piece)
            start = end
        tail = text[start:].strip()
        if tail:
            out.append(tail)
        return out

    def segments(self, text: str) -> list[str]:
        """Sentences, each further split after a colon or semicolon that another sentence follows
        ("… as follows: The Parties …", "…；各方…"): what the completeness check counts."""
        out: list[str] = []
        for sent in self.sentences(text):
            out.extend(p for p in regex.split(self.segment_end, sent) if p.strip())
        return out

    def length(self, text: str) -> int:
        """The length the completeness check compares: Han characters (zh) or words."""
        if self.length_unit == "char":  # a number counts as one character, as it is one word in en and ru
            return len(regex.findall(r"[〇零一二两三四五六七八九十百千万]+|\d+(?:[.,]\d+)?|\p{Han}", text))
        return len(regex.findall(r"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*", text))

    def unbalanced(self, text: str) -> list[tuple[int, str]]:
        """Brackets and quotes that do not pair up: (offset, character)."""
        opening = {o: c for o, c in self.brackets}
        closing = {c: o for o, c in self.brackets}
        stack: list[tuple[int, str]] = []
        out: list[tuple[int, str]] = []
        for i, ch in enumerate(text):
            if ch in opening and ch in closing:  # a symmetric quote: toggles
                if stack and stack[-1][1] == ch:
                    stack.pop()
                else:
                    stack.append((i, ch))
            elif ch in opening:
                stack.append((i, ch))
            elif ch in closing:
                if stack and stack[-1][1] == closing[ch]:
                    stack.pop()
                else:
                    out.append((i, ch))
        return sorted(out + stack)

    def punctuation_problems(self, text: str) -> list[str]:
        out = []
        for pattern, what in self.wrong_punctuation:
            for m in regex.finditer(pattern, text):
                out.append(f"{what}: …{text[max(0, m.start() - 8):m.end() + 8]}…")
        return out

    def contains(self, text: str, phrase: str) -> bool:
        """Whether ``phrase`` (a registry form) stands in ``text``, as this language may inflect it."""
        if self.code == "ru":
            words = [_ru_stem(w) for w in _WORD.findall(text)]
            want = [_ru_stem(w) for w in _WORD.findall(phrase)]
            if not want:
                return False
            n = len(want)
            return any(words[i:i + n] == want for i in range(len(words) - n + 1))
        if self.code == "zh":
            return phrase.casefold() in text.casefold()
        return regex.search(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(phrase)}(?![\p{{L}}\p{{N}}])", text,
                            flags=regex.IGNORECASE) is not None

    def spans(self, text: str, phrase: str) -> list[tuple[int, int]]:
        """Where ``phrase`` stands in a source text (exact words, case-insensitive)."""
        pattern = rf"(?<![\p{{L}}\p{{N}}]){regex.escape(phrase)}(?![\p{{L}}\p{{N}}])"
        if self.code == "zh":
            pattern = regex.escape(phrase)
        return [m.span() for m in regex.finditer(pattern, text, flags=regex.IGNORECASE)]


_HAN = r"\p{Han}"
ZH = Language(
    code="zh", script="Han", foreign_scripts=("Cyrillic",),
    sentence_end=r"[。！？]", length_unit="char", segment_end=r"(?<=[；：])(?=.)",
    brackets=(("（", "）"), ("(", ")"), ("“", "”"), ("‘", "’"), ("《", "》"), ("〈", "〉"), ("【", "】"), ("「", "」")),
    allowed_latin=frozenset({"WIPO", "IP", "TISC", "TISCs", "BRIPC", "PCT", "C", "C5", "SCO", "BRICS", "APEC",
                             "ASEAN", "UN", "WTO", "AI", "GDP", "EU", "CICA", "ICC"}),
    wrong_punctuation=(
        (rf"(?<={_HAN})\s*[,;:!?](?!\d)|[,;:!?]\s*(?={_HAN})", "half-width punctuation in Chinese text (use ，；：！？)"),
        (rf"(?<={_HAN})\.(?!\d)", "a full stop after Chinese text should be 。"),
        (rf"(?<={_HAN})\s*\((?=[^)]*\))|\((?=\s*{_HAN})|(?<={_HAN})\s*\)", "half-width parentheses (use （）)"),
        (r"\"", "straight quotes in Chinese text (use “”)"),
    ),
)
RU = Language(
    code="ru", script="Cyrillic", foreign_scripts=("Han",),
    abbreviations=frozenset({"г", "гг", "т", "д", "др", "п", "пп", "ст", "им", "см", "н", "э", "руб", "млн",
                             "млрд", "тыс", "г-н", "г-жа"}),
    brackets=(("(", ")"), ("[", "]"), ("«", "»"), ("„", "“")),
    wrong_punctuation=(
        (r"\"", "straight quotes in Russian text (use «»)"),
        (r"[“”](?![^«»]*»)", "English quotes in Russian text (use «», „“ only inside «»)"),
    ),
)
EN = Language(
    code="en", script="Latin", foreign_scripts=("Han", "Cyrillic"),
    abbreviations=frozenset({"Mr", "Ms", "Mrs", "Dr", "Prof", "No", "Nos", "St", "Art", "para", "paras", "e.g",
                             "i.e", "etc", "vs", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
                             "Oct", "Nov", "Dec", "H.E", "U.S", "U.N"}),
    brackets=(("(", ")"), ("[", "]"), ("“", "”"), ("\"", "\"")),
)


@cache
def _opencc(config: str) -> object:
    import opencc

    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    """``text`` in Traditional characters (OpenCC s2t)."""
    return str(_opencc("s2t").convert(text))  # type: ignore[attr-defined]


def to_simplified(text: str) -> str:
    """``text`` in Simplified characters (OpenCC t2s)."""
    return str(_opencc("t2s").convert(text))  # type: ignore[attr-defined]


def traditional_spans(text: str) -> list[tuple[int, int, str]]:
    """Runs of Traditional characters in a Simplified text: characters OpenCC's t2s tables change
    ((start, end, text) per run of consecutive characters)."""
    simple = to_simplified(text)
    if simple == text:
        return []
    if len(simple) != len(text):  # phrase conversion changed the length: compare character by character
        simple = "".join(to_simplified(c) for c in text)
    out: list[tuple[int, int, str]] = []
    for i in range(len(text)):  # runs of changed characters
        if text[i] == simple[i]:
            continue
        if out and out[-1][1] == i:
            a, _, t = out[-1]
            out[-1] = (a, i + 1, t + text[i])
        else:
            out.append((i, i + 1, text[i]))
    return out

LANGUAGE_RULES: dict[str, Language] = {"zh": ZH, "ru": RU, "en": EN}


# Content anchors for the clause-order check: concepts the clauses of joint statements turn on, each as a
# pattern per language (English and Russian by stem).  A clause's anchors are these concepts plus its registry
# names and numbers; two neighbouring clauses are swapped when each fits the other's source better.
ANCHORS: dict[str, dict[str, str]] = {
    "technology": {"en": r"technolog", "zh": r"技术", "ru": r"технолог"},
    "innovation": {"en": r"innovat", "zh": r"创新", "ru": r"инновац"},
    "investment": {"en": r"invest", "zh": r"投资", "ru": r"инвестиц"},
    "treaty": {"en": r"treat(?:y|ies)", "zh": r"条约", "ru": r"договор"},
    "law": {"en": r"\blaws?\b|legal|legislat", "zh": r"法律|立法", "ru": r"закон|правов"},
    "training": {"en": r"train", "zh": r"培训|培养", "ru": r"обучен|учебн|подготовк"},
    "examination": {"en": r"examin", "zh": r"审查", "ru": r"экспертиз"},
    "enforcement": {"en": r"enforce", "zh": r"执法", "ru": r"правоприменен"},
    "digital": {"en": r"digit", "zh": r"数字", "ru": r"цифров"},
    "ai": {"en": r"artificial intelligence", "zh": r"人工智能", "ru": r"искусственн\w* интеллект"},
    "economy": {"en": r"econom", "zh": r"经济", "ru": r"экономи"},
    "trade": {"en": r"\btrade\b", "zh": r"贸易", "ru": r"торгов"},
    "awareness": {"en": r"awareness", "zh": r"意识", "ru": r"осведомлен"},
    "culture": {"en": r"cultur", "zh": r"文化", "ru": r"культур"},
    "delegation": {"en": r"delegation", "zh": r"代表团", "ru": r"делегац"},
    "invitation": {"en": r"invit", "zh": r"邀请", "ru": r"приглаш"},
    "gratitude": {"en": r"gratitude|thank", "zh": r"感谢", "ru": r"благодарн"},
    "hospitality": {"en": r"hospitality", "zh": r"接待", "ru": r"прием"},
    "agenda": {"en": r"agenda", "zh": r"议程", "ru": r"повестк"},
    "chair": {"en": r"\bchair", "zh": r"主席", "ru": r"председател"},
    "contact": {"en": r"contact point", "zh": r"联络", "ru": r"контактн"},
    "plan": {"en": r"work plan", "zh": r"工作计划", "ru": r"план\w* работ"},
    "memorandum": {"en": r"memorandum", "zh": r"备忘录", "ru": r"меморандум"},
    "agreement": {"en": r"\bagreement", "zh": r"协议|协定", "ru": r"соглашени"},
    "summit": {"en": r"summit", "zh": r"峰会", "ru": r"саммит"},
    "friendship": {"en": r"friendship|friendly", "zh": r"友好|友谊", "ru": r"дружб|дружествен"},
    "prosperity": {"en": r"prosperity", "zh": r"繁荣", "ru": r"процветан"},
    "information": {"en": r"information", "zh": r"信息", "ru": r"информац"},
    "data": {"en": r"\bdata\b", "zh": r"数据", "ru": r"данн"},
    "services": {"en": r"servic", "zh": r"服务", "ru": r"услуг"},
    "seminar": {"en": r"seminar|workshop", "zh": r"研讨|研修", "ru": r"семинар"},
    "atmosphere": {"en": r"atmosphere", "zh": r"气氛", "ru": r"атмосфер"},
    "market": {"en": r"market", "zh": r"市场", "ru": r"рыноч|рынк"},
    "region": {"en": r"region", "zh": r"区域|地区|本地区", "ru": r"регион"},
    "opportunity": {"en": r"opportunit", "zh": r"机遇|机会", "ru": r"возможност"},
    "challenge": {"en": r"challeng", "zh": r"挑战", "ru": r"задач|вызов"},
    "consensus": {"en": r"consensus", "zh": r"共识", "ru": r"договоренност"},
    "history": {"en": r"histor", "zh": r"历史", "ru": r"историч"},
    "future": {"en": r"future", "zh": r"未来|命运", "ru": r"будущ|судьб"},
    "prospects": {"en": r"prospect", "zh": r"前景", "ru": r"перспектив"},
    "brand": {"en": r"brand", "zh": r"品牌", "ru": r"бренд"},
    "search": {"en": r"search", "zh": r"检索", "ru": r"поиск"},
    "strategy": {"en": r"strateg", "zh": r"战略", "ru": r"стратег"},
    "designate": {"en": r"designat", "zh": r"指定", "ru": r"назнач"},
    "implement": {"en": r"implement", "zh": r"落实|实施|执行", "ru": r"реализац|осуществлен|выполнен"},
    "significance": {"en": r"significan", "zh": r"意义", "ru": r"значени"},
}


@cache
def anchor_pattern(lang: str) -> regex.Pattern[str]:
    """One pattern finding every anchor concept of :data:`ANCHORS` in ``lang`` (group name = concept)."""
    return regex.compile("|".join(f"(?P<{k.replace('-', '_')}>{v[lang]})" for k, v in ANCHORS.items()),
                         flags=regex.IGNORECASE)


def anchors_in(text: str, lang: str) -> frozenset[str]:
    """The anchor concepts named in ``text``."""
    return frozenset(m.lastgroup for m in anchor_pattern(lang).finditer(text) if m.lastgroup)
