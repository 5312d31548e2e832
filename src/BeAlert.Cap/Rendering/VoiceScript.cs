namespace BeAlert.Cap;

/// <summary>
/// One alert rendered as a script for a text-to-speech voice call in one language by
/// <see cref="CapRenderer.RenderVoice"/>: status announcement, event, area, instruction, then a repetition.
/// </summary>
public sealed record VoiceScript
{
    internal VoiceScript(string language, string text, string ssml, TimeSpan estimatedDuration, RenderParts shortened, RenderParts omitted)
    {
        Language = language;
        Text = text;
        Ssml = ssml;
        EstimatedDuration = estimatedDuration;
        Shortened = shortened;
        Omitted = omitted;
    }

    /// <summary>The language to speak in (an RFC 3066 tag such as <c>nl-BE</c>; its primary subtag picks the voice).</summary>
    public string Language { get; }

    /// <summary>The script as plain text, one sentence group per line (for example for <c>espeak-ng</c>).</summary>
    public string Text { get; }

    /// <summary>The same script as an SSML 1.1 <c>speak</c> document, with pauses between the parts; every value is XML-escaped.</summary>
    public string Ssml { get; }

    /// <summary>The expected speaking time at <see cref="RenderOptions.VoiceWordsPerMinute"/>, pauses included (a cost estimate, not a measurement).</summary>
    public TimeSpan EstimatedDuration { get; }

    /// <summary>The parts that were shortened to respect <see cref="RenderOptions.VoiceMaxCharacters"/>.</summary>
    public RenderParts Shortened { get; }

    /// <summary>The parts that were left out to respect <see cref="RenderOptions.VoiceMaxCharacters"/>.</summary>
    public RenderParts Omitted { get; }
}
