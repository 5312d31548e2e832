using BeAlert.Cap;

// Read: strict, streaming and hardened (no DTD, limits on size and depth); CAP 1.0, 1.1 and 1.2.
var parser = new CapParser(new CapParserOptions { Mode = CapParseMode.Strict });
CapDocument document;
using (var stream = File.OpenRead(args.Length > 0 ? args[0] : "samples/cap/be-small.xml"))
{
    try
    {
        document = parser.Parse(stream);
    }
    catch (CapParseException e) // not XML, not a CAP alert, or over a limit: code, line, column
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
}

// Validate: every finding is a value with a stable code, severity, element path, line and column.
var result = CapValidator.Default.Validate(document);
foreach (var diagnostic in result.Diagnostics)
{
    Console.Error.WriteLine(diagnostic);
}

// Write: the model is immutable; derive an Update of the alert and write it as canonical CAP 1.2.
var alert = document.Alert;
var update = alert with
{
    Identifier = alert.Identifier + "-update-1",
    Sent = TimeProvider.System.GetLocalNow(),
    MsgType = CapMessageType.Update,
    References = [CapReference.To(alert)],
};
using var stdout = Console.OpenStandardOutput();
CapWriter.Write(update, stdout);
return result.IsValid ? 0 : 1;
