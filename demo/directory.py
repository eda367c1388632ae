"""Demo organisation directory: CCGs and PCNs for every region.

CCG names are those of real CCG areas; the codes and PCN names are made up
for the demo and are not ODS codes."""

DEMO_DIRECTORY = {
    "north-east-and-yorkshire": {
        "NHS Leeds CCG": ["Leeds Central PCN", "Seacroft and Crossgates PCN", "Otley and Aireborough PCN"],
        "NHS Newcastle Gateshead CCG": ["Newcastle West PCN", "Gateshead Inner PCN"],
        "NHS Sheffield CCG": ["Sheffield North East PCN", "Porter Valley PCN"],
    },
    "north-west": {
        "NHS Manchester CCG": ["Manchester Central PCN", "Wythenshawe PCN", "Gorton and Levenshulme PCN"],
        "NHS Liverpool CCG": ["Liverpool Central PCN", "Walton and Fazakerley PCN"],
        "NHS Blackpool CCG": ["Blackpool South PCN", "Blackpool North PCN"],
    },
    "midlands": {
        "NHS Birmingham and Solihull CCG": ["Birmingham Central PCN", "Sparkbrook and Balsall Heath PCN", "Solihull Rural PCN"],
        "NHS Nottingham and Nottinghamshire CCG": ["Nottingham City East PCN", "Mansfield North PCN"],
        "NHS Herefordshire and Worcestershire CCG": ["Hereford City PCN", "Wyre Forest PCN"],
    },
    "east-of-england": {
        "NHS Norfolk and Waveney CCG": ["Norwich City PCN", "Great Yarmouth and Waveney PCN"],
        "NHS Cambridgeshire and Peterborough CCG": ["Cambridge City PCN", "Peterborough Central PCN", "Fenland PCN"],
        "NHS Ipswich and East Suffolk CCG": ["Ipswich East PCN", "Deben PCN"],
    },
    "london": {
        "NHS North Central London CCG": ["Camden Central PCN", "Islington South PCN", "Haringey West PCN"],
        "NHS South East London CCG": ["Lambeth North PCN", "Lewisham Central PCN"],
        "NHS North West London CCG": ["Brent Harness PCN", "Ealing Southall PCN"],
    },
    "south-east": {
        "NHS Kent and Medway CCG": ["Canterbury City PCN", "Medway Central PCN", "Thanet Coastal PCN"],
        "NHS Surrey Heartlands CCG": ["Guildford and Waverley PCN", "Woking PCN"],
        "NHS Buckinghamshire CCG": ["Aylesbury Central PCN", "Wycombe PCN"],
    },
    "south-west": {
        "NHS Bristol, North Somerset and South Gloucestershire CCG": ["Bristol Inner City PCN", "Weston-super-Mare PCN", "Yate and Frampton PCN"],
        "NHS Devon CCG": ["Exeter City PCN", "Torbay South PCN"],
        "NHS Kernow CCG": ["Truro PCN", "Penwith PCN"],
    },
}  # fmt: skip

# Demo people: one of each regional role per region, named for the demo.
DEMO_NAMES = {
    "north-east-and-yorkshire": ("Aisha Khan", "Graham Dunn", "Helen Oakes"),
    "north-west": ("Sam Whitfield", "Priya Nair", "Joe Lomax"),
    "midlands": ("Marcus Bell", "Jasdeep Sandhu", "Ruth Hollins"),
    "east-of-england": ("Chloe Barker", "Tom Fenwick", "Margaret Pike"),
    "london": ("Kwame Mensah", "Sofia Rossi", "Daniel Levy"),
    "south-east": ("Emma Clarke", "Oliver Grant", "Fatima Ali"),
    "south-west": ("Tamsin Penrose", "Ben Trelawny", "Grace Huxley"),
}  # fmt: skip

# Requests waiting for a decision, so the coordinators' queue is not empty.
DEMO_JOIN_REQUESTS = [
    ("north-west", "Leah Ogden", "leah.ogden@example.org", "Starting as a link worker at Wythenshawe PCN next month."),
    ("london", "Ravi Patel", "ravi.patel@example.org", "New link worker in Camden; my supervisor suggested I join."),
    ("south-west", "Ellie Rowe", "ellie.rowe@example.org", "Joined Truro PCN in September and want to meet other link workers."),
]  # fmt: skip

# More link workers in each region, at different stages of their induction and
# training, so a coordinator's cohort has something to show. Made-up names; their
# emails are first.last@example.org.
DEMO_COHORT_LINK_WORKERS = {
    "north-east-and-yorkshire": ["Jodie Armstrong", "Imran Hussain", "Lauren Metcalfe", "Craig Robson", "Bethany Walsh", "Tariq Mahmood"],
    "north-west": ["Hannah Brennan", "Declan Murphy", "Zainab Ahmed", "Liam Ashworth", "Megan Kershaw", "Olu Adeyemi", "Rachel Fairclough"],
    "midlands": ["Harpreet Kaur", "Jamie Cartwright", "Sophie Bains", "Delroy Campbell", "Amy Woodward", "Nathan Pritchard", "Gurpreet Dhillon", "Kirsty Dawson"],
    "east-of-england": ["Abigail Thrower", "Connor Youngs", "Nisha Mistry", "Paul Gooderham", "Lucy Kemp"],
    "london": ["Adaeze Okafor", "Tom Hartley", "Yasmin Begum", "Marek Nowak", "Chantelle Williams", "Sean O'Brien", "Ayesha Siddiqui", "George Papadopoulos"],
    "south-east": ["Charlotte Pearce", "Ryan Fuller", "Mei Chan", "Harriet Gale", "Dominic Ashby", "Sunita Patel"],
    "south-west": ["Jenna Rowse", "Kieran Pascoe", "Amira Haddad", "Lewis Tonkin", "Fiona Maddock"],
}  # fmt: skip
