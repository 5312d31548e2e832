namespace BeAlert.Cap;

/// <summary>
/// Parts of an alert that a channel shows. A rendering reports which parts it had to shorten and which it left out
/// to respect the channel's limits, so an operator can see what a recipient will miss.
/// </summary>
[Flags]
public enum RenderParts
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>The headline (<c>headline</c>).</summary>
    Headline = 1,

    /// <summary>The event (<c>event</c>), shown when there is no headline or the headline does not fit.</summary>
    Event = 2,

    /// <summary>The description (<c>description</c>).</summary>
    Description = 4,

    /// <summary>The instruction (<c>instruction</c>).</summary>
    Instruction = 8,

    /// <summary>The link to full information (<c>web</c>, or the configured default).</summary>
    Link = 16,

    /// <summary>The area descriptions (<c>areaDesc</c>).</summary>
    Area = 32,

    /// <summary>The repetition at the end of a voice message.</summary>
    Repetition = 64,

    /// <summary>The note of an alert without info blocks (<c>note</c>).</summary>
    Note = 128,
}
