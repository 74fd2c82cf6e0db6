namespace FastApiLearning.Bench.GenerateEmployees;

/// <summary>
/// Names like the sample's (most of them are its own), plus some with an apostrophe (written
/// <c>\'</c> in the dump) and some with accents, so that the import's escapes and email folding
/// run on every bench. First names fit 14 characters, last names 16.
/// </summary>
internal static class SampleNames
{
    public static readonly string[] First =
    [
        "Georgi", "Bezalel", "Parto", "Chirstian", "Kyoichi", "Anneke", "Tzvetan", "Saniya", "Sumant",
        "Duangkaew", "Mary", "Patricio", "Eberhardt", "Berni", "Guoxiang", "Kazuhito", "Cristinel",
        "Kazuhide", "Lillian", "Mayuko", "Ramzi", "Shahaf", "Bojan", "Suzette", "Prasadram", "Yongqiao",
        "Divier", "Domenick", "Otmar", "Elvis", "Karsten", "Jeong", "Arif", "Bader", "Alain", "Adamantios",
        "Pradeep", "Huan", "Alejandro", "Weiyi", "Uri", "Magy", "Yishay", "Mingsen", "Moss", "Lucien",
        "Zvonko", "Florian", "Basil", "Yinghua", "Hidefumi", "Heping", "Sanjiv", "Mayumi", "Georgy",
        "Brendon", "Ebbe", "Berhard", "Breannda", "Tse", "Anoosh", "Gino", "Udi", "Satosi", "Kwee",
        "Claudi", "Charlene", "Margareta", "Reuven", "Hisao", "Hironoby", "Shir", "Mokhtar", "Gao", "Erez",
        "Mona", "Danel", "Kshitij", "Premal", "Zhongwei", "Parviz", "Vishv", "Tuval", "Kenroku", "Somnath",
        "Xinglin", "Jungsoon", "Sudharsan", "Kendra", "Amabile", "Valdiodio", "Sailaja", "Arumugam",
        "Hilari", "Jayson", "Remzi", "Sreekrishna", "Valter", "Hironobu", "Perla", "Pranav", "Mary-Ann",
        "Zoë", "José", "François", "Søren", "Łukasz", "Jürgen", "Ægir", "Dóra", "Ángel", "Noël",
    ];

    public static readonly string[] Last =
    [
        "Facello", "Simmel", "Bamford", "Koblick", "Maliniak", "Preusig", "Zielinski", "Kalloufi", "Peac",
        "Piveteau", "Sluis", "Bridgland", "Terkki", "Genin", "Nooteboom", "Cappelletti", "Bouloucos",
        "Peha", "Haddadi", "Warwick", "Erde", "Famili", "Montemayor", "Pettey", "Heyers", "Berztiss",
        "Reistad", "Tempesti", "Herbst", "Demeyer", "Joslin", "Merlo", "Swan", "Chappelet", "Portugali",
        "Makrucki", "Lortz", "Brender", "Meriste", "Lenart", "Stamatiou", "Tzvieli", "Casley", "Shanbhogue",
        "Rosenbaum", "Nyanchama", "Syrotiuk", "Tramer", "Dredge", "Caine", "Nitsch", "Zschoche", "Schueller",
        "Bernini", "Callaway", "McFarlin", "McAlpine", "Billingsley", "Herber", "Peyn", "Leonhardt", "Jansch",
        "Awdeh", "Schusler", "Stavenow", "Brattka", "Bierman", "Garigliano", "Lipner", "Sidou", "McClurg",
        "Bernatsky", "Dolinsky", "Ritzmann", "Azuma", "Mondadori", "Gils", "Baek", "Rosen", "Zockler",
        "Malabarba", "Foote", "Eugenio", "Syrzycki", "Flasterstein", "Hofting", "Gomatam", "Niizuma",
        "Desikan", "Ossenbruggen", "Morton", "Mandell", "Waschkowski", "Servieres", "Sullins", "Haraldson",
        "Furedi", "Krzyzanowski", "O'Brien", "D'Angelo", "O'Neill", "Müller", "Núñez", "Lefèvre",
        "Ødegård", "Wałęsa", "Straße", "Ó Súilleabháin",
    ];
}
