namespace BeAlert.Cli.Rendering;

/// <summary>The channels <c>bealert render</c> can render for, with their command-line names.</summary>
internal enum RenderChannel
{
    /// <summary><c>sms</c>: an SMS (segments, coding, cost).</summary>
    Sms,

    /// <summary><c>cb</c>: a cell broadcast message (pages).</summary>
    CellBroadcast,

    /// <summary><c>voice</c>: a text-to-speech script (text and SSML).</summary>
    Voice,

    /// <summary><c>email</c>: subject, text and HTML bodies.</summary>
    Email,

    /// <summary><c>signage</c>: lines for a screen.</summary>
    Signage,
}
