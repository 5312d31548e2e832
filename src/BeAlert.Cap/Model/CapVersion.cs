namespace BeAlert.Cap;

/// <summary>The CAP version a document was written in. Every version maps onto the same CAP 1.2 model.</summary>
public enum CapVersion
{
    /// <summary>CAP 1.0 (namespace <c>http://www.incident.com/cap/1.0</c>).</summary>
    Cap10,
    /// <summary>CAP 1.1 (namespace <c>urn:oasis:names:tc:emergency:cap:1.1</c>).</summary>
    Cap11,
    /// <summary>CAP 1.2 (namespace <c>urn:oasis:names:tc:emergency:cap:1.2</c>).</summary>
    Cap12,
}
