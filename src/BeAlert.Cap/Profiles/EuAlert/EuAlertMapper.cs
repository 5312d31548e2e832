using System.Diagnostics.CodeAnalysis;

namespace BeAlert.Cap;

/// <summary>
/// Maps a CAP info block and its alert's status onto an EU-Alert level and cell broadcast message identifiers.
/// <list type="bullet">
/// <item>Status Exercise goes to EU-Exercise (4381/4394), status Test to the monthly test channel (4380/4393);
/// Draft and System messages are never broadcast.</item>
/// <item>For status Actual, Level 2 and Level 3 follow from severity, urgency and certainty as in ETSI TS 102 900
/// Table 1 and 3GPP TS 23.041 §9.4.1.2.2: Extreme and Immediate is Level 2 (Observed 4371, Likely 4372); Extreme and
/// Expected (Observed 4373, Likely 4374) and Severe and Immediate (4375, 4376) or Expected (4377, 4378) are Level 3.
/// Additional languages use the identifier 13 higher (4384–4391).</item>
/// <item>Level 1, EU-Amber, Level 4 and EU-Info cannot be derived from those three values: they are a decision of the
/// authority, given as an info <c>parameter</c> named <see cref="LevelParameterName"/> with the value <c>1</c>,
/// <c>4</c>, <c>Amber</c> or <c>Info</c>. The values <c>2</c> and <c>3</c> are accepted when they agree with severity,
/// urgency and certainty. Values are matched ignoring case.</item>
/// </list>
/// </summary>
public static class EuAlertMapper
{
    /// <summary>The valueName of the info parameter that states an EU-Alert level explicitly.</summary>
    public const string LevelParameterName = "EU-Alert-Level";

    /// <summary>Maps an info block onto its EU-Alert level and message identifiers.</summary>
    /// <param name="status">The alert's status.</param>
    /// <param name="info">The info block.</param>
    /// <param name="identifiers">The level and identifiers, when the info block can be broadcast.</param>
    /// <param name="reason">Why it cannot, when it cannot: a sentence a person can act on.</param>
    /// <returns>Whether the info block maps onto an EU-Alert level.</returns>
    public static bool TryMap(CapStatus status, CapInfo info, [NotNullWhen(true)] out EuAlertIdentifiers? identifiers, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(info);
        var result = Map(status, info);
        identifiers = result.Identifiers;
        reason = result.Reason;
        return identifiers is not null;
    }

    /// <summary>Why a mapping failed, for the rules that report it under different codes.</summary>
    internal enum Failure
    {
        None,
        NotBroadcastable,
        NoLevel,
        BadParameter,
    }

    internal readonly record struct Result(EuAlertIdentifiers? Identifiers, Failure Failure, string? Reason);

    internal static Result Map(CapStatus status, CapInfo info)
    {
        switch (status)
        {
            case CapStatus.Exercise:
                return Mapped(EuAlertLevel.Exercise, 4381, 4394);
            case CapStatus.Test:
                return Mapped(EuAlertLevel.MonthlyTest, 4380, 4393);
            case CapStatus.Draft or CapStatus.System:
                return new(null, Failure.NotBroadcastable, $"A message with status {CapEnumText.ToText(status)} is never broadcast to the public.");
        }

        var derived = Derive(info.Severity, info.Urgency, info.Certainty);
        string? value = null;
        foreach (var parameter in info.Parameters)
        {
            if (!string.Equals(parameter.ValueName, LevelParameterName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (value is not null && !string.Equals(value, parameter.Value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return new(null, Failure.BadParameter, $"The parameter {LevelParameterName} appears with two values, {CapRuleText.Quote(value)} and {CapRuleText.Quote(parameter.Value)}: keep one.");
            }

            value = parameter.Value.Trim();
        }

        if (value is null)
        {
            return derived is { } d
                ? new(d, Failure.None, null)
                : new(null, Failure.NoLevel, $"Severity {CapEnumText.ToText(info.Severity)}, urgency {CapEnumText.ToText(info.Urgency)} and certainty {CapEnumText.ToText(info.Certainty)} give no EU-Alert level: Level 2 and 3 need severity Extreme or Severe, urgency Immediate or Expected and certainty Observed or Likely. If the authority decides to broadcast it anyway, add the parameter {LevelParameterName} with 1, 4 (public safety), Amber or Info.");
        }

        switch (value.ToUpperInvariant())
        {
            case "1":
                return Mapped(EuAlertLevel.Level1, 4370, 4383);
            case "4":
                return Mapped(EuAlertLevel.Level4, 4396, 4397);
            case "AMBER":
                return Mapped(EuAlertLevel.Amber, 4379, 4392);
            case "INFO":
                return new(new EuAlertIdentifiers(EuAlertLevel.Info, 6400, null), Failure.None, null);
            case "2" or "3":
                var level = value == "2" ? EuAlertLevel.Level2 : EuAlertLevel.Level3;
                if (derived?.Level == level)
                {
                    return new(derived, Failure.None, null);
                }

                var actually = derived is null ? "no level" : $"Level {(derived.Level == EuAlertLevel.Level2 ? "2" : "3")}";
                return new(null, Failure.BadParameter, $"The parameter {LevelParameterName} says {value}, but severity {CapEnumText.ToText(info.Severity)}, urgency {CapEnumText.ToText(info.Urgency)} and certainty {CapEnumText.ToText(info.Certainty)} give {actually}: Level 2 and 3 follow from those values, so correct them or remove the parameter.");
            default:
                return new(null, Failure.BadParameter, $"The parameter {LevelParameterName} has the value {CapRuleText.Quote(value)}; use 1, 2, 3, 4, Amber or Info.");
        }
    }

    /// <summary>Level 2 and 3 from severity, urgency and certainty (3GPP TS 23.041 §9.4.1.2.2), or null.</summary>
    private static EuAlertIdentifiers? Derive(CapSeverity severity, CapUrgency urgency, CapCertainty certainty)
    {
        var offset = (severity, urgency) switch
        {
            (CapSeverity.Extreme, CapUrgency.Immediate) => 0,
            (CapSeverity.Extreme, CapUrgency.Expected) => 2,
            (CapSeverity.Severe, CapUrgency.Immediate) => 4,
            (CapSeverity.Severe, CapUrgency.Expected) => 6,
            _ => -1,
        };
        if (offset < 0 || certainty is not (CapCertainty.Observed or CapCertainty.Likely))
        {
            return null;
        }

        var identifier = 4371 + offset + (certainty == CapCertainty.Likely ? 1 : 0);
        return new EuAlertIdentifiers(offset == 0 ? EuAlertLevel.Level2 : EuAlertLevel.Level3, identifier, identifier + 13);
    }

    private static Result Mapped(EuAlertLevel level, int identifier, int additional) =>
        new(new EuAlertIdentifiers(level, identifier, additional), Failure.None, null);
}
