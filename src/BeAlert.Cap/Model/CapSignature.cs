namespace BeAlert.Cap;

/// <summary>
/// An enveloped XML digital signature (<c>ds:Signature</c>) found at the end of an alert, kept as the exact
/// XML text of the element so that it can be verified and re-emitted unchanged.
/// </summary>
/// <param name="Xml">The outer XML of the <c>ds:Signature</c> element.</param>
public sealed record CapSignature(string Xml)
{
    /// <summary>The namespace of XML-DSig elements.</summary>
    public const string Namespace = "http://www.w3.org/2000/09/xmldsig#";

    /// <summary>The outer XML of the <c>ds:Signature</c> element.</summary>
    public string Xml { get; init; } = Xml ?? throw new ArgumentNullException(nameof(Xml));
}
