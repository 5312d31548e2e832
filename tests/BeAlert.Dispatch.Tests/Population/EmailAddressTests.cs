using FsCheck.Xunit;

namespace BeAlert.Dispatch.Tests.Population;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("Jan.Peeters@Example.BE", "Jan.Peeters@example.be")]
    [InlineData("  a+tag@x.io ", "a+tag@x.io")]
    [InlineData("o'brien@mail.example.ie", "o'brien@mail.example.ie")]
    [InlineData("x@xn--bcher-kva.be", "x@xn--bcher-kva.be")]
    public void TryNormalize_Valid_LowercasesDomainOnly(string text, string expected)
    {
        Assert.True(EmailAddress.TryNormalize(text, out var normalized, out var error), error);
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("@example.be")]
    [InlineData("a@")]
    [InlineData("a..b@example.be")]
    [InlineData(".a@example.be")]
    [InlineData("a.@example.be")]
    [InlineData("a@localhost")]
    [InlineData("a@-x.be")]
    [InlineData("a@x-.be")]
    [InlineData("a@x..be")]
    [InlineData("a@x.b3")]
    [InlineData("a b@example.be")]
    [InlineData("\"quoted\"@example.be")]
    [InlineData("é@example.be")]
    [InlineData("a@exämple.be")]
    [InlineData("a@[192.0.2.1]")]
    [InlineData("a@x_y.be")]
    public void TryNormalize_Invalid_ReturnsMessage(string text)
    {
        Assert.False(EmailAddress.TryNormalize(text, out var normalized, out var error));
        Assert.Null(normalized);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void TryNormalize_LengthLimits_Enforced()
    {
        Assert.True(EmailAddress.IsValid(new string('a', 64) + "@example.be"));
        Assert.False(EmailAddress.IsValid(new string('a', 65) + "@example.be"));
        var longDomain = string.Join('.', Enumerable.Repeat(new string('d', 60), 4)) + ".be"; // 247 characters
        Assert.False(EmailAddress.IsValid("abcdefgh@" + longDomain));
        Assert.False(EmailAddress.IsValid("a@" + new string('d', 64) + ".be"));
    }

    [Property(MaxTest = 1000)]
    public void TryNormalize_AnyString_NeverThrows_AndIsIdempotent(string? text)
    {
        if (EmailAddress.TryNormalize(text, out var normalized, out _))
        {
            Assert.True(EmailAddress.TryNormalize(normalized, out var again, out _));
            Assert.Equal(normalized, again);
        }
    }
}
