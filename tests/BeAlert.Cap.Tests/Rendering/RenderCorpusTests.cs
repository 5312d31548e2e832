namespace BeAlert.Cap.Tests.Rendering;

/// <summary>Every sample in samples/cap renders on every channel, in every language, within the channel's limits.</summary>
public sealed class RenderCorpusTests
{
    private static readonly string[] Languages = ["nl", "fr", "de", "en", "nl-BE", "it", ""];

    public static TheoryData<string> Samples() => Corpus.Corpus.Relative(Corpus.Corpus.Samples);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Render_Sample_EveryChannelAndLanguageWithinLimits(string file)
    {
        var alert = CapParser.Default.Parse(File.ReadAllBytes(Path.Combine(Corpus.Corpus.Samples, file))).Alert;
        foreach (var options in new[]
        {
            new RenderOptions(),
            new RenderOptions { Simulation = true, SmsMaxSegments = 1, CellBroadcastMaxPages = 1, SignageColumns = 16, SignageLines = 2, VoiceMaxCharacters = 200, DefaultInfoUrl = "https://www.be-alert.be" },
        })
        {
            var renderer = new CapRenderer(options);
            foreach (var language in Languages)
            {
                RenderLimits.AssertWithin(renderer.RenderSms(alert, language), options);
                RenderLimits.AssertWithin(renderer.RenderCellBroadcast(alert, language), options);
                RenderLimits.AssertWithin(renderer.RenderVoice(alert, language), options);
                RenderLimits.AssertWithin(renderer.RenderEmail(alert, language), options);
                RenderLimits.AssertWithin(renderer.RenderSignage(alert, language), options);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void RenderSms_SampleNotActual_IsMarkedOnEveryLanguage(string file)
    {
        var alert = CapParser.Default.Parse(File.ReadAllBytes(Path.Combine(Corpus.Corpus.Samples, file))).Alert;
        if (alert.Status == CapStatus.Actual && alert.MsgType == CapMessageType.Alert)
        {
            return;
        }

        foreach (var language in new[] { "nl", "fr", "de", "en" })
        {
            var sms = CapRenderer.Default.RenderSms(alert, language);
            var marks = new[] { "TEST", "OEFENING", "EXERCICE", "ÜBUNG", "EXERCISE", "SYSTEEMBERICHT", "MESSAGE SYSTEME", "SYSTEMMELDUNG", "SYSTEM MESSAGE", "ONTWERP", "BROUILLON", "ENTWURF", "DRAFT", "UPDATE", "MISE A JOUR", "AKTUALISIERUNG", "INGETROKKEN", "ANNULÉ", "AUFGEHOBEN", "CANCELLED", "ONTVANGSTBEVESTIGING", "ACCUSÉ DE RECEPTION", "EMPFANGSBESTÄTIGUNG", "ACKNOWLEDGEMENT", "FOUTMELDING", "ERREUR", "FEHLERMELDUNG", "ERROR" };
            Assert.True(marks.Any(m => sms.Text.StartsWith(m, StringComparison.OrdinalIgnoreCase)), $"{file} ({language}): {sms.Text}");
        }
    }
}
