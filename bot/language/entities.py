"""Dates, numbers and names in other languages' common forms: "3. März 2026", "3 de marzo",
"3 марта", "2026年3月3日", "1,2 млрд", "1.200". Spans are (start, end, text, kind)."""

from __future__ import annotations

import bisect
import re

from bot.spans import Span

_MONTHS = {
    "de": "januar|jänner|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember",
    "es": "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre",
    "fr": "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre",
    "it": "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre",
    "pt": "janeiro|fevereiro|março|marco|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro",
    "nl": "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december",
    "ro": "ianuarie|februarie|martie|aprilie|mai|iunie|iulie|august|septembrie|octombrie|noiembrie|decembrie",
    "ru": "январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья]",
    "uk": "січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня"
          "|січень|лютий|березень|квітень|травень|червень|липень|серпень|вересень|жовтень|листопад|грудень",
    "el": "ιανουαρίου|φεβρουαρίου|μαρτίου|απριλίου|μαΐου|ιουνίου|ιουλίου|αυγούστου|σεπτεμβρίου|οκτωβρίου|νοεμβρίου|δεκεμβρίου",
    "tr": "ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık",
    "ar": "يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر"
          "|كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول",
    "vi": r"tháng\s+(?:[1-9]|1[0-2]|một|hai|ba|tư|năm|sáu|bảy|tám|chín|mười(?:\s+một|\s+hai)?)",
    "hi": "जनवरी|फ़रवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|सितम्बर|अक्टूबर|अक्तूबर|नवंबर|नवम्बर|दिसंबर|दिसम्बर",
}  # fmt: skip
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
# Words that may follow a year: "года", "г.", "yılında", "年".
_YEAR_TAIL = {
    "ru": r"(?:\s*(?:года|году|годах|годы|год|гг?\.))?",
    "uk": r"(?:\s*(?:року|році|рік|р\.))?",
    "tr": r"(?:'?(?:de|da|te|ta|den|dan|ten|tan|yılında|yılı|yılları|yıllarında))?",
    "de": r"(?:er(?:\s+jahren?)?)?",
}
_ZH_NUM = "〇零一二两三四五六七八九十百千万亿"
_ZH_DATE = re.compile(
    rf"(?:公元前?)?[0-9{_ZH_NUM}]{{2,4}}\s?年(?:[0-9{_ZH_NUM}]{{1,2}}月(?:[0-9{_ZH_NUM}]{{1,3}}[日号])?)?"
    rf"(?:代|初|末|中期|底)?|[0-9{_ZH_NUM}]{{1,2}}月[0-9{_ZH_NUM}]{{1,3}}[日号]|[0-9{_ZH_NUM}]{{1,3}}世纪(?:[0-9]{{2}}年代)?"
)
_TH_DATE = re.compile(r"(?:พ\.ศ\.|ค\.ศ\.|ปี)\s*[0-9]{3,4}|[0-9]{1,2}\s+\S{2,12}\s+[0-9]{4}")
_NUMERIC_DATE = r"\b[0-3]?[0-9][./][01]?[0-9][./](?:1[0-9]|20)?[0-9]{2}\b"

# Number scales and units that follow a number.
_SCALES = {
    "de": r"Mio\.?|Mrd\.?|Millionen|Million|Milliarden|Milliarde|Tausend|Prozent",
    "es": r"millones|millón|mil\s+millones|mil|por\s+ciento",
    "fr": r"millions?|milliards?|mille|pour\s+cent",
    "it": r"milioni|milione|miliardi|miliardo|mila|per\s+cento",
    "pt": r"milhões|milhão|bilhões|bilhão|mil|por\s+cento",
    "nl": r"miljoen|miljard|duizend|procent",
    "ro": r"milioane|milion|miliarde|miliard|mii|la\s+sută",
    "ru": r"млн\.?|млрд\.?|тыс\.?|миллион\w*|миллиард\w*|тысяч\w*|процент\w*",
    "uk": r"млн\.?|млрд\.?|тис\.?|мільйон\w*|мільярд\w*|тисяч\w*|відсот\w*",
    "el": r"εκατομμύρια|δισεκατομμύρια|χιλιάδες",
    "tr": r"milyon|milyar|bin|yüzde",
    "ar": r"مليون|ملايين|مليار|الف|ألف|آلاف",
    "hi": r"लाख|करोड़|हज़ार|हजार|प्रतिशत",
    "vi": r"triệu|tỷ|nghìn|ngàn|phần\s+trăm",
}  # fmt: skip
# 1.200 / 1,200 / 1 200 / 1,2 / 12.5
_DIGITS = r"[0-9]{1,3}(?:[.,\u00a0\u202f ][0-9]{3})+(?:[.,][0-9]+)?|[0-9]+(?:[.,][0-9]+)?"
_ZH_NUMBER = re.compile(
    rf"(?:约|近|超过|逾)?(?:[0-9]+(?:\.[0-9]+)?|[{_ZH_NUM}]{{1,8}})(?:[万亿千百])?(?:%|％)?"
    r"(?:多)?(?:[个名位人次座所家条只岁年米公里平方英里吨元美元英镑欧元])?"
)

# Counts written as words ("zwölf Kilometer", "двенадцать человек", "doce personas"), from two
# up (the word for "one" is also the article in most of these languages).
_NUMBER_WORDS = {
    "de": "zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|dreizehn|vierzehn|fünfzehn"
          "|sechzehn|siebzehn|achtzehn|neunzehn|zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig"
          "|achtzig|neunzig|hundert|tausend|dutzend",
    "es": "dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince"
          "|dieciséis|diecisiete|dieciocho|diecinueve|veinte|treinta|cuarenta|cincuenta|sesenta"
          "|setenta|ochenta|noventa|cien|cientos|docena",
    "fr": "deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze"
          "|seize|vingt|trente|quarante|cinquante|soixante|cent|douzaine",
    "it": "due|tre|quattro|cinque|sei|sette|otto|nove|dieci|undici|dodici|tredici|quattordici"
          "|quindici|sedici|venti|trenta|quaranta|cinquanta|sessanta|settanta|ottanta|novanta"
          "|cento|dozzina",
    "pt": "dois|duas|três|quatro|cinco|seis|sete|oito|nove|dez|onze|doze|treze|catorze|quinze"
          "|dezesseis|dezessete|dezoito|dezenove|vinte|trinta|quarenta|cinquenta|sessenta"
          "|setenta|oitenta|noventa|cem|dúzia",
    "ru": "дв(?:а|е|ух|ум)|тр(?:и|ех|ёх|ем)|четыр(?:е|ех|ёх)|(?:пят|шест|сем|девят|десят)(?:ь|и|ью)"
          "|восем(?:ь|ью)|восьми|(?:один|две|три|четыр|пят|шест|сем|восем|девят)надцат(?:ь|и|ью)"
          "|(?:два|три)дцат(?:ь|и|ью)|сорок(?:а)?|пятьдесят|шестьдесят|семьдесят|восемьдесят"
          "|девяносто|сто|двести|триста|тысяч(?:а|и|у)?|десятк(?:и|ов)",
    "uk": "два|дві|три|чотири|п['’]ять|шість|сім|вісім|дев['’]ять|десять|одинадцять|дванадцять"
          "|двадцять|тридцять|сорок|п['’]ятдесят|сто|тисяч[аі]?",
    "tr": "iki|üç|dört|beş|altı|yedi|sekiz|dokuz|on|yirmi|otuz|kırk|elli|altmış|yetmiş|seksen"
          "|doksan|yüz|bin",
}  # fmt: skip

_compiled: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}
_worded: dict[str, re.Pattern[str]] = {}


def _number_words(code: str) -> re.Pattern[str] | None:
    words = _NUMBER_WORDS.get(code)
    if words is None:
        return None
    got = _worded.get(code)
    if got is None:
        scale = _SCALES.get(code)
        scale_part = rf"(?:\s+(?:{scale})(?!\w))?" if scale else ""
        # "on iki" (Turkish twelve), "два десятка": the words of one number together.
        got = _worded[code] = re.compile(
            rf"\b(?:{words})(?:\s+(?:{words}))*\b{scale_part}", re.IGNORECASE
        )
    return got


def _patterns(code: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    got = _compiled.get(code)
    if got is not None:
        return got
    months = _MONTHS.get(code)
    tail = _YEAR_TAIL.get(code, "")
    parts = []
    if months:
        m = rf"(?:{months})"
        parts += [
            # 3. März 2026, 3 de marzo de 2026, 3 марта 2026 года, 3 Mart 2026
            rf"\b[0-3]?[0-9]\.?\s*(?:de\s+)?{m}\b(?:\s*(?:de\s+|del\s+)?{_YEAR}{tail})?",
            # März 2026, marzo de 2026
            rf"\b{m}\s+(?:de\s+|del\s+)?{_YEAR}{tail}",
        ]
    parts += [_NUMERIC_DATE, rf"\b{_YEAR}{tail}(?![0-9])"]
    date = re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)
    scale = _SCALES.get(code)
    scale_part = rf"(?:\s*(?:{scale})(?!\w))?" if scale else ""
    number = re.compile(
        rf"(?:[$€£¥₽₺]\s?)?(?<![0-9])(?:{_DIGITS}){scale_part}(?:\s?%)?",
        re.IGNORECASE,
    )
    _compiled[code] = (date, number)
    return date, number


def dates(sentence: str, code: str) -> list[Span]:
    """Date expressions in a sentence of language `code`."""
    if code in ("zh", "ja"):
        return [Span(m.group(0), "date", m.start(), m.end()) for m in _ZH_DATE.finditer(sentence)]
    pattern = _TH_DATE if code == "th" else _patterns(code)[0]
    out = [Span(m.group(0).strip(), "date", m.start(), m.end()) for m in pattern.finditer(sentence)]
    if code == "th":
        out += [
            Span(m.group(0), "date", m.start(), m.end())
            for m in re.finditer(_YEAR, sentence)
            if not any(s.start <= m.start() < s.end for s in out)
        ]
    return out


def numbers(sentence: str, code: str) -> list[Span]:
    """Amounts and counts (a bare year is a date, not a number)."""
    if code in ("zh", "ja"):
        found = [m for m in _ZH_NUMBER.finditer(sentence) if m.group(0)]
        return [
            Span(m.group(0), "number", m.start(), m.end())
            for m in found
            if any(ch.isdigit() or ch in _ZH_NUM for ch in m.group(0))
            and not m.group(0).endswith("年")
        ]
    _, pattern = _patterns(code)
    out = []
    for m in pattern.finditer(sentence):
        text = m.group(0).strip()
        if re.fullmatch(_YEAR, text):
            continue
        out.append(Span(text, "number", m.start(), m.start() + len(text)))
    worded = _number_words(code)
    if worded is not None:
        starts = [s.start for s in out]  # in order, not overlapping

        def inside(at: int) -> bool:
            k = bisect.bisect_right(starts, at) - 1
            return k >= 0 and at < out[k].end

        out += [
            Span(m.group(0), "number", m.start(), m.end())
            for m in worded.finditer(sentence)
            if not inside(m.start())
        ]
        out.sort(key=lambda s: s.start)
    return out


_CAP_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁІЇЄҐΑ-Ω][\w'’.-]*"
_NAME = re.compile(
    rf"{_CAP_WORD}(?:\s+(?:(?:de|da|del|van|von|der|di|la|le|du|dos|bin|al)\s+)?{_CAP_WORD})*"
)


def names(sentence: str, code: str) -> list[Span]:
    """Capitalised word runs not at the sentence start (scripts with capitals only)."""
    out = []
    for m in _NAME.finditer(sentence):
        if m.start() == 0 and " " not in m.group(0):
            continue  # a sentence's first word is capitalised anyway
        out.append(Span(m.group(0).rstrip(".’'"), "name", m.start(), m.end()))
    return out
