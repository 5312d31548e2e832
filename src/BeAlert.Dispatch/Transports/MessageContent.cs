using BeAlert.Cap;

namespace BeAlert.Dispatch;

/// <summary>
/// What one channel says in one language for one campaign: rendered once and shared by every delivery of that channel
/// and language (never rendered per recipient).
/// </summary>
/// <param name="Channel">The channel the content is for.</param>
/// <param name="Language">The language (RFC 3066 code such as <c>nl</c>, <c>fr-BE</c>).</param>
/// <param name="Text">The text to send: the SMS or cell-broadcast text, the voice script, the e-mail's plain body, the signage text.</param>
/// <param name="Alert">The alert the content comes from (signage and cell broadcast transports send or map the CAP itself).</param>
public sealed record MessageContent(DeliveryChannel Channel, string Language, string Text, CapAlert Alert)
{
    /// <summary>E-mail subject; <see langword="null"/> for other channels.</summary>
    public string? Subject { get; init; }

    /// <summary>E-mail HTML body; <see langword="null"/> when there is none.</summary>
    public string? Html { get; init; }

    /// <summary>Billing units of one delivery: SMS segments, started voice minutes (estimated from the script); 0 when free.</summary>
    public int BillableUnits { get; init; }

    /// <summary>Whether the campaign runs in the simulation environment: the text already carries the SIMULATION marker.</summary>
    public bool IsSimulation { get; init; }
}
