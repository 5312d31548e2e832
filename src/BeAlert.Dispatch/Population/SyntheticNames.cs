namespace BeAlert.Dispatch;

/// <summary>Made-up street names and common surnames for <see cref="SyntheticBelgium"/> (lists written for this project).</summary>
internal static class SyntheticNames
{
    private static readonly string[] DutchRoots =
    [
        "Kerk", "Molen", "School", "Dorp", "Stations", "Linden", "Eiken", "Beuken", "Berken", "Wilgen",
        "Populieren", "Kasteel", "Hoeve", "Veld", "Beek", "Berg", "Heide", "Bos", "Meers", "Brug",
        "Akker", "Weide", "Hof", "Kapel", "Klooster", "Markt", "Haven", "Dijk", "Vaart", "Zand",
        "Ven", "Broek", "Gracht", "Poort", "Toren", "Wind", "Zonne", "Rozen", "Tulpen", "Vlas",
    ];

    private static readonly string[] DutchKinds = ["straat", "laan", "weg", "dreef", "plein", "hof", "pad", "steenweg"];

    private static readonly string[] FrenchKinds = ["Rue", "Avenue", "Chemin", "Place", "Allée", "Sentier", "Chaussée", "Clos"];

    private static readonly string[] FrenchRoots =
    [
        "de l'Église", "du Moulin", "de l'École", "de la Gare", "des Tilleuls", "des Chênes", "des Hêtres", "du Château",
        "de la Ferme", "des Champs", "du Ruisseau", "de la Colline", "des Bruyères", "du Bois", "du Pont", "de la Place",
        "du Marché", "du Canal", "des Roses", "du Stade", "des Prés", "de la Source", "du Verger", "des Écoles",
        "de la Station", "du Centre", "des Sorbiers", "des Saules", "des Peupliers", "des Acacias", "de la Chapelle",
        "du Calvaire", "de la Fontaine", "des Vignes", "du Fort", "de la Forge", "des Alouettes", "du Tige", "des Carrières", "du Panorama",
    ];

    private static readonly string[] FrenchQualifiers =
    [
        string.Empty, "Haute", "Basse", "Neuve", "Vieille", "Grande", "Petite", "Longue", "Courte", "Verte",
        "Blanche", "Noire", "Large", "Sainte-Anne", "Saint-Roch", "Saint-Martin", "Saint-Jean", "Notre-Dame", "Belle", "Royale",
    ];

    private static readonly string[] GermanRoots =
    [
        "Kirch", "Mühlen", "Schul", "Dorf", "Bahnhof", "Linden", "Eichen", "Buchen", "Birken", "Weiden",
        "Burg", "Hof", "Feld", "Bach", "Berg", "Heide", "Wald", "Wiesen", "Brücken", "Acker",
        "Garten", "Kapellen", "Kloster", "Markt", "Venn", "Rosen", "Sonnen", "Tal", "Quell", "Hügel",
    ];

    private static readonly string[] GermanKinds = ["straße", "weg", "gasse", "platz", "allee", "pfad"];

    public static readonly string[][] Surnames =
    [
        /* Unknown */ ["smith", "jones", "garcia", "rossi", "novak"],
        /* Flanders */ ["peeters", "janssens", "maes", "jacobs", "mertens", "willems", "claes", "goossens", "wouters", "desmet", "vermeulen", "declercq"],
        /* Wallonia */ ["dubois", "lambert", "dupont", "martin", "simon", "laurent", "leroy", "renard", "lejeune", "collard", "francois", "denis"],
        /* East Cantons */ ["schmitz", "mueller", "kessler", "hilgers", "kohnen", "lentz", "theissen", "rauw", "jost", "cremer"],
        /* Brussels */ ["elamrani", "dubois", "peeters", "lambert", "benali", "janssens", "martin", "diallo", "rossi", "nowak", "garcia", "claes"],
    ];

    public static readonly string[] Domains = ["example.com", "example.org", "example.net"];

    /// <summary>The k-th street name of a municipality in a language region (distinct for distinct k below 10,000).</summary>
    public static string Street(LanguageRegion region, int k) => region switch
    {
        LanguageRegion.Wallonia => French(k),
        LanguageRegion.EastCantons => German(k),
        LanguageRegion.Brussels => French(k) + " - " + Dutch(k),
        _ => Dutch(k),
    };

    private static string Dutch(int k)
    {
        var kind = DutchKinds[k % DutchKinds.Length];
        var root = DutchRoots[k / DutchKinds.Length % DutchRoots.Length];
        var level = k / (DutchKinds.Length * DutchRoots.Length);
        return level == 0 ? root + kind : DutchRoots[(level - 1) % DutchRoots.Length] + root.ToLowerInvariant() + kind;
    }

    private static string French(int k)
    {
        var kind = FrenchKinds[k % FrenchKinds.Length];
        var root = FrenchRoots[k / FrenchKinds.Length % FrenchRoots.Length];
        var qualifier = FrenchQualifiers[k / (FrenchKinds.Length * FrenchRoots.Length) % FrenchQualifiers.Length];
        return qualifier.Length == 0 ? $"{kind} {root}" : $"{kind} {qualifier} {root}";
    }

    private static string German(int k)
    {
        var kind = GermanKinds[k % GermanKinds.Length];
        var root = GermanRoots[k / GermanKinds.Length % GermanRoots.Length];
        var level = k / (GermanKinds.Length * GermanRoots.Length);
        return level == 0 ? root + kind : GermanRoots[(level - 1) % GermanRoots.Length] + root.ToLowerInvariant() + kind;
    }
}
