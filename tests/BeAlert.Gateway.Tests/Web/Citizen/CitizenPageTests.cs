using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BeAlert.Gateway.Tests.Citizens;

namespace BeAlert.Gateway.Tests.Web.Citizen;

/// <summary>The citizen pages over plain HTTP, and the sign-in with a code that the pages use.</summary>
public sealed class CitizenPageTests : IDisposable
{
    private readonly CitizensFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/citizen", "nl", "BE-Alert-berichten ontvangen")]
    [InlineData("/citizen", "fr", "Recevoir les messages BE-Alert")]
    [InlineData("/citizen/confirm", "de", "Geben Sie Ihren Code ein")]
    [InlineData("/citizen/me", "en", "My BE-Alert registration")]
    [InlineData("/citizen/me", "nl", "Mijn BE-Alert-inschrijving")]
    public async Task Page_InEachLanguage_RendersWithoutInlineScriptOrStyle(string path, string lang, string heading)
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri($"{path}?lang={lang}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<h1>{heading}</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("/web/js/citizen-common.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistrationPage_StatesWhatIsStoredAndAsksConsent()
    {
        using var client = _factory.CreateClient();
        var html = await client.GetStringAsync(new Uri("/citizen?lang=nl", UriKind.Relative));
        Assert.Contains("Wat we bewaren en waarom", html, StringComparison.Ordinal);
        Assert.Contains("id=\"consent\"", html, StringComparison.Ordinal);
        Assert.Contains("data-consent-version=\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assets_CitizenScriptsAndStyle_AreServed()
    {
        using var client = _factory.CreateClient();
        foreach (var asset in new[] { "/web/js/citizen-common.js", "/web/js/citizen-register.js", "/web/js/citizen-confirm.js", "/web/js/citizen-me.js", "/web/citizen.css" })
        {
            using var response = await client.GetAsync(new Uri(asset, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, asset);
        }
    }

    [Theory]
    [InlineData("/citizen")]
    [InlineData("/citizen/confirm")]
    [InlineData("/citizen/me")]
    public async Task Page_FormPostWithoutScript_IsRefusedNot500(string path)
    {
        using var client = _factory.CreateClient();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["phone"] = new string('9', 5000), ["code"] = "x" });
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task Me_View_HasConsentHistoryAndDates()
    {
        using var client = _factory.CreateClient();
        var (token, _, _) = await _factory.RegisterAsync(client, "+32470010101");
        using var me = Authorized(token);
        var view = await me.GetFromJsonAsync<JsonElement>("/api/citizens/me");
        Assert.Equal(1, view.GetProperty("consents").GetArrayLength());
        Assert.True(view.GetProperty("consents")[0].GetProperty("accepted").GetBoolean());
        Assert.True(view.GetProperty("confirmedAt").GetDateTimeOffset() >= view.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Confirm_WrongCode_TellsAttemptsLeft()
    {
        using var client = _factory.CreateClient();
        const string phone = "+32470010201";
        var registrationId = await CitizensFactory.StartRegistrationAsync(client, phone);
        var code = await _factory.Sent.WaitForCodeAsync(phone);
        using var wrong = await client.PostAsJsonAsync("/api/citizens/confirm", new { registrationId, code = code == "000000" ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Equal(4, (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attemptsLeft").GetInt32());

        using var resent = await client.PostAsJsonAsync("/api/citizens/resend", new { registrationId });
        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        Assert.Equal(900, (await resent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expiresInSeconds").GetInt32());
    }

    [Fact]
    public async Task SignIn_RegisteredPhone_GetsCodeAndNewTokenReplacesOld()
    {
        using var client = _factory.CreateClient();
        const string phone = "+32470010301";
        var (oldToken, subscriberId, _) = await _factory.RegisterAsync(client, phone);

        using (var requested = await client.PostAsJsonAsync("/api/citizens/sign-in", new { contact = "0470 01 03 01" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
            Assert.Equal("sms", (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codeSentBy").GetString());
        }

        var code = await _factory.Sent.WaitForCodeAsync(phone, skip: 1);
        using var confirmed = await client.PostAsJsonAsync("/api/citizens/sign-in/confirm", new { contact = phone, code });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var body = await confirmed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(subscriberId, body.GetProperty("subscriberId").GetInt64());
        var newToken = body.GetProperty("token").GetString()!;
        Assert.NotEqual(oldToken, newToken);

        using var withNew = Authorized(newToken);
        using (var ok = await withNew.GetAsync(new Uri("/api/citizens/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var withOld = Authorized(oldToken);
        using (var refused = await withOld.GetAsync(new Uri("/api/citizens/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // The code is used up.
        using var again = await client.PostAsJsonAsync("/api/citizens/sign-in/confirm", new { contact = phone, code });
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
    }

    [Fact]
    public async Task SignIn_UnknownContact_AnswersTheSameAndSendsNothing()
    {
        using var client = _factory.CreateClient();
        using var requested = await client.PostAsJsonAsync("/api/citizens/sign-in", new { contact = "nobody@example.be" });
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        Assert.Equal("email", (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codeSentBy").GetString());
        Assert.Equal(0, _factory.Sent.CountTo("nobody@example.be"));

        using var confirm = await client.PostAsJsonAsync("/api/citizens/sign-in/confirm", new { contact = "nobody@example.be", code = "123456" });
        Assert.Equal((HttpStatusCode)422, confirm.StatusCode);
    }

    [Fact]
    public async Task SignIn_UnverifiedEmail_SendsNothing()
    {
        using var client = _factory.CreateClient();
        await _factory.RegisterAsync(client, "+32470010401", "later@example.be");
        await _factory.Sent.WaitForCodeAsync("later@example.be"); // the e-mail's own verification code arrives asynchronously
        var before = _factory.Sent.CountTo("later@example.be");
        using var requested = await client.PostAsJsonAsync("/api/citizens/sign-in", new { contact = "later@example.be" });
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        Assert.Equal(before, _factory.Sent.CountTo("later@example.be"));
    }

    [Theory]
    [InlineData("{\"contact\":\"12345\"}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"contact\":\"\"}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("not json", HttpStatusCode.BadRequest)]
    public async Task SignIn_BadBody_IsSpecific4xx(string json, HttpStatusCode expected)
    {
        using var client = _factory.CreateClient();
        foreach (var path in new[] { "/api/citizens/sign-in", "/api/citizens/sign-in/confirm" })
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
            Assert.Equal(expected, response.StatusCode);
        }
    }

    [Fact]
    public async Task SignIn_WrongContentTypeOrOversized_IsRefused()
    {
        using var client = _factory.CreateClient();
        using (var text = new StringContent("{\"contact\":\"+32470010501\"}", Encoding.UTF8, "text/plain"))
        using (var response = await client.PostAsync(new Uri("/api/citizens/sign-in", UriKind.Relative), text))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        }

        using var big = new StringContent("{\"contact\":\"" + new string('a', 2_000_000) + "\"}", Encoding.UTF8, "application/json");
        using var tooLarge = await client.PostAsync(new Uri("/api/citizens/sign-in", UriKind.Relative), big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
    }

    private HttpClient Authorized(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
