using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Notifications.Channels;
using Uhrwerk.Server.Modules.Notifications.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Notifications.Dispatching;

/// <summary>
/// Sends what the event handlers rendered, safe with several instances on one PostgreSQL: claims due
/// deliveries for a lease (FOR UPDATE SKIP LOCKED), sends them, records each outcome as it comes.
/// </summary>
internal sealed class NotificationDispatcher(UhrwerkDbContext db, IEnumerable<IChannelSender> channels,
    IOptions<DispatcherOptions> options, TimeProvider clock, ILogger<NotificationDispatcher> log)
{
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var claimed = await ClaimDueAsync(ct);
        var byId = claimed.ToDictionary(d => d.Id);
        using var oneAtATime = new SemaphoreSlim(1);
        foreach (var group in claimed.GroupBy(d => d.Channel))
        {
            var sender = channels.SingleOrDefault(c => c.Channel == group.Key);
            if (sender is null)
            {
                foreach (var delivery in group)
                {
                    await RecordAsync(new SendResult(delivery.Id, false, null, $"No {group.Key} channel is configured."));
                }

                continue;
            }

            await sender.SendAsync(group.ToList(), RecordAsync, ct);
        }

        return claimed.Count;

        // Saved the moment the provider answered, so a crash repeats at most the messages in flight, one per connection.
        // Senders on parallel connections report at the same time; the unit of work takes one at a time. Not cancelled
        // on shutdown: a message the provider accepted must be recorded as sent.
        async Task RecordAsync(SendResult result)
        {
            await oneAtATime.WaitAsync(CancellationToken.None);
            try
            {
                Record(byId[result.DeliveryId], result);
                await db.SaveChangesAsync(CancellationToken.None);
            }
            finally
            {
                oneAtATime.Release();
            }
        }
    }

    private void Record(Delivery delivery, SendResult result)
    {
        if (result.Succeeded)
        {
            delivery.Delivered(result.ProviderMessageId, clock.GetUtcNow());
        }
        else if (result.Permanent)
        {
            delivery.Abandon(result.Error ?? "permanent failure");
        }
        else
        {
            delivery.Failed(result.Error ?? "unknown error", options.Value.Retry, clock.GetUtcNow());
            log.LogWarning("Delivery {DeliveryId} ({Situation}, {Channel}) failed on attempt {Attempt}: {Error}", delivery.Id, delivery.Situation, delivery.Channel, delivery.Attempts, result.Error);
        }
    }

    private async Task<List<Delivery>> ClaimDueAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var batch = options.Value.BatchSize;
        var pending = nameof(DeliveryStatus.Pending);
        var due = await db.Deliveries.FromSql(db.Database.IsNpgsql()
                ? (FormattableString)$"""SELECT * FROM notifications_deliveries WHERE "Status" = {pending} AND "NextAttemptAt" <= {now} AND ("LockedUntil" IS NULL OR "LockedUntil" < {now}) ORDER BY "NextAttemptAt" LIMIT {batch} FOR UPDATE SKIP LOCKED"""
                : $"""SELECT * FROM notifications_deliveries WHERE "Status" = {pending} AND "NextAttemptAt" <= {now.UtcTicks} AND ("LockedUntil" IS NULL OR "LockedUntil" < {now.UtcTicks}) ORDER BY "NextAttemptAt" LIMIT {batch}""")
            .ToListAsync(ct);
        foreach (var delivery in due)
        {
            delivery.Claim(now, options.Value.Lease);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return due;
    }
}

/// <summary>Runs the sending in every instance; the claims keep instances from doing the same work.</summary>
internal sealed class NotificationWorker(IServiceScopeFactory scopes, IOptions<DispatcherOptions> options, ILogger<NotificationWorker> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.Enabled
        ? LoopAsync(d => d.DeliverDueAsync(stoppingToken), stoppingToken)
        : Task.CompletedTask;

    private async Task LoopAsync(Func<NotificationDispatcher, Task<int>> step, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        do
        {
            try
            {
                // A fresh scope per batch keeps the change tracker small when a backlog drains.
                while (await InScopeAsync(step) > 0)
                {
                    stoppingToken.ThrowIfCancellationRequested();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The notification dispatcher failed; it tries again on the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<int> InScopeAsync(Func<NotificationDispatcher, Task<int>> step)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await step(scope.ServiceProvider.GetRequiredService<NotificationDispatcher>());
    }
}
