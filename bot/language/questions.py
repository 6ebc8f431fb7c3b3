"""Question words per language and the kind of answer each asks for (who, where, when, how
many/much; why and "what did X say" are THING: the answer is a clause, not an entity)."""

from __future__ import annotations

import re

from bot.questions import QType

P, L, D, N = QType.PERSON, QType.PLACE, QType.DATE, QType.NUMBER

# Per language, (pattern, type) in priority order: the more specific patterns ("in which year",
# "how many") before bare question words. Patterns see the lower-cased question; accents are
# optional where people often leave them out when typing.
_TABLE: dict[str, tuple[tuple[str, QType], ...]] = {
    "de": (
        (r"\b(?:in\s+)?welche[mns]?\s+(?:jahr|jahrhundert|jahrzehnt|monat|tag|datum|zeit)\b"
         r"|\bseit\s+wann\b|\bbis\s+wann\b|\bwann\b", D),
        (r"\bwie\s*(?:viele?|lange?|hoch|groß|gross|alt|weit|schwer|oft|tief|breit)\b"
         r"|\bwieviele?\b", N),
        (r"\bwo(?:hin|her)?\b|\b(?:in\s+)?welche[mnrs]?\s+(?:stadt|land|ort|region|staat|"
         r"kontinent|gegend|insel|fluss|straße|gebäude)\b", L),
        (r"\bwe(?:r|m|n|ssen)\b", P),
    ),
    "es": (
        (r"\bcu[aá]ndo\b|\b(?:en\s+)?qu[eé]\s+(?:a[ñn]o|siglo|fecha|d[ií]a|mes|[eé]poca|d[eé]cada)\b", D),
        (r"\bcu[aá]nt[oa]s?\b|\bqu[eé]\s+(?:cantidad|porcentaje|n[uú]mero|tama[ñn]o|edad)\b", N),
        (r"\b(?:a|de)?d[oó]nde\b|\b(?:en\s+)?qu[eé]\s+(?:ciudad|pa[ií]s|lugar|regi[oó]n|"
         r"estado|continente|provincia|isla|r[ií]o|calle|edificio)\b", L),
        (r"\bqui[eé]n(?:es)?\b|\bqu[eé]\s+persona\b", P),
    ),
    "fr": (
        (r"\bquand\b|\b(?:en\s+|à\s+|a\s+)?quel(?:le)?s?\s+(?:ann[ée]e|an|si[eè]cle|date|jour|mois|"
         r"[ée]poque|d[ée]cennie)\b|\bdepuis\s+quand\b", D),
        (r"\bcombien\b|\bquel(?:le)?s?\s+(?:nombre|pourcentage|quantit[ée]|taille|montant|[âa]ge)\b", N),
        (r"(?:^|\s|')o[uù]\b|\bdans\s+quel(?:le)?\s+(?:ville|pays|r[ée]gion|lieu)\b"
         r"|\bquel(?:le)?s?\s+(?:ville|pays|lieu|r[ée]gion|[ée]tat|continent|[îi]le)\b", L),
        (r"^\W*qui\b|\b(?:à|a|de|par|pour|avec)\s+qui\b|\bqui\s+(?:est|a|était|etait|sont|ont)\b", P),
    ),
    "it": (
        (r"\bquando\b|\b(?:in\s+)?(?:che|quale)\s+(?:anno|secolo|data|giorno|mese|epoca|decennio)\b"
         r"|\bin\s+quale\s+anno\b", D),
        (r"\bquant[ioae]\b|\b(?:che|quale)\s+(?:percentuale|numero|quantit[aà]|et[aà])\b", N),
        (r"\bdove\b|\b(?:in\s+)?(?:che|quale)\s+(?:citt[aà]|paese|luogo|regione|stato|isola)\b", L),
        (r"\bchi\b", P),
    ),
    "pt": (
        (r"\bquando\b|\b(?:em\s+)?(?:que|qual)\s+(?:ano|s[eé]culo|data|dia|m[eê]s|[eé]poca|d[eé]cada)\b", D),
        (r"\bquant[oa]s?\b|\b(?:que|qual)\s+(?:percentagem|porcentagem|n[uú]mero|quantidade|idade)\b", N),
        (r"\b(?:a|de)?onde\b|\b(?:em\s+)?(?:que|qual)\s+(?:cidade|pa[ií]s|lugar|regi[aã]o|estado|ilha)\b", L),
        (r"\bquem\b", P),
    ),
    "nl": (
        (r"\bwanneer\b|\b(?:in\s+)?welk(?:e)?\s+(?:jaar|eeuw|datum|dag|maand)\b", D),
        (r"\bhoeveel\b|\bhoe\s+(?:lang|groot|oud|ver|hoog|vaak)\b", N),
        (r"\bwaar\b|\b(?:in\s+)?welk(?:e)?\s+(?:stad|land|plaats|regio|provincie)\b", L),
        (r"\bwie\b", P),
    ),
    "ro": (
        (r"\bc[âa]nd\b|\b(?:[îi]n\s+)?ce\s+(?:an|secol|dat[aă]|zi|lun[aă])\b", D),
        (r"\bc[âa]t(?:e|i|ă|a|ţi|ți)?\b", N),
        (r"\bunde\b|\b(?:[îi]n\s+)?ce\s+(?:ora[sș]|[tţț]ar[aă]|loc|regiune)\b", L),
        (r"\bcine\b|\bc[ăa]ruia\b", P),
    ),
    "ru": (
        (r"\bкогда\b|\bс\s+каких\s+пор\b|\b(?:в|с|до|к)\s+как(?:ом|ого|ой|ие|их)\s+(?:год|году|"
         r"года|годах|веке|века|дату|число|числа|месяце|время|период|эпоху)\b|\bкакого\s+числа\b"
         r"|\bв\s+как(?:ом|ой)\s+(?:году|веке)\b|\bкакой\s+(?:год|датой)\b", D),
        (r"\bсколько\b|\bкак\s+(?:много|долго|далеко|часто|стар\w*)\b|\bкаков[ао]?\s+(?:процент|"
         r"число|количество|размер|возраст)\b", N),
        (r"\bгде\b|\bкуда\b|\bоткуда\b|\bв\s+как(?:ом|ой|их)\s+(?:городе|стране|регионе|месте|"
         r"области|районе|государстве|местах|странах)\b", L),
        (r"\bкто\b|\bкого\b|\bкому\b|\bкем\b|\bчей\b|\bчья\b|\bчьи\b", P),
    ),
    "uk": (
        (r"\bколи\b|\b(?:в|у)\s+якому\s+(?:році|столітті)\b|\bякого\s+(?:року|числа)\b", D),
        (r"\bскільки\b|\bяк\s+(?:багато|довго|далеко|часто)\b", N),
        (r"\bде\b|\bкуди\b|\bзвідки\b|\b(?:в|у)\s+якому\s+(?:місті|регіоні|місці)\b"
         r"|\b(?:в|у)\s+якій\s+(?:країні|області)\b", L),
        (r"\bхто\b|\bкого\b|\bкому\b|\bким\b|\bчий\b|\bчия\b|\bчиї\b", P),
    ),
    "el": (
        (r"\bπότε\b|\bποια\s+(?:χρονιά|ημερομηνία|ημέρα)\b|\bποιο\s+(?:έτος|αιώνα)\b", D),
        (r"\bπόσ(?:ο|α|οι|ες|ος|η|ων|ους)\b", N),
        (r"\bπού\b|\bσε\s+ποια\s+(?:πόλη|χώρα|περιοχή)\b", L),
        (r"\bποιος\b|\bποια\b(?!\s+\w+\s)|\bποιον\b|\bποιοι\b|\bτίνος\b", P),
    ),
    "tr": (
        (r"\bne\s+zaman\b|\bhangi\s+(?:yıl|yüzyıl|tarih|gün|ay|dönem)\w*", D),
        (r"\bkaç\w*|\bne\s+kadar\b|\bhangi\s+(?:oran|yüzde|sayı|miktar)\w*", N),
        (r"\bnere(?:de|ye|den|si)\w*|\bhangi\s+(?:şehir|ülke|yer|bölge|il|ada|kent)\w*", L),
        (r"\bkim(?:dir|di|in|e|i|ler|lerdir|ler|inle)?\b", P),
    ),
    "ar": (
        (r"(?:^|\s)متى(?:\s|$|[؟?])|في\s+(?:اي|أي)\s+(?:عام|سنه|سنة|قرن|تاريخ|يوم|شهر)", D),
        (r"(?:^|\s)كم(?:\s|$)|(?:ما|ماهو|ما\s+هو|ما\s+هي)\s+(?:عدد|نسبه|نسبة|مقدار|حجم)", N),
        (r"(?:^|\s)(?:اين|أين)(?:\s|$|[؟?])|في\s+(?:اي|أي)\s+(?:مدينه|مدينة|بلد|دوله|دولة|منطقه|منطقة|مكان)", L),
        (r"^\s*(?:من|مَن)(?:\s|$)|(?:^|\s)من\s+(?:هو|هي|هم|الذي|التي)(?:\s|$)", P),
    ),
    "hi": (
        (r"कब|किस\s+(?:वर्ष|साल|सन|तारीख|दिन|महीने|सदी|शताब्दी)", D),
        (r"कितन[ेाी]", N),
        (r"कहा[ँं]|किस\s+(?:शहर|देश|स्थान|जगह|राज्य|क्षेत्र)", L),
        (r"कौन|किसने|किसको|किसे|किसका|किसकी|किसके", P),
    ),
    "vi": (
        (r"\bkhi\s+nào\b|\bbao\s+giờ\b|\bnăm\s+nào\b|\bnăm\s+bao\s+nhiêu\b|\bngày\s+nào\b"
         r"|\bthế\s+kỷ\s+nào\b|\blúc\s+nào\b|\bthời\s+gian\s+nào\b", D),
        (r"\bbao\s+nhiêu\b|\bmấy\b", N),
        (r"\bở\s+đâu\b|\bđâu\b|\b(?:thành\s+phố|quốc\s+gia|nước|nơi)\s+nào\b", L),
        (r"\bai\b", P),
    ),
    "zh": (
        (r"什么时候|何时|哪一?年|哪个年代|几年|哪一?天|什么时间|哪个世纪|哪一?个?月|什么日期|何年", D),
        (r"多少|几[个名位次种座部家所条只]|多[大长久高远重深]|百分之几|几", N),
        (r"哪里|哪儿|在哪|何处|何地|什么地方|哪个(?:城市|国家|地区|地方|省|州)|哪座|哪国", L),
        (r"谁|哪位|什么人|何人", P),
    ),
    "ja": (
        (r"いつ|何年|何月|何日|何世紀", D),
        (r"いくつ|いくら|何[人個回つ本台件%]|どのくらい|どれくらい", N),
        (r"どこ|どの(?:国|都市|町)", L),
        (r"誰|だれ|どなた", P),
    ),
    "th": (
        (r"เมื่อใด|เมื่อไร|เมื่อไหร่|ปีใด|ปีไหน|ปีอะไร|ช่วงใด|วันใด|วันไหน|ศตวรรษใด|ช่วงเวลาใด"
         r"|ตอนไหน|ค\.ศ\.\s*ใด|พ\.ศ\.\s*ใด", D),
        (r"เท่าไร|เท่าไหร่|เท่าใด|กี่", N),
        (r"ที่ไหน|ที่ใด|แห่งใด|ประเทศใด|เมืองใด|ประเทศอะไร|เมืองอะไร|บริเวณใด|สถานที่ใด", L),
        (r"ใคร|ผู้ใด|คนใด|บุคคลใด", P),
    ),
}  # fmt: skip

_COMPILED = {code: tuple((re.compile(p), t) for p, t in rows) for code, rows in _TABLE.items()}
LANGUAGES: frozenset[str] = frozenset(_TABLE)


def question_type(question: str, code: str) -> QType | None:
    """The answer type the question asks for in language `code` (earliest question word wins);
    None when the language has no table here (the caller falls back to English)."""
    rows = _COMPILED.get(code)
    if rows is None:
        return None
    q = question.lower().replace("ё", "е")
    best: tuple[int, int, QType] | None = None
    for rank, (pattern, qtype) in enumerate(rows):
        m = pattern.search(q)
        if m is not None and (best is None or (m.start(), rank) < best[:2]):
            best = (m.start(), rank, qtype)
    return best[2] if best else QType.THING


# "What did X say", "Was sagte X", "Что сказал X": the answer is the quoted words.
# The gaps for X are `\b.*\b` (word boundaries, not `\s+.+\s+`, whose spaces could be split
# three ways: cubic on a long run of spaces; CI's ReDoS scan refuses that).
_SAY = re.compile(
    r"\bwhat\s+did\b.*\bsay\b|\bwas\s+(?:sagte|hat\b.*\bgesagt)\b|\bqu[eé]\s+dijo\b"
    r"|\bqu'a\s+dit\b|\bqu[' ]est-ce\s+qu.*\ba\s+dit\b|\bcosa\s+ha\s+detto\b|\bo\s+que\s+disse\b"
    r"|\bчто\s+сказал|\bщо\s+сказав|\bne\s+(?:dedi|söyledi)\b|ماذا\s+قال|说了什么|说什么"
)


def asks_what_was_said(question: str) -> bool:
    """True for "what did X say" in any of the languages above."""
    return bool(_SAY.search(question.lower()))
