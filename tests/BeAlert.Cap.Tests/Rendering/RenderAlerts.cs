namespace BeAlert.Cap.Tests.Rendering;

/// <summary>Alerts built in code for the rendering tests.</summary>
internal static class RenderAlerts
{
    internal static readonly CapDateTime Sent = new(new DateTimeOffset(2026, 11, 25, 14, 30, 0, TimeSpan.FromHours(1)));

    internal static CapInfo Info(
        string? language,
        string @event = "Brand",
        string? headline = null,
        string? description = null,
        string? instruction = null,
        string? web = null,
        string? area = "Gent",
        string? senderName = null,
        string? contact = null) =>
        new(@event, CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed, [CapCategory.Fire])
        {
            Language = language,
            Headline = headline,
            Description = description,
            Instruction = instruction,
            Web = web,
            SenderName = senderName,
            Contact = contact,
            Expires = new CapDateTime(new DateTimeOffset(2026, 11, 25, 20, 30, 0, TimeSpan.FromHours(1))),
            Areas = area is null ? [] : [new CapArea(area)],
        };

    internal static CapAlert Alert(CapStatus status, params CapInfo[] infos) => Alert(status, CapMessageType.Alert, infos);

    internal static CapAlert Alert(CapStatus status, CapMessageType msgType, params CapInfo[] infos) =>
        new("BE-TEST-0001", "crisis@gent.be", Sent, status, msgType, CapScope.Public)
        {
            Infos = infos,
            References = msgType is CapMessageType.Alert ? [] : [new CapReference("crisis@gent.be", "BE-TEST-0000", Sent)],
        };

    /// <summary>The typical Ghent fire in the four languages (from samples/cap/be-typical-4lang.xml, shortened).</summary>
    internal static CapAlert Typical(CapStatus status = CapStatus.Actual) => Alert(
        status,
        Info("nl-BE", "Brand met rookontwikkeling", "Zware brand in Gent: blijf binnen, sluit ramen en deuren",
            "Bij een bedrijf in de haven van Gent woedt een zware brand. Er komt veel rook vrij die zich richting Sint-Martens-Latem verplaatst.",
            "Blijf binnen. Sluit ramen en deuren. Zet ventilatie en airco uit. Volg de berichten op de radio.",
            "https://www.be-alert.be/nl/brand-gent", "Gent en Sint-Martens-Latem", "Nationaal Crisiscentrum", "1771"),
        Info("fr-BE", "Incendie avec dégagement de fumée", "Incendie important à Gand : restez à l'intérieur, fermez portes et fenêtres",
            null, "Restez à l'intérieur. Fermez portes et fenêtres. Coupez la ventilation. Écoutez la radio.",
            "https://www.be-alert.be/fr/incendie-gand", "Gand et Sint-Martens-Latem", "Centre de Crise National"),
        Info("de-BE", "Brand mit Rauchentwicklung", "Großbrand in Gent: Bleiben Sie drinnen, schließen Sie Fenster und Türen",
            null, "Bleiben Sie drinnen. Schließen Sie Fenster und Türen. Schalten Sie die Lüftung aus. Hören Sie Radio.",
            "https://www.be-alert.be/de/brand-gent", "Gent und Sint-Martens-Latem", "Nationales Krisenzentrum"),
        Info("en-GB", "Fire with smoke plume", "Major fire in Ghent: stay indoors, close windows and doors",
            null, "Stay indoors. Close windows and doors. Switch off ventilation. Follow the news on the radio.",
            "https://www.be-alert.be/en/fire-ghent", "Ghent and Sint-Martens-Latem", "National Crisis Centre"));

    /// <summary>A text of <paramref name="words"/> words of the form "woordNNN".</summary>
    internal static string Words(int words, string stem = "woord") =>
        string.Join(' ', Enumerable.Range(0, words).Select(i => stem + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture)));
}
