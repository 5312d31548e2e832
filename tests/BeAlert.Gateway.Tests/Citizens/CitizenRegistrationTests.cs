using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BeAlert.Cap;
using BeAlert.Dispatch;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Population;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Storage;
using Dapper;

namespace BeAlert.Gateway.Tests.Citizens;

public sealed class CitizenRegistrationTests : IDisposable
{
    private readonly CitizensFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Citizen_RegisterConfirmViewExportChangeErase_IsGoneEverywhere()
    {
        using var client = _factory.CreateClient();
        const string phone = "+32470000101";
        var (token, subscriberId, _) = await _factory.RegisterAsync(client, phone, "Jan.Peeters@Example.be");
        var population = _factory.Service<PopulationService>();
        var before = population.Directory.Count;
        Assert.True(population.Read(d => d.Contains(subscriberId)));
        var subscriber = population.Read(d => d.Find(subscriberId))!;
        Assert.Equal([PhoneNumber.Parse(phone)], subscriber.Phones);
        Assert.Empty(subscriber.Emails); // not yet verified
        Assert.Equal([44021, 44021], subscriber.Addresses.Select(a => a.MunicipalityNis));

        using var me = Authorized(client, token);
        var view = await me.GetFromJsonAsync<JsonElement>("/api/citizens/me");
        Assert.Equal("active", view.GetProperty("status").GetString());
        Assert.True(view.GetProperty("phones")[0].GetProperty("verified").GetBoolean());
        Assert.False(view.GetProperty("emails")[0].GetProperty("verified").GetBoolean());

        // The e-mail address got its own code at confirmation; confirming it puts it to use.
        var emailCode = await _factory.Sent.WaitForCodeAsync("jan.peeters@example.be");
        var emailId = view.GetProperty("emails")[0].GetProperty("id").GetInt64();
        using (var confirmed = await me.PostAsJsonAsync($"/api/citizens/me/contacts/{emailId}/confirm", new { code = emailCode }))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        Assert.Single(population.Read(d => d.Find(subscriberId))!.Emails);

        // An operator puts the citizen in a group; the export shows it, with the consent history.
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        using var created = await gent.PostAsJsonAsync("/api/groups", new { name = "Buurt Korenmarkt", subscriberIds = new[] { subscriberId } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var groupId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var export = await me.GetFromJsonAsync<JsonElement>("/api/citizens/me/export");
        Assert.Equal(groupId, export.GetProperty("groups")[0].GetProperty("groupId").GetInt64());
        Assert.Equal("2026-01", export.GetProperty("consents")[0].GetProperty("version").GetString());

        // A change: a new phone number is not used until confirmed.
        const string newPhone = "+32470000102";
        var change = new
        {
            phones = new[] { phone, newPhone },
            emails = new[] { "jan.peeters@example.be" },
            addresses = new object[] { new { nis = 44021 } },
            languages = new[] { "fr" },
            channels = new[] { "Sms" },
        };
        using (var changed = await me.PutAsJsonAsync("/api/citizens/me", change))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        var afterChange = population.Read(d => d.Find(subscriberId))!;
        Assert.Equal([PhoneNumber.Parse(phone)], afterChange.Phones);
        Assert.Equal(["fr"], afterChange.Languages);
        var newCode = await _factory.Sent.WaitForCodeAsync(newPhone);
        view = await me.GetFromJsonAsync<JsonElement>("/api/citizens/me");
        var newPhoneId = view.GetProperty("phones").EnumerateArray().Single(p => p.GetProperty("number").GetString() == newPhone).GetProperty("id").GetInt64();
        using (var confirmed = await me.PostAsJsonAsync($"/api/citizens/me/contacts/{newPhoneId}/confirm", new { code = newCode }))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        Assert.Equal(2, population.Read(d => d.Find(subscriberId))!.Phones.Count);

        // Erasure: gone from the directory, the group, the database; the token no longer works.
        using (var erased = await me.DeleteAsync("/api/citizens/me"))
        {
            Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        }

        Assert.False(population.Read(d => d.Contains(subscriberId)));
        Assert.Equal(before - 1, population.Directory.Count);
        var group = await gent.GetFromJsonAsync<JsonElement>($"/api/groups/{groupId}");
        Assert.Empty(group.GetProperty("subscriberIds").EnumerateArray());
        using (var gone = await me.GetAsync("/api/citizens/me/export"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
        }

        await using var connection = await _factory.Service<GatewayDatabase>().OpenAsync();
        foreach (var table in new[] { "citizens", "citizen_contacts", "citizen_addresses", "consents", "verification_codes" })
        {
            Assert.Equal(0L, await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"));
        }
    }

    [Fact]
    public async Task Confirm_WrongCodeFiveTimes_LocksEvenTheRightCode()
    {
        using var client = _factory.CreateClient();
        const string phone = "+32470000201";
        var registrationId = await CitizensFactory.StartRegistrationAsync(client, phone);
        var code = await _factory.Sent.WaitForCodeAsync(phone);
        var wrong = code == "000000" ? "111111" : "000000";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/citizens/confirm", new { registrationId, code = wrong });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat((HttpStatusCode)422, 4), HttpStatusCode.TooManyRequests], statuses);
        using var right = await client.PostAsJsonAsync("/api/citizens/confirm", new { registrationId, code });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    [Fact]
    public async Task Confirm_ExpiredCode_IsGone()
    {
        using var client = _factory.CreateClient();
        const string phone = "+32470000301";
        var registrationId = await CitizensFactory.StartRegistrationAsync(client, phone);
        var code = await _factory.Sent.WaitForCodeAsync(phone);
        await using (var connection = await _factory.Service<GatewayDatabase>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE verification_codes SET expires_at = created_at - 1");
        }

        using var response = await client.PostAsJsonAsync("/api/citizens/confirm", new { registrationId, code });
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("15 minutes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Codes_OnlyHashesStored_AndAtMostThreePerDestinationPerWindow()
    {
        using var client = _factory.CreateClient();
        const string phone = "+32470000401";
        var registrationId = await CitizensFactory.StartRegistrationAsync(client, phone);
        var codes = new List<string> { await _factory.Sent.WaitForCodeAsync(phone) };
        for (var i = 0; i < 2; i++)
        {
            using var resent = await client.PostAsJsonAsync("/api/citizens/resend", new { registrationId });
            Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
            codes.Add(await _factory.Sent.WaitForCodeAsync(phone, skip: i + 1));
        }

        using var fourth = await client.PostAsJsonAsync("/api/citizens/resend", new { registrationId });
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal(3, _factory.Sent.CountTo(phone));

        await using var connection = await _factory.Service<GatewayDatabase>().OpenAsync();
        var stored = (await connection.QueryAsync<string>("SELECT code_hash FROM verification_codes")).ToList();
        Assert.Equal(3, stored.Count);
        Assert.DoesNotContain(stored, h => codes.Any(c => h.Contains(c, StringComparison.Ordinal)));

        // An older code was replaced by the newer one.
        using var old = await client.PostAsJsonAsync("/api/citizens/confirm", new { registrationId, code = codes[0] == codes[2] ? "999999" : codes[0] });
        Assert.NotEqual(HttpStatusCode.Created, old.StatusCode);
        using var newest = await client.PostAsJsonAsync("/api/citizens/confirm", new { registrationId, code = codes[2] });
        Assert.Equal(HttpStatusCode.Created, newest.StatusCode);
    }

    public static TheoryData<string, string> InvalidRegistrations => new()
    {
        { """{"phones":["12ab"],"languages":["nl"],"channels":["Sms"],"consent":{"version":"1","accepted":true}}""", "phones[0]" },
        { """{"emails":["not-an-address"],"languages":["nl"],"channels":["Email"],"consent":{"version":"1","accepted":true}}""", "emails[0]" },
        { """{"phones":["+32470000501"],"addresses":[{"nis":99999}],"languages":["nl"],"channels":["Sms"],"consent":{"version":"1","accepted":true}}""", "addresses[0]" },
        { """{"phones":["+32470000501"],"addresses":[{"lat":48.8566,"lon":2.3522}],"languages":["nl"],"channels":["Sms"],"consent":{"version":"1","accepted":true}}""", "addresses[0]" },
        { """{"phones":["+32470000501"],"addresses":[{"nis":44021},{"nis":44021},{"nis":44021},{"nis":44021},{"nis":44021},{"nis":44021}],"languages":["nl"],"channels":["Sms"],"consent":{"version":"1","accepted":true}}""", "addresses" },
        { """{"phones":["+32470000501","+32470000502","+32470000503","+32470000504","+32470000505","+32470000506"],"languages":["nl"],"channels":["Sms"],"consent":{"version":"1","accepted":true}}""", "phones" },
        { """{"phones":["+32470000501"],"languages":["xx"],"channels":["Sms"],"consent":{"version":"1","accepted":true}}""", "languages[0]" },
        { """{"phones":["+32470000501"],"languages":["nl"],"channels":["Pigeon"],"consent":{"version":"1","accepted":true}}""", "channels[0]" },
        { """{"phones":["+32470000501"],"languages":["nl"],"channels":["Sms"]}""", "consent" },
    };

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public async Task Register_InvalidField_Is422NamingTheField(string json, string field)
    {
        using var client = _factory.CreateClient();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/citizens", content);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        Assert.Empty(_factory.Sent.All);
    }

    [Fact]
    public async Task Register_OversizedMalformedOrWrongType_GetSpecific4xx()
    {
        _factory.Settings["BeAlert:Limits:MaxJsonBytes"] = "4096";
        using var client = _factory.CreateClient();
        using (var big = new StringContent("{\"phones\":[\"" + new string('1', 5000) + "\"]}", Encoding.UTF8, "application/json"))
        using (var response = await client.PostAsync("/api/citizens", big))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        using (var malformed = new StringContent("{\"phones\": [", Encoding.UTF8, "application/json"))
        using (var response = await client.PostAsync("/api/citizens", malformed))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using (var text = new StringContent("phones=1", Encoding.UTF8, "text/plain"))
        using (var response = await client.PostAsync("/api/citizens", text))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        }

        using (var unknown = await client.PostAsJsonAsync("/api/citizens/confirm", new { registrationId = "reg_nope", code = "123456" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using var me = Authorized(client, "cit_" + new string('A', 43));
        using (var response = await me.GetAsync("/api/citizens/me"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // An operator key is not a citizen token.
        using var operatorClient = _factory.CreateClient(DemoKeyNames.Commune);
        using (var response = await operatorClient.GetAsync("/api/citizens/me"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task Erase_DuringACampaign_ItsPlannedDeliveryDoesNotGoOut()
    {
        using var client = _factory.CreateClient();
        const string phone = "+32470000601";
        var (token, subscriberId, _) = await _factory.RegisterAsync(client, phone);
        var engine = _factory.Service<DispatchHost>().Engine;
        var campaignId = Guid.NewGuid();
        _factory.Gate.Hold[campaignId] = 0;
        var alert = CapAlertBuilder.Create("test-erasure-" + campaignId.ToString("N"), "crisis@gent.be", new CapDateTime(DateTimeOffset.FromUnixTimeSeconds(1_790_000_000)))
            .AddInfo("nl", CapCategory.Fire, "Brand", CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed, i => i.Headline("Grote brand"))
            .Build();
        AudienceMember[] audience =
        [
            new(1, DeliveryChannels.Sms, "nl", "+32470000699", null, 44021),
            new(subscriberId, DeliveryChannels.Sms, "nl", phone, null, 44021),
        ];
        var handle = await engine.StartCampaignAsync(new CampaignRequest(alert, DeliveryChannels.Sms, audience) { CampaignId = campaignId, Name = "slow" });
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (_factory.Gate.Waiting == 0)
            {
                await Task.Delay(10, timeout.Token);
            }
        }

        using var me = Authorized(client, token);
        using (var erased = await me.DeleteAsync("/api/citizens/me"))
        {
            Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        }

        _factory.Gate.Release();
        var report = await handle.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotNull(report);
        Assert.Contains(_factory.Sent.All, m => m.Key.CampaignId == campaignId && m.Destination == "+32470000699");
        Assert.DoesNotContain(_factory.Sent.All, m => m.Key.CampaignId == campaignId && m.Destination == phone);
        var states = new List<DeliveryState>();
        await foreach (var delivery in _factory.Service<DispatchHost>().Store.ReadDeliveriesAsync(campaignId, onlyUnfinished: false))
        {
            if (delivery.Planned.RecipientId == RecipientErasure.ErasedRecipientId && delivery.Planned.Destination == RecipientErasure.ErasedDestination)
            {
                states.Add(delivery.State);
            }
        }

        Assert.Single(states);
        Assert.DoesNotContain(states[0], new[] { DeliveryState.Sent, DeliveryState.Delivered });
    }

    private HttpClient Authorized(HttpClient client, string token)
    {
        _ = client;
        var copy = _factory.CreateClient();
        copy.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return copy;
    }
}

public sealed class CitizenPopulationTests : IDisposable
{
    private readonly CitizensFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Start_LoadsConfirmedCitizensAndGroupContacts_NotPendingOnes()
    {
        using var client = _factory.CreateClient();
        var (_, confirmed, _) = await _factory.RegisterAsync(client, "+32470000701");
        _ = await CitizensFactory.StartRegistrationAsync(client, "+32470000702");
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        using var created = await gent.PostAsJsonAsync("/api/groups", new { name = "Contacten", contacts = new[] { new { phone = "0470 99 88 77" } } });
        var contact = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contacts")[0].GetProperty("subscriberId").GetInt64();

        // What a restart does: an empty citizen part of the directory, then the start-up load from the database.
        var population = _factory.Service<PopulationService>();
        population.Mutate(d =>
        {
            d.Remove(confirmed);
            d.Remove(contact);
        });
        var before = population.Directory.Count;
        await _factory.Service<BeAlert.Gateway.Citizens.CitizenPopulation>().StartAsync(CancellationToken.None);

        Assert.Equal(before + 2, population.Directory.Count);
        Assert.True(population.Read(d => d.Contains(confirmed)));
        Assert.True(population.Read(d => d.Contains(contact)));
        Assert.True(confirmed > PopulationService.CitizenIdBase);
    }

    [Fact]
    public async Task Change_ConsentWithdrawn_LeavesTheDirectory_AcceptedAgain_Returns()
    {
        using var client = _factory.CreateClient();
        const string phone = "+32470000801";
        var (token, subscriberId, _) = await _factory.RegisterAsync(client, phone);
        using var me = _factory.CreateClient();
        me.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var population = _factory.Service<PopulationService>();
        object Change(bool accepted) => new { phones = new[] { phone }, languages = new[] { "nl" }, channels = new[] { "Sms" }, consent = new { version = "2026-02", accepted } };

        using (var withdrawn = await me.PutAsJsonAsync("/api/citizens/me", Change(false)))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }

        Assert.False(population.Read(d => d.Contains(subscriberId)));
        using (var accepted = await me.PutAsJsonAsync("/api/citizens/me", Change(true)))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        Assert.True(population.Read(d => d.Contains(subscriberId)));
        var export = await me.GetFromJsonAsync<JsonElement>("/api/citizens/me/export");
        Assert.Equal([true, false, true], export.GetProperty("consents").EnumerateArray().Select(c => c.GetProperty("accepted").GetBoolean()));
    }
}
