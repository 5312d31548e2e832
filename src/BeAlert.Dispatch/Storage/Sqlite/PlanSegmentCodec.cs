using System.Buffers;
using System.Text;

namespace BeAlert.Dispatch;

/// <summary>
/// The compact encoding of a run of consecutive planned deliveries (one row of <c>plan_segment</c>).
/// Layout: format byte; varint count; varint language count and each language (varint length + UTF-8); then per
/// delivery: channel byte, recipient id as a zigzag varint delta from the previous one, a destination kind byte and
/// the destination (phone numbers as packed decimal digits, anything else as UTF-8), the language's index, and the NIS
/// code as a zigzag varint. Decoding checks every length and index and throws <see cref="InvalidDataException"/> on
/// anything malformed, never reads out of bounds.
/// </summary>
internal static class PlanSegmentCodec
{
    /// <summary>The longest destination accepted, in UTF-8 bytes.</summary>
    public const int MaxDestinationBytes = 2048;

    /// <summary>The longest language tag accepted, in UTF-8 bytes.</summary>
    public const int MaxLanguageBytes = 64;

    private const byte FormatVersion = 1;
    private const byte KindText = 0;
    private const byte KindPlusDigits = 1;
    private const byte KindDigits = 2;
    private const int MaxPackedDigits = 32;

    /// <summary>Throws <see cref="ArgumentException"/> when a delivery cannot be stored.</summary>
    public static void CheckStorable(in PlannedDelivery delivery, Guid campaignId, string paramName)
    {
        if (delivery.Destination is null || delivery.Language is null)
        {
            throw new ArgumentException($"Campaign {campaignId}: delivery {delivery.Sequence} has no destination or language.", paramName);
        }

        if (Encoding.UTF8.GetMaxByteCount(delivery.Destination.Length) > MaxDestinationBytes
            && Encoding.UTF8.GetByteCount(delivery.Destination) > MaxDestinationBytes)
        {
            throw new ArgumentException(
                $"Campaign {campaignId}: delivery {delivery.Sequence} has a destination longer than {MaxDestinationBytes} bytes.", paramName);
        }

        if (Encoding.UTF8.GetMaxByteCount(delivery.Language.Length) > MaxLanguageBytes
            && Encoding.UTF8.GetByteCount(delivery.Language) > MaxLanguageBytes)
        {
            throw new ArgumentException(
                $"Campaign {campaignId}: delivery {delivery.Sequence} has a language longer than {MaxLanguageBytes} bytes.", paramName);
        }
    }

    /// <summary>Encodes <paramref name="deliveries"/> (already checked) into <paramref name="output"/>.</summary>
    public static void Encode(ReadOnlySpan<PlannedDelivery> deliveries, ArrayBufferWriter<byte> output, Dictionary<string, int> languageScratch)
    {
        languageScratch.Clear();
        var languages = new List<string>();
        foreach (ref readonly var delivery in deliveries)
        {
            if (!languageScratch.ContainsKey(delivery.Language))
            {
                languageScratch.Add(delivery.Language, languages.Count);
                languages.Add(delivery.Language);
            }
        }

        WriteByte(output, FormatVersion);
        WriteVarUInt(output, (ulong)deliveries.Length);
        WriteVarUInt(output, (ulong)languages.Count);
        foreach (var language in languages)
        {
            WriteText(output, language);
        }

        long previousRecipient = 0;
        foreach (ref readonly var delivery in deliveries)
        {
            WriteByte(output, (byte)delivery.Channel);
            WriteVarUInt(output, ZigZag(unchecked(delivery.RecipientId - previousRecipient)));
            previousRecipient = delivery.RecipientId;
            WriteDestination(output, delivery.Destination);
            WriteVarUInt(output, (ulong)languageScratch[delivery.Language]);
            WriteVarUInt(output, ZigZag(delivery.MunicipalityNis));
        }
    }

    /// <summary>Decodes a segment whose first delivery is <paramref name="firstSequence"/>, appending to <paramref name="into"/>.</summary>
    /// <exception cref="InvalidDataException">The blob is malformed or does not hold <paramref name="expectedCount"/> deliveries.</exception>
    public static void Decode(ReadOnlySpan<byte> blob, long firstSequence, int expectedCount, List<PlannedDelivery> into, DeliveryChannel? only = null)
    {
        var reader = new Reader(blob);
        var format = reader.ReadByte();
        if (format != FormatVersion)
        {
            throw new InvalidDataException($"unknown segment format {format}");
        }

        var count = reader.ReadVarUInt();
        if (count != (ulong)expectedCount)
        {
            throw new InvalidDataException($"segment holds {count} deliveries, its row says {expectedCount}");
        }

        var languageCount = reader.ReadVarUInt();
        if (languageCount > count)
        {
            throw new InvalidDataException($"segment lists {languageCount} languages for {count} deliveries");
        }

        var languages = new string[(int)languageCount];
        for (var i = 0; i < languages.Length; i++)
        {
            languages[i] = reader.ReadText(MaxLanguageBytes);
        }

        long recipient = 0;
        for (var i = 0; i < expectedCount; i++)
        {
            var channel = (DeliveryChannel)reader.ReadByte();
            recipient = unchecked(recipient + UnZigZag(reader.ReadVarUInt()));
            // Another channel's delivery (when reading one channel) is checked and skipped, its text never built.
            var destination = only is { } wanted && channel != wanted ? reader.SkipDestination() : reader.ReadDestination();
            var languageIndex = reader.ReadVarUInt();
            if (languageIndex >= (ulong)languages.Length)
            {
                throw new InvalidDataException($"language index {languageIndex} out of range");
            }

            var nis = UnZigZag(reader.ReadVarUInt());
            if (nis is < int.MinValue or > int.MaxValue)
            {
                throw new InvalidDataException("NIS code out of range");
            }

            into.Add(new PlannedDelivery(firstSequence + i, channel, recipient, destination, languages[(int)languageIndex], (int)nis));
        }

        if (!reader.AtEnd)
        {
            throw new InvalidDataException("trailing bytes after the last delivery");
        }
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static void WriteByte(ArrayBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void WriteVarUInt(ArrayBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        output.Advance(n);
    }

    private static void WriteText(ArrayBufferWriter<byte> output, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        WriteVarUInt(output, (ulong)length);
        output.Advance(Encoding.UTF8.GetBytes(text, output.GetSpan(length)));
    }

    private static void WriteDestination(ArrayBufferWriter<byte> output, string destination)
    {
        var digits = destination.AsSpan();
        var kind = KindDigits;
        if (digits.Length > 0 && digits[0] == '+')
        {
            kind = KindPlusDigits;
            digits = digits[1..];
        }

        if (digits.Length == 0 || digits.Length > MaxPackedDigits || digits.ContainsAnyExceptInRange('0', '9'))
        {
            WriteByte(output, KindText);
            WriteText(output, destination);
            return;
        }

        WriteByte(output, kind);
        WriteVarUInt(output, (ulong)digits.Length);
        var packed = output.GetSpan((digits.Length + 1) / 2);
        for (var i = 0; i < digits.Length; i += 2)
        {
            var high = digits[i] - '0';
            var low = i + 1 < digits.Length ? digits[i + 1] - '0' : 0;
            packed[i / 2] = (byte)((high << 4) | low);
        }

        output.Advance((digits.Length + 1) / 2);
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool AtEnd => _position == _data.Length;

        public byte ReadByte()
        {
            if (_position >= _data.Length)
            {
                throw new InvalidDataException("segment ends early");
            }

            return _data[_position++];
        }

        public ulong ReadVarUInt()
        {
            ulong value = 0;
            for (var shift = 0; shift < 70; shift += 7)
            {
                var b = ReadByte();
                if (shift == 63 && b > 1)
                {
                    throw new InvalidDataException("varint overflows 64 bits");
                }

                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new InvalidDataException("varint too long");
        }

        public string ReadText(int maxBytes)
        {
            var length = ReadVarUInt();
            if (length > (ulong)maxBytes || length > (ulong)(_data.Length - _position))
            {
                throw new InvalidDataException($"text of {length} bytes is too long");
            }

            var text = Encoding.UTF8.GetString(_data.Slice(_position, (int)length));
            _position += (int)length;
            return text;
        }

        public string ReadDestination() => ReadDestination(materialize: true);

        public string SkipDestination() => ReadDestination(materialize: false);

        private string ReadDestination(bool materialize)
        {
            var kind = ReadByte();
            if (kind == KindText)
            {
                if (materialize)
                {
                    return ReadText(MaxDestinationBytes);
                }

                var length = ReadVarUInt();
                if (length > MaxDestinationBytes || length > (ulong)(_data.Length - _position))
                {
                    throw new InvalidDataException($"text of {length} bytes is too long");
                }

                _position += (int)length;
                return string.Empty;
            }

            if (kind is not (KindDigits or KindPlusDigits))
            {
                throw new InvalidDataException($"unknown destination kind {kind}");
            }

            var count = ReadVarUInt();
            if (count is 0 or > MaxPackedDigits)
            {
                throw new InvalidDataException($"phone number of {count} digits");
            }

            var digitCount = (int)count;
            var byteCount = (digitCount + 1) / 2;
            if (byteCount > _data.Length - _position)
            {
                throw new InvalidDataException("segment ends inside a phone number");
            }

            var packed = _data.Slice(_position, byteCount);
            _position += byteCount;
            if (!materialize)
            {
                return string.Empty;
            }

            Span<char> chars = stackalloc char[MaxPackedDigits + 1];
            var n = 0;
            if (kind == KindPlusDigits)
            {
                chars[n++] = '+';
            }

            for (var i = 0; i < digitCount; i++)
            {
                var b = packed[i / 2];
                var digit = (i & 1) == 0 ? b >> 4 : b & 0xF;
                if (digit > 9)
                {
                    throw new InvalidDataException($"packed digit {digit} is not decimal");
                }

                chars[n++] = (char)('0' + digit);
            }

            return new string(chars[..n]);
        }
    }
}
