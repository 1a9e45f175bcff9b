//! The scanner and printers as a library: guarantees that hold for any
//! text (proptest), and behaviour on the shared corpus.

use canonym::print::{strip_annotations, write_annotate, write_replace};
use canonym::scan::{ChunkOptions, Mention, ScanScratch, Scanner};
use canonym::Index;
use common::{corpus, default_index, empty_index, scan};
use proptest::prelude::*;

mod common;

fn replace(index: &Index, bytes: &[u8]) -> Vec<u8> {
    let found = scan(index, bytes);
    let mut out = Vec::new();
    write_replace(&mut out, index, bytes, 0, &found).unwrap();
    out
}

fn annotate(index: &Index, bytes: &[u8]) -> Vec<u8> {
    let found = scan(index, bytes);
    let mut out = Vec::new();
    write_annotate(&mut out, index, bytes, 0, &found).unwrap();
    out
}

/// Scans through the chunker with a tiny chunk size.
fn scan_chunked(index: &Index, bytes: &[u8], target: usize) -> Vec<Mention> {
    let opts = ChunkOptions {
        target,
        ..ChunkOptions::default()
    };
    common::scan_chunked(&Scanner::new(index), bytes, opts)
}

fn check_spans(bytes: &[u8], found: &[Mention]) {
    // Code points as Python counts them (invalid bytes one each).
    let text = String::from_utf8_lossy(bytes);
    let valid = std::str::from_utf8(bytes).is_ok();
    let mut prev_end = 0;
    for m in found {
        assert!(m.byte_start < m.byte_end && m.byte_start >= prev_end);
        prev_end = m.byte_end;
        let surface = std::str::from_utf8(&bytes[m.byte_start as usize..m.byte_end as usize])
            .expect("a mention is valid UTF-8");
        if valid {
            let by_chars: String = text
                .chars()
                .skip(m.start as usize)
                .take((m.end - m.start) as usize)
                .collect();
            assert_eq!(by_chars, surface);
        }
    }
}

#[test]
fn empty_lexicon_changes_nothing_on_the_corpus() {
    for (_, bytes) in corpus() {
        assert_eq!(replace(empty_index(), &bytes), bytes);
        assert!(scan(empty_index(), &bytes).is_empty());
    }
}

#[test]
fn corpus_spans_slice_and_replace_is_idempotent() {
    let index = default_index();
    for (name, bytes) in corpus() {
        let found = scan(index, &bytes);
        assert!(found.len() > 20, "{name}");
        check_spans(&bytes, &found);
        let once = replace(index, &bytes);
        let twice = replace(index, &once);
        assert_eq!(
            String::from_utf8_lossy(&twice),
            String::from_utf8_lossy(&once),
            "{name}"
        );
        let annotated = annotate(index, &bytes);
        assert_eq!(strip_annotations(&annotated).unwrap(), bytes);
        for target in [1, 50, 300] {
            assert_eq!(
                scan_chunked(index, &bytes, target),
                found,
                "{name} {target}"
            );
        }
    }
}

#[test]
fn possessives_acronyms_and_ambiguity() {
    let index = default_index();
    let text = "Russia's envoy met the U.S. team. Kim said. Georgia and Donetsk were discussed.";
    let found = scan(index, text.as_bytes());
    let surfaces: Vec<&str> = found
        .iter()
        .map(|m| &text[m.byte_start as usize..m.byte_end as usize])
        .collect();
    assert!(surfaces.contains(&"Russia"));
    assert!(surfaces.contains(&"U.S."));
    // A bare `Kim` with no full name before it is not linked.
    assert!(!surfaces.contains(&"Kim"));
    let later = "Kim Jong Un spoke. Later Kim said no.";
    let found = scan(index, later.as_bytes());
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].entity, found[1].entity);
}

/// Names inside longer capitalized names, and common words that are also
/// towns: (text, every mention as `surface=id`).
const IN_CONTEXT: &[(&str, &[&str])] = &[
    // a capitalized run the lexicon does not know is no town at its end
    // (`Sen` is Senegal's code only in capitals)
    ("Foreign Minister Choe Sen Hui met officials.", &[]),
    (
        "The Lao People's Republic announced it.",
        &["Lao=iso3166:LA"],
    ),
    // `the Republic` is not Republic, Missouri
    (
        "The Republic of Moldova and the Republic voted.",
        &["Republic of Moldova=iso3166:MD"],
    ),
    // … but a possessive name still ends a run, and `the West` is listed
    (
        "Russia's Putin spoke to the West.",
        &[
            "Russia=iso3166:RU",
            "Putin=canonym:vladimir-putin",
            "West=canonym:western-world",
        ],
    ),
    ("Officials in Nice said.", &["Nice=geonames:2990440"]),
    // inside an unknown capitalized run a name is weak evidence for every
    // entity alike: an official name in another language (`Kiev` is
    // Romanian for Kyiv Oblast) does not make it the oblast
    ("Forces near Kiev D said.", &[]),
    ("In Kiev, officials spoke.", &["Kiev=geonames:703448"]),
    // a place starting a newspaper's or strait's name is no mention (the
    // lexicon lists the paper)
    (
        "Moscow Times reporters said.",
        &["Moscow Times=canonym:moscow-times"],
    ),
    (
        "The Kyiv Independent reported from the Taiwan Strait.",
        &[
            "The Kyiv Independent=canonym:kyiv-independent",
            "Taiwan Strait=canonym:taiwan-strait",
        ],
    ),
    // a surname inside someone else's full name is not the lexicon's
    // person, even after that person's full name
    (
        "Kim Jong Un met aides. His daughter Kim Ju Ae spoke.",
        &[
            "Kim Jong Un=canonym:kim-jong-un",
            "Kim Ju Ae=canonym:kim-ju-ae",
        ],
    ),
    (
        "Joe Biden spoke. His son Hunter Biden and Jill Biden listened. Biden left.",
        &[
            "Joe Biden=canonym:joe-biden",
            "Hunter Biden=canonym:hunter-biden",
            "Jill Biden=canonym:jill-biden",
            "Biden=canonym:joe-biden",
        ],
    ),
    // another language's name of a town (`Phuketas` is Lithuanian for
    // Phuket) and a small town's name beside an unknown name need
    // corroboration; `Hamas` (also Lithuanian, for Hamm) is the organization
    ("Officials in Phuketas said.", &[]),
    (
        "Hamas fired rockets, officials said.",
        &["Hamas=canonym:hamas"],
    ),
    (
        "Gov. Ron DeSantis spoke in Tallahassee.",
        &[
            "Ron DeSantis=canonym:ron-desantis",
            "Tallahassee=geonames:4174715",
        ],
    ),
    // a short word in capitals is the acronym, not a town spelt `Un`
    (
        "The UN nuclear watchdog said so.",
        &["UN=canonym:united-nations"],
    ),
    // a town's own name beats another town's former name (Engels was
    // once Pokrovsk)
    (
        "Russian forces neared Pokrovsk.",
        &["Pokrovsk=geonames:704422"],
    ),
    // a name in capitals is no country code (`PAK`, Pakistan)
    (
        "Listed: PAK JONG CHON of North Korea.",
        &[
            "PAK JONG CHON=canonym:pak-jong-chon",
            "North Korea=iso3166:KP",
        ],
    ),
    // a title does not settle a surname inside an unknown name, and a
    // name right before a person's name is weak (`Karina Milei`)
    (
        "Speaker Mike Johnson said so. Karina Milei met Javier Milei.",
        &[
            "Mike Johnson=canonym:mike-johnson",
            "Karina Milei=canonym:karina-milei",
            "Javier Milei=canonym:javier-milei",
        ],
    ),
    // an untagged side name made of ordinary words (`White House`, a name
    // of Casablanca) is weak
    (
        "Officials at the White House said.",
        &["White House=canonym:white-house"],
    ),
    // a listed organization outranks a town of its name; a place's own
    // name outranks another place's former name (`Islamabad`, once a name
    // of Chattogram)
    ("Xinhua reported it.", &["Xinhua=canonym:xinhua"]),
    (
        "Officials in Islamabad said.",
        &["Islamabad=geonames:1176615"],
    ),
    // a place, a comma and a region it lies in settle both
    (
        "Officials in Paris, Texas and Athens, Georgia said.",
        &[
            "Paris=geonames:4717560",
            "Texas=iso3166-2:US-TX",
            "Athens=geonames:4180386",
            "Georgia=iso3166-2:US-GA",
        ],
    ),
    // and within one country the subdivision picks the town that lies
    // in it, not the biggest of the name
    (
        "Officials in Portland, Maine and Springfield, Illinois said.",
        &[
            "Portland=geonames:4975802",
            "Maine=iso3166-2:US-ME",
            "Springfield=geonames:4250542",
            "Illinois=iso3166-2:US-IL",
        ],
    ),
    // two names joined by `and` that are both subdivisions of one country
    // are those subdivisions (a name word included); two big cities stay
    // cities, and the oblasts' bare (weak) names do not count
    (
        "Crews from Ontario and Quebec helped. Rain hit Victoria and Tasmania.",
        &[
            "Ontario=iso3166-2:CA-ON",
            "Quebec=iso3166-2:CA-QC",
            "Victoria=iso3166-2:AU-VIC",
            "Tasmania=iso3166-2:AU-TAS",
        ],
    ),
    (
        "Flights between Paris and Lyon. Shelling hit Kharkiv and Zaporizhzhia. \
         Raids in Jenin and Tulkarm.",
        &[
            "Paris=geonames:2988507",
            "Lyon=geonames:2996944",
            "Kharkiv=geonames:706483",
            "Zaporizhzhia=geonames:687700",
            "Jenin=geonames:283506",
            "Tulkarm=geonames:281577",
        ],
    ),
    // a place word near a surname says nothing about the person named in
    // full before (`residents`: not the town Kim)
    (
        "Governor Vitaliy Kim spoke. Kim said residents should stay.",
        &["Vitaliy Kim=canonym:vitaliy-kim", "Kim=canonym:vitaliy-kim"],
    ),
    // `state` right after a name is a region word (`Kaduna state`), not
    // further off (`state TV in Georgia`)
    (
        "Violence in Kaduna state. Rain in Washington state. State TV in Georgia said.",
        &[
            "Kaduna=iso3166-2:NG-KD",
            "Washington=iso3166-2:US-WA",
            "Georgia=iso3166:GE",
        ],
    ),
    // a city's usual English spelling that GeoNames tags as another
    // language's is the city (`Gondar`), and so is one it lacks
    (
        "Roads to Gondar were cut. The port of Hodeidah was hit.",
        &["Gondar=geonames:336014", "Hodeidah=geonames:79415"],
    ),
    // a state, not a small town of its name in another state
    ("Oregon voted.", &["Oregon=iso3166-2:US-OR"]),
    // so does a state's abbreviation (`Columbia, Mo.`, not South Carolina's)
    (
        "Students in Columbia, Mo., said.",
        &["Columbia=geonames:4381982"],
    ),
    // two letters naming a smaller town count once the town is named
    (
        "BP fell 1.5%. Petaling Jaya (PJ) residents said PJ was flooded.",
        &[
            "BP=canonym:bp",
            "Petaling Jaya=geonames:1735158",
            "PJ=geonames:1735158",
            "PJ=geonames:1735158",
        ],
    ),
    // a surname beside another word of the same person's name is that
    // person
    (
        "President Tayyip Erdogan said.",
        &["Erdogan=canonym:recep-tayyip-erdogan"],
    ),
    // a small town's name as the surname of someone the lexicon does not
    // know is no place for the rest of the document; a bigger place's is
    (
        "Andy Burnham spoke. Burnham said. Officials in Washington said.",
        &[
            "Andy Burnham=canonym:andy-burnham",
            "Burnham=canonym:andy-burnham",
            "Washington=geonames:4140963",
        ],
    ),
    // a region's abbreviation after the comma names the country
    (
        "ATHENS, Ga. (AP) - Police in London, Ont., and Newcastle, NSW, said.",
        &[
            "ATHENS=geonames:4180386",
            "AP=canonym:associated-press",
            "London=geonames:6058560",
            "Newcastle=geonames:2155472",
        ],
    ),
    (
        "Crowds in Tbilisi, Georgia.",
        &["Tbilisi=geonames:611717", "Georgia=iso3166:GE"],
    ),
    // a list of countries is no place in a region
    (
        "Lebanon, Syria and Jordan agreed.",
        &[
            "Lebanon=iso3166:LB",
            "Syria=iso3166:SY",
            "Jordan=iso3166:JO",
        ],
    ),
    // the document's country decides between places of one name: a US
    // state in an American story, the country elsewhere; a town's common
    // short name counts as its name (`Newcastle`)
    (
        "Voters in Atlanta and Savannah went to the polls. Georgia counted.",
        &[
            "Atlanta=geonames:4180439",
            "Savannah=geonames:4221552",
            "Georgia=iso3166-2:US-GA",
        ],
    ),
    (
        "Protesters in Tbilisi and Batumi marched. Georgia counted.",
        &[
            "Tbilisi=geonames:611717",
            "Batumi=geonames:615532",
            "Georgia=iso3166:GE",
        ],
    ),
    (
        "Fans in Leeds and Sunderland cheered. Newcastle lost.",
        &[
            "Leeds=geonames:2644688",
            "Sunderland=geonames:2636531",
            "Newcastle=geonames:2641673",
        ],
    ),
    // adjectives, contractions and surnames are no places (`Israeli` is a
    // Georgian nominative romanized, `I've` the IVe arrondissement, `Jones`
    // no plural of `Jone`)
    (
        "Israeli forces and Azerbaijani officials said. \"I've seen it,\" Jones said.",
        &[],
    ),
    // a place inside an institution's, club's or cartel's name, or in a
    // person's name after a title, is no mention; `United States` after a
    // name is still a name
    (
        "The Bank of England and the Sinaloa Cartel. Newcastle United won.",
        &[
            "Bank of England=canonym:bank-of-england",
            "Sinaloa Cartel=canonym:sinaloa-cartel",
            "Newcastle United=canonym:newcastle-united",
        ],
    ),
    (
        "Students at Moscow State University protested in Moscow.",
        &["Moscow=geonames:524901"],
    ),
    (
        "Defense Minister Israel Katz and Governor Cláudio Castro spoke.",
        &["Israel Katz=canonym:israel-katz"],
    ),
    (
        "The Donetsk People's Republic United States talks.",
        &[
            "Donetsk People's Republic=canonym:donetsk-peoples-republic",
            "United States=iso3166:US",
        ],
    ),
    // a governor governs a region; the dateline is still the city
    (
        "SAO PAULO (Reuters) - São Paulo Governor Tarcísio de Freitas spoke in Sao Paulo.",
        &[
            "SAO PAULO=geonames:3448439",
            "Reuters=canonym:reuters",
            "São Paulo=iso3166-2:BR-SP",
            "Tarcísio de Freitas=canonym:tarcisio-de-freitas",
            "Sao Paulo=geonames:3448439",
        ],
    ),
    // a town's name before a region word names the region called after it
    (
        "Belgorod Governor Vyacheslav Gladkov said drones hit Belgorod.",
        &[
            "Belgorod=iso3166-2:RU-BEL",
            "Vyacheslav Gladkov=canonym:vyacheslav-gladkov",
            "Belgorod=geonames:578072",
        ],
    ),
    (
        "Drones hit the Samara and Saratov regions.",
        &["Samara=iso3166-2:RU-SAM", "Saratov=iso3166-2:RU-SAR"],
    ),
    // an abbreviated canonical name is the canonical name; an English side
    // name keeps its place against a small town of that name; a side name
    // in another language does not (`New Delhi`, Fiji Hindi for Delhi)
    (
        "St. Petersburg and Medina hosted talks in New Delhi.",
        &[
            "St. Petersburg=geonames:498817",
            "Medina=geonames:109223",
            "New Delhi=geonames:1261481",
        ],
    ),
    // a sentence ends at a dot after a parenthesis, whatever the word
    // before it (`(DPR).`): `replace` stays idempotent
    (
        "(DPR) .  United Харькoв",
        &[
            "DPR=canonym:donetsk-peoples-republic",
            "Харькoв=geonames:706483",
        ],
    ),
    // a bare world city stays the world city in another country's story
    (
        "Voters in Atlanta and Savannah voted. Talks in Athens ended.",
        &[
            "Atlanta=geonames:4180439",
            "Savannah=geonames:4221552",
            "Athens=geonames:264371",
        ],
    ),
    // towns below 15,000 people that the news names (NEWS_TOWNS), by their
    // national romanization and by the GeoNames one
    (
        "Fighting near Chasiv Yar, Huliaipole and Hulyaypole.",
        &[
            "Chasiv Yar=geonames:710915",
            "Huliaipole=geonames:707898",
            "Hulyaypole=geonames:707898",
        ],
    ),
    (
        "Troops entered Sudzha, and the Chernobyl site was shut.",
        &["Sudzha=geonames:486816", "Chernobyl=geonames:710403"],
    ),
    // England's two-tier counties; a US city of the name in US context
    (
        "Police in Kent and Essex said a man from Maidstone was held.",
        &[
            "Kent=iso3166-2:GB-KEN",
            "Essex=iso3166-2:GB-ESS",
            "Maidstone=geonames:2643179",
        ],
    ),
    (
        "The storm hit Norfolk, Virginia.",
        &["Norfolk=geonames:4776222", "Virginia=iso3166-2:US-VA"],
    ),
    // `the country of Georgia` is the country after the US state
    (
        "Atlanta, Georgia, hosted it. He then flew to the country of Georgia.",
        &[
            "Atlanta=geonames:4180439",
            "Georgia=iso3166-2:US-GA",
            "Georgia=iso3166:GE",
        ],
    ),
    // `regional` right after a name is a region word
    (
        "Officials of the Odesa regional administration said.",
        &["Odesa=iso3166-2:UA-51"],
    ),
    // a country chosen by prior (over the PRC's claimed province) still
    // names it: the subdivision by its own name, not a town's side name
    (
        "Taiwan said so.\n\nKinmen was calm.",
        &["Taiwan=iso3166:TW", "Kinmen=iso3166-2:TW-KIN"],
    ),
    // the Arabic article joined by a hyphen is part of the mention, and no
    // unknown name beside it
    (
        "Al-Sharaa met el-Sisi in Cairo.",
        &[
            "Al-Sharaa=canonym:ahmed-al-sharaa",
            "el-Sisi=canonym:abdel-fattah-el-sisi",
            "Cairo=geonames:360630",
        ],
    ),
    (
        "Fighting in Nagorno-Karabakh.",
        &["Nagorno-Karabakh=canonym:artsakh"],
    ),
    // a context word belongs to the nearest name: `city` is Nice's
    (
        "The city of Nice hosted a UN conference.",
        &["Nice=geonames:2990440", "UN=canonym:united-nations"],
    ),
    // … but reaches across names coordinated with it
    (
        "The Donetsk, Luhansk and Kherson regions voted.",
        &[
            "Donetsk=iso3166-2:UA-14",
            "Luhansk=iso3166-2:UA-09",
            "Kherson=iso3166-2:UA-65",
        ],
    ),
    // `Town, Country` picks a town, not a listed place without population
    (
        "Donetsk, Ukraine, was shelled.",
        &["Donetsk=geonames:709717", "Ukraine=iso3166:UA"],
    ),
    // a name without its administrative head is the place's own name
    (
        "Kent needed more support from Westminster, said officials in Maidstone.",
        &[
            "Kent=iso3166-2:GB-KEN",
            "Westminster=geonames:2634341",
            "Maidstone=geonames:2643179",
        ],
    ),
    // no `The <word>` nickname of a town blocks a longer name inside it
    (
        "The Bank of England held rates.",
        &["Bank of England=canonym:bank-of-england"],
    ),
    // unknown names beside known ones (the lexicon's people above are known
    // now; these are not)
    (
        "Kim Jong Un met aides. His daughter Kim Su Ryon spoke.",
        &["Kim Jong Un=canonym:kim-jong-un"],
    ),
    (
        "Gov. Ron Delvaris spoke in Tallahassee.",
        &["Tallahassee=geonames:4174715"],
    ),
    (
        "Listed: PAK SONG NAM of North Korea.",
        &["North Korea=iso3166:KP"],
    ),
    (
        "Joe Biden spoke. His son Owen Biden listened. Biden left.",
        &["Joe Biden=canonym:joe-biden", "Biden=canonym:joe-biden"],
    ),
    // a lexicon person's surname after another given name, one that is
    // also an ordinary word, at a sentence start: someone else, and no town
    (
        "Nick Burnham said the plan was bad. Andy Burnham disagreed.",
        &["Andy Burnham=canonym:andy-burnham"],
    ),
    // a plural possessive inside a name
    (
        "The Workers' Party of Korea and the Kurdistan Workers’ Party met.",
        &[
            "Workers' Party of Korea=canonym:workers-party-of-korea",
            "Kurdistan Workers’ Party=canonym:kurdistan-workers-party",
        ],
    ),
    // Korean particles joined to a name; a name that ends like one stays
    // whole
    (
        "백악관은 김정은의 제안을 거부했다. 평양에서 김정은 위원장이 말했다.",
        &[
            "백악관=canonym:white-house",
            "김정은=canonym:kim-jong-un",
            "평양=geonames:1871859",
            "김정은=canonym:kim-jong-un",
        ],
    ),
    // a person's name inside the name of a ship, an airport or a library
    // is no mention of the person, nor of anything inside it
    (
        "The carrier USS Ronald Reagan left. John F. Kennedy International Airport \
         closed. The Ronald Reagan Presidential Library opened. Ronald Reagan spoke.",
        &["Ronald Reagan=canonym:ronald-reagan"],
    ),
    // a surname two people named in full share is the one named last,
    // reported as ambiguous (checked below); another given name before a
    // lexicon person's surname is someone else
    (
        "Bill Clinton and Hillary Clinton arrived. Clinton said it was long. \
         Wes Moore spoke. Roger Moore starred in films.",
        &[
            "Bill Clinton=canonym:bill-clinton",
            "Hillary Clinton=canonym:hillary-clinton",
            "Clinton=canonym:hillary-clinton",
            "Wes Moore=canonym:wes-moore",
        ],
    ),
    // a US state, a Canadian province alone: not the town or the side name
    // they share; a big city or a country of the name stays first
    (
        "He moved to Virginia. She moved to Indiana.",
        &["Virginia=iso3166-2:US-VA", "Indiana=iso3166-2:US-IN"],
    ),
    ("Ontario voted.", &["Ontario=iso3166-2:CA-ON"]),
    ("Georgia voted.", &["Georgia=iso3166:GE"]),
    (
        "Officials in Washington said. In New York, police said.",
        &["Washington=geonames:4140963", "New York=geonames:5128581"],
    ),
    // an abbreviation the text defines beats the entities it is an alias
    // of, by the initials of the name or of its canonical form
    (
        "The Pakistan Tehreek-e-Insaf (PTI) rallied, and PTI said so.\n\n\
         The European Commission (EC) proposed it. The EC said no.\n\n\
         Brazil's Workers' Party (PT) won. PT said.\n\n\
         The Patriots for Europe (PfE) group met. The PfE said no.",
        &[
            "Pakistan Tehreek-e-Insaf=canonym:pakistan-tehreek-e-insaf",
            "PTI=canonym:pakistan-tehreek-e-insaf",
            "PTI=canonym:pakistan-tehreek-e-insaf",
            "European Commission=canonym:european-commission",
            "EC=canonym:european-commission",
            "EC=canonym:european-commission",
            "Brazil=iso3166:BR",
            "Workers' Party=canonym:workers-party-brazil",
            "PT=canonym:workers-party-brazil",
            "PT=canonym:workers-party-brazil",
            "Patriots for Europe=canonym:patriots-for-europe",
            "PfE=canonym:patriots-for-europe",
            "PfE=canonym:patriots-for-europe",
        ],
    ),
    // the surname of someone the lexicon does not know, named in full,
    // is not a lexicon person's later, unless that person is named in full
    (
        "Thabo Zuma, a taxi operator, said drivers would strike. Zuma said fares would \
         rise.\n\nJacob Zuma, the former president, spoke. Zuma said no.",
        &["Jacob Zuma=canonym:jacob-zuma", "Zuma=canonym:jacob-zuma"],
    ),
    // a person's name going on past the match by a hyphen is someone
    // else's; a hyphenated adjective is not
    (
        "Park Jin-woo, a researcher, said talks were unlikely. Park said no. \
         The Kim Jong Un-led government and Putin-backed forces.",
        &[
            "Kim Jong Un=canonym:kim-jong-un",
            "Putin=canonym:vladimir-putin",
        ],
    ),
    // a geographic or party head noun in lower case ends a name
    (
        "Kherson lies across the Dnipro river. Peter Magyar's Tisza party leads.",
        &[
            "Kherson=geonames:706448",
            "Dnipro river=canonym:dnipro-river",
            "Peter Magyar=canonym:peter-magyar",
            "Tisza party=canonym:tisza-party",
        ],
    ),
    // both Congos are `Congo`: the bigger alone, the one a town after it
    // lies in
    (
        "Fighting flared in Congo.\n\nIn Brazzaville, Congo said it would talk.",
        &[
            "Congo=iso3166:CD",
            "Brazzaville=geonames:2260535",
            "Congo=iso3166:CG",
        ],
    ),
    // a dateline in capitals is the place's own name; a country's own name
    // is not corroborated away by a city named after it; a sentence's
    // first ordinary word is no major city's side name
    (
        "NEW DELHI (Reuters) - India said it would respond.\n\n\
         Kuwait City hosted the talks, and Kuwait said it would raise output.\n\n\
         Man arrested in Lahore.",
        &[
            "NEW DELHI=geonames:1261481",
            "Reuters=canonym:reuters",
            "India=iso3166:IN",
            "Kuwait City=geonames:285787",
            "Kuwait=iso3166:KW",
            "Lahore=geonames:1172451",
        ],
    ),
    // a given name that names a place, before a capitalized name: a
    // person's; a place still before an ordinary or title word
    (
        "Lewis Hamilton finished sixth. Jordan Pickford saved it. Jordan King \
         Abdullah spoke.",
        &["Jordan=iso3166:JO"],
    ),
    // a country after the comma corroborates a sentence's first word that
    // is also an ordinary one
    (
        "Split, Croatia, hosted the match.\n\nNice, France, hosted the summit.",
        &[
            "Split=geonames:3190261",
            "Croatia=iso3166:HR",
            "Nice=geonames:2990440",
            "France=iso3166:FR",
        ],
    ),
    // a plural possessive still ends a name before an ordinary word
    (
        "The Philippines' president spoke.",
        &["Philippines=iso3166:PH"],
    ), // a place starting an institute's or a river's name is no mention, even
    // when the head word starts another name (`Institute for …`)
    (
        "The Korea Institute for National Unification and the Asan Institute said.",
        &[],
    ),
    ("Boats on the Kuban River and in the Tarim Basin.", &[]),
    // a place naming a treaty, a leak or an event is no mention
    (
        "The Paris Agreement, the Panama Papers, the U.S. Open and the Paris Air Show.",
        &[],
    ),
    // … but lower-case `agreements` keeps the place
    ("The Minsk agreements failed.", &["Minsk=geonames:625144"]),
    // a fixed phrase mentions nothing, the same name alone does
    (
        "Brent crude and West Texas Intermediate rose. Officials in Brent said.",
        &["Brent=geonames:2654789"],
    ),
    // in a sports story a club's short name counts and beats a town's
    (
        "Liverpool beat Arsenal 2-1 and Chelsea drew with Everton. The striker scored late.",
        &[
            "Liverpool=canonym:liverpool-fc",
            "Arsenal=canonym:arsenal-fc",
            "Chelsea=canonym:chelsea-fc",
            "Everton=canonym:everton-fc",
        ],
    ),
    // (one score beside a club is enough)
    (
        "Barcelona beat Real Madrid 2-1.",
        &["Barcelona=canonym:fc-barcelona", "Real Madrid=canonym:real-madrid"],
    ),
    ("Officials in Barcelona said.", &["Barcelona=geonames:3128760"]),
    // in a business story a company's short name counts
    (
        "Apple shares rose and Oracle gained, analysts said.",
        &["Apple=canonym:apple", "Oracle=canonym:oracle"],
    ),
    ("Apple and Oracle said.", &[]),
    // … elsewhere the town stays, and the club's short name needs its full
    // name first
    (
        "Chelsea residents and Arsenal staff complained.",
        &["Chelsea=geonames:2653265"],
    ),
    (
        "Liverpool FC has a new owner. Liverpool said the deal closed.",
        &[
            "Liverpool FC=canonym:liverpool-fc",
            "Liverpool=canonym:liverpool-fc",
        ],
    ),
    // another language's Latin name of a town in a country that writes
    // its names in another script is as good as the English one
    // (`Mekelle` is tagged Swahili), unlike an exonym of a town in a
    // Latin-script country (`Hamas`, Lithuanian for Hamm) or a respelling
    // (`Wladimir`, German for Vladimir)
    (
        "Troops left Mekelle on Monday. Hamas said. His brother Wladimir spoke.",
        &["Mekelle=geonames:331180", "Hamas=canonym:hamas"],
    ),
    // a title after a name is no part of it (`Chad` is also an ordinary
    // word), but a country's name in another language before one is the
    // demonym (`Argentine` is French for Argentina)
    (
        "He met Chad President Mahamat Deby. Argentine President Javier Milei spoke.",
        &[
            "Chad=iso3166:TD",
            "Mahamat Deby=canonym:mahamat-idriss-deby",
            "Javier Milei=canonym:javier-milei",
        ],
    ),
    // an abbreviation the text defines for a name the lexicon does not
    // know names nothing, there and later (`KASA` spells Korea AeroSpace
    // Administration; `Kasa` is a name of Kazan)
    (
        "The Caspian Pipeline Consortium (CPC) and the Korea Aerospace Administration (KASA) said. CPC and KASA agreed.",
        &[],
    ),
    // … while one defined for a lexicon name stands for it
    (
        "The Institute for the Study of War (ISW) said. ISW added.",
        &[
            "Institute for the Study of War=canonym:institute-for-the-study-of-war",
            "ISW=canonym:institute-for-the-study-of-war",
            "ISW=canonym:institute-for-the-study-of-war",
        ],
    ),
    // a regnal number is nobody's short name, and a name before one is
    // something else's (`Artemis II`, a mission)
    (
        "Jordan's King Abdullah II met officials. NASA said the Artemis II flight was delayed.",
        &[
            "Jordan=iso3166:JO",
            "King Abdullah II=canonym:abdullah-ii-of-jordan",
            "NASA=canonym:nasa",
        ],
    ),
    // a short word in capitals is an acronym, even after `the`; a Russian
    // preposition is no town (`по`, a name of Pô)
    ("In Frankfurt the DAX gained.", &["Frankfurt=geonames:2925533"]),
    ("Удар по Запорожье.", &["Запорожье=geonames:687700"]),
    // a place starting an agency's or a plant's name two or three words
    // long is no mention; nor an index or finals named after a name
    (
        "The Zaporizhzhia Nuclear Power Plant and the Japan Meteorological Agency said. The Nasdaq Composite rose.",
        &[],
    ),
    // a subdivision after a name with no place in its country: a town the
    // lexicon does not know, no mention (a list of regions stays)
    (
        "In Jordan, Minnesota, residents voted. Texas, Oklahoma and Kansas agreed.",
        &[
            "Minnesota=iso3166-2:US-MN",
            "Texas=iso3166-2:US-TX",
            "Oklahoma=iso3166-2:US-OK",
            "Kansas=iso3166-2:US-KS",
        ],
    ),
    // an organization's weak name is the one of the country the document
    // is about, and nothing without such a country
    (
        "In Seoul, the Foreign Ministry said.",
        &[
            "Seoul=geonames:1835848",
            "Foreign Ministry=canonym:ministry-of-foreign-affairs-of-south-korea",
        ],
    ),
    (
        "Officials in Ohio said Democrats in Congress disagreed.",
        &[
            "Ohio=iso3166-2:US-OH",
            "Democrats=canonym:democratic-party-us",
            "Congress=canonym:us-congress",
        ],
    ),
    ("Democrats in Congress disagreed.", &[]),
    // … and never another country's after a possessive
    (
        "China said. Colombia's Foreign Ministry protested.",
        &["China=iso3166:CN", "Colombia=iso3166:CO"],
    ),
    // after a person and `of`, a subdivision's name is the subdivision,
    // unless the person is a mayor
    (
        "Senator Chuck Schumer of New York called the policy a tax.",
        &["Chuck Schumer=canonym:chuck-schumer", "New York=iso3166-2:US-NY"],
    ),
    // … which says nothing of a later bare name
    (
        "Senator Chuck Schumer of New York spoke.\n\nNEW YORK - Stocks rose.",
        &[
            "Chuck Schumer=canonym:chuck-schumer",
            "New York=iso3166-2:US-NY",
            "NEW YORK=geonames:5128581",
        ],
    ),
    // a listed given name before a city that is no major one makes it a
    // surname there, not in the rest of the document
    (
        "Jordan Henderson came on. Officials in Henderson said.",
        &["Henderson=geonames:5505411"],
    ),
    // after a country and `state of`, a name is that country's state,
    // whatever the document is about
    (
        "Protesters rallied in Tbilisi. A delegation from the US state of Georgia left.",
        &[
            "Tbilisi=geonames:611717",
            "US=iso3166:US",
            "Georgia=iso3166-2:US-GA",
        ],
    ),
    // a plus sign after a name makes another name
    ("OPEC+ agreed. OPEC said.", &["OPEC=canonym:opec"]),
    // … and the rivers, seas and regions the lexicon holds are found whole
    (
        "Boats on the Niger River. Tensions in Eastern Europe and the Baltic states.",
        &[
            "Niger River=canonym:niger-river",
            "Eastern Europe=canonym:eastern-europe",
            "Baltic states=canonym:baltic-states",
        ],
    ),
    // `the city of` picks the largest city in a country named before it,
    // not one named after it
    (
        "Lebanon's army deployed troops in the northern city of Tripoli.",
        &["Lebanon=iso3166:LB", "Tripoli=geonames:266826"],
    ),
    (
        "Troops entered the city of Rafah, near the border with Egypt.",
        &["Rafah=geonames:281102", "Egypt=iso3166:EG"],
    ),
    (
        "Officials met in the city of Tripoli.",
        &["Tripoli=geonames:2210247"],
    ),
    // `in` and a country after a shared name says which place
    (
        "Lebanese officials met in Beirut. A tanker from Tripoli in Libya docked.",
        &[
            "Beirut=geonames:276781",
            "Tripoli=geonames:2210247",
            "Libya=iso3166:LY",
        ],
    ),
    (
        "Protests spread to Hyderabad in Pakistan.",
        &["Hyderabad=geonames:1176734", "Pakistan=iso3166:PK"],
    ),
    // a dateline opens a new story: what the one before settled does not
    // carry over; without one it does
    (
        "TORONTO (Reuters) - A plant in London, Ontario cut jobs.\n\n\
         LONDON, Oct 14 (Reuters) - Officials in London spoke.",
        &[
            "TORONTO=geonames:6167865",
            "Reuters=canonym:reuters",
            "London=geonames:6058560",
            "Ontario=iso3166-2:CA-ON",
            "LONDON=geonames:2643743",
            "Reuters=canonym:reuters",
            "London=geonames:2643743",
        ],
    ),
    (
        "A plant in London, Ontario cut jobs.\n\nIn London, officials spoke.",
        &[
            "London=geonames:6058560",
            "Ontario=iso3166-2:CA-ON",
            "London=geonames:6058560",
        ],
    ),
    // the Arabic article after a given name starts a family name; after a
    // title the given name is no place either
    (
        "Kuwait's Sheikh Nawaf al-Ahmad died. Foreign Minister Salem al-Sabah \
         arrived. Fighting in Deir al-Zor.",
        &["Kuwait=iso3166:KW", "Deir al-Zor=geonames:170794"],
    ),
    // a title starting an alias gives way to a longer name inside it
    (
        "Sheikh Mohamed bin Zayed Al Nahyan spoke. Sheikh Mohamed bin Zayed left.",
        &[
            "Mohamed bin Zayed Al Nahyan=canonym:mohamed-bin-zayed-al-nahyan",
            "Sheikh Mohamed bin Zayed=canonym:mohamed-bin-zayed-al-nahyan",
        ],
    ),
    // Indonesia's provinces by their English names; a language's name is
    // no side name of a town; Borneo is the island
    (
        "Floods hit East Kalimantan and West Java. Thai and Hindi posters hung on Borneo.",
        &[
            "East Kalimantan=iso3166-2:ID-KI",
            "West Java=iso3166-2:ID-JB",
            "Borneo=canonym:borneo",
        ],
    ),
    // an ordinary business word starting a sentence is no part of a name;
    // an institution's head three words after a place makes it part of one
    (
        "Chipmaker TSMC fell 1.8%. The Korea Mining Development Trading Corporation was sanctioned.",
        &["TSMC=canonym:tsmc"],
    ),
    // a place inside an institution's, a bank's or a street's name
    (
        "Bank Indonesia held rates. The Sindh Assembly met on Syria Street. \
         The India Meteorological Department warned fans at the Melbourne \
         Cricket Ground. North East Somerset Council agreed.",
        &[],
    ),
    // a place before an unknown Arabic name, a lower-case `river` after a
    // town, a legal form after a place and more words; a demonym of a
    // longer name; a person's full name going on; codes that are words
    (
        "Clashes in Ras al-Ain and Raqqa. The Kosi river rose, not the \
         Dnipro river. Hong Kong Shipping Ltd and Toyota Motor Corp fell. \
         Papua New Guineans cheered Nitish Kumar Reddy. New York AG Letitia \
         James sued Petroleo Brasileiro SA.",
        &[
            "Raqqa=geonames:172955",
            "Dnipro river=canonym:dnipro-river",
            "Toyota Motor Corp=canonym:toyota",
            "New York=geonames:5128581",
            "Letitia James=canonym:letitia-james",
        ],
    ),
    // places listed together lie in one country; a nationality word
    // counts for its country; a major city beats the subdivision named
    // after it, and a department's name is no region cue
    (
        "Rallies in Atlanta, Athens and Savannah.\n\nTBILISI (Reuters) - \
         Talks between Georgia and Russia.\n\nMADRID (Reuters) - Spanish \
         Prime Minister Pedro Sánchez visited Valencia.\n\nKYIV - Ukrainian \
         officials spoke at the Department of U. On Wednesday, Kiev \
         announced a break.",
        &[
            "Atlanta=geonames:4180439",
            "Athens=geonames:4180386",
            "Savannah=geonames:4221552",
            "TBILISI=geonames:611717",
            "Reuters=canonym:reuters",
            "Georgia=iso3166:GE",
            "Russia=iso3166:RU",
            "MADRID=geonames:3117735",
            "Reuters=canonym:reuters",
            "Pedro Sánchez=canonym:pedro-sanchez",
            "Valencia=geonames:2509954",
            "KYIV=geonames:703448",
            "Kiev=geonames:703448",
        ],
    ),
];

#[test]
fn names_in_context() {
    let index = default_index();
    let mut wrong = Vec::new();
    for &(text, want) in IN_CONTEXT {
        let got: Vec<String> = scan(index, text.as_bytes())
            .iter()
            .map(|m| {
                format!(
                    "{}={}",
                    &text[m.byte_start as usize..m.byte_end as usize],
                    index.entity(m.entity).id()
                )
            })
            .collect();
        if got != want {
            wrong.push(format!("{text:?}: want {want:?}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn invalid_utf8_is_scanned_around() {
    let index = default_index();
    let bytes = b"\xffKiev\xfe and \xc3(Moscow)\xe2\x82";
    let found = scan(index, bytes);
    assert_eq!(found.len(), 2);
    assert_eq!(
        &bytes[found[0].byte_start as usize..found[0].byte_end as usize],
        b"Kiev"
    );
    assert_eq!((found[0].start, found[0].end), (1, 5));
    let out = replace(index, bytes);
    assert_eq!(out, b"\xffKyiv\xfe and \xc3(Moscow)\xe2\x82");
    let mut report = canonym::scan::ScanReport::default();
    let r = Scanner::new(index).scan_document(bytes, &mut ScanScratch::new(), |_| {});
    report.merge(&r);
    assert_eq!(report.invalid_bytes, 5);
    assert_eq!(report.first_invalid, Some(0));
}

#[test]
fn giant_token_and_long_line() {
    let index = default_index();
    let mut giant = vec![b'a'; 1 << 20];
    giant.extend_from_slice(b" Kiev");
    let found = scan_chunked(index, &giant, 4096);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].byte_start, 1 << 20 | 1);
    let line = "Moscow and Kiev talked. ".repeat(50_000);
    let whole = scan(index, line.as_bytes());
    assert_eq!(whole.len(), 100_000);
    assert_eq!(scan_chunked(index, line.as_bytes(), 1 << 16).len(), 100_000);
}

/// Text made of names, ordinary words, markup characters and odd Unicode.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Kiev".to_string()),
        Just("Kyiv".to_string()),
        Just("Donetsk".to_string()),
        Just("Donetsk People's Republic".to_string()),
        Just("(DPR)".to_string()),
        Just("North Korea's".to_string()),
        Just("Choe Son-hui".to_string()),
        Just("Choe".to_string()),
        Just("the West".to_string()),
        Just("U.S.".to_string()),
        Just("Харькoв".to_string()),
        Just("[[".to_string()),
        Just("]]".to_string()),
        Just("|".to_string()),
        Just("\\".to_string()),
        Just("[x|y]".to_string()),
        Just("said".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(". ".to_string()),
        Just("’s".to_string()),
        Just("Georgia".to_string()),
        Just("Athens, Georgia".to_string()),
        Just("Atlanta".to_string()),
        Just(",".to_string()),
        Just("Bank of".to_string()),
        Just("United".to_string()),
        Just("São Paulo".to_string()),
        Just("I've".to_string()),
        "\\PC{0,6}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn annotate_round_trips(text in texty()) {
        let out = annotate(default_index(), text.as_bytes());
        prop_assert_eq!(strip_annotations(&out).unwrap(), text.as_bytes());
    }

    #[test]
    fn spans_slice_the_text(text in texty()) {
        let found = scan(default_index(), text.as_bytes());
        check_spans(text.as_bytes(), &found);
    }

    #[test]
    fn chunk_size_does_not_matter(text in texty(), target in 1usize..200) {
        let whole = scan(default_index(), text.as_bytes());
        prop_assert_eq!(scan_chunked(default_index(), text.as_bytes(), target), whole);
    }

    #[test]
    fn empty_lexicon_is_identity(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        prop_assert_eq!(replace(empty_index(), &bytes), bytes.clone());
        let out = annotate(empty_index(), &bytes);
        prop_assert_eq!(strip_annotations(&out).unwrap(), bytes);
    }

    #[test]
    fn replace_is_idempotent(text in texty()) {
        let once = replace(default_index(), text.as_bytes());
        let twice = replace(default_index(), &once);
        prop_assert_eq!(String::from_utf8_lossy(&twice), String::from_utf8_lossy(&once));
    }
}

/// Inputs on which `replace` was once not idempotent (found by proptest).
#[test]
fn replace_idempotence_regressions() {
    for text in ["bL", "U.S. U.S. Ŋ", "Kiev D", "Donetsk \n\n (DPR)"] {
        let once = replace(default_index(), text.as_bytes());
        let twice = replace(default_index(), &once);
        assert_eq!(
            String::from_utf8_lossy(&twice),
            String::from_utf8_lossy(&once),
            "{text:?}"
        );
    }
}

/// Fuzzy mentions find misspelled names, and a demonym is never taken for
/// a misspelling of its place, whichever alias it comes nearest.
#[test]
fn fuzzy_finds_misspellings_not_demonyms() {
    use canonym::scan::LookupResolver;
    let index = default_index();
    let scanner = Scanner::new(index).with_fuzzy(Box::new(LookupResolver::default()));
    let text = "Israeli troops and Armenian, Chinese and Pakistani officials met in Kharkow \
                with Vladimir Puttin.";
    let mut scratch = ScanScratch::new();
    let mut found = Vec::new();
    scanner.scan_document(text.as_bytes(), &mut scratch, |m| {
        found.push(format!(
            "{}={}",
            &text[m.byte_start as usize..m.byte_end as usize],
            index.entity(m.entity).id()
        ))
    });
    assert_eq!(
        found,
        [
            "Kharkow=geonames:706483",
            "Vladimir Puttin=canonym:vladimir-putin"
        ]
    );
}

/// A match of several words that is only weak evidence (an untagged side
/// name made of ordinary words) yields to a name starting inside it that
/// goes on past it.
#[test]
fn weak_match_yields_to_a_longer_name_inside() {
    use canonym::{Alias, Entity, Lexicon};
    let mut lexicon = Lexicon::new();
    let mut town = Entity::new("t:1", "GPE", "Portsmouth");
    town.prior = Some(20_000.0);
    town.add_alias(Alias::new("The Bank"));
    lexicon.add_entity(town).unwrap();
    lexicon
        .add_entity(Entity::new("t:2", "ORG", "Bank of England"))
        .unwrap();
    let index = Index::build(&lexicon, &Default::default()).unwrap();
    let text = b"The Bank of England held rates.";
    let found = scan(&index, text);
    let got: Vec<_> = found
        .iter()
        .map(|m| {
            (
                m.byte_start,
                m.byte_end,
                index.entity(m.entity).id().to_string(),
            )
        })
        .collect();
    assert_eq!(got, vec![(4, 19, "t:2".to_string())]);
}

#[test]
fn a_surname_two_people_share_is_reported_ambiguous() {
    let index = default_index();
    let text = "Bill Clinton and Hillary Clinton arrived.\n\nClinton said it was long.";
    let found = scan(index, text.as_bytes());
    let last = found.last().expect("mentions");
    assert_eq!(
        &text[last.byte_start as usize..last.byte_end as usize],
        "Clinton"
    );
    assert_eq!(index.entity(last.entity).id(), "canonym:hillary-clinton");
    assert!(last.ambiguous);
    assert!(!found[0].ambiguous);
}
