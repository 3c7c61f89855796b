//! The language the generated diary is written in: common English words, a Zipf-ranked
//! vocabulary of about 20,000 words (real diary words first, then made-up English-like
//! ones), stock phrases writers repeat, and tag names.
//!
//! The vocabulary does not depend on the corpus seed: every corpus speaks the same
//! language, only the entries differ.

use crate::rng::Rng;
use std::collections::HashMap;

/// How many words the ranked (non-function) vocabulary holds.
pub const VOCABULARY_SIZE: usize = 20_000;

/// Function words and everyday verbs, most frequent first (separated by spaces).
pub const COMMON: &str = "\
    the i and to a was of it in my that me for with on but we had so at is this not be \
    all just from as have were out up about then when there what after some she he they \
    her his them went got like today back over into more still really did one very \
    because could would been an our no if or by around felt think know much again little \
    long good first last before too even while another way down made going get feel can \
    see also only how who which their us do said went came took left saw told asked \
    tried found thought wanted needed seemed almost maybe never always enough somehow \
    though until through without between under next other same new old few most
";

/// Real words a diary uses, most frequent first; they lead the ranked vocabulary.
pub const DIARY: &str = "\
    day time morning night home work evening week people friend coffee walk house \
    kitchen garden rain sun weather dinner lunch breakfast book phone car train bus \
    office meeting project email mother father sister brother daughter son partner \
    children dog cat window door table chair bed sleep dream tired happy quiet busy slow \
    early late cold warm bright dark river park street city town shop market bread soup \
    tea water light sky cloud wind snow tree flower bird field hill road bridge station \
    letter note page story song music radio film photo picture painting drawing idea \
    plan list question answer problem reason moment hour minute year month weekend \
    holiday birthday party visit trip journey doctor appointment school class lesson \
    teacher student neighbour stranger voice face hand heart head shoulder feet breath \
    silence noise laughter tears smile hope worry fear joy anger calm patience kindness \
    energy habit routine change chance choice memory future past present gift thanks \
    promise mistake lesson practice exercise run swim ride yoga stretch notebook pencil \
    desk lamp candle blanket sweater jacket boots umbrella bag key clock calendar \
    deadline budget bill rent money salary boss colleague team client report \
    presentation call message conversation argument apology hug kiss wedding funeral \
    hospital medicine fever headache garden seeds tomatoes roses grass leaves autumn \
    winter spring summer beach sea waves sand mountain forest path trail lake island \
    harbour boat airport hotel suitcase map museum library church cafe restaurant bakery \
    grocery recipe oven pasta rice apples cake cookies wine beer juice chocolate cheese \
    eggs porch balcony roof stairs attic basement yard fence gate mailbox package \
    delivery repair laundry dishes groceries chores errands nap shower bath mirror \
    haircut shoes dress shirt scarf gloves hat glasses watch
";

/// Phrases writers repeat (separated by commas); each word joins the vocabulary if it is
/// not there yet.
pub const PHRASES: &str = "\
    morning light, long walk, coffee shop, quiet evening, heavy rain, old friend, back \
    garden, train station, late dinner, early start, good news, bad dream, fresh bread, \
    cold wind, warm bath, slow morning, busy week, small victory, deep breath, clear \
    sky, full moon, first snow, evening walk, sunday lunch, phone call, long meeting, \
    new project, family dinner, birthday party, doctor appointment, rainy afternoon, \
    sunny morning, kitchen table, front porch, city park, river path, grocery list, \
    reading chair, night shift, school run, bus stop, corner shop, garden bench, hot \
    chocolate, cup of tea, spring cleaning, summer holiday, winter coat, autumn leaves, \
    mountain trail, sea breeze, team lunch, late train, open window, quiet house, good \
    book, short story, old photos, new recipe, little things
";

/// Tag names, most used first.
pub const TAGS: &str = "\
    work family gratitude health garden reading travel friends cooking running music \
    dreams weather kids money home writing ideas sleep goals walks coffee movies art \
    learning nature pets weekend holiday birthday city yoga cycling hiking beach books \
    meetings projects anxiety therapy faith photography volunteering languages school \
    moving repairs shopping recipes reflection
";

/// Every word the generator can write, interned: ids index [`Vocabulary::words`].
#[derive(Debug, Clone)]
pub struct Vocabulary {
    pub words: Vec<String>,
    /// Ids of [`COMMON`] in rank order.
    pub common: Vec<u32>,
    /// Ids of the ranked vocabulary, [`VOCABULARY_SIZE`] of them, most frequent first.
    pub ranked: Vec<u32>,
    /// [`PHRASES`] as word ids.
    pub phrases: Vec<Vec<u32>>,
    pub tags: Vec<String>,
}

impl Vocabulary {
    pub fn build() -> Self {
        let mut words: Vec<String> = Vec::new();
        let mut index: HashMap<String, u32> = HashMap::new();
        let mut intern = |w: &str| -> (u32, bool) {
            if let Some(&id) = index.get(w) {
                return (id, false);
            }
            let id = u32::try_from(words.len()).expect("fewer than 4 billion words");
            words.push(w.to_owned());
            index.insert(w.to_owned(), id);
            (id, true)
        };

        let mut common = Vec::new();
        for w in COMMON.split_whitespace() {
            let (id, new) = intern(w);
            if new {
                common.push(id);
            }
        }
        let mut ranked = Vec::with_capacity(VOCABULARY_SIZE);
        for w in DIARY.split_whitespace() {
            let (id, new) = intern(w);
            if new {
                ranked.push(id);
            }
        }
        let phrases: Vec<Vec<u32>> = PHRASES
            .split(',')
            .map(|p| p.split_whitespace().map(|w| intern(w).0).collect())
            .collect();
        // The made-up words come from a fixed seed: the language is the same for every
        // corpus.
        let mut rng = Rng::new(0x0D1A_2B3C_4D5E_6F70);
        while ranked.len() < VOCABULARY_SIZE {
            let (id, new) = intern(&made_up_word(&mut rng));
            if new {
                ranked.push(id);
            }
        }
        Self {
            words,
            common,
            ranked,
            phrases,
            tags: TAGS.split_whitespace().map(str::to_owned).collect(),
        }
    }

    pub fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }
}

/// One to three syllables of English-looking letters: "brantel", "shoomist", "felorn".
fn made_up_word(rng: &mut Rng) -> String {
    const ONSETS: &[&str] = &[
        "b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "fr", "g", "gl", "gr", "h", "j", "k",
        "l", "m", "n", "p", "pl", "pr", "r", "s", "sh", "sl", "sp", "st", "t", "th", "tr", "v",
        "w", "wh", "y", "z", "", "", "b", "d", "l", "m", "n", "p", "r", "s", "t",
    ];
    // Single vowels are listed twice: digraphs are rarer.
    const VOWELS: &[&str] = &[
        "a", "e", "i", "o", "u", "a", "e", "i", "o", "u", "ai", "ea", "ee", "oo", "ou", "ie",
    ];
    const CODAS: &[&str] = &[
        "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ng", "ck", "rt", "ll", "sh", "x",
    ];
    let syllables = match rng.unit() {
        r if r < 0.15 => 1,
        r if r < 0.80 => 2,
        _ => 3,
    };
    let mut word = String::new();
    for i in 0..syllables {
        word.push_str(rng.pick::<&str>(ONSETS));
        word.push_str(rng.pick::<&str>(VOWELS));
        if i + 1 == syllables || rng.chance(0.25) {
            word.push_str(rng.pick::<&str>(CODAS));
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_is_big_distinct_and_the_same_every_time() {
        let v = Vocabulary::build();
        assert_eq!(v.ranked.len(), VOCABULARY_SIZE);
        assert_eq!(v.tags.len(), 50);
        assert_eq!(v.phrases.len(), 60);
        let distinct: std::collections::HashSet<&String> = v.words.iter().collect();
        assert_eq!(distinct.len(), v.words.len());
        assert!(v
            .words
            .iter()
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase())));
        assert_eq!(Vocabulary::build().words, v.words);
        assert!(v.phrases.iter().all(|p| p.len() >= 2));
    }
}
