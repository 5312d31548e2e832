namespace BeAlert.Cap.Tests.Rendering;

/// <summary>The e-mail: subject, bodies, encoding, links, times in the alert's own offset.</summary>
public sealed class EmailRenderingTests
{
    [Fact]
    public void RenderEmail_TestAlert_SubjectHasTheMarkAndHeadline()
    {
        var email = CapRenderer.Default.RenderEmail(RenderAlerts.Typical(CapStatus.Test), "nl");

        Assert.Equal("TEST: Zware brand in Gent: blijf binnen, sluit ramen en deuren", email.Subject);
        Assert.Equal("Nationaal Crisiscentrum", email.SenderName);
        Assert.StartsWith("Dit is een testbericht.\n\nTEST: Zware brand in Gent", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderEmail_ActualAlertWithoutHeadlineOrEvent_SubjectIsTheSenderName()
    {
        // Found by RenderHostileInputTests: with no status prefix, no headline and no event, the subject was empty.
        var alert = RenderAlerts.Typical();
        alert = alert with { Infos = [alert.Infos[0] with { Headline = null, Event = string.Empty }] };

        Assert.Equal("Nationaal Crisiscentrum", CapRenderer.Default.RenderEmail(alert, "nl").Subject);
        var anonymous = alert with { Infos = [alert.Infos[0] with { Headline = null, Event = string.Empty, SenderName = null }] };
        Assert.Equal("BE-Alert", CapRenderer.Default.RenderEmail(anonymous, "nl").Subject);
    }

    [Fact]
    public void RenderEmail_TextBody_HasEveryDetail()
    {
        var alert = RenderAlerts.Typical();
        alert = alert with { Infos = [alert.Infos[0] with { Onset = new CapDateTime(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.FromHours(1))) }] };

        var lines = CapRenderer.Default.RenderEmail(alert, "nl").TextBody.Split('\n');

        Assert.Contains("Bij een bedrijf in de haven van Gent woedt een zware brand. Er komt veel rook vrij die zich richting Sint-Martens-Latem verplaatst.", lines);
        Assert.Contains("Blijf binnen. Sluit ramen en deuren. Zet ventilatie en airco uit. Volg de berichten op de radio.", lines);
        Assert.Contains("Gebeurtenis: Brand met rookontwikkeling", lines);
        Assert.Contains("Gebied: Gent en Sint-Martens-Latem", lines);
        Assert.Contains("Afzender: Nationaal Crisiscentrum", lines);
        Assert.Contains("Verzonden: 25-11-2026 14:30 (UTC+01:00)", lines);
        Assert.Contains("Begin: 25-11-2026 15:00 (UTC+01:00)", lines);
        Assert.Contains("Geldig tot: 25-11-2026 20:30 (UTC+01:00)", lines);
        Assert.Contains("Meer informatie: https://www.be-alert.be/nl/brand-gent", lines);
        Assert.Contains("Contact: 1771", lines);
        Assert.Contains("Referentie: BE-TEST-0001", lines);
    }

    [Theory]
    [InlineData("fr", "Valable jusqu'au: 25/11/2026 20:30 (UTC+01:00)")]
    [InlineData("de", "Gültig bis: 25.11.2026 20:30 (UTC+01:00)")]
    [InlineData("en", "Expires: 25/11/2026 20:30 (UTC+01:00)")]
    public void RenderEmail_Times_AreWrittenInTheLanguage(string language, string line) =>
        Assert.Contains(line, CapRenderer.Default.RenderEmail(RenderAlerts.Typical(), language).TextBody.Split('\n'));

    [Theory]
    [InlineData(0, "25-11-2026 20:30 (UTC)")]
    [InlineData(-5, "25-11-2026 20:30 (UTC-05:00)")]
    [InlineData(2, "25-11-2026 20:30 (UTC+02:00)")]
    public void RenderEmail_Times_StayInTheAlertsOffset(int hours, string expected)
    {
        var info = RenderAlerts.Info("nl", headline: "Brand") with
        {
            Expires = new CapDateTime(new DateTimeOffset(2026, 11, 25, 20, 30, 0, TimeSpan.FromHours(hours))),
        };

        var body = CapRenderer.Default.RenderEmail(RenderAlerts.Alert(CapStatus.Actual, info), "nl").TextBody;

        Assert.Contains("Geldig tot: " + expected, body.Split('\n'));
    }

    [Fact]
    public void RenderEmail_Html_EncodesEveryValue()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info(
            "nl",
            @event: "Brand <img src=x onerror=alert(1)>",
            headline: "<script>alert('x')</script> & co",
            description: "Rook \"zwart\" <b>dik</b>",
            instruction: "Sluit <ramen> & deuren",
            area: "Gent\" onmouseover=\"alert(1)",
            senderName: "<Crisis>",
            contact: "a&b"));

        var html = CapRenderer.Default.RenderEmail(alert, "nl").HtmlBody;

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<ramen>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\" onmouseover", html, StringComparison.Ordinal);
        Assert.Contains("<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Rook &quot;zwart&quot; &lt;b&gt;dik&lt;/b&gt;</p>", html, StringComparison.Ordinal);
        Assert.Contains("<td>a&amp;b</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;Crisis&gt;</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderEmail_Html_IsOnlyTheMarkupWeWrite()
    {
        var alert = RenderAlerts.Alert(CapStatus.Test, RenderAlerts.Info("nl", headline: "<i>x</i>", description: "<u>y</u>\n\nz", instruction: "<em>q</em>", web: "https://gent.be/?a=1&b=<2>"));

        var html = CapRenderer.Default.RenderEmail(alert, "nl").HtmlBody;

        var tags = System.Text.RegularExpressions.Regex.Matches(html, "</?([a-zA-Z0-9!]+)").Select(m => m.Groups[1].Value.ToLowerInvariant()).ToHashSet();
        Assert.Subset(new HashSet<string> { "!doctype", "html", "head", "meta", "title", "body", "p", "strong", "h1", "h2", "table", "tr", "th", "td", "a", "br" }, tags);
    }

    [Theory]
    [InlineData("https://www.be-alert.be/nl?x=1&y=2", true)]
    [InlineData("http://gent.be/brand", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,<script>alert(1)</script>", false)]
    [InlineData("ftp://files.gent.be/brand", false)]
    [InlineData("file:///etc/passwd", false)]
    public void RenderEmail_Web_IsALinkOnlyForHttp(string web, bool linked)
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: "Brand", web: web));

        var email = CapRenderer.Default.RenderEmail(alert, "nl");

        Assert.Equal(linked, email.HtmlBody.Contains("<a href=", StringComparison.Ordinal));
        var encoded = web.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
        Assert.Contains(encoded, email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Meer informatie: " + web, email.TextBody.Split('\n'));
        if (linked)
        {
            Assert.Contains($"<a href=\"{encoded}\">{encoded}</a>", email.HtmlBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RenderEmail_NoWeb_LinksTheDefaultUrl()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: "Brand"));

        var email = new CapRenderer(new RenderOptions { DefaultInfoUrl = "https://www.be-alert.be" }).RenderEmail(alert, "nl");

        Assert.Contains("<a href=\"https://www.be-alert.be\">", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderEmail_HeadlineWithLineBreaksAndHeaders_GivesAOneLineSubject()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: "Brand\r\nBcc: victim@example.com\n\tX-Evil: 1\u0085\u2028end"));

        var subject = CapRenderer.Default.RenderEmail(alert, "nl").Subject;

        Assert.Equal("Brand Bcc: victim@example.com X-Evil: 1 end", subject);
    }

    [Fact]
    public void RenderEmail_VeryLongHeadline_GivesABoundedSubject()
    {
        var alert = RenderAlerts.Alert(CapStatus.Test, RenderAlerts.Info("nl", headline: RenderAlerts.Words(200, "kop")));

        var subject = CapRenderer.Default.RenderEmail(alert, "nl").Subject;

        Assert.InRange(subject.Length, 100, 200);
        Assert.StartsWith("TEST: kop000 kop001", subject, StringComparison.Ordinal);
        Assert.EndsWith("...", subject, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderEmail_Paragraphs_AreKept()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: "Brand", description: "  Eerste   alinea,\n  tweede regel.\n\n\n\nTweede alinea.  "));

        var email = CapRenderer.Default.RenderEmail(alert, "nl");

        Assert.Contains("\nEerste alinea,\ntweede regel.\n\nTweede alinea.\n", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>Eerste alinea,<br>\ntweede regel.</p>\n<p>Tweede alinea.</p>", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderEmail_HtmlLanguage_IsTheInfoLanguage()
    {
        var html = CapRenderer.Default.RenderEmail(RenderAlerts.Typical(), "de").HtmlBody;

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"de-BE\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Großbrand in Gent: Bleiben Sie drinnen, schließen Sie Fenster und Türen</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderEmail_AlertWithoutInfo_ShowsTheNote()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, CapMessageType.Error) with { Note = "Polygoon <ongeldig>" };

        var email = CapRenderer.Default.RenderEmail(alert, "nl");

        Assert.Equal("FOUTMELDING: Polygoon <ongeldig>", email.Subject);
        Assert.Contains("Opmerking:\nPolygoon <ongeldig>", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>Polygoon &lt;ongeldig&gt;</p>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("BE-Alert", email.SenderName);
    }
}
