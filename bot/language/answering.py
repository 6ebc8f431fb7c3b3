"""The answerer's hooks for languages other than English: question terms and type, typed
candidates (dates, numbers, names) and the short answer inside a chosen sentence."""

from __future__ import annotations

import re
from functools import lru_cache

from bot import spans
from bot.language import entities, span_model
from bot.language.questions import asks_what_was_said
from bot.language.questions import question_type as _question_type
from bot.language.text import normalise, profile
from bot.questions import QType
from bot.questions import question_type as english_question_type

# answer()'s "the article doesn't say" threshold per language, on refusal_evidence (the share of
# the question's weighted terms the best sentence covers, plus W_REFUSAL_CHARS times its share of
# the question's character trigrams for the languages of REFUSAL_WITH_CHARS). Each is the smallest
# refusing at least 94% of the tuning half's 307 questions put to another title's paragraph, as
# English's does on SQuAD: `python -m bench.calibrate_refusal_ml --data ../shared/data` computes
# them and prints this table. Languages not here take English's qa.THRESHOLD.
THRESHOLDS: dict[str, float] = {
    "de": 0.26,
    "es": 0.29,
    "ru": 0.28,
    "tr": 0.25,
    "ro": 0.31,
    "vi": 0.30,
    "el": 0.28,
    "ar": 0.23,
    "hi": 0.27,
    "zh": 0.06,
    "th": 0.30,
}

# The character trigrams catch what stems and bigrams miss (compounds, inflected and
# transliterated names): on the tuning titles, at 94% of unrelated questions refused, they refuse
# fewer answerable ones than the cover alone in every language (of 307: de 9 -> 5, es 8 -> 0,
# ru 12 -> 4, tr 5 -> 1, ro 9 -> 5, vi 4 -> 0, el 7 -> 2, ar 15 -> 4, hi 10 -> 4, zh 3 -> 1,
# th 6 -> 3; bench/calibrate_refusal_ml.py).
W_REFUSAL_CHARS = 0.5
REFUSAL_WITH_CHARS = frozenset({"ar", "de", "el", "es", "hi", "ro", "ru", "th", "tr", "vi", "zh"})


def refusal_evidence(
    cover: float, question: str, sentence: str, code: str, *, with_chars: bool | None = None
) -> float:
    """What answer() compares with the language's threshold: the chosen sentence's cover of the
    question's terms, plus its share of the question's character trigrams where that helps
    (`with_chars` overrides REFUSAL_WITH_CHARS, for bench/calibrate_refusal_ml.py)."""
    code = profile(code).code
    if not (code in REFUSAL_WITH_CHARS if with_chars is None else with_chars):
        return cover
    asked = _char_grams(question, code)
    if not asked:
        return cover
    return cover + W_REFUSAL_CHARS * len(asked & _char_grams(sentence, code)) / len(asked)


# The hand score's weight for consecutive question terms found together in a sentence, where it
# is not qa.W_BIGRAM: Vietnamese terms hold their syllable pairs already (bot/language/text.py),
# and the pairs counted twice made top-1 0.7 lower on the tuning titles.
W_TERM_PAIRS: dict[str, float] = {"vi": 0.0}

MAX_SPAN_WORDS = 6
MAX_SPAN_CHARS = 14  # Chinese/Japanese/Thai spans, in characters
_CLAUSE = re.compile(r"[,;:()\[\]«»\"“”„。，、；：（）！？!?؛،]")


# Character trigrams of content words catch what stems miss: compounds ("Bevölkerungsgröße" and
# "Bevölkerung"), irregular stems, transliterated names. Tuned on XQuAD's tuning titles: +1 to +3
# top-1 for de, es, ro, el; 4-grams and 5-grams helped less.
W_CHARS = 1.0
_CHAR_N = 3
# Chinese and Japanese terms are character n-grams already, and Thai's are too, but Thai's are
# bigrams of stretches cut at stop words found inside words ("พื้นที่" area loses "ที่"): the
# trigrams of whole Thai runs, uncut, weigh in beside them at half English's weight. Tuning
# titles: th top-1 80.5 -> 82.4 (0.25 gave 81.8, 1.0 81.4; 4-grams 81.8, trigrams of the cut
# stretches 81.1).
W_CHARS_NGRAM: dict[str, float] = {"th": 0.5}


def add_char_overlap(scores: list[float], question: str, sentences: list[str], code: str) -> None:
    """Add to each sentence's score the share of the question's character trigrams it holds
    (languages written with spaces, and those of W_CHARS_NGRAM)."""
    weight = W_CHARS_NGRAM.get(code, 0.0) if profile(code).ngrams else W_CHARS
    if not weight:
        return
    asked = _char_grams(question, code)
    if not asked:
        return
    for i, sentence in enumerate(sentences):
        scores[i] += weight * len(asked & _char_grams(sentence, code)) / len(asked)


def char_grams(text: str, code: str) -> frozenset[str]:
    """Character trigrams of a text's content words."""
    return _char_grams(text, code)


@lru_cache(maxsize=8192)
def _char_grams(text: str, code: str) -> frozenset[str]:
    p = profile(code)
    out: set[str] = set()
    for w in p.words(normalise(code, text)):
        if w in p.stop_words:
            continue
        padded = f" {w} "
        out.update(padded[i : i + _CHAR_N] for i in range(len(padded) - _CHAR_N + 1))
    return frozenset(out)


# "How much did it cost": of the numbers in the sentence, the amount of money is the answer.
_MONEY_QUESTION = re.compile(
    r"cost|price|kost|preis|cuest|cost[oó]|co[uû]t|prix|custo|pre[çc]o|стои|стоим|цен|вартіст"
    r"|коштува|maliyet|fiyat|tutar|كلف|تكلف|سعر|钱|费用|投资|价格|花费"
)
_MONEY = re.compile(
    r"\s*(?:[$€£¥₽₺]|euro|eur\b|dollar|dólar|dolar|рубл|руб\.|долл|евро|гривн|lira|tl\b|"
    r"دولار|يورو|جنيه|ريال|元|美元|欧元|英镑)",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[„“«\"「『]([^„“”«»\"「」『』]{8,400})[“”»\"」』]")


# Verbs of speech (and "according to") in the languages with "what did X say" questions: a
# sentence that has one, or a quotation, and names X (or follows one naming X and says "she
# added") is what the question asks for. ", so Wendt" is German's "according to Wendt".
_SPEECH = re.compile(
    r"\b(?:sagte|sagt|sagten|erklärte|erklärt|betonte|meinte|warnte|fügte|berichtete"
    r"|dijo|afirmó|señaló|explicó|declaró|aseguró|añadió|agregó|anunció|según"
    r"|dit|déclaré|affirmé|expliqué|ajouté|annoncé|selon|detto|dichiarato|affermato|spiegato"
    r"|aggiunto|annunciato|secondo|disse|afirmou|declarou|explicou|acrescentou|anunciou|segundo"
    r"|сказал|сказала|сказали|заявил|заявила|отметил|отметила|добавил|добавила|пояснил"
    r"|пояснила|сообщил|сообщила|словам|сказав|заявив|заявила|зазначив|зазначила|додав|додала"
    r"|словами|dedi|söyledi|açıkladı|belirtti|ekledi)\b|,\s+so\s+[A-ZÄÖÜ]"
    r"|قال|قالت|أضاف|أضافت|أكد|أكدت|说|表示|指出",
    re.IGNORECASE,
)
# Third-person pronouns that carry the speaker over from the sentence before ("fügte sie hinzu").
_SPEAKER_PRONOUN = re.compile(
    r"\b(?:sie|er|ella|él|elle|il|lei|lui|ela|ele|она|он|вона|він)\b|هو|هي|他|她", re.IGNORECASE
)
# The reported clause around the attribution: "<clause>, sagte Wendt." or "Wendt sagte, dass
# <clause>." (the attribution itself is not the answer).
_SAID_AFTER = re.compile(r"^\W*(\w[^,]*(?:,[^,]+)*?),\s*[-–—]?\s*(?:" + _SPEECH.pattern + r")")
_SAID_BEFORE = re.compile(
    r"(?:" + _SPEECH.pattern + r")[^,:.]{0,60}[,:]\s*(?:dass|que|что|що|che|that|ki)?\s*"
    r"(\w[^.!?]{11,})"
)
# The hand score's lift of such a sentence over the others (qa.W_SAID is English's), and of one
# with X's own quoted words.
W_SAID = 1.5
W_QUOTED = 0.3


def speaking(question: str, sentences: list[str], para_of: list[int], code: str) -> set[int]:
    """For "what did X say" asked in another language: the sentences where X says something (a
    quotation or a reported clause, X named there or in the sentence before and "she" here)."""
    if not asks_what_was_said(question):
        return set()
    who = content(_SPEECH.sub(" ", question), code) - content(_SAY_WORDS, code)
    if not who:
        return set()
    # "die Bürgermeisterin": the name the article gives her with that title ("Bürgermeisterin
    # Anna Wendt") speaks for her too ("..., sagte Wendt").
    titled = {
        t
        for s in sentences
        if who & content(s, code)
        for n in entities.names(s, code)
        if who & content(f"{s[max(0, n.start - 24) : n.start]} {n.text}", code)
        for t in content(n.text, code)
    }
    who = who | titled
    names = [bool(who & content(s, code)) for s in sentences]
    out = set()
    for i, sentence in enumerate(sentences):
        if not (_QUOTE.search(sentence) or reported(sentence)):
            continue  # "Das teilte Wendt mit": she speaks, but says nothing one could quote
        carried = (
            i > 0
            and para_of[i - 1] == para_of[i]
            and names[i - 1]
            and bool(_SPEAKER_PRONOUN.search(sentence))
        )
        if names[i] or carried:
            out.add(i)
    return out


def lift_speech(scores: list[float], found: set[int], sentences: list[str]) -> None:
    """Lift the sentences where the asked-about person speaks (`speaking`) above every other (a
    sentence that only names them cannot say what they said); their own quoted words a little
    more."""
    lift = W_SAID + max(scores, default=0.0) - min(scores, default=0.0)
    for i in found:
        scores[i] += lift + (W_QUOTED if _QUOTE.search(sentences[i]) else 0.0)


# The words of "what did X say" questions themselves, never the speaker.
_SAY_WORDS = "what did say was sagte hat gesagt qué dijo que a dit cosa ha detto o que disse что сказал що сказав ne dedi söyledi"


def reported(sentence: str) -> str | None:
    """What a sentence reports someone said, without the attribution: "Grund seien Risse" of
    "Grund seien Risse, sagte Wendt."; None when it has no verb of speech."""
    m = _SAID_AFTER.search(sentence)
    if m and len(m.group(1)) >= 12:
        return m.group(1).strip(" ,–—-")
    m = _SAID_BEFORE.search(sentence)
    if m:
        return m.group(1).strip(" ,.")
    return None


# "Why ...?" in the other languages, and what gives a reason in a sentence: a connective
# ("weil", "debido a", "из-за") or a noun of cause with its predicate ("Grund für die
# Verzögerung seien Risse ...", "Причина задержки — трещины ..."). Turkish puts its reason
# before the postposition ("fırtına nedeniyle"); Chinese writes no spaces.
_WHY = re.compile(
    r"^\W*(?:warum|wieso|weshalb|weswegen|aus\s+welchem\s+grund|por\s*qu[eé]|pourquoi|perch[eé]"
    r"|почему|зачем|отчего|чому|навіщо|neden|niçin|niye|لماذا|为什么|为何)\b"
    r"|\b(?:neden|niçin|niye)\b|为什么|为何",
    re.IGNORECASE,
)
_BECAUSE = re.compile(
    r"\b(?:weil|denn|wegen|aufgrund|infolge|porque|debido\s+a|a\s+causa\s+de|ya\s+que"
    r"|puesto\s+que|dado\s+que|parce\s+qu(?:e\b|')|car|à\s+cause\s+de|en\s+raison\s+de"
    r"|puisque|perché|poiché|a\s+causa\s+di|dovuto\s+a|per\s+via\s+di|devido\s+a"
    r"|por\s+causa\s+de|já\s+que|потому\s+что|так\s+как|из-за|поскольку|благодаря"
    r"|в\s+связи\s+с|тому\s+що|оскільки|через|завдяки|çünkü|لأن|بسبب)\b"
    r"\s*([^,.;!?]{3,200})",
    re.IGNORECASE,
)
_CAUSE = re.compile(
    r"\b(?:grund|ursache|causa|raz[oó]n|motivo|cause|raison|motif|ragione|причин\w*|sebebi"
    r"|السبب)\b[^.;!?]{0,60}?"
    r"(?:\s(?:sei|seien|ist|sind|war|waren|es|son|fue|fueron|est|sont|était|è|sono|era|é|são"
    r"|foi|была|был|были|является|стали?)|\s[—–-])\s+([^,.;!?]{3,200})",
    re.IGNORECASE,
)
# Tried from the start of a word only (a long run without spaces is then read once).
_POSTPOSITION = re.compile(
    r"(?<![^\s,.;!?])((?:[^\s,.;!?]+\s+){1,4}(?:nedeniyle|yüzünden|dolayı|sebebiyle))\b"
)
_ZH_BECAUSE = re.compile(r"(?:因为|由于)([^，。；！？,.;!?]{2,60})")
# The hand score's lift of a sentence giving a reason, for "why" (qa.W_REASON is English's).
W_REASON = 0.6


def asks_why(question: str) -> bool:
    return bool(_WHY.search(question))


def reason(sentence: str, code: str) -> str | None:
    """The reason a sentence gives, connective included ("weil die Pfeiler Risse hatten",
    "из-за трещин"), or the predicate of a noun of cause ("Risse in zwei Pfeilern")."""
    if code in ("zh", "ja"):
        m = _ZH_BECAUSE.search(sentence)
        return m.group(0) if m else None
    m = _CAUSE.search(sentence)
    if m:
        return m.group(1).strip()
    m = _BECAUSE.search(sentence)
    if m:
        return sentence[m.start() : m.end()].strip()
    m = _POSTPOSITION.search(sentence) if code == "tr" else None
    return m.group(1).strip() if m else None


def asked_first(
    ranked: list[int], question: str, sentences: list[str], speaks: frozenset[int], code: str
) -> list[int]:
    """The re-ranker's order with a sentence that can answer first: for "why", the best of the
    leading three that gives a reason; for "what did X say", the best where X speaks
    (`speaking`). The re-ranker weighs the hand score's lifts as one feature among many and can
    undo them."""
    if asks_why(question):
        can = [i for i in ranked[:3] if reason(sentences[i], code)]
    elif speaks:
        can = [i for i in ranked if i in speaks][:1]
    else:
        return ranked
    if not can or can[0] == ranked[0]:
        return ranked
    return [can[0], *(i for i in ranked if i != can[0])]


def lift_reasons(scores: list[float], question: str, sentences: list[str], code: str) -> None:
    """For "why" asked in another language: of the leading sentences, those giving a reason."""
    if not asks_why(question):
        return
    top = sorted(range(len(sentences)), key=scores.__getitem__, reverse=True)[:8]
    for i in top:
        if reason(sentences[i], code):
            scores[i] += W_REASON


# "X là gì?" ("What is X?"): the sentence saying "X là ..." defines X (Spanish "¿Qué es X?" and
# "X es ...", Turkish "X nedir?" and "X, ..."). The subject is at most 60 characters and starts
# and ends with a non-space, so the regex has one reading. Tuning titles: vi +0.7 top-1, es +0.7,
# tr +0.6.
_DEFINITION_QUESTIONS: dict[str, re.Pattern[str]] = {
    "vi": re.compile(r"(\S(?:[^?]{0,58}\S)?)\s+là\s+gì\s*\??", re.IGNORECASE),
    # "¿Qué es DECnet?", "¿Quién era Tesla?"
    "es": re.compile(
        r"¿?\s*(?:qu[eé]|qui[eé]n(?:es)?)\s+(?:es|son|era|eran|fue|fueron)\s+"
        r"(?:(?:el|la|los|las|un|una)\s+)?([^?\s](?:[^?]{0,58}[^?\s])?)\s*\??",
        re.IGNORECASE,
    ),
    # "DECnet nedir?": Turkish defines with the subject first and a comma ("DECnet, ... ailesidir").
    "tr": re.compile(r"(\S(?:[^?]{0,58}\S)?)\s+(?:nedir|kimdir)\s*\??", re.IGNORECASE),
}
_DEFINITION_VERBS = {"vi": "là", "es": "(?:es|son|era|eran|fue|fueron)", "tr": ","}
# The hand score's bonus for such a sentence (qa.W_DEFINITION is English's): tuning titles, 0.3
# gave +0.3 top-1 and 0.6 +0.7; more gained nothing.
W_DEFINITION = 0.6


# "Thuật ngữ khác cho rô-to là gì?" (another name for X): the sentence giving "X (Y)".
_OTHER_NAME_QUESTIONS: dict[str, re.Pattern[str]] = {
    "vi": re.compile(
        r"(?:(?:tên|thuật\s+ngữ|cách\s+gọi|từ)\s+khác|cách\s+khác\s+để\s+(?:gọi|đề\s+cập))"
        r"[^?]*?(?<!\S)(\S+)\s+là\s+gì",
        re.IGNORECASE,
    ),
}


def definition(question: str, code: str) -> re.Pattern[str] | None:
    """For a "What is X?" question, a pattern finding the sentences (normalised) that say
    "X is ..."; None for other questions or languages without the rule."""
    other = _OTHER_NAME_QUESTIONS.get(code)
    named = other.search(question) if other else None
    if named and named.group(1):
        return re.compile(rf"(?<!\w){re.escape(normalise(code, named.group(1)))}\s*\(")
    asks = _DEFINITION_QUESTIONS.get(code)
    m = asks.fullmatch(question.strip()) if asks else None
    if m is None:
        return None
    subject = re.escape(normalise(code, m.group(1)))
    verb = _DEFINITION_VERBS[code]
    return re.compile(rf"(?<!\w){subject}\s*(?:\([^)]*\)\s*)?{verb}(?!\w)")


def defines(question: str, sentence: str, code: str) -> bool:
    """Whether the sentence defines or names what a "What is X?" question asks about."""
    code = profile(code).code
    pattern = definition(question, code)
    return bool(pattern and pattern.search(normalise(code, sentence)))


def question_type(question: str, code: str) -> QType:
    """The answer type asked for, with the language's question words (English's otherwise)."""
    got = _question_type(question, code)
    return english_question_type(question) if got is None else got


def content(text: str, code: str) -> frozenset[str]:
    """The comparable terms of a text (stems, or character bigrams)."""
    return frozenset(profile(code).terms(text))


def typed(sentence: str, qtype: QType, code: str) -> list[spans.Span]:
    """Candidates of the asked type in a sentence of language `code`."""
    if qtype is QType.DATE:
        return entities.dates(sentence, code)
    if qtype is QType.NUMBER:
        return entities.numbers(sentence, code)
    if qtype in (QType.PERSON, QType.PLACE):
        return entities.names(sentence, code)
    return []


def pick_span(question: str, qtype: QType, sentence: str, code: str) -> str | None:
    """The short answer: a typed candidate the question does not already contain, else the
    stretch of the sentence next to the question's words that the question does not repeat."""
    if asks_what_was_said(question):
        if quote := _QUOTE.search(sentence):
            return quote.group(1).strip()
        if said := reported(sentence):
            return said
    if asks_why(question) and (why := reason(sentence, code)):
        return why
    asked = content(question, code)
    cands = [s for s in typed(sentence, qtype, code) if not content(s.text, code) <= asked]
    if qtype is QType.NUMBER and not cands:
        cands = [s for s in entities.numbers(sentence, code) if not content(s.text, code) <= asked]
    if qtype is QType.NUMBER and _MONEY_QUESTION.search(question.lower()):
        money = [c for c in cands if _MONEY.match(sentence, c.end) or _MONEY.search(c.text)]
        cands = money or cands
    if not cands:
        cands = _chunks(sentence, asked, code)
    if not cands:
        return None
    anchors = _anchor_positions(sentence, asked, code)

    def score(c: spans.Span) -> float:
        if not anchors:
            return -c.start
        dist = min(min(abs(a - c.start), abs(a - c.end)) for a in anchors)
        return -dist / max(len(sentence), 1) - 0.01 * len(c.text) / MAX_SPAN_CHARS

    return max(cands, key=score).text


def _anchor_positions(sentence: str, asked: frozenset[str], code: str) -> list[int]:
    p = profile(code)
    low = normalise(code, sentence)
    out = []
    if p.ngrams:
        for i in range(len(low) - 1):
            if low[i : i + 2] in asked:
                out.append(i)
        return out
    for m in re.finditer(r"[^\W_]+", low):
        w = m.group(0)
        if w not in p.stop_words and p.stem(w) in asked:
            out.append(m.start())
    return out


def _chunks(sentence: str, asked: frozenset[str], code: str) -> list[spans.Span]:
    """Stretches between punctuation and the question's own words, trimmed of stop words."""
    p = profile(code)
    out: list[spans.Span] = []
    low = normalise(code, sentence)
    if p.ngrams:
        covered = [False] * len(low)
        for i in range(len(low) - 1):
            if low[i : i + 2] in asked:
                covered[i] = covered[i + 1] = True
        start = None
        for i, ch in enumerate([*low, "。"]):
            inside = i < len(low) and not covered[i] and not _CLAUSE.match(ch) and not ch.isspace()
            if inside and start is None:
                start = i
            elif not inside and start is not None:
                if i - start >= 2:
                    text = sentence[start : min(i, start + MAX_SPAN_CHARS)]
                    out.append(spans.Span(text, "chunk", start, start + len(text)))
                start = None
        return out
    run: list[re.Match[str]] = []
    pieces = re.finditer(r"[^\W_]+(?:['’.-][^\W_]+)*|[^\w\s]", sentence)

    def flush() -> None:
        while run and run[0].group(0).lower() in p.stop_words:
            run.pop(0)
        while run and run[-1].group(0).lower() in p.stop_words:
            run.pop()
        if run:
            kept = run[:MAX_SPAN_WORDS]
            out.append(
                spans.Span(
                    sentence[kept[0].start() : kept[-1].end()],
                    "chunk",
                    kept[0].start(),
                    kept[-1].end(),
                )
            )
        run.clear()

    for m in pieces:
        w = m.group(0)
        if _CLAUSE.match(w) or not w[0].isalnum() or p.stem(normalise(code, w)) in asked:
            flush()
        else:
            run.append(m)
    flush()
    return out


# A short answer of the learned scorer is shown bold only when its probability among the
# sentence's candidates reaches this. Cross-validated on XQuAD's tuning titles: 82% of the
# answers keep their bold span, exact matches among them go from 23.5% to 27.2%, and exact
# matches in all fall 1.3 points (those left out were exact 7% of the time).
BOLD_THRESHOLD = 0.1


def best_span(
    question: str, qtype: QType, sentence: str, code: str, hint: str | None
) -> tuple[str | None, str | None, float]:
    """The short answer shown (or None), the best guess, and its probability: the learned
    scorer's span (bot/language/span_model.py), or the rules' `hint` without its weights."""
    if hint and asks_what_was_said(question) and (_QUOTE.search(sentence) or reported(sentence)):
        # "What did X say?": the quotation or the reported clause the rules found is the answer,
        # never a word of it.
        return hint, hint, 1.0 - 1e-3
    if hint and asks_why(question) and hint == reason(sentence, code):
        return hint, hint, 1.0 - 1e-3  # "Why?": the reason the sentence gives, whole
    typed_spans = [(s.start, s.end) for s in typed(sentence, qtype, code)]
    best = span_model.best_span(question, str(qtype), sentence, code, hint, typed_spans)
    if best is None:
        return hint, hint, 0.0
    text, prob = best.text, best.prob
    whole = [
        sentence[a:b].rstrip(" .,;:!?…")
        for a, b in typed_spans
        if a <= best.start and best.end <= b and (a, b) != (best.start, best.end)
    ]
    if whole and qtype in (QType.DATE, QType.NUMBER):
        # A piece of a date or an amount ("2026" of "3. März 2026"): the whole of it.
        text = max(whole, key=len)
    if (
        hint
        and qtype is QType.NUMBER
        and _MONEY_QUESTION.search(question.lower())
        and hint not in text
    ):
        # "How much did it cost": the rules' whole amount of money, not another number of the
        # sentence nor a piece of the amount.
        text, prob = hint, max(prob, BOLD_THRESHOLD)
    return (text if prob >= BOLD_THRESHOLD else None), text, round(prob, 4)
