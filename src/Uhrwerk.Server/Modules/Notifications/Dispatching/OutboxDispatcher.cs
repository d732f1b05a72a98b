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
/// one transaction; (2) claim due deliveries for a lease, send them, record each outcome as it comes.
/// </summary>
internal sealed class NotificationDispatcher(UhrwerkDbContext db, IEnumerable<INotificationSource> sources, IEnumerable<IChannelSender> channels,
    IOptions<DispatcherOptions> options, TimeProvider clock, ILogger<NotificationDispatcher> log)
{
    private const string MessageSavepoint = "outbox_message";

    public async Task<int> HandleOutboxAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = options.Value.BatchSize;
        var messages = await db.Outbox.FromSql(db.Database.IsNpgsql()
                ? (FormattableString)$"""SELECT * FROM platform_outbox WHERE "ProcessedAt" IS NULL AND "Attempts" < {OutboxMessage.MaxHandlingAttempts} ORDER BY "OccurredAt" LIMIT {batch} FOR UPDATE SKIP LOCKED"""
                : $"""SELECT * FROM platform_outbox WHERE "ProcessedAt" IS NULL AND "Attempts" < {OutboxMessage.MaxHandlingAttempts} ORDER BY "OccurredAt" LIMIT {batch}""")
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
            // On PostgreSQL a failed statement spoils the whole transaction; the savepoint keeps one message's failure from the others.
            await transaction.CreateSavepointAsync(MessageSavepoint, ct);
            try
            {
                var deliveries = new List<Delivery>();
                foreach (var source in sources.Where(s => s.Handles(message.Type)))
                {
                    deliveries.AddRange(await source.DeliveriesForAsync(message, now, ct));
                }

                db.Deliveries.AddRange(deliveries.Where(d => alreadyRendered.Add((d.SourceMessageId, d.Channel, d.Recipient))));
                message.Processed(now);
            }
            catch (Exception e) when (DatabaseErrors.IsTransient(e))
            {
                await transaction.RollbackToSavepointAsync(MessageSavepoint, ct);
                log.LogWarning(e, "Outbox message {MessageId} of type {Type} waits for the database", message.Id, message.Type);
                message.HandlingInterrupted(e.Message);
            }
            catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException or DotLiquid.Exceptions.LiquidException)
            {
                await transaction.RollbackToSavepointAsync(MessageSavepoint, ct);
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
