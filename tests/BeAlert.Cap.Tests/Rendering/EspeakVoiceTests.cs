using System.Diagnostics;

namespace BeAlert.Cap.Tests.Rendering;

/// <summary>
/// The scripts against a real speech synthesiser, eSpeak NG (installed by test.sh): the plain text and the SSML are
/// spoken, and with SSML markup enabled the SSML yields exactly the phonemes of the plain text (the markup is read as
/// markup, the escaped values as words).
/// </summary>
public sealed class EspeakVoiceTests
{
    [Theory]
    [InlineData("nl")]
    [InlineData("fr")]
    [InlineData("de")]
    [InlineData("en")]
    public void RenderVoice_Ssml_SoundsLikeThePlainText(string language)
    {
        var alert = RenderAlerts.Typical(CapStatus.Exercise) with
        {
            Infos = [.. RenderAlerts.Typical().Infos.Select(i => i with { Instruction = "Code <b>1 & 2</b> \"A\" 'B' <!-- x -->. " + i.Instruction })],
        };
        var voice = CapRenderer.Default.RenderVoice(alert, language);

        var plain = Phonemes(language, voice.Text, ssml: false);
        var fromSsml = Phonemes(language, voice.Ssml, ssml: true);

        Assert.NotEmpty(plain);
        Assert.Equal(plain, fromSsml);
    }

    [Fact]
    public void RenderVoice_Text_SynthesisesToAudio()
    {
        var voice = CapRenderer.Default.RenderVoice(RenderAlerts.Typical(CapStatus.Test), "nl");
        var wav = Path.Combine(Path.GetTempPath(), "bealert-voice-" + Guid.NewGuid().ToString("N") + ".wav");
        try
        {
            var (exit, _, error) = Espeak(["-v", "nl", "-w", wav], voice.Text);

            Assert.True(exit == 0, error);
            var bytes = File.ReadAllBytes(wav);
            Assert.Equal("RIFF"u8.ToArray(), bytes[..4]);
            Assert.Equal("WAVE"u8.ToArray(), bytes[8..12]);
            Assert.True(bytes.Length > 100_000, $"only {bytes.Length} bytes of audio");
        }
        finally
        {
            File.Delete(wav);
        }
    }

    private static string Phonemes(string language, string input, bool ssml)
    {
        var arguments = new List<string> { "-q", "-x", "-v", language };
        if (ssml)
        {
            arguments.Add("-m");
        }

        var (exit, output, error) = Espeak(arguments, input);
        Assert.True(exit == 0, error);
        return string.Join(' ', output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static (int Exit, string Output, string Error) Espeak(IEnumerable<string> arguments, string input)
    {
        var file = Path.Combine(Path.GetTempPath(), "bealert-voice-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(file, input);
        try
        {
            var start = new ProcessStartInfo("espeak-ng")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add("-f");
            start.ArgumentList.Add(file);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("espeak-ng did not start (test.sh installs espeak-ng)");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill();
                throw new TimeoutException("espeak-ng did not finish within 60 s");
            }

            return (process.ExitCode, output.Result, error.Result);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
