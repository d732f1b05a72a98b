using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Notifications;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Tests.Notifications;

/// <summary>
/// An event whose handling meets a database error (here: a lock it may not wait for) is not at fault:
/// it waits without using up its attempts, shows its error in the back office, and is handled once the database answers.
/// </summary>
public sealed class WaitingEventsSpec(WaitingEventsSpec.WithLockTimeout factory) : IntegrationTest(factory), IClassFixture<WaitingEventsSpec.WithLockTimeout>
{
    /// <summary>Every statement of the server gives up after a short wait for a lock, as behind a long migration or in a deadlock.</summary>
    public sealed class WithLockTimeout : PostgresFactory
    {
        protected override string ConnectionString => base.ConnectionString + ";Options=-c lock_timeout=200";

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Notifications:Dispatcher:Enabled"] = "true",
            ["Notifications:Dispatcher:PollInterval"] = "00:00:00.100",
            ["Outbox:Enabled"] = "true",
            ["Outbox:PollInterval"] = "00:00:00.100",
        };

        public string WithoutTimeout => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = Database }.ConnectionString;
    }

    [Fact]
    public async Task An_event_meeting_a_database_error_waits_visibly_in_the_back_office_without_using_up_its_attempts()
    {
        var service = await SignInAsync("service@uhrwerk.example");
        var servicePortal = await SignInWithCookieAsync("service@uhrwerk.example");
        var buyerId = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();

        Guid eventId;
        await using (var blocker = new NpgsqlConnection(((WithLockTimeout)Factory).WithoutTimeout))
        {
            await blocker.OpenAsync();
            await using var hold = await blocker.BeginTransactionAsync();
            await new NpgsqlCommand("LOCK TABLE notifications_preferences IN ACCESS EXCLUSIVE MODE", blocker, hold).ExecuteNonQueryAsync();
            db.Publish(new UsersToNotify("order.placed", [buyerId], new Dictionary<string, string> { ["order_number"] = "UW-2026-000001" }), null);
            await db.SaveChangesAsync();
            eventId = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity.Id;

            var waiting = await WaitForAsync(service, eventId, e => e is { } found && found.GetProperty("lastError").GetString() is { Length: > 0 }, "The event never showed its database error.");
            var page = await servicePortal.GetStringAsync("/backoffice/notifications");

            Assert.Equal(0, waiting!.Value.GetProperty("attempts").GetInt32());
            Assert.False(waiting.Value.GetProperty("givenUp").GetBoolean());
            Assert.Contains($"data-event=\"{eventId}\"", page, StringComparison.Ordinal);
        }

        await WaitForAsync(service, eventId, e => e is null, "The event was not handled once the database answered again.");
        db.ChangeTracker.Clear();
        var handled = await db.EventHandlings.SingleAsync(h => h.MessageId == eventId && h.Handler == NotificationsModule.Handler);
        Assert.Equal(EventHandlingStatus.Handled, handled.Status);
        Assert.Equal(1, handled.Attempts);
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
            var found = items.Where(e => e.GetProperty("id").GetGuid() == eventId).Select(e => (JsonElement?)e).FirstOrDefault();
            if (done(found))
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < until, failure);
            await Task.Delay(100);
        }
    }
}
