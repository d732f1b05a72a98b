using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.Events;
using Uhrwerk.Server.Modules.Notifications.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Tests.Notifications;

/// <summary>Nothing is lost when the process stops between commit and delivery, and several instances never send twice.</summary>
public sealed class ReliableDeliveryTests
{
    private sealed class Stopped(string folder) : SqliteFactory(folder);

    private sealed class Instance(string folder, SmtpServer smtp) : SqliteFactory(folder)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => EmailDeliverySpec.SettingsFor(smtp);
    }

    private sealed class PostgresInstance(string? database, SmtpServer smtp) : PostgresFactory(database)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => EmailDeliverySpec.SettingsFor(smtp);
    }

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

        await Task.Delay(1000);
    }

    [Fact]
    public async Task Events_committed_before_the_process_stopped_are_delivered_exactly_once_after_the_restart()
    {
        using var smtp = new SmtpServer();
        await smtp.StartAsync();
        var folder = Directory.CreateTempSubdirectory("uhrwerk-restart-").FullName;
        await using (var beforeTheCrash = new Stopped(folder))
        {
            // Its dispatcher is off: the events are committed, nothing is sent, then the process is gone.
            await QueueAsync(beforeTheCrash, 20, "restart.example");
        }

        Assert.Equal(0, smtp.Count);
        await using (var afterTheRestart = new Instance(folder, smtp))
        {
            _ = afterTheRestart.Services;
            await WaitUntilAsync(() => smtp.Count >= 20, 30, () => $"{smtp.Count} of 20 arrived");
        }

        var recipients = smtp.All().Select(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(20, recipients.Count);
        Assert.Equal(20, recipients.Distinct().Count());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Two_instances_on_one_postgresql_deliver_a_thousand_queued_notifications_each_exactly_once()
    {
        PostgresFactory.SkipUnlessAvailable();
        using var smtp = new SmtpServer();
        await smtp.StartAsync();
        await using var first = new PostgresInstance(null, smtp);
        _ = first.Services;
        await using var second = new PostgresInstance(first.Database, smtp);
        _ = second.Services;

        await QueueAsync(first, 1000, "load.example");

        await WaitUntilAsync(() => smtp.Count >= 1000, 120, () => $"{smtp.Count} of 1000 arrived");
        var recipients = smtp.All().Select(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(1000, recipients.Count);
        Assert.Equal(1000, recipients.Distinct().Count());
        await using var scope = first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
        Assert.Equal(1000, await db.Deliveries.CountAsync(d => d.Recipient.EndsWith("@load.example") && d.Status == DeliveryStatus.Sent && d.Attempts == 1));
        Assert.Equal(0, await db.Outbox.CountAsync(m => m.ProcessedAt == null));
    }
}
