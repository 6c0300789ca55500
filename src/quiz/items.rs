//! The questionnaire's items and the descriptions of the six Holland types, in Kazakh, Russian and
//! English.
//!
//! There are 60 items, 10 for each RIASEC type. Each item is a short everyday activity (no "I like…"
//! in front of it), and the person rates how much they would like doing it on a 5-point scale, from
//! "strongly dislike" to "strongly like".
//!
//! The order is fixed and interleaves the types: R, I, A, S, E, C, R, I, A, S, E, C, … So the first
//! 30 items (5 per type) are the quick form, and all 60 items are the full form; either way each
//! type gets the same number of items and no type comes in a long run of its own.
//!
//! The items are the project's own, written for young people (14–35) in Almaty: school, work,
//! hobbies and city life. They are not taken or translated from any published interest inventory.
//! The three languages of an item say the same thing; keep it that way when editing one of them.
use super::domain::RiasecType;
use super::domain::RiasecType::{Artistic, Conventional, Enterprising, Investigative, Realistic, Social};

/// One activity of the questionnaire.
pub struct Item {
    pub kind: RiasecType,
    pub kk: &'static str,
    pub ru: &'static str,
    pub en: &'static str,
}

const fn item(kind: RiasecType, kk: &'static str, ru: &'static str, en: &'static str) -> Item {
    Item { kind, kk, ru, en }
}

/// The items in the order they are asked: the first 30 are the quick form, all 60 the full form.
pub const ITEMS: [Item; 60] = [
    // Round 1 (quick form)
    item(Realistic, "Самокаттың тежегішін жөндеу", "Починить тормоза самоката", "Fix a scooter's brakes"),
    item(
        Investigative,
        "Бір өсімдіктің екіншісінен неге тез өсетінін тәжірибемен анықтау",
        "Опытом выяснить, почему одно растение растёт быстрее другого",
        "Test why one plant grows faster than another",
    ),
    item(Artistic, "Рилс түсіріп, оны монтаждау", "Снять и смонтировать рилс", "Film and edit a reel"),
    item(
        Social,
        "Сыныптасыңа қиын тақырыпты түсіндіру",
        "Объяснить однокласснику трудную тему",
        "Explain a difficult topic to a classmate",
    ),
    item(
        Enterprising,
        "Демалыс күнгі жәрмеңкеде сауда жасау",
        "Торговать на ярмарке выходного дня",
        "Run a stall at a weekend market",
    ),
    item(
        Conventional,
        "Мектеп клубының қаржы есебін жүргізу",
        "Вести учёт денег школьного клуба",
        "Keep the accounts of a school club",
    ),
    // Round 2 (quick form)
    item(
        Realistic,
        "Телефонның сынған экранын ауыстыру",
        "Заменить разбитый экран телефона",
        "Replace a cracked phone screen",
    ),
    item(
        Investigative,
        "Математикадан олимпиада есептерін шығару",
        "Решать олимпиадные задачи по математике",
        "Solve maths olympiad problems",
    ),
    item(
        Artistic,
        "Мектеп концертіне афиша жасау",
        "Придумать афишу для школьного концерта",
        "Design a poster for a school concert",
    ),
    item(
        Social,
        "Ерікті болып, қайырымдылық акциясына көмектесу",
        "Помогать волонтёром на благотворительной акции",
        "Volunteer at a charity drive",
    ),
    item(
        Enterprising,
        "Өз идеяңды инвесторларға таныстыру",
        "Представить свою идею инвесторам",
        "Pitch your idea to investors",
    ),
    item(
        Conventional,
        "Электрондық кестедегі деректерді ретке келтіру",
        "Навести порядок в данных электронной таблицы",
        "Put the data in a spreadsheet in order",
    ),
    // Round 3 (quick form)
    item(
        Realistic,
        "Нұсқаулық бойынша шкаф құрастыру",
        "Собрать шкаф по инструкции",
        "Assemble a wardrobe from the instructions",
    ),
    item(
        Investigative,
        "Қосымшаның қалай жұмыс істейтінін зерттеп білу",
        "Разобраться, как работает приложение",
        "Find out how an app works",
    ),
    item(Artistic, "Домбырамен күй тарту", "Сыграть кюй на домбре", "Play a kui on the dombra"),
    item(
        Social,
        "Жаңа оқушыға сыныпқа бейімделуге көмектесу",
        "Помочь новому ученику освоиться в классе",
        "Help a new student settle in",
    ),
    item(
        Enterprising,
        "Мектеп фестивалін ұйымдастыру",
        "Организовать школьный фестиваль",
        "Organise a school festival",
    ),
    item(
        Conventional,
        "Құжаттардағы қателерді тексеру",
        "Проверять документы на ошибки",
        "Check documents for mistakes",
    ),
    // Round 4 (quick form)
    item(Realistic, "Саяжайда көкөніс өсіру", "Выращивать овощи на даче", "Grow vegetables at the dacha"),
    item(
        Investigative,
        "Сауалнама деректерін талдап, заңдылық іздеу",
        "Анализировать данные опроса и искать закономерности",
        "Analyse survey data and look for patterns",
    ),
    item(Artistic, "Әнге сөз жазу", "Сочинить текст песни", "Write the lyrics for a song"),
    item(
        Social,
        "Кіші жастағы балаларға үйірме жүргізу",
        "Вести кружок для младших детей",
        "Lead a club for younger children",
    ),
    item(Enterprising, "Геймджемде команданы басқару", "Руководить командой на геймджеме", "Lead a team at a game jam"),
    item(Conventional, "Сабақ кестесін құру", "Составить расписание занятий", "Plan a timetable of classes"),
    // Round 5 (quick form)
    item(
        Realistic,
        "Таудағы жорықта шатыр тігу",
        "Поставить палатку в походе в горах",
        "Pitch a tent on a mountain hike",
    ),
    item(
        Investigative,
        "Химия зертханасында тәжірибе жасау",
        "Ставить опыты в химической лаборатории",
        "Do experiments in a chemistry lab",
    ),
    item(
        Artistic,
        "Өз ауданың туралы комикс салу",
        "Нарисовать комикс о своём районе",
        "Draw a comic about your neighbourhood",
    ),
    item(
        Social,
        "Қиын сәтте досыңды тыңдап, қолдау көрсету",
        "Выслушать друга и поддержать его в трудную минуту",
        "Listen to a friend and support them through a hard time",
    ),
    item(
        Enterprising,
        "Мектеп президенті сайлауына түсу",
        "Баллотироваться в президенты школы",
        "Run for school president",
    ),
    item(
        Conventional,
        "Студиядағы құрал-жабдықтың есебін жүргізу",
        "Вести учёт оборудования студии",
        "Keep track of a studio's equipment",
    ),
    // Round 6 (full form from here on)
    item(
        Realistic,
        "Үйдегі ағып тұрған шүмекті жөндеу",
        "Починить подтекающий кран дома",
        "Fix a dripping tap at home",
    ),
    item(
        Investigative,
        "Телескоппен жұлдыздарды бақылау",
        "Наблюдать за звёздами в телескоп",
        "Watch the stars through a telescope",
    ),
    item(
        Artistic,
        "Театр үйірмесінің қойылымында рөл ойнау",
        "Сыграть роль в спектакле театральной студии",
        "Act in a drama club's play",
    ),
    item(
        Social,
        "Ата-әжеңе смартфон қолдануды үйрету",
        "Научить бабушку и дедушку пользоваться смартфоном",
        "Teach your grandparents to use a smartphone",
    ),
    item(
        Enterprising,
        "Кафені жастар іс-шарасына демеуші болуға көндіру",
        "Уговорить кафе спонсировать молодёжное мероприятие",
        "Persuade a café to sponsor a youth event",
    ),
    item(
        Conventional,
        "Кітапханадағы кітаптарды каталог бойынша орналастыру",
        "Расставить книги в библиотеке по каталогу",
        "Arrange library books by the catalogue",
    ),
    // Round 7
    item(Realistic, "Ағаштан құсқа ұя жасау", "Сделать скворечник из дерева", "Build a birdhouse out of wood"),
    item(
        Investigative,
        "Алматы өңірінде жер сілкінісі неге болатынын зерттеу",
        "Изучать, почему в районе Алматы бывают землетрясения",
        "Study why earthquakes happen around Almaty",
    ),
    item(
        Artistic,
        "Күн батқанда қаланы суретке түсіру",
        "Фотографировать город на закате",
        "Photograph the city at sunset",
    ),
    item(
        Social,
        "Егде көршілерге азық-түлік алып беру",
        "Покупать продукты пожилым соседям",
        "Buy groceries for elderly neighbours",
    ),
    item(Enterprising, "Шағын интернет-дүкен ашу", "Открыть небольшой интернет-магазин", "Start a small online shop"),
    item(
        Conventional,
        "Грантқа өтінімді мұқият толтыру",
        "Аккуратно заполнить заявку на грант",
        "Fill in a grant application with care",
    ),
    // Round 8
    item(Realistic, "Қалалық саябақта ағаш отырғызу", "Сажать деревья в городском парке", "Plant trees in a city park"),
    item(
        Investigative,
        "Өз ауданыңдағы ауа сапасын сенсормен өлшеу",
        "Измерять датчиком качество воздуха в своём районе",
        "Measure the air quality in your district with a sensor",
    ),
    item(Artistic, "Мерекеге залды безендіру", "Украсить зал к празднику", "Decorate a hall for a celebration"),
    item(
        Social,
        "Балалар футбол командасын жаттықтыру",
        "Тренировать детскую футбольную команду",
        "Coach a children's football team",
    ),
    item(
        Enterprising,
        "Өз клубыңа жеңілдік алу үшін келіссөз жүргізу",
        "Договориться о скидке для своего клуба",
        "Negotiate a discount for your club",
    ),
    item(Conventional, "Қатысу журналын жүргізу", "Вести журнал посещаемости", "Keep an attendance register"),
    // Round 9
    item(
        Realistic,
        "Атқорада жылқыларға күтім жасау",
        "Ухаживать за лошадьми в конюшне",
        "Look after horses at a stable",
    ),
    item(
        Investigative,
        "Басқатырғышты шешетін бағдарлама жазу",
        "Написать программу, которая решает головоломку",
        "Write a program that solves a puzzle",
    ),
    item(
        Artistic,
        "Бейнеойынға кейіпкер ойлап табу",
        "Придумать персонажа для видеоигры",
        "Invent a character for a video game",
    ),
    item(
        Social,
        "Ренжісіп қалған екі досты татуластыру",
        "Помирить двух поссорившихся друзей",
        "Help two friends make up after a quarrel",
    ),
    item(
        Enterprising,
        "Дебатта команданың ұстанымын қорғау",
        "Отстаивать позицию команды на дебатах",
        "Argue your team's case in a debate",
    ),
    item(
        Conventional,
        "Отбасының бір айлық бюджетін жасау",
        "Составить семейный бюджет на месяц",
        "Draw up a family budget for a month",
    ),
    // Round 10
    item(
        Realistic,
        "Қабырғаға бұрғымен сөре бекіту",
        "Повесить полку на стену с помощью дрели",
        "Put up a shelf on a wall with a drill",
    ),
    item(
        Investigative,
        "Микроскоппен жасушаларды зерттеу",
        "Изучать клетки под микроскопом",
        "Study cells under a microscope",
    ),
    item(
        Artistic,
        "Футболкаға басылатын сурет ойлап табу",
        "Придумать принт для футболки",
        "Design a print for a T-shirt",
    ),
    item(
        Social,
        "Бірінші курс студентіне тәлімгер болу",
        "Быть наставником для первокурсника",
        "Be a mentor to a first-year student",
    ),
    item(
        Enterprising,
        "Жергілікті брендті әлеуметтік желілерде жарнамалау",
        "Продвигать местный бренд в соцсетях",
        "Promote a local brand on social media",
    ),
    item(
        Conventional,
        "Компьютердегі файлдарды бумаларға сұрыптау",
        "Разложить файлы на компьютере по папкам",
        "Sort the files on a computer into folders",
    ),
];

/// The position of `locale`'s text in the `[kk, ru, en]` arrays here.
pub fn locale_index(locale: crate::i18n::Locale) -> usize {
    use crate::i18n::Locale;
    match locale {
        Locale::kk => 0,
        Locale::ru => 1,
        Locale::en => 2,
    }
}

/// The type's short name ("Artistic") in `locale`.
pub fn type_name(locale: crate::i18n::Locale, kind: RiasecType) -> String {
    let name = TYPE_DESCRIPTIONS[kind as usize].name[locale_index(locale)];
    name.split(" — ").next().unwrap_or(name).to_owned()
}

/// A Holland type's name and a plain-language summary, each as [kk, ru, en].
pub struct TypeDescription {
    pub kind: RiasecType,
    pub name: [&'static str; 3],
    pub summary: [&'static str; 3],
}

/// The six types in RIASEC order (the order of `RiasecType::ALL`).
pub const TYPE_DESCRIPTIONS: [TypeDescription; 6] = [
    TypeDescription {
        kind: Realistic,
        name: ["Реалистік — қолынан іс келетін практик", "Реалистичный — практик", "Realistic — practical doer"],
        summary: [
            "Көбіне ашық ауада, қолмен, құрал-саймандармен, техникамен, өсімдіктермен не жануарлармен жұмыс \
             істегенді ұнатады. Жұмысшы мамандықтары, инженерия, көлік, ауыл шаруашылығы және спорт сай келеді.",
            "Любит работать руками, с инструментами, техникой, растениями или животными, часто на свежем воздухе. \
             Подходят рабочие профессии, инженерия, транспорт, сельское хозяйство и спорт.",
            "Enjoys working with their hands, tools, machines, plants or animals, often outdoors. \
             Trades, engineering, transport, farming and sport are a good fit.",
        ],
    },
    TypeDescription {
        kind: Investigative,
        name: [
            "Зерттеушілік — ізденімпаз ойшыл",
            "Исследовательский — любознательный мыслитель",
            "Investigative — curious thinker",
        ],
        summary: [
            "Бақылағанды, «неге?» деп сұрағанды, тәжірибе жасағанды және күрделі есептерді дерек пен логикаға сүйеніп \
             шешкенді ұнатады. Ғылым, медицина, IT және деректерді талдау сай келеді.",
            "Любит наблюдать, спрашивать «почему?», ставить опыты и решать сложные задачи с опорой на факты и логику. \
             Подходят наука, медицина, IT и анализ данных.",
            "Enjoys observing, asking \"why?\", experimenting and solving hard problems with facts and logic. \
             Science, medicine, IT and data analysis are a good fit.",
        ],
    },
    TypeDescription {
        kind: Artistic,
        name: ["Артистік — шығармашыл жан", "Артистический — творческий человек", "Artistic — creative maker"],
        summary: [
            "Ой мен сезімін сурет, музыка, сөз, бейне не сахна арқылы, қатаң ережесіз жеткізгенді ұнатады. \
             Дизайн, медиа, музыка, әдебиет және сахна сай келеді.",
            "Любит выражать идеи и чувства через образы, музыку, слова, видео или сцену — без жёстких правил. \
             Подходят дизайн, медиа, музыка, литература и сцена.",
            "Enjoys expressing ideas and feelings through images, music, words, video or the stage, without strict rules. \
             Design, media, music, writing and performing are a good fit.",
        ],
    },
    TypeDescription {
        kind: Social,
        name: ["Әлеуметтік — қамқор көмекші", "Социальный — заботливый помощник", "Social — caring helper"],
        summary: [
            "Адамдарды оқытқанды, оларға көмектесіп, тыңдап, қамқорлық жасағанды және командада жұмыс істегенді \
             ұнатады. Білім беру, денсаулық сақтау, психология және әлеуметтік жұмыс сай келеді.",
            "Любит учить людей, помогать им, выслушивать и заботиться о них, работать в команде. \
             Подходят образование, здравоохранение, психология и социальная работа.",
            "Enjoys teaching, helping, listening to and caring for people, and working in a team. \
             Education, health care, psychology and social work are a good fit.",
        ],
    },
    TypeDescription {
        kind: Enterprising,
        name: ["Кәсіпкерлік — батыл көшбасшы", "Предприимчивый — смелый лидер", "Enterprising — bold leader"],
        summary: [
            "Басқарғанды, сендіргенді, тәуекелге барғанды, идеяларды ілгерілетіп, жобаларды іске қосқанды ұнатады. \
             Бизнес, сауда, маркетинг, басқару, құқық және саясат сай келеді.",
            "Любит руководить, убеждать, рисковать, продвигать идеи и запускать проекты. \
             Подходят бизнес, продажи, маркетинг, управление, право и политика.",
            "Enjoys leading, persuading, taking risks, promoting ideas and getting projects off the ground. \
             Business, sales, marketing, management, law and politics are a good fit.",
        ],
    },
    TypeDescription {
        kind: Conventional,
        name: [
            "Конвенционалдық — ұқыпты ұйымдастырушы",
            "Конвенциональный — аккуратный организатор",
            "Conventional — careful organiser",
        ],
        summary: [
            "Нақты ережені, тәртіпті, дәл сандар мен құжаттарды және тапсырманы мұқият аяқтағанды ұнатады. \
             Бухгалтерия, қаржы, кеңсе жұмысы, логистика және деректер базасымен жұмыс сай келеді.",
            "Любит чёткие правила, порядок, точные цифры и документы и доводить задачи до конца аккуратно. \
             Подходят бухгалтерия, финансы, офисная работа, логистика и работа с базами данных.",
            "Enjoys clear rules, order, exact numbers and documents, and finishing tasks carefully. \
             Accounting, finance, office work, logistics and working with databases are a good fit.",
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const KAZAKH_ONLY_LETTERS: &str = "әғқңөұүһіӘҒҚҢӨҰҮҺІ";

    fn texts(item: &Item) -> [&'static str; 3] {
        [item.kk, item.ru, item.en]
    }

    fn is_cyrillic(c: char) -> bool {
        ('\u{0400}'..='\u{04FF}').contains(&c)
    }

    #[test]
    fn the_order_cycles_through_riasec() {
        for (i, item) in ITEMS.iter().enumerate() {
            assert_eq!(item.kind, RiasecType::ALL[i % 6], "item {} ({})", i + 1, item.en);
        }
    }

    #[test]
    fn ten_items_per_type_and_five_in_the_quick_form() {
        for kind in RiasecType::ALL {
            assert_eq!(ITEMS.iter().filter(|item| item.kind == kind).count(), 10, "{kind:?}");
            assert_eq!(ITEMS[..30].iter().filter(|item| item.kind == kind).count(), 5, "{kind:?}");
        }
    }

    #[test]
    fn no_empty_duplicate_or_overlong_text() {
        for language in 0..3 {
            let mut seen = HashSet::new();
            for item in &ITEMS {
                let text = texts(item)[language];
                assert_eq!(text.trim(), text, "stray spaces: {text:?}");
                assert!(!text.is_empty(), "empty text in item {:?}", item.en);
                assert!(text.chars().count() <= 90, "too long ({} chars): {text}", text.chars().count());
                assert!(!text.ends_with('.'), "items are activities, not sentences: {text}");
                assert!(text.chars().next().is_some_and(char::is_uppercase), "starts with a capital: {text}");
                assert!(seen.insert(text.to_lowercase()), "duplicate item: {text}");
            }
        }
    }

    #[test]
    fn every_item_is_translated() {
        for item in &ITEMS {
            let [kk, ru, en] = texts(item);
            assert!(kk != ru && kk != en && ru != en, "untranslated copy: {en}");
            assert!(!en.chars().any(is_cyrillic), "Cyrillic in the English text: {en}");
            assert!(ru.chars().any(is_cyrillic) && kk.chars().any(is_cyrillic), "not Cyrillic: {en}");
            assert!(!ru.chars().any(|c| KAZAKH_ONLY_LETTERS.contains(c)), "Kazakh letters in the Russian text: {ru}");
            assert!(!en.to_lowercase().starts_with("i like"), "items carry no \"I like\" prefix: {en}");
        }
        // Kazakh texts as a whole use the Kazakh letters (catches a Russian text pasted as Kazakh).
        let kazakh_items = ITEMS.iter().filter(|item| item.kk.chars().any(|c| KAZAKH_ONLY_LETTERS.contains(c))).count();
        assert!(kazakh_items >= 50, "only {kazakh_items} Kazakh texts use Kazakh letters");
    }

    #[test]
    fn type_descriptions_follow_riasec_order() {
        let kinds: Vec<RiasecType> = TYPE_DESCRIPTIONS.iter().map(|description| description.kind).collect();
        assert_eq!(kinds, RiasecType::ALL.to_vec());
        for description in &TYPE_DESCRIPTIONS {
            for texts in [description.name, description.summary] {
                assert!(texts.iter().all(|text| !text.trim().is_empty()), "{:?}", description.kind);
                assert!(texts[0] != texts[1] && texts[0] != texts[2] && texts[1] != texts[2], "{:?}", description.kind);
                assert!(
                    !texts[2].chars().any(is_cyrillic) && texts[0].chars().any(is_cyrillic),
                    "{:?}",
                    description.kind
                );
            }
            assert!(description.name.iter().all(|name| name.chars().count() <= 90), "{:?}", description.kind);
            assert!(description.summary.iter().all(|summary| summary.chars().count() <= 300), "{:?}", description.kind);
            // The English name starts with the type's own name ("Realistic — …").
            assert!(description.name[2].starts_with(&format!("{:?}", description.kind)), "{:?}", description.kind);
        }
    }
}
