using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Tests.Platform;

/// <summary>A database that is briefly gone is nobody's fault: clients are told when to come back instead of getting an error.</summary>
public sealed class DatabaseOutageSpec
{
    private sealed class OnCluster(PostgresCluster cluster) : UhrwerkFactory
    {
        public override DatabaseProvider Provider => DatabaseProvider.Postgres;

        protected override string ConnectionString => cluster.ConnectionString;
    }

    [Fact]
    public async Task While_postgresql_is_down_requests_answer_503_with_retry_after_and_succeed_again_once_it_is_back()
    {
        PostgresCluster.SkipUnlessPossible();
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var factory = new OnCluster(cluster);
        using var buyer = await Bearer.SignInAsync(factory.CreateClient(), DemoLogins.Email(DemoLogins.Companies[0], PredefinedRole.Buyer));
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync("/api/v1/me")).StatusCode);

        await cluster.StopAsync();
        var during = await buyer.GetAsync("/api/v1/me");

        Assert.True(during.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)during.StatusCode}: {await during.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
        Assert.True(during.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without a Retry-After in seconds");
        Assert.Equal(503, (await during.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());

        await cluster.StartAsync();
        var until = DateTime.UtcNow.AddSeconds(30);
        HttpResponseMessage after;
        while ((after = await buyer.GetAsync("/api/v1/me")).StatusCode != HttpStatusCode.OK)
        {
            // Pooled connections from before the outage fail once each; they must fail as 503 too, never as 500.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
            Assert.True(DateTime.UtcNow < until, "The server did not recover within 30 seconds after PostgreSQL was back.");
            await Task.Delay(100);
        }
    }
}
