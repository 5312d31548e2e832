using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BeAlert.Gateway.Citizens;
using BeAlert.Gateway.Demo;
using BeAlert.Gateway.Population;
using BeAlert.Gateway.Security;

namespace BeAlert.Gateway.Tests.Citizens;

public sealed class GroupTests : IDisposable
{
    private readonly CitizensFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Groups_CrudWithContacts_AndAudienceSourcesGiveDispatchGroups()
    {
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        var synthetic = _factory.Service<PopulationService>().Read(d => d.EnumerateSubscribers().First().Id);
        using var created = await gent.PostAsJsonAsync("/api/groups", new
        {
            name = "Vrijwilligers",
            subscriberIds = new[] { synthetic },
            contacts = new[] { new { name = "An", phone = "0470 12 34 56", email = (string?)null, language = "nl" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var group = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = group.GetProperty("id").GetInt64();
        var contactSubscriber = group.GetProperty("contacts")[0].GetProperty("subscriberId").GetInt64();
        Assert.Equal("+32470123456", group.GetProperty("contacts")[0].GetProperty("phone").GetString());
        Assert.True(_factory.Service<PopulationService>().Read(d => d.Contains(contactSubscriber)));

        var sources = _factory.Service<IAudienceSources>();
        var dispatchGroup = await sources.FindGroupAsync(DemoSeeder.GentId, id);
        Assert.NotNull(dispatchGroup);
        Assert.Equal(new[] { synthetic, contactSubscriber }.Order(), dispatchGroup.MemberIds);
        Assert.Null(await sources.FindGroupAsync(DemoSeeder.ProvinceId, id));

        var list = await gent.GetFromJsonAsync<JsonElement>("/api/groups");
        Assert.Equal(id, list[0].GetProperty("id").GetInt64());

        using (var replaced = await gent.PutAsJsonAsync($"/api/groups/{id}", new { name = "Vrijwilligers 2", subscriberIds = new[] { synthetic } }))
        {
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        }

        Assert.False(_factory.Service<PopulationService>().Read(d => d.Contains(contactSubscriber)));

        // Another authority sees nothing of it.
        using var antwerp = _factory.CreateClient(DemoKeyNames.Province);
        foreach (var response in new[]
        {
            await antwerp.GetAsync($"/api/groups/{id}"),
            await antwerp.PutAsJsonAsync($"/api/groups/{id}", new { name = "x", subscriberIds = Array.Empty<long>() }),
            await antwerp.DeleteAsync($"/api/groups/{id}"),
        })
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
        }

        using (var deleted = await gent.DeleteAsync($"/api/groups/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var again = await gent.GetAsync($"/api/groups/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task AreaGroup_ValidAreaIsAGroupOfArea_InvalidAreaIs422()
    {
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        using var created = await gent.PostAsJsonAsync("/api/groups", new { name = "Centrum", area = new { circle = "51.0543,3.7174 1.5" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var group = await _factory.Service<IAudienceSources>().FindGroupAsync(DemoSeeder.GentId, id);
        Assert.True(group!.IsArea);
        Assert.True(group.Area!.Contains(new NetTopologySuite.Geometries.Point(3.7174, 51.0543)));

        using var bad = await gent.PostAsJsonAsync("/api/groups", new { name = "Kapot", area = new { polygon = "51.0,3.7 51.1,3.8" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        using var both = await gent.PostAsJsonAsync("/api/groups", new { name = "Beide", subscriberIds = new[] { 1L }, area = new { circle = "51.0543,3.7174 1" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, both.StatusCode);
        using var unknownMember = await gent.PostAsJsonAsync("/api/groups", new { name = "Niemand", subscriberIds = new[] { 999_999_999_999L } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownMember.StatusCode);
    }

    [Fact]
    public async Task Import_BadRows_AreReportedPerRowAndNothingIsImported_GoodFileIsAdded()
    {
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        using var created = await gent.PostAsJsonAsync("/api/groups", new { name = "Ouders", subscriberIds = Array.Empty<long>() });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        const string bad = "naam;gsm;email;taal\nAn;0470123456;;nl\nBram;12;;nl\nCleo;;geen-adres;fr\n";
        using (var content = new StringContent(bad, Encoding.UTF8, "text/csv"))
        using (var response = await gent.PostAsync($"/api/groups/{id}/import", content))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var report = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("report");
            var rows = report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("row").GetInt32()).ToList();
            Assert.Contains(2, rows);
            Assert.Contains(3, rows);
            Assert.DoesNotContain(1, rows);
        }

        var group = await gent.GetFromJsonAsync<JsonElement>($"/api/groups/{id}");
        Assert.Empty(group.GetProperty("contacts").EnumerateArray());

        const string good = "name,phone,email,language\nAn,0470123456,,nl\nBram,,bram@example.be,fr\n";
        using (var content = new StringContent(good, Encoding.UTF8, "text/csv"))
        using (var response = await gent.PostAsync($"/api/groups/{id}/import", content))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());
        }

        group = await gent.GetFromJsonAsync<JsonElement>($"/api/groups/{id}");
        Assert.Equal(2, group.GetProperty("contacts").GetArrayLength());

        using (var json = new StringContent("{}", Encoding.UTF8, "application/json"))
        using (var response = await gent.PostAsync($"/api/groups/{id}/import", json))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        }

        using var antwerp = _factory.CreateClient(DemoKeyNames.Province);
        using (var content = new StringContent(good, Encoding.UTF8, "text/csv"))
        using (var response = await antwerp.PostAsync($"/api/groups/{id}/import", content))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task ContactLists_ImportFindDelete_OwnAuthorityOnly_SizeLimit413()
    {
        _factory.Settings["BeAlert:Limits:MaxCsvBytes"] = "1024";
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        using (var content = new StringContent("name,phone\nAn,0470123456\nBram,0470123457\n", Encoding.UTF8, "text/csv"))
        using (var response = await gent.PostAsync("/api/lists?name=Crisiscel", content))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            var list = await _factory.Service<IAudienceSources>().FindListAsync(DemoSeeder.GentId, id);
            Assert.Equal(2, list!.Contacts.Count);
            Assert.Null(await _factory.Service<IAudienceSources>().FindListAsync(DemoSeeder.ProvinceId, id));
            using var antwerp = _factory.CreateClient(DemoKeyNames.Province);
            using var other = await antwerp.DeleteAsync($"/api/lists/{id}");
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            using var deleted = await gent.DeleteAsync($"/api/lists/{id}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var big = new StringContent("name,phone\n" + string.Concat(Enumerable.Repeat("An,0470123456\n", 100)), Encoding.UTF8, "text/csv");
        using var tooLarge = await gent.PostAsync("/api/lists?name=Groot", big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);

        using var vendor = _factory.CreateClient(DemoKeyNames.Vendor);
        using var forbidden = await vendor.GetAsync("/api/lists");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
