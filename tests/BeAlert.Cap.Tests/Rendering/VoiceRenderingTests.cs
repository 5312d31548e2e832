using System.Xml;
using System.Xml.Linq;

namespace BeAlert.Cap.Tests.Rendering;

/// <summary>The voice script: order of the parts, languages, SSML escaping, length limit.</summary>
public sealed class VoiceRenderingTests
{
    [Fact]
    public void RenderVoice_TestAlertInDutch_ReadsAnnouncementEventAreaInstructionRepeat()
    {
        var voice = CapRenderer.Default.RenderVoice(RenderAlerts.Typical(CapStatus.Test), "nl");

        Assert.Equal(
            [
                "Dit is een testbericht.",
                "Alarmbericht van Nationaal Crisiscentrum.",
                "Brand met rookontwikkeling. Zware brand in Gent: blijf binnen, sluit ramen en deuren.",
                "Gebied: Gent en Sint-Martens-Latem.",
                "Wat moet u doen? Blijf binnen. Sluit ramen en deuren. Zet ventilatie en airco uit. Volg de berichten op de radio.",
                "Ik herhaal. Dit is een testbericht. Zware brand in Gent: blijf binnen, sluit ramen en deuren. Wat moet u doen? Blijf binnen. Sluit ramen en deuren. Zet ventilatie en airco uit. Volg de berichten op de radio.",
                "Einde van het bericht.",
            ],
            voice.Text.Split('\n'));
        Assert.Equal("nl-BE", voice.Language);
    }

    [Theory]
    [InlineData("fr", CapStatus.Exercise, "Ceci est un exercice.", "Zone concernée : Gand et Sint-Martens-Latem.", "Je répète.")]
    [InlineData("de", CapStatus.Test, "Dies ist eine Testmeldung.", "Betroffenes Gebiet: Gent und Sint-Martens-Latem.", "Ich wiederhole.")]
    [InlineData("en", CapStatus.Draft, "This is a draft, not a real message.", "Affected area: Ghent and Sint-Martens-Latem.", "I repeat.")]
    public void RenderVoice_OtherLanguages_SpeakThem(string language, CapStatus status, string announcement, string area, string repeat)
    {
        var lines = CapRenderer.Default.RenderVoice(RenderAlerts.Typical(status), language).Text.Split('\n');

        Assert.Equal(announcement, lines[0]);
        Assert.Contains(area, lines);
        Assert.Contains(lines, l => l.StartsWith(repeat, StringComparison.Ordinal));
    }

    [Fact]
    public void RenderVoice_Actual_HasNoAnnouncement()
    {
        var voice = CapRenderer.Default.RenderVoice(RenderAlerts.Typical(), "en");

        Assert.StartsWith("Alert message from National Crisis Centre.", voice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderVoice_NoRepetitions_DoesNotRepeat()
    {
        var voice = new CapRenderer(new RenderOptions { VoiceRepetitions = 0 }).RenderVoice(RenderAlerts.Typical(), "nl");

        Assert.DoesNotContain("Ik herhaal", voice.Text, StringComparison.Ordinal);
        Assert.Equal(RenderParts.None, voice.Omitted);
    }

    [Fact]
    public void RenderVoice_TwoRepetitions_RepeatsTwice()
    {
        var voice = new CapRenderer(new RenderOptions { VoiceRepetitions = 2 }).RenderVoice(RenderAlerts.Typical(), "nl");

        Assert.Equal(2, voice.Text.Split('\n').Count(l => l.StartsWith("Ik herhaal.", StringComparison.Ordinal)));
    }

    [Fact]
    public void RenderVoice_OverTheLimit_DropsRepetitionsThenCuts()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: "Brand", instruction: RenderAlerts.Words(100, "doe"), area: RenderAlerts.Words(10, "gemeente")));

        var voice = new CapRenderer(new RenderOptions { VoiceMaxCharacters = 400 }).RenderVoice(alert, "nl");

        Assert.InRange(voice.Text.Length, 1, 400);
        Assert.True((voice.Omitted & RenderParts.Repetition) != 0);
        Assert.True((voice.Shortened & RenderParts.Instruction) != 0);
        Assert.EndsWith("Einde van het bericht.", voice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderVoice_Ssml_IsWellFormedAndCarriesTheSameWords()
    {
        var hostile = "Ga <b>nu</b> & \"snel\" weg, zeg 'ja' ]]> <!-- niet -->.";
        var alert = RenderAlerts.Alert(CapStatus.Test, RenderAlerts.Info("nl-BE", headline: "Brand & rook <script>", instruction: hostile));

        var voice = CapRenderer.Default.RenderVoice(alert, "nl");

        using var reader = XmlReader.Create(new StringReader(voice.Ssml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var document = XDocument.Load(reader);
        XNamespace ssml = "http://www.w3.org/2001/10/synthesis";
        var root = document.Root!.Name == ssml + "speak" ? "speak" : document.Root.Name.ToString();
        var language = (string?)document.Root.Attribute(XNamespace.Xml + "lang");
        Assert.All(document.Root.Elements(), e => Assert.Equal(ssml, e.Name.Namespace));
        var paragraphs = document.Root.Elements(ssml + "p").Select(p => p.Value).ToList();
        var breaks = document.Root.Elements(ssml + "break").Count();
        Assert.Equal("speak", root);
        Assert.Equal("nl-BE", language);
        Assert.Equal(voice.Text.Split('\n'), paragraphs);
        Assert.Equal(paragraphs.Count - 1, breaks);
        Assert.Contains(hostile, voice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderVoice_AlertWithoutInfo_ReadsTheNote()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, CapMessageType.Cancel) with { Note = "Het alarm is opgeheven" };

        var voice = CapRenderer.Default.RenderVoice(alert, "nl");

        Assert.Equal("Dit bericht trekt een eerder bericht in.\nHet alarm is opgeheven.\nIk herhaal. Dit bericht trekt een eerder bericht in. Het alarm is opgeheven.\nEinde van het bericht.", voice.Text);
    }

    [Fact]
    public void RenderVoice_EstimatedDuration_GrowsWithTheText()
    {
        var renderer = new CapRenderer(new RenderOptions { VoiceRepetitions = 0 });
        var shorter = renderer.RenderVoice(RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", instruction: RenderAlerts.Words(20, "doe"))), "nl");
        var longer = renderer.RenderVoice(RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", instruction: RenderAlerts.Words(120, "doe"))), "nl");

        // 100 more words at 150 words a minute: 40 seconds more.
        Assert.Equal(40, (longer.EstimatedDuration - shorter.EstimatedDuration).TotalSeconds, 1.0);
    }
}
