namespace BeAlert.Cli.Rendering;

/// <summary>The command-line names of <see cref="RenderChannel"/>.</summary>
internal static class RenderChannels
{
    /// <summary>Every name, in the order help lists them.</summary>
    public static readonly string[] Names = ["sms", "cb", "voice", "email", "signage"];

    /// <summary>The channel of a name (one of <see cref="Names"/>).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The channel.</returns>
    public static RenderChannel Parse(string name) => name switch
    {
        "sms" => RenderChannel.Sms,
        "cb" => RenderChannel.CellBroadcast,
        "voice" => RenderChannel.Voice,
        "email" => RenderChannel.Email,
        "signage" => RenderChannel.Signage,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown channel."),
    };

    /// <summary>The command-line name of a channel.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The name.</returns>
    public static string Name(RenderChannel channel) => Names[(int)channel];
}
