using System.Text;

namespace BeAlert.Cap;

/// <summary>The exact CAP text of every enumeration value, both ways, without reflection.</summary>
internal static class CapEnumText
{
    internal static string ToText(CapStatus value) => value switch
    {
        CapStatus.Actual => "Actual",
        CapStatus.Exercise => "Exercise",
        CapStatus.System => "System",
        CapStatus.Test => "Test",
        CapStatus.Draft => "Draft",
        _ => throw Undefined(value),
    };

    internal static string ToText(CapMessageType value) => value switch
    {
        CapMessageType.Alert => "Alert",
        CapMessageType.Update => "Update",
        CapMessageType.Cancel => "Cancel",
        CapMessageType.Ack => "Ack",
        CapMessageType.Error => "Error",
        _ => throw Undefined(value),
    };

    internal static string ToText(CapScope value) => value switch
    {
        CapScope.Public => "Public",
        CapScope.Restricted => "Restricted",
        CapScope.Private => "Private",
        _ => throw Undefined(value),
    };

    internal static string ToText(CapCategory value) => value switch
    {
        CapCategory.Geo => "Geo",
        CapCategory.Met => "Met",
        CapCategory.Safety => "Safety",
        CapCategory.Security => "Security",
        CapCategory.Rescue => "Rescue",
        CapCategory.Fire => "Fire",
        CapCategory.Health => "Health",
        CapCategory.Env => "Env",
        CapCategory.Transport => "Transport",
        CapCategory.Infra => "Infra",
        CapCategory.Cbrne => "CBRNE",
        CapCategory.Other => "Other",
        _ => throw Undefined(value),
    };

    internal static string ToText(CapResponseType value) => value switch
    {
        CapResponseType.Shelter => "Shelter",
        CapResponseType.Evacuate => "Evacuate",
        CapResponseType.Prepare => "Prepare",
        CapResponseType.Execute => "Execute",
        CapResponseType.Avoid => "Avoid",
        CapResponseType.Monitor => "Monitor",
        CapResponseType.Assess => "Assess",
        CapResponseType.AllClear => "AllClear",
        CapResponseType.None => "None",
        _ => throw Undefined(value),
    };

    internal static string ToText(CapUrgency value) => value switch
    {
        CapUrgency.Immediate => "Immediate",
        CapUrgency.Expected => "Expected",
        CapUrgency.Future => "Future",
        CapUrgency.Past => "Past",
        CapUrgency.Unknown => "Unknown",
        _ => throw Undefined(value),
    };

    internal static string ToText(CapSeverity value) => value switch
    {
        CapSeverity.Extreme => "Extreme",
        CapSeverity.Severe => "Severe",
        CapSeverity.Moderate => "Moderate",
        CapSeverity.Minor => "Minor",
        CapSeverity.Unknown => "Unknown",
        _ => throw Undefined(value),
    };

    internal static string ToText(CapCertainty value) => value switch
    {
        CapCertainty.Observed => "Observed",
        CapCertainty.Likely => "Likely",
        CapCertainty.Possible => "Possible",
        CapCertainty.Unlikely => "Unlikely",
        CapCertainty.Unknown => "Unknown",
        _ => throw Undefined(value),
    };

    /// <summary>Looks a value up by its exact text, or ignoring case when <paramref name="ignoreCase"/> is set.</summary>
    internal static bool TryParse<TEnum>(ReadOnlySpan<char> text, bool ignoreCase, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Values<TEnum>.All)
        {
            if (text.Equals(candidate.Text, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                value = candidate.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The value whose CAP text is exactly these UTF-8 bytes (no case or whitespace leeway).</summary>
    internal static bool TryParseExact<TEnum>(ReadOnlySpan<byte> utf8, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Values<TEnum>.All)
        {
            if (utf8.Length == candidate.Text.Length && Ascii.Equals(utf8, candidate.Text))
            {
                value = candidate.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    internal static string ToText<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Values<TEnum>.All)
        {
            if (EqualityComparer<TEnum>.Default.Equals(candidate.Value, value))
            {
                return candidate.Text;
            }
        }

        throw Undefined(value);
    }

    /// <summary>The list of allowed texts, for messages.</summary>
    internal static string Allowed<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Values<TEnum>.All.Select(v => v.Text));

    private static ArgumentOutOfRangeException Undefined<T>(T value) =>
        new(nameof(value), value, $"{value} is not a defined {typeof(T).Name} value.");

    private static class Values<TEnum>
        where TEnum : struct, Enum
    {
        internal static readonly (TEnum Value, string Text)[] All = [.. Enum.GetValues<TEnum>().Select(v => (v, Text(v)))];

        private static string Text(TEnum v) => v switch
        {
            CapStatus s => ToText(s),
            CapMessageType m => ToText(m),
            CapScope s => ToText(s),
            CapCategory c => ToText(c),
            CapResponseType r => ToText(r),
            CapUrgency u => ToText(u),
            CapSeverity s => ToText(s),
            CapCertainty c => ToText(c),
            _ => v.ToString(),
        };
    }
}
