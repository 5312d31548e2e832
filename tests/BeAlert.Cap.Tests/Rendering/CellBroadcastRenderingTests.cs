namespace BeAlert.Cap.Tests.Rendering;

/// <summary>Cell broadcast: 93-septet or 41-unit pages, at most 15, instruction first among what is kept.</summary>
public sealed class CellBroadcastRenderingTests
{
    private static CapAlert HeadlineOnly(string headline) =>
        RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: headline, area: null));

    [Theory]
    [InlineData(93, new[] { 93 })]
    [InlineData(94, new[] { 93, 1 })]
    [InlineData(200, new[] { 93, 93, 14 })]
    public void RenderCellBroadcast_Gsm7Text_FillsPagesOf93(int length, int[] pages)
    {
        var cb = CapRenderer.Default.RenderCellBroadcast(HeadlineOnly(new string('a', length)), "nl");

        Assert.Equal(SmsDataCoding.Gsm7, cb.DataCoding);
        Assert.Equal(pages, cb.Pages.Select(p => p.Length));
    }

    [Theory]
    [InlineData(41, new[] { 41 })]
    [InlineData(42, new[] { 41, 1 })]
    [InlineData(100, new[] { 41, 41, 18 })]
    public void RenderCellBroadcast_Ucs2Text_FillsPagesOf41(int length, int[] pages)
    {
        var cb = CapRenderer.Default.RenderCellBroadcast(HeadlineOnly(new string('ë', length)), "nl");

        Assert.Equal(SmsDataCoding.Ucs2, cb.DataCoding);
        Assert.Equal(0x48, cb.DataCodingScheme);
        Assert.Equal(pages, cb.Pages.Select(p => p.Length));
    }

    [Fact]
    public void RenderCellBroadcast_ExtensionCharacterAtThePageEdge_IsNotSplit()
    {
        var cb = CapRenderer.Default.RenderCellBroadcast(HeadlineOnly(new string('a', 92) + "€" + new string('b', 10)), "nl");

        Assert.Equal(new string('a', 92), cb.Pages[0]);
        Assert.StartsWith("€", cb.Pages[1], StringComparison.Ordinal);
    }

    [Fact]
    public void RenderCellBroadcast_EmojiAtThePageEdge_IsNotSplit()
    {
        var cb = CapRenderer.Default.RenderCellBroadcast(HeadlineOnly(new string('ë', 40) + "🚒" + new string('ë', 5)), "nl");

        Assert.Equal(new string('ë', 40), cb.Pages[0]);
        Assert.StartsWith("🚒", cb.Pages[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nl-BE", 0x05)]
    [InlineData("fr-BE", 0x03)]
    [InlineData("de-BE", 0x00)]
    [InlineData("en-GB", 0x01)]
    public void RenderCellBroadcast_Gsm7_DataCodingSchemeNamesTheLanguage(string language, int scheme)
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info(language, headline: "Brand"));

        var cb = CapRenderer.Default.RenderCellBroadcast(alert, language);

        Assert.Equal(SmsDataCoding.Gsm7, cb.DataCoding);
        Assert.Equal(scheme, cb.DataCodingScheme);
    }

    [Fact]
    public void RenderCellBroadcast_OtherLanguage_IsUnspecified()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("it", headline: "Incendio"));

        Assert.Equal(0x0F, CapRenderer.Default.RenderCellBroadcast(alert, "it").DataCodingScheme);
    }

    [Fact]
    public void RenderCellBroadcast_Layout_PutsTheInstructionBeforeTheDescription()
    {
        var alert = RenderAlerts.Alert(CapStatus.Test, RenderAlerts.Info("nl", headline: "Brand in Gent", description: "Veel rook.", instruction: "Blijf binnen.", web: "https://gent.be"));

        var cb = CapRenderer.Default.RenderCellBroadcast(alert, "nl");

        Assert.Equal("TEST: Brand in Gent\nBlijf binnen.\nVeel rook.\nhttps://gent.be", cb.Text);
    }

    [Fact]
    public void RenderCellBroadcast_HugeDescription_StaysWithinFifteenPagesKeepingTheInstruction()
    {
        var instruction = "Blijf binnen. Sluit ramen en deuren. Zet ventilatie uit.";
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: "Brand", description: RenderAlerts.Words(2000), instruction: instruction, web: "https://gent.be"));

        var cb = CapRenderer.Default.RenderCellBroadcast(alert, "nl");

        Assert.Equal(15, cb.Pages.Count);
        Assert.Equal(RenderParts.Description, cb.Shortened);
        Assert.StartsWith("Brand\n" + instruction + "\n", cb.Text, StringComparison.Ordinal);
        Assert.EndsWith("\nhttps://gent.be", cb.Text, StringComparison.Ordinal);
        Assert.All(cb.Pages, p => Assert.InRange(p.Sum(GsmAlphabetListing.Cost), 1, 93));
    }

    [Fact]
    public void RenderCellBroadcast_OnePage_KeepsTheInstructionFirst()
    {
        var instruction = "Blijf binnen, sluit ramen.";
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: RenderAlerts.Words(30, "kop"), description: RenderAlerts.Words(50), instruction: instruction, web: "https://www.be-alert.be/nl/brand"));

        var cb = new CapRenderer(new RenderOptions { CellBroadcastMaxPages = 1 }).RenderCellBroadcast(alert, "nl");

        Assert.Single(cb.Pages);
        Assert.Contains(instruction, cb.Text, StringComparison.Ordinal);
        Assert.True((cb.Omitted & RenderParts.Description) != 0);
    }

    [Fact]
    public void RenderCellBroadcast_Pages_ConcatenateToTheText()
    {
        var cb = CapRenderer.Default.RenderCellBroadcast(RenderAlerts.Typical(CapStatus.Exercise), "de");

        Assert.Equal(cb.Text, string.Concat(cb.Pages));
        Assert.StartsWith("ÜBUNG: ", cb.Text, StringComparison.Ordinal);
    }
}
