#!/usr/bin/env python3
"""Writes data/{es,it,de,ru,ar}/analyze.toml (numbers, dates,
quote verbs and the function words the analyser needs) from the tables below.
Month and weekday names are data/<lang>/calendar.toml.
Run from the repository root: python3 scripts/analyze_lexicons.py"""
import json

COMMON_CUR = {"€": "EUR", "$": "USD", "usd": "USD", "eur": "EUR", "£": "GBP"}
L = {
 "es": dict(
   fw="el la los las un una unos unas de del al a en y o pero que con sin por para sobre entre desde hasta como cuando donde este esta estos estas ese esa su sus lo le les se ya tambien mas muy hoy ayer manana segun tras ante durante".split(),
   titles="presidente ministro ministra primer secretario portavoz general coronel rey reina papa alcalde senador diputado".split(),
   det="el la los las un una su sus este esta".split(), particles=["de", "del", "de la", "y"],
   org_heads="ministerio gobierno partido ejercito policia banco universidad consejo comision tribunal empresa agencia".split(),
   place_preps="en de desde hacia a cerca".split(), place_heads="ciudad region provincia estado pais".split(),
   verbs="dijo afirmo declaro anuncio explico senalo aseguro agrego anadio advirtio indico sostuvo".split(),
   source=["segun"], relay=["citado por"], pron=(["ella"], ["el"], ["ellos", "ellas"]),
   words={"un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "cien": 100, "ciento": 100, "mil": 1000, "docena": 12, "centenar": 100},
   weak=["un", "una", "uno"], scales={"mil": 1e3, "millon": 1e6, "millones": 1e6, "mil millones": 1e9, "millardo": 1e9, "millardos": 1e9},
   dec=",", pct=["%", "por ciento"], cur={"dolares": "USD", "dolar": "USD", "euros": "EUR", "euro": "EUR", "pesos": "MXN", "rublos": "RUB"},
   units={"toneladas": "t", "kilos": "kg", "kilometros": "km", "km": "km", "metros": "m", "hectareas": "ha", "kilovatios": "kW", "megavatios": "MW", "mw": "MW", "kv": "kV", "grados": "deg"},
   per=["por", "al", "cada"], per_units={"ano": "year", "dia": "day", "mes": "month", "hora": "h", "persona": "person"},
   cmp=[["mas de", "greater"], ["al menos", "at_least"], ["menos de", "less"], ["hasta", "at_most"], ["unos", "about"], ["unas", "about"], ["cerca de", "about"], ["alrededor de", "about"], ["casi", "about"], ["aproximadamente", "about"], ["mas de un", "greater"]],
   ordinals={"primer": 1, "primero": 1, "segundo": 2, "tercer": 3, "tercero": 3}, osuf=["º", "ª", "o", "a"],
   notc="y o a de del el la los las en por para con que es son fue ha".split(),
   tunits="anos ano meses mes dias dia semanas semana horas hora minutos minuto segundos siglos siglo".split()),
 "it": dict(
   fw="il lo la i gli le un uno una di del della dei delle al alla a da dal in nel nella e o ma che con senza per su tra fra come quando dove questo questa questi queste suo sua suoi loro si gia anche piu molto oggi ieri domani secondo dopo prima durante".split(),
   titles="presidente ministro ministra premier segretario portavoce generale colonnello re regina papa sindaco senatore deputato cardinale".split(),
   det="il lo la i gli le un una suo sua".split(), particles=["di", "del", "della", "de", "e"],
   org_heads="ministero governo partito esercito polizia banca universita consiglio commissione tribunale societa agenzia".split(),
   place_preps="a in da verso presso nel nella".split(), place_heads="citta regione provincia stato paese".split(),
   verbs="ha detto ha dichiarato ha annunciato ha spiegato ha affermato ha sottolineato ha aggiunto ha avvertito dice afferma dichiara".split("  "),
   source=["secondo"], relay=["citato da"], pron=(["lei"], ["lui"], ["loro"]),
   words={"un": 1, "uno": 1, "una": 1, "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9, "dieci": 10, "undici": 11, "dodici": 12, "quindici": 15, "venti": 20, "trenta": 30, "quaranta": 40, "cinquanta": 50, "cento": 100, "mille": 1000, "dozzina": 12, "centinaio": 100},
   weak=["un", "una", "uno"], scales={"mila": 1e3, "milione": 1e6, "milioni": 1e6, "miliardo": 1e9, "miliardi": 1e9, "mln": 1e6, "mld": 1e9},
   dec=",", pct=["%", "per cento"], cur={"dollari": "USD", "dollaro": "USD", "euro": "EUR", "rubli": "RUB"},
   units={"tonnellate": "t", "chili": "kg", "chilometri": "km", "km": "km", "metri": "m", "ettari": "ha", "megawatt": "MW", "mw": "MW", "gradi": "deg"},
   per=["al", "all'", "per", "ogni"], per_units={"anno": "year", "giorno": "day", "mese": "month", "ora": "h", "persona": "person"},
   cmp=[["piu di", "greater"], ["oltre", "greater"], ["almeno", "at_least"], ["meno di", "less"], ["fino a", "at_most"], ["circa", "about"], ["quasi", "about"], ["intorno a", "about"]],
   ordinals={"primo": 1, "secondo": 2, "terzo": 3}, osuf=["º", "ª", "esimo"],
   notc="e o a di del il la lo i gli le in per con che e sono era ha".split(),
   tunits="anni anno mesi mese giorni giorno settimane settimana ore ora minuti minuto secondi secoli secolo".split()),
 "de": dict(
   fw="der die das den dem des ein eine einen einem einer und oder aber dass mit ohne fur von zu im in am an auf bei nach vor seit uber unter zwischen wie wenn als wo dieser diese dieses sein seine ihr ihre es er sie wir auch noch schon sehr heute gestern morgen laut nach wahrend".split(),
   titles="prasident prasidentin minister ministerin kanzler kanzlerin sprecher sprecherin general oberst konig papst burgermeister abgeordnete".split(),
   det="der die das den dem des ein eine sein seine ihr ihre".split(), particles=["von", "van", "de", "und"],
   org_heads="ministerium regierung partei armee polizei bank universitat rat kommission gericht unternehmen agentur".split(),
   place_preps="in im nach aus bei von".split(), place_heads="stadt region provinz bundesland land".split(),
   verbs="sagte erklarte betonte teilte mit kundigte an warnte fugte hinzu so berichtete sagt erklart".split(),
   source=["laut", "nach angaben"], relay=["zitiert von"], pron=(["sie"], ["er"], ["sie"]),
   words={"ein": 1, "eine": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "funf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwolf": 12, "zwanzig": 20, "dreissig": 30, "hundert": 100, "tausend": 1000, "dutzend": 12},
   weak=["ein", "eine", "einen"], scales={"tausend": 1e3, "million": 1e6, "millionen": 1e6, "mio": 1e6, "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9},
   dec=",", pct=["%", "prozent"], cur={"dollar": "USD", "euro": "EUR", "rubel": "RUB"},
   units={"tonnen": "t", "kilogramm": "kg", "kilometer": "km", "km": "km", "meter": "m", "metern": "m", "hektar": "ha", "megawatt": "MW", "mw": "MW", "grad": "deg"},
   per=["pro", "je", "im"], per_units={"jahr": "year", "tag": "day", "monat": "month", "stunde": "h", "person": "person"},
   cmp=[["mehr als", "greater"], ["uber", "greater"], ["mindestens", "at_least"], ["weniger als", "less"], ["unter", "less"], ["bis zu", "at_most"], ["rund", "about"], ["etwa", "about"], ["knapp", "about"], ["fast", "about"], ["ungefahr", "about"], ["circa", "about"]],
   ordinals={"erste": 1, "ersten": 1, "zweite": 2, "dritte": 3}, osuf=[],
   notc="und oder zu von der die das den dem im in mit fur ist sind war hat".split(),
   tunits="jahre jahren jahr monate monaten monat tage tagen tag wochen woche stunden stunde minuten minute sekunden jahrhundert".split()),
 "ru": dict(
   fw="и в во на с со по к о об от до из за для при без что как когда где это этот эта эти его ее их он она они мы также уже еще очень сегодня вчера завтра по словам после перед во время".split(),
   titles="президент премьер министр глава председатель генерал полковник пресс-секретарь мэр губернатор депутат патриарх".split(),
   det=[], particles=["де", "фон"],
   org_heads="министерство правительство партия армия полиция банк университет совет комиссия суд компания агентство".split(),
   place_preps="в во на из под".split(), place_heads="город область край республика страна".split(),
   verbs="сказал сказала заявил заявила сообщил сообщила отметил отметила подчеркнул добавил добавила пояснил".split(),
   source=["по словам", "по данным"], relay=["цитирует"], pron=(["она"], ["он"], ["они"]),
   words={"один": 1, "одна": 1, "одно": 1, "два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "сто": 100, "тысяча": 1000, "тысячи": 1000, "тысяч": 1000},
   weak=["один", "одна"], scales={"тыс": 1e3, "тысяч": 1e3, "тысячи": 1e3, "тысяча": 1e3, "млн": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6, "млрд": 1e9, "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9},
   dec=",", pct=["%", "процентов", "процента", "процент"], cur={"рублей": "RUB", "рубля": "RUB", "руб": "RUB", "долларов": "USD", "доллара": "USD", "евро": "EUR"},
   units={"тонн": "t", "тонны": "t", "кг": "kg", "километров": "km", "км": "km", "метров": "m", "метра": "m", "м": "m", "гектаров": "ha", "мвт": "MW", "баллов": "pt", "балла": "pt"},
   per=["в", "на"], per_units={"год": "year", "день": "day", "сутки": "day", "месяц": "month", "час": "h", "человека": "person"},
   cmp=[["более", "greater"], ["свыше", "greater"], ["больше", "greater"], ["не менее", "at_least"], ["как минимум", "at_least"], ["менее", "less"], ["меньше", "less"], ["до", "at_most"], ["около", "about"], ["примерно", "about"], ["почти", "about"], ["порядка", "about"]],
   ordinals={"первый": 1, "второй": 2, "третий": 3}, osuf=["-й", "-го", "-я"],
   notc="и или в на с по к о из за для что это был была были было лет года".split(),
   tunits="лет год года месяцев месяца месяц дней дня день недель недели неделю часов часа час минут минуты секунд веков века век".split()),
 "ar": dict(
   fw="في من إلى الى على عن مع و أو او ثم لكن أن ان إن هذا هذه ذلك تلك التي الذي الذين هو هي هم قد كان كانت لم لن كما بعد قبل خلال منذ حتى عند اليوم أمس غدا وفق وفقا".split(),
   titles="الرئيس رئيس وزير وزيرة الوزير رئيسة الملك الأمير الشيخ البابا المتحدث الناطق الجنرال العقيد".split(),
   det=[], particles=["بن", "بنت", "آل", "أبو"],
   org_heads="وزارة حكومة حزب جيش الجيش شرطة بنك جامعة مجلس لجنة محكمة شركة وكالة".split(),
   place_preps="في من إلى الى".split(), place_heads="مدينة منطقة محافظة ولاية دولة".split(),
   verbs="قال قالت أعلن أعلنت أكد أكدت أضاف أضافت أوضح أوضحت صرح صرحت أفاد أفادت ذكر ذكرت".split(),
   source=["وفقا ل", "بحسب", "حسب", "وفق"], relay=["نقلا عن"], pron=(["هي"], ["هو"], ["هم"]),
   words={"واحد": 1, "اثنين": 2, "اثنان": 2, "ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "سبعة": 7, "ثمانية": 8, "تسعة": 9, "عشرة": 10, "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "مئة": 100, "مائة": 100, "ألف": 1000, "آلاف": 1000},
   weak=["واحد"], scales={"ألف": 1e3, "آلاف": 1e3, "الف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9},
   dec=".", pct=["%", "بالمئة", "بالمائة", "في المئة", "في المائة"], cur={"دولار": "USD", "دولارا": "USD", "يورو": "EUR", "روبل": "RUB", "جنيه": "EGP"},
   units={"طن": "t", "كيلوغرام": "kg", "كيلومترا": "km", "كيلومتر": "km", "كلم": "km", "كم": "km", "مترا": "m", "متر": "m", "هكتار": "ha", "ميغاواط": "MW", "درجة": "deg", "درجات": "deg"},
   per=["في", "لكل"], per_units={"السنة": "year", "العام": "year", "اليوم": "day", "الشهر": "month", "الساعة": "h"},
   cmp=[["أكثر من", "greater"], ["اكثر من", "greater"], ["ما يزيد عن", "greater"], ["ما لا يقل عن", "at_least"], ["على الأقل", "at_least"], ["أقل من", "less"], ["حتى", "at_most"], ["نحو", "about"], ["حوالي", "about"], ["قرابة", "about"], ["زهاء", "about"]],
   ordinals={"الأول": 1, "الثاني": 2, "الثالث": 3}, osuf=[],
   notc="و في من إلى على عن مع أو".split(),
   tunits="عام أعوام عاما سنة سنوات شهر أشهر شهور يوم أيام يوما ساعة ساعات دقيقة دقائق".split()),
}
L["it"]["verbs"] = ["ha detto", "ha dichiarato", "ha annunciato", "ha spiegato", "ha affermato", "ha sottolineato", "ha aggiunto", "ha avvertito", "dice", "afferma", "dichiara", "spiega"]
L["de"]["verbs"] = ["sagte", "erklarte", "betonte", "teilte mit", "kundigte an", "warnte", "fugte hinzu", "berichtete", "sagt", "erklart"]


def q(v):
    return json.dumps(v, ensure_ascii=False)


def tbl(d):
    return "{" + ", ".join(f"{q(k)} = {q(v)}" for k, v in d.items()) + "}"


for lang, d in L.items():
    fem, masc, plur = d["pron"]
    out = [f"# Analyser resources ({lang}), generated by scripts/analyze_lexicons.py: edit there.",
           f'language = "{lang}"', "",
           "# (The month and weekday names of calendar.toml are added to these.)", f"capitalised_function_words = {q(d['fw'])}", f"person_titles = {q(d['titles'])}", "honorifics = []",
           "title_complement_words = []", f"name_particles = {q(d['particles'])}", f"determiners = {q(d['det'])}",
           f"organisation_heads = {q(d['org_heads'])}", "lowercase_organisation_heads = []", "organisation_suffixes = []",
           f"place_prepositions = {q(d['place_preps'])}", f"place_heads = {q(d['place_heads'])}",
           "person_cue_words = []", "non_name_words = []", "demonym_inflections = []", "",
           "[quotes]", f"verbs = {q(d['verbs'])}", f"source_markers = {q(d['source'])}", f"relay_markers = {q(d['relay'])}",
           f"person_pronouns = {q(fem + masc)}", f"pronouns_feminine = {q(fem)}", f"pronouns_masculine = {q(masc)}",
           f"pronouns_plural = {q(plur)}", "",
           "[numbers]", f"words = {tbl(d['words'])}", f"weak_words = {q(d['weak'])}", f"scales = {tbl(d['scales'])}",
           f"decimal_separator = {q(d['dec'])}", f"percent = {q(d['pct'])}", f"currencies = {tbl({**COMMON_CUR, **d['cur']})}",
           f"units = {tbl(d['units'])}", f"per_markers = {q(d['per'])}", f"per_units = {tbl(d['per_units'])}",
           f"comparators = {q(d['cmp'])}", f"ordinals = {tbl(d['ordinals'])}", f"ordinal_suffixes = {q(d['osuf'])}",
           f"not_counted = {q(d['notc'])}", "",
           "[dates]", f"time_units = {q(d['tunits'])}", ""]
    open(f"data/{lang}/analyze.toml", "w").write("\n".join(out))
print("ok")
