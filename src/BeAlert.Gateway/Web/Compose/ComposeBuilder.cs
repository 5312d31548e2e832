using System.Globalization;
using System.Text.RegularExpressions;
using BeAlert.Cap;
using BeAlert.Cap.Geo;
using BeAlert.Dispatch;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Security;

namespace BeAlert.Gateway.Web.Compose;

/// <summary>A compose form turned into a CAP alert: the alert (when the form could be built), its XML when it is valid
/// CAP 1.2 under the BE-Alert profile, every problem keyed by form field, and the CAP diagnostics.</summary>
internal sealed record ComposeResult(
    CapAlert? Alert,
    string? CapXml,
    Dictionary<string, string[]> Errors,
    IReadOnlyList<ComposeDiagnostic> Diagnostics,
    IReadOnlyList<string> Languages)
{
    public bool IsValid => CapXml is not null;
}

/// <summary>A CAP diagnostic with the form field it belongs to (<c>texts.nl.headline</c>, <c>event</c>, <c>target</c>, …).</summary>
internal sealed record ComposeDiagnostic(string Code, string Severity, string Path, string Message, string Field);

/// <summary>
/// Builds a CAP 1.2 alert from the compose form with the BeAlert.Cap model (<see cref="CapAlertBuilder"/>) and writer,
/// then checks it the way <c>POST /api/alerts</c> will (parse the written XML, validate with the BE-Alert profile).
/// The rights of the authority are applied here too (type 2: groups only, scope Restricted; untrained: no drawn areas,
/// no cell broadcast), and again by the APIs the page posts to.
/// </summary>
internal static partial class ComposeBuilder
{
    /// <summary>The form's languages, in column order, with the CAP language code each becomes.</summary>
    public static readonly IReadOnlyList<(string Key, string Cap)> Languages =
        [("nl", "nl-BE"), ("fr", "fr-BE"), ("de", "de-BE"), ("en", "en")];

    public const int MaxHeadline = 160;
    public const int MaxDescription = 3000;
    public const int MaxInstruction = 1500;
    public const int MaxEvent = 100;
    public const int MaxExpiresHours = 72;
    public const int DefaultExpiresHours = 6;

    public static ComposeResult Build(ComposeBody body, Authority authority, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var texts = new List<(string Key, string Cap, string Headline, string? Description, string? Instruction)>();
        foreach (var key in (body.Texts ?? []).Keys.Where(k => !Languages.Any(l => l.Key == k)))
        {
            errors["texts"] = [$"Unknown language '{Cut(key)}': use nl, fr, de or en."];
        }

        foreach (var (key, cap) in Languages)
        {
            if (body.Texts?.GetValueOrDefault(key) is not { } text)
            {
                continue;
            }

            var headline = Clean(text.Headline, $"texts.{key}.headline", MaxHeadline, multiline: false, errors);
            var description = Clean(text.Description, $"texts.{key}.description", MaxDescription, multiline: true, errors);
            var instruction = Clean(text.Instruction, $"texts.{key}.instruction", MaxInstruction, multiline: true, errors);
            if (headline is null && (description is not null || instruction is not null))
            {
                errors[$"texts.{key}.headline"] = ["A language with a description or instruction needs a headline."];
            }

            if (headline is not null)
            {
                texts.Add((key, cap, headline, description, instruction));
            }
        }

        if (texts.Count == 0 && !errors.ContainsKey("texts"))
        {
            errors["texts"] = ["Fill in at least one language: a headline, a description and an instruction."];
        }

        var @event = Clean(body.Event, "event", MaxEvent, multiline: false, errors);
        if (@event is null && !errors.ContainsKey("event"))
        {
            errors["event"] = ["Name the event (for example: Industrial fire, Flood)."];
        }

        var category = ParseEnum<CapCategory>(body.Category, "category", CapCategory.Safety, errors) ?? CapCategory.Safety;
        var urgency = ParseEnum<CapUrgency>(body.Urgency, "urgency", null, errors);
        var severity = ParseEnum<CapSeverity>(body.Severity, "severity", null, errors);
        var certainty = ParseEnum<CapCertainty>(body.Certainty, "certainty", null, errors);
        var responseType = string.IsNullOrEmpty(body.ResponseType) ? null : ParseEnum<CapResponseType>(body.ResponseType, "responseType", null, errors);
        var status = ParseEnum<CapStatus>(body.Status, "status", CapStatus.Actual, errors) ?? CapStatus.Actual;
        if (status is not (CapStatus.Actual or CapStatus.Exercise or CapStatus.Test))
        {
            errors["status"] = ["The status is Actual, Exercise or Test."];
        }

        var hours = body.ExpiresHours ?? DefaultExpiresHours;
        if (hours is < 1 or > MaxExpiresHours)
        {
            errors["expiresHours"] = [$"The alert expires after 1 to {MaxExpiresHours} hours."];
            hours = DefaultExpiresHours;
        }

        var channelErrors = new Dictionary<string, string[]>();
        var channels = CampaignRequestModel.ParseChannels(body.Channels, channelErrors);
        if (channelErrors.TryGetValue("channels", out var channelProblem))
        {
            errors["channels"] = channelProblem;
        }
        else if (channels.Includes(DeliveryChannel.CellBroadcast) && !authority.IsTrained)
        {
            errors["channels"] = ["Cell broadcast (location-based SMS) needs the training: your authority is not trained."];
        }

        var target = CheckTarget(body.Target, authority, errors);

        if (texts.Count == 0 || urgency is null || severity is null || certainty is null)
        {
            return new ComposeResult(null, null, errors, [], [.. texts.Select(t => t.Key)]);
        }

        var sent = new CapDateTime(DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()));
        var expires = new CapDateTime(sent.UtcValue.AddHours(hours));
        var groupsOnly = authority.Agreement == AgreementType.GroupAlerting;
        var builder = CapAlertBuilder.Create(NewIdentifier(authority, now), SenderOf(authority), sent)
            .Status(status)
            .MsgType(CapMessageType.Alert)
            .Scope(groupsOnly ? CapScope.Restricted : CapScope.Public);
        if (groupsOnly)
        {
            builder = builder.Restriction($"Members of the groups of {authority.Name}");
        }

        foreach (var text in texts)
        {
            builder = builder.AddInfo(text.Cap, category, @event ?? "Alert", urgency.Value, severity.Value, certainty.Value, info =>
            {
                if (responseType is { } response)
                {
                    info.AddResponseType(response);
                }

                info.Expires(expires).SenderName(authority.Name).Headline(text.Headline).Description(text.Description).Instruction(text.Instruction);
                AddAreas(info, target, authority, groupsOnly);
            });
        }

        var alert = builder.Build();
        string xml;
        try
        {
            xml = CapWriter.WriteToString(alert);
        }
        catch (ArgumentException e)
        {
            errors["alert"] = [$"The alert cannot be written as CAP: {e.Message}"];
            return new ComposeResult(alert, null, errors, [], [.. texts.Select(t => t.Key)]);
        }

        var languages = texts.Select(t => t.Key).ToList();
        var diagnostics = new List<ComposeDiagnostic>();
        var valid = false;
        if (CapParser.Default.TryParse(xml, out var document, out var parseError))
        {
            var validation = new CapValidator(CapProfile.BeAlert).Validate(document!);
            diagnostics.AddRange(validation.Diagnostics.Take(50).Select(d => new ComposeDiagnostic(d.Code, d.Severity.ToString(), d.Path, d.Message, FieldOf(d.Code, d.Path, languages))));
            valid = validation.IsValid;
            foreach (var group in diagnostics.Where(d => d.Severity == nameof(CapDiagnosticSeverity.Error)).GroupBy(d => d.Field))
            {
                errors[group.Key] = [.. (errors.GetValueOrDefault(group.Key) ?? []), .. group.Select(d => $"{d.Code}: {d.Message}")];
            }
        }
        else
        {
            errors["alert"] = [$"The written alert cannot be read back: {parseError!.Message}"];
        }

        return new ComposeResult(alert, valid && errors.Count == 0 ? xml : null, errors, diagnostics, languages);
    }

    /// <summary>The campaign audience a target means (the JSON body part of <c>/api/campaigns</c>).</summary>
    public static AudienceBody ToAudience(ComposeTarget? target) => new()
    {
        Areas = target is null ? null
            : target.Polygon is not null ? [new AreaBody { Polygon = target.Polygon }]
            : target.Circle is not null ? [new AreaBody { Circle = target.Circle }]
            : null,
        Municipalities = target?.Municipalities is { Count: > 0 } m ? m : null,
        Groups = target?.Groups is { Count: > 0 } g ? g : null,
        Streets = target?.Streets is { Count: > 0 } st ? st : null,
    };

    /// <summary>Checks a target against the campaign rules and the authority's rights; null when there is nothing usable.</summary>
    public static ComposeTarget? CheckTarget(ComposeTarget? target, Authority authority, Dictionary<string, string[]> errors)
    {
        var hasShape = target is not null && (target.Polygon is not null || target.Circle is not null);
        var hasStreets = (target?.Streets?.Count ?? 0) > 0;
        if (target is null || (!hasShape && !hasStreets && (target.Municipalities?.Count ?? 0) == 0 && (target.Groups?.Count ?? 0) == 0))
        {
            errors["target"] = [authority.Agreement == AgreementType.GroupAlerting
                ? "Choose at least one group."
                : "Choose where: draw an area on the map or pick municipalities."];
            return null;
        }

        if (target.Polygon is not null && target.Circle is not null)
        {
            errors["target"] = ["Draw one area: a polygon or a circle, not both."];
            return null;
        }

        if (authority.Agreement == AgreementType.GroupAlerting && (hasShape || hasStreets || (target.Municipalities?.Count ?? 0) > 0))
        {
            errors["target"] = ["A group-alerting (type 2) account alerts its groups only, not the population of an area, municipality or street."];
            return null;
        }

        if (hasShape && !authority.IsTrained)
        {
            errors["target"] = ["Drawing an area (location-based alerting) needs the training: pick municipalities instead."];
            return null;
        }

        var audienceErrors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CampaignRequestModel.ParseAudience(ToAudience(target), audienceErrors);
        if (audienceErrors.Count > 0)
        {
            errors["target"] = [.. audienceErrors.SelectMany(e => e.Value)];
            return null;
        }

        return target;
    }

    private static void AddAreas(CapInfoBuilder info, ComposeTarget? target, Authority authority, bool groupsOnly)
    {
        if (target is null)
        {
            return;
        }

        if (groupsOnly)
        {
            // A restricted group message still says where it applies: the authority's own territory.
            if (authority.Municipalities.Count > 0)
            {
                info.AddArea(authority.Name, area =>
                {
                    foreach (var code in authority.Municipalities.Take(50))
                    {
                        area.AddGeocode("NIS", code.ToString("D5", CultureInfo.InvariantCulture));
                    }
                });
            }

            return;
        }

        if (target.Polygon is { } polygon)
        {
            info.AddArea("Area drawn by " + authority.Name, area => area.AddPolygon(ParsePoints(polygon)));
        }
        else if (target.Circle is { } circle)
        {
            var parts = circle.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var center = ParsePoints(parts[0])[0];
            var radius = double.Parse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture);
            info.AddArea("Area drawn by " + authority.Name, area => area.AddCircle(center, radius));
        }

        if (target.Streets is { Count: > 0 } streets)
        {
            // One CAP area per municipality: the streets in its description, the municipality as NIS geocode.
            foreach (var byMunicipality in streets.Where(st => st is not null).GroupBy(st => st.Nis).Take(50))
            {
                var named = string.Join(", ", byMunicipality.Take(10).Select(st => st.Name?.Trim()
                    + (st.From is not null || st.To is not null ? " " + (st.From ?? 1).ToString(CultureInfo.InvariantCulture) + "-" + (st.To?.ToString(CultureInfo.InvariantCulture) ?? "") : string.Empty)));
                var municipality = BeAlert.Gateway.Web.Geo.MunicipalityNames.Get(byMunicipality.Key, "nl");
                info.AddArea(
                    named + (byMunicipality.Count() > 10 ? $" (+{byMunicipality.Count() - 10})" : string.Empty) + ", " + municipality,
                    area => area.AddGeocode("NIS", byMunicipality.Key.ToString("D5", CultureInfo.InvariantCulture)));
            }
        }

        if (target.Municipalities is { Count: > 0 } codes)
        {
            var distinct = codes.Distinct().ToList();
            var names = distinct.Take(5).Select(code =>
                BelgianBoundaries.Default.TryFind(code.ToString("D5", CultureInfo.InvariantCulture), out var unit)
                    ? (unit.NameNl == unit.NameFr ? unit.NameNl : unit.NameNl + " / " + unit.NameFr)
                    : code.ToString(CultureInfo.InvariantCulture));
            var description = string.Join(", ", names) + (distinct.Count > 5 ? $" (+{distinct.Count - 5})" : string.Empty);
            info.AddArea(description, area =>
            {
                foreach (var code in distinct)
                {
                    area.AddGeocode("NIS", code.ToString("D5", CultureInfo.InvariantCulture));
                }
            });
        }
    }

    /// <summary>"lat,lon lat,lon …" → points, the ring closed (the target was checked by <see cref="CheckTarget"/>).</summary>
    private static List<CapPoint> ParsePoints(string text)
    {
        var points = new List<CapPoint>();
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = token.IndexOf(',', StringComparison.Ordinal);
            points.Add(new CapPoint(
                double.Parse(token.AsSpan(0, comma), NumberStyles.Float, CultureInfo.InvariantCulture),
                double.Parse(token.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        if (points.Count > 1 && points[0] != points[^1])
        {
            points.Add(points[0]);
        }

        return points;
    }

    /// <summary>Which form field a CAP diagnostic path is about.</summary>
    internal static string FieldOf(string code, string path, IReadOnlyList<string> languages)
    {
        var match = InfoPath().Match(path ?? string.Empty);
        if (!match.Success)
        {
            return "alert";
        }

        var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) - 1;
        var language = index >= 0 && index < languages.Count ? languages[index] : null;
        var element = match.Groups[2].Success ? match.Groups[2].Value : code switch
        {
            // profile rules that name the info block but are about one of its fields
            CapProfileDiagnosticCodes.BeAlertInstructionRequired => "instruction",
            CapProfileDiagnosticCodes.BeAlertExpiresRequired => "expires",
            CapProfileDiagnosticCodes.BeAlertTestNotInHeadline => "headline",
            _ => null,
        };
        return element switch
        {
            "headline" or "description" or "instruction" when language is not null => $"texts.{language}.{element}",
            "event" or "urgency" or "severity" or "certainty" or "category" or "responseType" => element,
            "expires" or "effective" or "onset" => "expiresHours",
            "area" => "target",
            _ => "texts",
        };
    }

    private static string NewIdentifier(Authority authority, DateTimeOffset now)
    {
        var stem = NotIdentifier().Replace(authority.Id.ToUpperInvariant(), "-");
        if (stem.Length > 40)
        {
            stem = stem[..40];
        }

        return "BE-" + stem + "-" + now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-"
            + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
    }

    private static string SenderOf(Authority authority)
    {
        var local = NotIdentifier().Replace(authority.Id.ToLowerInvariant(), "-").Trim('-', '.');
        return (local.Length == 0 ? "operator" : local) + "@be-alert.be";
    }

    private static string? Clean(string? value, string field, int max, bool multiline, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (text.Length > max)
        {
            errors[field] = [$"At most {max} characters (now {text.Length})."];
            return null;
        }

        if (text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
        {
            errors[field] = ["Control characters are not allowed."];
            return null;
        }

        return text;
    }

    private static T? ParseEnum<T>(string? value, string field, T? fallback, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            if (fallback is null)
            {
                errors[field] = [$"Choose one of {string.Join(", ", Enum.GetNames<T>())}."];
            }

            return fallback;
        }

        if (value.Length <= 40 && !value.Any(char.IsDigit) && Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        errors[field] = [$"'{Cut(value)}' is not one of {string.Join(", ", Enum.GetNames<T>())}."];
        return fallback;
    }

    private static string Cut(string s) => s.Length > 40 ? s[..40] + "…" : s;

    [GeneratedRegex(@"^/alert/info\[(\d+)\](?:/([A-Za-z]+))?")]
    private static partial Regex InfoPath();

    [GeneratedRegex(@"[^A-Za-z0-9_.\-]+")]
    private static partial Regex NotIdentifier();
}
