namespace BeAlert.Cap.Tests.Profiles.BeAlert;

/// <summary>Valid BE-Alert alerts built in code, to break one thing at a time.</summary>
internal static class BeAlertAlerts
{
    internal static readonly DateTimeOffset Sent = new(2026, 11, 25, 14, 30, 0, TimeSpan.FromHours(1));

    /// <summary>An Actual public alert for Gent in Dutch and French with everything BE-Alert asks for.</summary>
    internal static CapAlert Gent() =>
        CapAlertBuilder.Create("BE-GENT-2026-0412", "brandweer@gent.be", Sent)
            .AddInfo("nl-BE", CapCategory.Fire, "Brand", CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed, i => Fill(i, "Gent", "Brand: blijf binnen", "Blijf binnen."))
            .AddInfo("fr-BE", CapCategory.Fire, "Incendie", CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed, i => Fill(i, "Gand", "Incendie : restez à l'intérieur", "Restez à l'intérieur."))
            .Build();

    private static CapInfoBuilder Fill(CapInfoBuilder info, string areaDesc, string headline, string instruction) => info
        .AddEventCode("BE-Alert", "FIRE")
        .Effective(Sent)
        .Expires(Sent.AddHours(6))
        .Headline(headline)
        .Instruction(instruction)
        .AddArea(areaDesc, a => a.AddCircle(new CapPoint(51.05, 3.72), 5).AddGeocode("NIS", "44021"));

    /// <summary>The alert with the geocodes of every area replaced by NIS codes.</summary>
    internal static CapAlert WithNis(this CapAlert alert, params string[] codes) =>
        alert with { Infos = [.. alert.Infos.Select(i => i with { Areas = [.. i.Areas.Select(a => a with { Geocodes = [.. codes.Select(c => new CapNamedValue("NIS", c))] })] })] };

    /// <summary>The alert with only the info blocks in the given languages (primary subtag).</summary>
    internal static CapAlert Only(this CapAlert alert, params string[] languages) =>
        alert with { Infos = [.. alert.Infos.Where(i => languages.Contains(i.EffectiveLanguage[..2]))] };

    /// <summary>Replaces the info block at <paramref name="index"/>.</summary>
    internal static CapAlert WithInfo(this CapAlert alert, int index, Func<CapInfo, CapInfo> change) =>
        alert with { Infos = [.. alert.Infos.Select((info, i) => i == index ? change(info) : info)] };
}
