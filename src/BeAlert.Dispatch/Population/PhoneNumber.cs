using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace BeAlert.Dispatch;

/// <summary>
/// A telephone number in E.164 form (<c>+32470123456</c>), held as its digits in one 64-bit value. Parsing accepts
/// the ways people write Belgian numbers (<c>0470 12 34 56</c>, <c>+32 470 12 34 56</c>, <c>0032 470/12.34.56</c>) and
/// foreign numbers in international form (<c>+31 6 12345678</c>, <c>0033 6 12 34 56 78</c>).
/// </summary>
/// <remarks>
/// Belgian numbers (+32) are checked against the Belgian numbering plan: mobile numbers are <c>4</c> followed by
/// eight digits and must start <c>45</c>–<c>49</c>; geographic numbers have eight digits after 32. Foreign numbers are
/// checked only for E.164's shape (8 to 15 digits, no leading zero): a per-country plan is out of scope.
/// </remarks>
public readonly record struct PhoneNumber : IComparable<PhoneNumber>
{
    /// <summary>The longest input <see cref="TryParse(string?, out PhoneNumber, out string?)"/> looks at.</summary>
    public const int MaxInputLength = 64;

    private const ulong BelgianCountryCode = 32;

    private PhoneNumber(ulong digits) => Digits = digits;

    /// <summary>The E.164 digits as a number (country code first, no '+'); 0 for <c>default</c>.</summary>
    public ulong Digits { get; }

    /// <summary>Whether this is the default value (no number).</summary>
    public bool IsEmpty => Digits == 0;

    /// <summary>Whether this is a Belgian number (+32).</summary>
    public bool IsBelgian => DigitCount(Digits) == 11 && Digits / 1_000_000_000 == BelgianCountryCode
        || DigitCount(Digits) == 10 && Digits / 100_000_000 == BelgianCountryCode;

    /// <summary>Whether this is a Belgian mobile number (+32 4xx): the numbers that can receive SMS in Belgium.</summary>
    public bool IsBelgianMobile => DigitCount(Digits) == 11 && Digits / 10_000_000 is >= 3245 and <= 3249;

    /// <summary>Makes a number from its E.164 digits (as <see cref="Digits"/> returns them).</summary>
    /// <param name="digits">The digits, country code first.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not 8 to 15 digits.</exception>
    public static PhoneNumber FromDigits(ulong digits)
    {
        var count = DigitCount(digits);
        if (count is < 8 or > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(digits), digits, "An E.164 number has 8 to 15 digits.");
        }

        return new PhoneNumber(digits);
    }

    /// <summary>Parses a phone number; Belgian national numbers (starting with a single 0) become +32.</summary>
    /// <param name="text">The number as a person wrote it.</param>
    /// <returns>The number.</returns>
    /// <exception cref="FormatException">Not a valid number; the message says why.</exception>
    public static PhoneNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var number, out var error) ? number : throw new FormatException(error);
    }

    /// <summary>Parses a phone number; Belgian national numbers (starting with a single 0) become +32.</summary>
    /// <param name="text">The number as a person wrote it: digits, spaces, dots, dashes, slashes, parentheses, a leading '+'.</param>
    /// <param name="number">The number, when valid.</param>
    /// <param name="error">Why it is not valid, in words a person can act on; <see langword="null"/> when valid.</param>
    /// <returns>Whether the text is a valid number.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out PhoneNumber number, [NotNullWhen(false)] out string? error)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The phone number is empty.";
            return false;
        }

        if (text.Length > MaxInputLength)
        {
            error = $"The phone number is longer than {MaxInputLength} characters.";
            return false;
        }

        Span<char> digits = stackalloc char[MaxInputLength];
        var count = 0;
        var plus = false;
        foreach (var c in text.AsSpan().Trim())
        {
            if (c is >= '0' and <= '9')
            {
                digits[count++] = c;
            }
            else if (c == '+' && count == 0 && !plus)
            {
                plus = true;
            }
            else if (c is not (' ' or '.' or '-' or '/' or '(' or ')' or '\u00A0'))
            {
                error = $"The phone number contains '{Printable(c)}'; only digits, spaces, '.', '-', '/', parentheses and a leading '+' are allowed.";
                return false;
            }
        }

        Span<char> buffer = stackalloc char[MaxInputLength + 2];
        int length;
        if (plus)
        {
            digits[..count].CopyTo(buffer);
            length = count;
        }
        else if (count >= 2 && digits[0] == '0' && digits[1] == '0')
        {
            digits[2..count].CopyTo(buffer);
            length = count - 2;
        }
        else if (count >= 1 && digits[0] == '0')
        {
            // Belgian national form: 0 + area code or mobile prefix.
            buffer[0] = '3';
            buffer[1] = '2';
            digits[1..count].CopyTo(buffer[2..]);
            length = count + 1;
        }
        else
        {
            error = "The phone number has neither a leading 0 (Belgian) nor a country code ('+' or 00).";
            return false;
        }

        ReadOnlySpan<char> international = buffer[..length];
        if (international.Length == 0 || international[0] == '0')
        {
            error = "The country code of the phone number is missing or starts with 0.";
            return false;
        }

        if (international.Length is < 8 or > 15)
        {
            error = $"The phone number has {international.Length} digits with its country code; E.164 allows 8 to 15.";
            return false;
        }

        var value = ulong.Parse(international, NumberStyles.None, CultureInfo.InvariantCulture);
        if (international.StartsWith("32", StringComparison.Ordinal))
        {
            var national = international[2..];
            if (national[0] == '4')
            {
                if (national.Length != 9)
                {
                    error = $"A Belgian mobile number has 9 digits after +32 (04xx xx xx xx); this one has {national.Length}.";
                    return false;
                }

                if (national[1] is < '5')
                {
                    error = "Belgian mobile numbers start with 045 to 049.";
                    return false;
                }
            }
            else if (national.Length != 8)
            {
                error = $"A Belgian fixed-line number has 8 digits after +32 (0x xxx xx xx); this one has {national.Length}.";
                return false;
            }
        }

        number = new PhoneNumber(value);
        error = null;
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(PhoneNumber other) => Digits.CompareTo(other.Digits);

    /// <summary>The E.164 form: '+' and the digits, for example <c>+32470123456</c>; empty for <c>default</c>.</summary>
    /// <returns>The number.</returns>
    public override string ToString() => Digits == 0 ? string.Empty : "+" + Digits.ToString(CultureInfo.InvariantCulture);

    /// <summary>Compares two numbers by their digits.</summary>
    /// <param name="left">A number.</param>
    /// <param name="right">Another number.</param>
    /// <returns>Whether <paramref name="left"/> sorts first.</returns>
    public static bool operator <(PhoneNumber left, PhoneNumber right) => left.CompareTo(right) < 0;

    /// <summary>Compares two numbers by their digits.</summary>
    /// <param name="left">A number.</param>
    /// <param name="right">Another number.</param>
    /// <returns>Whether <paramref name="left"/> sorts last.</returns>
    public static bool operator >(PhoneNumber left, PhoneNumber right) => left.CompareTo(right) > 0;

    /// <summary>Compares two numbers by their digits.</summary>
    /// <param name="left">A number.</param>
    /// <param name="right">Another number.</param>
    /// <returns>Whether <paramref name="left"/> sorts first or equal.</returns>
    public static bool operator <=(PhoneNumber left, PhoneNumber right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two numbers by their digits.</summary>
    /// <param name="left">A number.</param>
    /// <param name="right">Another number.</param>
    /// <returns>Whether <paramref name="left"/> sorts last or equal.</returns>
    public static bool operator >=(PhoneNumber left, PhoneNumber right) => left.CompareTo(right) >= 0;

    internal static int DigitCount(ulong value)
    {
        var count = 0;
        do
        {
            count++;
            value /= 10;
        }
        while (value != 0);
        return count;
    }

    private static string Printable(char c) => char.IsControl(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : c.ToString();
}
