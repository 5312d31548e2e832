using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Cap.Tests.Properties;

/// <summary>The fast decimal reader agrees with double.Parse to the last bit, and the writer's text reads back exactly.</summary>
public sealed class CapNumberProperties
{
    private static Gen<string> DecimalText { get; } =
        from sign in Gen.Elements("", "-", "+")
        from whole in Gen.Elements("0123456789".ToCharArray()).ArrayOf().Resize(4)
        from fraction in Gen.Elements("0123456789".ToCharArray()).ArrayOf().Resize(24)
        from point in ArbMap.Default.GeneratorFor<bool>()
        let text = sign + new string(whole) + (point || whole.Length == 0 ? "." + new string(fraction) : string.Empty)
        where whole.Length + (point || whole.Length == 0 ? fraction.Length : 0) > 0
        select text;

    [Property(MaxTest = 5000)]
    public Property TryParse_AgreesWithDoubleParse() =>
        Prop.ForAll(Arb.From(DecimalText), text =>
            CapNumber.TryParse(text, out var ours)
            && BitConverter.DoubleToInt64Bits(ours) == BitConverter.DoubleToInt64Bits(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)));

    /// <summary>The UTF-8 instantiation (polygons) reads the same number, and stops at the same place, as the UTF-16 one.</summary>
    [Property(MaxTest = 5000)]
    public Property TryParseAt_Utf8AgreesWithUtf16() =>
        Prop.ForAll(Arb.From(Gen.OneOf(DecimalText, ArbMap.Default.GeneratorFor<string>().Where(t => t is not null))), text =>
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text + ",");
            var chars = (text + ",").AsSpan();
            var atBytes = 0;
            var atChars = 0;
            var fromBytes = CapNumber.TryParseAt<byte>(bytes, ref atBytes, out var bytesValue);
            var fromChars = CapNumber.TryParseAt(chars, ref atChars, out var charsValue);
            return fromBytes == fromChars
                && (!fromChars || (atBytes == atChars && BitConverter.DoubleToInt64Bits(bytesValue) == BitConverter.DoubleToInt64Bits(charsValue)));
        });

    [Property(MaxTest = 5000)]
    public Property Format_ReadsBackExactly() =>
        Prop.ForAll(ArbMap.Default.ArbFor<double>().Filter(double.IsFinite), value =>
            CapNumber.TryParse(CapNumber.Format(value), out var back) && back.Equals(value));

    /// <summary>The writer's fast path for short decimals prints exactly what the "R" format prints.</summary>
    [Property(MaxTest = 5000)]
    public Property FormatInto_AgreesWithRoundTripFormat() =>
        Prop.ForAll(Arb.From(Gen.OneOf(
            DecimalText.Where(t => t.Trim('+', '-', '.').Length > 0).Select(t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture)),
            ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite),
            Gen.Choose(-180_000_000, 180_000_000).Select(i => i / 1e6))), value =>
        {
            var r = value.ToString("R", CultureInfo.InvariantCulture);
            var buffer = new char[2048]; // the exact expansion of a huge value is long
            var ours = buffer.AsSpan(0, CapNumber.FormatInto(value, buffer)).ToString();
            return (r.Contains('E', StringComparison.Ordinal) || ours == r)
                && CapNumber.TryParse(ours, out var back) && back.Equals(value);
        });

    [Theory]
    [InlineData(51.0432, "51.0432")]
    [InlineData(-4.35, "-4.35")]
    [InlineData(0.05, "0.05")]
    [InlineData(0.000012, "0.000012")]
    [InlineData(3.0, "3")]
    [InlineData(180.0, "180")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    public void FormatInto_KnownValues(double value, string expected)
    {
        Span<char> buffer = stackalloc char[64];
        Assert.Equal(expected, buffer[..CapNumber.FormatInto(value, buffer)].ToString());
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData(" 1")]
    [InlineData("1,5")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("0x10")]
    public void TryParse_NonDecimalText_Fails(string text) => Assert.False(CapNumber.TryParse(text, out _));
}
