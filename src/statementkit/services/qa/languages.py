"""Per-language rules for the checks: sentences and abbreviations, the length unit, brackets and quotes,
punctuation, scripts, the Latin allow-list of Chinese; OpenCC's Simplified/Traditional tables; the content
anchors of the clause-order check.

Month names come from Babel (CLDR); the Russian prepositional ("в мае"), which CLDR does not have, is derived
from the genitive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

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


@cache
def _rx(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern)


_WORD_BEFORE = regex.compile(r"[\p{L}-]+$")
_ZH_LENGTH = regex.compile(r"[〇零一二两三四五六七八九十百千万]+|\d+(?:[.,]\d+)?|\p{Han}")
_WORD_LENGTH = regex.compile(r"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")


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
    both_countries: str = r"(?!x)x"  # names the two countries of a bilateral text together (两国, «обеих стран»)
    segment_end: str = r"(?<=[;:])(?=\s+[«“\"(]?\p{Lu})"

    def sentences(self, text: str) -> list[str]:
        """The sentences of ``text``: split after a sentence end that is not an abbreviation's full stop (list
        labels at the start of a line, "1." "一、" "(a)", are not sentences)."""
        text = mask_labels(text)
        out: list[str] = []
        start = 0
        for m in _rx(self.sentence_end).finditer(text):
            before = _WORD_BEFORE.search(text, start, m.start())
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

    def names_both_countries(self, text: str) -> bool:
        """Whether ``text`` names the two countries of a bilateral text together ("both countries", 两国)."""
        return _rx(self.both_countries).search(text) is not None

    def segments(self, text: str) -> list[str]:
        """Sentences, each further split after a colon or semicolon that another sentence follows
        ("… as follows: The Parties …", "…；各方…"): what the completeness check counts."""
        out: list[str] = []
        for sent in self.sentences(text):
            out.extend(p for p in _rx(self.segment_end).split(sent) if p.strip())
        return out

    def length(self, text: str) -> int:
        """The length the completeness check compares: Han characters (zh) or words."""
        if self.length_unit == "char":  # a number counts as one character, as it is one word in en and ru
            return len(_ZH_LENGTH.findall(text))
        return len(_WORD_LENGTH.findall(text))

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
            for m in _rx(pattern).finditer(text):
                out.append(f"{what}: …{text[max(0, m.start() - 8):m.end() + 8]}…")
        return out


_HAN = r"\p{Han}"
ZH = Language(
    code="zh", script="Han", foreign_scripts=("Cyrillic",),
    sentence_end=r"[。！？]", length_unit="char", segment_end=r"(?<=[；：])(?=.)", both_countries=r"两国",
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
    allowed_latin=frozenset({"WIPO", "PCT", "BRIPC", "TISC", "IP", "C5", "G20", "SCO", "BRICS", "APEC", "ASEAN",
                             "UN", "WTO", "AI", "EU", "CICA"}),
    abbreviations=frozenset({"г", "гг", "т", "д", "др", "п", "пп", "ст", "им", "см", "н", "э", "руб", "млн",
                             "млрд", "тыс", "г-н", "г-жа"}),
    brackets=(("(", ")"), ("[", "]"), ("«", "»"), ("„", "“")),
    both_countries=r"(?i)\b(?:обе|обеих|обеим|обеими|двух|двум|двумя)\s+(?:стран|государств)\w*",
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
    both_countries=r"(?i)\b(?:both|the two)\s+(?:countries|states)\b",
)


LANGUAGE_RULES: dict[str, Language] = {"zh": ZH, "ru": RU, "en": EN}


# Content anchors for the clause-order check: concepts the clauses of joint statements turn on, each as
# word starts (English, Russian; "$" ends a whole word) or substrings (Chinese).  A clause's anchors are these
# concepts plus its registry names and numbers; two neighbouring clauses are swapped when each fits the other's
# source better.
ANCHORS: dict[str, dict[str, tuple[str, ...]]] = {
    "technology": {"en": ("technolog",), "zh": ("技术",), "ru": ("технолог",)},
    "innovation": {"en": ("innovat",), "zh": ("创新",), "ru": ("инновац",)},
    "investment": {"en": ("invest",), "zh": ("投资",), "ru": ("инвестиц",)},
    "treaty": {"en": ("treaty", "treaties"), "zh": ("条约",), "ru": ("договор",)},
    "law": {"en": ("law$", "laws$", "legal", "legislat"), "zh": ("法律", "立法"), "ru": ("закон", "правов")},
    "training": {"en": ("train",), "zh": ("培训", "培养"), "ru": ("обучен", "учебн", "подготовк")},
    "examination": {"en": ("examin",), "zh": ("审查",), "ru": ("экспертиз",)},
    "enforcement": {"en": ("enforce",), "zh": ("执法",), "ru": ("правоприменен",)},
    "digital": {"en": ("digit",), "zh": ("数字",), "ru": ("цифров",)},
    "ai": {"en": ("artificial",), "zh": ("人工智能",), "ru": ("искусствен",)},
    "economy": {"en": ("econom",), "zh": ("经济",), "ru": ("экономи",)},
    "trade": {"en": ("trade$",), "zh": ("贸易",), "ru": ("торгов",)},
    "awareness": {"en": ("awareness",), "zh": ("意识",), "ru": ("осведомлен",)},
    "culture": {"en": ("cultur",), "zh": ("文化",), "ru": ("культур",)},
    "delegation": {"en": ("delegation",), "zh": ("代表团",), "ru": ("делегац",)},
    "invitation": {"en": ("invit",), "zh": ("邀请",), "ru": ("приглаш", "пригла")},
    "gratitude": {"en": ("gratitude", "thank"), "zh": ("感谢",), "ru": ("благодарн",)},
    "hospitality": {"en": ("hospitality",), "zh": ("接待",), "ru": ("прием",)},
    "agenda": {"en": ("agenda",), "zh": ("议程",), "ru": ("повестк",)},
    "chair": {"en": ("chair",), "zh": ("主席",), "ru": ("председател",)},
    "contact": {"en": ("contact",), "zh": ("联络",), "ru": ("контактн",)},
    "plan": {"en": ("plan$", "plans$"), "zh": ("计划",), "ru": ("план$", "плана$", "планом$", "планы$")},
    "memorandum": {"en": ("memorand",), "zh": ("备忘录",), "ru": ("меморандум",)},
    "agreement": {"en": ("agreement",), "zh": ("协议", "协定"), "ru": ("соглашени",)},
    "summit": {"en": ("summit",), "zh": ("峰会",), "ru": ("саммит",)},
    "friendship": {"en": ("friendship", "friendly"), "zh": ("友好", "友谊"), "ru": ("дружб", "дружествен")},
    "prosperity": {"en": ("prosper",), "zh": ("繁荣",), "ru": ("процветан",)},
    "information": {"en": ("information",), "zh": ("信息",), "ru": ("информац",)},
    "data": {"en": ("data$",), "zh": ("数据",), "ru": ("данны",)},
    "services": {"en": ("servic",), "zh": ("服务",), "ru": ("услуг",)},
    "seminar": {"en": ("seminar", "workshop"), "zh": ("研讨", "研修"), "ru": ("семинар",)},
    "atmosphere": {"en": ("atmosphere",), "zh": ("气氛",), "ru": ("атмосфер",)},
    "market": {"en": ("market",), "zh": ("市场",), "ru": ("рыноч", "рынк")},
    "region": {"en": ("region",), "zh": ("区域", "地区"), "ru": ("регион",)},
    "opportunity": {"en": ("opportunit",), "zh": ("机遇", "机会"), "ru": ("возможност",)},
    "challenge": {"en": ("challeng",), "zh": ("挑战",), "ru": ("задач", "вызов")},
    "consensus": {"en": ("consensus",), "zh": ("共识",), "ru": ("договоренност",)},
    "history": {"en": ("histor",), "zh": ("历史",), "ru": ("историч",)},
    "future": {"en": ("future",), "zh": ("未来", "命运"), "ru": ("будущ", "судьб")},
    "prospects": {"en": ("prospect",), "zh": ("前景",), "ru": ("перспектив",)},
    "brand": {"en": ("brand",), "zh": ("品牌",), "ru": ("бренд",)},
    "search": {"en": ("search",), "zh": ("检索",), "ru": ("поиск",)},
    "strategy": {"en": ("strateg",), "zh": ("战略",), "ru": ("стратег",)},
    "designate": {"en": ("designat",), "zh": ("指定",), "ru": ("назнач",)},
    "implement": {"en": ("implement",), "zh": ("落实", "实施", "执行"), "ru": ("реализац", "осуществлен", "выполнен")},
    "significance": {"en": ("significan",), "zh": ("意义",), "ru": ("значени",)},
}
_ANCHOR_WORD = regex.compile(r"\p{L}+")


@cache
def _anchor_table(lang: str) -> tuple[dict[str, str], dict[str, str], tuple[int, ...]]:
    starts: dict[str, str] = {}
    whole: dict[str, str] = {}
    for concept, per_lang in ANCHORS.items():
        for stem in per_lang[lang]:
            if stem.endswith("$"):
                whole[stem[:-1]] = concept
            else:
                starts[stem] = concept
    return starts, whole, tuple(sorted({len(s) for s in starts}))


def anchors_in(text: str, lang: str) -> frozenset[str]:
    """The anchor concepts of :data:`ANCHORS` named in ``text``."""
    if lang == "zh":
        return frozenset(c for c, v in ANCHORS.items() if any(s in text for s in v["zh"]))
    starts, whole, lengths = _anchor_table(lang)
    out = set()
    for word in _ANCHOR_WORD.findall(text.casefold()):
        hit = whole.get(word)
        if hit is None:
            for n in lengths:
                if n > len(word):
                    break
                hit = starts.get(word[:n])
                if hit is not None:
                    break
        if hit is not None:
            out.add(hit)
    return frozenset(out)
