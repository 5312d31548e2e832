using System.Globalization;
using BeAlert.Cap;
using BeAlert.Cap.Geo;
using BeAlert.Dispatch;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Security;

namespace BeAlert.Gateway.Scheduling;

/// <summary>
/// The campaign a scheduled test starts: a CAP alert with status <c>Test</c> (OASIS CAP 1.2 §3.2.1: "technical
/// testing only, all recipients disregard"), one info block per language whose headline starts with TEST (BE-Alert
/// profile rule BEA008), the authority's municipalities (monthly) or the test zone (quarterly) as its area, and the
/// audience to match. Deterministic for one schedule and due time, so a retried launch carries the same identifier.
/// </summary>
public static class ScheduledTestMessage
{
    private static readonly Dictionary<string, (string Headline, string Description)> Texts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nl"] = ("TEST: dit is een test van BE-Alert. U hoeft niets te doen.", "Vandaag, de eerste donderdag van de maand, test BE-Alert zijn kanalen."),
        ["fr"] = ("TEST : ceci est un test de BE-Alert. Aucune action n'est requise.", "Aujourd'hui, premier jeudi du mois, BE-Alert teste ses canaux."),
        ["de"] = ("TEST: Dies ist ein Test von BE-Alert. Sie müssen nichts tun.", "Heute, am ersten Donnerstag des Monats, testet BE-Alert seine Kanäle."),
        ["en"] = ("TEST: this is a BE-Alert test. No action is required.", "Today, the first Thursday of the month, BE-Alert tests its channels."),
    };

    private static readonly Dictionary<string, string> LocationTexts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nl"] = "Iedereen in deze zone krijgt deze test, ook zonder inschrijving. Schrijf u in op be-alert.be.",
        ["fr"] = "Toute personne présente dans cette zone reçoit ce test, même sans inscription. Inscrivez-vous sur be-alert.be.",
        ["de"] = "Alle in dieser Zone erhalten diesen Test, auch ohne Anmeldung. Melden Sie sich auf be-alert.be an.",
        ["en"] = "Everyone in this zone gets this test, registered or not. Register at be-alert.be.",
    };

    public static CampaignCommand Build(string scheduleName, ScheduledTestOptions schedule, Authority authority, DateTimeOffset dueAt)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(authority);
        var zone = SchedulingOptionsValidator.FindZone(schedule.TimeZone) ?? TimeZoneInfo.Utc;
        var localDue = TimeZoneInfo.ConvertTime(dueAt, zone);
        var municipalities = schedule.Municipalities.Count > 0 ? (IReadOnlyList<int>)schedule.Municipalities : authority.Municipalities;
        CapPolygon? polygon = null;
        if (schedule.Area is not null)
        {
            if (TryParsePolygon(schedule.Area, out var parsed) is { } error)
            {
                throw new ArgumentException(error, nameof(schedule));
            }

            polygon = parsed;
        }

        var identifier = string.Create(CultureInfo.InvariantCulture, $"BEALERT-TEST-{scheduleName}-{localDue:yyyyMMdd'T'HHmm}");
        var sender = schedule.Sender ?? $"{authority.Id}@be-alert.be";
        var builder = CapAlertBuilder.Create(identifier, sender, new CapDateTime(localDue))
            .Status(CapStatus.Test)
            .MsgType(CapMessageType.Alert)
            .Scope(CapScope.Public)
            .Note(string.Create(CultureInfo.InvariantCulture, $"Scheduled {schedule.Kind.ToString().ToLowerInvariant()} test '{scheduleName}' due {localDue:yyyy-MM-dd HH:mm zzz}"));
        var areaDesc = polygon is not null
            ? "Testzone / zone de test"
            : municipalities.Count == 0 ? "België / Belgique / Belgien" : authority.Name;
        foreach (var language in schedule.EffectiveLanguages)
        {
            var (headline, description) = Texts[language];
            if (schedule.Kind == ScheduleKind.Quarterly)
            {
                description += " " + LocationTexts[language];
            }

            builder.AddInfo(language.ToLowerInvariant() + "-BE", CapCategory.Other, "Test", CapUrgency.Unknown, CapSeverity.Unknown, CapCertainty.Unknown, info =>
            {
                info.AddResponseType(CapResponseType.None)
                    .Effective(new CapDateTime(localDue))
                    .Expires(new CapDateTime(localDue.AddHours(1)))
                    .SenderName(authority.Name)
                    .Headline(headline)
                    .Description(description)
                    .Web("https://www.be-alert.be")
                    .AddArea(areaDesc, area =>
                    {
                        if (polygon is not null)
                        {
                            area.AddPolygon(polygon.Points);
                        }

                        foreach (var nis in polygon is null ? municipalities : [])
                        {
                            area.AddGeocode("NIS", nis.ToString("00000", CultureInfo.InvariantCulture));
                        }
                    });
            });
        }

        var alert = builder.Build();
        AudienceSpec audience;
        if (polygon is not null)
        {
            audience = AudienceSpec.ForArea(CapAreaLocator.Default.Locate(alert.Infos[0].Areas[0]));
        }
        else if (municipalities.Count == 0)
        {
            audience = AudienceSpec.ForEveryone();
        }
        else
        {
            audience = AudienceSpec.ForMunicipalities(municipalities);
        }

        return new CampaignCommand(authority.Id, alert, schedule.EffectiveChannels, audience)
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"Scheduled test {scheduleName} {localDue:yyyy-MM-dd}"),
            Simulation = schedule.Simulation,
        };
    }

    /// <summary>Parses a CAP polygon (<c>lat,lon lat,lon …</c>); returns the error, or null when it is good.</summary>
    public static string? TryParsePolygon(string text, out CapPolygon polygon)
    {
        ArgumentNullException.ThrowIfNull(text);
        polygon = new CapPolygon([]);
        var points = new List<CapPoint>();
        foreach (var pair in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split(',');
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
            {
                return $"'{pair}' is not a 'latitude,longitude' pair.";
            }

            var point = new CapPoint(lat, lon);
            if (!point.IsInRange)
            {
                return $"'{pair}' is out of range.";
            }

            points.Add(point);
        }

        if (points.Count < 4 || points[0] != points[^1])
        {
            return "a CAP polygon has at least 4 points and ends where it starts.";
        }

        polygon = new CapPolygon(points);
        return null;
    }
}
