using System.Security.Cryptography;

namespace BeAlert.Cap.Tests.Validation;

/// <summary>Valid alerts built in code, and helpers to break one field of them at a time.</summary>
internal static class ValidAlerts
{
    internal static readonly DateTimeOffset Sent = new(2026, 11, 25, 14, 30, 0, TimeSpan.FromHours(1));

    /// <summary>The content carried inline by the first resource of <see cref="Full"/>.</summary>
    internal static readonly byte[] MapContent = "PNG? No: a small stand-in for an inline evacuation map."u8.ToArray();

    internal static readonly CapPoint Gent = new(51.05, 3.72);

    /// <summary>The earlier alert that <see cref="Full"/> updates.</summary>
    internal static CapAlert Earlier() =>
        CapAlertBuilder.Create("BE-2026-0041", "crisis@gent.be", Sent.AddHours(-2))
            .AddInfo("nl-BE", CapCategory.Fire, "Brand", CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed,
                i => i.AddArea("Gent", a => a.AddGeocode("NIS", "44021")))
            .Build();

    /// <summary>The smallest useful valid alert: one info block with one area.</summary>
    internal static CapAlert Minimal() =>
        CapAlertBuilder.Create("BE-2026-0042", "crisis@gent.be", Sent)
            .AddInfo("nl-BE", CapCategory.Fire, "Brand", CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed,
                i => i.AddArea("Gent", a => a.AddGeocode("NIS", "44021")))
            .Build();

    /// <summary>A valid Update that fills in every field a rule looks at.</summary>
    internal static CapAlert Full() =>
        CapAlertBuilder.Create("BE-2026-0042", "crisis@gent.be", Sent)
            .Updates(Earlier())
            .Status(CapStatus.Actual)
            .Scope(CapScope.Public)
            .Source("Crisiscentrum Gent")
            .AddCode("BE-Alert")
            .Note("Zone uitgebreid naar Gentbrugge.")
            .Incidents("BE-INC-7", "Gent fire 2026")
            .AddInfo("nl-BE", CapCategory.Fire, "Brand", CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed, i => i
                .AddResponseType(CapResponseType.Shelter)
                .AddEventCode("BE-Alert", "FIRE")
                .Effective(Sent)
                .Onset(Sent.AddMinutes(30))
                .Expires(Sent.AddHours(6))
                .SenderName("Stad Gent")
                .Headline("Grote brand in Gent: blijf binnen, sluit ramen en deuren")
                .Description("Een grote brand veroorzaakt veel rook.")
                .Instruction("Blijf binnen.")
                .Web("https://www.be-alert.be/")
                .Contact("09 210 10 10")
                .AddParameter("layer", "rook")
                .AddResource(InlineResource())
                .AddResource(new CapResource("Kaart", "text/html; charset=utf-8") { Uri = "https://www.gent.be/brand" })
                .AddArea("Gent centrum", a => a
                    .AddPolygon(new CapPoint(51.06, 3.70), new CapPoint(51.06, 3.75), new CapPoint(51.03, 3.75), new CapPoint(51.03, 3.70))
                    .AddCircle(Gent, 2.5)
                    .AddGeocode("NIS", "44021")
                    .Altitude(0, 1000)))
            .AddInfo("fr-BE", CapCategory.Fire, "Incendie", CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed, i => i
                .Expires(Sent.AddHours(6))
                .Headline("Grand incendie à Gand : restez à l'intérieur")
                .AddArea("Gand", a => a.AddGeocode("NIS", "44021")))
            .Build();

    /// <summary>A resource carrying <see cref="MapContent"/> inline, with matching size and digest and a relative uri.</summary>
    internal static CapResource InlineResource() =>
        new("Evacuatiekaart", "image/png")
        {
            Size = MapContent.Length,
            Uri = "maps/evacuatie.png",
            DerefUri = Convert.ToBase64String(MapContent),
            Digest = Sha1Hex(MapContent),
        };

    internal static string Sha1Hex(byte[] content)
    {
#pragma warning disable CA5350 // CAP 1.2 defines <digest> as SHA-1.
        return Convert.ToHexStringLower(SHA1.HashData(content));
#pragma warning restore CA5350
    }

    /// <summary>Replaces the first info block.</summary>
    internal static CapAlert WithInfo(this CapAlert alert, Func<CapInfo, CapInfo> change) =>
        alert with { Infos = [change(alert.Infos[0]), .. alert.Infos.Skip(1)] };

    /// <summary>Replaces the first area of the first info block.</summary>
    internal static CapAlert WithArea(this CapAlert alert, Func<CapArea, CapArea> change) =>
        alert.WithInfo(info => info with { Areas = [change(info.Areas[0]), .. info.Areas.Skip(1)] });

    /// <summary>Replaces the first resource of the first info block.</summary>
    internal static CapAlert WithResource(this CapAlert alert, Func<CapResource, CapResource> change) =>
        alert.WithInfo(info => info with { Resources = [change(info.Resources[0]), .. info.Resources.Skip(1)] });

    /// <summary>A closed ring through the given corners (the first corner repeated last).</summary>
    internal static CapPolygon Ring(params CapPoint[] corners) => new([.. corners, corners[0]]);
}
