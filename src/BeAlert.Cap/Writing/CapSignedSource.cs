using System.Runtime.CompilerServices;

namespace BeAlert.Cap;

/// <summary>
/// Remembers the exact bytes of signed documents, keyed by the alert instance the parser produced. Immutability
/// makes "unchanged" simple: the same instance is the same document; a <c>with</c> copy is a new document.
/// </summary>
internal static class CapSignedSource
{
    private static readonly ConditionalWeakTable<CapAlert, byte[]> Sources = [];

    internal static void Remember(CapAlert alert, byte[] source) => Sources.AddOrUpdate(alert, source);

    internal static bool TryGet(CapAlert alert, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? source) =>
        Sources.TryGetValue(alert, out source);
}
