using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BeAlert.Gateway.Tests.Security;

/// <summary>Small helpers for the admin API tests: JSON bodies and the ValidationProblem's field names.</summary>
internal static class AdminApi
{
    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a 400 ValidationProblem and returns its field names.</summary>
    public static async Task<IReadOnlyList<string>> ValidationFieldsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        return [.. json.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }

    public static async Task<JsonElement> CreateKeyAsync(HttpClient admin, object body)
    {
        using var response = await admin.PostAsync("/api/admin/keys", Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<HttpStatusCode> StatusWithKeyAsync(HttpClient anonymous, string key, string path = "/api/me")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using var response = await anonymous.SendAsync(request);
        return response.StatusCode;
    }

    public static Task<T?> GetAsync<T>(HttpClient client, string path) => client.GetFromJsonAsync<T>(path);
}
