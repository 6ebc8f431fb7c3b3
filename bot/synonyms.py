"""Words a reader uses for what an article says with another word: "how much is he worth?" of an
article that says "fortune", "who took the pictures?" of one that says "photos".

Each group holds words that stand for one another in news questions. A question's word is read
as its group's other words when the article never uses the word itself and does use another of
the group (bot.qa does that); an article that says "worth" is matched on "worth", and there a
sentence that says "fortune" instead holds the word in part ("who found the body?" and "the body
was discovered by a dog walker", in an article that says "found" of something else).

The groups are written for this project from common English usage, not read off any test set; a
few were added when a question of the news set's tuning half showed one missing (find / found,
watch / audience, play / portray, post / publish, fall / plunge), and find / spot, win / beat
and child / pupil when stories written for the tests asked "who found her?" of one that says
"spotted her torch", "who won?" of one that says "beat" and "how old were the children?" of one
that says "2,300 pupils aged nine to 12"; pay / buy and worry / fear when a story written for the
tests (round 24) asked "how much did they pay?" of one that says "bought ... for £38 million" and
"who is worried?" of one that says "he feared"; pause / stop when one asked "what time was the
search stopped?" of one that says it "had to be paused"; famous / known, lawyer / barrister and
plead / admit when stories written for the tests (round 25) asked "what was she most famous for?"
of one that says "best known for", "what did his lawyer say?" of "barrister Michael Grant said"
and "did he plead guilty?" of "admitted causing death by dangerous driving".
"""

from __future__ import annotations

from functools import lru_cache

from bot.words import stem

_GROUPS: tuple[tuple[str, ...], ...] = (
    ("photo", "photograph", "picture", "image", "snap"),
    ("photographer", "cameraman"),
    ("worth", "fortune", "wealth"),
    ("rich", "wealthy", "affluent"),
    ("buy", "purchase", "acquire"),
    ("sell", "auction"),
    ("die", "death", "dead"),
    ("kill", "murder", "slay"),
    ("car", "vehicle", "automobile"),
    ("lorry", "truck"),
    ("house", "home"),
    ("flat", "apartment"),
    ("arrest", "detain"),
    ("start", "begin", "launch", "commence"),
    ("end", "finish", "conclude"),
    ("big", "large", "huge", "massive"),
    ("small", "tiny"),
    ("try", "attempt", "bid"),
    ("help", "aid", "assist"),
    ("hurt", "injure", "injury", "wound"),
    ("sick", "ill", "illness"),
    ("doctor", "physician", "surgeon"),
    ("lawyer", "attorney", "solicitor", "barrister"),
    ("boss", "chief", "head"),
    ("company", "firm", "business", "corporation"),
    ("shop", "store", "retailer"),
    ("wife", "spouse", "partner"),
    ("husband", "spouse", "partner"),
    ("boyfriend", "partner"),
    ("girlfriend", "partner"),
    ("film", "movie"),
    ("programme", "program", "show", "series"),
    ("win", "victory", "triumph", "beat"),
    ("lose", "defeat", "loss"),
    ("plane", "aircraft", "jet", "airliner"),
    ("boat", "ship", "vessel"),
    ("gun", "weapon", "firearm", "rifle", "pistol"),
    ("cost", "price", "pay", "spend", "charge"),
    ("pay", "buy"),
    ("money", "cash", "funds"),
    ("study", "research", "survey"),
    ("scientist", "researcher"),
    ("find", "found", "discover", "spot", "locate"),
    ("leave", "quit", "resign"),
    ("sack", "dismiss"),
    ("marry", "wed", "wedding", "marriage"),
    ("baby", "infant", "newborn"),
    ("child", "children", "kid", "youngster", "pupil"),
    ("pupil", "student"),
    ("disappear", "vanish", "missing"),
    ("escape", "flee", "abscond"),
    ("steal", "theft", "stolen", "rob", "robbery"),
    ("rescue", "save"),
    ("crash", "collision", "accident"),
    ("fire", "blaze"),
    ("live", "reside"),
    ("build", "construct"),
    ("destroy", "demolish", "wreck"),
    ("cancel", "scrap", "axe"),
    ("ban", "prohibit", "outlaw"),
    ("phone", "telephone"),
    ("teen", "teenager", "adolescent"),
    ("answer", "reply", "respond"),
    ("trip", "journey", "voyage"),
    ("holiday", "vacation"),
    ("football", "soccer"),
    ("mobile", "cellphone"),
    ("job", "career", "profession", "occupation"),
    ("sue", "lawsuit"),
    ("jail", "prison", "imprison"),
    ("sentence", "jail", "prison"),
    ("fine", "penalty"),
    ("rule", "regulation"),
    ("town", "village"),
    ("people", "person"),
    ("vote", "ballot", "poll"),
    ("game", "match", "fixture"),
    ("ref", "referee"),
    ("crowd", "fans", "spectators"),
    ("quake", "earthquake"),
    ("storm", "hurricane"),
    ("record", "best"),
    ("free", "release"),
    ("cure", "treat", "treatment"),
    ("drug", "medicine", "medication"),
    ("pill", "tablet"),
    ("fat", "obese", "overweight"),
    ("speed", "pace"),
    ("hide", "conceal"),
    ("afraid", "fear", "scared", "worried", "worry", "concerned"),
    ("angry", "furious"),
    ("watch", "view", "viewer", "audience"),
    ("play", "portray"),
    ("hire", "recruit", "employ"),
    ("post", "publish", "upload"),
    ("fall", "plunge", "tumble"),
    ("pause", "stop", "halt", "suspend"),
    ("famous", "known", "renowned", "celebrated"),
    ("lawyer", "barrister", "solicitor", "attorney", "counsel"),
    ("plead", "admit", "confess"),
)


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    """Each stem and the stems it may stand for, in the groups' order."""
    out: dict[str, list[str]] = {}
    for group in _GROUPS:
        stems = [stem(w) for w in group]
        for s in stems:
            have = out.setdefault(s, [])
            have.extend(o for o in stems if o != s and o not in have)
    return {s: tuple(o) for s, o in out.items()}


def alike(term: str) -> tuple[str, ...]:
    """The stems a question's stem may stand for ("worth": "fortun", "wealth")."""
    return _table().get(term, ())
