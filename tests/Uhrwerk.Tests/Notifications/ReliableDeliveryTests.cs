using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.Events;
using Uhrwerk.Server.Modules.Notifications.Dispatching;
using Uhrwerk.Server.Modules.Notifications.Domain;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Outbox;
using Uhrwerk.Server.Modules.Notifications;

namespace Uhrwerk.Tests.Notifications;

/// <summary>Nothing is lost when an instance stops between commit and delivery, and several instances never send twice.</summary>
public sealed class ReliableDeliveryTests
{
    private sealed class Stopped(string folder) : SqliteFactory(folder);

    private sealed class Instance(string folder, SmtpServer smtp) : SqliteFactory(folder)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => EmailDeliverySpec.SettingsFor(smtp);
    }

    /// <summary>Small batches, so that both instances get a share of the work.</summary>
    private sealed class PostgresInstance(string? database, SmtpServer smtp) : PostgresFactory(database)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(EmailDeliverySpec.SettingsFor(smtp)) { ["Notifications:Dispatcher:BatchSize"] = "20" };
    }

    private static readonly TimeSpan Lease = new DispatcherOptions().Lease;

    private static async Task QueueAsync(UhrwerkFactory factory, int count, string domain)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
        for (var i = 0; i < count; i++)
        {
            db.Publish(new AccountLinkIssued(LinkPurpose.Invitation, Guid.NewGuid(), $"user{i}@{domain}", $"User {i}", i % 2 == 0 ? "de" : "en", $"https://portal.example/set-password?n={i}"), null);
        }

        await db.SaveChangesAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> done, int seconds, Func<string> state)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < until, state());
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until every event is handled and no delivery to the domain is pending: nothing more is on its way.</summary>
    private static async Task SettledAsync(UhrwerkFactory factory, string domain, int seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
            var events = await db.Outbox.CountAsync(m => m.ProcessedAt == null) + await db.EventHandlings.CountAsync(h => h.Status == EventHandlingStatus.Pending);
            var pending = await db.Deliveries.CountAsync(d => d.Recipient.EndsWith("@" + domain) && d.Status == DeliveryStatus.Pending);
            if (events == 0 && pending == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, $"Not settled within {seconds} s: {events} events unhandled, {pending} deliveries to {domain} pending.");
            await Task.Delay(200);
        }
    }

    private static List<string> RecipientsAt(SmtpServer smtp, string domain) =>
        smtp.All().Select(m => m.To.Mailboxes.Single().Address).Where(a => a.EndsWith("@" + domain, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Events_committed_while_no_instance_dispatched_are_delivered_exactly_once_by_the_next_instance()
    {
        using var smtp = new SmtpServer();
        await smtp.StartAsync();
        var folder = Directory.CreateTempSubdirectory("uhrwerk-restart-").FullName;
        await using (var beforeTheStop = new Stopped(folder))
        {
            // Its dispatcher is off: the events are committed, nothing is sent, then the instance is gone.
            await QueueAsync(beforeTheStop, 20, "restart.example");
        }

        Assert.Equal(0, smtp.Count);
        await using (var afterTheRestart = new Instance(folder, smtp))
        {
            _ = afterTheRestart.Services;
            await WaitUntilAsync(() => smtp.Count >= 20, 30, () => $"{smtp.Count} of 20 arrived");
            await SettledAsync(afterTheRestart, "restart.example");
        }

        var recipients = RecipientsAt(smtp, "restart.example");
        Assert.Equal(20, recipients.Count);
        Assert.Equal(20, recipients.Distinct().Count());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Deliveries_claimed_by_an_instance_that_died_wait_for_their_lease_to_expire_and_are_then_sent_exactly_once_by_the_next_instance()
    {
        using var smtp = new SmtpServer();
        await smtp.StartAsync();
        var folder = Directory.CreateTempSubdirectory("uhrwerk-lease-").FullName;
        await using (var died = new Stopped(folder))
        {
            // The instance renders the deliveries and claims them for its lease, then dies before sending any.
            await QueueAsync(died, 10, "claimed.example");
            await using var scope = died.Services.CreateAsyncScope();
            Assert.Equal(10, await scope.ServiceProvider.HandleAllAsync(NotificationsModule.Handler));

            var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
            var claimed = await db.Deliveries.Where(d => d.Status == DeliveryStatus.Pending).ToListAsync();
            Assert.Equal(10, claimed.Count);
            claimed.ForEach(d => d.Claim(died.Clock.GetUtcNow(), Lease));
            await db.SaveChangesAsync();
        }

        await using var next = new Instance(folder, smtp);
        _ = next.Services;
        // A later event passes the claimed ones: the dispatcher runs, yet leaves what is leased to another.
        await QueueAsync(next, 1, "later.example");
        await WaitUntilAsync(() => RecipientsAt(smtp, "later.example").Count == 1, 30, () => "The later event did not arrive");
        Assert.Empty(RecipientsAt(smtp, "claimed.example"));

        next.Clock.Advance(Lease);

        await WaitUntilAsync(() => RecipientsAt(smtp, "claimed.example").Count >= 10, 30, () => $"{RecipientsAt(smtp, "claimed.example").Count} of 10 arrived after the lease expired");
        await SettledAsync(next, "claimed.example");
        var recipients = RecipientsAt(smtp, "claimed.example");
        Assert.Equal(10, recipients.Count);
        Assert.Equal(10, recipients.Distinct().Count());
    }

    [Fact]
    public async Task Two_instances_on_one_postgresql_both_send_and_deliver_a_thousand_queued_notifications_each_exactly_once()
    {
        PostgresFactory.SkipUnlessAvailable();
        // One SMTP server per instance shows which instance sent what.
        using var smtpOfFirst = new SmtpServer();
        using var smtpOfSecond = new SmtpServer();
        await smtpOfFirst.StartAsync();
        await smtpOfSecond.StartAsync();
        await using var first = new PostgresInstance(null, smtpOfFirst);
        _ = first.Services;
        await using var second = new PostgresInstance(first.Database, smtpOfSecond);
        _ = second.Services;

        await QueueAsync(first, 1000, "load.example");

        await WaitUntilAsync(() => smtpOfFirst.Count + smtpOfSecond.Count >= 1000, 120, () => $"{smtpOfFirst.Count} + {smtpOfSecond.Count} of 1000 arrived");
        await SettledAsync(first, "load.example");
        var byFirst = RecipientsAt(smtpOfFirst, "load.example");
        var bySecond = RecipientsAt(smtpOfSecond, "load.example");
        Assert.True(byFirst.Count > 0 && bySecond.Count > 0, $"Both instances must send: the first sent {byFirst.Count}, the second {bySecond.Count}.");
        var recipients = byFirst.Concat(bySecond).ToList();
        Assert.Equal(1000, recipients.Count);
        Assert.Equal(1000, recipients.Distinct().Count());
        await using var scope = first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
        Assert.Equal(1000, await db.Deliveries.CountAsync(d => d.Recipient.EndsWith("@load.example") && d.Status == DeliveryStatus.Sent && d.Attempts == 1));
    }
}
