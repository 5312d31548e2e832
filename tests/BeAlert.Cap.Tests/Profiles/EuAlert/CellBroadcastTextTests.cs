namespace BeAlert.Cap.Tests.Profiles.EuAlert;

/// <summary>The conservative cell broadcast size check (3GPP TS 23.038 alphabets, TS 23.041 pages).</summary>
public sealed class CellBroadcastTextTests
{
    [Fact]
    public void Measure_DefaultAlphabet_Has127PrintableCharactersOfOneSeptet()
    {
        // The default alphabet has 128 positions; one (0x1B) is the escape to the extension table.
        var single = Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(c => CellBroadcastText.Measure(c.ToString()) == (true, 1)).ToList();

        Assert.Equal(127, single.Count);
        Assert.Contains('@', single);
        Assert.Contains('£', single);
        Assert.Contains('¤', single);
        Assert.Contains('à', single);
        Assert.Contains('É', single);
        Assert.DoesNotContain('\u001B', single);
        Assert.DoesNotContain('`', single);
    }

    [Fact]
    public void Measure_ExtensionTable_HasTenCharactersOfTwoSeptets()
    {
        var doubles = Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(c => CellBroadcastText.Measure(c.ToString()) == (true, 2)).ToList();

        Assert.Equal(['\f', '[', '\\', ']', '^', '{', '|', '}', '~', '€'], doubles.Order());
    }

    [Theory]
    [InlineData("Blijf binnen.", true, 13)]
    [InlineData("Prix : 5 €", true, 11)]
    [InlineData("Ne sortez pas, fermez les fenêtres.", false, 35)] // ê is not GSM 7-bit: the whole text is UCS-2
    [InlineData("Fahren Sie vorsichtig, Straßen sind glatt.", true, 42)]
    [InlineData("Waarschuwing 🚨", false, 15)] // an emoji is two UTF-16 units
    public void Measure_CountsSeptetsOrUcs2Units(string text, bool gsm7, int length) =>
        Assert.Equal((gsm7, length), CellBroadcastText.Measure(text));

    [Fact]
    public void Capacity_IsFifteenPagesLessTheLanguageIndication()
    {
        Assert.Equal((15 * 93) - 3, CellBroadcastText.Capacity(gsm7: true));
        Assert.Equal((15 * 41) - 1, CellBroadcastText.Capacity(gsm7: false));
    }

    [Theory]
    [InlineData('a', 1392, true)]
    [InlineData('a', 1393, false)]
    [InlineData('€', 696, true)]
    [InlineData('€', 697, false)]
    [InlineData('ê', 614, true)]
    [InlineData('ê', 615, false)]
    public void Fits_AtTheBoundary(char c, int count, bool fits) => Assert.Equal(fits, CellBroadcastText.Fits(new string(c, count)));

    [Fact]
    public void Join_SkipsAbsentPartsAndTrims() =>
        Assert.Equal("Kop\nDoe dit.", CellBroadcastText.Join(" Kop ", null, "  ", "Doe dit."));
}
