namespace BeAlert.Dispatch;

/// <summary>Whether the voice transport sends the provider text to speak, or audio it rendered itself.</summary>
public enum VoiceAudioMode
{
    /// <summary>The provider speaks the text with its own text-to-speech.</summary>
    Text = 0,

    /// <summary>BeAlert renders the text to a WAV file with <c>espeak-ng</c> (once per language) and sends it with the text.</summary>
    EspeakWav = 1,
}
