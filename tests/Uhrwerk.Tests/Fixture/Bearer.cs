using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Uhrwerk.Server.Modules.Accounts.DemoData;

namespace Uhrwerk.Tests;

/// <summary>Signs a client in through the token endpoint, for tests that talk to a server without <see cref="IntegrationTest"/>.</summary>
public static class Bearer
{
    public static async Task<HttpClient> SignInAsync(HttpClient client, string email, string password = DemoLogins.Password)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
