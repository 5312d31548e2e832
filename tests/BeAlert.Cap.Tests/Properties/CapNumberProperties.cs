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

    [Property(MaxTest = 5000)]
    public Property Format_ReadsBackExactly() =>
        Prop.ForAll(ArbMap.Default.ArbFor<double>().Filter(double.IsFinite), value =>
            CapNumber.TryParse(CapNumber.Format(value), out var back) && back.Equals(value));

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
