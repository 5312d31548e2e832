using BeAlert.Cap;

namespace BeAlert.Cli.Output;

/// <summary>The names of <see cref="BeAlert.Cap.RenderParts"/> flags as written in reports.</summary>
internal static class RenderPartNames
{
    private static readonly (RenderParts Part, string Name)[] All =
    [
        (RenderParts.Headline, "headline"), (RenderParts.Event, "event"), (RenderParts.Description, "description"),
        (RenderParts.Instruction, "instruction"), (RenderParts.Link, "link"), (RenderParts.Area, "area"),
        (RenderParts.Repetition, "repetition"), (RenderParts.Note, "note"),
    ];

    /// <summary>The names of the flags set, in a fixed order.</summary>
    /// <param name="parts">The flags.</param>
    /// <returns>The names.</returns>
    public static IEnumerable<string> Names(RenderParts parts) => All.Where(p => (parts & p.Part) != 0).Select(p => p.Name);

    /// <summary>The names joined with commas, or <c>none</c>.</summary>
    /// <param name="parts">The flags.</param>
    /// <returns>The text.</returns>
    public static string Text(RenderParts parts) => parts == RenderParts.None ? "none" : string.Join(", ", Names(parts));

    /// <summary>The coding as written in reports.</summary>
    /// <param name="coding">The coding.</param>
    /// <returns><c>gsm7</c> or <c>ucs2</c>.</returns>
    public static string Coding(SmsDataCoding coding) => coding == SmsDataCoding.Gsm7 ? "gsm7" : "ucs2";
}
