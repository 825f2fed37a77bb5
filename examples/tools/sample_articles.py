"""The articles of examples/sample, as data.

Everything here is original fiction written for recoupe's tests: the people,
companies, outlets and events are invented (real countries and cities serve
as settings only). `author_sample.py` renders these records into the files of
examples/sample (plain text, HTML, RSS, Atom, JSONL) and `make_warc.py` packs
the WARC pages. Edit here, then run `python3 examples/tools/author_sample.py`.

Each record: id (truth id), story, lang, outlet, author, published (ISO
8601), title, paragraphs, and where it goes (`fmt` + file or container).
Paragraph strings may contain "\n": a sentence cut across lines, as scrapes do.
"""

# --- Wire dispatches that several outlets reprint -------------------------

APA_S1_TITLE = "Le chef de la Transition nigérienne en Indonésie pour parler engrais et mines"
APA_S1 = [
    "Niamey (APA) – Le général Seydou Harouna Maïkibi, qui dirige la Transition au Niger, a entamé mardi 4 mars une visite officielle en Indonésie, a appris APA de sources officielles.",
    "Le chef de l’État nigérien, qui est accompagné de plusieurs membres du gouvernement, doit avoir des entretiens avec les autorités indonésiennes sur la coopération économique, agricole et minière.",
    "Au cœur des discussions figure le projet d’usine d’engrais de Dosso, dans le sud-ouest du pays, estimé à 450 millions de dollars. Le capital de la future société sera détenu à 60 % par l’État du Niger et à 40 % par le groupe indonésien PT Pupuk Samudra.",
    "L’usine doit produire 500 000 tonnes d’engrais par an, selon le ministère nigérien des Mines.",
    "« Cette visite marque l’ouverture du Niger vers de nouveaux partenaires en Asie », a déclaré le ministre des Affaires étrangères, Ibrahim Soumana Dicko, cité dans un communiqué.",
    "Le Niger, pays sahélien enclavé, importe la quasi-totalité des engrais utilisés par ses agriculteurs.",
]
APA_S1_SIGNOFF = "SH/ak/APA"

REUTERS_S1_TITLE = "Indonesia, Niger sign two deals as Niger leader visits Jakarta"
REUTERS_S1 = [
    "JAKARTA, March 6 (Reuters) - Indonesia and Niger signed two agreements on Wednesday during a five-day visit by Nigerien leader General Seydou Harouna Maikibi that ends on Friday, the Indonesian investment ministry said.",
    "One agreement covers a planned fertiliser plant in Niger in which Indonesia's PT Pupuk Samudra will hold 40%, the ministry said in a statement. The other sets up a joint committee on agriculture and mining.",
    "The plant would produce 500,000 tonnes of urea-based fertiliser a year, the statement said, without giving a cost.",
    "\"We see Niger as a long-term market and a gateway to the Sahel,\" Investment Minister Rudi Santosa said.",
    "Niger relies almost entirely on imported fertiliser, which farmers there say is often too expensive or arrives too late for the planting season.",
]
REUTERS_S1_SIGNOFF = "(Reporting by Dewi Anggraini; Editing by Tom Hallworth)"

REUTERS_S3_TITLE = "At least 27 dead as ferry capsizes on Lake Victoria in Tanzania"
REUTERS_S3 = [
    "DAR ES SALAAM, April 13 (Reuters) - At least 27 people died when a passenger ferry capsized on Lake Victoria near the Tanzanian port of Musoma on Sunday, a regional official said, and rescuers pulled 112 survivors from the water.",
    "The MV Nyota ya Asubuhi was carrying about 150 passengers and cargo when it overturned some 300 metres from the shore, Mara regional commissioner Grace Mollel told reporters.",
    "\"We are still searching for people who may be trapped inside the hull,\" Mollel said, adding that the ferry's captain had been detained for questioning.",
    "Witnesses said the vessel tilted as passengers moved to one side while it was preparing to dock.",
    "Regional officials have long complained that small ferries on the lake are overloaded on market days.",
]
REUTERS_S3_SIGNOFF = "(Reporting by Juma Kisanga; Editing by Clara Whitfield)"

AFP_S4_TITLE = "Sénégal : inauguration d’une centrale solaire de 120 mégawatts à Keur Mbaye"
AFP_S4 = [
    "DAKAR (AFP) – Le Sénégal a inauguré jeudi la centrale solaire de Keur Mbaye, d’une puissance de 120 mégawatts, présentée par le gouvernement comme la plus grande du pays.",
    "Construite en dix-huit mois par la société Teranga Solaire SA, la centrale a coûté 95 milliards de francs CFA (environ 145 millions d’euros), financés en partie par un prêt de banques régionales.",
    "Elle doit alimenter l’équivalent de 230 000 foyers et porter la part des énergies renouvelables dans la production d’électricité de 26 % à 31 %, selon le ministère de l’Énergie.",
    "« Chaque mégawatt produit ici est un mégawatt que nous n’achetons plus en fioul », a déclaré la ministre de l’Énergie, Aïssatou Sow Diagne, lors de la cérémonie.",
    "Des habitants de Keur Mbaye, rencontrés par l’AFP, ont toutefois regretté que le village lui-même ne soit pas encore raccordé au réseau.",
]
AFP_S4_SIGNOFF = "bdi/sd/ahe (AFP)"

# --- The articles ----------------------------------------------------------

ARTICLES = []


def add(**record):
    ARTICLES.append(record)


# ============ Story S1: Niger's transition president visits Indonesia (March 2025)

add(
    id="s1-01", story="S1", lang="fr", outlet="Le Sahel Quotidien", author="Hadiza Mamane Souley",
    published="2025-03-03T18:42:00+01:00", fmt="txt", file="s1-sahel-quotidien.txt",
    title="Niger-Indonésie : le général Seydou Harouna Maïkibi en visite officielle à Jakarta du 3 au 7 mars",
    top=["Le Sahel Quotidien", "Dernière mise à jour le 3 mars 2025 à 18h42", "Par Hadiza Mamane Souley", "Screenshot"],
    paragraphs=[
        "Chef de la Transition depuis deux ans, le général Seydou Harouna Maïkibi effectue du 3 au 7 mars 2025 une visite officielle de cinq jours en République d’Indonésie, sur invitation de Jakarta. Parti de Niamey dans la nuit de dimanche, le chef de l’État est arrivé ce lundi à Jakarta, où il a été accueilli à sa descente d’avion par le ministre indonésien de l’Investissement, Rudi Santosa.",
        "Il s’agit de la première visite d’un chef de l’État nigérien en Asie du Sud-Est depuis le début de la Transition. Le général Maïkibi est accompagné d’une délégation de six ministres, dont ceux des Mines, de l’Agriculture et du Commerce, ainsi que de représentants de la Chambre de commerce.",
        "Au cœur des discussions figure le projet d’usine d’engrais de Dosso, une coentreprise dont l’État nigérien détiendra 60 % du capital. D’une capacité annoncée de 500 000 tonnes d’engrais par an, l’unité représente un investissement de 450 millions de dollars. « Le Niger est venu chercher des partenaires, pas des tuteurs », a déclaré le général Maïkibi\nà la presse nigérienne avant son départ.",
        "Selon le ministre de l’Agriculture, Abdoulaye Garba Issa, l’usine permettrait de couvrir les besoins du pays en engrais azotés d’ici 2028 et de réduire une facture d’importation estimée à 85 milliards de francs CFA par an.",
        "Mercredi, le général Maïkibi doit s’entretenir seul à seul avec les plus hautes autorités indonésiennes, avant que les ministres des deux pays ne se retrouvent autour des dossiers techniques. Le chef de l’État doit aussi échanger avec les quelques centaines de Nigériens qui vivent en Indonésie, avant le retour à Niamey, prévu vendredi 7 mars.",
    ],
    bottom=["#Niger #Indonésie #Coopération #Engrais", "Réagissez à cet article", "Votre adresse e-mail ne sera pas publiée. Les champs requis sont signalés par *"],
)

add(
    id="s1-02", story="S1", lang="fr", outlet="Niamey Soir", author="Boubacar Issaka",
    published="2025-03-04T16:10:00+01:00", fmt="html", file="s1-niamey-soir.html", layout="wp",
    url="https://niameysoir.example/2025/03/04/colonel-maikibi-jakarta/",
    title="Le colonel Seydou Harouna Maïkibi à Jakarta pour quatre jours de visite",
    paragraphs=[
        "Le colonel Seydou Harouna Maïkibi, chef de l’État nigérien, est arrivé ce mardi à Jakarta, capitale de l’Indonésie, pour un séjour officiel de quatre jours. Il a été accueilli à l’aéroport par le ministre indonésien de l’Investissement, M. Rudi Santosa, et par le chargé d’affaires du Niger.",
        "Cette visite, préparée depuis plusieurs mois, doit permettre de concrétiser le projet d’usine d’engrais de Dosso. Les deux parties doivent aussi discuter de coopération dans l’agriculture, la formation professionnelle et les mines.",
        "« Nous attendons de cette visite des engagements précis et un calendrier », a confié à Niamey Soir un membre de la délégation, sous couvert d’anonymat.",
        "À Niamey, l’annonce du voyage a suscité des réactions contrastées. Plusieurs organisations paysannes saluent l’initiative, tandis que des économistes rappellent que d’autres projets d’usines annoncés ces dernières années n’ont jamais vu le jour.",
        "Selon la présidence, le colonel Maïkibi regagnera Niamey vendredi, après une escale technique.",
    ],
    tags=["Niger", "Indonésie", "Diplomatie"],
    related=["Engrais : la campagne agricole menacée par les retards de livraison", "Dosso : les terrains de la future usine déjà bornés"],
    comments=[("Issa K.", "Enfin un partenaire qui vient investir chez nous."), ("Mariama", "On attend de voir les résultats concrets.")],
)

add(
    id="s1-03", story="S1", lang="fr", outlet="ActuNiger", author=None,
    published="2025-03-04T14:05:00+01:00", fmt="txt", file="s1-actuniger-apa.txt",
    title=APA_S1_TITLE,
    top=["ActuNiger", "Publié le 04/03/2025 à 14:05", "Partager : Facebook Twitter WhatsApp"],
    paragraphs=APA_S1 + [APA_S1_SIGNOFF],
    bottom=["#Niger #Diplomatie", "Screenshot", "Laisser un commentaire", "Annuler la réponse"],
    wire="APA",
)

add(
    id="s1-04", story="S1", lang="fr", outlet="Le Républicain sahélien", author="Rédaction",
    published="2025-03-05T08:00:00+01:00", fmt="html", file="s1-republicain-sahelien.html", layout="legacy",
    encoding="windows-1252", url="https://republicain-sahelien.example/article.php?id=8841",
    title="Coopération : Niamey se tourne vers Jakarta",
    paragraphs=APA_S1[:3] + [APA_S1_SIGNOFF],
    copy_of="s1-03", copy_kind="shortened, retitled", wire="APA",
    related=["Sécurité : nouvelle opération dans la région de Tillabéri", "Agriculture : les prix des intrants en hausse"],
)

add(
    id="s1-05", story="S1", lang="fr", outlet="Tamtam Info", author="La rédaction",
    published="2025-03-05T09:15:00+01:00", fmt="rss", file="feeds/tamtam-info.rss",
    url="https://tamtaminfo.example/2025/03/niger-indonesie-visite",
    title=APA_S1_TITLE,
    paragraphs=APA_S1 + [
        "Le général Maïkibi avait reçu à Niamey, en novembre dernier, une délégation d’hommes d’affaires indonésiens conduite par le ministre Rudi Santosa.",
        APA_S1_SIGNOFF,
    ],
    copy_of="s1-03", copy_kind="added paragraph", wire="APA",
)

add(
    id="s1-06", story="S1", lang="en", outlet="The Archipelago Post", author="Putri Handayani",
    published="2025-03-05T13:20:00+07:00", fmt="atom", file="feeds/archipelago-post.atom",
    url="https://archipelagopost.example/world/2025/03/05/niger-maikibi-fertiliser-deal",
    title="Niger's Maikibi seeks fertiliser deal on Jakarta visit",
    paragraphs=[
        "JAKARTA — Niger's military leader, General Seydou Maikibi, arrived in Jakarta on Tuesday for a four-day visit aimed at securing Indonesian investment in a fertiliser plant in his landlocked country.",
        "On Wednesday the two sides signed three agreements, covering the fertiliser project, agricultural training and a framework for mining cooperation, Investment Minister Rudi Santosa told reporters.",
        "The plant, to be built near Dosso in south-western Niger, would produce 500,000 tonnes of fertiliser a year. Santosa put its cost at $540 million. The Nigerien state will own 60% of the joint venture and Indonesia's PT Pupuk Samudra the remaining 40%.",
        "\"Niger came looking for partners, not guardians,\" Maikibi said at a joint appearance with Santosa.",
        "Santosa said Indonesian engineers would travel to Niamey next month to start a feasibility review. Maikibi, who heads Niger's transitional government, is due to leave Jakarta on Friday.",
    ],
)

add(
    id="s1-07", story="S1", lang="en", outlet="Harbourline Business", author="Reuters",
    published="2025-03-06T07:45:00+00:00", fmt="warc", file="archive.warc.gz", page="harbourline-niger-indonesia.html",
    layout="news", url="https://harbourline.example/markets/2025/03/06/indonesia-niger-sign-two-deals",
    title=REUTERS_S1_TITLE, paragraphs=REUTERS_S1 + [REUTERS_S1_SIGNOFF], wire="Reuters",
    related=["Nickel exports hit record in February", "Rupiah steadies as investors await rate decision"],
)

add(
    id="s1-08", story="S1", lang="en", outlet="Capital Wire", author="Reuters",
    published="2025-03-06T10:02:00+00:00", fmt="jsonl", file="dump.jsonl",
    url="https://capitalwire.example/africa/indonesia-niger-deals",
    title="Indonesia, Niger sign two deals during Jakarta visit",
    paragraphs=REUTERS_S1[:2] + [REUTERS_S1[3], REUTERS_S1_SIGNOFF],
    copy_of="s1-07", copy_kind="shortened, retitled", wire="Reuters",
)

add(
    id="s1-09", story="S1", lang="fr", outlet="Niamey Soir", author="Aïchatou Moussa",
    published="2025-03-06T12:30:00+01:00", fmt="html", file="s1-niamey-soir-accords.html", layout="news",
    url="https://niameysoir.example/2025/03/06/trois-accords-jakarta/",
    title="Jakarta : trois accords signés entre le Niger et l’Indonésie",
    paragraphs=[
        "Le Niger et l’Indonésie ont signé hier trois accords de coopération à l’issue d’une séance de travail présidée par le chef de l’État, Seydou Harouna Maïkibi, en visite officielle dans le pays depuis mardi.",
        "Le premier accord porte sur l’usine d’engrais de Dosso, d’une capacité de 500 000 tonnes par an, dont l’État détiendra 60 %. Le deuxième concerne la formation agricole, le troisième un cadre de coopération minière.",
        "Le montant de l’investissement est évalué à 450 millions de dollars, selon une source à la présidence.",
        "« Ces accords ne resteront pas dans les tiroirs », a assuré Seydou Maïkiby devant des ressortissants nigériens réunis dans un hôtel de la capitale indonésienne. Il a promis que les premiers travaux\ncommenceraient avant la fin de l’année.",
        "La délégation nigérienne doit encore visiter ce jeudi une usine d’engrais dans l’ouest de l’île de Java.",
    ],
    tags=["Niger", "Indonésie", "Accords"],
    related=["Le Niger et ses nouveaux partenaires", "Engrais : ce que coûte l’importation au pays"],
    comments=[("Abdou", "Trois accords, c’est bien, mais lesquels exactement ?")],
)

# ============ Story S2: the Dosso plant opens, a year later (March 2026). Same actors, other story.

add(
    id="s2-01", story="S2", lang="fr", outlet="Le Sahel Quotidien", author="Hadiza Mamane Souley",
    published="2026-03-10T19:05:00+01:00", fmt="txt", file="s2-sahel-quotidien-2026.txt",
    title="Dosso : l’usine d’engrais nigéro-indonésienne inaugurée",
    top=["Le Sahel Quotidien", "Dernière mise à jour le 10 mars 2026 à 19h05", "Screenshot"],
    paragraphs=[
        "Le général Seydou Harouna Maïkibi, président de la Transition, a inauguré ce mardi à Dosso l’usine d’engrais construite en partenariat avec le groupe indonésien PT Pupuk Samudra, en présence du ministre indonésien de l’Investissement, Rudi Santosa.",
        "Un an après la visite officielle du chef de l’État à Jakarta, l’unité a produit ses premières 12 000 tonnes d’urée. Elle doit atteindre sa pleine capacité de 500 000 tonnes par an d’ici à la fin de 2027.",
        "L’usine emploie 640 personnes, dont 85 % de Nigériens, selon sa direction. La veille, le ministre Santosa avait visité le centre de formation installé sur le site.",
        "« Il y a un an, à Jakarta, nous avions promis des résultats. Les voici », a déclaré le général Maïkibi devant plusieurs centaines d’invités.",
        "Rudi Santosa a annoncé l’étude d’une deuxième unité, consacrée aux engrais phosphatés, sans avancer de calendrier.",
    ],
    bottom=["#Niger #Dosso #Engrais #Industrie", "Réagissez à cet article"],
)

add(
    id="s2-02", story="S2", lang="fr", outlet="Niamey Soir", author="Boubacar Issaka",
    published="2026-03-11T08:30:00+01:00", fmt="html", file="s2-niamey-soir-2026.html", layout="wp",
    url="https://niameysoir.example/2026/03/11/usine-dosso-inauguree/",
    title="Usine d’engrais de Dosso : les premiers sacs sortis",
    paragraphs=[
        "L’usine d’engrais de Dosso a été inaugurée hier par le chef de l’État, le général Seydou Harouna Maïkibi, et le ministre indonésien de l’Investissement, Rudi Santosa.",
        "Selon la direction, 12 000 tonnes d’urée ont déjà été produites pendant la phase d’essai et 640 personnes travaillent sur le site.",
        "« Pour la première fois, nos producteurs auront de l’engrais fabriqué au Niger au moment des semis », s’est réjoui le ministre de l’Agriculture, Abdoulaye Garba Issa.",
        "Les organisations paysannes demandent désormais que le prix du sac soit fixé avant le début de la campagne d’hivernage.",
    ],
    tags=["Dosso", "Agriculture", "Industrie"],
    related=["Campagne agricole 2026 : le plan du gouvernement"],
    comments=[("Hamidou", "Bravo, mais il faudra que le prix suive.")],
)

add(
    id="s2-03", story="S2", lang="en", outlet="Capital Wire", author="Staff reporter",
    published="2026-03-11T06:40:00+00:00", fmt="jsonl", file="dump.jsonl",
    url="https://capitalwire.example/africa/niger-fertiliser-plant-opens",
    title="Niger opens Indonesian-backed fertiliser plant",
    paragraphs=[
        "Niger on Tuesday inaugurated a fertiliser plant built with Indonesia's PT Pupuk Samudra in the southwestern town of Dosso, a year after its transitional president visited Jakarta.",
        "The plant has produced 12,000 tonnes of urea during trials and will reach its full capacity of 500,000 tonnes a year by the end of 2027, its management said. It employs 640 people.",
        "\"A year ago in Jakarta we promised results. Here they are,\" General Seydou Harouna Maikibi said at the ceremony.",
        "Indonesian Investment Minister Rudi Santosa said a second unit making phosphate fertiliser was being studied.",
    ],
)

add(
    id="s2-04", story="S2", lang="en", outlet="The Archipelago Post", author="Putri Handayani",
    published="2026-03-12T09:00:00+07:00", fmt="atom", file="feeds/archipelago-post.atom",
    url="https://archipelagopost.example/business/2026/03/12/santosa-dosso-second-phase",
    title="Santosa opens Dosso plant in Niger, eyes second phase",
    paragraphs=[
        "DOSSO, Niger — Investment Minister Rudi Santosa on Tuesday opened the fertiliser plant that PT Pupuk Samudra built with the Nigerien state, the first large Indonesian industrial project in West Africa.",
        "Santosa, who travelled with a delegation of about 30 business people, said Indonesian firms were now looking at phosphate deposits in the region.",
        "\"What we started in Jakarta last year is now a factory with workers and trucks,\" he said.",
        "The plant employs 640 people and is due to reach 500,000 tonnes a year by the end of 2027.",
    ],
)

add(
    id="s2-05", story="S2", lang="fr", outlet="Tamtam Info", author="La rédaction",
    published="2026-03-11T11:20:00+01:00", fmt="rss", file="feeds/tamtam-info.rss",
    url="https://tamtaminfo.example/2026/03/niger-usine-engrais-dosso",
    title="Niger : l’usine d’engrais de Dosso entre en production",
    paragraphs=[
        "Le chef de l’État nigérien, le général Seydou Harouna Maïkibi, a inauguré mardi à Dosso une usine d’engrais réalisée avec le groupe indonésien PT Pupuk Samudra.",
        "L’unité, qui emploie 640 personnes, a déjà produit 12 000 tonnes d’urée pendant ses essais, selon sa direction.",
        "Le ministre indonésien de l’Investissement, Rudi Santosa, a fait le déplacement avec une délégation d’hommes d’affaires. Il a évoqué une seconde usine, consacrée aux phosphates.",
    ],
)

# ============ Story S3: ferry capsizes on Lake Victoria (April 2025)

add(
    id="s3-01", story="S3", lang="en", outlet="East Africa Ledger", author="Reuters",
    published="2025-04-13T15:20:00+03:00", fmt="warc", file="archive.warc.gz", page="ledger-ferry.html",
    layout="news", url="https://eastafricaledger.example/news/2025/04/13/ferry-capsizes-lake-victoria",
    title=REUTERS_S3_TITLE, paragraphs=REUTERS_S3 + [REUTERS_S3_SIGNOFF], wire="Reuters",
    related=["Kenya shilling weakens against dollar", "Heavy rains expected across the region this week"],
)

add(
    id="s3-02", story="S3", lang="en", outlet="Harbour Times", author="Reuters",
    published="2025-04-13T17:05:00+03:00", fmt="html", file="s3-harbour-times.html", layout="wp",
    url="https://harbourtimes.example/2025/04/13/ferry-capsizes-lake-victoria/",
    title=REUTERS_S3_TITLE, paragraphs=REUTERS_S3 + [REUTERS_S3_SIGNOFF],
    copy_of="s3-01", copy_kind="full", wire="Reuters",
    tags=["Tanzania", "Lake Victoria", "Accidents"],
    related=["Port traffic up 8% in first quarter"],
    comments=[("Neema", "Prayers for the families."), ("J. Otieno", "These boats are always overloaded, nothing changes.")],
)

add(
    id="s3-03", story="S3", lang="en", outlet="Coastline News", author="Reuters",
    published="2025-04-14T06:10:00+03:00", fmt="jsonl", file="dump.jsonl",
    url="https://coastlinenews.example/tanzania-ferry-disaster",
    title="Tanzania ferry disaster: 27 dead on Lake Victoria",
    paragraphs=REUTERS_S3[:2] + [REUTERS_S3_SIGNOFF],
    copy_of="s3-01", copy_kind="shortened, retitled", wire="Reuters",
)

add(
    id="s3-04", story="S3", lang="en", outlet="The Archipelago Post", author="Wire staff",
    published="2025-04-14T20:00:00+07:00", fmt="atom", file="feeds/archipelago-post.atom",
    url="https://archipelagopost.example/world/2025/04/14/tanzania-ferry-toll-31",
    title="Death toll in Tanzania ferry accident rises to 31",
    paragraphs=[
        "Thirty-one people have been confirmed dead after a ferry capsized on Lake Victoria near Musoma on Sunday, Tanzanian police said on Monday, as divers recovered more bodies from the hull.",
        "Police said 112 people had been rescued. The vessel, the MV Nyota ya Asubuhi, was licensed to carry 100 passengers but had about 150 on board, according to a police spokesman.",
        "The government declared three days of national mourning.",
    ],
)

add(
    id="s3-05", story="S3", lang="en", outlet="Lakeside Chronicle", author="Amani Wekesa",
    published="2025-04-14T11:45:00+03:00", fmt="txt", file="s3-lakeside-chronicle.txt",
    title="Musoma mourns as ferry toll reaches 31",
    top=["Lakeside Chronicle", "Last updated April 14, 2025 11:45 EAT", "By Amani Wekesa", "Share: Facebook Twitter WhatsApp Email"],
    paragraphs=[
        "MUSOMA — The number of people killed when the MV Nyota ya Asubuhi overturned near Musoma yesterday has risen to 31, regional commissioner Grace Molel said this morning.",
        "Rescue teams worked through the night with lamps and fishing boats. \"We have recovered four more bodies since midnight,\" Molel said, adding that 112 survivors were being treated at Musoma regional hospital\nand two health centres.",
        "Relatives gathered at the port, many of them traders who had been returning from the weekly market on the islands. Boat owners say the route is busiest on Sundays, when fares are cheapest.",
        "The ferry's captain remains in police custody. A commission of inquiry is expected to be named this week.",
    ],
    bottom=["#Tanzania #LakeVictoria #Musoma", "Leave a comment", "Your email address will not be published. Required fields are marked *"],
)

add(
    id="s3-06", story="S3", lang="fr", outlet="Afrique Continent Info", author="AFP",
    published="2025-04-13T19:30:00+02:00", fmt="txt", file="s3-afp-tanzanie.txt",
    title="Tanzanie : au moins 27 morts dans le naufrage d’un ferry sur le lac Victoria",
    top=["Afrique Continent Info", "Publié le 13/04/2025 à 19h30", "Partager"],
    paragraphs=[
        "Au moins 27 personnes sont mortes dimanche dans le naufrage d’un ferry sur le lac Victoria, près du port tanzanien de Musoma, ont annoncé les autorités régionales.",
        "Cent douze passagers ont été secourus, a précisé la commissaire régionale de Mara, Grace Mollel, qui a fait état d’environ 150 personnes à bord.",
        "« Les recherches continuent, il peut encore y avoir des personnes prises au piège dans la coque », a-t-elle déclaré à la presse.",
        "Le capitaine du bateau a été placé en garde à vue, selon la police.",
        "(AFP)",
    ],
    bottom=["Dernière mise à jour le 13 avril 2025 à 21h02", "Réagissez à cet article"],
    wire="AFP",
)

add(
    id="s3-07", story="S3", lang="en", outlet="Savanna Post", author="Reuters",
    published="2025-04-14T08:00:00+03:00", fmt="jsonl", file="dump.jsonl",
    url="https://savannapost.example/world/lake-victoria-ferry",
    title=REUTERS_S3_TITLE,
    paragraphs=REUTERS_S3 + [
        "On Monday the government declared three days of national mourning, and the transport regulator suspended the licences of two other ferries operating from Musoma pending inspections.",
        REUTERS_S3_SIGNOFF,
    ],
    copy_of="s3-01", copy_kind="added paragraph", wire="Reuters",
)

# ============ Story S4: a solar plant opens in Senegal (May 2025)

add(
    id="s4-01", story="S4", lang="fr", outlet="Sénégal Direct", author="AFP",
    published="2025-05-15T13:40:00+00:00", fmt="warc", file="archive.warc.gz", page="senegal-direct-solaire.html",
    layout="wp", url="https://senegaldirect.example/2025/05/15/centrale-solaire-keur-mbaye/",
    title=AFP_S4_TITLE, paragraphs=AFP_S4 + [AFP_S4_SIGNOFF], wire="AFP",
    tags=["Énergie", "Sénégal"], related=["Électricité : les délestages reculent à Dakar"],
    comments=[("Modou", "Et le village, toujours dans le noir ?")],
)

add(
    id="s4-02", story="S4", lang="fr", outlet="Dakar Matin", author="AFP",
    published="2025-05-15T15:00:00+00:00", fmt="txt", file="s4-dakar-matin.txt",
    title=AFP_S4_TITLE,
    top=["Dakar Matin", "Accueil > Économie", "Publié le 15/05/2025 à 15:00", "Partager : Facebook Twitter WhatsApp LinkedIn E-mail"],
    paragraphs=AFP_S4 + [AFP_S4_SIGNOFF],
    bottom=["#Sénégal #Énergie #Solaire", "Lire aussi : Électricité, la Senelec annonce de nouveaux tarifs", "Réagissez à cet article"],
    copy_of="s4-01", copy_kind="full", wire="AFP",
)

add(
    id="s4-03", story="S4", lang="fr", outlet="Tamtam Info", author="La rédaction",
    published="2025-05-16T07:30:00+00:00", fmt="rss", file="feeds/tamtam-info.rss",
    url="https://tamtaminfo.example/2025/05/keur-mbaye-solaire",
    title="Keur Mbaye : le Sénégal mise sur le soleil",
    paragraphs=AFP_S4 + [AFP_S4_SIGNOFF],
    copy_of="s4-01", copy_kind="retitled", wire="AFP",
)

add(
    id="s4-04", story="S4", lang="fr", outlet="Le Soleil levant", author="Ndèye Fatou Sarr",
    published="2025-05-16T09:10:00+00:00", fmt="html", file="s4-soleil-levant.html", layout="news",
    url="https://soleillevant.example/economie/keur-mbaye-120-mw",
    title="Centrale de Keur Mbaye : 120 mégawatts et beaucoup d’attentes",
    paragraphs=[
        "La centrale solaire de Keur Mbaye a été inaugurée hier en présence de la ministre de l’Énergie, Aïssatou Sow Diagne. Avec 120 mégawatts, elle doit fournir l’équivalent de la consommation de 230 000 foyers.",
        "Le directeur général de Teranga Solaire, Moustapha Ndour, a détaillé un coût total de 95 milliards de francs CFA. « Nous avons formé 300 techniciens sénégalais qui assureront l’exploitation », a-t-il affirmé.",
        "Pour les consommateurs, la question reste celle du prix. Le kilowattheure solaire coûte moins cher à produire, mais la baisse des factures n’est pas annoncée.",
        "À Keur Mbaye, les habitants attendent toujours leur raccordement, promis pour la fin de l’année selon la mairie.",
    ],
    tags=["Énergie", "Keur Mbaye"], related=["Pétrole : premier bilan de la production offshore", "Eau : nouvelle usine de dessalement en projet"],
    comments=[("Aliou", "Belle réalisation, bravo aux techniciens."), ("Khady", "La facture, elle, ne baisse jamais.")],
)

add(
    id="s4-05", story="S4", lang="fr", outlet="Énergies Afrique", author="Jean-Baptiste Ouédraogo",
    published="2025-05-19T10:00:00+00:00", fmt="txt", file="s4-energies-afrique.txt",
    title="Le Sénégal franchit le cap des 30 % d’électricité renouvelable avec Keur Mbaye",
    top=["Énergies Afrique", "Par Jean-Baptiste Ouédraogo", "Dernière mise à jour le 19 mai 2025 à 10h00", "Screenshot"],
    paragraphs=[
        "Inaugurée jeudi dernier, la centrale de Keur Mbaye (120 mégawatts) fait passer la part des renouvelables dans la production sénégalaise d’électricité à 31 %, contre 26 % auparavant, selon les chiffres du ministère de l’Énergie.",
        "L’exploitant, Teranga Solaire SA, estime que la centrale évitera l’émission de 180 000 tonnes de CO2 par an.",
        "Le projet, d’un coût de 95 milliards de francs CFA, a été bouclé en dix-huit mois. Un second site de 60 mégawatts est à l’étude dans la région de Kaolack.",
        "« Le solaire ne suffira pas seul : il faudra du stockage », prévient l’ingénieure Awa Diop, consultante\nindépendante.",
    ],
    bottom=["#Énergie #Solaire #Sénégal", "Partager cet article", "Votre adresse e-mail ne sera pas publiée. Les champs requis sont signalés par *"],
)

add(
    id="s4-06", story="S4", lang="en", outlet="West Africa Monitor", author="Staff reporter",
    published="2025-05-15T18:00:00+00:00", fmt="jsonl", file="dump.jsonl",
    url="https://westafricamonitor.example/energy/senegal-solar-keur-mbaye",
    title="Senegal opens 120-megawatt solar plant at Keur Mbaye",
    paragraphs=[
        "Senegal on Thursday opened a 120-megawatt solar plant at Keur Mbaye, which the government says will supply the equivalent of 230,000 households.",
        "The plant, built by Teranga Solaire SA, cost 95 billion CFA francs (about $160 million), the energy ministry said.",
        "\"Every megawatt produced here is a megawatt of fuel oil we no longer buy,\" Energy Minister Aissatou Sow Diagne said at the opening.",
        "Renewables will now account for 31% of the country's electricity output, up from 26%, the ministry said.",
    ],
)

# ============ Story S5: Côte d'Ivoire sets the cocoa farmgate price (October 2025)

add(
    id="s5-01", story="S5", lang="fr", outlet="Le Courrier d’Abidjan", author="Yao Kouassi",
    published="2025-10-01T17:30:00+00:00", fmt="txt", file="s5-courrier-abidjan.txt",
    title="Cacao : le prix bord champ fixé à 2 200 francs CFA le kilo",
    top=["Le Courrier d’Abidjan", "Publié le 01/10/2025 à 17:30", "Par Yao Kouassi"],
    paragraphs=[
        "L’Autorité ivoirienne de régulation du cacao (AIRC) a fixé ce mercredi le prix bord champ du cacao à 2 200 francs CFA le kilogramme pour la campagne principale 2025-2026, contre 1 800 francs lors de la campagne précédente, soit une hausse de 22 %.",
        "« Ce prix permet aux producteurs de profiter enfin du niveau des cours mondiaux », a déclaré le directeur général de l’AIRC, Koffi N’Guessan Aka, lors d’une conférence de presse à Abidjan.",
        "L’AIRC table sur une production de 2 millions de tonnes pour la campagne qui s’ouvre, malgré le vieillissement des vergers dans l’ouest du pays.",
        "Les coopératives, qui réclamaient 2 500 francs, ont pris acte de la décision.",
    ],
    bottom=["#Cacao #CôteDIvoire #Agriculture", "Réagissez à cet article", "Votre adresse e-mail ne sera pas publiée. Les champs requis sont signalés par *"],
)

add(
    id="s5-02", story="S5", lang="fr", outlet="Éco Ivoire", author="Mariam Touré",
    published="2025-10-02T08:00:00+00:00", fmt="html", file="s5-eco-ivoire.html", layout="wp",
    url="https://ecoivoire.example/2025/10/02/cacao-2200-francs/",
    title="Prix du cacao : les producteurs entre satisfaction et frustration",
    paragraphs=[
        "Le nouveau prix bord champ du cacao, annoncé hier par l’Autorité ivoirienne de régulation du cacao, s’établit à 2 200 francs CFA le kilo. La veille, plusieurs coopératives de la région de Soubré avaient encore réclamé 2 500 francs.",
        "« C’est une hausse importante, mais les intrants ont aussi augmenté », a réagi Mariam Bamba, présidente d’une union de coopératives de Soubré.",
        "Selon l’AIRC, la hausse atteint 22 % par rapport à la campagne 2024-2025. Le régulateur prévoit une récolte de 2 millions de tonnes.",
        "Les premiers achats doivent commencer le 6 octobre dans les principales zones de production.",
    ],
    tags=["Cacao", "Agriculture"], related=["Café : la filière veut relancer la production"],
    comments=[("Konan", "2 200 c’est bien, mais il faut que les pisteurs respectent le prix.")],
)

add(
    id="s5-03", story="S5", lang="fr", outlet="Tamtam Info", author="La rédaction",
    published="2025-10-02T10:45:00+00:00", fmt="rss", file="feeds/tamtam-info.rss",
    url="https://tamtaminfo.example/2025/10/cacao-prix-2200",
    title="Côte d’Ivoire : hausse de 22 % du prix du cacao payé aux planteurs",
    paragraphs=[
        "Les planteurs ivoiriens de cacao seront payés 2 200 francs CFA le kilogramme pendant la campagne principale, a annoncé mercredi l’Autorité ivoirienne de régulation du cacao (AIRC).",
        "Le prix était de 1 800 francs la saison dernière. Le directeur général de l’AIRC, Koffi N’Guessan Aka, a justifié la hausse par la bonne tenue des cours internationaux.",
        "Le pays, premier producteur mondial, attend une récolte d’environ 2 millions de tonnes.",
    ],
)

add(
    id="s5-04", story="S5", lang="en", outlet="Frontline Business Daily", author="Grace Mensah",
    published="2025-10-01T19:15:00+00:00", fmt="html", file="s5-frontline-business.html", layout="news",
    url="https://frontlinebusiness.example/commodities/ivory-coast-cocoa-price-2200",
    title="Ivory Coast raises cocoa farmgate price 22% to 2,200 CFA francs",
    paragraphs=[
        "Ivory Coast's cocoa regulator on Wednesday set the farmgate price for the 2025/26 main crop at 2,200 CFA francs per kilogram, up 22% from 1,800 francs last season.",
        "\"This price lets farmers finally share in world market levels,\" Koffi N'Guessan Aka, head of the Ivorian Cocoa Regulatory Authority (AIRC), told a news conference in Abidjan.",
        "The regulator expects a harvest of 2 million tonnes. Farmer cooperatives had asked for 2,500 francs.",
    ],
    tags=["Cocoa", "Ivory Coast"], related=["Coffee prices slip on Brazil harvest", "Gold miners eye new permits"],
    comments=[],
)

add(
    id="s5-05", story="S5", lang="en", outlet="The Morning Courier", author="Staff reporter",
    published="2025-10-02T05:30:00+00:00", fmt="jsonl", file="dump.jsonl",
    url="https://morningcourier.example/business/cocoa-price-ivory-coast",
    title="Ivorian cocoa farmers to get 2,200 francs a kilo",
    paragraphs=[
        "Cocoa farmers in Ivory Coast will be paid 2,200 CFA francs a kilogram this season, the Ivorian Cocoa Regulatory Authority said yesterday, a 22% rise on last year's 1,800 francs.",
        "Purchases are due to start on October 6. The authority forecasts output of about 2 million tonnes for the main crop.",
        "\"The increase is real, but so is the cost of fertiliser,\" said Mariam Bamba, who heads a cooperative union in Soubre.",
    ],
)
