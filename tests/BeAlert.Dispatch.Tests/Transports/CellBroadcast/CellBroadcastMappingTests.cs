using BeAlert.Cap;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Dispatch.Tests.Transports.CellBroadcast;

/// <summary>
/// The EU-Alert mapping. Expected values come from the standards, not from the code: 3GPP TS 23.041 §9.4.1.2.1
/// (serial number: GS in bits 15–14, message code in 13–4, update number in 3–0) and §9.4.1.2.2 with ETSI TS 102 900
/// Table 1 (message identifiers 4370–4399: the level's identifier for the first language, +13 for additional languages).
/// </summary>
public sealed class CellBroadcastMappingTests
{
    [Theory]
    [InlineData(CellBroadcastGeographicalScope.CellWideImmediate, 0, 0, 0x0000)]
    [InlineData(CellBroadcastGeographicalScope.PlmnWide, 0, 0, 0x4000)]
    [InlineData(CellBroadcastGeographicalScope.LocationAreaWide, 0, 0, 0x8000)]
    [InlineData(CellBroadcastGeographicalScope.CellWide, 0, 0, 0xC000)]
    [InlineData(CellBroadcastGeographicalScope.CellWideImmediate, 1, 0, 0x0010)]
    [InlineData(CellBroadcastGeographicalScope.CellWideImmediate, 1023, 0, 0x3FF0)]
    [InlineData(CellBroadcastGeographicalScope.CellWideImmediate, 0, 15, 0x000F)]
    [InlineData(CellBroadcastGeographicalScope.CellWide, 0x155, 0xA, 0xD55A)] // 11 0101010101 1010
    public void SerialNumber_Encode_BitLayoutOfTs23041(CellBroadcastGeographicalScope scope, int code, int update, int expected)
    {
        var serial = new CellBroadcastSerialNumber(scope, code, update);
        Assert.Equal((ushort)expected, serial.Encode());
        Assert.Equal(serial, CellBroadcastSerialNumber.Decode((ushort)expected));
    }

    [Property]
    public Property SerialNumber_DecodeThenEncode_SameBits(ushort value) =>
        (CellBroadcastSerialNumber.Decode(value).Encode() == value).ToProperty();

    [Fact]
    public void SerialNumber_NextUpdate_RaisesAndWrapsAtSixteen()
    {
        var serial = new CellBroadcastSerialNumber(CellBroadcastGeographicalScope.CellWide, 9, 14);
        Assert.Equal(15, serial.NextUpdate().UpdateNumber);
        Assert.Equal(0, serial.NextUpdate().NextUpdate().UpdateNumber);
        Assert.Equal(9, serial.NextUpdate().NextUpdate().MessageCode);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(1024, 0)]
    [InlineData(0, -1)]
    [InlineData(0, 16)]
    public void SerialNumber_OutOfRange_Throws(int code, int update) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CellBroadcastSerialNumber(CellBroadcastGeographicalScope.CellWide, code, update));

    [Theory]
    [InlineData(CapStatus.Actual, CapSeverity.Extreme, CapUrgency.Immediate, CapCertainty.Observed, 4371, 4384)]
    [InlineData(CapStatus.Actual, CapSeverity.Extreme, CapUrgency.Immediate, CapCertainty.Likely, 4372, 4385)]
    [InlineData(CapStatus.Actual, CapSeverity.Extreme, CapUrgency.Expected, CapCertainty.Observed, 4373, 4386)]
    [InlineData(CapStatus.Actual, CapSeverity.Severe, CapUrgency.Immediate, CapCertainty.Observed, 4375, 4388)]
    [InlineData(CapStatus.Actual, CapSeverity.Severe, CapUrgency.Expected, CapCertainty.Likely, 4378, 4391)]
    [InlineData(CapStatus.Exercise, CapSeverity.Minor, CapUrgency.Future, CapCertainty.Possible, 4381, 4394)]
    [InlineData(CapStatus.Test, CapSeverity.Minor, CapUrgency.Future, CapCertainty.Possible, 4380, 4393)]
    public void MessageIdentifier_LevelAndLanguage_Ts23041Table(CapStatus status, CapSeverity severity, CapUrgency urgency, CapCertainty certainty, int primary, int additional)
    {
        var info = new CapInfo("Fire", urgency, severity, certainty, [CapCategory.Fire]);
        Assert.True(EuAlertMapper.TryMap(status, info, out var identifiers, out _));
        Assert.Equal(primary, CellBroadcastMapping.MessageIdentifier(identifiers, primaryLanguage: true));
        Assert.Equal(additional, CellBroadcastMapping.MessageIdentifier(identifiers, primaryLanguage: false));
    }

    [Fact]
    public void MessageIdentifier_EuInfo_SameIdentifierForEveryLanguage()
    {
        var info = new CapInfo("Info", CapUrgency.Future, CapSeverity.Minor, CapCertainty.Possible, [CapCategory.Other])
        {
            Parameters = [new CapNamedValue(EuAlertMapper.LevelParameterName, "Info")],
        };
        Assert.True(EuAlertMapper.TryMap(CapStatus.Actual, info, out var identifiers, out _));
        Assert.Equal(6400, CellBroadcastMapping.MessageIdentifier(identifiers, primaryLanguage: false));
    }

    [Fact]
    public void IsPrimaryLanguage_FirstInfoLanguage_OnlyThatOne()
    {
        var alert = TransportTestData.Load("be-fire-gent-nl-fr.xml");
        Assert.True(CellBroadcastMapping.IsPrimaryLanguage(alert, "nl"));
        Assert.True(CellBroadcastMapping.IsPrimaryLanguage(alert, "nl-BE"));
        Assert.False(CellBroadcastMapping.IsPrimaryLanguage(alert, "fr"));
    }

    [Theory]
    [InlineData("nl-BE", "nl")]
    [InlineData("FR", "fr")]
    [InlineData("de", "de")]
    [InlineData("gsw-CH", null)]
    [InlineData("", null)]
    [InlineData("1a", null)]
    public void TwoLetterLanguage_Tag_PrimarySubtagOrNull(string tag, string? expected) =>
        Assert.Equal(expected, CellBroadcastMapping.TwoLetterLanguage(tag));

    [Fact]
    public void Root_UpdateAndCancel_FindTheFirstAlert()
    {
        var alert = TransportTestData.Load("be-fire-gent-nl-fr.xml");
        var expected = (alert.Sender, alert.Identifier);
        Assert.Equal(expected, CellBroadcastMapping.Root(alert));
        Assert.Equal(expected, CellBroadcastMapping.Root(TransportTestData.Load("be-fire-gent-update.xml")));
        Assert.Equal(expected, CellBroadcastMapping.Root(TransportTestData.Load("be-fire-gent-cancel.xml")));
    }

    [Property]
    public Property MessageCode_AnyInput_TenBitsAndStable(string sender, string identifier)
    {
        sender ??= string.Empty;
        identifier ??= string.Empty;
        var code = CellBroadcastMapping.MessageCode(sender, identifier, "nl");
        return (code is >= 0 and <= 1023 && code == CellBroadcastMapping.MessageCode(sender, identifier, "nl")).ToProperty();
    }

    [Fact]
    public void MessageCode_LanguagesOfOneAlert_Differ()
    {
        var codes = new[] { "nl", "fr", "de", "en" }.Select(l => CellBroadcastMapping.MessageCode("brandweer@gent.be", "BE-GENT-2026-0412", l)).ToHashSet();
        Assert.Equal(4, codes.Count);
    }

    [Fact]
    public void EncodePages_Gsm7_PackedSeptetsPaddedWithCarriageReturns()
    {
        var message = CapRenderer.Default.RenderCellBroadcast(TransportTestData.Load("be-small.xml"), "nl");
        Assert.Equal(SmsDataCoding.Gsm7, message.DataCoding);

        var pages = CellBroadcastMapping.EncodePages(message);

        Assert.Equal(message.Pages.Count, pages.Count);
        Assert.All(pages, p => Assert.Equal(82, p.Length));
        var septets = Unpack(pages[0], 93);
        var expected = SmsEncoder.EncodeGsm7(message.Pages[0]);
        Assert.Equal(expected, septets[..expected.Length]);
        Assert.All(septets[expected.Length..], s => Assert.Equal(0x0D, s));
        Assert.Equal(0, pages[0][81] >> 3); // 93 septets fill 651 of 656 bits: the last five bits are zero
    }

    [Fact]
    public void EncodePages_Ucs2_BigEndianUnitsPaddedWithCarriageReturns()
    {
        var alert = TransportTestData.Load("be-small.xml");
        var greek = alert with { Infos = [alert.Infos[0] with { Headline = "Ωμέγα 漢字", Description = null, Instruction = null }] };
        var message = CapRenderer.Default.RenderCellBroadcast(greek, "nl");
        Assert.Equal(SmsDataCoding.Ucs2, message.DataCoding);

        var page = CellBroadcastMapping.EncodePages(message)[0];

        Assert.Equal(82, page.Length);
        var text = message.Pages[0];
        for (var i = 0; i < 41; i++)
        {
            var unit = (page[2 * i] << 8) | page[(2 * i) + 1];
            Assert.Equal(i < text.Length ? text[i] : 0x0D, unit);
        }
    }

    /// <summary>Unpacks septets bit by bit (TS 23.038 §6.1.2.1.1: the first septet in the low bits of the first octet).</summary>
    internal static byte[] Unpack(byte[] octets, int count)
    {
        var septets = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var value = 0;
            for (var b = 0; b < 7; b++)
            {
                var bit = (i * 7) + b;
                value |= ((octets[bit / 8] >> (bit % 8)) & 1) << b;
            }

            septets[i] = (byte)value;
        }

        return septets;
    }
}
