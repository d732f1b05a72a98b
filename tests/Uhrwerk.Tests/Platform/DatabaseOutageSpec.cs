using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Notifications;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Tests.Platform;

/// <summary>A database that is briefly gone or busy is nobody's fault: clients are told to come back, events wait without being given up.</summary>
public sealed class DatabaseOutageSpec
{
    private sealed class OnCluster(PostgresCluster cluster) : UhrwerkFactory
    {
        public override DatabaseProvider Provider => DatabaseProvider.Postgres;

        protected override string ConnectionString => cluster.ConnectionString;
    }

    /// <summary>Every statement of the server gives up after a short wait for a lock, as under a long-running migration or a deadlock.</summary>
    private sealed class WithLockTimeout : PostgresFactory
    {
        protected override string ConnectionString => base.ConnectionString + ";Options=-c lock_timeout=200";

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Notifications:Dispatcher:Enabled"] = "true",
            ["Notifications:Dispatcher:PollInterval"] = "00:00:00.100",
        };

        public string Unrestricted => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = Database }.ConnectionString;
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

    [Fact]
    public async Task An_event_meeting_a_database_error_waits_visibly_in_the_back_office_without_using_up_its_attempts()
    {
        PostgresFactory.SkipUnlessAvailable();
        await using var factory = new WithLockTimeout();
        using var service = await Bearer.SignInAsync(factory.CreateClient(), "service@uhrwerk.example");
        var buyerEmail = DemoLogins.Email(DemoLogins.Companies[0], PredefinedRole.Buyer);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
        var buyerId = await db.Users.Where(u => u.Email == buyerEmail).Select(u => u.Id).SingleAsync();

        Guid eventId;
        await using (var blocker = new NpgsqlConnection(factory.Unrestricted))
        {
            await blocker.OpenAsync();
            await using var hold = await blocker.BeginTransactionAsync();
            await new NpgsqlCommand("LOCK TABLE notifications_preferences IN ACCESS EXCLUSIVE MODE", blocker, hold).ExecuteNonQueryAsync();
            db.Publish(new UsersToNotify("order.placed", [buyerId], new Dictionary<string, string> { ["order_number"] = "UW-2026-000001" }), null);
            await db.SaveChangesAsync();
            eventId = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity.Id;

            var waiting = await WaitForAsync(service, eventId, e => e is { } found && found.GetProperty("lastError").GetString() is { Length: > 0 }, "The event never showed its database error.");

            Assert.Equal(0, waiting!.Value.GetProperty("attempts").GetInt32());
            Assert.False(waiting.Value.GetProperty("givenUp").GetBoolean());
        }

        await WaitForAsync(service, eventId, e => e is null, "The event was not handled once the database answered again.");
        db.ChangeTracker.Clear();
        var handled = await db.Outbox.SingleAsync(m => m.Id == eventId);
        Assert.NotNull(handled.ProcessedAt);
        Assert.Equal(0, handled.Attempts);
        Assert.True(await db.Deliveries.AnyAsync(d => d.SourceMessageId == eventId), "The event was marked handled without its notification.");
    }

    /// <summary>Polls the back office's list of waiting events until the event (or its absence) satisfies <paramref name="done"/>.</summary>
    private static async Task<JsonElement?> WaitForAsync(HttpClient service, Guid eventId, Func<JsonElement?, bool> done, string failure)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await service.GetAsync("/api/v1/backoffice/notifications/events?pageSize=100");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray();
            JsonElement? found = items.Where(e => e.GetProperty("id").GetGuid() == eventId).Select(e => (JsonElement?)e).FirstOrDefault();
            if (done(found))
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < until, failure);
            await Task.Delay(100);
        }
    }
}
