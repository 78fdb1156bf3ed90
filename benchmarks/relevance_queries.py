"""The labelled query set of `relevance.py`: what professionals type, and what helps them.

Written from the professional's need, not from the bot's output (issue [9]): for a query that
describes a possible endangerment, a good answer contains (1) the guidance on Anhaltspunkte
for that form of endangerment – or, where the knowledge has no guidance for it yet, the
recognised situation –, (2) the person's own Meldeweg (`OWN`), and (3) an offer or contact
that fits the need and reaches the person's place. Each label is one *need*; alternatives that
serve the same need are joined with `|`. Ids are prefixed with their kind: `anh:` guidance,
`sit:` situation, `weg:` Meldeweg, `off:` offer, `con:` contact.

Guidance ids of the seven situations whose guidance is still being written
(selbstverletzung, mobbing, medien, schreibaby, entwicklung, trennung, schulabsentismus) are
listed as alternatives next to the situation (`sit:…|anh:…`): until they exist, the recognised
situation serves the need; the benchmark reports labelled ids that are not in the knowledge.
"""

from __future__ import annotations

OWN = "OWN"

# Fitting offers by need and place (L = Leverkusen; the Kreis Viersen towns by name).
HARM_L = (
    "off:isef-beratung-lev|off:kinderschutzbund-lev|con:kinderschutzdienst-lev|con:dksb-leverkusen"
)
HARM_V = "off:isef-beratung-vsn|off:dksb-viersen|off:caritas-eb-viersen"
HARM_K = "off:isef-beratung-kem|off:dksb-kempen"
HARM_W = "off:isef-beratung-wil|con:paed-ambulanz-willich"
HARM_N = "off:isef-beratung-net|off:caritas-eb-viersen|con:isef-nettetal"
HARM_B = "off:isef-beratung-vie|off:caritas-eb-viersen"
MED = "off:medizinische-hotline"
ADDICT_L = "off:suchthilfe-lev|off:sucht-drogen-hotline"
ADDICT_VIE = "off:krh-suchtberatung|off:sucht-drogen-hotline"
DV_L = "off:frauenberatung-lev|off:hilfetelefon-gewalt|off:kinderschutzbund-lev"
DV_VIE = "off:frauenzentrum-viersen|off:frauenhaus-viersen|off:hilfetelefon-gewalt"
SEX_L = "off:hilfetelefon-nina|off:hilfe-portal-missbrauch|off:frauennotruf-lev"
SEX_VIE = "off:hilfetelefon-nina|off:hilfe-portal-missbrauch|off:frauenzentrum-viersen"
CRISIS = "off:krisenchat|off:nummer-gegen-kummer|off:jugendnotmail|off:u25"
CRISIS_VIE = CRISIS + "|off:lvr-kjp-viersen|off:schulberatung-kreis-vie"
BULLY = "off:juuuport|off:klicksafe|off:nummer-gegen-kummer|off:krisenchat"
BULLY_VIE = BULLY + "|off:schulberatung-kreis-vie|off:medienscouts-kreis-vie"
MEDIA = (
    "off:klicksafe|off:schau-hin|off:handysektor|off:internet-abc|off:medienscouts-nrw"
    "|off:medienscouts-kreis-vie"
)
BABY_L = "off:lotsendienst-lev|off:fruehe-hilfen-lev|off:fruehe-hilfen-suche|con:elterntelefon"
BABY_V = "off:fruehe-hilfen-viersen|off:fruehe-hilfen-suche|con:elterntelefon"
BABY_W = "off:wochenbett-willich|off:fruehe-hilfen-suche|con:elterntelefon"
FAMILY_L = "off:kinderschutzbund-lev|off:bke-onlineberatung|con:elterntelefon|off:fruehe-hilfen-lev"
FAMILY_VIE = "off:caritas-eb-viersen|off:bke-onlineberatung|con:elterntelefon"
SCHOOL_VIE = "off:schulberatung-kreis-vie|off:caritas-eb-viersen|off:bke-onlineberatung"
# A parent's depression: also the information line for people with depression and relatives.
DEPRESSED = "|off:info-telefon-depression"

INJURY = "anh:koerperliche-gewalt"
NEGLECT = "anh:vernachlaessigung"
PSYCH = "anh:psychische-gewalt"
SEXUAL = "anh:sexualisierte-gewalt"
DOMESTIC = "anh:haeusliche-gewalt"
SELFHARM = "sit:selbstverletzung|anh:selbstverletzung"
MOBBING = "sit:mobbing|anh:mobbing"
MEDIEN = "sit:medien|anh:medien"
SCHREI = "sit:schreibaby|anh:schreibaby"
ENTW = "sit:entwicklung|anh:entwicklung"
TRENN = "sit:trennung|anh:trennung"
ABSENT = "sit:schulabsentismus|anh:schulabsentismus"

# (profession, municipality, query, needs)
QUERIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    # Kita / OGS
    ("kita", "kempen", "Kind hat blaue Flecken", (INJURY, OWN, HARM_K)),
    ("kita", "kempen", "Kind kommt oft hungrig", (NEGLECT, OWN, HARM_K)),
    ("kita", "leverkusen", "Kind kommt ohne Frühstück", (NEGLECT, OWN, HARM_L)),
    ("kita", "leverkusen", "Mama riecht nach Alkohol beim Abholen", (NEGLECT, OWN, ADDICT_L)),
    ("kita", "viersen", "Kind spricht kaum mit 4", (ENTW, FAMILY_VIE)),
    ("kita", "leverkusen", "Kind erzählt dass Papa Mama schlägt", (DOMESTIC, OWN, DV_L)),
    ("kita", "willich", "Kind ist verwahrlost und stinkt", (NEGLECT, OWN, HARM_W)),
    ("kita", "leverkusen", "sexualisiertes Verhalten im Kindergarten", (SEXUAL, OWN, SEX_L)),
    ("kita", "nettetal", "Eltern trennen sich, Kind weint viel", (TRENN, FAMILY_VIE)),
    # Kindertagespflege
    ("tagespflege", "leverkusen", "Tageskind hat Striemen am Rücken", (INJURY, OWN, HARM_L)),
    ("tagespflege", "leverkusen", "Mutter depressiv Baby", (NEGLECT, OWN, BABY_L + DEPRESSED)),
    ("tagespflege", "viersen", "Vater kommt betrunken zum Abholen", (NEGLECT, OWN, ADDICT_VIE)),
    ("tagespflege", "viersen", "Säugling schreit ständig, Mutter überfordert", (SCHREI, BABY_V)),
    ("tagespflege", "kempen", "Windeln nie gewechselt, wunder Po", (NEGLECT, OWN, HARM_K)),
    ("tagespflege", "leverkusen", "Kind hat Angst vor dem Vater", (DOMESTIC, OWN, DV_L)),
    ("tagespflege", "willich", "Kind läuft mit 2 noch nicht", (ENTW, BABY_W)),
    ("tagespflege", "brueggen", "Kind hat Brandwunde am Arm", (INJURY, OWN, HARM_B)),
    # Schulsozialarbeit
    ("schulsozialarbeit", "leverkusen", "Vater trinkt", (NEGLECT, OWN, ADDICT_L)),
    ("schulsozialarbeit", "leverkusen", "Schüler ritzt sich", (SELFHARM, OWN, CRISIS)),
    ("schulsozialarbeit", "viersen", "Cybermobbing Klasse 7", (MOBBING, BULLY_VIE)),
    ("schulsozialarbeit", "leverkusen", "Schülerin will sich umbringen", (SELFHARM, OWN, CRISIS)),
    ("schulsozialarbeit", "kempen", "Schüler schwänzt seit Wochen", (ABSENT, OWN, SCHOOL_VIE)),
    (
        "schulsozialarbeit",
        "leverkusen",
        "Mädchen wird im Chat von Erwachsenem angeschrieben",
        (SEXUAL, OWN, SEX_L),
    ),
    (
        "schulsozialarbeit",
        "nettetal",
        "Mutter psychisch krank, Kind kümmert sich um alles",
        (NEGLECT, OWN, FAMILY_VIE + DEPRESSED),
    ),
    ("schulsozialarbeit", "leverkusen", "Schüler wird zu Hause eingesperrt", (PSYCH, OWN, HARM_L)),
    # Lehrkräfte
    ("lehrkraefte", "leverkusen", "Schüler hat blaue Flecken im Gesicht", (INJURY, OWN, HARM_L)),
    ("lehrkraefte", "viersen", "Mobbing in der Klasse", (MOBBING, BULLY_VIE)),
    (
        "lehrkraefte",
        "kempen",
        "Schülerin kommt ohne Pausenbrot und zu dünn angezogen",
        (NEGLECT, OWN, HARM_K),
    ),
    ("lehrkraefte", "leverkusen", "Schüler hat Suizidgedanken", (SELFHARM, OWN, CRISIS)),
    ("lehrkraefte", "willich", "Kind fehlt ständig im Unterricht", (ABSENT, OWN, SCHOOL_VIE)),
    (
        "lehrkraefte",
        "leverkusen",
        "Schüler zockt nachts und schläft im Unterricht",
        (MEDIEN, MEDIA),
    ),
    (
        "lehrkraefte",
        "viersen",
        "Schülerin erzählt von Übergriffen durch den Onkel",
        (SEXUAL, OWN, SEX_VIE),
    ),
    (
        "lehrkraefte",
        "leverkusen",
        "Polizei war nachts bei der Familie wegen Streit",
        (DOMESTIC, OWN, DV_L),
    ),
    # Jugendarbeit
    ("jugendarbeit", "leverkusen", "Jugendlicher kifft jeden Tag im Jugendzentrum", (ADDICT_L,)),
    ("jugendarbeit", "leverkusen", "Mädchen erzählt von Gewalt zu Hause", (DOMESTIC, OWN, DV_L)),
    ("jugendarbeit", "viersen", "Jugendlicher will nicht nach Hause", (DOMESTIC, OWN, HARM_V)),
    (
        "jugendarbeit",
        "kempen",
        "Nacktbilder werden in der Gruppe verschickt",
        (SEXUAL, OWN, SEX_VIE + "|off:juuuport"),
    ),
    ("jugendarbeit", "leverkusen", "Jugendliche ritzt sich die Arme", (SELFHARM, OWN, CRISIS)),
    ("jugendarbeit", "willich", "Junge wird von anderen gemobbt", (MOBBING, BULLY)),
    (
        "jugendarbeit",
        "leverkusen",
        "Vater beleidigt und droht dem Sohn ständig",
        (PSYCH, OWN, HARM_L),
    ),
    ("jugendarbeit", "nettetal", "Jugendlicher ist stundenlang am Handy", (MEDIEN, MEDIA)),
    # Sport / Übungsleitung
    ("sport", "leverkusen", "Trainer übergriffig", (SEXUAL, OWN, SEX_L + "|con:lsb-nrw-qualitaet")),
    ("sport", "viersen", "Kind hat nach dem Training blaue Flecken am Arm", (INJURY, OWN, HARM_V)),
    ("sport", "leverkusen", "Spieler kommt ohne Essen zum Training", (NEGLECT, OWN, HARM_L)),
    (
        "sport",
        "kempen",
        "Vater brüllt das Kind beim Spiel an und erniedrigt es",
        (PSYCH, OWN, HARM_K),
    ),
    ("sport", "leverkusen", "Mädchen hat sich nach dem Duschen geritzt", (SELFHARM, OWN, CRISIS)),
    ("sport", "willich", "Kinder werden in der Mannschaft gemobbt", (MOBBING, BULLY)),
    (
        "sport",
        "viersen",
        "Betreuer schickt Kindern Nachrichten per WhatsApp",
        (SEXUAL, OWN, SEX_VIE + "|con:lsb-nrw-qualitaet"),
    ),
    ("sport", "leverkusen", "Mutter kommt alkoholisiert zum Spiel", (NEGLECT, OWN, ADDICT_L)),
    # Ärzte / Gesundheit
    ("gesundheit", "leverkusen", "Säugling mit Hämatomen", (INJURY, OWN, MED + "|" + HARM_L)),
    ("gesundheit", "viersen", "Verdacht Schütteltrauma", (INJURY, OWN, MED + "|" + HARM_V)),
    (
        "gesundheit",
        "leverkusen",
        "Kind unterernährt, Vorsorgeuntersuchungen versäumt",
        (NEGLECT, OWN, MED + "|" + HARM_L),
    ),
    (
        "gesundheit",
        "kempen",
        "Verdacht auf sexuellen Missbrauch",
        (SEXUAL, OWN, MED + "|" + SEX_VIE),
    ),
    (
        "gesundheit",
        "leverkusen",
        "Mutter mit Wochenbettdepression",
        (NEGLECT, OWN, BABY_L + DEPRESSED),
    ),
    (
        "gesundheit",
        "leverkusen",
        "Jugendliche mit Schnittverletzungen am Unterarm",
        (SELFHARM, OWN, CRISIS + "|" + MED),
    ),
    ("gesundheit", "willich", "Kind mit Sprachentwicklungsverzögerung", (ENTW, BABY_W)),
    (
        "gesundheit",
        "viersen",
        "Vater drogenabhängig, Kind vernachlässigt",
        (NEGLECT, OWN, ADDICT_VIE + "|" + MED),
    ),
    (
        "gesundheit",
        "leverkusen",
        "Knochenbruch beim Baby unklare Ursache",
        (INJURY, OWN, MED + "|" + HARM_L),
    ),
    # Hebammen
    ("hebammen", "leverkusen", "Mutter überfordert, Baby schreit viel", (SCHREI, BABY_L)),
    (
        "hebammen",
        "viersen",
        "junge Mutter depressiv nach der Geburt",
        (NEGLECT, OWN, BABY_V + DEPRESSED),
    ),
    ("hebammen", "leverkusen", "Partner schlägt die Schwangere", (DOMESTIC, OWN, DV_L)),
    ("hebammen", "willich", "Baby nimmt nicht zu, Wohnung vermüllt", (NEGLECT, OWN, HARM_W)),
    (
        "hebammen",
        "leverkusen",
        "Mutter nimmt Drogen in der Schwangerschaft",
        (NEGLECT, OWN, ADDICT_L + "|" + BABY_L),
    ),
    ("hebammen", "kempen", "Vater schüttelt das Baby", (INJURY, OWN, MED + "|" + HARM_K)),
    ("hebammen", "leverkusen", "Eltern streiten heftig vor dem Säugling", (DOMESTIC, OWN, DV_L)),
    ("hebammen", "viersen", "Baby hat blauen Fleck am Kopf", (INJURY, OWN, MED + "|" + HARM_V)),
)
