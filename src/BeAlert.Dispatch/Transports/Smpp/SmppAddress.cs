using System.Text;

namespace BeAlert.Dispatch.Smpp;

/// <summary>Addresses as SMPP carries them: type of number and numbering plan (SMPP 3.4 §5.2.5, §5.2.6).</summary>
internal static class SmppAddress
{
    public const byte TonUnknown = 0;
    public const byte TonInternational = 1;
    public const byte TonNetworkSpecific = 3;
    public const byte TonAlphanumeric = 5;
    public const byte NpiUnknown = 0;
    public const byte NpiIsdn = 1;

    /// <summary>The source address's octets, TON and NPI from the options (explicit values win).</summary>
    public static (byte[] Address, byte Ton, byte Npi) Source(SmppOptions options)
    {
        var address = options.SourceAddress;
        byte ton;
        byte npi;
        if (address.Length > 1 && address[0] == '+' && IsDigits(address.AsSpan(1)))
        {
            address = address[1..];
            (ton, npi) = (TonInternational, NpiIsdn);
        }
        else if (address.Length <= 8 && IsDigits(address))
        {
            (ton, npi) = (TonNetworkSpecific, NpiUnknown);
        }
        else
        {
            (ton, npi) = (TonAlphanumeric, NpiUnknown);
        }

        return (Encoding.ASCII.GetBytes(address), options.SourceTon ?? ton, options.SourceNpi ?? npi);
    }

    /// <summary>
    /// Reads an E.164 destination: a plus sign and 7 to 15 digits, the first not 0 (ITU-T E.164 §6). The digits go in
    /// destination_addr with TON 1 (international) and NPI 1 (ISDN/E.164), foreign numbers like Belgian ones.
    /// </summary>
    public static bool TryParseE164(string destination, out string digits)
    {
        digits = string.Empty;
        if (destination is null || destination.Length is < 8 or > 16 || destination[0] != '+' || destination[1] == '0')
        {
            return false;
        }

        var rest = destination.AsSpan(1);
        if (!IsDigits(rest))
        {
            return false;
        }

        digits = destination[1..];
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return !text.IsEmpty;
    }
}
