namespace BeAlert.Cap;

/// <summary>A CAP <c>resource</c>: a digital asset (image, audio, map...) that supplements an info block.</summary>
public sealed record CapResource
{
    /// <summary>Creates a resource with its two required fields.</summary>
    /// <param name="resourceDesc">The human-readable description of the resource.</param>
    /// <param name="mimeType">The MIME content type (RFC 2046), for example <c>image/png</c>.</param>
    public CapResource(string resourceDesc, string mimeType)
    {
        ResourceDesc = resourceDesc;
        MimeType = mimeType;
    }

    /// <summary>The description of the resource (<c>resourceDesc</c>, required).</summary>
    public string ResourceDesc { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); }

    /// <summary>The MIME content type (<c>mimeType</c>, required).</summary>
    public string MimeType { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); }

    /// <summary>The approximate size of the resource in bytes (<c>size</c>).</summary>
    public long? Size { get; init; }

    /// <summary>A full absolute URI, or a relative URI naming the content of <see cref="DerefUri"/> (<c>uri</c>).</summary>
    public string? Uri { get; init; }

    /// <summary>The base-64 encoded content of the resource (<c>derefUri</c>).</summary>
    public string? DerefUri { get; init; }

    /// <summary>Where this object was read from (not part of its value).</summary>
    internal CapSourceSlot SourceSlot { get; init; }

    /// <summary>The SHA-1 digest of the resource, in hexadecimal (<c>digest</c>).</summary>
    public string? Digest { get; init; }
}
