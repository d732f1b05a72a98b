using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Notifications.Channels;
using Uhrwerk.Server.Modules.Notifications.Domain;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Notifications.Dispatching;

/// <summary>
/// Two steps, each safe with several instances on one PostgreSQL: (1) claim committed outbox
/// events (FOR UPDATE SKIP LOCKED), turn them into rendered deliveries and mark them handled in
/// one transaction; (2) claim due deliveries for a lease, send them, record the outcome.
/// </summary>
internal sealed class NotificationDispatcher(UhrwerkDbContext db, IEnumerable<INotificationSource> sources, IEnumerable<IChannelSender> channels,
    IOptions<DispatcherOptions> options, TimeProvider clock, ILogger<NotificationDispatcher> log)
{
    private const int MaxHandlingAttempts = 10;

    public async Task<int> HandleOutboxAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = options.Value.BatchSize;
        var messages = await db.Outbox.FromSql(db.Database.IsNpgsql()
                ? (FormattableString)$"""SELECT * FROM platform_outbox WHERE "ProcessedAt" IS NULL AND "Attempts" < {MaxHandlingAttempts} ORDER BY "OccurredAt" LIMIT {batch} FOR UPDATE SKIP LOCKED"""
                : $"""SELECT * FROM platform_outbox WHERE "ProcessedAt" IS NULL AND "Attempts" < {MaxHandlingAttempts} ORDER BY "OccurredAt" LIMIT {batch}""")
            .ToListAsync(ct);
        if (messages.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var ids = messages.Select(m => m.Id).ToList();
        var alreadyRendered = (await db.Deliveries.Where(d => ids.Contains(d.SourceMessageId)).Select(d => new { d.SourceMessageId, d.Channel, d.Recipient }).ToListAsync(ct))
            .Select(d => (d.SourceMessageId, d.Channel, d.Recipient)).ToHashSet();
        foreach (var message in messages)
        {
            try
            {
                foreach (var source in sources.Where(s => s.Handles(message.Type)))
                {
                    var deliveries = await source.DeliveriesForAsync(message, now, ct);
                    db.Deliveries.AddRange(deliveries.Where(d => alreadyRendered.Add((d.SourceMessageId, d.Channel, d.Recipient))));
                }

                message.Processed(now);
            }
            catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException or DotLiquid.Exceptions.LiquidException)
            {
                log.LogError(e, "Outbox message {MessageId} of type {Type} could not be handled", message.Id, message.Type);
                message.HandlingFailed(e.Message);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return messages.Count;
    }

    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var claimed = await ClaimDueAsync(ct);
        foreach (var group in claimed.GroupBy(d => d.Channel))
        {
            var sender = channels.SingleOrDefault(c => c.Channel == group.Key);
            var results = sender is null
                ? group.Select(d => new SendResult(d.Id, false, null, $"No {group.Key} channel is configured.")).ToList()
                : await sender.SendAsync(group.ToList(), ct);
            var now = clock.GetUtcNow();
            foreach (var (delivery, result) in group.Join(results, d => d.Id, r => r.DeliveryId, (d, r) => (d, r)))
            {
                if (result.Succeeded)
                {
                    delivery.Delivered(result.ProviderMessageId, now);
                }
                else if (result.Permanent)
                {
                    delivery.Abandon(result.Error ?? "permanent failure");
                }
                else
                {
                    delivery.Failed(result.Error ?? "unknown error", options.Value.Retry, now);
                    log.LogWarning("Delivery {DeliveryId} ({Situation}, {Channel}) failed on attempt {Attempt}: {Error}", delivery.Id, delivery.Situation, delivery.Channel, delivery.Attempts, result.Error);
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return claimed.Count;
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

/// <summary>
/// Runs the dispatcher in every instance; the claims keep instances from doing the same work.
/// Handling events and sending run as two loops so a backlog of events does not hold up sending.
/// </summary>
internal sealed class NotificationWorker(IServiceScopeFactory scopes, IOptions<DispatcherOptions> options, ILogger<NotificationWorker> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.Enabled
        ? Task.WhenAll(LoopAsync(d => d.HandleOutboxAsync(stoppingToken), stoppingToken), LoopAsync(d => d.DeliverDueAsync(stoppingToken), stoppingToken))
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
