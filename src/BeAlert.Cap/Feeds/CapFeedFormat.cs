namespace BeAlert.Cap;

/// <summary>The kind of document that carries CAP alerts or points to them.</summary>
public enum CapFeedFormat
{
    /// <summary>An Atom 1.0 feed (RFC 4287): <c>feed</c> in namespace <c>http://www.w3.org/2005/Atom</c>.</summary>
    Atom,
    /// <summary>An RSS 2.0 feed: <c>rss</c> (no namespace) holding one <c>channel</c>.</summary>
    Rss,
    /// <summary>An OASIS EDXL-DE 1.0 envelope: <c>EDXLDistribution</c> in namespace <c>urn:oasis:names:tc:emergency:EDXL:DE:1.0</c>.</summary>
    EdxlDistribution,
}
