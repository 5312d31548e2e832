namespace BeAlert.Cap;

/// <summary>One child element a CAP container allows, in schema order.</summary>
internal readonly record struct CapChildSpec(string Name, bool Required, bool Repeatable)
{
    /// <summary>The name's UTF-8 bytes, which the UTF-8 reader matches a start tag against (<see cref="CapUtf8XmlReader.TryReadChild"/>).</summary>
    internal byte[] Utf8Name { get; } = System.Text.Encoding.UTF8.GetBytes(Name);

    /// <summary>
    /// Whether the UTF-8 reader may read the element whole when it reads its start tag: text in every CAP version. Not
    /// containers, nor the elements that were text only in CAP 1.0 (eventCode, parameter and geocode), nor polygons,
    /// which the session reads in place (a polygon's text can be long: one pass finds its end and counts its points).
    /// </summary>
    internal bool HoldsText { get; } = Name is not ("info" or "resource" or "area" or "eventCode" or "parameter" or "geocode" or "polygon");
}

/// <summary>
/// The content models of the CAP containers (xs:sequence order, minOccurs and maxOccurs of the XSDs of
/// CAP 1.2 §3.4, CAP 1.1 and CAP 1.0), used by the reader to report missing, duplicate and out-of-order elements.
/// </summary>
internal static class CapSchema
{
    internal const string DsigNamespace = "http://www.w3.org/2000/09/xmldsig#";

    internal static readonly CapChildSpec[] Alert12 =
    [
        new("identifier", true, false), new("sender", true, false), new("sent", true, false), new("status", true, false),
        new("msgType", true, false), new("source", false, false), new("scope", true, false), new("restriction", false, false),
        new("addresses", false, false), new("code", false, true), new("note", false, false), new("references", false, false),
        new("incidents", false, false), new("info", false, true),
    ];

    internal static readonly CapChildSpec[] Alert10 =
    [
        new("identifier", true, false), new("sender", true, false), new("password", false, false), new("source", false, false),
        new("sent", true, false), new("status", true, false), new("msgType", true, false), new("scope", true, false),
        new("restriction", false, false), new("addresses", false, false), new("code", false, true), new("note", false, false),
        new("references", false, false), new("incidents", false, false), new("info", false, true),
    ];

    internal static readonly CapChildSpec[] Info12 =
    [
        new("language", false, false), new("category", true, true), new("event", true, false), new("responseType", false, true),
        new("urgency", true, false), new("severity", true, false), new("certainty", true, false), new("audience", false, false),
        new("eventCode", false, true), new("effective", false, false), new("onset", false, false), new("expires", false, false),
        new("senderName", false, false), new("headline", false, false), new("description", false, false),
        new("instruction", false, false), new("web", false, false), new("contact", false, false), new("parameter", false, true),
        new("resource", false, true), new("area", false, true),
    ];

    internal static readonly CapChildSpec[] Info10 = [.. Info12.Where(s => s.Name != "responseType")];

    internal static readonly CapChildSpec[] Resource12 =
    [
        new("resourceDesc", true, false), new("mimeType", true, false), new("size", false, false), new("uri", false, false),
        new("derefUri", false, false), new("digest", false, false),
    ];

    /// <summary>CAP 1.1 resources: as 1.2, but mimeType was optional.</summary>
    internal static readonly CapChildSpec[] Resource11 = [.. Resource12.Select(s => s.Name == "mimeType" ? s with { Required = false } : s)];

    internal static readonly CapChildSpec[] Resource10 = [.. Resource11.Where(s => s.Name != "derefUri")];

    internal static readonly CapChildSpec[] Area =
    [
        new("areaDesc", true, false), new("polygon", false, true), new("circle", false, true), new("geocode", false, true),
        new("altitude", false, false), new("ceiling", false, false),
    ];

    internal static readonly CapChildSpec[] NamedValue = [new("valueName", true, false), new("value", true, false)];
}
