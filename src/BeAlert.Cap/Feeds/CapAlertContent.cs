using System.ServiceModel.Syndication;
using System.Xml;

namespace BeAlert.Cap;

/// <summary>Atom content of type <c>application/cap+xml</c> holding one alert, written by <see cref="CapWriter"/>.</summary>
internal sealed class CapAlertContent(CapAlert alert) : SyndicationContent
{
    public override string Type => CapFeedWriter.CapMediaType;

    public override SyndicationContent Clone() => new CapAlertContent(alert);

    protected override void WriteContentsTo(XmlWriter writer) => CapWriter.WriteAlertElement(writer, alert);
}
