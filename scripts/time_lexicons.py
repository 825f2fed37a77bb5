#!/usr/bin/env python3
"""Writes data/{es,it,de,ru,ar}/time.toml from the tables below.

The French lexicon gives the shape (every section the time crate reads);
each language's words replace its entries. Month and weekday names are not
here: they are data/<lang>/calendar.toml, read through recoupe_text::calendar. Run from the repository root:
    python3 scripts/time_lexicons.py
Edit the tables here, not the generated files."""
import tomllib

BASE = tomllib.load(open("data/fr/time.toml", "rb"))
EMPTY_MODS = {k: [] for k in BASE["modifiers"]}


def nums(words):
    return {w: n for w, n in words}


L = {}
L["es"] = dict(
    needing_day=["ene", "feb", "abr", "jun", "jul", "ago", "sept", "oct", "nov", "dic"], needing_cue=["mayo"],
    decimal=",",
    numbers=nums([("un", 1), ("uno", 1), ("una", 1), ("dos", 2), ("tres", 3), ("cuatro", 4), ("cinco", 5), ("seis", 6), ("siete", 7),
                  ("ocho", 8), ("nueve", 9), ("diez", 10), ("once", 11), ("doce", 12), ("quince", 15), ("veinte", 20), ("treinta", 30),
                  ("cuarenta", 40), ("cincuenta", 50), ("cien", 100), ("ciento", 100), ("mil", 1000)]),
    joiners=["y"], ordinals={"primero": 1, "1º": 1},
    units={"segundos": ["S", 1], "minuto": ["MIN", 1], "minutos": ["MIN", 1], "hora": ["H", 1], "horas": ["H", 1],
           "dia": ["D", 1], "dias": ["D", 1], "noche": ["D", 1], "noches": ["D", 1], "semana": ["W", 1], "semanas": ["W", 1],
           "mes": ["M", 1], "meses": ["M", 1], "ano": ["Y", 1], "anos": ["Y", 1], "decada": ["Y", 10], "decadas": ["Y", 10],
           "siglo": ["Y", 100], "siglos": ["Y", 100]},
    calendar={"dia": "day", "semana": "week", "fin de semana": "weekend", "mes": "month", "ano": "year", "siglo": "century", "decada": "decade"},
    parts={"manana": "MO", "tarde": "AF", "noche": "NI", "mediodia": "MI", "madrugada": "NI"},
    seasons={"primavera": "SP", "verano": "SU", "otono": "FA", "invierno": "WI"},
    day_offsets={"ayer": -1, "hoy": 0, "manana": 1, "anteayer": -2, "pasado manana": 2, "anoche": -1},
    anaphoric={"la vispera": -1, "el dia anterior": -1, "al dia siguiente": 1, "el dia siguiente": 1, "ese mismo dia": 0, "ese dia": 0},
    this_part={"esta manana": "MO", "esta tarde": "AF", "esta noche": "NI"},
    references={"ahora": "PRESENT_REF", "actualmente": "PRESENT_REF", "en el futuro": "FUTURE_REF", "en el pasado": "PAST_REF"},
    mods=dict(this=["este", "esta", "estos", "estas"], same=["mismo", "misma"], past=["pasado", "pasada", "anterior"],
              future=["proximo", "proxima", "siguiente", "que viene"], determiners=["el", "la", "los", "las"],
              range_from=["del", "de", "entre el", "desde el"], range_between=["entre"], range_to=["al", "a", "-", "y el", "hasta el"],
              alternative=["o", "u"], list_and=["y"], and_a_half=["y media"],
              hedges=["hacia", "alrededor de", "cerca de", "aproximadamente", "sobre"],
              start=["principios de", "a principios de", "comienzos de"], mid=["mediados de", "a mediados de"],
              end=["finales de", "a finales de", "fines de"], more_than=["mas de", "al menos"], less_than=["menos de"],
              vague_quantity=["varios", "varias", "unos", "unas", "algunos", "algunas", "los ultimos", "las ultimas"],
              set_every=["cada", "todos los", "todas las"], set_per=["por", "al"], ago_before=["hace"],
              in_future=["dentro de"], month_of=["el mes de", "mes de"], year_of=["el ano", "ano"], century=["siglo"],
              weekend=["fin de semana"], hour_marks=["h", "horas", "hs"], minute_marks=["min", "minutos"],
              noon=["mediodia"], midnight=["medianoche"], time_zone_words=["hora local", "gmt", "utc"],
              year_blockers=["euros", "dolares", "personas", "metros", "km", "toneladas", "votos", "%", "anos", "dias"],
              year_prev_blockers=["articulo", "pagina", "numero", "n", "vuelo", "ruta"],
              future_words=["proximo", "proxima", "va", "van", "prevista", "previsto"],
              future_suffixes=["ara", "aran", "era", "eran", "ira", "iran"],
              past_words=["ayer", "fue", "fueron", "era", "habia", "pasado", "pasada"],
              attribution_words=["dijo", "afirmo", "declaro", "anuncio", "informo", "explico", "senalo"],
              month_prepositions=["en", "desde", "de", "hasta", "a", "entre", "y", "o"],
              duration_prepositions=["durante", "en", "por"], clock_prepositions=["a", "hacia", "desde", "hasta", "sobre", "entre", "y"],
              day_clock_link=["a"], day_part_link=["por la", "en la"], part_of_day_link=["del", "de"],
              day_month_link=["de"], age_before=["de edad"], age_after=["anos de edad"],
              past_auxiliaries=["ha", "han", "habia", "habian"],
              strong_participle_endings=["ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas"],
              participle_endings=["ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas", "to", "ta", "cho", "cha"],
              past_suffixes=["aron", "ieron", "ó", "io"]),
)
L["it"] = dict(
    needing_day=["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"], needing_cue=[],
    decimal=",",
    numbers=nums([("un", 1), ("uno", 1), ("una", 1), ("due", 2), ("tre", 3), ("quattro", 4), ("cinque", 5), ("sei", 6), ("sette", 7),
                  ("otto", 8), ("nove", 9), ("dieci", 10), ("undici", 11), ("dodici", 12), ("quindici", 15), ("venti", 20), ("trenta", 30),
                  ("quaranta", 40), ("cinquanta", 50), ("cento", 100), ("mille", 1000)]),
    joiners=["e"], ordinals={"primo": 1, "1º": 1},
    units={"secondi": ["S", 1], "minuto": ["MIN", 1], "minuti": ["MIN", 1], "ora": ["H", 1], "ore": ["H", 1],
           "giorno": ["D", 1], "giorni": ["D", 1], "notte": ["D", 1], "notti": ["D", 1], "settimana": ["W", 1], "settimane": ["W", 1],
           "mese": ["M", 1], "mesi": ["M", 1], "anno": ["Y", 1], "anni": ["Y", 1], "decennio": ["Y", 10], "decenni": ["Y", 10],
           "secolo": ["Y", 100], "secoli": ["Y", 100]},
    calendar={"giorno": "day", "settimana": "week", "fine settimana": "weekend", "weekend": "weekend", "mese": "month", "anno": "year", "secolo": "century"},
    parts={"mattina": "MO", "mattino": "MO", "pomeriggio": "AF", "sera": "EV", "notte": "NI"},
    seasons={"primavera": "SP", "estate": "SU", "autunno": "FA", "inverno": "WI"},
    day_offsets={"ieri": -1, "oggi": 0, "domani": 1, "l'altro ieri": -2, "dopodomani": 2, "stanotte": 0},
    anaphoric={"il giorno prima": -1, "la vigilia": -1, "il giorno dopo": 1, "l'indomani": 1, "lo stesso giorno": 0, "quel giorno": 0},
    this_part={"stamattina": "MO", "questa mattina": "MO", "questo pomeriggio": "AF", "stasera": "EV", "questa sera": "EV"},
    references={"ora": "PRESENT_REF", "attualmente": "PRESENT_REF", "in futuro": "FUTURE_REF", "in passato": "PAST_REF"},
    mods=dict(this=["questo", "questa", "questi", "queste"], same=["stesso", "stessa"], past=["scorso", "scorsa", "precedente", "passato"],
              future=["prossimo", "prossima", "successivo", "successiva"], determiners=["il", "lo", "la", "i", "gli", "le", "l'", "l"],
              range_from=["dal", "tra il", "fra il", "da"], range_between=["tra", "fra"], range_to=["al", "a", "-", "e il", "fino al"],
              alternative=["o", "oppure"], list_and=["e"], and_a_half=["e mezza", "e mezzo"],
              hedges=["verso", "circa", "intorno a", "attorno a"], start=["inizio", "all'inizio di", "inizio di", "ai primi di"],
              mid=["meta", "a meta", "meta di"], end=["fine", "alla fine di", "fine di"], more_than=["piu di", "oltre", "almeno"],
              less_than=["meno di"], vague_quantity=["alcuni", "alcune", "diversi", "diverse", "qualche", "ultimi", "ultime"],
              set_every=["ogni", "tutti i", "tutte le"], set_per=["al", "all'", "per"], ago_before=[], ago_after=["fa"],
              in_future=["tra", "fra"], month_of=["il mese di", "mese di"], year_of=["l'anno", "anno"], century=["secolo"],
              weekend=["fine settimana", "weekend"], hour_marks=["h", "ore"], minute_marks=["min", "minuti"],
              noon=["mezzogiorno"], midnight=["mezzanotte"], time_zone_words=["ora locale", "gmt", "utc"],
              year_blockers=["euro", "dollari", "persone", "metri", "km", "tonnellate", "voti", "%", "anni", "giorni"],
              year_prev_blockers=["articolo", "pagina", "numero", "n", "volo"],
              future_words=["prossimo", "prossima", "previsto", "prevista"],
              future_suffixes=["era", "eranno", "ira", "iranno", "ara", "aranno"],
              past_words=["ieri", "era", "erano", "fu", "scorso", "scorsa"],
              attribution_words=["ha detto", "ha dichiarato", "ha annunciato", "ha spiegato", "ha affermato"],
              month_prepositions=["a", "in", "da", "dal", "di", "fino a", "tra", "e", "o", "nel"],
              duration_prepositions=["per", "durante", "in"], clock_prepositions=["alle", "verso le", "dalle", "fino alle", "e"],
              day_clock_link=["alle"], day_part_link=["in"], part_of_day_link=["di"], day_month_link=[],
              age_before=["all'eta di"], age_after=[], past_auxiliaries=["ha", "hanno", "e", "sono"],
              strong_participle_endings=["ato", "ata", "ati", "ate", "ito", "ita", "iti", "ite", "uto", "uta", "uti", "ute", "orto", "orta"],
              participle_endings=["ato", "ata", "ati", "ate", "ito", "ita", "iti", "ite", "uto", "uta", "uti", "ute", "orto", "orta", "erto", "erta", "eso", "esa", "otto", "otta"]),
)
L["de"] = dict(
    needing_day=["jan", "feb", "apr", "jun", "jul", "aug", "sept", "sep", "okt", "nov", "dez"], needing_cue=["mai"],
    decimal=",",
    numbers=nums([("ein", 1), ("eine", 1), ("einen", 1), ("einem", 1), ("zwei", 2), ("drei", 3), ("vier", 4), ("funf", 5), ("sechs", 6),
                  ("sieben", 7), ("acht", 8), ("neun", 9), ("zehn", 10), ("elf", 11), ("zwolf", 12), ("zwanzig", 20), ("dreissig", 30),
                  ("hundert", 100), ("tausend", 1000)]),
    joiners=["und"], ordinals={},
    units={"sekunden": ["S", 1], "minute": ["MIN", 1], "minuten": ["MIN", 1], "stunde": ["H", 1], "stunden": ["H", 1],
           "tag": ["D", 1], "tage": ["D", 1], "tagen": ["D", 1], "nacht": ["D", 1], "nachte": ["D", 1], "woche": ["W", 1], "wochen": ["W", 1],
           "monat": ["M", 1], "monate": ["M", 1], "monaten": ["M", 1], "jahr": ["Y", 1], "jahre": ["Y", 1], "jahren": ["Y", 1],
           "jahrzehnt": ["Y", 10], "jahrzehnte": ["Y", 10], "jahrhundert": ["Y", 100], "jahrhunderte": ["Y", 100]},
    calendar={"tag": "day", "woche": "week", "wochenende": "weekend", "monat": "month", "jahr": "year", "jahrhundert": "century", "jahrzehnt": "decade"},
    parts={"morgen": "MO", "vormittag": "MO", "nachmittag": "AF", "abend": "EV", "nacht": "NI", "mittag": "MI"},
    seasons={"fruhling": "SP", "fruhjahr": "SP", "sommer": "SU", "herbst": "FA", "winter": "WI"},
    day_offsets={"gestern": -1, "heute": 0, "morgen": 1, "vorgestern": -2, "ubermorgen": 2},
    anaphoric={"am vortag": -1, "am tag zuvor": -1, "am folgenden tag": 1, "am nachsten tag": 1, "tags darauf": 1, "am selben tag": 0, "am gleichen tag": 0},
    this_part={"heute morgen": "MO", "heute fruh": "MO", "heute nachmittag": "AF", "heute abend": "EV", "heute nacht": "NI", "gestern abend": "EV-1", "gestern morgen": "MO-1"},
    references={"jetzt": "PRESENT_REF", "derzeit": "PRESENT_REF", "zurzeit": "PRESENT_REF", "in zukunft": "FUTURE_REF", "in der vergangenheit": "PAST_REF"},
    mods=dict(this=["diesen", "dieser", "diese", "dieses", "diesem"], same=["selben", "gleichen"], past=["letzten", "letzte", "letzter", "vergangenen", "vergangene", "vorigen"],
              future=["nachsten", "nachste", "kommenden", "kommende"], determiners=["der", "die", "das", "den", "dem", "am", "im"],
              range_from=["vom", "von", "zwischen dem"], range_between=["zwischen"], range_to=["bis", "bis zum", "-", "und dem"],
              alternative=["oder"], list_and=["und"], and_a_half=["einhalb"],
              hedges=["gegen", "etwa", "rund", "ungefahr", "circa"], start=["anfang", "beginn", "zu beginn"], mid=["mitte"],
              end=["ende"], more_than=["mehr als", "uber", "mindestens", "knapp"], less_than=["weniger als", "unter"],
              vague_quantity=["einigen", "einige", "mehreren", "mehrere", "wenigen", "wenige", "den letzten", "den vergangenen"],
              set_every=["jeden", "jede", "jedes", "alle"], set_per=["pro"], ago_before=["vor"], in_future=["in"],
              month_of=["im monat"], year_of=["im jahr", "jahr"], century=["jahrhundert", "jahrhunderts"], weekend=["wochenende"],
              hour_marks=["uhr", "h"], minute_marks=["min", "minuten"], noon=["mittag"], midnight=["mitternacht"],
              time_zone_words=["ortszeit", "mez", "mesz", "utc", "gmt"],
              year_blockers=["euro", "dollar", "menschen", "meter", "km", "kilometer", "tonnen", "stimmen", "prozent", "%", "jahre", "tage", "tote", "toten"],
              year_prev_blockers=["artikel", "seite", "nummer", "nr", "flug", "modell", "typ"],
              future_words=["wird", "werden", "soll", "sollen", "nachste", "nachsten", "kommende", "kommenden", "geplant"],
              past_words=["gestern", "war", "waren", "hatte", "hatten", "letzten", "vergangenen", "wurde", "wurden"],
              attribution_words=["sagte", "erklarte", "teilte", "berichtete", "hiess"],
              month_prepositions=["im", "seit", "bis", "ab", "von", "zwischen", "und", "oder", "anfang", "ende", "mitte"],
              duration_prepositions=["fur", "wahrend", "seit", "innerhalb", "in"], clock_prepositions=["um", "gegen", "ab", "bis", "von", "und"],
              day_clock_link=["um"], day_part_link=["am"], part_of_day_link=[], day_month_link=[],
              age_before=["im alter von"], age_after=["jahre alt", "jahrige", "jahrigen"], past_auxiliaries=["hat", "haben", "ist", "sind"]),
)
L["ru"] = dict(
    needing_day=[], needing_cue=["мая", "май"], decimal=",",
    numbers=nums([("один", 1), ("одна", 1), ("одну", 1), ("два", 2), ("две", 2), ("двух", 2), ("три", 3), ("трех", 3), ("четыре", 4), ("пять", 5), ("шесть", 6),
                  ("семь", 7), ("восемь", 8), ("девять", 9), ("десять", 10), ("двадцать", 20), ("тридцать", 30), ("сто", 100), ("тысяча", 1000), ("тысячи", 1000)]),
    joiners=[], ordinals={},
    units={"секунд": ["S", 1], "минуту": ["MIN", 1], "минуты": ["MIN", 1], "минут": ["MIN", 1], "час": ["H", 1], "часа": ["H", 1], "часов": ["H", 1],
           "день": ["D", 1], "дня": ["D", 1], "дней": ["D", 1], "сутки": ["D", 1], "суток": ["D", 1], "неделю": ["W", 1], "недели": ["W", 1], "недель": ["W", 1],
           "месяц": ["M", 1], "месяца": ["M", 1], "месяцев": ["M", 1], "год": ["Y", 1], "года": ["Y", 1], "лет": ["Y", 1],
           "десятилетие": ["Y", 10], "век": ["Y", 100], "века": ["Y", 100]},
    calendar={"день": "day", "неделе": "week", "неделю": "week", "месяце": "month", "месяц": "month", "году": "year", "год": "year", "выходные": "weekend"},
    parts={"утром": "MO", "утро": "MO", "днем": "AF", "вечером": "EV", "вечер": "EV", "ночью": "NI", "ночь": "NI"},
    seasons={"весной": "SP", "весна": "SP", "летом": "SU", "лето": "SU", "осенью": "FA", "осень": "FA", "зимой": "WI", "зима": "WI"},
    day_offsets={"вчера": -1, "сегодня": 0, "завтра": 1, "позавчера": -2, "послезавтра": 2},
    anaphoric={"накануне": -1, "на следующий день": 1, "в тот же день": 0, "в тот день": 0},
    this_part={"сегодня утром": "MO", "сегодня вечером": "EV", "вчера вечером": "EV-1", "этой ночью": "NI"},
    references={"сейчас": "PRESENT_REF", "в настоящее время": "PRESENT_REF", "в будущем": "FUTURE_REF", "в прошлом": "PAST_REF"},
    mods=dict(this=["этот", "эта", "это", "этой", "этом", "эту", "в этот", "в эту"], same=["тот же", "ту же"], past=["прошлый", "прошлой", "прошлом", "прошлую", "прошлого", "минувший", "минувшей"],
              future=["следующий", "следующей", "следующем", "следующую", "будущий", "будущей"], determiners=["в", "во"],
              range_from=["с", "со"], range_between=["между"], range_to=["по", "до", "-"],
              alternative=["или"], list_and=["и"], and_a_half=["с половиной"],
              hedges=["около", "примерно", "порядка", "приблизительно"], start=["в начале", "начале"], mid=["в середине", "середине"],
              end=["в конце", "конце"], more_than=["более", "свыше", "больше", "не менее"], less_than=["менее", "меньше"],
              vague_quantity=["несколько", "последние", "ближайшие"], set_every=["каждый", "каждую", "каждое"], set_per=["в"],
              ago_before=[], ago_after=["назад", "тому назад"], in_future=["через"], month_of=[], year_of=["году", "года"],
              century=["века", "веке"], weekend=["выходные"], hour_marks=["ч", "часов"], minute_marks=["мин", "минут"],
              noon=["полдень"], midnight=["полночь"], time_zone_words=["по московскому времени", "мск", "по местному времени"],
              year_blockers=["человек", "рублей", "долларов", "метров", "км", "тонн", "%", "процентов", "лет", "дней"],
              year_prev_blockers=["статья", "номер", "рейс"],
              future_words=["будет", "будут", "планируется", "состоится", "следующей", "следующем"],
              past_words=["вчера", "был", "была", "были", "было", "прошлой", "прошлом", "накануне"],
              attribution_words=["сообщил", "сообщила", "заявил", "заявила", "отметил", "сказал", "добавил"],
              month_prepositions=["в", "с", "до", "по", "к", "и", "или", "между"],
              duration_prepositions=["в течение", "за", "на"], clock_prepositions=["в", "около", "с", "до", "к"],
              day_clock_link=["в"], day_part_link=[], part_of_day_link=[], day_month_link=[],
              age_before=["в возрасте"], age_after=["лет от роду"], past_auxiliaries=[],
              past_suffixes=["ил", "ила", "или", "ал", "ала", "али", "ыл", "ыла", "ыли", "ел", "ела", "ели", "лся", "лась", "лись"]),
)
L["ar"] = dict(
    needing_day=["آب"], needing_cue=[], decimal=",",
    numbers=nums([("واحد", 1), ("اثنين", 2), ("اثنان", 2), ("ثلاثة", 3), ("ثلاث", 3), ("أربعة", 4), ("أربع", 4), ("خمسة", 5), ("خمس", 5),
                  ("ستة", 6), ("سبعة", 7), ("ثمانية", 8), ("تسعة", 9), ("عشرة", 10), ("عشر", 10), ("مئة", 100), ("مائة", 100), ("ألف", 1000)]),
    joiners=["و"], ordinals={},
    units={"ثانية": ["S", 1], "دقيقة": ["MIN", 1], "دقائق": ["MIN", 1], "ساعة": ["H", 1], "ساعات": ["H", 1], "ساعتين": ["H", 2],
           "يوم": ["D", 1], "أيام": ["D", 1], "يومين": ["D", 2], "ليلة": ["D", 1], "أسبوع": ["W", 1], "أسابيع": ["W", 1], "أسبوعين": ["W", 2],
           "شهر": ["M", 1], "أشهر": ["M", 1], "شهور": ["M", 1], "شهرين": ["M", 2], "عام": ["Y", 1], "أعوام": ["Y", 1], "سنة": ["Y", 1], "سنوات": ["Y", 1],
           "عامين": ["Y", 2], "قرن": ["Y", 100]},
    calendar={"يوم": "day", "الأسبوع": "week", "أسبوع": "week", "الشهر": "month", "شهر": "month", "العام": "year", "عام": "year", "السنة": "year"},
    parts={"صباح": "MO", "صباحا": "MO", "مساء": "EV", "مساءً": "EV", "ليلا": "NI", "ظهر": "MI", "فجر": "MO"},
    seasons={"الربيع": "SP", "الصيف": "SU", "الخريف": "FA", "الشتاء": "WI"},
    day_offsets={"أمس": -1, "امس": -1, "الأمس": -1, "اليوم": 0, "غدا": 1, "غداً": 1, "أول أمس": -2},
    anaphoric={"في اليوم التالي": 1, "اليوم التالي": 1, "في اليوم السابق": -1, "في اليوم نفسه": 0},
    this_part={"صباح اليوم": "MO", "مساء اليوم": "EV", "مساء أمس": "EV-1", "الليلة": "NI"},
    references={"الآن": "PRESENT_REF", "حاليا": "PRESENT_REF", "حالياً": "PRESENT_REF", "في المستقبل": "FUTURE_REF", "في الماضي": "PAST_REF"},
    mods=dict(this=["هذا", "هذه"], same=["نفسه", "ذاته"], past=["الماضي", "الماضية", "المنصرم", "المنصرمة", "السابق"],
              future=["المقبل", "المقبلة", "القادم", "القادمة"], determiners=["يوم"],
              range_from=["من"], range_between=["بين"], range_to=["إلى", "الى", "حتى", "-"],
              alternative=["أو", "او"], list_and=["و"], and_a_half=["ونصف"],
              hedges=["نحو", "حوالي", "قرابة", "زهاء"], start=["مطلع", "بداية", "أوائل"], mid=["منتصف"], end=["نهاية", "أواخر"],
              more_than=["أكثر من", "اكثر من", "ما لا يقل عن"], less_than=["أقل من", "اقل من"],
              vague_quantity=["عدة", "بضعة", "بضع"], set_every=["كل"], set_per=["في"],
              ago_before=["قبل"], ago_after=[], in_future=["خلال", "بعد"], month_of=["شهر"], year_of=["عام", "العام", "سنة"],
              century=["القرن"], weekend=["عطلة نهاية الأسبوع"], hour_marks=["الساعة"], minute_marks=["دقيقة"],
              noon=["الظهر"], midnight=["منتصف الليل"], time_zone_words=["بالتوقيت المحلي", "بتوقيت", "غرينتش"],
              year_blockers=["شخصا", "قتيلا", "دولار", "مليون", "كيلومترا", "كيلومتر", "متر", "طن", "%", "عاما", "يوما"],
              year_prev_blockers=["رقم", "المادة", "الرحلة"],
              future_words=["سوف", "المقبل", "المقبلة", "القادم", "القادمة", "المقرر"],
              past_words=["أمس", "الماضي", "الماضية", "كان", "كانت"],
              attribution_words=["قال", "أعلن", "أكد", "أفاد", "أضاف", "ذكر"],
              month_prepositions=["في", "منذ", "من", "حتى", "إلى", "بين", "و", "أو"],
              duration_prepositions=["خلال", "لمدة", "طوال"], clock_prepositions=["في", "نحو", "حتى", "من"],
              day_clock_link=["في"], day_part_link=[], part_of_day_link=[], day_month_link=[],
              age_before=["عن عمر", "عن عمر يناهز", "البالغ من العمر"], age_after=["عاما"], past_auxiliaries=[]),
)


def key(k):
    return k if k.replace("_", "").isalnum() and k.isascii() and not k[0].isdigit() else '"' + k.replace('"', '\\"') + '"'


def val(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, list):
        return "[" + ", ".join(val(x) for x in v) + "]"
    raise TypeError(v)


for lang, d in L.items():
    mods = dict(EMPTY_MODS)
    mods.update({k: [] for k in mods})
    # Keep the French lists that are not words of a language (participle endings are set empty).
    mods.update(d["mods"])
    mods.setdefault("duration_blockers", [])
    out = {
        "options": {"months_needing_day": d["needing_day"], "months_needing_cue": d["needing_cue"],
                    "bare_two_digit_years": False, "decimal_separator": d["decimal"], "day_month_order": "dmy"},
        # Elisions and clitics are the language's `elisions.txt` / `clitics.txt`, shared with
        # the analysis tokenizer (data/it/elisions.txt holds l' all' dell' nell' dall').
        "numbers": d["numbers"], "number_joiners": {"words": d["joiners"]},
        "ordinals": d["ordinals"], "units": d["units"], "bare_durations": {}, "calendar_units": d["calendar"],
        "parts_of_day": d["parts"], "seasons": d["seasons"], "ambiguous_seasons": {"words": [], "after": []},
        "day_offsets": d["day_offsets"], "anaphoric_offsets": d["anaphoric"], "this_part_of_day": d["this_part"],
        "references": d["references"], "modifiers": mods,
    }
    lines = [f"# Time vocabulary ({lang}), generated by scripts/time_lexicons.py from its tables: edit there.",
             "# Keys are matched after folding (case, accents); multi-word keys are token sequences.",
             "# Month and weekday names are in calendar.toml (read through recoupe_text::calendar).", ""]
    for section, body in out.items():
        lines.append(f"[{section}]")
        for k, v in body.items():
            lines.append(f"{key(k)} = {val(v)}")
        lines.append("")
    import os
    os.makedirs(f"data/{lang}", exist_ok=True)
    open(f"data/{lang}/time.toml", "w").write("\n".join(lines))
print("ok")
