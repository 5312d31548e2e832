using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace BeAlert.Gateway.Tests.Web.Citizen;

/// <summary>Citizen self-service in a real browser: register, confirm, addresses, languages, export, delete.</summary>
[Collection(BrowserTests.Name)]
[Trait("Category", "Browser")]
public sealed class CitizenBrowserTests(BrowserFixture browser) : IDisposable
{
    private const string TokenScript = "() => sessionStorage.getItem('bealert.citizen.token')";

    private readonly CitizenWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Citizen_RegisterConfirmAddressesLanguagesExportDelete_InDutch()
    {
        await using var browserPage = await browser.OpenAsync(_factory.BaseUrl, acceptLanguage: "nl-BE");
        var page = browserPage.Page;
        await page.GotoAsync("/citizen");
        Assert.Equal("nl", await page.Locator("html").GetAttributeAsync("lang"));
        await MapReadyAsync(page);

        const string phone = "+32470001122";
        await page.GetByLabel("Gsm-nummer 1").FillAsync("0470 00 11 22");
        await ClickMapAtAsync(page, 51.0543, 3.7174); // Korenmarkt, Gent
        await Assertions.Expect(page.GetByTestId("address-list")).ToContainTextAsync("Gent (punt 51.0543, 3.7174)");
        await page.GetByLabel("Gemeente", new() { Exact = true }).FillAsync("Leuven");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toevoegen", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("address-list").Locator("li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("address-list")).ToContainTextAsync("Leuven (gemeente)");
        Assert.True(await page.GetByLabel("Nederlands").IsCheckedAsync()); // the page's language is preselected
        await page.GetByLabel("Engels").CheckAsync();
        await page.GetByLabel("Ik ga ermee akkoord").CheckAsync();
        await browserPage.ScreenshotAsync("citizen-register");

        await page.GetByRole(AriaRole.Button, new() { Name = "Registreren en mij een code sturen" }).ClickAsync();
        await page.WaitForURLAsync("**/citizen/confirm");
        await Assertions.Expect(page.GetByTestId("confirm-sent")).ToContainTextAsync("per sms naar 0470 00 11 22");
        await Assertions.Expect(page.GetByTestId("confirm-expiry")).ToContainTextAsync("15 minuten");
        await Assertions.Expect(page.GetByTestId("confirm-attempts")).ToHaveTextAsync("Resterende pogingen: 5.");
        var code = await _factory.Sent.WaitForCodeAsync(phone);
        await browserPage.ScreenshotAsync("citizen-confirm");
        await page.GetByLabel("Code van zes cijfers").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Bevestigen" }).ClickAsync();
        await page.WaitForURLAsync("**/citizen/me");
        await Assertions.Expect(page.GetByTestId("me-profile")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("address-list").Locator("li")).ToHaveCountAsync(2);
        var token = await page.EvaluateAsync<string>(TokenScript);
        Assert.StartsWith("cit_", token, StringComparison.Ordinal);

        // A third address by typing on the citizen's page (the French name works on the Dutch page too), saved at once.
        await MapReadyAsync(page);
        await page.GetByLabel("Gemeente", new() { Exact = true }).FillAsync("Liège");
        await page.GetByLabel("Gemeente", new() { Exact = true }).PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("addresses-status")).ToHaveTextAsync("Adres toegevoegd in Luik.");
        await Assertions.Expect(page.GetByTestId("stored")).ToContainTextAsync("Luik (gemeente)");

        // Languages: French instead of English.
        await page.GetByLabel("Engels").UncheckAsync();
        await page.GetByLabel("Frans").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("prefs-status")).ToHaveTextAsync("Opgeslagen.");
        await Assertions.Expect(page.GetByTestId("consents").Locator("tbody tr")).ToHaveCountAsync(1);
        await browserPage.ScreenshotAsync("citizen-profile");

        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var stored = await client.GetFromJsonAsync<JsonElement>("/api/citizens/me");
        Assert.Equal(["nl", "fr"], stored.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal([44021, 24062, 62063], stored.GetProperty("addresses").EnumerateArray().Select(a => a.GetProperty("nis").GetInt32()));
        Assert.Equal("point", stored.GetProperty("addresses")[0].GetProperty("locatedBy").GetString());

        // Export: the browser downloads the JSON file.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Mijn gegevens downloaden (JSON)" }).ClickAsync());
        Assert.Equal("bealert-my-data.json", download.SuggestedFilename);
        using (var exported = JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!)))
        {
            Assert.Equal(3, exported.RootElement.GetProperty("registration").GetProperty("addresses").GetArrayLength());
            Assert.True(exported.RootElement.GetProperty("consents")[0].GetProperty("accepted").GetBoolean());
        }

        await Assertions.Expect(page.GetByTestId("export-status")).ToContainTextAsync("bealert-my-data.json");

        // Delete: a confirmation, then the page says it is gone and the token is dropped; the API refuses it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Mijn inschrijving verwijderen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("delete-confirm")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, alles verwijderen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("me-deleted")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("me-deleted")).ToContainTextAsync("Uw inschrijving is verwijderd");
        Assert.Null(await page.EvaluateAsync<string?>(TokenScript));
        await browserPage.ScreenshotAsync("citizen-deleted");
        using (var refused = await client.GetAsync(new Uri("/api/citizens/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("me-none")).ToBeVisibleAsync();
        Assert.Empty(browserPage.Errors);
    }

    [Fact]
    public async Task Citizen_RegisterOnPhoneSizedScreen_FitsAndWorks()
    {
        await using var browserPage = await browser.OpenAsync(_factory.BaseUrl, phone: true, acceptLanguage: "fr-BE");
        var page = browserPage.Page;
        await page.GotoAsync("/citizen");
        await MapReadyAsync(page);
        await page.GetByLabel("Adresse e-mail 1").FillAsync("marie.dupont@example.be");
        await page.GetByLabel("Numéro de GSM 1").FillAsync("");
        await page.GetByLabel("Commune", new() { Exact = true }).FillAsync("Namur");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("address-list")).ToContainTextAsync("Namur (commune)");
        await page.GetByLabel("J'accepte").CheckAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await browserPage.ScreenshotAsync("citizen-register-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "M'inscrire et m'envoyer un code" }).ClickAsync();
        await page.WaitForURLAsync("**/citizen/confirm");
        await Assertions.Expect(page.GetByTestId("confirm-sent")).ToContainTextAsync("par e-mail à marie.dupont@example.be");
        var code = await _factory.Sent.WaitForCodeAsync("marie.dupont@example.be");
        await page.GetByLabel("Code à six chiffres").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer" }).ClickAsync();
        await page.WaitForURLAsync("**/citizen/me");
        await Assertions.Expect(page.GetByTestId("stored")).ToContainTextAsync("Namur (commune)");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await browserPage.ScreenshotAsync("citizen-profile-phone");

        // Sign out: the token is gone and the page says to register or sign in with a code.
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.WaitForURLAsync("**/citizen");
        Assert.Null(await page.EvaluateAsync<string?>(TokenScript));
        await page.GotoAsync("/citizen/me");
        await Assertions.Expect(page.GetByTestId("me-none")).ToContainTextAsync("connectez-vous avec un code");
        Assert.Empty(browserPage.Errors);
    }

    [Fact]
    public async Task Citizen_GermanPage_NamesMunicipalitiesInGerman_AndAcceptsEveryLanguagesName()
    {
        await using var browserPage = await browser.OpenAsync(_factory.BaseUrl, acceptLanguage: "de-BE");
        var page = browserPage.Page;
        await page.GotoAsync("/citizen");
        Assert.Equal("de", await page.Locator("html").GetAttributeAsync("lang"));
        await MapReadyAsync(page);

        // The French name typed on the German page: the list says the German one (Kelmis, not La Calamine).
        await page.GetByLabel("Gemeinde", new() { Exact = true }).FillAsync("La Calamine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Hinzufügen", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("address-list")).ToContainTextAsync("Kelmis (Gemeinde)");

        // The German exonym typed: found, and shown as such.
        await page.GetByLabel("Gemeinde", new() { Exact = true }).FillAsync("Lüttich");
        await page.GetByRole(AriaRole.Button, new() { Name = "Hinzufügen", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("address-list").Locator("li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("address-list")).ToContainTextAsync("Lüttich (Gemeinde)");
        await Assertions.Expect(page.GetByTestId("address-list")).Not.ToContainTextAsync("Calamine");
        Assert.Empty(browserPage.Errors);
    }

    [Fact]
    public async Task Citizen_BadInput_ShowsSpecificMessages()
    {
        await using var browserPage = await browser.OpenAsync(_factory.BaseUrl, acceptLanguage: "en");
        var page = browserPage.Page;
        await page.GotoAsync("/citizen");
        await MapReadyAsync(page);

        // Nothing filled in: named before any request.
        await page.GetByRole(AriaRole.Button, new() { Name = "Register and send me a code" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("contacts-error")).ToHaveTextAsync("Give at least one phone number or e-mail address (at most five of each).");
        await Assertions.Expect(page.Locator("#consent-error")).ToContainTextAsync("tick that you agree");

        // A municipality that does not exist.
        await page.GetByLabel("Municipality", new() { Exact = true }).FillAsync("Atlantis");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("addresses-status")).ToHaveTextAsync("No Belgian municipality is called \"Atlantis\". Choose a name from the list.");

        // An invalid phone number: the server's check, shown next to the field in the page's language.
        await page.GetByLabel("Mobile phone number 1").FillAsync("12345");
        await page.GetByLabel("I agree").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register and send me a code" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("contacts-error")).ToContainTextAsync("Phone number 1 is not a valid number");
        await Assertions.Expect(page.GetByTestId("register-status")).ToHaveTextAsync("Please correct the fields marked in red.");

        // Fixed; then a wrong code, then a malformed one.
        await page.GetByLabel("Mobile phone number 1").FillAsync("+32 470 00 33 44");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register and send me a code" }).ClickAsync();
        await page.WaitForURLAsync("**/citizen/confirm");
        var code = await _factory.Sent.WaitForCodeAsync("+32470003344");
        var wrong = code == "000000" ? "111111" : "000000";
        await page.GetByLabel("Six-digit code").FillAsync(wrong);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-status")).ToHaveTextAsync("That code is not right. Attempts left: 4.");
        await Assertions.Expect(page.GetByTestId("confirm-attempts")).ToHaveTextAsync("Attempts left: 4.");
        await page.GetByLabel("Six-digit code").FillAsync("12ab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-status")).ToHaveTextAsync("Enter the six digits of the code.");

        // A new code: the attempts start again and the new code works.
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a new code" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-status")).ToContainTextAsync("A new code is on its way");
        await Assertions.Expect(page.GetByTestId("confirm-attempts")).ToHaveTextAsync("Attempts left: 5.");
        var second = await _factory.Sent.WaitForCodeAsync("+32470003344", skip: 1);
        await page.GetByLabel("Six-digit code").FillAsync(second);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await page.WaitForURLAsync("**/citizen/me");
        await Assertions.Expect(page.GetByTestId("me-profile")).ToBeVisibleAsync();

        // Every console error was one of the refused requests above (Chromium logs a 422 as a failed resource).
        Assert.All(browserPage.Errors, e => Assert.Contains("422", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Citizen_SignInWithCode_AfterTheBrowserForgotTheToken()
    {
        using var client = _factory.CreateClient();
        const string phone = "+32470005566";
        using (var registered = await client.PostAsJsonAsync("/api/citizens", Citizens.CitizensFactory.Registration(phone)))
        {
            Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
            var registrationId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("registrationId").GetString();
            var first = await _factory.Sent.WaitForCodeAsync(phone);
            using var confirmed = await client.PostAsJsonAsync("/api/citizens/confirm", new { registrationId, code = first });
            Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
        }

        await using var browserPage = await browser.OpenAsync(_factory.BaseUrl, acceptLanguage: "de-DE");
        var page = browserPage.Page;
        await page.GotoAsync("/citizen/me");
        await Assertions.Expect(page.GetByTestId("me-none")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Mit einem Code anmelden" }).ClickAsync();
        await page.GetByLabel("Telefonnummer oder E-Mail-Adresse").FillAsync("0470 00 55 66");
        await page.GetByRole(AriaRole.Button, new() { Name = "Code senden", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/citizen/confirm");
        var code = await _factory.Sent.WaitForCodeAsync(phone, skip: 1);
        await page.GetByLabel("Sechsstelliger Code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Bestätigen" }).ClickAsync();
        await page.WaitForURLAsync("**/citizen/me");
        await Assertions.Expect(page.GetByTestId("stored")).ToContainTextAsync("+32470005566");
        Assert.Empty(browserPage.Errors);
    }

    /// <summary>Waits for the base map (the first build of the municipalities file can be slow on a busy machine).</summary>
    private static Task MapReadyAsync(IPage page) =>
        Assertions.Expect(page.Locator("#citizen-map path.muni")).ToHaveCountAsync(581, new() { Timeout = 60_000 });

    /// <summary>Clicks the map at a WGS 84 point (through the SVG's own screen transform, as a person's click lands).</summary>
    private static async Task ClickMapAtAsync(IPage page, double lat, double lon)
    {
        await page.Locator("#citizen-map svg").ScrollIntoViewIfNeededAsync();
        var point = await page.EvaluateAsync<double[]>(
            """
            ([lat, lon]) => {
              const svg = document.querySelector('#citizen-map svg');
              const p = svg.createSVGPoint();
              p.x = (lon - 2.5) * Math.cos(50.5 * Math.PI / 180) * 100;
              p.y = (51.55 - lat) * 100;
              const s = p.matrixTransform(svg.getScreenCTM());
              return [s.x, s.y];
            }
            """,
            new[] { lat, lon });
        await page.Mouse.ClickAsync((float)point[0], (float)point[1]);
    }
}
