namespace BeAlert.Cap.Tests.Rendering;

/// <summary>The GSM 7-bit alphabet, character by character, against the hand-written listing of TS 23.038.</summary>
public sealed class SmsEncoderTests
{
    public static TheoryData<int, int, string> BasicRows()
    {
        var data = new TheoryData<int, int, string>();
        foreach (var (code, scalar, name) in GsmAlphabetListing.Basic)
        {
            data.Add(code, scalar, name);
        }

        return data;
    }

    public static TheoryData<int, int, string> ExtensionRows()
    {
        var data = new TheoryData<int, int, string>();
        foreach (var (code, scalar, name) in GsmAlphabetListing.Extension)
        {
            data.Add(code, scalar, name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BasicRows))]
    public void EncodeGsm7_BasicCharacter_IsItsCode(int code, int scalar, string name)
    {
        var c = (char)scalar;

        Assert.True(SmsEncoder.IsGsm7Basic(c), name);
        Assert.False(SmsEncoder.IsGsm7Extension(c), name);
        Assert.Equal(1, SmsEncoder.SeptetCost(c));
        Assert.Equal([(byte)code], SmsEncoder.EncodeGsm7([c]));
        Assert.Equal(c.ToString(), SmsEncoder.DecodeGsm7([(byte)code]));
    }

    [Theory]
    [MemberData(nameof(ExtensionRows))]
    public void EncodeGsm7_ExtensionCharacter_IsEscapeThenCode(int code, int scalar, string name)
    {
        var c = (char)scalar;

        Assert.True(SmsEncoder.IsGsm7Extension(c), name);
        Assert.False(SmsEncoder.IsGsm7Basic(c), name);
        Assert.Equal(2, SmsEncoder.SeptetCost(c));
        Assert.Equal([0x1B, (byte)code], SmsEncoder.EncodeGsm7([c]));
        Assert.Equal(c.ToString(), SmsEncoder.DecodeGsm7([0x1B, (byte)code]));
    }

    [Fact]
    public void IsGsm7_EveryOtherBmpUnit_IsNotGsm()
    {
        var listed = GsmAlphabetListing.Basic.Select(r => r.Scalar).Concat(GsmAlphabetListing.Extension.Select(r => r.Scalar)).ToHashSet();
        Assert.Equal(137, listed.Count);
        var wrong = new List<string>();
        for (var unit = 0; unit <= 0xFFFF; unit++)
        {
            var c = (char)unit;
            if (SmsEncoder.IsGsm7(c) != listed.Contains(unit))
            {
                wrong.Add($"U+{unit:X4}");
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData('@', new byte[] { 0x00 })]
    [InlineData('€', new byte[] { 0x1B, 0x65 })]
    [InlineData('[', new byte[] { 0x1B, 0x3C })]
    [InlineData('Ç', new byte[] { 0x09 })]
    [InlineData('é', new byte[] { 0x05 })]
    [InlineData('è', new byte[] { 0x04 })]
    [InlineData('à', new byte[] { 0x7F })]
    [InlineData('Ü', new byte[] { 0x5E })]
    public void EncodeGsm7_NamedCharacters_AreTheirSeptets(char c, byte[] septets) =>
        Assert.Equal(septets, SmsEncoder.EncodeGsm7([c]));

    [Theory]
    [InlineData('ç')] // only in national shift tables: the default alphabet has the capital at 0x09
    [InlineData('ë')]
    [InlineData('ï')]
    [InlineData('ê')]
    [InlineData('ô')]
    [InlineData('È')]
    [InlineData('À')]
    [InlineData('’')]
    [InlineData('\u00A0')]
    [InlineData('`')]
    public void IsGsm7_CommonNonGsmCharacters_AreNot(char c)
    {
        Assert.False(SmsEncoder.IsGsm7(c));
        Assert.Equal(0, SmsEncoder.SeptetCost(c));
        Assert.Throws<ArgumentException>(() => SmsEncoder.EncodeGsm7([c]));
    }

    [Theory]
    [InlineData("Blijf binnen in België", SmsDataCoding.Ucs2)] // ë
    [InlineData("Restez à l'intérieur, ça brûle", SmsDataCoding.Ucs2)] // ç and û
    [InlineData("Restez à l'intérieur", SmsDataCoding.Gsm7)]
    [InlineData("ÇA BRÛLE", SmsDataCoding.Ucs2)] // Û
    [InlineData("Großbrand: Fenster schließen, Türen zu", SmsDataCoding.Gsm7)]
    [InlineData("Kosten: 5 € [max]", SmsDataCoding.Gsm7)]
    [InlineData("", SmsDataCoding.Gsm7)]
    public void GetDataCoding_Text_IsGsm7OnlyWhenEveryCharacterIs(string text, SmsDataCoding expected)
    {
        Assert.Equal(expected, SmsEncoder.GetDataCoding(text));
        Assert.Equal(expected == SmsDataCoding.Gsm7, GsmAlphabetListing.IsGsm(text));
    }

    [Fact]
    public void TryCountSeptets_ExtensionCharacters_CountTwo()
    {
        Assert.True(SmsEncoder.TryCountSeptets("a€[]{}", out var septets));
        Assert.Equal(11, septets);
        Assert.False(SmsEncoder.TryCountSeptets("aë", out _));
    }

    [Fact]
    public void DecodeGsm7_EveryListedCharacter_RoundTrips()
    {
        var text = new string([.. GsmAlphabetListing.Basic.Select(r => (char)r.Scalar), .. GsmAlphabetListing.Extension.Select(r => (char)r.Scalar)]);

        Assert.Equal(text, SmsEncoder.DecodeGsm7(SmsEncoder.EncodeGsm7(text)));
    }

    [Fact]
    public void DecodeGsm7_EscapeBeforeUnassignedCode_ShowsTheBasicCharacter() =>
        Assert.Equal("A", SmsEncoder.DecodeGsm7([0x1B, 0x41]));

    [Fact]
    public void DecodeGsm7_TrailingEscape_ShowsASpace() =>
        Assert.Equal("a ", SmsEncoder.DecodeGsm7([0x61, 0x1B]));

    [Fact]
    public void DecodeGsm7_ByteAbove7Bits_Throws() =>
        Assert.Throws<ArgumentException>(() => SmsEncoder.DecodeGsm7([0x80]));

    [Fact]
    public void PackSeptets_HelloHello_IsTheWellKnownPacking()
    {
        // "hellohello" packed: the worked example of GSM 03.38 septet packing found in SMS PDU references.
        var packed = SmsEncoder.PackSeptets(SmsEncoder.EncodeGsm7("hellohello"));

        Assert.Equal(Convert.FromHexString("E8329BFD4697D9EC37"), packed);
    }

    [Fact]
    public void PackSeptets_EightSeptets_FillSevenOctets()
    {
        var packed = SmsEncoder.PackSeptets([0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F]);

        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], packed);
    }

    [Fact]
    public void PackSeptets_NinetyThreeSeptets_FillTheEightyTwoOctetsOfACbsPage() =>
        Assert.Equal(CellBroadcastMessage.PageOctets, SmsEncoder.PackSeptets(new byte[CellBroadcastMessage.Gsm7PageCharacters]).Length);
}
