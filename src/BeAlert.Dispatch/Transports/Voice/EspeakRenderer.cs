using System.Diagnostics;

namespace BeAlert.Dispatch;

/// <summary>Renders speech to WAV with the espeak-ng program: text on standard input, WAV on standard output, bounded in time and size.</summary>
internal static class EspeakRenderer
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Renders <paramref name="text"/> in a language (the primary subtag picks the espeak-ng voice).</summary>
    /// <exception cref="InvalidOperationException">espeak-ng is missing, failed, took too long or wrote too much.</exception>
    public static async Task<byte[]> RenderAsync(string program, string language, string text, int maxBytes, CancellationToken cancellationToken)
    {
        var voice = CellBroadcastMapping.TwoLetterLanguage(language) ?? "en";
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-v");
        start.ArgumentList.Add(voice);
        start.ArgumentList.Add("--stdout");
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} could not be started ({e.Message}); install espeak-ng or set {nameof(VoiceOptions.EspeakPath)}.", e);
        }

        using (process)
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            deadline.CancelAfter(Deadline);
            try
            {
                var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
                await process.StandardInput.WriteAsync(text.AsMemory(), deadline.Token).ConfigureAwait(false);
                process.StandardInput.Close();
                using var audio = new MemoryStream();
                var buffer = new byte[81920];
                int read;
                while ((read = await process.StandardOutput.BaseStream.ReadAsync(buffer, deadline.Token).ConfigureAwait(false)) > 0)
                {
                    if (audio.Length + read > maxBytes)
                    {
                        throw new InvalidOperationException($"{program} wrote more than {maxBytes} bytes of audio.");
                    }

                    audio.Write(buffer, 0, read);
                }

                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
                var errors = await stderr.ConfigureAwait(false);
                if (process.ExitCode != 0 || audio.Length < 44)
                {
                    throw new InvalidOperationException($"{program} failed (exit code {process.ExitCode}): {HttpExchange.Printable(System.Text.Encoding.UTF8.GetBytes(errors))}");
                }

                return audio.ToArray();
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"{program} did not finish within {Deadline.TotalSeconds} s.");
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
    }
}
