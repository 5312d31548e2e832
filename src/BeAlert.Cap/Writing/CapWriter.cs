using System.Text;
using System.Xml;

namespace BeAlert.Cap;

/// <summary>
/// Writes canonical CAP 1.2 XML: UTF-8, the CAP 1.2 namespace, elements in the order of the standard, UTC as
/// <c>-00:00</c>. <c>Parse(Write(alert))</c> equals <c>alert</c>. A signed alert read by <see cref="CapParser"/> is
/// re-emitted byte for byte while unchanged.
/// </summary>
public static class CapWriter
{
    /// <summary>Writes an alert to a stream (left open).</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="stream">The destination.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The alert holds something CAP XML cannot carry: control characters in text, an
    /// undefined enumeration value, a polygon without points, or a coordinate or radius that is not a finite number.</exception>
    public static void Write(CapAlert alert, Stream stream, CapWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(stream);
        options ??= CapWriterOptions.Default;
        if (options.PreserveSignedSource && CapSignedSource.TryGet(alert, out var source))
        {
            stream.Write(source);
            return;
        }

        var settings = CreateSettings(options.Indent);
        try
        {
            using var writer = XmlWriter.Create(stream, settings);
            WriteAlert(writer, alert);
        }
        catch (XmlException e)
        {
            throw new ArgumentException("The alert cannot be written as XML: " + e.Message, nameof(alert), e);
        }
        catch (ArgumentException e) when (e.ParamName != nameof(alert))
        {
            throw new ArgumentException(e.Message, nameof(alert), e);
        }
    }

    /// <summary>Writes an alert to a byte array (UTF-8).</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <returns>The document bytes.</returns>
    public static byte[] WriteToBytes(CapAlert alert, CapWriterOptions? options = null)
    {
        using var stream = new MemoryStream();
        Write(alert, stream, options);
        return stream.ToArray();
    }

    /// <summary>Writes an alert to a string.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <returns>The document text.</returns>
    public static string WriteToString(CapAlert alert, CapWriterOptions? options = null) =>
        Encoding.UTF8.GetString(WriteToBytes(alert, options));

    /// <summary>The writer settings of CAP output: UTF-8 without BOM, two-space indentation, LF, line ends entitized (so
    /// CR and CRLF in values survive a round trip), the stream left open. Used for alerts and for feeds embedding them.</summary>
    internal static XmlWriterSettings CreateSettings(bool indent) => new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = indent,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };

    private static void WriteAlert(XmlWriter w, CapAlert alert)
    {
        w.WriteStartDocument();
        WriteAlertElement(w, alert);
        w.WriteEndDocument();
    }

    /// <summary>
    /// Writes the <c>alert</c> element (no XML declaration) into a writer that may be inside another document, such as
    /// the content of an Atom entry. The element declares the CAP 1.2 namespace as its default namespace itself.
    /// </summary>
    internal static void WriteAlertElement(XmlWriter w, CapAlert alert)
    {
        w.WriteStartElement(string.Empty, "alert", CapAlert.Namespace12);
        Element(w, "identifier", alert.Identifier);
        Element(w, "sender", alert.Sender);
        Element(w, "sent", alert.Sent.ToString());
        Element(w, "status", CapEnumText.ToText(alert.Status));
        Element(w, "msgType", CapEnumText.ToText(alert.MsgType));
        Optional(w, "source", alert.Source);
        Element(w, "scope", CapEnumText.ToText(alert.Scope));
        Optional(w, "restriction", alert.Restriction);
        if (alert.Addresses.Count > 0)
        {
            Element(w, "addresses", CapListText.Join(alert.Addresses));
        }

        foreach (var code in alert.Codes)
        {
            Element(w, "code", code);
        }

        Optional(w, "note", alert.Note);
        if (alert.References.Count > 0)
        {
            Element(w, "references", string.Join(' ', alert.References));
        }

        if (alert.Incidents.Count > 0)
        {
            Element(w, "incidents", CapListText.Join(alert.Incidents));
        }

        foreach (var info in alert.Infos)
        {
            WriteInfo(w, info);
        }

        if (alert.Signature is { } signature)
        {
            // Raw content ends the writer's indentation: add the line break it would have written before </alert>,
            // so the alert without its signature is exactly what this writer writes for the unsigned alert (which is
            // what CapSigner.Sign(CapAlert) signs), and a written copy of a signed alert still verifies.
            w.WriteRaw(signature.Xml);
            if (w.Settings?.Indent == true)
            {
                w.WriteRaw("\n");
            }
        }

        w.WriteEndElement();
    }

    private static void WriteInfo(XmlWriter w, CapInfo info)
    {
        w.WriteStartElement("info", CapAlert.Namespace12);
        Optional(w, "language", info.Language);
        foreach (var category in info.Categories)
        {
            Element(w, "category", CapEnumText.ToText(category));
        }

        Element(w, "event", info.Event);
        foreach (var responseType in info.ResponseTypes)
        {
            Element(w, "responseType", CapEnumText.ToText(responseType));
        }

        Element(w, "urgency", CapEnumText.ToText(info.Urgency));
        Element(w, "severity", CapEnumText.ToText(info.Severity));
        Element(w, "certainty", CapEnumText.ToText(info.Certainty));
        Optional(w, "audience", info.Audience);
        NamedValues(w, "eventCode", info.EventCodes);
        Optional(w, "effective", info.Effective?.ToString());
        Optional(w, "onset", info.Onset?.ToString());
        Optional(w, "expires", info.Expires?.ToString());
        Optional(w, "senderName", info.SenderName);
        Optional(w, "headline", info.Headline);
        Optional(w, "description", info.Description);
        Optional(w, "instruction", info.Instruction);
        Optional(w, "web", info.Web);
        Optional(w, "contact", info.Contact);
        NamedValues(w, "parameter", info.Parameters);
        foreach (var resource in info.Resources)
        {
            w.WriteStartElement("resource", CapAlert.Namespace12);
            Element(w, "resourceDesc", resource.ResourceDesc);
            Element(w, "mimeType", resource.MimeType);
            Optional(w, "size", resource.Size?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Optional(w, "uri", resource.Uri);
            Optional(w, "derefUri", resource.DerefUri);
            Optional(w, "digest", resource.Digest);
            w.WriteEndElement();
        }

        foreach (var area in info.Areas)
        {
            WriteArea(w, area);
        }

        w.WriteEndElement();
    }

    private static void WriteArea(XmlWriter w, CapArea area)
    {
        w.WriteStartElement("area", CapAlert.Namespace12);
        Element(w, "areaDesc", area.AreaDesc);
        foreach (var polygon in area.Polygons)
        {
            if (polygon.Points.Count == 0 || !AllFinite(polygon.Points))
            {
                throw new ArgumentException($"Area '{area.AreaDesc}' has a polygon that CAP cannot carry: it needs at least one point and finite coordinates.", nameof(area));
            }

            WritePolygon(w, polygon);
        }

        foreach (var circle in area.Circles)
        {
            if (!double.IsFinite(circle.Center.Latitude) || !double.IsFinite(circle.Center.Longitude) || !double.IsFinite(circle.RadiusKm))
            {
                throw new ArgumentException($"Area '{area.AreaDesc}' has a circle that CAP cannot carry: its centre and radius must be finite numbers.", nameof(area));
            }

            Element(w, "circle", circle.ToString());
        }

        NamedValues(w, "geocode", area.Geocodes);
        Optional(w, "altitude", area.Altitude?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Optional(w, "ceiling", area.Ceiling?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteEndElement();
    }

    /// <summary>
    /// Writes a polygon's points straight from the doubles, through one pooled buffer, without a string per point. The
    /// text is only digits, '-', '.', ',' and spaces (<see cref="CapNumber.FormatInto"/> never writes an exponent, and
    /// non-finite values were refused above), so nothing in it needs escaping and it goes out as raw text: the
    /// writer's per-character escaping check was a quarter of the time of writing a polygon-heavy alert.
    /// </summary>
    private static void WritePolygon(XmlWriter w, CapPolygon polygon)
    {
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(4096);
        try
        {
            w.WriteStartElement("polygon", CapAlert.Namespace12);
            var length = 0;
            for (var i = 0; i < polygon.Points.Count; i++)
            {
                if (length > buffer.Length - 2400)
                {
                    w.WriteRaw(buffer, 0, length);
                    length = 0;
                }

                if (i > 0)
                {
                    buffer[length++] = ' ';
                }

                var point = polygon.Points[i];
                length += CapNumber.FormatInto(point.Latitude, buffer.AsSpan(length));
                buffer[length++] = ',';
                length += CapNumber.FormatInto(point.Longitude, buffer.AsSpan(length));
            }

            w.WriteRaw(buffer, 0, length);
            w.WriteEndElement();
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static bool AllFinite(IReadOnlyList<CapPoint> points)
    {
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            if (!double.IsFinite(point.Latitude) || !double.IsFinite(point.Longitude))
            {
                return false;
            }
        }

        return true;
    }

    private static void NamedValues(XmlWriter w, string name, IReadOnlyList<CapNamedValue> values)
    {
        foreach (var value in values)
        {
            w.WriteStartElement(name, CapAlert.Namespace12);
            Element(w, "valueName", value.ValueName);
            Element(w, "value", value.Value);
            w.WriteEndElement();
        }
    }

    private static void Optional(XmlWriter w, string name, string? value)
    {
        if (value is not null)
        {
            Element(w, name, value);
        }
    }

    private static void Element(XmlWriter w, string name, string value) => w.WriteElementString(name, CapAlert.Namespace12, value);
}
