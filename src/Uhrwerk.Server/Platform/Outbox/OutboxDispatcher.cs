using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Platform.Outbox;

/// <summary>
/// Two steps, each safe with several instances on one PostgreSQL:
/// (1) hand committed events to their handlers, one <see cref="EventHandling"/> per handler, one instance at a time;
/// (2) per handler, take its next due event (FOR UPDATE SKIP LOCKED) and handle it in one transaction with the record that
/// it was handled. An event waits while an earlier event of the same aggregate is still pending for
/// that handler, so each handler sees an order's events in the order they happened.
/// </summary>
internal sealed class OutboxDispatcher(UhrwerkDbContext db, IServiceProvider scope, IEnumerable<EventSubscription> subscriptions,
    IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> log)
{
    private const string HandlerSavepoint = "event_handler";

    /// <summary>The advisory lock that the instance handing out events holds ("UhrwerkO").</summary>
    private const long HandOutLock = 0x5568_7277_6572_6B4F;

    public async Task<int> HandOutAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // One instance hands out at a time. With two, one could commit the handlings of an order's later event
        // before the other commits those of its earlier one, and a handler would see the later one first.
        if (db.Database.IsNpgsql() && !await db.Database.SqlQuery<bool>($"""SELECT pg_try_advisory_xact_lock({HandOutLock}) AS "Value" """).SingleAsync(ct))
        {
            return 0;
        }

        var batch = options.Value.BatchSize;
        var messages = await db.Outbox.FromSql(db.Database.IsNpgsql()
                ? (FormattableString)$"""SELECT * FROM platform_outbox WHERE "ProcessedAt" IS NULL ORDER BY "OccurredAt" LIMIT {batch} FOR UPDATE SKIP LOCKED"""
                : $"""SELECT * FROM platform_outbox WHERE "ProcessedAt" IS NULL ORDER BY "OccurredAt" LIMIT {batch}""")
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var message in messages)
        {
            foreach (var handler in subscriptions.Where(s => s.EventName == message.Type).Select(s => s.Handler).Distinct())
            {
                db.EventHandlings.Add(EventHandling.Await(message, handler));
            }

            message.HandedToHandlers(now);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return messages.Count;
    }

    /// <summary>Handles the handler's next due event; false when there is none.</summary>
    public async Task<bool> HandleNextAsync(string handler, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var pending = nameof(EventHandlingStatus.Pending);
        var handling = (await db.EventHandlings.FromSql(db.Database.IsNpgsql()
                ? (FormattableString)$"""
                    SELECT * FROM platform_outbox_handled h
                    WHERE h."Handler" = {handler} AND h."Status" = {pending} AND h."NextAttemptAt" <= {now}
                      AND NOT EXISTS (SELECT 1 FROM platform_outbox_handled e WHERE e."Handler" = h."Handler" AND e."AggregateId" = h."AggregateId"
                          AND e."Status" = {pending} AND (e."OccurredAt" < h."OccurredAt" OR (e."OccurredAt" = h."OccurredAt" AND e."MessageId" < h."MessageId")))
                    ORDER BY h."OccurredAt" LIMIT 1 FOR UPDATE SKIP LOCKED
                    """
                : $"""
                    SELECT * FROM platform_outbox_handled h
                    WHERE h."Handler" = {handler} AND h."Status" = {pending} AND h."NextAttemptAt" <= {now.UtcTicks}
                      AND NOT EXISTS (SELECT 1 FROM platform_outbox_handled e WHERE e."Handler" = h."Handler" AND e."AggregateId" = h."AggregateId"
                          AND e."Status" = {pending} AND (e."OccurredAt" < h."OccurredAt" OR (e."OccurredAt" = h."OccurredAt" AND e."MessageId" < h."MessageId")))
                    ORDER BY h."OccurredAt" LIMIT 1
                    """)
            .ToListAsync(ct)).SingleOrDefault();
        if (handling is null)
        {
            return false;
        }

        var message = await db.Outbox.SingleAsync(m => m.Id == handling.MessageId, ct);
        var subscription = subscriptions.FirstOrDefault(s => s.Handler == handler && s.EventName == message.Type);
        await transaction.CreateSavepointAsync(HandlerSavepoint, ct);
        try
        {
            if (subscription is null)
            {
                throw new InvalidOperationException($"No handler '{handler}' is registered for {message.Type} any more.");
            }

            await subscription.Invoke(scope, message, new EventContext(message.Id, message.Type, message.Version, message.CompanyId, message.OccurredAt, handling.Attempts + 1), ct);
            handling.Handled(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Nothing the handler did may stay: neither in the database nor in the unit of work.
            await transaction.RollbackToSavepointAsync(HandlerSavepoint, ct);
            foreach (var entry in db.ChangeTracker.Entries().Where(x => x.Entity != handling && x.Entity != message).ToList())
            {
                entry.State = EntityState.Detached;
            }

            // The failure may have come from saving, after the handling was already marked handled in memory.
            await db.Entry(handling).ReloadAsync(ct);

            if (DatabaseErrors.IsTransient(e))
            {
                log.LogWarning(e, "Handler {Handler} waits for the database with event {MessageId} ({Type})", handler, message.Id, message.Type);
                handling.Interrupted(e.Message);
            }
            else
            {
                log.LogError(e, "Handler {Handler} failed on event {MessageId} ({Type}), attempt {Attempt}", handler, message.Id, message.Type, handling.Attempts + 1);
                handling.Failed(e.Message, options.Value.Retry, clock.GetUtcNow());
            }

            db.Entry(handling).State = EntityState.Modified;
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return true;
    }
}

/// <summary>
/// Runs in every instance: one loop hands events out, one loop per handler handles them, so a slow
/// or failing handler holds up nobody else. The claims keep instances from doing the same work.
/// </summary>
internal sealed class OutboxWorker(IServiceScopeFactory scopes, IEnumerable<EventSubscription> subscriptions, IOptions<OutboxOptions> options, ILogger<OutboxWorker> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.Enabled
        ? Task.WhenAll(subscriptions.Select(s => s.Handler).Distinct()
            .Select(handler => LoopAsync(handler, d => d.HandleNextAsync(handler, stoppingToken), stoppingToken))
            .Append(LoopAsync("hand-out", async d => await d.HandOutAsync(stoppingToken) > 0, stoppingToken)))
        : Task.CompletedTask;

    private async Task LoopAsync(string name, Func<OutboxDispatcher, Task<bool>> step, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        do
        {
            try
            {
                // A fresh scope per step keeps the unit of work small and lets each event's handler start clean.
                while (await InScopeAsync(step))
                {
                    stoppingToken.ThrowIfCancellationRequested();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The outbox loop {Loop} failed; it tries again on the next tick", name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<bool> InScopeAsync(Func<OutboxDispatcher, Task<bool>> step)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await step(scope.ServiceProvider.GetRequiredService<OutboxDispatcher>());
    }
}
