"""Event triggers: the words that report a violent act ("attacked", "airstrikes", "abducted")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from geo.dates import WordStart, scan_words
from geo.extract.model import Trigger

_TRIGGER_PATTERNS: Final[tuple[tuple[str, str, str], ...]] = (
    # (class, part of speech, pattern)
    (
        "suicide",
        "n",
        r"suicide[\s-]+(?:bomb(?:ing|ings|ers?|s)?|attacks?|attackers?|blasts?|car\s+bomb(?:ing)?|vests?|explosions?)"
        r"|self[\s-]detonat\w*",
    ),
    (
        "suicide",
        "v",
        r"blew\s+(?:himself|herself|themselves)\s+up|detonated\s+(?:his|her|their)\s+(?:explosive|suicide)\s+vests?"
        r"|detonated\s+(?:himself|herself|themselves)"
        r"|rammed\s+(?:an?\s+|his\s+|their\s+)?(?:explosives?|bomb)[\s-]+(?:laden|packed|filled|rigged)\s+"
        r"(?:vehicle|car|truck|van|pickup|motorcycle)",
    ),
    ("grenade", "v", r"(?:hurled|lobbed|threw)\s+(?:a\s+)?(?:hand\s+)?grenades?"),
    # a rocket-propelled grenade is fired in a fight, not thrown or planted: no grenade attack (ACLED)
    ("grenade", "n", r"(?<!propelled\s)(?<!propelled-)(?:hand[\s-])?grenade(?:\s+attacks?|s)?"),
    (
        "air",
        "v",
        r"(?:jets|aircraft|warplanes|drones?|helicopters?|gunships?|planes)\s+(?:\w+\s+){0,2}?"
        r"(?:bombed|bombarded|struck|pounded|targeted|attacked|fired\s+(?:at|on))",
    ),
    (
        "air",
        "n",
        r"air[\s-]?strikes?|air[\s-]?raids?|aerial\s+(?:attacks?|strikes?|bombard\w*|bombings?|raids?)"
        r"|drone\s+(?:strikes?|attacks?)|quadcopter\s+(?:attacks?|strikes?)|air\s+bombard\w*"
        r"|(?:quadcopter|armed)\s+drones?(?=\s+(?:to\s+(?:target|attack|strike|drop)|attack|strike|dropped))",
    ),
    (
        "ied",
        "n",
        r"(?:roadside|remote[\s-]+controll?ed|remote[\s-]+control|car|truck|magnetic|sticky|motorcycle|bicycle|time|planted|"
        r"improvised)\s+bombs?|remote[\s-]+control(?:led)?\s+(?:blasts?|explosions?|explosive\s+devices?|devices?|IEDs?)"
        r"|improvised\s+explosive\s+devices?|(?-i:IEDs?|VBIEDs?)|land[\s-]?mines?"
        r"|(?:bomb|explosive)\s+(?:blasts?|explosions?|attacks?)|blasts?|explosions?|bombings?",
    ),
    (
        "ied",
        "v",
        r"explod(?:ed|es)|went\s+off|detonated|(?<=\bwas\s)bombed|(?<=\bwere\s)bombed"
        # "unknown assailants planted a bomb on the railway tracks", "planted explosives in a bunker"
        r"|planted\s+(?:a\s+|an\s+)?(?:bombs?|explosives?|IEDs?|improvised\s+explosive\s+devices?|land[\s-]?mines?|mines?)\b"
        r"(?![^.;]{0,150}\b(?:defus|diffus|disarm|defuz)\w*)"  # a bomb defused is no attack
        # sabotage with explosives: "blew up another track near Mastung", "blew up a railway bridge"
        r"|blew\s+up\s+(?:a|an|the|another|two|three|several)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:bridges?|tracks?|railway|rail|trains?|towers?|pylons?|pipelines?|schools?|vehicles?|cars?|trucks?|"
        r"buses|bus|buildings?|houses?|homes?|checkposts?|posts?)\b|(?<=\bwas\s)blown\s+up|(?<=\bwere\s)blown\s+up",
    ),
    ("shell", "v", r"shelled|bombarded|fired\s+(?:mortars?|rockets?|missiles?|artillery|shells)"),
    (
        "shell",
        "n",
        r"shelling|mortar\s+(?:shells?|fire|attacks?|rounds?|strikes?)|mortars|"
        # "after a Taliban mortar hit the building of governor office"
        r"mortar(?=\s+(?:hit|hits|landed|struck|fell|exploded|slammed)\b)|artillery\s+(?:fire|shelling|strikes?|attacks?)"
        r"|rocket\s+(?:attacks?|fire|strikes?)|missile\s+(?:strikes?|attacks?|fire)|bombardments?",
    ),
    (
        "abduct",
        "v",
        r"abducted|kidnapp?ed|hijacked|took\s+(?:\w+\s+){0,3}?hostage|taken\s+hostage|held\s+hostage"
        r"|(?:took|taken|whisked|carried|dragged)\s+away\s+(?=(?:\w+\s+){0,2}?(?:others|people|persons|passengers|men|"
        r"women|children|workers|officials|teachers|drivers|soldiers|policemen|labou?rers|travell?ers|them)\b)",
    ),
    ("abduct", "n", r"abductions?|kidnappings?|hijackings?|hostage[\s-]taking"),
    (
        "clash",
        "v",
        r"clashed|exchanged\s+fire|traded\s+fire|engaged\s+(?:the\s+)?(?:militants|terrorists|attackers|security\s+forces|troops)"
        r"|fought(?=\s+(?:each\s+other|with|against|the|a|militants|terrorists|insurgents|pitched))|battled"
        r"|clashing(?=\s+with)|(?<=\bwere\s)fighting(?=\s+(?:fiercely|each\s+other|with))",
    ),
    (
        "clash",
        "n",
        r"clash(?:es)?|exchanges?\s+of\s+fir(?:e|ing)|firing\s+exchanges?|gun[\s-]?fights?|fire[\s-]?fights?|gun\s+battles?|skirmish(?:es)?"
        r"|shoot[\s-]?outs?|(?:heavy\s+)?fighting\s+(?:broke\s+out|erupted)|cross[\s-]border\s+fir(?:e|ing)"
        r"|(?:heavy|fierce|intense|pitched)\s+(?:fighting|battles?)|battles?(?=\s+between)"
        r"|(?<=\bin\s)an\s+encounter|(?<=\bduring\s)an\s+encounter|offensives?"
        r"|encounters?(?=\s+(?:ensued|took\s+place|broke\s+out|erupted|between|with)\b)"
        r"|(?:intelligence[\s-]+based|search[\s-]+and[\s-]+destroy|clearance|combing|sanitisation|sanitization|"
        r"counter[\s-]?terrorism)\s+operations?"
        r"|(?-i:IBOs?)|engagements?(?=\s+(?:took\s+place|between|with|erupted|ensued))"
        # "a fresh tribal conflict in Kurram claimed the lives of 16", "a conflict occurred between the forces"
        # (the adjective is looked behind, so that only "con..." words are tried: "sec...", "dea..." are frequent)
        r"|(?:(?<=tribal\s)|(?<=armed\s)|(?<=sectarian\s)|(?<=fresh\s)|(?<=deadly\s))conflicts?"
        r"|conflicts?(?=\s+(?:occurred|erupted|broke\s+out))|counter[\s-]?terrorism\s+actions",
    ),
    (
        "attack",
        "v",
        r"attacked|assaulted|ambushed|raided|stormed|struck|targeted|opened\s+(?:(?:heavy|indiscriminate|unprovoked|intense|random|sporadic|retaliatory|direct)\s+)?fire|fired\s+(?:at|on|upon)|retaliated"
        r"|took\s+control\s+of|seized\s+control\s+of|overran|"
        # "the Taliban captured six provincial capitals", "captured two Pakistani posts": ground taken by force
        r"(?:captured|seized)(?=\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}(?:provincial\s+capitals?|district\s+cent(?:er|re)s?|"
        r"districts?|posts?|check-?posts?|checkpoints?|outposts?|bases?|border\s+posts?)\b)|laid\s+siege\s+to|besieged|shot\s+and\s+(?:wounded|injured)"
        # "gunmen shot a policeman", "he was shot in the leg", "shot at a convoy"
        r"|(?:(?<=\bwas\s)|(?<=\bwere\s)|(?<=\bbeen\s))shot"
        r"|shot(?=\s+(?:at|down|him|her|them|two|three|four|five|six|a|an|the|multiple|several)\b)",
    ),
    (
        "attack",
        "n",
        r"(?:armed|gun|terrorist|militant|terror)\s+attacks?|attacks?|assaults?|ambush(?:es)?|raids?"
        r"|(?:cross[\s-]border|retaliatory|precision|military|militant|terrorist|targeted|punitive)\s+strikes?|strikes?"
        r"|sieges?(?=\s+(?:of|by|on|at)\b)"
        # "indiscriminate firing by unidentified men", "killed in gunfire", "caught in crossfire"
        r"|(?:(?<=indiscriminate\s)|(?<=aerial\s)|(?<=heavy\s)|(?<=unprovoked\s)|(?<=direct\s))firing"
        r"|firing(?=\s+(?:on|at|upon|by)\b)|gunfire|crossfire",
    ),
    (
        "kill",
        "v",
        r"killed|killing|kills|murdered|assassinated|beheaded|executed|martyred|slain|shot\s+dead|gunned\s+down"
        r"|fatally\s+(?:shot|stabbed)"
        # "four government employees lost their lives and eight others were wounded after a Taliban mortar hit"
        r"|lost\s+(?:their|his|her)\s+li(?:ves|fe)"
        r"|shot\s+and\s+killed|lynched|neutrali[sz]ed|eliminated|liquidated"
        # "12 soldiers embraced martyrdom in separate operations", "embraced shahadat" (the army's wording)
        r"|(?:embraced|attained)\s+(?:martyrdom|shahadat|shahadah)"
        # "Eleven people ... were dead in Kalat", "six bodies were discovered in Bolan"
        r"|(?<=\bwere\s)dead|bodies\s+were\s+(?:found|discovered|recovered)"
        # "The bodies of four drivers, who were part of a convoy ..., were found at Orali area"
        r"|bod(?:ies|y)\s+of\s+(?:[^.;:]{1,100}?)\s+(?:were|was)\s+(?:found|discovered|recovered)",
    ),
    ("kill", "n", r"killings?|assassinations?|murders?|beheadings?|massacres?|executions?"),
)
#: First three letters of every word a trigger can begin with (see scan_words).
_TRIGGER_KEYS: Final[frozenset[str]] = frozenset(
    [
        "sui",
        "fat",
        "fou",
        "bat",
        "int",
        "sea",
        "cle",
        "sie",
        "con",
        "com",
        "san",
        "ibo",
        "eng",
        "neu",
        "eli",
        "liq",
        "sei",
        "cap",
        "emb",
        "ove",
        "lai",
        "bes",
        "sel",
        "ble",
        "blo",
        "det",
        "hur",
        "lob",
        "thr",
        "han",
        "gre",
        "jet",
        "air",
        "war",
        "dro",
        "hel",
        "gun",
        "pla",
        "aer",
        "qua",
        "cou",
        "roa",
        "rem",
        "car",
        "tru",
        "mag",
        "sti",
        "mot",
        "bic",
        "tim",
        "imp",
        "ied",
        "vbi",
        "lan",
        "bom",
        "exp",
        "bla",
        "wen",
        "she",
        "fir",
        "mor",
        "art",
        "roc",
        "mis",
        "abd",
        "kid",
        "hij",
        "too",
        "tak",
        "hos",
        "cla",
        "exc",
        "tra",
        "eng",
        "sho",
        "ski",
        "hea",
        "fig",
        "cro",
        "an",
        "att",
        "ass",
        "amb",
        "rai",
        "sto",
        "str",
        "tar",
        "ope",
        "ret",
        "arm",
        "ram",
        "whi",
        "dra",
        "off",
        "ter",
        "mil",
        "pre",
        "pun",
        "kil",
        "los",
        "mur",
        "beh",
        "exe",
        "mar",
        "sla",
        "lyn",
        "mas",
        "enc",
        "dea",
        "bod",
    ]
)
_TRIGGER_ENTRIES: Final[tuple[tuple[str, str], ...]] = tuple((c, pos) for c, pos, _ in _TRIGGER_PATTERNS)
_TRIGGER_RE: Final[re.Pattern[str]] = re.compile(
    "|".join(rf"(?P<t{i}>\b(?:{p})\b)" for i, (_c, _pos, p) in enumerate(_TRIGGER_PATTERNS)),
    re.IGNORECASE,
)

#: A word right before a trigger that makes it a non-violent or metaphorical use.
_NON_EVENT_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:heart|cyber|panic|verbal|media|diplomatic|political|scathing|hunger|labou?r|general|wheel[\s-]jam|"
    r"shutter[\s-]down|lucky|counter|pre[\s-]?emptive|anti)[\s-]+$",
    re.IGNORECASE,
)


#: Trigger words that name a person ("suicide bomber", "attackers").
_PERSON_NOUN: Final[re.Pattern[str]] = re.compile(r"(?:bomber|attacker)s?$", re.IGNORECASE)
#: A person listed among the dead: "including a suicide bomber", "among them two".
_AMONG_VICTIMS: Final[re.Pattern[str]] = re.compile(
    r"\b(?:including|among\s+them|among|of\s+whom)\s+(?:a|an|one|two|three|four|five|\d+|the)?\s*$", re.IGNORECASE
)


def find_triggers(text: str, *, words: Sequence[WordStart] | None = None) -> list[Trigger]:
    """Every event trigger in ``text``, in text order (``words``: its words, see :func:`geo.dates.word_starts`)."""
    out: list[Trigger] = []
    for m in scan_words(_TRIGGER_RE, text, _TRIGGER_KEYS, words=words):
        idx = int(m.lastgroup[1:]) if m.lastgroup else -1
        if idx < 0:
            continue
        cls, pos = _TRIGGER_ENTRIES[idx]
        word = m.group()
        if pos == "v" and word.lower() == "killing":
            prev = text[max(0, m.start() - 12) : m.start()].lower().split()
            if prev and prev[-1] in ("the", "a", "and", "targeted", "brutal"):
                pos = "n"
        if _NON_EVENT_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        if _PERSON_NOUN.search(word) and _AMONG_VICTIMS.search(text[max(0, m.start() - 30) : m.start()]):
            continue  # "four terrorists, including a suicide bomber, were killed": who died, not how
        out.append(Trigger(m.start(), m.end(), word, cls, pos))
    return out
