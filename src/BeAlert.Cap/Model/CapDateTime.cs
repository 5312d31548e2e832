using System.Globalization;

namespace BeAlert.Cap;

/// <summary>
/// A CAP date and time: whole seconds with the explicit UTC offset it was written with
/// (<c>2026-11-25T14:30:00+01:00</c>). CAP forbids the <c>Z</c> designator and writes UTC as <c>-00:00</c>;
/// <see cref="PlusZeroOffset"/> records the rarer <c>+00:00</c> form so that it round-trips.
/// </summary>
public readonly record struct CapDateTime
{
    /// <summary>Creates a CAP time from an instant and offset. Fractions of a second are dropped (CAP has none).</summary>
    /// <param name="value">The instant, with the offset to write it in.</param>
    /// <param name="plusZeroOffset">For a zero offset: write <c>+00:00</c> instead of the canonical <c>-00:00</c>.</param>
    public CapDateTime(DateTimeOffset value, bool plusZeroOffset = false)
    {
        if (value.Offset.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "A CAP offset is a whole number of minutes.");
        }

        Value = value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond));
        PlusZeroOffset = plusZeroOffset && value.Offset == TimeSpan.Zero;
    }

    /// <summary>The instant, in the offset it was written with.</summary>
    public DateTimeOffset Value { get; }

    /// <summary>Whether a zero offset is written <c>+00:00</c> (CAP prefers <c>-00:00</c> for UTC).</summary>
    public bool PlusZeroOffset { get; }

    /// <summary>The instant in UTC.</summary>
    public DateTimeOffset UtcValue => Value.ToUniversalTime();

    /// <summary>Converts a <see cref="DateTimeOffset"/> (fractions of a second dropped).</summary>
    /// <param name="value">The instant.</param>
    public static implicit operator CapDateTime(DateTimeOffset value) => new(value);

    /// <summary>Converts a <see cref="DateTimeOffset"/> (fractions of a second dropped).</summary>
    /// <param name="value">The instant.</param>
    /// <returns>The CAP time.</returns>
    public static CapDateTime FromDateTimeOffset(DateTimeOffset value) => new(value);

    /// <summary>Parses the strict CAP form <c>YYYY-MM-DDThh:mm:ss±hh:mm</c>.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="result">The parsed time.</param>
    /// <returns>Whether the text is a valid CAP time.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out CapDateTime result) =>
        CapDateTimeText.TryParse(text, out result) == CapDateTimeText.Outcome.Valid;

    /// <summary>Writes the CAP form <c>YYYY-MM-DDThh:mm:ss±hh:mm</c>.</summary>
    /// <returns>The CAP text of this time.</returns>
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[25];
        var written = Format(buffer);
        return new string(buffer[..written]);
    }

    internal int Format(Span<char> destination)
    {
        var v = Value;
        v.DateTime.TryFormat(destination, out var n, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var offset = v.Offset;
        var negative = offset < TimeSpan.Zero || (offset == TimeSpan.Zero && !PlusZeroOffset);
        destination[n++] = negative ? '-' : '+';
        var abs = offset.Duration();
        ((int)abs.TotalHours).TryFormat(destination[n..], out var h, "00", CultureInfo.InvariantCulture);
        n += h;
        destination[n++] = ':';
        abs.Minutes.TryFormat(destination[n..], out var m, "00", CultureInfo.InvariantCulture);
        return n + m;
    }
}
