"""Names of places a capitalised word may be: countries, their states and provinces, large cities.

A place cited on its own ("Ecuador said") is its government speaking, and
a place is never a person's surname: wire copy names countries, US states
and their AP abbreviations ("Providence, R.I.") far more often than the
few dozen the lexicon listed for modern prose. Lower case, as looked up.
"""
from __future__ import annotations

COUNTRIES = frozenset("""
afghanistan albania algeria andorra angola antigua argentina armenia australia austria azerbaijan bahamas
bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil britain brunei
bulgaria burkina burma burundi cambodia cameroon canada chad chile china colombia comoros congo croatia cuba
cyprus czechoslovakia denmark djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia fiji finland
france gabon gambia georgia germany ghana greece grenada guatemala guinea guyana haiti holland honduras
hungary iceland india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya kiribati
kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg
madagascar malawi malaysia maldives mali malta mauritania mauritius mexico micronesia moldova monaco mongolia
montenegro morocco mozambique myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway oman
pakistan palau panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa senegal
serbia seychelles singapore slovakia slovenia somalia spain sudan suriname swaziland sweden switzerland syria
taiwan tajikistan tanzania thailand togo tonga tunisia turkey turkmenistan tuvalu uganda ukraine ulster
uruguay uzbekistan vanuatu vatican venezuela vietnam yemen yugoslavia zaire zambia zimbabwe
""".split()) | frozenset({
    "cape verde", "central african republic", "costa rica", "czech republic", "dominican republic",
    "east germany", "west germany", "el salvador", "equatorial guinea", "great britain", "guinea-bissau",
    "ivory coast", "marshall islands", "new zealand", "north korea", "south korea", "papua new guinea",
    "saint lucia", "san marino", "saudi arabia", "sierra leone", "solomon islands", "south africa",
    "south sudan", "sri lanka", "soviet union", "united arab emirates", "united kingdom", "united states",
    "puerto rico", "hong kong", "macau", "east timor", "north macedonia", "macedonia", "trinidad and tobago",
})

US_STATES = frozenset({
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
    "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
    "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska",
    "nevada", "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
    "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee",
    "texas", "utah", "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming",
})

#: The AP's abbreviations of US states, as datelines and addresses write them.
US_STATE_ABBREVIATIONS = frozenset({
    "ala.", "ariz.", "ark.", "calif.", "colo.", "conn.", "del.", "fla.", "ga.", "ill.", "ind.", "kan.", "ky.",
    "la.", "md.", "mass.", "mich.", "minn.", "miss.", "mo.", "mont.", "neb.", "nev.", "n.h.", "n.j.", "n.m.",
    "n.y.", "n.c.", "n.d.", "okla.", "ore.", "pa.", "r.i.", "s.c.", "s.d.", "tenn.", "tex.", "vt.", "va.",
    "wash.", "w.va.", "wis.", "wyo.", "d.c.",
})

CANADIAN_PROVINCES = frozenset({
    "alberta", "british columbia", "manitoba", "new brunswick", "newfoundland", "nova scotia", "ontario",
    "quebec", "saskatchewan", "prince edward island",
})

CITIES = frozenset({
    "amsterdam", "auckland", "barcelona", "belgrade", "bogota", "bombay", "bonn", "brasilia", "bucharest",
    "calcutta", "canberra", "caracas", "casablanca", "colombo", "copenhagen", "dhaka", "dublin", "frankfurt",
    "geneva", "hamburg", "havana", "helsinki", "jeddah", "johannesburg", "karachi", "khartoum", "kinshasa",
    "lagos", "la paz", "lima", "lisbon", "luxembourg", "lusaka", "manila", "milan", "munich", "nairobi",
    "nicosia", "osaka", "oslo", "panama city", "peking", "philadelphia", "quito", "rangoon", "rotterdam",
    "san juan", "santiago", "sao paulo", "shanghai", "sofia", "stockholm", "tripoli", "tunis", "valletta",
    "wellington", "zurich", "pittsburgh", "cleveland", "minneapolis", "st. louis", "new orleans",
    "baltimore", "phoenix", "san diego", "kansas city", "milwaukee", "cincinnati", "calgary", "winnipeg",
})

WORLD_PLACES = COUNTRIES | US_STATES | US_STATE_ABBREVIATIONS | CANADIAN_PROVINCES | CITIES
