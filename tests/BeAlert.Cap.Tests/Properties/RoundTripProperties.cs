using BeAlert.TestUtils;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Cap.Tests.Properties;

public sealed class RoundTripProperties
{
    [Property(MaxTest = 300)]
    public Property ParseOfWrite_EqualsTheAlert() =>
        Prop.ForAll(CapGenerators.AlertArbitrary(), alert =>
        {
            var document = CapParser.Default.Parse(CapWriter.WriteToBytes(alert));
            return document.Alert.Equals(alert) && document.Version == CapVersion.Cap12;
        });

    [Property(MaxTest = 100)]
    public Property ParseOfWrite_Unindented_EqualsTheAlert() =>
        Prop.ForAll(CapGenerators.AlertArbitrary(), alert =>
            CapParser.Default.Parse(CapWriter.WriteToBytes(alert, new CapWriterOptions { Indent = false })).Alert.Equals(alert));

    [Property(MaxTest = 100)]
    public Property Write_IsStableAfterOneRoundTrip() =>
        Prop.ForAll(CapGenerators.AlertArbitrary(), alert =>
        {
            var once = CapWriter.WriteToString(alert);
            return CapWriter.WriteToString(CapParser.Default.Parse(once).Alert) == once;
        });
}
