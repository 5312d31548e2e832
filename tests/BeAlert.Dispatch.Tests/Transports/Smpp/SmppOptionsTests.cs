using BeAlert.Dispatch.Smpp;

namespace BeAlert.Dispatch.Tests.Transports.Smpp;

public sealed class SmppOptionsTests
{
    [Fact]
    public void Validate_Defaults_WithHostAndSystemId_Pass()
    {
        new SmppOptions { Host = "smsc.example", SystemId = "bealert", Password = "pw" }.Validate();
    }

    [Fact]
    public void Validate_ManyProblems_ListsEveryOneAndNeverThePassword()
    {
        var options = new SmppOptions
        {
            Host = " ",
            Port = 70000,
            SystemId = "much-too-long-system-id",
            Password = "SuperSecret9",
            WindowSize = 0,
            BindsPerEndpoint = 65,
            ResponseTimeout = TimeSpan.Zero,
            MaxReconnectDelay = TimeSpan.FromMilliseconds(1),
        };
        var ex = Assert.Throws<ArgumentException>(options.Validate);
        foreach (var name in new[] { "Host", "Port", "SystemId", "Password", "WindowSize", "BindsPerEndpoint", "ResponseTimeout", "MaxReconnectDelay" })
        {
            Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("SuperSecret9", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1789", 3, 0)]
    [InlineData("+32470123456", 1, 1)]
    [InlineData("BE-Alert", 5, 0)]
    public void Source_ByShape_ChoosesTonAndNpi(string address, byte ton, byte npi)
    {
        var (bytes, actualTon, actualNpi) = SmppAddress.Source(new SmppOptions { SourceAddress = address });
        Assert.Equal((ton, npi), (actualTon, actualNpi));
        Assert.Equal(address.TrimStart('+'), System.Text.Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Source_ExplicitTonNpi_Win()
    {
        var (_, ton, npi) = SmppAddress.Source(new SmppOptions { SourceAddress = "1789", SourceTon = 0, SourceNpi = 1 });
        Assert.Equal((0, 1), (ton, npi));
    }

    [Theory]
    [InlineData("+32470123456", true)]
    [InlineData("+33612345678", true)]
    [InlineData("+14155550123", true)]
    [InlineData("+3247012345678901", false)] // 16 digits
    [InlineData("0470123456", false)]
    [InlineData("+0470123456", false)]
    [InlineData("+32 470 12 34 56", false)]
    [InlineData("", false)]
    public void TryParseE164_Destinations(string destination, bool valid) =>
        Assert.Equal(valid, SmppAddress.TryParseE164(destination, out _));
}
