using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace BeAlert.Cap;

/// <summary>
/// Byte classes of a vector of UTF-8 bytes as byte masks (0xFF where the class holds): XML blanks and ASCII digits, the
/// one definition that the UTF-8 reader's skips and the polygon block readers share.
/// </summary>
internal static class CapByteClasses
{
    /// <summary>Space, LF, tab and CR: the blanks of XML.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Blanks(Vector256<byte> bytes) =>
        Vector256.Equals(bytes, Vector256.Create((byte)' ')) | Vector256.Equals(bytes, Vector256.Create((byte)'\n'))
        | Vector256.Equals(bytes, Vector256.Create((byte)'\t')) | Vector256.Equals(bytes, Vector256.Create((byte)'\r'));

    /// <summary>'0' to '9'.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Digits(Vector256<byte> bytes) =>
        Vector256.LessThanOrEqual(bytes - Vector256.Create((byte)'0'), Vector256.Create((byte)9));
}
