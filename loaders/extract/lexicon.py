"""Word lists the attribution rules lean on: titles, outlets, organisation words, demonyms.

Small closed lists on purpose: they tell a title from a name and a newspaper
from a company. Open classes (names themselves) come from capitalisation, never
from a list, so unseen people still get found.
"""

from __future__ import annotations

from loaders.extract.places import WORLD_PLACES

# Reporting verbs. The attribution is only as good as this list, so it covers
# speech, writing and posting, in past and present tense.
CUE_VERBS: tuple[str, ...] = (
    "said", "says", "say", "told", "tells", "tell", "added", "adds", "noted", "notes", "stressed", "stresses",
    "explained", "explains", "wrote", "writes", "posted", "posts", "tweeted", "tweets", "revealed", "reveals",
    "stated", "states", "declared", "declares", "argued", "argues", "insisted", "insists", "warned", "warns",
    "asked", "asks", "replied", "replies", "answered", "answers", "continued", "continues", "concluded",
    "claimed", "claims", "admitted", "admits", "acknowledged", "acknowledges", "recalled", "recalls",
    "announced", "announces", "commented", "remarked", "observed", "suggested", "suggests", "predicted",
    "emphasized", "emphasised", "emphasizes", "emphasises", "maintained", "conceded", "complained",
    "joked", "quipped", "cautioned", "urged", "urges", "countered", "responded", "pointed out", "shouted",
    "confirmed", "confirms", "denied", "denies", "testified", "reported", "reports", "recounted",
    "went on saying", "went on to say", "told reporters", "underlined", "underscored", "vowed",
    "quoted as saying", "quoted as telling",
    "promised", "pledged", "mused", "sighed", "laughed", "added later", "wrote on", "stressing",
    "saying", "adding", "noting", "telling", "writing", "explaining", "warning", "arguing",
    # verbs of speech only, so they cite no one they should not ("pleaded", "demanded", "alleged" and
    # "disclosed" take objects more often than quotes: "pleaded guilty", "the alleged fraud"); none opens
    # with a letter no verb above opens with ("boasted", "yelled"), as every word so opened costs the scans
    "reiterated", "reiterates", "asserted", "asserts", "contended", "contends", "lamented", "laments",
    "wondered", "wonders", "exclaimed", "retorted", "whispered", "screamed", "muttered",
    "scoffed", "opined", "quips", "jokes",
    # The past tenses wire copy in French, Spanish, Italian and Portuguese reports with
    # (`«No aceptaremos», dijo Juan Pérez`), as their datelines are read: common nouns are not
    # capitalised there, so the name after the verb is told as in English. German is left out:
    # `sagte Anna Berg am Dienstag` would give "Dienstag", every noun being capitalised.
    "a déclaré", "a dit", "a affirmé", "a ajouté", "a souligné", "a expliqué",
    "dijo", "afirmó", "declaró", "explicó", "añadió", "señaló", "aseguró",
    "ha detto", "ha dichiarato", "ha affermato", "ha spiegato", "ha aggiunto",
    "disse", "afirmou", "declarou", "explicou", "acrescentou",
)

# Verbs that report speech but take no quotation in their own clause: kept
# separate so "reported" makes a source without stealing a quote.
CUE_GERUNDS = frozenset({"saying", "adding", "noting", "telling", "writing", "explaining", "warning",
                         "arguing", "stressing"})

PRONOUNS_PERSON = frozenset({"he", "she"})
PRONOUNS_PLURAL = frozenset({"they"})

# Titles that stand before a name ("Azerbaijani President Ilham Aliyev").
TITLE_WORDS = frozenset({
    "president", "vice", "prime", "minister", "secretary", "senator", "sen.", "rep.", "representative",
    "gov.", "governor", "mayor", "chancellor", "king", "queen", "prince", "princess", "pope", "general",
    "gen.", "col.", "colonel", "lt.", "lieutenant", "maj.", "major", "capt.", "captain", "adm.", "admiral",
    "sgt.", "sergeant", "dr.", "doctor", "professor", "prof.", "mr.", "mrs.", "ms.", "miss", "sir", "lord",
    "lady", "judge", "justice", "ambassador", "commissioner", "director", "chief", "executive", "chairman",
    "chairwoman", "chair", "ceo", "cfo", "coo", "spokesman", "spokeswoman", "spokesperson", "leader",
    "speaker", "deputy", "foreign", "defence", "defense", "finance", "interior", "economy", "trade",
    "health", "justice", "energy", "attorney", "state", "premier", "envoy", "sheikh", "emir", "sultan",
    "president-elect", "congressman", "congresswoman", "lawmaker", "mp", "analyst", "economist",
    "officer", "manager", "founder", "co-founder", "head", "rabbi", "cardinal", "bishop", "father",
    "reverend", "rev.", "senior", "former", "acting", "interim", "incoming", "outgoing", "then",
    "supreme", "leader", "crown", "spokesperson", "strategist", "chief", "opposition", "party",
    "attorney-general", "inspector", "superintendent", "coach", "editor", "commander", "secretary-general",
    "director-general", "managing", "general", "governor-elect", "ayatollah", "mullah", "imam",
    "agriculture", "treasury", "education", "transport", "transportation", "commerce", "labor", "labour",
    "housing", "environment", "industry", "oil", "petroleum", "economic", "economics", "development",
    "planning", "information", "communications", "culture", "science", "technology", "intelligence",
    "security", "national", "chief", "delegate", "negotiator", "spokesmen", "official", "lobbyist",
    "republican", "democrat", "democratic", "conservative", "labour", "liberal", "socialist", "green",
    "independent", "council", "member", "counsel", "adviser", "advisor", "head", "editor-in-chief",
    "curator", "author", "artist", "writer", "producer", "novelist", "historian", "researcher", "scientist",
    "teacher", "nurse", "lawyer", "activist", "actor", "actress", "singer", "musician", "chef", "architect",
    "engineer", "designer", "photographer", "journalist", "reporter", "columnist", "commentator", "pastor",
    "priest", "player", "striker", "midfielder", "goalkeeper", "owner", "investor", "entrepreneur",
    "billionaire", "philanthropist", "farmer", "fisherman", "student", "veteran", "candidate", "nominee",
    "challenger", "incumbent", "legislator", "assemblyman", "assemblywoman", "councilman", "councilwoman",
    "councillor", "councilor", "alderman", "sheriff", "detective", "trooper", "firefighter", "pilot",
    "survivor", "witness", "resident", "mother", "son", "daughter", "widow", "husband", "wife", "brother",
    "sister", "uncle", "aunt", "grandmother", "grandfather", "partner", "vice-president", "vice-chair",
    "undersecretary", "under-secretary", "assistant", "associate", "principal", "dean", "provost",
    "chancellor", "rector", "clerk", "registrar", "auditor", "comptroller", "controller", "treasurer",
    "prosecutor", "solicitor", "barrister", "magistrate", "ombudsman", "regulator", "watchdog",
    "exchequer",  # "Chancellor of the Exchequer Nigel Lawson"
    "coxswain", "harbourmaster", "harbormaster", "skipper", "substitute", "referee", "defender", "winger",
    "lifeguard", "paramedic", "warden", "ranger", "trustee", "majority", "minority",
    "administrator", "coordinator", "whip", "rapporteur",  # "Deputy Administrator William Bailey"
    "vice-chairman", "vice-chairwoman", "vice-premier", "vice-minister", "vice-governor", "co-chairman",
    "co-chairwoman", "co-chair",  # "Federal Reserve Board Vice-Chairman Manuel Johnson"
})
# A title not yet taken up is still a title: "Secretary of State-designate Marco Rubio", "Defense
# Secretary-designate Pete Hegseth", "Chancellor-elect Friedrich Merz". Listed rather than tested
# for the suffix, as every title check is a set lookup.
TITLE_WORDS = TITLE_WORDS | frozenset(
    f"{word}-{suffix}" for word in TITLE_WORDS if word.isalpha() for suffix in ("designate", "elect"))

# Title heads a description like "the senator" is matched against.
TITLE_HEADS = frozenset({
    "president", "minister", "premier", "senator", "governor", "mayor", "chancellor", "secretary",
    "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "judge", "general", "chairman",
    "chairwoman", "executive", "ceo", "director", "commissioner", "lawmaker", "congressman",
    "congresswoman", "leader", "king", "queen", "pope", "prince", "professor", "analyst", "economist",
    "diplomat", "official", "officer", "commander", "coach", "founder", "head", "chief", "candidate",
    "speaker", "representative", "prosecutor", "attorney", "monarch", "sheikh", "emir", "rabbi",
    "coxswain", "harbourmaster", "harbormaster", "skipper", "captain", "referee", "administrator",
})

GENDER_OF_TITLE: dict[str, str] = {
    "mr.": "m", "mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "father": "m",
    "spokesman": "m", "chairman": "m", "congressman": "m", "sheikh": "m",
    "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f", "lady": "f", "queen": "f",
    "princess": "f", "spokeswoman": "f", "chairwoman": "f", "congresswoman": "f",
}

# Words that end an organisation's name.
ORG_HEADS = frozenset({
    "inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "plc", "ag", "sa", "nv", "llc", "group",
    "products", "foods", "stores", "associates", "brothers",  # "Salomon Brothers", "T. Rowe Price Associates"
    "rights",  # "Special Drawing Rights": no person, whatever it is
    "association", "ministry", "department", "agency", "bank", "council", "committee", "party", "union",
    "university", "commission", "office", "institute", "foundation", "fund", "authority", "court",
    "parliament", "senate", "congress", "police", "army", "forces", "company", "organization",
    "organisation", "reserve", "board", "federation", "league", "service", "network", "house", "cabinet",
    "administration", "government", "embassy", "federal", "navy", "military", "airlines", "airways",
    "motors", "holdings", "industries", "partners", "capital", "securities", "exchange", "bureau",
    "centre", "center", "society", "alliance", "coalition", "front", "movement", "church", "hospital",
    "school", "college", "club", "team", "assembly", "kremlin", "pentagon", "nato", "opec", "un",
    "eu", "imf", "who", "fbi", "cia", "secretariat", "tribunal", "directorate", "command", "guard",
    "unit", "division", "laboratories", "systems", "technologies", "energy", "petroleum", "oil",
    "trust", "clinic", "programme", "program", "council", "mission", "delegation", "regulator",
    # company suffixes of business copy ("Mercantile Bancorp said", "Williams Cos said")
    "bancorp", "bancorporation", "bancshares", "cos", "cos.", "corporation", "incorporated", "limited",
    "l.p.", "lp", "n.v.", "a.g.", "s.a.", "ab", "gmbh", "spa", "international", "resources", "savings",
    "enterprises", "financial", "communications", "electronics", "utilities", "pharmaceuticals",
    "chemicals", "investments", "properties", "acquisition", "departments", "ministries", "treasury",
    "terminal", "works", "rovers", "wanderers", "athletic", "f.c.", "fc",
    # and of other countries' company law ("Neste Oy", "Henkel KGaA", "Hoogovens Groep BV", "Citibank NA")
    "oy", "oyj", "kgaa", "a/s", "bv", "b.v.", "fsb", "na", "n.a.", "nl", "pty", "kk", "k.k.",
})
# Words that open a company's name in other languages' copy ("Banque Paribas", "Gruppo Ferruzzi",
# "Usines Renault"), and "Bank" before a name ("Bank Negara"): never a given name.
COMPANY_OPENERS = frozenset({
    "bank", "banca", "banco", "banque", "gruppo", "cie", "compagnie", "compania", "companhia", "usines",
    "societe", "sociedad", "societa", "istituto", "instituto", "credit", "caisse",
})

# Words a company's name ends with that ORG_HEADS leaves out because people bear them too ("David
# Steel", "Harry Gold", "Joyce Brothers"): a name ending so is a company's when its first word is no
# given name ("Oregon Steel", "Greyhound Lines", "Shearson Lehman Brothers").
COMPANY_WORDS = frozenset({
    "express", "steel", "gold", "gas", "mines", "mine", "mining", "metals", "minerals", "brothers", "lines",
    "stores", "associates", "partnership", "paints", "hotels", "railways", "railroad", "products", "foods",
    "brands", "electric", "manufacturing", "marketing", "management", "development", "shipping",
    "insurance", "realty", "textiles", "instruments", "semiconductor", "computers", "technology",
    "telephone", "airline", "aircraft", "motor", "chemical", "bancgroup", "bancorp", "cement", "copper",
    "sugar", "tobacco", "pharmaceutical", "transport", "shipyards", "refining", "petroleos", "fields",
    "community",
    # more trades Reuters copy ends a firm's name with ("Ocean Shipping Consultants", "Lex Services")
    "consultants", "distributors", "services", "wholesale", "factories", "econometrics", "aluminum",
    "aluminium", "systems", "electronics", "enterprises", "resources", "utilities", "laboratories",
    "properties", "exploration", "revenue",
})

# Generic nouns that make an unnamed organisation a source ("the ministry said").
ORG_NOUNS = frozenset({
    "ministry", "company", "government", "department", "agency", "association", "union", "bank",
    "firm", "group", "spokesman's office", "embassy", "army", "military", "police",
    "council", "committee", "commission", "court", "party", "campaign", "administration", "white house",
    "kremlin", "board", "regulator", "authority", "organisation", "organization",
    "club", "federation", "office", "cabinet", "presidency", "foundation", "institute", "charity",
    "operator", "operators' association", "coalition", "team", "lab", "laboratory", "insurer", "airline",
    "carrier", "central bank", "bank", "ministry of defence", "ministry of defense",
    "companies", "firms", "groups", "banks", "governments", "ministries", "unions", "parties",
    "corporation", "exchange", "utility", "subsidiary", "unit", "maker", "producer", "retailer",
    "manufacturer", "partnership", "fund", "trust", "website", "court",
})

# What a written source is called ("the memo said"): it speaks for whoever wrote it.
DOCUMENT_NOUNS = frozenset({
    "statement", "memo", "letter", "filing", "document", "report", "study", "survey", "communique",
    "communiqué", "release", "announcement", "lawsuit", "complaint", "indictment", "ruling", "order",
    "post", "tweet", "message", "email", "e-mail", "note", "notice", "proposal", "draft", "text",
    "decree", "resolution", "verdict", "judgment", "opinion", "affidavit", "transcript", "video",
})

# Outlets by name; a name ending in an OUTLET_HEADS word is an outlet too.
OUTLETS = frozenset({
    "reuters", "ap", "associated press", "the associated press", "afp", "agence france-presse",
    "agence france presse", "bloomberg", "bloomberg news", "cnn", "bbc", "bbc news", "nbc", "nbc news",
    "cbs", "cbs news", "abc", "abc news", "fox news", "msnbc", "npr", "pbs", "axios", "politico",
    "the guardian", "guardian", "the independent", "the economist", "le monde", "le figaro", "der spiegel",
    "spiegel", "al jazeera", "al arabiya", "haaretz", "ynet", "i24news", "xinhua", "tass", "ria novosti",
    "interfax", "kyodo", "yonhap", "nikkei", "nhk", "anadolu", "anadolu agency", "dpa", "efe", "ansa",
    "the hill", "vox", "buzzfeed news", "huffpost", "semafor", "the information", "techcrunch", "the verge",
    "wired", "sky news", "itv", "channel 4", "france 24", "euronews", "dw", "deutsche welle", "rt",
    "sputnik", "trend", "apa", "report.az", "the new yorker", "the atlantic", "time", "newsweek",
    "forbes", "fortune", "cnbc", "business insider", "insider", "propublica", "the intercept",
    "al-monitor", "middle east eye", "the national", "kommersant", "izvestia", "vedomosti",
    "times of israel", "the times of israel", "times of india", "the times of india", "times of malta", "kan", "channel 12", "walla", "maariv", "yedioth ahronoth",
    "hurriyet", "sabah", "daily sabah", "yeni safak", "cumhuriyet", "trt", "irna", "fars", "tasnim",
    "south china morning post", "global times", "people's daily", "caixin", "asahi", "mainichi",
    "yomiuri", "the hindu", "ndtv", "dawn", "el pais", "el país", "corriere della sera", "la repubblica",
    "bild", "süddeutsche zeitung", "frankfurter allgemeine", "nrc", "de telegraaf", "volkskrant",
})
OUTLET_HEADS = frozenset({
    "times", "post", "journal", "news", "daily", "herald", "tribune", "gazette", "telegraph", "chronicle",
    "inquirer", "examiner", "zeitung", "courier", "radio", "tv", "television", "broadcasting", "newspaper",
    "shimbun", "shinbun",  # "Nihon Keizai Shimbun", "Asahi Shimbun": Japanese for newspaper
})
# Heads that end outlet names but company names too ("American Express"): an outlet only where it is cited as one.
OUTLET_HEADS_WEAK = frozenset({
    "observer", "mail", "mirror", "express", "standard", "monitor", "magazine", "review", "wire", "press",
    "star", "sun", "globe", "bulletin", "dispatch", "register", "today", "reporter", "independent", "guardian",
})
#: Nouns for a company that name none: "Company said", "the firm said", "Group Chief Executive X".
GENERIC_BODIES = frozenset({"company", "group", "firm", "corporation"})
#: The nouns that name a company and nothing else: "the company said" never means a union; "the group" may.
COMPANY_ONLY_NOUNS = frozenset({"company", "companies", "firm", "firms", "corporation"})
#: Outlets known by two names: one story naming both cites one outlet.
OUTLET_ALIASES = {
    "ap": "associated press", "the associated press": "associated press", "afp": "agence france-presse",
    "agence france presse": "agence france-presse", "upi": "united press international",
    "dpa": "deutsche presse-agentur", "ansa": "agenzia nazionale stampa associata", "efe": "agencia efe",
    "reuter": "reuters", "thomson reuters": "reuters", "xinhua news agency": "xinhua", "new china news agency": "xinhua",
    "kyodo news": "kyodo", "kyodo news agency": "kyodo", "tass news agency": "tass",
    # The agencies datelines name by their short name ("(PTI)", "(Yonhap)"), as their own copy names its outlet
    "press trust of india": "pti", "indo-asian news service": "ians", "indo asian news service": "ians",
    "asian news international": "ani", "agência lusa": "lusa", "agencia lusa": "lusa", "lusa news agency": "lusa",
    "channel newsasia": "cna", "channel news asia": "cna", "associated press of pakistan": "app",
    "yonhap news agency": "yonhap", "antara news agency": "antara", "malaysian national news agency": "bernama",
    "bernama news agency": "bernama", "islamic republic news agency": "irna", "kuwait news agency": "kuna",
    "emirates news agency": "wam", "middle east news agency": "mena", "anadolu agency": "anadolu",
    "anadolu news agency": "anadolu", "united news of bangladesh": "unb", "bangladesh sangbad sangstha": "bss",
    "philippine news agency": "pna", "vietnam news agency": "vna", "bloomberg news": "bloomberg",
}
# What an unnamed outlet is called ("the influential daily said").
OUTLET_NOUNS = frozenset({
    "newspaper", "daily", "paper", "broadcaster", "agency", "news agency", "outlet", "magazine", "weekly",
    "tabloid", "channel", "network", "station", "website", "publication", "news site", "wire service",
})

# Heads of anonymous descriptions ("a source familiar with the matter").
ANONYMOUS_HEADS = frozenset({
    # groups wire copy cites by what they are ("Opponents said", "Senators said", "Americans feel")
    "opponent", "opponents", "proponent", "proponents", "shipowner", "shipowners", "parliamentarian",
    "parliamentarians", "senators", "congressmen", "congresswomen", "democrats", "republicans", "europeans", "americans", "speakers",
    "grower", "growers", "roasters", "shippers", "millers", "refiners", "lenders", "borrowers",
    "source", "sources", "official", "officials", "person", "people", "diplomat", "diplomats",
    "insider", "insiders", "aide", "aides", "adviser", "advisers", "advisor", "advisors", "analyst",
    "analysts", "witness", "witnesses", "resident", "residents", "observer", "observers", "expert",
    "experts", "executive", "executives", "banker", "bankers", "trader", "traders", "dealer", "dealers",
    "lawmaker", "lawmakers", "officer", "officers", "employee", "employees", "staffer", "staffers",
    "member", "members", "negotiator", "negotiators", "spokesman", "spokeswoman", "spokesperson",
    "economist", "economists", "investor", "investors", "critic", "critics", "supporter", "supporters",
    "colleague", "colleagues", "participant", "participants", "one", "someone", "delegate", "delegates",
    "lobbyist", "lobbyists", "spokesmen", "legislator", "legislators", "regulator", "regulators",
    "manager", "managers", "broker", "brokers", "dealer", "dealers", "authorities", "activist",
    "activists", "organizer", "organizers", "organiser", "organisers", "worker", "workers", "farmer",
    "farmers", "producer", "producers", "exporter", "exporters", "importer", "importers", "buyer",
    "buyers", "seller", "sellers", "operator", "operators", "shipper", "shippers", "miner", "miners",
    "strategist", "strategists", "researcher", "researchers", "scientist", "scientists", "doctor",
    "doctors", "lawyer", "lawyers", "attorney", "attorneys", "prosecutor", "prosecutors", "police",
    "investigator", "investigators", "commander", "commanders", "soldier", "soldiers", "militant",
    "militants", "rebel", "rebels", "protester", "protesters", "voter", "voters", "user", "users",
    "representative", "representatives", "director", "directors", "leader", "leaders", "minister",
    "ministers", "envoy", "envoys", "mediator", "mediators", "businessman", "businessmen", "servant",
    "servants", "bureaucrat", "bureaucrats", "functionary", "functionaries", "planner", "planners",
    "consultant", "consultants", "contractor", "contractors", "whistleblower", "whistleblowers",
    "informant", "informants", "confidant", "confidants", "ally", "allies", "associate", "associates",
    "relative", "relatives", "neighbour", "neighbours", "neighbor", "neighbors", "friend", "friends",
    "consumer", "consumers", "arbitrager", "arbitragers", "arbitrageur", "arbitrageurs",
    # groups 1987 wire copy cites that the list missed ("USDA conservation specialists said")
    "specialist", "specialists", "meteorologist", "meteorologists", "forecaster", "forecasters",
    "underwriter", "underwriters", "stockbroker", "stockbrokers", "employer", "employers", "creditor",
    "creditors", "bondholder", "bondholders", "unionist", "unionists", "technician", "technicians",
    "statistician", "statisticians", "player", "players", "policymaker", "policymakers", "policy-maker",
    "policy-makers", "refiner", "processor", "merchant", "merchants", "chartist", "chartists",
    # not shareholders: "approved by shareholders at the annual meeting" is who votes, seldom who says
})

# Demonym -> country, for "Azerbaijani President" and "Turkish sources".
DEMONYMS: dict[str, str] = {
    "american": "United States", "u.s.": "United States", "us": "United States", "azerbaijani": "Azerbaijan",
    "turkish": "Turkey", "israeli": "Israel", "syrian": "Syria", "iranian": "Iran", "iraqi": "Iraq",
    "russian": "Russia", "ukrainian": "Ukraine", "chinese": "China", "japanese": "Japan", "korean": "Korea",
    "south korean": "South Korea", "north korean": "North Korea", "indian": "India", "pakistani": "Pakistan",
    "british": "United Kingdom", "uk": "United Kingdom", "u.k.": "United Kingdom", "french": "France",
    "german": "Germany", "italian": "Italy", "spanish": "Spain", "dutch": "Netherlands", "belgian": "Belgium",
    "swiss": "Switzerland", "austrian": "Austria", "polish": "Poland", "swedish": "Sweden",
    "norwegian": "Norway", "danish": "Denmark", "finnish": "Finland", "greek": "Greece", "egyptian": "Egypt",
    "saudi": "Saudi Arabia", "emirati": "United Arab Emirates", "qatari": "Qatar", "jordanian": "Jordan",
    "lebanese": "Lebanon", "palestinian": "Palestine", "armenian": "Armenia", "georgian": "Georgia",
    "kazakh": "Kazakhstan", "uzbek": "Uzbekistan", "afghan": "Afghanistan", "canadian": "Canada",
    "mexican": "Mexico", "brazilian": "Brazil", "argentine": "Argentina", "chilean": "Chile",
    "australian": "Australia", "irish": "Ireland", "portuguese": "Portugal", "hungarian": "Hungary",
    "czech": "Czech Republic", "romanian": "Romania", "bulgarian": "Bulgaria", "serbian": "Serbia",
    "nigerian": "Nigeria", "kenyan": "Kenya", "ethiopian": "Ethiopia", "south african": "South Africa",
    "indonesian": "Indonesia", "malaysian": "Malaysia", "thai": "Thailand", "vietnamese": "Vietnam",
    "filipino": "Philippines", "taiwanese": "Taiwan", "european": "European Union", "western": "the West",
    "arab": "Arab states", "gulf": "Gulf states", "kurdish": "Kurds", "libyan": "Libya",
    "sudanese": "Sudan", "yemeni": "Yemen", "belarusian": "Belarus", "moldovan": "Moldova",
    "venezuelan": "Venezuela", "colombian": "Colombia", "cuban": "Cuba", "new zealand": "New Zealand",
    "scottish": "Scotland", "welsh": "Wales", "estonian": "Estonia", "latvian": "Latvia",
    "lithuanian": "Lithuania", "slovak": "Slovakia", "croatian": "Croatia", "bosnian": "Bosnia",
    "albanian": "Albania", "cypriot": "Cyprus", "tunisian": "Tunisia", "algerian": "Algeria",
    "moroccan": "Morocco", "omani": "Oman", "kuwaiti": "Kuwait", "bahraini": "Bahrain",
}

# Capitalised words that start a sentence but are not names.
NOT_NAME_WORDS = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you",
    "his", "her", "their", "our", "my", "your", "in", "on", "at", "for", "with", "by", "from", "to", "of",
    "and", "but", "or", "if", "when", "while", "after", "before", "as", "since", "because", "although",
    "though", "however", "meanwhile", "furthermore", "moreover", "also", "still", "yet", "so", "then",
    "there", "here", "what", "who", "why", "how", "where", "which", "according", "addressing",
    "confirming", "speaking", "asked", "last", "next", "on", "amid", "despite", "during", "under",
    "over", "about", "instead", "some", "many", "most", "all", "both", "each", "every", "no", "not",
    "one", "two", "three", "other", "another", "such", "more", "less", "earlier", "later", "today",
    "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "mr", "mrs", "ms", "dr", "shares", "net", "shr", "qtr", "oper", "revs",
    "but", "nor", "until", "unless", "whether", "we", "us", "our", "let", "do", "does", "did", "is",
    "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could",
    "should", "may", "might", "must", "shall", "thank", "thanks", "yes", "please", "now", "well",
    "even", "just", "only", "perhaps", "again", "once", "twice", "first", "second", "third",
    "sources", "source", "officials", "people", "analysts", "experts", "critics", "residents",
    # a sentence's first word, capitalised by it: "Note ...", "Following the talks", "Dealers said"
    "note", "others", "following", "commenting", "referring", "responding", "noting", "adding", "citing",
    "separately", "elsewhere", "overall", "nevertheless", "nonetheless", "besides", "similarly",
    "aides", "arbitragers", "arbitrageurs", "congressmen", "consumers", "traders", "dealers", "economists",
    "bankers", "brokers", "diplomats", "delegates", "investors", "observers", "producers", "exporters",
    "importers", "farmers", "workers", "negotiators", "lawmakers", "legislators", "executives", "insiders",
    "witnesses",
    # adjectives and participles that open a sentence before capitalised words, no part of a name:
    # "Higher U.S. Interest rates", "Striking Brazilian seamen", "Plunging Tokyo stock prices"
    "higher", "lower", "underlying", "plunging", "striking", "without", "rising", "falling", "further",
    "given", "based", "along", "widespread", "moderate", "unfavorable", "unfavourable",
    # quantifiers open sentences ("Neither government can ...")
    "neither", "either", "none", "nobody", "everyone", "everybody", "someone", "somebody", "whose",
})
#: A number word alone is no name ("Five months ago, ..."), though one may open a company's ("Seven Oaks Inc").
NUMBER_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "dozens",
})

NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "da", "di", "du", "del", "della", "van",
                            "von", "der", "den", "le", "la", "do", "dos", "das", "st.", "ter", "ten", "bint", "ould"})
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})

# Common first names, only to tell "he" from "she" when nothing in the text does.
# A name missing here just leaves the gender unknown, which costs nothing.
FEMALE_NAMES = frozenset("""
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley
kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen
amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet
catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith
megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail
alice judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany
charlotte marie kayla alexis lori anne claire clara eva elena irina olga natalia svetlana tatiana anastasia marta
sofia lucia carmen ana rosa isabel ines francesca giulia chiara valentina fatima aisha amina zainab mariam leila
layla yasmin noor priya anjali sunita neha pooja meera aiko yuki sakura mei ling hui min jia ingrid astrid
sigrid birgit heidi ursula greta hanna lena paula marion monique sylvie nathalie isabelle camille chloe lea
manon agnes beatrice giselle simone yvonne kamala hillary nancy ursula theresa angela liz kate jane sue ellen
grace joanna rita nadia miriam naomi diane elena ruth sofia lila dana priya amira susan laura eva margit
""".split())
MALE_NAMES = frozenset("""
james robert john michael david william richard joseph thomas charles christopher daniel matthew anthony mark
donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary
nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond
jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy
christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy joe
bruce gabriel logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason
philip louis ivan sergei dmitry vladimir alexei mikhail andrei nikolai igor oleg pavel yuri boris viktor
mohammed muhammad ahmed ali hassan hussein omar khalid ibrahim mustafa yusuf mahmoud abdul karim tariq rahul
amit raj arun vijay sanjay ravi hiroshi takeshi kenji akira satoshi wei jun hao chen lei hans klaus jurgen
wolfgang helmut dieter stefan lars erik anders olaf pierre jean-luc jacques francois michel philippe emmanuel
nicolas giovanni giuseppe mario marco luca matteo carlos luis miguel pedro javier diego alejandro jorge manuel
antonio francisco rafael pablo ilham recep benjamin emmanuel olaf rishi keir boris joe barack donald vladimir
xi narendra kemal jack eli sam tom ben dale marcus farid stefan neil luka tomasz mateo henri ivan paul
bob bill jim tom dan dave don ron ken joe jack fred frank ted ed al ray roy rick dick chuck hank walt art jonas
gary larry jerry terry barry harry henry howard herbert harold gerald ronald donald kenneth keith kevin brian
bruce wayne dale glenn dean lee earl carl karl kurt klaus dieter helmut hans jurgen wolfgang gerhard manfred
horst heinz chester lester leonard leon lewis louis lloyd lyle marvin melvin milton morris murray norman oscar
otto ralph randall raymond roger roland russell samuel stanley stuart theodore thomas vernon victor wallace
walter warren wesley wilbur willard william willis douglas duane dwight elmer eugene everett floyd francis
franklin gordon grant hal herman hugh irving jay jeff jeffrey jerome jesse jon jonathan joseph julian justin
lance lawrence leroy martin matthew maurice max michael mitchell neal nelson nicholas norris patrick percy
perry phil philip phillip preston quentin reginald rex richard robert rodney ross rudolph rufus scott sidney
spencer stephen steve steven ted timothy toby todd tony vance vincent virgil ward wilfred
akira hiroshi kenji koichi makoto masahiko satoshi shigeo susumu takashi takeshi taro yoshio yukio
""".split())
#: Either list: a first name, so the word after it is a surname, not a company's.
FIRST_NAMES = FEMALE_NAMES | MALE_NAMES

# Places a bare name can be: a place in a name is not a person.
PLACES = frozenset(value.lower() for value in DEMONYMS.values()) | frozenset({
    "new york", "washington", "london", "paris", "berlin", "moscow", "beijing", "tokyo", "baku",
    "ankara", "istanbul", "jerusalem", "tel aviv", "tel-aviv", "damascus", "tehran", "kyiv", "kiev",
    "brussels", "geneva", "hong kong", "los angeles", "san francisco", "white house", "gaza", "west bank",
    "europe", "asia", "africa", "middle east", "latin america", "north america", "south america",
    # regions wire copy names beside countries ("in Europe and Southeast Asia"), no one's name
    "southeast asia", "south east asia", "south-east asia", "western europe", "eastern europe",
    "central europe", "northern europe", "southern europe", "far east", "asia pacific", "asia-pacific",
    "southern africa", "north africa", "east africa", "central america", "central asia", "south asia",
    "pacific northwest", "midwest", "mideast", "caribbean", "scandinavia", "mediterranean",
    "united states", "united kingdom", "united nations", "european union", "saudi arabia", "silicon valley",
    "wall street", "capitol hill", "downing street", "new delhi", "abu dhabi", "rio de janeiro",
    "buenos aires", "mexico city", "cape town", "kuala lumpur", "sri lanka", "new zealand", "south korea",
    "north korea", "south africa", "tel aviv-yafo", "palmyra", "syria", "israel", "turkey", "azerbaijan",
    "iran", "iraq", "russia", "ukraine", "china", "india", "texas", "california", "florida", "ohio",
    "chicago", "boston", "houston", "dallas", "miami", "atlanta", "seattle", "denver", "detroit",
    "rome", "madrid", "vienna", "warsaw", "prague", "budapest", "athens", "cairo", "riyadh", "doha",
    "dubai", "amman", "beirut", "baghdad", "kabul", "islamabad", "karachi", "mumbai", "delhi", "seoul",
    "taipei", "singapore", "jakarta", "manila", "bangkok", "hanoi", "sydney", "melbourne", "toronto",
    "ottawa", "montreal", "vancouver", "the west", "gulf", "persian gulf", "black sea", "red sea",
    "england", "scotland", "wales", "ireland", "northern ireland",
})
#: Every place a bare name is typed as: PLACES and the world's countries, states and cities.
#: PLACES alone ends an organisation's name in a run ("Bank of England Governor ..."):
#: "Merchants Bank of Kansas City" and "Federal Bank of Connecticut FSB" go on after theirs.
KNOWN_PLACES = PLACES | WORLD_PLACES
