using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BeAlert.Cap;
using BeAlert.Dispatch;
using BeAlert.Gateway.Citizens;
using BeAlert.Gateway.Security;

namespace BeAlert.Gateway.Campaigns;

/// <summary>A body turned into a <see cref="CampaignCommand"/>, or the ProblemDetails saying why not.</summary>
internal sealed record BuiltCommand(CampaignCommand? Command, string AudienceJson, IResult? Error);

/// <summary>
/// Turns a campaign body into a command: the alert (by identifier, from a template, or inline), the channels and the
/// audience (groups and lists through <see cref="IAudienceSources"/>), every problem listed.
/// </summary>
internal sealed partial class CampaignCommandBuilder(
    ICampaignAlertSource alerts,
    TemplateStore templates,
    IAudienceSources audienceSources,
    TimeProvider time,
    BeAlert.Gateway.Population.StreetIndex streetIndex)
{
    public const int MaxIdLength = 256;

    public async Task<BuiltCommand> BuildAsync(CampaignBody body, Caller caller, CancellationToken cancellationToken)
    {
        var authority = caller.Authority!;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var sources = (body.AlertId is null ? 0 : 1) + (body.TemplateId is null ? 0 : 1) + (body.CapXml is null ? 0 : 1);
        if (sources != 1)
        {
            errors["alert"] = ["Give exactly one of alertId, templateId or capXml."];
            return new BuiltCommand(null, "{}", CampaignHttp.Invalid(errors));
        }

        CapAlert? alert = null;
        var channelNames = body.Channels;
        var audience = body.Audience;
        if (body.TemplateId is { } templateId)
        {
            var template = templateId.Length <= MaxIdLength ? await templates.FindAsync(authority.Id, templateId, cancellationToken).ConfigureAwait(false) : null;
            if (template is null)
            {
                return new BuiltCommand(null, "{}", CampaignHttp.NotFound($"Your authority has no template '{Cut(templateId)}'."));
            }

            channelNames ??= [.. template.Channels];
            audience ??= JsonSerializer.Deserialize<AudienceBody>(template.AudienceJson, CampaignRequestModel.Json);
            alert = Instantiate(template.CapXml, body.Values, errors);
        }
        else if (body.AlertId is { } alertId)
        {
            var xml = alertId.Length is > 0 and <= MaxIdLength ? await alerts.FindAlertXmlAsync(authority.Id, alertId, cancellationToken).ConfigureAwait(false) : null;
            if (xml is null)
            {
                return new BuiltCommand(null, "{}", CampaignHttp.NotFound($"Your authority posted no alert with identifier '{Cut(alertId)}'."));
            }

            if (CapParser.Default.TryParse(new MemoryStream(xml), out var document, out var error))
            {
                alert = document!.Alert;
            }
            else
            {
                errors["alertId"] = [$"The stored alert cannot be read: {error!.Message}"];
            }
        }
        else
        {
            alert = CampaignRequestModel.ParseCap(body.CapXml!, "capXml", errors);
        }

        var channels = CampaignRequestModel.ParseChannels(channelNames, errors);
        var parsed = CampaignRequestModel.ParseAudience(audience, errors);
        CampaignRequestModel.CheckName(body.Name, "name", errors);
        if (body.Priority is < -1000 or > 1000)
        {
            errors["priority"] = ["The priority is between -1000 and 1000 (higher goes first)."];
        }

        if (errors.Count > 0 || alert is null || parsed is null)
        {
            return new BuiltCommand(null, "{}", CampaignHttp.Invalid(errors));
        }

        var groups = new List<BeAlert.Dispatch.Group>();
        var missingGroups = new List<long>();
        foreach (var id in parsed.Groups)
        {
            var group = await audienceSources.FindGroupAsync(authority.Id, id, cancellationToken).ConfigureAwait(false);
            if (group is null)
            {
                missingGroups.Add(id);
            }
            else
            {
                groups.Add(group);
            }
        }

        var lists = new List<ContactList>();
        var missingLists = new List<long>();
        foreach (var id in parsed.Lists)
        {
            var list = await audienceSources.FindListAsync(authority.Id, id, cancellationToken).ConfigureAwait(false);
            if (list is null)
            {
                missingLists.Add(id);
            }
            else
            {
                lists.Add(list);
            }
        }

        if (missingGroups.Count > 0)
        {
            errors["audience.groups"] = [$"Your authority has no group(s) {string.Join(", ", missingGroups)}."];
        }

        if (missingLists.Count > 0)
        {
            errors["audience.lists"] = [$"Your authority has no contact list(s) {string.Join(", ", missingLists)}."];
        }

        CampaignStreets.CheckKnown(parsed.Streets, streetIndex, errors);
        if (errors.Count > 0)
        {
            return new BuiltCommand(null, "{}", CampaignHttp.Invalid(errors, "Unknown groups, lists or streets."));
        }

        var spec = new AudienceSpec
        {
            Municipalities = parsed.Municipalities,
            Streets = parsed.Streets,
            Areas = parsed.Areas,
            Groups = groups,
            Lists = lists,
            Everyone = parsed.Everyone,
        };
        var command = new CampaignCommand(authority.Id, alert, channels, spec)
        {
            KeyId = caller.KeyId,
            Name = string.IsNullOrWhiteSpace(body.Name) ? null : body.Name,
            Priority = body.Priority,
            Simulation = body.Simulation,
            TemplateId = body.TemplateId,
        };
        return new BuiltCommand(command, JsonSerializer.Serialize(audience, CampaignRequestModel.Json), null);
    }

    /// <summary>
    /// A template's alert with its placeholders filled (<c>{{name}}</c>: the given values, XML-escaped; <c>{{identifier}}</c>,
    /// <c>{{sent}}</c>, <c>{{expires}}</c> built in) and a fresh identifier and sent time; info times move with it.
    /// </summary>
    public CapAlert? Instantiate(string templateXml, IReadOnlyDictionary<string, string>? values, Dictionary<string, string[]> errors, bool sample = false)
    {
        var now = time.GetUtcNow();
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var identifier = "BE-TPL-" + now.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + "-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
        var xml = Placeholder().Replace(templateXml, m =>
        {
            var name = m.Groups[1].Value;
            if (values is not null && values.TryGetValue(name, out var value) && value is not null)
            {
                return System.Security.SecurityElement.Escape(value);
            }

            switch (name)
            {
                case "identifier":
                    return identifier;
                case "sent":
                    return new CapDateTime(now).ToString();
                case "expires":
                    return new CapDateTime(now.AddHours(6)).ToString();
                default:
                    missing.Add(name);
                    return "placeholder";
            }
        });
        if (missing.Count > 0 && !sample)
        {
            errors["values"] = [$"The template needs a value for {string.Join(", ", missing.Select(n => "{{" + n + "}}"))}."];
            return null;
        }

        var alert = CampaignRequestModel.ParseCap(xml, sample ? "capXml" : "template", errors);
        if (alert is null)
        {
            return null;
        }

        var shift = now - alert.Sent.UtcValue;
        return alert with
        {
            Identifier = alert.Identifier.StartsWith("BE-TPL-", StringComparison.Ordinal) ? alert.Identifier : Fresh(alert.Identifier, now),
            Sent = new CapDateTime(now),
            Infos = [.. alert.Infos.Select(i => i with
            {
                Effective = Shift(i.Effective, shift),
                Onset = Shift(i.Onset, shift),
                Expires = Shift(i.Expires, shift),
            })],
        };
    }

    private static CapDateTime? Shift(CapDateTime? value, TimeSpan shift) =>
        value is { } v ? new CapDateTime(v.UtcValue + shift) : null;

    private static string Fresh(string identifier, DateTimeOffset now)
    {
        var stem = identifier.Length > 80 ? identifier[..80] : identifier;
        return stem + "-" + now.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + "-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
    }

    private static string Cut(string s) => s.Length > 80 ? s[..80] + "…" : s;

    [GeneratedRegex(@"\{\{\s*([A-Za-z][A-Za-z0-9_.-]{0,39})\s*\}\}")]
    private static partial Regex Placeholder();
}
