namespace BeAlert.Gateway.Hosting;

/// <summary>Wakes a background loop that waits on a <c>SemaphoreSlim(0, 1)</c>: at most one pending wake, never throws.</summary>
internal static class WakeSignal
{
    public static void Signal(SemaphoreSlim wake)
    {
        try
        {
            if (wake.CurrentCount == 0)
            {
                wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
        catch (ObjectDisposedException)
        {
            // Stopping.
        }
    }
}
