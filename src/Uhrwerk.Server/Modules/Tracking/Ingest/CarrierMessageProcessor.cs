using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Tracking.Carriers;
using Uhrwerk.Server.Modules.Tracking.RecordScans;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Tracking.Ingest;

/// <summary>
/// Reads stored carrier messages and records their scans through the <see cref="TrackingLedger"/>, one message per
/// transaction, safe with several instances on one PostgreSQL: each claims its next due message with FOR UPDATE SKIP
/// LOCKED, so two never read the same one. A message that cannot be read is failed for good; one that met a busy database
/// or a concurrent change of its shipment is tried again later.
/// </summary>
internal sealed class CarrierMessageProcessor(UhrwerkDbContext db, CarrierAdapters adapters, TrackingLedger ledger, IOptions<TrackingIngestOptions> options,
    TimeProvider clock, ILogger<CarrierMessageProcessor> log)
{
    /// <summary>Processes the next due message; false when there is none.</summary>
    public async Task<bool> ProcessNextAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var received = nameof(CarrierMessageStatus.Received);
        var message = (await db.CarrierMessages.FromSql(db.Database.IsNpgsql()
                ? (FormattableString)$"""
                    SELECT * FROM tracking_carrier_messages WHERE "Status" = {received} AND "NextAttemptAt" <= {now}
                    ORDER BY "NextAttemptAt" LIMIT 1 FOR UPDATE SKIP LOCKED
                    """
                : $"""
                    SELECT * FROM tracking_carrier_messages WHERE "Status" = {received} AND "NextAttemptAt" <= {now.UtcTicks}
                    ORDER BY "NextAttemptAt" LIMIT 1
                    """)
            .ToListAsync(ct)).SingleOrDefault();
        if (message is null)
        {
            return false;
        }

        try
        {
            await RecordAsync(message, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            db.Attach(message);
            await db.Entry(message).ReloadAsync(ct);
            if (e is CarrierFormatException)
            {
                log.LogWarning("Carrier message {MessageId} of {Carrier} cannot be read: {Error}", message.Id, message.Carrier, e.Message);
                message.Unreadable(e.Message, clock.GetUtcNow());
            }
            else
            {
                log.LogWarning(e, "Carrier message {MessageId} of {Carrier} waits, attempt {Attempt}", message.Id, message.Carrier, message.Attempts + 1);
                message.Interrupted(e.Message, options.Value.Ingest.Retry, clock.GetUtcNow());
            }

            await db.SaveChangesAsync(ct);
        }

        return true;
    }

    private async Task RecordAsync(CarrierMessage message, CancellationToken ct)
    {
        var adapter = adapters.For(message.Carrier) ?? throw new CarrierFormatException($"No adapter reads carrier '{message.Carrier}' any more.");
        var unmatched = new List<string>();
        foreach (var update in adapter.Parse(message.Body))
        {
            if (await ledger.RecordAsync(update, ct) == RecordOutcome.UnknownParcel)
            {
                unmatched.Add(update.TrackingNumber);
            }
        }

        message.Processed(unmatched, clock.GetUtcNow());
    }
}

/// <summary>Runs in every instance and processes stored carrier messages as they come; the claims keep instances apart.</summary>
internal sealed class CarrierMessageWorker(IServiceScopeFactory scopes, IOptions<TrackingIngestOptions> options, ILogger<CarrierMessageWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Ingest.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Ingest.PollInterval);
        do
        {
            try
            {
                // A fresh scope per message keeps the unit of work small and each message's failure its own.
                while (await ProcessOneAsync(stoppingToken))
                {
                    stoppingToken.ThrowIfCancellationRequested();
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Processing carrier messages failed; trying again shortly");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<bool> ProcessOneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CarrierMessageProcessor>().ProcessNextAsync(ct);
    }
}
