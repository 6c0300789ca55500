//! The demo data set: Almaty's real districts, the 16 centres of the city programme, course topics,
//! professions and partner benefits. Plain constants so the seed is deterministic and reviewable.
use crate::centres::domain::{CentreStatus, RoomKind};
use crate::forms::keys::{CourseFormat, InstructionLanguage};
use crate::residents::domain::BenefitCategory;

/// A text in the three UI languages.
pub struct Tri {
    pub kk: &'static str,
    pub ru: &'static str,
    pub en: &'static str,
}

const fn tri(kk: &'static str, ru: &'static str, en: &'static str) -> Tri {
    Tri { kk, ru, en }
}

pub struct DistrictSeed {
    pub slug: &'static str,
    pub name: Tri,
}

pub const DISTRICTS: &[DistrictSeed] = &[
    DistrictSeed {
        slug: "alatau", name: tri("Алатау ауданы", "Алатауский район", "Alatau")
    },
    DistrictSeed {
        slug: "almaly", name: tri("Алмалы ауданы", "Алмалинский район", "Almaly")
    },
    DistrictSeed {
        slug: "auezov", name: tri("Әуезов ауданы", "Ауэзовский район", "Auezov")
    },
    DistrictSeed {
        slug: "bostandyk", name: tri("Бостандық ауданы", "Бостандыкский район", "Bostandyk")
    },
    DistrictSeed {
        slug: "zhetysu", name: tri("Жетісу ауданы", "Жетысуский район", "Zhetysu")
    },
    DistrictSeed { slug: "medeu", name: tri("Медеу ауданы", "Медеуский район", "Medeu") },
    DistrictSeed {
        slug: "nauryzbay", name: tri("Наурызбай ауданы", "Наурызбайский район", "Nauryzbay")
    },
    DistrictSeed {
        slug: "turksib", name: tri("Түрксіб ауданы", "Турксибский район", "Turksib")
    },
];

pub struct CentreSeed {
    pub slug: &'static str,
    pub district_slug: &'static str,
    pub name: Tri,
    pub address: Tri,
    pub area_m2: i32,
    /// Human-readable weekly hours, e.g. "Mon–Sat 09:00–21:00" (same in all languages: digits and dashes).
    pub opening_hours: &'static str,
    pub status: CentreStatus,
}

pub struct RoomSeed {
    pub name: Tri,
    pub kind: RoomKind,
    pub capacity: i32,
    /// Comma-separated equipment list in English (shown as-is).
    pub equipment: &'static str,
    /// Bookings of this room wait for a manager's approval (studios, for example).
    pub needs_approval: bool,
    /// Minutes kept free between two bookings (cleaning, setting up).
    pub buffer_minutes: i32,
}

pub struct CategorySeed {
    pub slug: &'static str,
    pub name: Tri,
}

pub struct TopicSeed {
    pub slug: &'static str,
    pub category_slug: &'static str,
    pub title: Tri,
    pub description: Tri,
    pub language: InstructionLanguage,
    pub format: CourseFormat,
    pub min_age: i16,
    pub max_age: i16,
    pub capacity: i32,
    /// Holland code letters this course develops, strongest first, e.g. "AE".
    pub riasec: &'static str,
    /// The kind of room the course needs (ignored for online courses).
    pub room_kind: RoomKind,
    pub session_minutes: i32,
    pub session_count: i32,
}

pub struct ProfessionSeed {
    pub slug: &'static str,
    pub name: Tri,
    pub description: Tri,
    /// Three-letter Holland code, strongest first, e.g. "ASE".
    pub riasec: &'static str,
}

pub struct BenefitSeed {
    pub slug: &'static str,
    pub partner: &'static str,
    pub category: BenefitCategory,
    pub title: Tri,
}

// ---------------------------------------------------------------------------------------------
// Centres: two per district, in DISTRICTS order; the first of each pair is already operating,
// the second is planned under the city programme. Addresses are fictional house numbers on real
// streets and microdistricts of the district.
// ---------------------------------------------------------------------------------------------

pub const CENTRES: &[CentreSeed] = &[
    CentreSeed {
        slug: "alatau-youth-centre",
        district_slug: "alatau",
        name: tri("Алатау жастар орталығы", "Алатауский молодёжный центр", "Alatau Youth Centre"),
        address: tri("Райымбек даңғылы, 521", "проспект Райымбека, 521", "521 Raiymbek Ave"),
        area_m2: 296,
        opening_hours: "Mon–Sat 09:00–21:00",
        status: CentreStatus::Operating,
    },
    CentreSeed {
        slug: "alatau-youth-centre-2",
        district_slug: "alatau",
        name: tri("Алатау жастар орталығы №2", "Алатауский молодёжный центр № 2", "Alatau Youth Centre No. 2"),
        address: tri(
            "Шаңырақ-2 шағын ауданы, Жанқожа батыр көшесі, 14",
            "микрорайон Шанырак-2, улица Жанкожа батыра, 14",
            "14 Zhankozha Batyr St, Shanyrak-2 microdistrict",
        ),
        area_m2: 310,
        opening_hours: "Mon–Sat 09:00–21:00",
        status: CentreStatus::Planned,
    },
    CentreSeed {
        slug: "almaly-youth-centre",
        district_slug: "almaly",
        name: tri("Алмалы жастар орталығы", "Алмалинский молодёжный центр", "Almaly Youth Centre"),
        address: tri("Төле би көшесі, 155", "улица Толе би, 155", "155 Tole Bi St"),
        area_m2: 305,
        opening_hours: "Mon–Sun 10:00–22:00",
        status: CentreStatus::Operating,
    },
    CentreSeed {
        slug: "almaly-youth-centre-2",
        district_slug: "almaly",
        name: tri("Алмалы жастар орталығы №2", "Алмалинский молодёжный центр № 2", "Almaly Youth Centre No. 2"),
        address: tri("Абай даңғылы, 52", "проспект Абая, 52", "52 Abay Ave"),
        area_m2: 288,
        opening_hours: "Mon–Sat 09:00–21:00",
        status: CentreStatus::Planned,
    },
    CentreSeed {
        slug: "auezov-youth-centre",
        district_slug: "auezov",
        name: tri("Әуезов жастар орталығы", "Ауэзовский молодёжный центр", "Auezov Youth Centre"),
        address: tri("Жандосов көшесі, 160", "улица Жандосова, 160", "160 Zhandosov St"),
        area_m2: 318,
        opening_hours: "Mon–Sat 09:00–21:00",
        status: CentreStatus::Operating,
    },
    CentreSeed {
        slug: "auezov-youth-centre-2",
        district_slug: "auezov",
        name: tri("Әуезов жастар орталығы №2", "Ауэзовский молодёжный центр № 2", "Auezov Youth Centre No. 2"),
        address: tri("Ақсай-3 шағын ауданы, 21", "микрорайон Аксай-3, 21", "21 Aksay-3 microdistrict"),
        area_m2: 300,
        opening_hours: "Mon–Sat 09:00–21:00",
        status: CentreStatus::Planned,
    },
    CentreSeed {
        slug: "bostandyk-youth-centre",
        district_slug: "bostandyk",
        name: tri("Бостандық жастар орталығы", "Бостандыкский молодёжный центр", "Bostandyk Youth Centre"),
        address: tri("Тимирязев көшесі, 42", "улица Тимирязева, 42", "42 Timiryazev St"),
        area_m2: 292,
        opening_hours: "Mon–Sun 10:00–22:00",
        status: CentreStatus::Operating,
    },
    CentreSeed {
        slug: "bostandyk-youth-centre-2",
        district_slug: "bostandyk",
        name: tri("Бостандық жастар орталығы №2", "Бостандыкский молодёжный центр № 2", "Bostandyk Youth Centre No. 2"),
        address: tri("Сәтбаев көшесі, 90", "улица Сатпаева, 90", "90 Satpayev St"),
        area_m2: 285,
        opening_hours: "Mon–Sat 09:00–21:00",
        status: CentreStatus::Planned,
    },
    CentreSeed {
        slug: "zhetysu-youth-centre",
        district_slug: "zhetysu",
        name: tri("Жетісу жастар орталығы", "Жетысуский молодёжный центр", "Zhetysu Youth Centre"),
        address: tri("Сейфуллин даңғылы, 48", "проспект Сейфуллина, 48", "48 Seyfullin Ave"),
        area_m2: 302,
        opening_hours: "Mon–Sat 09:00–21:00",
        status: CentreStatus::Operating,
    },
    CentreSeed {
        slug: "zhetysu-youth-centre-2",
        district_slug: "zhetysu",
        name: tri("Жетісу жастар орталығы №2", "Жетысуский молодёжный центр № 2", "Zhetysu Youth Centre No. 2"),
        address: tri("Айнабұлақ-3 шағын ауданы, 105", "микрорайон Айнабулак-3, 105", "105 Ainabulak-3 microdistrict"),
        area_m2: 295,
        opening_hours: "Mon–Sat 09:00–21:00",
        status: CentreStatus::Planned,
    },
    CentreSeed {
        slug: "medeu-youth-centre",
        district_slug: "medeu",
        name: tri("Медеу жастар орталығы", "Медеуский молодёжный центр", "Medeu Youth Centre"),
        address: tri("Достық даңғылы, 134", "проспект Достык, 134", "134 Dostyk Ave"),
        area_m2: 314,
        opening_hours: "Mon–Sun 10:00–22:00",
        status: CentreStatus::Operating,
    },
    CentreSeed {
        slug: "medeu-youth-centre-2",
        district_slug: "medeu",
        name: tri("Медеу жастар орталығы №2", "Медеуский молодёжный центр № 2", "Medeu Youth Centre No. 2"),
        address: tri("Самал-2 шағын ауданы, 58", "микрорайон Самал-2, 58", "58 Samal-2 microdistrict"),
        area_m2: 282,
        opening_hours: "Mon–Sat 09:00–21:00",
        status: CentreStatus::Planned,
    },
    CentreSeed {
        slug: "nauryzbay-youth-centre",
        district_slug: "nauryzbay",
        name: tri("Наурызбай жастар орталығы", "Наурызбайский молодёжный центр", "Nauryzbay Youth Centre"),
        address: tri("Шұғыла шағын ауданы, 8", "микрорайон Шугыла, 8", "8 Shugyla microdistrict"),
        area_m2: 298,
        opening_hours: "Mon–Sat 09:00–21:00",
        status: CentreStatus::Operating,
    },
    CentreSeed {
        slug: "nauryzbay-youth-centre-2",
        district_slug: "nauryzbay",
        name: tri("Наурызбай жастар орталығы №2", "Наурызбайский молодёжный центр № 2", "Nauryzbay Youth Centre No. 2"),
        address: tri("Қалқаман-2 шағын ауданы, 17", "микрорайон Калкаман-2, 17", "17 Kalkaman-2 microdistrict"),
        area_m2: 306,
        opening_hours: "Mon–Sat 09:00–21:00",
        status: CentreStatus::Planned,
    },
    CentreSeed {
        slug: "turksib-youth-centre",
        district_slug: "turksib",
        name: tri("Түрксіб жастар орталығы", "Турксибский молодёжный центр", "Turksib Youth Centre"),
        address: tri("Сүйінбай даңғылы, 89", "проспект Суюнбая, 89", "89 Suyunbay Ave"),
        area_m2: 308,
        opening_hours: "Mon–Sat 09:00–21:00",
        status: CentreStatus::Operating,
    },
    CentreSeed {
        slug: "turksib-youth-centre-2",
        district_slug: "turksib",
        name: tri("Түрксіб жастар орталығы №2", "Турксибский молодёжный центр № 2", "Turksib Youth Centre No. 2"),
        address: tri("Жансүгіров көшесі, 112", "улица Жансугурова, 112", "112 Zhansugurov St"),
        area_m2: 290,
        opening_hours: "Mon–Sat 09:00–21:00",
        status: CentreStatus::Planned,
    },
];

// ---------------------------------------------------------------------------------------------
// Rooms: the layout every operating centre gets.
// ---------------------------------------------------------------------------------------------

pub const ROOMS: &[RoomSeed] = &[
    RoomSeed {
        name: tri("Оқу аудиториясы №1", "Учебная аудитория № 1", "Classroom 1"),
        kind: RoomKind::Classroom,
        capacity: 20,
        equipment: "projector, whiteboard, 20 desks and chairs, flipchart, Wi-Fi",
        needs_approval: false,
        buffer_minutes: 10,
    },
    RoomSeed {
        name: tri("Оқу аудиториясы №2", "Учебная аудитория № 2", "Classroom 2"),
        kind: RoomKind::Classroom,
        capacity: 16,
        equipment: "75-inch smart TV, whiteboard, 8 laptops, ring lights, smartphone tripods, Wi-Fi",
        needs_approval: false,
        buffer_minutes: 10,
    },
    RoomSeed {
        name: tri("Коворкинг", "Коворкинг", "Co-working space"),
        kind: RoomKind::Coworking,
        capacity: 24,
        equipment: "24 hot desks, power outlets, Wi-Fi, printer and scanner, lockers, kitchenette",
        needs_approval: false,
        buffer_minutes: 0,
    },
    RoomSeed {
        name: tri("Дыбыс жазу студиясы", "Студия звукозаписи", "Recording studio"),
        kind: RoomKind::RecordingStudio,
        capacity: 4,
        equipment: "vocal booth, condenser microphone, 2 dynamic microphones, audio interface, studio monitors, closed-back headphones, MIDI keyboard, DAW workstation",
        needs_approval: true,
        buffer_minutes: 15,
    },
    RoomSeed {
        name: tri("Музыка сыныбы", "Музыкальный класс", "Music class"),
        kind: RoomKind::MusicClass,
        capacity: 10,
        equipment: "10 dombras, digital piano, music stands, acoustic guitar, small PA system",
        needs_approval: false,
        buffer_minutes: 10,
    },
    RoomSeed {
        name: tri("Кеңес беру бөлмесі", "Кабинет консультаций", "Consultation room"),
        kind: RoomKind::ConsultationRoom,
        capacity: 3,
        equipment: "soundproofing, sofa, two armchairs, desk, laptop, tissues and water",
        needs_approval: false,
        buffer_minutes: 10,
    },
];

// ---------------------------------------------------------------------------------------------
// Course catalogue.
// ---------------------------------------------------------------------------------------------

pub const CATEGORIES: &[CategorySeed] = &[
    CategorySeed { slug: "media", name: tri("Медиа", "Медиа", "Media") },
    CategorySeed { slug: "languages", name: tri("Тілдер", "Языки", "Languages") },
    CategorySeed { slug: "music", name: tri("Музыка", "Музыка", "Music") },
    CategorySeed { slug: "recording", name: tri("Дыбыс жазу", "Звукозапись", "Sound recording") },
    CategorySeed {
        slug: "consultations", name: tri("Кеңес беру", "Консультации", "Consultations")
    },
    CategorySeed {
        slug: "business", name: tri("Кәсіпкерлік", "Предпринимательство", "Business")
    },
    CategorySeed {
        slug: "self-development", name: tri("Өзін-өзі дамыту", "Саморазвитие", "Self-development")
    },
    CategorySeed {
        slug: "education-grants",
        name: tri("Білім және гранттар", "Образование и гранты", "Education & grants"),
    },
];

pub const TOPICS: &[TopicSeed] = &[
    TopicSeed {
        slug: "mobilography",
        category_slug: "media",
        title: tri("Мобилография", "Мобилография", "Mobilography"),
        description: tri(
            "Смартфонмен сапалы бейне түсіріп, монтаждауды үйренеміз: кадр құру, жарық, дыбыс және қысқа бейнероликтер.",
            "Учимся снимать и монтировать качественное видео на смартфон: композиция кадра, свет, звук и короткие ролики.",
            "Learn to shoot and edit quality video on a smartphone: framing, light, sound and short-form clips.",
        ),
        language: InstructionLanguage::Kazakh,
        format: CourseFormat::Offline,
        min_age: 14,
        max_age: 25,
        capacity: 16,
        riasec: "AE",
        room_kind: RoomKind::Classroom,
        session_minutes: 90,
        session_count: 8,
    },
    TopicSeed {
        slug: "targeted-advertising",
        category_slug: "media",
        title: tri("Таргеттелген жарнама", "Таргетированная реклама", "Targeted advertising"),
        description: tri(
            "Instagram мен TikTok-та жарнама науқанын баптау, аудиторияны таңдау және бюджетті тиімді жұмсау.",
            "Настройка рекламных кампаний в Instagram и TikTok, выбор аудитории и разумное расходование бюджета.",
            "Setting up ad campaigns on Instagram and TikTok, choosing an audience and spending the budget wisely.",
        ),
        language: InstructionLanguage::Russian,
        format: CourseFormat::Offline,
        min_age: 18,
        max_age: 35,
        capacity: 16,
        riasec: "EC",
        room_kind: RoomKind::Classroom,
        session_minutes: 90,
        session_count: 6,
    },
    TopicSeed {
        slug: "smm",
        category_slug: "media",
        title: tri(
            "SMM: әлеуметтік желілерде жылжыту",
            "SMM: продвижение в социальных сетях",
            "SMM: social media marketing",
        ),
        description: tri(
            "Брендті әлеуметтік желілерде дамыту: контент-жоспар құру, мәтін жазу және аккаунт статистикасын талдау.",
            "Продвижение бренда в соцсетях: контент-план, тексты и анализ статистики аккаунта.",
            "Growing a brand on social media: content plans, copywriting and account analytics.",
        ),
        language: InstructionLanguage::Kazakh,
        format: CourseFormat::Offline,
        min_age: 16,
        max_age: 35,
        capacity: 16,
        riasec: "AEC",
        room_kind: RoomKind::Classroom,
        session_minutes: 90,
        session_count: 8,
    },
    TopicSeed {
        slug: "media-literacy",
        category_slug: "media",
        title: tri("Медиасауаттылық", "Медиаграмотность", "Media literacy"),
        description: tri(
            "Жалған жаңалықты ажыратуды, ақпарат көзін тексеруді және интернетте қауіпсіз жүруді үйренеміз.",
            "Учимся распознавать фейковые новости, проверять источники и безопасно вести себя в интернете.",
            "Learn to spot fake news, check sources and stay safe online.",
        ),
        language: InstructionLanguage::Russian,
        format: CourseFormat::Online,
        min_age: 14,
        max_age: 18,
        capacity: 20,
        riasec: "IS",
        room_kind: RoomKind::Classroom,
        session_minutes: 60,
        session_count: 4,
    },
    TopicSeed {
        slug: "yide-soyle",
        category_slug: "languages",
        title: tri(
            "«Үйде сөйле» — қазақ тілі онлайн",
            "«Үйде сөйле» — казахский язык онлайн",
            "Yide Soyle: Kazakh online",
        ),
        description: tri(
            "Қазақ тілін жанды сөйлесу арқылы үйренуге арналған онлайн жоба: оқытушымен сабақтар, сөздік қор және ауызекі тәжірибе.",
            "Онлайн-проект для изучения казахского языка через живое общение: занятия с преподавателем, словарный запас и разговорная практика.",
            "An online project for learning Kazakh through live conversation: lessons with a tutor, vocabulary and speaking practice.",
        ),
        language: InstructionLanguage::Kazakh,
        format: CourseFormat::Online,
        min_age: 14,
        max_age: 35,
        capacity: 20,
        riasec: "SA",
        room_kind: RoomKind::Classroom,
        session_minutes: 60,
        session_count: 12,
    },
    TopicSeed {
        slug: "english-speaking-club",
        category_slug: "languages",
        title: tri("Ағылшын тілі сөйлесу клубы", "Разговорный клуб английского языка", "English speaking club"),
        description: tri(
            "Ағылшын тілінде еркін сөйлеуге машықтанатын клуб: күнделікті тақырыптар, ойындар және пікірталастар.",
            "Клуб, где тренируют свободную речь на английском: повседневные темы, игры и дебаты.",
            "A club for practising fluent spoken English: everyday topics, games and debates.",
        ),
        language: InstructionLanguage::English,
        format: CourseFormat::Offline,
        min_age: 16,
        max_age: 35,
        capacity: 14,
        riasec: "SA",
        room_kind: RoomKind::Classroom,
        session_minutes: 90,
        session_count: 8,
    },
    TopicSeed {
        slug: "dombra-beginners",
        category_slug: "music",
        title: tri("Домбыра: бастапқы деңгей", "Домбра для начинающих", "Dombra for beginners"),
        description: tri(
            "Домбыраны нөлден үйрену: аспапты дұрыс ұстау, негізгі қағыстар және алғашқы күйлер.",
            "Игра на домбре с нуля: постановка рук, основные приёмы и первые кюи.",
            "Dombra from scratch: holding the instrument, basic strumming techniques and first küis.",
        ),
        language: InstructionLanguage::Kazakh,
        format: CourseFormat::Offline,
        min_age: 14,
        max_age: 18,
        capacity: 10,
        riasec: "A",
        room_kind: RoomKind::MusicClass,
        session_minutes: 60,
        session_count: 12,
    },
    TopicSeed {
        slug: "dombra-ensemble",
        category_slug: "music",
        title: tri("Домбырашылар ансамблі", "Ансамбль домбристов", "Dombra ensemble"),
        description: tri(
            "Домбыра тартуды білетіндерге арналған ансамбль: күйлерді бірге орындау, сахна шеберлігі және концертке дайындық.",
            "Ансамбль для тех, кто уже играет на домбре: совместное исполнение кюев, сценическое мастерство и подготовка к концертам.",
            "An ensemble for those who already play the dombra: performing küis together, stagecraft and concert preparation.",
        ),
        language: InstructionLanguage::Kazakh,
        format: CourseFormat::Offline,
        min_age: 16,
        max_age: 35,
        capacity: 10,
        riasec: "AS",
        room_kind: RoomKind::MusicClass,
        session_minutes: 90,
        session_count: 10,
    },
    TopicSeed {
        slug: "recording-studio-basics",
        category_slug: "recording",
        title: tri("Дыбыс жазу студиясы: негіздер", "Студия звукозаписи: основы", "Recording studio basics"),
        description: tri(
            "Вокал мен аспаптарды жазу, микрофонмен жұмыс істеу, тректі өңдеу мен миксинг негіздері.",
            "Запись вокала и инструментов, работа с микрофоном, основы обработки и сведения трека.",
            "Recording vocals and instruments, microphone technique, and the basics of editing and mixing a track.",
        ),
        language: InstructionLanguage::Russian,
        format: CourseFormat::Offline,
        min_age: 16,
        max_age: 35,
        capacity: 4,
        riasec: "ARI",
        room_kind: RoomKind::RecordingStudio,
        session_minutes: 120,
        session_count: 6,
    },
    TopicSeed {
        slug: "podcast-production",
        category_slug: "recording",
        title: tri("Подкаст жасау", "Создание подкаста", "Podcast production"),
        description: tri(
            "Өз подкастыңызды бастаңыз: тақырып таңдау, сұхбат жүргізу, дыбыс жазу және шығарылымдарды жариялау.",
            "Запустите свой подкаст: выбор темы, ведение интервью, запись и публикация выпусков.",
            "Start your own podcast: choosing a theme, interviewing, recording and publishing episodes.",
        ),
        language: InstructionLanguage::Kazakh,
        format: CourseFormat::Offline,
        min_age: 18,
        max_age: 35,
        capacity: 4,
        riasec: "AE",
        room_kind: RoomKind::RecordingStudio,
        session_minutes: 90,
        session_count: 5,
    },
    TopicSeed {
        slug: "psychological-consultations",
        category_slug: "consultations",
        title: tri("Психологиялық кеңес", "Психологические консультации", "Psychological consultations"),
        description: tri(
            "Психологпен жеке немесе шағын топтағы кездесулер: стресс, оқудағы және жұмыстағы қиындықтар, қарым-қатынас пен өзіне сенім.",
            "Встречи с психологом индивидуально или в малой группе: стресс, трудности в учёбе и на работе, отношения и уверенность в себе.",
            "Individual or small-group sessions with a psychologist: stress, difficulties at school or work, relationships and self-confidence.",
        ),
        language: InstructionLanguage::Russian,
        format: CourseFormat::Offline,
        min_age: 14,
        max_age: 35,
        capacity: 3,
        riasec: "SI",
        room_kind: RoomKind::ConsultationRoom,
        session_minutes: 60,
        session_count: 4,
    },
    TopicSeed {
        slug: "legal-advice",
        category_slug: "consultations",
        title: tri("Заңгер кеңесі", "Юридическая консультация", "Legal advice"),
        description: tri(
            "Заңгерден тегін кеңес: еңбек шарты, пәтер жалдау, тұтынушы құқықтары және құжат рәсімдеу.",
            "Бесплатная консультация юриста: трудовой договор, аренда жилья, права потребителей и оформление документов.",
            "Free advice from a lawyer: employment contracts, renting a flat, consumer rights and paperwork.",
        ),
        language: InstructionLanguage::Kazakh,
        format: CourseFormat::Offline,
        min_age: 18,
        max_age: 35,
        capacity: 3,
        riasec: "SE",
        room_kind: RoomKind::ConsultationRoom,
        session_minutes: 60,
        session_count: 4,
    },
    TopicSeed {
        slug: "entrepreneur-advice",
        category_slug: "business",
        title: tri("Кәсіпкер кеңесі", "Консультации предпринимателей", "Advice from entrepreneurs"),
        description: tri(
            "Тәжірибелі кәсіпкерлер бизнес-идеяңызды талдап, ЖК ашу, салық төлеу және алғашқы клиенттерді табу жөнінде кеңес береді.",
            "Опытные предприниматели разберут вашу бизнес-идею и подскажут, как открыть ИП, платить налоги и найти первых клиентов.",
            "Experienced entrepreneurs review your business idea and advise on registering as a sole trader, paying taxes and finding first clients.",
        ),
        language: InstructionLanguage::Russian,
        format: CourseFormat::Offline,
        min_age: 18,
        max_age: 35,
        capacity: 3,
        riasec: "EC",
        room_kind: RoomKind::ConsultationRoom,
        session_minutes: 60,
        session_count: 4,
    },
    TopicSeed {
        slug: "entrepreneurship-basics",
        category_slug: "business",
        title: tri("Кәсіпкерлік негіздері", "Основы предпринимательства", "Entrepreneurship basics"),
        description: tri(
            "Идеядан бизнес-жоспарға дейін: нарықты зерттеу, қаржылық есептеулер және жобаны таныстыру.",
            "От идеи до бизнес-плана: исследование рынка, финансовые расчёты и презентация проекта.",
            "From idea to business plan: market research, financial projections and pitching your project.",
        ),
        language: InstructionLanguage::Kazakh,
        format: CourseFormat::Offline,
        min_age: 16,
        max_age: 35,
        capacity: 20,
        riasec: "EC",
        room_kind: RoomKind::Coworking,
        session_minutes: 120,
        session_count: 8,
    },
    TopicSeed {
        slug: "self-development-master-classes",
        category_slug: "self-development",
        title: tri(
            "Өзін-өзі дамыту шеберлік сабақтары",
            "Мастер-классы по саморазвитию",
            "Self-development master classes",
        ),
        description: tri(
            "Уақытты басқару, мақсат қою және эмоцияларды реттеу бойынша практикалық шеберлік сабақтары.",
            "Практические мастер-классы по тайм-менеджменту, постановке целей и управлению эмоциями.",
            "Hands-on master classes in time management, goal setting and managing emotions.",
        ),
        language: InstructionLanguage::Russian,
        format: CourseFormat::Offline,
        min_age: 14,
        max_age: 35,
        capacity: 16,
        riasec: "SE",
        room_kind: RoomKind::Classroom,
        session_minutes: 90,
        session_count: 6,
    },
    TopicSeed {
        slug: "public-speaking",
        category_slug: "self-development",
        title: tri("Шешендік өнер", "Ораторское искусство", "Public speaking"),
        description: tri(
            "Сахнадан қорықпай сөйлеуді, ойды анық жеткізуді және аудиторияның назарын ұстауды үйренеміз.",
            "Учимся выступать без страха, ясно излагать мысли и удерживать внимание аудитории.",
            "Learn to speak without stage fright, get your ideas across clearly and hold an audience's attention.",
        ),
        language: InstructionLanguage::Kazakh,
        format: CourseFormat::Offline,
        min_age: 14,
        max_age: 18,
        capacity: 14,
        riasec: "ES",
        room_kind: RoomKind::Classroom,
        session_minutes: 90,
        session_count: 8,
    },
    TopicSeed {
        slug: "grants-info-session",
        category_slug: "education-grants",
        title: tri(
            "Гранттар мен стипендиялар: ақпараттық кездесу",
            "Гранты и стипендии: информационная встреча",
            "Grants and scholarships: information session",
        ),
        description: tri(
            "Мемлекеттік білім беру гранттары, шетелде оқуға арналған стипендиялар және өтінім беру мерзімдері туралы.",
            "О государственных образовательных грантах, стипендиях на обучение за рубежом и сроках подачи заявок.",
            "About state education grants, scholarships for studying abroad and application deadlines.",
        ),
        language: InstructionLanguage::Kazakh,
        format: CourseFormat::Offline,
        min_age: 16,
        max_age: 25,
        capacity: 16,
        riasec: "IC",
        room_kind: RoomKind::Classroom,
        session_minutes: 60,
        session_count: 4,
    },
    TopicSeed {
        slug: "education-programmes-info",
        category_slug: "education-grants",
        title: tri(
            "Білім беру бағдарламалары: ақпараттық сессия",
            "Образовательные программы: информационная сессия",
            "Education programmes: information session",
        ),
        description: tri(
            "Колледждер, университеттер мен қысқа мерзімді курстар туралы онлайн-сессия: мамандық таңдау, түсу талаптары және оқу ақысы.",
            "Онлайн-сессия о колледжах, университетах и краткосрочных курсах: выбор специальности, требования к поступлению и стоимость обучения.",
            "An online session on colleges, universities and short courses: choosing a major, admission requirements and tuition costs.",
        ),
        language: InstructionLanguage::English,
        format: CourseFormat::Online,
        min_age: 14,
        max_age: 18,
        capacity: 20,
        riasec: "IS",
        room_kind: RoomKind::Classroom,
        session_minutes: 60,
        session_count: 4,
    },
];

// ---------------------------------------------------------------------------------------------
// Professions with Holland (RIASEC) codes, for career matching.
// ---------------------------------------------------------------------------------------------

pub const PROFESSIONS: &[ProfessionSeed] = &[
    // Realistic
    ProfessionSeed {
        slug: "electrician",
        name: tri("Электрик", "Электрик", "Electrician"),
        description: tri(
            "Үйлер мен кәсіпорындарда электр желілерін орнатады, тексереді және жөндейді.",
            "Монтирует, проверяет и ремонтирует электросети в домах и на предприятиях.",
            "Installs, tests and repairs electrical wiring in homes and businesses.",
        ),
        riasec: "RIC",
    },
    ProfessionSeed {
        slug: "car-mechanic",
        name: tri("Автомеханик", "Автомеханик", "Car mechanic"),
        description: tri(
            "Автокөліктерге диагностика жасап, қозғалтқыш пен басқа жүйелерді жөндейді.",
            "Диагностирует автомобили и ремонтирует двигатель и другие системы.",
            "Diagnoses cars and repairs engines and other systems.",
        ),
        riasec: "RCI",
    },
    ProfessionSeed {
        slug: "civil-engineer",
        name: tri("Құрылыс инженері", "Инженер-строитель", "Civil engineer"),
        description: tri(
            "Ғимараттар мен жолдардың құрылысын есептеп, жобалайды және бақылайды.",
            "Рассчитывает, проектирует и контролирует строительство зданий и дорог.",
            "Calculates, designs and supervises the construction of buildings and roads.",
        ),
        riasec: "RIE",
    },
    ProfessionSeed {
        slug: "cook",
        name: tri("Аспаз", "Повар", "Cook"),
        description: tri(
            "Мейрамханалар мен асханаларда тағам дайындап, мәзір құрастырады.",
            "Готовит блюда и составляет меню в ресторанах и столовых.",
            "Prepares dishes and plans menus in restaurants and canteens.",
        ),
        riasec: "RAE",
    },
    ProfessionSeed {
        slug: "agronomist",
        name: tri("Агроном", "Агроном", "Agronomist"),
        description: tri(
            "Ауыл шаруашылығы дақылдарын өсіру технологиясын жоспарлап, өнімділікті арттырады.",
            "Планирует технологию выращивания сельскохозяйственных культур и повышает урожайность.",
            "Plans how crops are grown and works to improve harvests.",
        ),
        riasec: "RIC",
    },
    // Investigative
    ProfessionSeed {
        slug: "software-developer",
        name: tri("Бағдарламашы", "Программист", "Software developer"),
        description: tri(
            "Сайттар, мобильді қосымшалар мен сервистерге арналған код жазып, оны тестілейді.",
            "Пишет и тестирует код для сайтов, мобильных приложений и сервисов.",
            "Writes and tests code for websites, mobile apps and online services.",
        ),
        riasec: "IRC",
    },
    ProfessionSeed {
        slug: "data-analyst",
        name: tri("Деректер талдаушысы", "Аналитик данных", "Data analyst"),
        description: tri(
            "Деректерді жинап, талдайды және бизнеске шешім қабылдауға көмектесетін қорытынды жасайды.",
            "Собирает и анализирует данные и делает выводы, которые помогают бизнесу принимать решения.",
            "Collects and analyses data and draws conclusions that help businesses make decisions.",
        ),
        riasec: "ICE",
    },
    ProfessionSeed {
        slug: "doctor",
        name: tri("Дәрігер", "Врач", "Doctor"),
        description: tri(
            "Науқастарды тексеріп, диагноз қояды және ем тағайындайды.",
            "Обследует пациентов, ставит диагнозы и назначает лечение.",
            "Examines patients, diagnoses illnesses and prescribes treatment.",
        ),
        riasec: "ISR",
    },
    ProfessionSeed {
        slug: "pharmacist",
        name: tri("Фармацевт", "Фармацевт", "Pharmacist"),
        description: tri(
            "Дәрілердің сапасын тексеріп, оларды дұрыс қабылдау жөнінде кеңес береді.",
            "Проверяет качество лекарств и консультирует, как правильно их принимать.",
            "Checks the quality of medicines and advises people on how to take them.",
        ),
        riasec: "ICS",
    },
    ProfessionSeed {
        slug: "ecologist",
        name: tri("Эколог", "Эколог", "Ecologist"),
        description: tri(
            "Ауаның, судың және топырақтың жай-күйін зерттеп, табиғатты қорғау шараларын ұсынады.",
            "Изучает состояние воздуха, воды и почвы и предлагает меры по охране природы.",
            "Studies the state of air, water and soil and proposes ways to protect nature.",
        ),
        riasec: "IRS",
    },
    // Artistic
    ProfessionSeed {
        slug: "videographer",
        name: tri("Бейнеоператор", "Видеограф", "Videographer"),
        description: tri(
            "Жарнамалық роликтерден бастап той мен іс-шараларға дейін бейне түсіріп, монтаждайды.",
            "Снимает и монтирует видео — от рекламных роликов до свадеб и мероприятий.",
            "Shoots and edits video, from commercials to weddings and events.",
        ),
        riasec: "ASE",
    },
    ProfessionSeed {
        slug: "sound-engineer",
        name: tri("Дыбыс режиссері", "Звукорежиссёр", "Sound engineer"),
        description: tri(
            "Студияда және сахнада дыбысты жазып, өңдейді және миксинг жасайды.",
            "Записывает, обрабатывает и сводит звук в студии и на концертах.",
            "Records, processes and mixes sound in the studio and at live events.",
        ),
        riasec: "ARI",
    },
    ProfessionSeed {
        slug: "graphic-designer",
        name: tri("Графикалық дизайнер", "Графический дизайнер", "Graphic designer"),
        description: tri(
            "Логотиптер, постерлер және әлеуметтік желілерге арналған визуалды контент жасайды.",
            "Создаёт логотипы, постеры и визуальный контент для соцсетей.",
            "Creates logos, posters and visual content for social media.",
        ),
        riasec: "AER",
    },
    ProfessionSeed {
        slug: "musician",
        name: tri("Музыкант", "Музыкант", "Musician"),
        description: tri(
            "Сахнада өнер көрсетеді, музыка жазады және шәкірттерге сабақ береді.",
            "Выступает на сцене, сочиняет музыку и даёт уроки ученикам.",
            "Performs on stage, writes music and teaches students.",
        ),
        riasec: "ASE",
    },
    ProfessionSeed {
        slug: "journalist",
        name: tri("Журналист", "Журналист", "Journalist"),
        description: tri(
            "Ақпаратты жинап, тексереді және оны мақала, репортаж немесе бейнесюжет арқылы жеткізеді.",
            "Собирает и проверяет информацию и рассказывает о ней в статьях, репортажах и видеосюжетах.",
            "Gathers and checks information and reports it in articles, reports and video stories.",
        ),
        riasec: "AES",
    },
    ProfessionSeed {
        slug: "architect",
        name: tri("Сәулетші", "Архитектор", "Architect"),
        description: tri(
            "Ғимараттар мен қалалық кеңістіктерді ыңғайлы әрі әдемі етіп жобалайды.",
            "Проектирует здания и городские пространства, делая их удобными и красивыми.",
            "Designs buildings and urban spaces that are comfortable and beautiful.",
        ),
        riasec: "AIR",
    },
    ProfessionSeed {
        slug: "smm-manager",
        name: tri("SMM-менеджер", "SMM-менеджер", "SMM manager"),
        description: tri(
            "Брендтің әлеуметтік желідегі аккаунттарын жүргізіп, контентті жоспарлайды және аудиториямен жұмыс істейді.",
            "Ведёт аккаунты бренда в соцсетях, планирует контент и работает с аудиторией.",
            "Runs a brand's social media accounts, plans content and engages the audience.",
        ),
        riasec: "AEC",
    },
    // Social
    ProfessionSeed {
        slug: "teacher",
        name: tri("Мұғалім", "Учитель", "Teacher"),
        description: tri(
            "Мектепте сабақ береді, оқушылардың білімі мен дамуына жауап береді.",
            "Ведёт уроки в школе и отвечает за знания и развитие учеников.",
            "Teaches lessons at school and supports pupils' learning and development.",
        ),
        riasec: "SAE",
    },
    ProfessionSeed {
        slug: "psychologist",
        name: tri("Психолог", "Психолог", "Psychologist"),
        description: tri(
            "Адамдарға стрессті жеңуге, өзін түсінуге және қиын жағдайдан шығуға көмектеседі.",
            "Помогает людям справляться со стрессом, понимать себя и находить выход из трудных ситуаций.",
            "Helps people cope with stress, understand themselves and find a way through difficult situations.",
        ),
        riasec: "SIA",
    },
    ProfessionSeed {
        slug: "nurse",
        name: tri("Мейірбике", "Медсестра / медбрат", "Nurse"),
        description: tri(
            "Дәрігерге көмектесіп, науқастарға күтім жасайды және емдік шараларды орындайды.",
            "Помогает врачу, ухаживает за пациентами и выполняет медицинские процедуры.",
            "Assists doctors, cares for patients and carries out medical procedures.",
        ),
        riasec: "SIR",
    },
    ProfessionSeed {
        slug: "social-worker",
        name: tri("Әлеуметтік қызметкер", "Социальный работник", "Social worker"),
        description: tri(
            "Отбасыларға, егде адамдарға және мүмкіндігі шектеулі жандарға қолдау көрсетіп, көмек алуға жәрдемдеседі.",
            "Поддерживает семьи, пожилых людей и людей с инвалидностью и помогает им получить помощь.",
            "Supports families, older people and people with disabilities and helps them get assistance.",
        ),
        riasec: "SEA",
    },
    ProfessionSeed {
        slug: "sports-coach",
        name: tri("Жаттықтырушы", "Тренер", "Sports coach"),
        description: tri(
            "Спортшыларды жаттықтырып, жаттығу жоспарын құрады және жарыстарға дайындайды.",
            "Тренирует спортсменов, составляет планы тренировок и готовит к соревнованиям.",
            "Trains athletes, draws up training plans and prepares them for competitions.",
        ),
        riasec: "SRE",
    },
    // Enterprising
    ProfessionSeed {
        slug: "lawyer",
        name: tri("Заңгер", "Юрист", "Lawyer"),
        description: tri(
            "Азаматтар мен компанияларға құқықтық кеңес береді, құжат дайындайды және сотта мүдделерін қорғайды.",
            "Консультирует граждан и компании по правовым вопросам, готовит документы и защищает их интересы в суде.",
            "Advises people and companies on legal matters, drafts documents and represents them in court.",
        ),
        riasec: "ESI",
    },
    ProfessionSeed {
        slug: "entrepreneur",
        name: tri("Кәсіпкер", "Предприниматель", "Entrepreneur"),
        description: tri(
            "Өз ісін ашып, команда жинайды және жобаны дамыту үшін тәуекелге барады.",
            "Открывает собственное дело, собирает команду и берёт на себя риски ради развития проекта.",
            "Starts a business, builds a team and takes on risk to grow the venture.",
        ),
        riasec: "ECS",
    },
    ProfessionSeed {
        slug: "event-manager",
        name: tri("Іс-шаралар менеджері", "Ивент-менеджер", "Event manager"),
        description: tri(
            "Концерттерді, фестивальдерді және корпоративтік іс-шараларды ұйымдастырып, өткізеді.",
            "Организует и проводит концерты, фестивали и корпоративные мероприятия.",
            "Organises and runs concerts, festivals and corporate events.",
        ),
        riasec: "ESA",
    },
    ProfessionSeed {
        slug: "sales-manager",
        name: tri("Сату менеджері", "Менеджер по продажам", "Sales manager"),
        description: tri(
            "Клиенттермен келіссөз жүргізіп, компанияның тауарлары мен қызметтерін сатады.",
            "Ведёт переговоры с клиентами и продаёт товары и услуги компании.",
            "Negotiates with clients and sells the company's products and services.",
        ),
        riasec: "ESC",
    },
    ProfessionSeed {
        slug: "targeting-specialist",
        name: tri("Таргетолог", "Таргетолог", "Targeting specialist"),
        description: tri(
            "Онлайн-жарнаманы баптап, оны қажетті аудиторияға көрсетеді және нәтижесін талдайды.",
            "Настраивает онлайн-рекламу, показывает её нужной аудитории и анализирует результаты.",
            "Sets up online ads, targets the right audience and analyses the results.",
        ),
        riasec: "ECI",
    },
    // Conventional
    ProfessionSeed {
        slug: "accountant",
        name: tri("Бухгалтер", "Бухгалтер", "Accountant"),
        description: tri(
            "Компанияның кірісі мен шығысын есепке алып, салық есептілігін дайындайды.",
            "Ведёт учёт доходов и расходов компании и готовит налоговую отчётность.",
            "Keeps track of a company's income and expenses and prepares tax reports.",
        ),
        riasec: "CEI",
    },
    ProfessionSeed {
        slug: "logistics-coordinator",
        name: tri("Логист", "Логист", "Logistics coordinator"),
        description: tri(
            "Жүк тасымалын жоспарлап, жеткізу мерзімдері мен құжаттарды қадағалайды.",
            "Планирует перевозку грузов, контролирует сроки доставки и документы.",
            "Plans freight transport and keeps track of delivery times and paperwork.",
        ),
        riasec: "CRE",
    },
    ProfessionSeed {
        slug: "bank-clerk",
        name: tri("Банк операционисі", "Операционист банка", "Bank clerk"),
        description: tri(
            "Банк клиенттеріне қызмет көрсетіп, төлемдерді өткізеді және шот ашады.",
            "Обслуживает клиентов банка, проводит платежи и открывает счета.",
            "Serves bank customers, processes payments and opens accounts.",
        ),
        riasec: "CES",
    },
    ProfessionSeed {
        slug: "auditor",
        name: tri("Аудитор", "Аудитор", "Auditor"),
        description: tri(
            "Ұйымдардың қаржылық есептілігін тексеріп, қателер мен тәуекелдерді анықтайды.",
            "Проверяет финансовую отчётность организаций и выявляет ошибки и риски.",
            "Checks organisations' financial statements and identifies errors and risks.",
        ),
        riasec: "CIE",
    },
    ProfessionSeed {
        slug: "office-administrator",
        name: tri("Офис-менеджер", "Офис-менеджер", "Office administrator"),
        description: tri(
            "Кеңсе жұмысын ұйымдастырады: құжат айналымы, кездесулер кестесі және келушілерді қарсы алу.",
            "Организует работу офиса: документооборот, расписание встреч и приём посетителей.",
            "Keeps an office running: paperwork, meeting schedules and welcoming visitors.",
        ),
        riasec: "CSE",
    },
    // IT and digital
    ProfessionSeed {
        slug: "qa-engineer",
        name: tri("QA-инженер (тестілеуші)", "QA-инженер (тестировщик)", "QA engineer (software tester)"),
        description: tri(
            "Бағдарламаларды тексеріп, қателерді табады және оларды түзету үшін әзірлеушілерге сипаттап береді.",
            "Проверяет программы, находит ошибки и описывает их разработчикам, чтобы те их исправили.",
            "Tests software, finds bugs and describes them so that developers can fix them.",
        ),
        riasec: "ICR",
    },
    ProfessionSeed {
        slug: "ux-ui-designer",
        name: tri("UX/UI дизайнер", "UX/UI-дизайнер", "UX/UI designer"),
        description: tri(
            "Пайдаланушыларды зерттеп, сайттар мен қосымшалардың ыңғайлы әрі түсінікті интерфейсін жобалайды.",
            "Изучает пользователей и проектирует удобные и понятные интерфейсы сайтов и приложений.",
            "Studies users and designs clear, easy-to-use screens for websites and apps.",
        ),
        riasec: "AIS",
    },
    ProfessionSeed {
        slug: "cybersecurity-specialist",
        name: tri("Киберқауіпсіздік маманы", "Специалист по кибербезопасности", "Cybersecurity specialist"),
        description: tri(
            "Компанияның жүйелері мен деректерін хакерлік шабуылдардан қорғап, олардың осал тұстарын іздейді.",
            "Защищает системы и данные компании от хакерских атак и ищет в них уязвимости.",
            "Protects a company's systems and data from hacker attacks and looks for weak spots.",
        ),
        riasec: "IRC",
    },
    ProfessionSeed {
        slug: "system-administrator",
        name: tri("Жүйелік әкімші", "Системный администратор", "System administrator"),
        description: tri(
            "Ұйымның компьютерлері, серверлері мен желісінің үзіліссіз жұмыс істеуін қамтамасыз етеді.",
            "Обеспечивает бесперебойную работу компьютеров, серверов и сети организации.",
            "Keeps an organisation's computers, servers and network running smoothly.",
        ),
        riasec: "RIC",
    },
    ProfessionSeed {
        slug: "game-developer",
        name: tri("Ойын әзірлеушісі", "Разработчик игр", "Game developer"),
        description: tri(
            "Компьютерлік және мобильді ойындардың механикасын бағдарламалап, оларды тестілейді.",
            "Программирует механику компьютерных и мобильных игр и тестирует их.",
            "Programs the mechanics of computer and mobile games and tests them.",
        ),
        riasec: "IAR",
    },
    ProfessionSeed {
        slug: "product-manager",
        name: tri("Өнім менеджері", "Продакт-менеджер", "Product manager"),
        description: tri(
            "Цифрлық өнімді қалай дамыту керегін шешіп, әзірлеушілер, дизайнерлер мен бизнестің жұмысын үйлестіреді.",
            "Решает, как развивать цифровой продукт, и согласует работу разработчиков, дизайнеров и бизнеса.",
            "Decides how a digital product should grow and coordinates developers, designers and the business.",
        ),
        riasec: "EIC",
    },
    ProfessionSeed {
        slug: "it-support-specialist",
        name: tri("Техникалық қолдау маманы", "Специалист технической поддержки", "IT support specialist"),
        description: tri(
            "Пайдаланушыларға компьютер, бағдарлама және желі ақауларын шешуге көмектеседі.",
            "Помогает пользователям решать проблемы с компьютерами, программами и сетью.",
            "Helps users solve problems with computers, software and networks.",
        ),
        riasec: "RSC",
    },
    // Media and content
    ProfessionSeed {
        slug: "mobilographer",
        name: tri("Мобилограф", "Мобилограф", "Mobile videographer"),
        description: tri(
            "Смартфонмен бейне мен фото түсіріп, оларды әлеуметтік желілерге арнап өңдейді.",
            "Снимает видео и фото на смартфон и обрабатывает их для соцсетей.",
            "Shoots videos and photos on a smartphone and edits them for social media.",
        ),
        riasec: "AER",
    },
    ProfessionSeed {
        slug: "photographer",
        name: tri("Фотограф", "Фотограф", "Photographer"),
        description: tri(
            "Адамдарды, іс-шаралар мен тауарларды суретке түсіріп, фотоларды өңдейді.",
            "Фотографирует людей, события и товары и обрабатывает снимки.",
            "Photographs people, events and products and edits the pictures.",
        ),
        riasec: "ARE",
    },
    ProfessionSeed {
        slug: "copywriter",
        name: tri("Копирайтер", "Копирайтер", "Copywriter"),
        description: tri(
            "Жарнамаға, сайттар мен әлеуметтік желілерге арналған тартымды мәтіндер жазады.",
            "Пишет яркие тексты для рекламы, сайтов и соцсетей.",
            "Writes catchy texts for ads, websites and social media.",
        ),
        riasec: "AEI",
    },
    ProfessionSeed {
        slug: "blogger",
        name: tri("Блогер", "Блогер", "Blogger (content creator)"),
        description: tri(
            "Өз блогын жүргізіп, аудиториясына арнап бейне, пост және подкаст жасайды.",
            "Ведёт свой блог и создаёт для своей аудитории видео, посты и подкасты.",
            "Runs a blog or channel and creates videos, posts and podcasts for an audience.",
        ),
        riasec: "AES",
    },
    ProfessionSeed {
        slug: "tv-radio-presenter",
        name: tri("Теле- және радиожүргізуші", "Теле- и радиоведущий", "TV and radio presenter"),
        description: tri(
            "Эфирде бағдарлама жүргізіп, қонақтардан сұхбат алады және көрермендер мен тыңдармандармен тілдеседі.",
            "Ведёт программы в эфире, берёт интервью у гостей и общается со зрителями и слушателями.",
            "Hosts programmes on air, interviews guests and talks with viewers and listeners.",
        ),
        riasec: "ASE",
    },
    ProfessionSeed {
        slug: "video-editor",
        name: tri("Бейнемонтажшы", "Видеомонтажёр", "Video editor"),
        description: tri(
            "Түсірілген материалдан фильм, ролик не клип құрастырып, дыбыс пен әсерлер қосады.",
            "Собирает из отснятого материала фильмы, ролики и клипы, добавляет звук и эффекты.",
            "Cuts raw footage into films, ads and clips and adds sound and effects.",
        ),
        riasec: "ARC",
    },
    // Skilled trades and services
    ProfessionSeed {
        slug: "welder",
        name: tri("Дәнекерлеуші", "Сварщик", "Welder"),
        description: tri(
            "Құрылыста, зауыттар мен шеберханаларда металл бөлшектерді дәнекерлеп біріктіреді.",
            "Соединяет металлические детали сваркой на стройках, заводах и в мастерских.",
            "Joins metal parts by welding on building sites, in factories and in workshops.",
        ),
        riasec: "RCE",
    },
    ProfessionSeed {
        slug: "plumber",
        name: tri("Сантехник", "Сантехник", "Plumber"),
        description: tri(
            "Үйлер мен ғимараттарда су құбырын, жылыту және кәріз жүйелерін орнатып, жөндейді.",
            "Устанавливает и ремонтирует водопровод, отопление и канализацию в домах и зданиях.",
            "Installs and repairs water pipes, heating and drains in homes and buildings.",
        ),
        riasec: "RCI",
    },
    ProfessionSeed {
        slug: "tailor",
        name: tri("Тігінші", "Портной", "Tailor"),
        description: tri(
            "Өлшем алып, киімді пішеді, тігеді және жөндейді.",
            "Снимает мерки, кроит, шьёт и ремонтирует одежду.",
            "Takes measurements, cuts, sews and alters clothes.",
        ),
        riasec: "RAC",
    },
    ProfessionSeed {
        slug: "carpenter",
        name: tri("Ағаш ұстасы", "Столяр", "Carpenter"),
        description: tri(
            "Ағаштан жиһаз, есік, терезе және басқа бұйымдар жасайды.",
            "Изготавливает из дерева мебель, двери, окна и другие изделия.",
            "Makes furniture, doors, windows and other things out of wood.",
        ),
        riasec: "RCA",
    },
    ProfessionSeed {
        slug: "hairdresser",
        name: tri("Шаштараз", "Парикмахер", "Hairdresser"),
        description: tri(
            "Клиенттердің шашын қиып, бояйды және шаш үлгісін жасайды.",
            "Стрижёт, окрашивает и укладывает волосы клиентов.",
            "Cuts, colours and styles clients' hair.",
        ),
        riasec: "RAS",
    },
    ProfessionSeed {
        slug: "bricklayer",
        name: tri("Кірпіш қалаушы", "Каменщик", "Bricklayer"),
        description: tri(
            "Кірпіш пен блоктан қабырғалар, қоршаулар және басқа құрылыстар тұрғызады.",
            "Возводит стены, ограды и другие конструкции из кирпича и блоков.",
            "Builds walls, fences and other structures from bricks and blocks.",
        ),
        riasec: "RCE",
    },
    // Health
    ProfessionSeed {
        slug: "physiotherapist",
        name: tri("Физиотерапевт", "Физиотерапевт-реабилитолог", "Physiotherapist"),
        description: tri(
            "Жаттығулар мен массаж арқылы адамдарға жарақаттан не аурудан кейін қозғалысын қалпына келтіруге көмектеседі.",
            "Помогает людям восстановить движения после травм и болезней с помощью упражнений и массажа.",
            "Helps people move well again after an injury or illness through exercise and massage.",
        ),
        riasec: "SRI",
    },
    ProfessionSeed {
        slug: "dentist",
        name: tri("Тіс дәрігері", "Стоматолог", "Dentist"),
        description: tri(
            "Тістерді тексеріп, емдейді және оларды қалай күту керегін үйретеді.",
            "Осматривает и лечит зубы и учит, как за ними ухаживать.",
            "Checks and treats teeth and teaches people how to look after them.",
        ),
        riasec: "IRS",
    },
    ProfessionSeed {
        slug: "paramedic",
        name: tri("Жедел жәрдем фельдшері", "Фельдшер скорой помощи", "Paramedic"),
        description: tri(
            "Жедел жәрдем шақыруы бойынша барып, оқиға орнында шұғыл медициналық көмек көрсетеді.",
            "Выезжает на вызовы скорой помощи и оказывает неотложную помощь на месте.",
            "Answers ambulance calls and gives emergency care on the spot.",
        ),
        riasec: "RSI",
    },
    ProfessionSeed {
        slug: "medical-lab-technician",
        name: tri("Медициналық зертханашы", "Медицинский лаборант", "Medical laboratory technician"),
        description: tri(
            "Зертханада қан мен басқа сынамаларды талдап, нәтижесін дәрігерлерге береді.",
            "Делает анализы крови и других проб в лаборатории и передаёт результаты врачам.",
            "Tests blood and other samples in a lab and reports the results to doctors.",
        ),
        riasec: "RIC",
    },
    ProfessionSeed {
        slug: "dietitian",
        name: tri("Диетолог", "Диетолог", "Dietitian"),
        description: tri(
            "Адамның денсаулығына қарай тамақтану жоспарын құрып, дұрыс тамақтану жөнінде кеңес береді.",
            "Составляет план питания с учётом здоровья человека и советует, как правильно питаться.",
            "Draws up eating plans that suit a person's health and gives advice on healthy food.",
        ),
        riasec: "ISE",
    },
    ProfessionSeed {
        slug: "speech-therapist",
        name: tri("Логопед", "Логопед", "Speech therapist"),
        description: tri(
            "Балалар мен ересектерге дыбыстарды дұрыс айтуға және сөйлеу қабілетін дамытуға көмектеседі.",
            "Помогает детям и взрослым правильно произносить звуки и развивать речь.",
            "Helps children and adults pronounce sounds correctly and develop their speech.",
        ),
        riasec: "SIA",
    },
    // Education
    ProfessionSeed {
        slug: "tutor",
        name: tri("Репетитор", "Репетитор", "Tutor"),
        description: tri(
            "Оқушылармен жеке не шағын топта сабақ өткізіп, оларды емтихандар мен ҰБТ-ға дайындайды.",
            "Занимается с учениками индивидуально или в небольших группах и готовит их к экзаменам и ЕНТ.",
            "Teaches students one-to-one or in small groups and prepares them for exams such as the UNT.",
        ),
        riasec: "SIE",
    },
    ProfessionSeed {
        slug: "kindergarten-teacher",
        name: tri("Балабақша тәрбиешісі", "Воспитатель детского сада", "Kindergarten teacher"),
        description: tri(
            "Балабақшада балаларға қамқорлық жасап, олармен ойын түрінде сабақ өткізеді.",
            "Заботится о детях в детском саду и проводит с ними занятия в игровой форме.",
            "Looks after children at a kindergarten and teaches them through play.",
        ),
        riasec: "SAR",
    },
    ProfessionSeed {
        slug: "career-counsellor",
        name: tri("Кәсіптік бағдар беру маманы", "Профориентолог", "Career counsellor"),
        description: tri(
            "Жастарға өз қызығушылықтары мен мүмкіндіктерін түсініп, мамандық таңдауға көмектеседі.",
            "Помогает молодым людям понять свои интересы и возможности и выбрать профессию.",
            "Helps young people understand their interests and strengths and choose a career.",
        ),
        riasec: "SEI",
    },
    ProfessionSeed {
        slug: "university-lecturer",
        name: tri("ЖОО оқытушысы", "Преподаватель вуза", "University lecturer"),
        description: tri(
            "Студенттерге дәріс оқып, семинар өткізеді және өз саласында ғылыми зерттеу жүргізеді.",
            "Читает лекции студентам, ведёт семинары и занимается наукой в своей области.",
            "Gives lectures and seminars to students and does research in their field.",
        ),
        riasec: "SIA",
    },
    // Public service and safety
    ProfessionSeed {
        slug: "police-officer",
        name: tri("Полиция қызметкері", "Сотрудник полиции", "Police officer"),
        description: tri(
            "Қоғамдық тәртіпті сақтап, азаматтарды қорғайды және құқық бұзушылықтың алдын алады.",
            "Охраняет общественный порядок, защищает граждан и предотвращает правонарушения.",
            "Keeps public order, protects people and prevents crime.",
        ),
        riasec: "RES",
    },
    ProfessionSeed {
        slug: "firefighter",
        name: tri("Өрт сөндіруші", "Пожарный", "Firefighter"),
        description: tri(
            "Өрт сөндіріп, адамдарды құтқарады және өрт қауіпсіздігі ережелерінің сақталуын тексереді.",
            "Тушит пожары, спасает людей и проверяет соблюдение правил пожарной безопасности.",
            "Puts out fires, rescues people and checks that fire safety rules are followed.",
        ),
        riasec: "RSE",
    },
    ProfessionSeed {
        slug: "rescuer",
        name: tri("Құтқарушы", "Спасатель", "Rescue worker"),
        description: tri(
            "Тауда, суда, жер сілкінісі мен апат кезінде адамдарды іздеп, құтқарады.",
            "Ищет и спасает людей в горах, на воде, при землетрясениях и авариях.",
            "Searches for and rescues people in the mountains, on water, in earthquakes and accidents.",
        ),
        riasec: "RSI",
    },
    ProfessionSeed {
        slug: "civil-servant",
        name: tri("Мемлекеттік қызметші", "Государственный служащий", "Civil servant"),
        description: tri(
            "Мемлекеттік органда құжат дайындап, азаматтардың өтініштерін қарайды және мемлекеттік бағдарламаларды жүзеге асырады.",
            "Готовит документы в госоргане, рассматривает обращения граждан и реализует государственные программы.",
            "Prepares documents in a government body, handles citizens' requests and carries out public programmes.",
        ),
        riasec: "CES",
    },
    ProfessionSeed {
        slug: "youth-worker",
        name: tri("Жастар ісі жөніндегі маман", "Специалист по работе с молодёжью", "Youth worker"),
        description: tri(
            "Жастар орталығында жобалар мен іс-шаралар ұйымдастырып, жастарға кеңес беріп, қолдау көрсетеді.",
            "Организует проекты и мероприятия в молодёжном центре, консультирует и поддерживает молодёжь.",
            "Runs projects and events at a youth centre and advises and supports young people.",
        ),
        riasec: "SEA",
    },
    ProfessionSeed {
        slug: "customs-officer",
        name: tri("Кеден қызметкері", "Сотрудник таможни", "Customs officer"),
        description: tri(
            "Шекарада тауарлар мен жүктердің құжаттарын тексеріп, кеден ережелерінің сақталуын қадағалайды.",
            "Проверяет документы на товары и грузы на границе и следит за соблюдением таможенных правил.",
            "Checks the papers for goods and cargo at the border and makes sure customs rules are kept.",
        ),
        riasec: "CER",
    },
    // Agriculture
    ProfessionSeed {
        slug: "veterinarian",
        name: tri("Мал дәрігері", "Ветеринарный врач", "Veterinarian"),
        description: tri(
            "Үй жануарлары мен малдың ауруларын анықтап, емдейді және алдын алады.",
            "Диагностирует, лечит и предупреждает болезни домашних и сельскохозяйственных животных.",
            "Diagnoses, treats and prevents illness in pets and farm animals.",
        ),
        riasec: "IRS",
    },
    ProfessionSeed {
        slug: "farmer",
        name: tri("Фермер", "Фермер", "Farmer"),
        description: tri(
            "Өз шаруашылығында дақыл өсіріп, мал бағады және өнімін сатады.",
            "Выращивает культуры и разводит скот в своём хозяйстве и продаёт продукцию.",
            "Grows crops and raises livestock on their own farm and sells the produce.",
        ),
        riasec: "REC",
    },
    ProfessionSeed {
        slug: "livestock-specialist",
        name: tri("Зоотехник", "Зоотехник", "Livestock specialist"),
        description: tri(
            "Малдың азығын, күтімін және тұқымын жақсартып, ферманың өнімділігін арттырады.",
            "Подбирает корма, уход и породы скота и повышает продуктивность фермы.",
            "Plans the feed, care and breeding of livestock to make a farm more productive.",
        ),
        riasec: "RIC",
    },
    ProfessionSeed {
        slug: "farm-machinery-operator",
        name: tri("Тракторшы-машинист", "Тракторист-машинист", "Farm machinery operator"),
        description: tri(
            "Трактор мен комбайнды басқарып, жер жыртады, егін егеді және орады.",
            "Управляет трактором и комбайном: пашет, сеет и убирает урожай.",
            "Drives tractors and combines to plough, sow and harvest the fields.",
        ),
        riasec: "RCE",
    },
    // Creative industries
    ProfessionSeed {
        slug: "animator",
        name: tri("Аниматор (мультипликатор)", "Художник-аниматор", "Animator"),
        description: tri(
            "Мультфильмдер, ойындар мен жарнама үшін кейіпкерлер мен суреттерді қозғалысқа келтіреді.",
            "Оживляет персонажей и картинки для мультфильмов, игр и рекламы.",
            "Brings characters and pictures to life for cartoons, games and ads.",
        ),
        riasec: "AIR",
    },
    ProfessionSeed {
        slug: "fashion-designer",
        name: tri("Киім дизайнері", "Дизайнер одежды", "Fashion designer"),
        description: tri(
            "Киім үлгілерін ойлап тауып, эскиз салады және коллекция жасайды.",
            "Придумывает модели одежды, рисует эскизы и создаёт коллекции.",
            "Comes up with clothing designs, draws sketches and creates collections.",
        ),
        riasec: "AER",
    },
    ProfessionSeed {
        slug: "interior-designer",
        name: tri("Интерьер дизайнері", "Дизайнер интерьера", "Interior designer"),
        description: tri(
            "Пәтерлердің, кеңселер мен кафелердің ішкі көрінісін ыңғайлы әрі әдемі етіп жобалайды.",
            "Проектирует удобные и красивые интерьеры квартир, офисов и кафе.",
            "Designs comfortable, good-looking interiors for flats, offices and cafés.",
        ),
        riasec: "ARE",
    },
    ProfessionSeed {
        slug: "actor",
        name: tri("Актер", "Актёр", "Actor"),
        description: tri(
            "Театр мен кинода рөл сомдап, фильмдерді дыбыстайды.",
            "Играет роли в театре и кино и озвучивает фильмы.",
            "Plays roles on stage and in films and does voice work for dubbing.",
        ),
        riasec: "ASE",
    },
    ProfessionSeed {
        slug: "illustrator",
        name: tri("Иллюстратор", "Иллюстратор", "Illustrator"),
        description: tri(
            "Кітаптарға, журналдарға, сайттар мен қаптамаларға сурет салады.",
            "Рисует иллюстрации для книг, журналов, сайтов и упаковки.",
            "Draws pictures for books, magazines, websites and packaging.",
        ),
        riasec: "ARI",
    },
    // Business, trade and hospitality
    ProfessionSeed {
        slug: "marketer",
        name: tri("Маркетолог", "Маркетолог", "Marketing specialist"),
        description: tri(
            "Нарық пен сатып алушыларды зерттеп, тауарды қалай ілгерілету керегін жоспарлайды.",
            "Изучает рынок и покупателей и планирует, как продвигать товар.",
            "Studies the market and customers and plans how to promote a product.",
        ),
        riasec: "EAI",
    },
    ProfessionSeed {
        slug: "hotel-administrator",
        name: tri("Қонақүй әкімшісі", "Администратор гостиницы", "Hotel administrator"),
        description: tri(
            "Қонақтарды қарсы алып, нөмірлерді брондайды және қонақүй қызметкерлерінің жұмысын үйлестіреді.",
            "Встречает гостей, бронирует номера и координирует работу персонала гостиницы.",
            "Welcomes guests, handles room bookings and coordinates the hotel staff.",
        ),
        riasec: "ESC",
    },
    ProfessionSeed {
        slug: "hr-manager",
        name: tri("HR-менеджер (персоналмен жұмыс)", "HR-менеджер (менеджер по персоналу)", "HR manager"),
        description: tri(
            "Компанияға қызметкер іздеп, сұхбат өткізеді және жаңа қызметкерлерге бейімделуге көмектеседі.",
            "Ищет сотрудников для компании, проводит собеседования и помогает новичкам освоиться.",
            "Finds staff for a company, runs job interviews and helps newcomers settle in.",
        ),
        riasec: "SEC",
    },
    ProfessionSeed {
        slug: "financial-analyst",
        name: tri("Қаржы талдаушысы", "Финансовый аналитик", "Financial analyst"),
        description: tri(
            "Компаниялардың қаржылық көрсеткіштерін талдап, инвестиция мен шығындар жөнінде ұсыныс береді.",
            "Анализирует финансовые показатели компаний и даёт рекомендации по инвестициям и расходам.",
            "Analyses companies' financial results and advises on investments and spending.",
        ),
        riasec: "CIE",
    },
    ProfessionSeed {
        slug: "economist",
        name: tri("Экономист", "Экономист", "Economist"),
        description: tri(
            "Бағаларды, табыстарды және нарықтағы өзгерістерді зерттеп, болжам жасайды.",
            "Изучает цены, доходы и изменения на рынке и делает прогнозы.",
            "Studies prices, incomes and changes in the market and makes forecasts.",
        ),
        riasec: "ICE",
    },
    ProfessionSeed {
        slug: "project-manager",
        name: tri("Жоба менеджері", "Менеджер проектов", "Project manager"),
        description: tri(
            "Жобаның жоспарын, мерзімі мен бюджетін құрып, команданың жұмысын нәтижеге жеткізеді.",
            "Составляет план, сроки и бюджет проекта и доводит работу команды до результата.",
            "Sets a project's plan, deadlines and budget and leads the team to the result.",
        ),
        riasec: "ESC",
    },
    ProfessionSeed {
        slug: "real-estate-agent",
        name: tri("Риелтор", "Риелтор", "Estate agent"),
        description: tri(
            "Пәтер мен үйді сатуға, сатып алуға не жалға алуға көмектесіп, мәмілені рәсімдейді.",
            "Помогает продать, купить или снять квартиру или дом и оформляет сделку.",
            "Helps people sell, buy or rent flats and houses and arranges the deal.",
        ),
        riasec: "ESC",
    },
    ProfessionSeed {
        slug: "restaurant-manager",
        name: tri("Мейрамхана менеджері", "Управляющий рестораном", "Restaurant manager"),
        description: tri(
            "Мейрамхананың жұмысын ұйымдастырып, қызметкерлерді басқарады және қонақтардың көңілі толуын қадағалайды.",
            "Организует работу ресторана, руководит персоналом и следит, чтобы гости были довольны.",
            "Runs a restaurant day to day, manages the staff and makes sure guests are happy.",
        ),
        riasec: "ECS",
    },
    ProfessionSeed {
        slug: "barista",
        name: tri("Бариста", "Бариста", "Barista"),
        description: tri(
            "Кофе мен басқа сусындар дайындап, келушілерге қызмет көрсетеді.",
            "Готовит кофе и другие напитки и обслуживает гостей.",
            "Makes coffee and other drinks and serves customers.",
        ),
        riasec: "RSE",
    },
    ProfessionSeed {
        slug: "baker",
        name: tri("Наубайшы", "Пекарь", "Baker"),
        description: tri(
            "Нан, тоқаш және ұннан жасалатын басқа да тағамдар пісіреді.",
            "Выпекает хлеб, булочки и другие изделия из теста.",
            "Bakes bread, buns and other baked goods.",
        ),
        riasec: "RCA",
    },
    ProfessionSeed {
        slug: "contact-centre-agent",
        name: tri("Байланыс орталығының операторы", "Оператор контакт-центра", "Contact centre agent"),
        description: tri(
            "Клиенттердің қоңыраулары мен хаттарына жауап беріп, олардың мәселелерін шешеді.",
            "Отвечает на звонки и сообщения клиентов и решает их вопросы.",
            "Answers customers' calls and messages and sorts out their questions.",
        ),
        riasec: "CSE",
    },
    ProfessionSeed {
        slug: "courier",
        name: tri("Курьер", "Курьер", "Courier"),
        description: tri(
            "Қала ішінде тапсырыстарды, құжаттар мен сәлемдемелерді уақытында жеткізеді.",
            "Вовремя доставляет по городу заказы, документы и посылки.",
            "Delivers orders, documents and parcels around the city on time.",
        ),
        riasec: "RCS",
    },
    // Law, languages, culture and tourism
    ProfessionSeed {
        slug: "translator",
        name: tri("Аудармашы", "Переводчик", "Translator and interpreter"),
        description: tri(
            "Мәтіндер мен ауызша сөзді бір тілден екінші тілге аударады.",
            "Переводит тексты и устную речь с одного языка на другой.",
            "Translates texts and speech from one language into another.",
        ),
        riasec: "ASC",
    },
    ProfessionSeed {
        slug: "sign-language-interpreter",
        name: tri("Ымдау тілінің аудармашысы", "Сурдопереводчик", "Sign language interpreter"),
        description: tri(
            "Есту қабілеті бұзылған адамдар үшін ауызша сөзді ымдау тіліне және керісінше аударады.",
            "Переводит устную речь на жестовый язык и обратно для людей с нарушением слуха.",
            "Interprets between spoken language and sign language for deaf and hard-of-hearing people.",
        ),
        riasec: "SAC",
    },
    ProfessionSeed {
        slug: "tour-guide",
        name: tri("Гид (экскурсия жүргізуші)", "Гид-экскурсовод", "Tour guide"),
        description: tri(
            "Туристерге Алматы мен тауларды көрсетіп, олардың тарихы мен табиғаты туралы әңгімелейді.",
            "Показывает туристам Алматы и горы и рассказывает об их истории и природе.",
            "Shows tourists around Almaty and the mountains and tells them about history and nature.",
        ),
        riasec: "SEA",
    },
    ProfessionSeed {
        slug: "librarian",
        name: tri("Кітапханашы", "Библиотекарь", "Librarian"),
        description: tri(
            "Кітап қорын реттеп, оқырмандарға қажет ақпаратты табуға көмектеседі және кездесулер өткізеді.",
            "Ведёт книжный фонд, помогает читателям найти нужную информацию и проводит встречи.",
            "Looks after a library's collection, helps readers find information and hosts events.",
        ),
        riasec: "CSA",
    },
    ProfessionSeed {
        slug: "notary",
        name: tri("Нотариус", "Нотариус", "Notary"),
        description: tri(
            "Шарттарды, сенімхаттарды және басқа да құжаттарды куәландырады.",
            "Удостоверяет договоры, доверенности и другие документы.",
            "Certifies contracts, powers of attorney and other legal documents.",
        ),
        riasec: "CEI",
    },
    // Energy, industry and transport
    ProfessionSeed {
        slug: "oil-gas-engineer",
        name: tri("Мұнай-газ инженері", "Инженер нефтегазовой отрасли", "Oil and gas engineer"),
        description: tri(
            "Мұнай мен газ кен орындарында ұңғымаларды жобалап, өндіру үдерісін бақылайды.",
            "Проектирует скважины на месторождениях нефти и газа и контролирует добычу.",
            "Designs wells at oil and gas fields and oversees production.",
        ),
        riasec: "RIC",
    },
    ProfessionSeed {
        slug: "power-engineer",
        name: tri("Энергетика инженері", "Инженер-энергетик", "Power engineer"),
        description: tri(
            "Электр станциялары мен желілерін жобалап, оларға қызмет көрсетеді және энергия үнемдеу жолдарын іздейді.",
            "Проектирует и обслуживает электростанции и сети и ищет способы экономить энергию.",
            "Designs and maintains power plants and grids and looks for ways to save energy.",
        ),
        riasec: "RIE",
    },
    ProfessionSeed {
        slug: "renewable-energy-technician",
        name: tri(
            "Жаңартылатын энергетика технигі",
            "Техник по возобновляемой энергетике",
            "Renewable energy technician",
        ),
        description: tri(
            "Күн панельдері мен жел генераторларын орнатып, олардың жұмысын тексереді.",
            "Устанавливает солнечные панели и ветрогенераторы и проверяет их работу.",
            "Installs solar panels and wind turbines and checks that they work.",
        ),
        riasec: "RIC",
    },
    ProfessionSeed {
        slug: "geologist",
        name: tri("Геолог", "Геолог", "Geologist"),
        description: tri(
            "Жер қойнауын зерттеп, пайдалы қазбалар мен жерасты суларын іздейді.",
            "Изучает земные недра и ищет полезные ископаемые и подземные воды.",
            "Studies the rocks beneath our feet and searches for minerals and groundwater.",
        ),
        riasec: "IRC",
    },
    ProfessionSeed {
        slug: "mining-engineer",
        name: tri("Тау-кен инженері", "Горный инженер", "Mining engineer"),
        description: tri(
            "Шахталар мен карьерлерде пайдалы қазбаларды қауіпсіз өндіруді жоспарлайды.",
            "Планирует безопасную добычу полезных ископаемых в шахтах и карьерах.",
            "Plans the safe extraction of minerals in mines and quarries.",
        ),
        riasec: "RIE",
    },
    ProfessionSeed {
        slug: "train-driver",
        name: tri("Локомотив машинисі", "Машинист локомотива", "Train driver"),
        description: tri(
            "Жолаушы және жүк пойыздарын кесте бойынша қауіпсіз жүргізеді.",
            "Безопасно водит пассажирские и грузовые поезда по расписанию.",
            "Drives passenger and freight trains safely and on schedule.",
        ),
        riasec: "RCE",
    },
    ProfessionSeed {
        slug: "airline-pilot",
        name: tri("Ұшқыш", "Пилот", "Airline pilot"),
        description: tri(
            "Жолаушылар ұшағын басқарып, ұшу қауіпсіздігіне жауап береді.",
            "Управляет пассажирским самолётом и отвечает за безопасность полёта.",
            "Flies passenger aircraft and is responsible for flight safety.",
        ),
        riasec: "RIE",
    },
    ProfessionSeed {
        slug: "flight-attendant",
        name: tri("Бортсерік", "Бортпроводник", "Flight attendant"),
        description: tri(
            "Ұшақта жолаушыларға қызмет көрсетіп, олардың қауіпсіздігі мен жайлылығын қадағалайды.",
            "Обслуживает пассажиров в самолёте и следит за их безопасностью и комфортом.",
            "Looks after passengers on board and keeps them safe and comfortable.",
        ),
        riasec: "SER",
    },
];

// ---------------------------------------------------------------------------------------------
// Discount-card benefits. Partner names are fictional.
// ---------------------------------------------------------------------------------------------

pub const BENEFITS: &[BenefitSeed] = &[
    BenefitSeed {
        slug: "transit-card-topup-bonus",
        partner: "JasTransit",
        category: BenefitCategory::Transport,
        title: tri(
            "Жол жүру картасын толтырғанда +10% бонус",
            "+10% бонус при пополнении проездной карты",
            "+10% bonus on transit card top-ups",
        ),
    },
    BenefitSeed {
        slug: "bike-rental-discount",
        partner: "AlmaBike Rent",
        category: BenefitCategory::Transport,
        title: tri("Велосипед жалдауға 30% жеңілдік", "Скидка 30% на прокат велосипедов", "30% off bike rental"),
    },
    BenefitSeed {
        slug: "lunch-menu-discount",
        partner: "Dastarkhan Café",
        category: BenefitCategory::Catering,
        title: tri("Түскі ас мәзіріне 15% жеңілдік", "Скидка 15% на бизнес-ланч", "15% off the lunch menu"),
    },
    BenefitSeed {
        slug: "second-coffee-free",
        partner: "Bauyrsak Coffee",
        category: BenefitCategory::Catering,
        title: tri("Екінші кофе — тегін", "Второй кофе в подарок", "Second coffee free"),
    },
    BenefitSeed {
        slug: "bakery-discount",
        partner: "Samsa House",
        category: BenefitCategory::Catering,
        title: tri("Барлық тапсырысқа 10% жеңілдік", "Скидка 10% на все заказы", "10% off all orders"),
    },
    BenefitSeed {
        slug: "gym-pass-discount",
        partner: "Alatau Fit",
        category: BenefitCategory::Sport,
        title: tri(
            "Спортзалға айлық абонементке 25% жеңілдік",
            "Скидка 25% на месячный абонемент в тренажёрный зал",
            "25% off a monthly gym pass",
        ),
    },
    BenefitSeed {
        slug: "climbing-wall-discount",
        partner: "Shyng Climbing",
        category: BenefitCategory::Sport,
        title: tri(
            "Скалодромға бір рет баруға 20% жеңілдік",
            "Скидка 20% на разовое посещение скалодрома",
            "20% off a single climbing-wall visit",
        ),
    },
    BenefitSeed {
        slug: "swimming-pool-discount",
        partner: "Tolqyn Pool",
        category: BenefitCategory::Sport,
        title: tri(
            "Бассейнге бір рет баруға 30% жеңілдік",
            "Скидка 30% на разовое посещение бассейна",
            "30% off a single pool visit",
        ),
    },
    BenefitSeed {
        slug: "theatre-tickets-discount",
        partner: "Sahna Youth Theatre",
        category: BenefitCategory::Culture,
        title: tri(
            "Спектакль билеттеріне 50% жеңілдік",
            "Скидка 50% на билеты на спектакли",
            "50% off theatre tickets",
        ),
    },
    BenefitSeed {
        slug: "cinema-daytime-discount",
        partner: "Kino Jas",
        category: BenefitCategory::Culture,
        title: tri("Күндізгі сеанстарға 30% жеңілдік", "Скидка 30% на дневные сеансы", "30% off daytime screenings"),
    },
    BenefitSeed {
        slug: "gallery-free-entry",
        partner: "Mura Art Gallery",
        category: BenefitCategory::Culture,
        title: tri("Көрмелерге тегін кіру", "Бесплатный вход на выставки", "Free admission to exhibitions"),
    },
];

// ---------------------------------------------------------------------------------------------
// Instructors (fictional names).
// ---------------------------------------------------------------------------------------------

pub const INSTRUCTORS: &[&str] = &[
    "Айгерім Сәдуақасова",
    "Ерлан Жұмабеков",
    "Дина Омарова",
    "Асқар Бекмұхамбетов",
    "Мадина Серікқызы",
    "Дәурен Оспанов",
    "Әсел Тоқтарова",
    "Бауыржан Қасымов",
    "Жанна Әбілқасымова",
    "Арман Сейітов",
    "Гүлнар Иманбаева",
    "Ержан Мұқанов",
    "Алия Жақсылықова",
    "Руслан Байжанов",
    "Тимур Ахметов",
    "Камила Юсупова",
    "Анна Ковалёва",
    "Дмитрий Соколов",
    "Елена Ким",
    "Сергей Лебедев",
    "Ольга Петренко",
    "Максим Ли",
];
