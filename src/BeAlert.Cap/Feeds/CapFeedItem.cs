using System.ServiceModel.Syndication;
using System.Xml;

namespace BeAlert.Cap;

/// <summary>
/// A feed item for one alert: after the standard elements it writes the CAP index fields (CAP 1.2 namespace, prefix
/// <c>cap</c>) and, for an RSS item with embedding on, the alert element itself. Written straight to the
/// <see cref="XmlWriter"/>, without buffering each field as an element extension.
/// </summary>
internal sealed class CapFeedItem(CapAlert alert, bool embedInline) : SyndicationItem
{
    internal CapAlert Alert { get; } = alert;

    protected override void WriteElementExtensions(XmlWriter writer, string version)
    {
        base.WriteElementExtensions(writer, version);
        WriteIndex(writer, Alert);
        if (embedInline)
        {
            CapWriter.WriteAlertElement(writer, Alert);
        }
    }

    /// <summary>Writes the CAP index fields of an alert: its identity, then the first info block and its areas.</summary>
    internal static void WriteIndex(XmlWriter writer, CapAlert alert)
    {
        Field(writer, "identifier", alert.Identifier);
        Field(writer, "sender", alert.Sender);
        Field(writer, "sent", alert.Sent.ToString());
        Field(writer, "status", CapEnumText.ToText(alert.Status));
        Field(writer, "msgType", CapEnumText.ToText(alert.MsgType));
        Field(writer, "scope", CapEnumText.ToText(alert.Scope));
        if (alert.Infos.Count == 0)
        {
            return;
        }

        var info = alert.Infos[0];
        foreach (var category in info.Categories)
        {
            Field(writer, "category", CapEnumText.ToText(category));
        }

        Field(writer, "event", info.Event);
        Field(writer, "urgency", CapEnumText.ToText(info.Urgency));
        Field(writer, "severity", CapEnumText.ToText(info.Severity));
        Field(writer, "certainty", CapEnumText.ToText(info.Certainty));
        Field(writer, "effective", (info.Effective ?? alert.Sent).ToString());
        if (info.Onset is { } onset)
        {
            Field(writer, "onset", onset.ToString());
        }

        if (info.Expires is { } expires)
        {
            Field(writer, "expires", expires.ToString());
        }

        if (info.Areas.Count == 0)
        {
            return;
        }

        Field(writer, "areaDesc", string.Join("; ", info.Areas.Select(a => a.AreaDesc)));
        foreach (var area in info.Areas)
        {
            foreach (var polygon in area.Polygons)
            {
                Field(writer, "polygon", polygon.ToString());
            }

            foreach (var circle in area.Circles)
            {
                Field(writer, "circle", circle.ToString());
            }
        }

        foreach (var area in info.Areas)
        {
            foreach (var geocode in area.Geocodes)
            {
                writer.WriteStartElement("cap", "geocode", CapAlert.Namespace12);
                Field(writer, "valueName", geocode.ValueName);
                Field(writer, "value", geocode.Value);
                writer.WriteEndElement();
            }
        }
    }

    private static void Field(XmlWriter writer, string name, string value) =>
        writer.WriteElementString("cap", name, CapAlert.Namespace12, value);
}
