//! The raw material of the corpus: partnerships and their members, and
//! Polish sentences, titles, lists and tags written for this generator.
//! Slots in sentences: {g} a member gmina, {p} the partnership, {n} a number,
//! {k} an amount, {d} a date, {m} a meeting place.

/// A partnership that took part in the CWD pilot (see DOMAIN.md).
pub struct KnownSite {
    pub id: &'static str,
    pub title: &'static str,
    pub voivodeship: &'static str,
    pub members: &'static [(&'static str, &'static str)],
}

pub const KNOWN_SITES: &[KnownSite] = &[
    KnownSite {
        id: "ziemia-wysokomazowiecka",
        title: "Partnerstwo „Ziemia Wysokomazowiecka”",
        voivodeship: "podlaskie",
        members: &[
            ("Powiat Wysokomazowiecki", "powiat"),
            ("Miasto Wysokie Mazowieckie", "gmina miejska"),
            ("Gmina Wysokie Mazowieckie", "gmina wiejska"),
            ("Gmina Szepietowo", "gmina miejsko-wiejska"),
            ("Gmina Kulesze Kościelne", "gmina wiejska"),
            ("Gmina Kobylin-Borzymy", "gmina wiejska"),
            ("Gmina Sokoły", "gmina wiejska"),
            ("Gmina Czyżew", "gmina miejsko-wiejska"),
            ("Gmina Klukowo", "gmina wiejska"),
            ("Gmina Nowe Piekuty", "gmina wiejska"),
            ("Miasto i Gmina Ciechanowiec", "gmina miejsko-wiejska"),
        ],
    },
    KnownSite {
        id: "razem-dla-rozwoju",
        title: "Partnerstwo „Razem dla Rozwoju”",
        voivodeship: "mazowieckie",
        members: &[
            ("Powiat Łosicki", "powiat"),
            ("Miasto i Gmina Łosice", "gmina miejsko-wiejska"),
            ("Gmina Huszlew", "gmina wiejska"),
            ("Gmina Olszanka", "gmina wiejska"),
            ("Gmina Sarnaki", "gmina wiejska"),
            ("Gmina Platerów", "gmina wiejska"),
            ("Gmina Stara Kornica", "gmina wiejska"),
            ("Gmina Korczew", "gmina wiejska"),
            ("Gmina Paprotnia", "gmina wiejska"),
            ("Gmina Przesmyki", "gmina wiejska"),
            ("Gmina Ceranów", "gmina wiejska"),
            ("Gmina Jabłonna Lacka", "gmina wiejska"),
            ("Miasto i Gmina Kosów Lacki", "gmina miejsko-wiejska"),
            ("Gmina Repki", "gmina wiejska"),
            ("Gmina Sabnie", "gmina wiejska"),
            ("Gmina Sterdyń", "gmina wiejska"),
        ],
    },
    KnownSite {
        id: "powiat-walecki",
        title: "Sieć Współpracy Gmin Powiatu Wałeckiego",
        voivodeship: "zachodniopomorskie",
        members: &[
            ("Powiat Wałecki", "powiat"),
            ("Miasto i Gmina Człopa", "gmina miejsko-wiejska"),
            ("Gmina i Miasto Mirosławiec", "gmina miejsko-wiejska"),
            ("Gmina i Miasto Tuczno", "gmina miejsko-wiejska"),
            ("Gmina Miejska Wałcz", "gmina miejska"),
            ("Gmina Wiejska Wałcz", "gmina wiejska"),
        ],
    },
    KnownSite {
        id: "dabrowa-tarnowska",
        title: "Partnerstwo Dąbrowa Tarnowska (CWD Plus)",
        voivodeship: "małopolskie",
        members: &[
            ("Gmina Dąbrowa Tarnowska", "gmina miejsko-wiejska"),
            ("Gmina Szczucin", "gmina miejsko-wiejska"),
            ("Gmina Bolesław", "gmina wiejska"),
            ("Gmina Gręboszów", "gmina wiejska"),
            ("Gmina Mędrzechów", "gmina wiejska"),
            ("Gmina Olesno", "gmina wiejska"),
            ("Gmina Radgoszcz", "gmina wiejska"),
        ],
    },
];

/// Names of further (made-up) partnerships, each drawing members from one
/// group of real gminy below.
pub const MORE_SITE_NAMES: &[&str] = &[
    "Dolina Tyśmienicy",
    "Bieszczady Razem",
    "Mazury Garbate",
    "Ziemia Ostrowiecka",
    "Bory Dolnośląskie",
    "Ziemia Lipnowska",
    "Ziemia Rawska",
    "Płaskowyż Głubczycki",
    "Kaszubskie Lasy",
    "Jura Północna",
    "Pleszewskie Razem",
    "Przedgórze Sudeckie",
    "Polesie Zachodnie",
    "Zielone Karpaty",
    "Pojezierze Oleckie",
    "Dolina Kamiennej",
    "Wrzosowa Kraina",
    "Dobrzyńskie Wzgórza",
    "Mazowsze Rawskie",
    "Opolska Wieś",
    "Bytowskie Jeziora",
    "Szlak Orlich Gniazd",
    "Południowa Wielkopolska",
    "Ziemia Kłodzka",
    "Nadbużański Krąg",
    "Sanockie Porozumienie",
    "Suwalszczyzna Wschodnia",
    "Świętokrzyskie Źródła",
    "Szprotawskie Łąki",
    "Kujawskie Pola",
    "Pilica i Rawka",
    "Granica Południowa",
    "Słupskie Pomorze",
    "Częstochowskie Skałki",
];

/// Real gminy, grouped by voivodeship.
pub const MEMBER_GROUPS: &[(&str, &[(&str, &str)])] = &[
    (
        "lubelskie",
        &[
            ("Gmina Hanna", "gmina wiejska"),
            ("Gmina Wyryki", "gmina wiejska"),
            ("Gmina Sosnowica", "gmina wiejska"),
            ("Gmina Urszulin", "gmina wiejska"),
            ("Gmina Stary Brus", "gmina wiejska"),
            ("Miasto i Gmina Parczew", "gmina miejsko-wiejska"),
            ("Gmina Dębowa Kłoda", "gmina wiejska"),
            ("Gmina Jabłoń", "gmina wiejska"),
            ("Gmina Podedwórze", "gmina wiejska"),
            ("Gmina Siemień", "gmina wiejska"),
        ],
    ),
    (
        "podkarpackie",
        &[
            ("Gmina Baligród", "gmina wiejska"),
            ("Gmina Cisna", "gmina wiejska"),
            ("Gmina Komańcza", "gmina wiejska"),
            ("Miasto i Gmina Lesko", "gmina miejsko-wiejska"),
            ("Gmina Olszanica", "gmina wiejska"),
            ("Gmina Solina", "gmina wiejska"),
            ("Miasto i Gmina Ustrzyki Dolne", "gmina miejsko-wiejska"),
            ("Gmina Czarna", "gmina wiejska"),
        ],
    ),
    (
        "warmińsko-mazurskie",
        &[
            ("Gmina Banie Mazurskie", "gmina wiejska"),
            ("Gmina Dubeninki", "gmina wiejska"),
            ("Gmina Gołdap", "gmina miejsko-wiejska"),
            ("Gmina Kowale Oleckie", "gmina wiejska"),
            ("Gmina Świętajno", "gmina wiejska"),
            ("Gmina Wieliczki", "gmina wiejska"),
            ("Miasto i Gmina Olecko", "gmina miejsko-wiejska"),
        ],
    ),
    (
        "świętokrzyskie",
        &[
            ("Gmina Bałtów", "gmina wiejska"),
            ("Gmina Bodzechów", "gmina wiejska"),
            ("Gmina Kunów", "gmina miejsko-wiejska"),
            ("Gmina Waśniów", "gmina wiejska"),
            ("Gmina Sadowie", "gmina wiejska"),
            ("Gmina Lipnik", "gmina wiejska"),
            ("Gmina Wojciechowice", "gmina wiejska"),
        ],
    ),
    (
        "lubuskie",
        &[
            ("Gmina Brzeźnica", "gmina wiejska"),
            ("Gmina Iłowa", "gmina miejsko-wiejska"),
            ("Gmina Małomice", "gmina miejsko-wiejska"),
            ("Gmina Niegosławice", "gmina wiejska"),
            ("Gmina Szprotawa", "gmina miejsko-wiejska"),
            ("Gmina Wymiarki", "gmina wiejska"),
        ],
    ),
    (
        "kujawsko-pomorskie",
        &[
            ("Gmina Bobrowniki", "gmina wiejska"),
            ("Gmina Czernikowo", "gmina wiejska"),
            ("Gmina Kikół", "gmina wiejska"),
            ("Gmina Skępe", "gmina miejsko-wiejska"),
            ("Gmina Tłuchowo", "gmina wiejska"),
            ("Gmina Wielgie", "gmina wiejska"),
            ("Gmina Lipno", "gmina wiejska"),
        ],
    ),
    (
        "łódzkie",
        &[
            ("Gmina Biała Rawska", "gmina miejsko-wiejska"),
            ("Gmina Cielądz", "gmina wiejska"),
            ("Gmina Regnów", "gmina wiejska"),
            ("Gmina Sadkowice", "gmina wiejska"),
            ("Gmina Rawa Mazowiecka", "gmina wiejska"),
        ],
    ),
    (
        "opolskie",
        &[
            ("Gmina Baborów", "gmina miejsko-wiejska"),
            ("Gmina Branice", "gmina wiejska"),
            ("Gmina Głubczyce", "gmina miejsko-wiejska"),
            ("Gmina Kietrz", "gmina miejsko-wiejska"),
        ],
    ),
    (
        "pomorskie",
        &[
            ("Gmina Czarna Dąbrówka", "gmina wiejska"),
            ("Gmina Kołczygłowy", "gmina wiejska"),
            ("Gmina Tuchomie", "gmina wiejska"),
            ("Gmina Trzebielino", "gmina wiejska"),
            ("Gmina Borzytuchom", "gmina wiejska"),
        ],
    ),
    (
        "śląskie",
        &[
            ("Gmina Koziegłowy", "gmina miejsko-wiejska"),
            ("Gmina Kroczyce", "gmina wiejska"),
            ("Gmina Włodowice", "gmina wiejska"),
            ("Gmina Żarki", "gmina miejsko-wiejska"),
        ],
    ),
    (
        "wielkopolskie",
        &[
            ("Gmina Chocz", "gmina wiejska"),
            ("Gmina Czermin", "gmina wiejska"),
            ("Gmina Gizałki", "gmina wiejska"),
            ("Gmina Pleszew", "gmina miejsko-wiejska"),
            ("Gmina Dobrzyca", "gmina miejsko-wiejska"),
        ],
    ),
    (
        "dolnośląskie",
        &[
            ("Gmina Bardo", "gmina miejsko-wiejska"),
            ("Gmina Kamieniec Ząbkowicki", "gmina wiejska"),
            ("Gmina Stoszowice", "gmina wiejska"),
            ("Gmina Ziębice", "gmina miejsko-wiejska"),
            ("Gmina Złoty Stok", "gmina miejsko-wiejska"),
        ],
    ),
];

/// About forty tags, as clerks write them (lower case, no diacritics).
pub const TAGS: &[&str] = &[
    "strategia",
    "konsultacje",
    "ankiety",
    "warsztaty",
    "spotkania",
    "fundusze-ue",
    "feps",
    "drogi",
    "transport",
    "szkoly",
    "przedszkola",
    "woda",
    "kanalizacja",
    "turystyka",
    "agroturystyka",
    "oze",
    "fotowoltaika",
    "senior",
    "mlodziez",
    "osp",
    "kgw",
    "lgd",
    "sport",
    "kultura",
    "dziedzictwo",
    "przedsiebiorczosc",
    "rolnictwo",
    "zdrowie",
    "cyfryzacja",
    "ekologia",
    "rewitalizacja",
    "mieszkancy",
    "doradcy",
    "seminarium",
    "cwd",
    "cwd-plus",
    "projekty",
    "nabory",
    "sciezki-rowerowe",
    "pomoc-spoleczna",
];

/// Categories: the kinds of announcement (eight, as on the held corpus).
pub const CATEGORIES: &[&str] = &[
    "Komunikaty",
    "Konsultacje",
    "Spotkania i warsztaty",
    "Fundusze europejskie",
    "Drogi i transport",
    "Oświata",
    "Woda i środowisko",
    "Turystyka i kultura",
];

/// One subject of announcements: how its titles start, what its
/// sentences and list items say.
pub struct Topic {
    pub titles: &'static [&'static str],
    pub headings: &'static [&'static str],
    pub sentences: &'static [&'static str],
    pub items: &'static [&'static str],
    /// Index into CATEGORIES.
    pub category: usize,
    /// Indices into TAGS that fit the topic.
    pub tags: &'static [usize],
}

pub const TOPICS: &[Topic] = &[
    Topic {
        titles: &[
            "Posiedzenie Rady Partnerstwa – {g}",
            "Spotkanie przedstawicieli gmin partnerstwa",
            "Podsumowanie prac partnerstwa – {d}",
        ],
        headings: &["Przebieg spotkania", "Najważniejsze ustalenia", "Kolejne kroki"],
        sentences: &[
            "W spotkaniu wzięli udział wójtowie, burmistrzowie i starosta oraz doradcy partnerstwa ze Związku Miast Polskich.",
            "Gospodarzem posiedzenia był samorząd: {g}, który udostępnił salę obrad urzędu.",
            "Uczestnicy omówili harmonogram prac na najbliższe {n} tygodni i podział zadań między urzędami.",
            "Doradcy przedstawili wnioski z analizy danych statystycznych dotyczących ludności, rynku pracy i usług publicznych.",
            "Ustalono, że kolejne posiedzenie odbędzie się {d} w {m}.",
            "Przedstawiciele gmin zgodzili się, że wspólne planowanie pozwala lepiej wykorzystać niewielkie budżety samorządów.",
            "Dyskusja dotyczyła przede wszystkim zasad współfinansowania wspólnych przedsięwzięć.",
            "Protokół ze spotkania jest dostępny w sekretariatach urzędów wszystkich gmin partnerstwa.",
        ],
        items: &[
            "przyjęcie regulaminu pracy zespołu roboczego",
            "wybór lidera partnerstwa na kolejny rok",
            "zatwierdzenie harmonogramu spotkań",
            "ustalenie zasad obiegu dokumentów między urzędami",
            "powołanie zespołów tematycznych",
            "przygotowanie listy potrzeb inwestycyjnych",
        ],
        category: 0,
        tags: &[4, 32, 34],
    },
    Topic {
        titles: &[
            "Konsultacje społeczne projektu strategii",
            "Zgłoś uwagi do projektu strategii ponadlokalnej",
            "Trwają konsultacje dokumentu „{p}”",
        ],
        headings: &["Jak zgłosić uwagi", "Co zawiera projekt", "Spotkania konsultacyjne"],
        sentences: &[
            "Zapraszamy mieszkańców do zapoznania się z projektem wspólnej strategii rozwoju obszaru partnerstwa.",
            "Uwagi można zgłaszać na formularzu, osobiście w urzędzie, pocztą albo przez elektroniczną skrzynkę podawczą ePUAP.",
            "Konsultacje potrwają {n} dni, a ich wyniki opiszemy w raporcie dostępnym na tej stronie.",
            "Projekt strategii powstał na podstawie diagnozy, ankiet oraz warsztatów z udziałem sołtysów, przedsiębiorców i organizacji pozarządowych.",
            "Każda uwaga zostanie rozpatrzona, a odpowiedź opublikujemy w raporcie z konsultacji.",
            "Wydruk dokumentu jest dostępny w urzędzie, w którym siedzibę ma {g}.",
            "Formularze bez podpisu lub nazwy organizacji nie będą rozpatrywane.",
            "Po zakończeniu konsultacji projekt trafi pod obrady rad gmin.",
        ],
        items: &[
            "diagnoza sytuacji społecznej i gospodarczej",
            "wizja rozwoju obszaru do 2030 roku",
            "cele strategiczne i kierunki działań",
            "model funkcjonalno-przestrzenny",
            "lista projektów kluczowych",
            "system wdrażania i monitorowania",
        ],
        category: 1,
        tags: &[0, 1, 31],
    },
    Topic {
        titles: &[
            "Ankieta dla mieszkańców gmin partnerstwa",
            "Wyniki ankiet wśród uczniów i mieszkańców",
            "Wypełnij ankietę o przyszłości gmin partnerstwa",
        ],
        headings: &["Kto może wziąć udział", "Najważniejsze wyniki", "Co dalej z wynikami"],
        sentences: &[
            "Ankieta jest anonimowa, a jej wypełnienie zajmuje około {n} minut.",
            "Pytamy o jakość usług publicznych, komunikację, dostęp do szkół i ośrodków zdrowia oraz o to, co warto zmienić.",
            "W badaniu wzięło udział {n} uczniów klas maturalnych, którzy ocenili swoje plany na przyszłość.",
            "Wersję papierową ankiety można odebrać w bibliotece gminnej lub w sekretariacie urzędu.",
            "Najczęściej wskazywanym problemem był brak połączeń autobusowych w godzinach popołudniowych.",
            "Mieszkańcy docenili czyste środowisko i spokój, ale zwrócili uwagę na brak miejsc pracy dla młodych.",
            "Wyniki posłużą do przygotowania diagnozy obszaru partnerstwa.",
        ],
        items: &[
            "mieszkańcy wszystkich gmin partnerstwa",
            "uczniowie ostatnich klas szkół średnich",
            "liderzy lokalni i sołtysi",
            "przedsiębiorcy i rolnicy",
            "przedstawiciele kół gospodyń wiejskich",
            "członkowie ochotniczych straży pożarnych",
        ],
        category: 0,
        tags: &[2, 31, 18],
    },
    Topic {
        titles: &[
            "Warsztaty strategiczne – {g}",
            "Zaproszenie na warsztaty dla liderów lokalnych",
            "Relacja z warsztatów strategicznych",
        ],
        headings: &["Program warsztatów", "Wnioski uczestników", "Zapisy"],
        sentences: &[
            "Warsztaty poprowadzą doradcy partnerstwa, którzy od początku wspierają nasze gminy w pracach nad strategią.",
            "Uczestnicy pracowali w {n} grupach tematycznych i wspólnie wskazali najważniejsze wyzwania obszaru.",
            "Spotkanie odbyło się w {m}, a wzięli w nim udział sołtysi, radni, nauczyciele i przedsiębiorcy.",
            "Zgłoszenia przyjmujemy do {d} pod numerem telefonu sekretariatu urzędu lub e-mailem.",
            "Na zakończenie uczestnicy wybrali pięć przedsięwzięć, które ich zdaniem powinny trafić do strategii.",
            "Dziękujemy wszystkim za zaangażowanie i konkretne propozycje.",
            "Materiały z warsztatów zostaną udostępnione na stronie partnerstwa.",
        ],
        items: &[
            "analiza mocnych i słabych stron obszaru",
            "praca nad wizją rozwoju",
            "wybór celów strategicznych",
            "propozycje projektów wspólnych",
            "podsumowanie i ocena warsztatów",
        ],
        category: 2,
        tags: &[3, 0, 32, 21],
    },
    Topic {
        titles: &[
            "Nabory wniosków z programu Fundusze Europejskie",
            "Partnerstwo przygotowuje wnioski o dofinansowanie",
            "Środki unijne na lata 2021–2027 – {g}",
        ],
        headings: &["Na co można otrzymać wsparcie", "Terminy naborów", "Pomoc w przygotowaniu wniosku"],
        sentences: &[
            "Partnerstwo złożyło wniosek o dofinansowanie o wartości {k}, z czego większość pokryją fundusze europejskie.",
            "Instrumenty terytorialne perspektywy 2021–2027 premiują projekty przygotowane wspólnie przez kilka samorządów.",
            "Urząd marszałkowski zapowiedział nabór wniosków na {d}.",
            "Wkład własny gmin zostanie podzielony proporcjonalnie do liczby mieszkańców.",
            "Doradcy pomagają przygotować studium wykonalności i harmonogram rzeczowo-finansowy.",
            "Lista projektów kluczowych partnerstwa obejmuje {n} przedsięwzięć o łącznej wartości {k}.",
            "Szczegółowe informacje o naborach publikuje instytucja zarządzająca programem regionalnym.",
        ],
        items: &[
            "termomodernizacja budynków użyteczności publicznej",
            "odnawialne źródła energii",
            "przebudowa dróg lokalnych",
            "cyfryzacja usług urzędów",
            "rozwój usług opiekuńczych",
            "ścieżki rowerowe łączące gminy",
        ],
        category: 3,
        tags: &[5, 6, 36, 37, 33],
    },
    Topic {
        titles: &[
            "Przebudowa drogi powiatowej – {g}",
            "Wspólny projekt drogowy partnerstwa",
            "Nowe połączenia autobusowe między gminami",
        ],
        headings: &["Zakres prac", "Utrudnienia w ruchu", "Finansowanie"],
        sentences: &[
            "Prace obejmą przebudowę {n} kilometrów jezdni wraz z chodnikami i zatokami autobusowymi.",
            "Wykonawca rozpocznie roboty {d}, a zakończenie planowane jest przed zimą.",
            "W czasie prac ruch odbywać się będzie wahadłowo, z tymczasową sygnalizacją świetlną.",
            "Koszt inwestycji wynosi {k}, a udział gmin rozłożono na dwa lata budżetowe.",
            "Nowa linia autobusowa połączy miejscowości, z których dotąd trudno było dojechać do szkoły i przychodni.",
            "Rozkład jazdy uwzględnia godziny zajęć w szkołach średnich i zmian w zakładach pracy.",
            "Prosimy kierowców o ostrożność i stosowanie się do oznakowania tymczasowego.",
        ],
        items: &[
            "nowa nawierzchnia asfaltowa",
            "chodnik z obniżonymi krawężnikami",
            "oświetlenie przejść dla pieszych",
            "przebudowa przepustów i rowów",
            "zatoki autobusowe z wiatami",
        ],
        category: 4,
        tags: &[7, 8, 38, 36],
    },
    Topic {
        titles: &[
            "Wspólne zajęcia dla uczniów szkół partnerstwa",
            "Modernizacja szkoły podstawowej – {g}",
            "Nabór do przedszkoli na nowy rok szkolny",
        ],
        headings: &["Dla kogo są zajęcia", "Harmonogram", "Zapisy i informacje"],
        sentences: &[
            "Z zajęć dodatkowych skorzysta {n} uczniów ze szkół podstawowych wszystkich gmin partnerstwa.",
            "Projekt obejmuje zajęcia z matematyki, języków obcych i programowania oraz doradztwo zawodowe.",
            "Szkoła otrzyma nowe pracownie, a budynek zostanie ocieplony i wyposażony w pompę ciepła.",
            "Rodzice mogą składać wnioski do {d} w sekretariatach szkół.",
            "Dowóz uczniów na zajęcia zapewniają gminy.",
            "Nauczyciele wezmą udział w szkoleniach z nowoczesnych metod nauczania.",
        ],
        items: &[
            "zajęcia wyrównawcze z matematyki",
            "koła zainteresowań i zajęcia sportowe",
            "wyjazdy edukacyjne do muzeów",
            "doradztwo zawodowe dla ósmoklasistów",
            "wyposażenie pracowni przyrodniczych",
        ],
        category: 5,
        tags: &[9, 10, 18, 28],
    },
    Topic {
        titles: &[
            "Rozbudowa sieci wodociągowej i kanalizacyjnej",
            "Komunikat w sprawie jakości wody – {g}",
            "Ochrona środowiska w planach partnerstwa",
        ],
        headings: &["Zakres inwestycji", "Informacje dla mieszkańców", "Dlaczego to ważne"],
        sentences: &[
            "Do sieci kanalizacyjnej zostanie przyłączonych {n} gospodarstw domowych.",
            "Badania wody przeprowadzone przez stację sanitarno-epidemiologiczną potwierdziły jej przydatność do spożycia.",
            "Modernizacja stacji uzdatniania wody zapewni stabilne ciśnienie także w okresie letnim.",
            "Mieszkańcy, którzy chcą przyłączyć posesję do sieci, powinni złożyć wniosek do {d}.",
            "Inwestycja kosztuje {k} i jest współfinansowana ze środków unijnych.",
            "Partnerstwo przygotowuje wspólny program usuwania azbestu i wymiany starych pieców.",
        ],
        items: &[
            "budowa przydomowych oczyszczalni ścieków",
            "wymiana sieci wodociągowej z rur azbestowo-cementowych",
            "modernizacja stacji uzdatniania wody",
            "retencja wód opadowych",
            "zadrzewienia wzdłuż dróg",
        ],
        category: 6,
        tags: &[11, 12, 29, 15],
    },
    Topic {
        titles: &[
            "Szlak turystyczny łączący gminy partnerstwa",
            "Sezon turystyczny – {g}",
            "Gospodarstwa agroturystyczne zapraszają",
        ],
        headings: &["Trasa", "Atrakcje po drodze", "Informacja turystyczna"],
        sentences: &[
            "Nowy szlak rowerowy ma {n} kilometrów i prowadzi przez lasy, doliny rzek i zabytkowe wsie.",
            "Przy trasie powstały miejsca odpoczynku z wiatami, stojakami na rowery i tablicami informacyjnymi.",
            "Koła gospodyń wiejskich przygotowały festyn z regionalnymi potrawami.",
            "Gospodarstwa agroturystyczne oferują noclegi, warsztaty rękodzieła i jazdę konną.",
            "Mapę szlaku można pobrać ze strony partnerstwa lub odebrać w punkcie informacji turystycznej.",
            "Wspólna promocja pozwala małym gminom dotrzeć do turystów z dużych miast.",
        ],
        items: &[
            "drewniany kościół z XVIII wieku",
            "punkt widokowy nad doliną rzeki",
            "izba regionalna prowadzona przez koło gospodyń",
            "ścieżka przyrodnicza w rezerwacie",
            "plaża nad zalewem",
        ],
        category: 7,
        tags: &[13, 14, 24, 25, 38],
    },
    Topic {
        titles: &[
            "Seminarium sieciujące partnerstw w Serocku",
            "Doświadczenia partnerstwa na seminarium CWD Plus",
            "Spotkanie partnerstw regionu ({v})",
        ],
        headings: &["Tematy warsztatów", "Czego się nauczyliśmy", "Dalsza współpraca"],
        sentences: &[
            "W seminarium wzięło udział około 150 przedstawicieli samorządów z całej Polski.",
            "O doświadczeniach naszego partnerstwa ze wspólnego planowania opowiedzieli przedstawiciele samorządu: {g}.",
            "Uczestnicy wymienili się pomysłami na transformację energetyczną i wspólny transport.",
            "Rozmawiano o roli lidera, biurze partnerstwa i formach instytucjonalnej współpracy gmin.",
            "Spotkanie zorganizowało ministerstwo właściwe do spraw rozwoju regionalnego wraz ze Związkiem Miast Polskich.",
            "Wnioski z seminarium wykorzystamy przy aktualizacji listy projektów.",
        ],
        items: &[
            "transformacja energetyczna i odnawialne źródła energii",
            "wspólny transport i mobilność",
            "lokalna gospodarka i przedsiębiorczość",
            "edukacja i usługi społeczne",
            "dziedzictwo kulturowe i przyrodnicze",
            "biuro partnerstwa i rola lidera",
        ],
        category: 2,
        tags: &[33, 35, 34, 15],
    },
];

/// Sentences that fit any announcement.
pub const GENERAL: &[&str] = &[
    "Partnerstwo tworzą samorządy, które postanowiły wspólnie planować rozwój i ubiegać się o środki zewnętrzne.",
    "Szczegółowe informacje można uzyskać w urzędzie, w którym siedzibę ma {g}.",
    "Zachęcamy do śledzenia strony partnerstwa, na której publikujemy kolejne komunikaty.",
    "Współpraca gmin pozwala realizować przedsięwzięcia, na które pojedynczy samorząd nie miałby środków.",
    "Dziękujemy mieszkańcom za liczny udział i cenne uwagi.",
    "W pracach uczestniczą także organizacje pozarządowe, parafie, ochotnicze straże pożarne i lokalna grupa działania.",
    "Informacje o terminach spotkań przekazujemy również przez sołtysów i tablice ogłoszeń.",
    "Osoby, które potrzebują tłumacza języka migowego, prosimy o zgłoszenie co najmniej trzy dni wcześniej.",
    "Sala, w której odbywa się spotkanie, jest dostępna dla osób poruszających się na wózkach.",
    "Kolejne spotkanie zaplanowano na {d}.",
    "Budżet przedsięwzięcia wynosi {k}.",
    "Każda gmina wyznaczyła koordynatora, który odpowiada za kontakt z mieszkańcami.",
    "Wszystkie dokumenty są dostępne do wglądu w urzędach gmin partnerstwa.",
    "O wynikach prac poinformujemy w osobnym komunikacie.",
    "Współpracę wspierają doradcy partnerstwa oraz urząd marszałkowski województwa.",
];

pub const CLOSINGS: &[&str] = &[
    "**Zapraszamy do współpracy!**",
    "**Serdecznie zapraszamy!**",
    "**Dziękujemy za udział i zapraszamy na kolejne spotkania.**",
];

pub const PLACES: &[&str] = &[
    "świetlicy wiejskiej",
    "sali obrad urzędu gminy",
    "gminnym ośrodku kultury",
    "remizie ochotniczej straży pożarnej",
    "bibliotece publicznej",
    "sali gimnastycznej szkoły podstawowej",
];

pub const LINK_PHRASES: &[&str] = &[
    "Więcej o poprzednim etapie prac przeczytasz w komunikacie",
    "Przypominamy wcześniejszą informację:",
    "Zobacz też",
    "Nawiązujemy do ogłoszenia",
];

pub const ATTACHMENT_TITLES: &[(&str, &str)] = &[
    ("zaproszenie.pdf", "Zaproszenie na spotkanie"),
    ("formularz-uwag.pdf", "Formularz zgłaszania uwag"),
    ("protokol.pdf", "Protokół ze spotkania"),
    ("harmonogram.pdf", "Harmonogram prac"),
    ("raport.pdf", "Raport z badania ankietowego"),
    ("mapa.pdf", "Mapa przebiegu trasy"),
];

/// Names of joint projects, quoted in titles as clerks do: „…”.
pub const PROJECTS: &[&str] = &[
    "Razem dla regionu",
    "Zielone gminy",
    "Szlakiem dziedzictwa",
    "Cyfrowy urząd",
    "Bezpieczna droga do szkoły",
    "Czysta woda",
];

/// Phrases stressed in bold or italics inside a paragraph.
pub const STRESSED: &[&str] = &[
    "termin zgłoszeń",
    "udział jest bezpłatny",
    "prosimy o potwierdzenie obecności",
    "dokument jest dostępny w urzędzie",
    "liczba miejsc jest ograniczona",
];

/// Sub-headings under a section.
pub const SUBHEADINGS: &[&str] = &[
    "Terminy",
    "Kontakt",
    "Dokumenty do pobrania",
    "Kto może wziąć udział",
];
