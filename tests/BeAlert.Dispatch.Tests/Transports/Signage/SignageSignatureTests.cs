using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Dispatch.Tests.Transports.Signage;

public sealed class SignageSignatureTests
{
    private const string Secret = "whsec-test-0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_KnownInput_IsTimestampAndHmacOfTimestampDotBody()
    {
        var body = "<alert/>"u8.ToArray();
        var header = SignageSignature.Compute(Secret, Now, body);

        var seconds = Now.ToUnixTimeSeconds();
        var expected = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes($"{seconds}.<alert/>"))).ToLowerInvariant();
        Assert.Equal($"t={seconds},v1={expected}", header);
    }

    [Fact]
    public void Verify_OwnSignature_Valid() =>
        Assert.Equal(SignageSignatureCheck.Valid, SignageSignature.Verify(SignageSignature.Compute(Secret, Now, "x"u8), "x"u8, Secret, Now.AddMinutes(1)));

    [Fact]
    public void Verify_ChangedBody_Mismatch() =>
        Assert.Equal(SignageSignatureCheck.Mismatch, SignageSignature.Verify(SignageSignature.Compute(Secret, Now, "x"u8), "y"u8, Secret, Now));

    [Fact]
    public void Verify_OtherSecret_Mismatch() =>
        Assert.Equal(SignageSignatureCheck.Mismatch, SignageSignature.Verify(SignageSignature.Compute(Secret, Now, "x"u8), "x"u8, Secret + "2", Now));

    [Fact]
    public void Verify_RotatedSecrets_AnyOneMatches()
    {
        var header = SignageSignature.Compute(Secret, Now, "x"u8);
        Assert.Equal(SignageSignatureCheck.Valid, SignageSignature.Verify(header, "x"u8, ["new-secret-0123456789", Secret], Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Verify_HeaderWithTwoSignatures_AnyOneMatches()
    {
        var header = SignageSignature.Compute(Secret, Now, "x"u8);
        var doubled = header.Replace("v1=", "v1=" + new string('0', 64) + ",v1=", StringComparison.Ordinal);
        Assert.Equal(SignageSignatureCheck.Valid, SignageSignature.Verify(doubled, "x"u8, Secret, Now));
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public void Verify_TimeOutsideTolerance_Expired(int minutes) =>
        Assert.Equal(SignageSignatureCheck.Expired, SignageSignature.Verify(SignageSignature.Compute(Secret, Now, "x"u8), "x"u8, Secret, Now.AddMinutes(minutes)));

    [Theory]
    [InlineData(null, SignageSignatureCheck.Missing)]
    [InlineData("", SignageSignatureCheck.Missing)]
    [InlineData("garbage", SignageSignatureCheck.Malformed)]
    [InlineData("t=1,v1=abc", SignageSignatureCheck.Malformed)]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000", SignageSignatureCheck.Malformed)]
    [InlineData("t=-5,v1=0000000000000000000000000000000000000000000000000000000000000000", SignageSignatureCheck.Malformed)]
    [InlineData("t=1,t=2,v1=0000000000000000000000000000000000000000000000000000000000000000", SignageSignatureCheck.Malformed)]
    [InlineData("t=99999999999999999999,v1=0000000000000000000000000000000000000000000000000000000000000000", SignageSignatureCheck.Malformed)]
    [InlineData("t=1795000000,v1=zz00000000000000000000000000000000000000000000000000000000000000", SignageSignatureCheck.Expired)]
    public void Verify_BadHeader_SaysWhy(string? header, SignageSignatureCheck expected) =>
        Assert.Equal(expected, SignageSignature.Verify(header, "x"u8, Secret, Now));

    [Fact]
    public void Verify_HugeHeader_MalformedWithoutWork() =>
        Assert.Equal(SignageSignatureCheck.Malformed, SignageSignature.Verify("t=1," + new string('v', 100_000), "x"u8, Secret, Now));

    [Property(MaxTest = 200)]
    public Property Verify_AnyBodyAndOneFlippedByte_ValidThenMismatch(NonEmptyArray<byte> bytes, PositiveInt position)
    {
        var body = bytes.Get;
        var header = SignageSignature.Compute(Secret, Now, body);
        var tampered = (byte[])body.Clone();
        tampered[position.Get % tampered.Length] ^= 0x01;
        return (SignageSignature.Verify(header, body, Secret, Now) == SignageSignatureCheck.Valid
                && SignageSignature.Verify(header, tampered, Secret, Now) == SignageSignatureCheck.Mismatch).ToProperty();
    }
}
