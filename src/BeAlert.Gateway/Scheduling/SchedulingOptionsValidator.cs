using System.Globalization;
using BeAlert.Cap.Geo;
using BeAlert.Dispatch;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Scheduling;

/// <summary>Checks every scheduled test at start and lists every problem together.</summary>
internal sealed class SchedulingOptionsValidator : IValidateOptions<SchedulingOptions>
{
    private static readonly string[] OfficialLanguages = ["nl", "fr", "de", "en"];

    public ValidateOptionsResult Validate(string? name, SchedulingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        foreach (var (scheduleName, s) in options.Schedules)
        {
            var where = $"{SchedulingOptions.Section}:{scheduleName}";
            if (scheduleName.Length is 0 or > 64 || !scheduleName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                errors.Add($"{where}: a schedule name is 1 to 64 ASCII letters, digits, '-', '_' or '.'.");
            }

            if (!Enum.IsDefined(s.Kind))
            {
                errors.Add($"{where}:Kind must be Monthly or Quarterly.");
            }

            if (!TestCalendar.TryParseTimeOfDay(s.TimeOfDay, out _))
            {
                errors.Add($"{where}:TimeOfDay '{s.TimeOfDay}' is not a time of day (HH:mm).");
            }

            if (FindZone(s.TimeZone) is null)
            {
                errors.Add($"{where}:TimeZone '{s.TimeZone}' is not a known time zone (for example Europe/Brussels).");
            }

            if (string.IsNullOrWhiteSpace(s.Authority))
            {
                errors.Add($"{where}:Authority is required (the id of the authority that sends the test).");
            }

            if ((s.Channels & ~DeliveryChannels.All) != 0)
            {
                errors.Add($"{where}:Channels '{s.Channels}' names an unknown channel.");
            }

            if (s.CatchUpWindow < TimeSpan.Zero || s.CatchUpWindow > TimeSpan.FromDays(7))
            {
                errors.Add($"{where}:CatchUpWindow must be between 0 and 7 days (was {s.CatchUpWindow}).");
            }

            foreach (var language in s.Languages.Where(l => !OfficialLanguages.Contains(l, StringComparer.OrdinalIgnoreCase)))
            {
                errors.Add($"{where}:Languages: '{language}' is not nl, fr, de or en.");
            }

            foreach (var nis in s.Municipalities.Where(n => !MunicipalityCodes.Value.Contains(n)))
            {
                errors.Add($"{where}:Municipalities: {nis} is not the NIS code of a Belgian municipality.");
            }

            if (s.Area is not null && ScheduledTestMessage.TryParsePolygon(s.Area, out _) is { } polygonError)
            {
                errors.Add($"{where}:Area: {polygonError}");
            }

            if (s.Sender is not null && (s.Sender.Length > 200 || !(s.Sender.Contains('@', StringComparison.Ordinal) || s.Sender.StartsWith("urn:oid:", StringComparison.Ordinal))))
            {
                errors.Add($"{where}:Sender must be an e-mail address or an OID URN.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static readonly Lazy<HashSet<int>> MunicipalityCodes = new(() =>
        [.. BelgianBoundaries.Default.Municipalities.Select(m => int.Parse(m.Code, CultureInfo.InvariantCulture))]);

    internal static TimeZoneInfo? FindZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}
