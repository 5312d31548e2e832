using System.Text;

namespace BeAlert.Cap;

/// <summary>
/// HTML encoding for text content and double-quoted attribute values: the five characters that can end a text or an
/// attribute or start markup (&amp; &lt; &gt; " ') become references; everything else stays readable. Control
/// characters never reach here (<see cref="RenderText"/> removed them).
/// </summary>
internal static class HtmlText
{
    internal static string Encode(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            });
            if (c is not ('&' or '<' or '>' or '"' or '\''))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
