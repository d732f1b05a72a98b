using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Accounts.Events;
using Uhrwerk.Server.Modules.Notifications.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Tests.Platform;

/// <summary>
/// The real server process killed with SIGKILL in the middle of its work, on PostgreSQL, then started
/// again: a client's retry is answered at once, and nothing is done twice beyond what was in flight.
/// An in-process server on the same database creates and seeds it and reads the state; its dispatcher is off.
/// </summary>
public sealed class CrashRecoverySpec
{
    private const int SmtpConnections = 2;

    [Fact]
    public async Task A_keyed_order_cut_off_by_a_killed_server_is_placed_once_by_the_first_retry_after_the_restart()
    {
        PostgresFactory.SkipUnlessAvailable();
        await using var database = new PostgresFactory();
        var connectionString = ConnectionTo(database);
        await using var server = new ServerProcess(connectionString, new Dictionary<string, string>());
        await server.StartAsync();
        var buyer = DemoLogins.Email(DemoLogins.Companies[0], PredefinedRole.Administrator);
        var product = await InScopeAsync(database, db => db.Products.Where(p => p.IsActive && p.Sku.StartsWith("SHS-")).OrderBy(p => p.Sku).Select(p => new { p.Sku, p.PackSize }).FirstAsync());
        var (sku, packSize) = (product.Sku, product.PackSize);
        var ordersBefore = await OrdersOfAsync(database, buyer);
        var key = Guid.NewGuid().ToString();

        await using (var blocker = new NpgsqlConnection(connectionString))
        {
            // Holding the orders table lets the placement run into its transaction and wait there, so the kill lands mid-order.
            await blocker.OpenAsync();
            await using var hold = await blocker.BeginTransactionAsync();
            await new NpgsqlCommand("LOCK TABLE ordering_orders IN EXCLUSIVE MODE", blocker, hold).ExecuteNonQueryAsync();
            using var client = await Bearer.SignInAsync(server.Client(), buyer);
            var cutOff = PlaceAsync(client, key, sku, packSize);
            await WaitUntilAsync(() => BackendsWaitingForALockAsync(database.Database), "The placement never reached the orders table.");

            await server.KillAsync();

            await Assert.ThrowsAnyAsync<HttpRequestException>(() => cutOff);
        }

        await server.StartAsync();
        using var again = await Bearer.SignInAsync(server.Client(), buyer);
        var retry = await PlaceAsync(again, key, sku, packSize);
        var replay = await PlaceAsync(again, key, sku, packSize);

        Assert.True(retry.StatusCode == HttpStatusCode.Created, $"{(int)retry.StatusCode}: {await retry.Content.ReadAsStringAsync()}");
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await IdOf(retry), await IdOf(replay));
        Assert.Equal(ordersBefore + 1, await OrdersOfAsync(database, buyer));
    }

    [Fact]
    public async Task A_server_killed_in_the_middle_of_an_email_batch_repeats_at_most_the_message_in_flight_on_each_connection()
    {
        PostgresFactory.SkipUnlessAvailable();
        using var smtp = new SmtpServer(acceptDelay: TimeSpan.FromMilliseconds(150));
        await smtp.StartAsync();
        await using var database = new PostgresFactory();
        await using var server = new ServerProcess(ConnectionTo(database), new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:Connections"] = SmtpConnections.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Dispatcher:PollInterval"] = "00:00:00.200",
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Notifications:Dispatcher:Lease"] = "00:00:02",
        });
        await server.StartAsync();
        const int queued = 60;
        await InScopeAsync(database, async db =>
        {
            for (var i = 0; i < queued; i++)
            {
                db.Publish(new AccountLinkIssued(LinkPurpose.Invitation, Guid.NewGuid(), $"user{i}@crash.example", $"User {i}", "de", $"https://portal.example/set-password?n={i}"), null);
            }

            return await db.SaveChangesAsync();
        });
        await WaitUntilAsync(() => Task.FromResult(Arrived(smtp).Count >= 12), "The batch did not start.");

        await server.KillAsync();
        var beforeTheKill = Arrived(smtp).Count;
        await server.StartAsync();
        await WaitUntilAsync(() => InScopeAsync(database, db => db.Deliveries.AllAsync(d => !d.Recipient.EndsWith("@crash.example") || d.Status == DeliveryStatus.Sent)),
            "Not every message was sent after the restart.", seconds: 60);

        var arrived = Arrived(smtp);
        Assert.True(beforeTheKill < queued, "The kill came after the whole batch had arrived.");
        Assert.Equal(queued, arrived.Distinct().Count());
        Assert.InRange(arrived.Count - queued, 0, SmtpConnections);
    }

    private static List<string> Arrived(SmtpServer smtp) =>
        smtp.All().Where(m => m.To.Mailboxes.Single().Address.EndsWith("@crash.example", StringComparison.Ordinal)).Select(m => m.MessageId ?? "").ToList();

    private static string ConnectionTo(PostgresFactory database)
    {
        _ = database.Services;
        return new NpgsqlConnectionStringBuilder(PostgresFactory.ServerConnectionString) { Database = database.Database }.ConnectionString;
    }

    private static async Task<T> InScopeAsync<T>(PostgresFactory database, Func<UhrwerkDbContext, Task<T>> work)
    {
        await using var scope = database.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>());
    }

    private static Task<int> OrdersOfAsync(PostgresFactory database, string email) => InScopeAsync(database, async db =>
    {
        var buyerId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.Orders.CountAsync(o => o.BuyerId == buyerId);
    });

    private static async Task<bool> BackendsWaitingForALockAsync(string database)
    {
        // Asked on a connection of its own: pg_stat_activity is frozen for the length of a transaction.
        await using var observer = new NpgsqlConnection(PostgresFactory.ServerConnectionString);
        await observer.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @database AND wait_event_type = 'Lock'", observer);
        command.Parameters.AddWithValue("database", database);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }


    private static Task<HttpResponseMessage> PlaceAsync(HttpClient client, string key, string sku, int quantity)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(new { addressIndex = 0, lines = new[] { new { sku, quantity } } }) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static async Task<Guid> IdOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    private static async Task WaitUntilAsync(Func<Task<bool>> done, string failure, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, failure);
            await Task.Delay(100);
        }
    }
}
