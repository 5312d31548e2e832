using FsCheck.Xunit;

namespace BeAlert.Dispatch.Tests.Population;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("0470 12 34 56", "+32470123456")]
    [InlineData("0470/12.34.56", "+32470123456")]
    [InlineData("(0470) 12-34-56", "+32470123456")]
    [InlineData("+32 470 12 34 56", "+32470123456")]
    [InlineData("0032 470 123 456", "+32470123456")]
    [InlineData("  0499123456 ", "+32499123456")]
    [InlineData("09 123 45 67", "+3291234567")]
    [InlineData("02/555.12.34", "+3225551234")]
    [InlineData("+31 6 12345678", "+31612345678")]
    [InlineData("0033 6 12 34 56 78", "+33612345678")]
    [InlineData("+49 151 12345678", "+4915112345678")]
    public void TryParse_WrittenForms_NormalisesToE164(string text, string expected)
    {
        Assert.True(PhoneNumber.TryParse(text, out var number, out var error), error);
        Assert.Equal(expected, number.ToString());
        Assert.Null(error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("0470 12 34 5")] // one digit short
    [InlineData("+32 470 12 34 567")] // one digit long
    [InlineData("0412 34 56 78")] // 041 is not a mobile prefix
    [InlineData("09 123 45 6")] // fixed line too short
    [InlineData("470123456")] // neither 0 nor a country code
    [InlineData("+0 470 12 34 56")]
    [InlineData("00")]
    [InlineData("+1234567")] // 7 digits
    [InlineData("+1234567890123456")] // 16 digits
    [InlineData("0470+123456")]
    [InlineData("0470 12 34 56 ext 5")]
    public void TryParse_Invalid_ReturnsFalseWithMessage(string text)
    {
        Assert.False(PhoneNumber.TryParse(text, out var number, out var error));
        Assert.True(number.IsEmpty);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void TryParse_TooLongInput_RefusedBeforeScanning()
    {
        Assert.False(PhoneNumber.TryParse(new string('1', PhoneNumber.MaxInputLength + 1), out _, out var error));
        Assert.Contains("longer", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0470123456", true, true)]
    [InlineData("091234567", true, false)]
    [InlineData("+31612345678", false, false)]
    public void IsBelgian_IsBelgianMobile_ByNumberingPlan(string text, bool belgian, bool mobile)
    {
        var number = PhoneNumber.Parse(text);
        Assert.Equal(belgian, number.IsBelgian);
        Assert.Equal(mobile, number.IsBelgianMobile);
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => PhoneNumber.Parse("hello"));
    }

    [Fact]
    public void FromDigits_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PhoneNumber.FromDigits(1234567));
        Assert.Equal("+32470123456", PhoneNumber.FromDigits(32470123456).ToString());
    }

    [Property(MaxTest = 1000)]
    public void TryParse_AnyString_NeverThrows_AndValidOnesRoundTrip(string? text)
    {
        if (PhoneNumber.TryParse(text, out var number, out _))
        {
            Assert.Equal(number, PhoneNumber.Parse(number.ToString()));
        }
    }

    [Property(MaxTest = 500)]
    public void TryParse_BelgianMobileDigits_RoundTripThroughNationalForm(uint suffix)
    {
        var national = "04" + (5 + (suffix % 5)) + (suffix % 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        var number = PhoneNumber.Parse(national);
        Assert.True(number.IsBelgianMobile);
        Assert.Equal("+32" + national[1..], number.ToString());
    }
}
