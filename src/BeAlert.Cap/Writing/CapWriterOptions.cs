namespace BeAlert.Cap;

/// <summary>Settings of <see cref="CapWriter"/>.</summary>
public sealed class CapWriterOptions
{
    internal static readonly CapWriterOptions Default = new();

    /// <summary>Indent the XML with two spaces (default <see langword="true"/>); <see langword="false"/> writes it on one line.</summary>
    public bool Indent { get; set; } = true;

    /// <summary>
    /// Re-emit the original bytes of a signed document read by <see cref="CapParser"/> when the alert is the very
    /// instance that was read (so its signature stays valid). Default <see langword="true"/>.
    /// </summary>
    public bool PreserveSignedSource { get; set; } = true;
}
