using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Tracking.Ingest;

/// <summary>Where every carrier message lands first, webhook call or poll answer: stored as it came, once per message id.</summary>
internal sealed class CarrierInbox(UhrwerkDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Stores the message and answers true, or false when a message with this id was stored already. One statement that skips
    /// a repeat, rather than a tracked entity and a unique violation to catch: carriers resend whenever they missed our answer,
    /// and this is the webhook's whole work.
    /// </summary>
    public async Task<bool> StoreAsync(string carrier, string messageId, string body, CancellationToken ct)
    {
        var message = CarrierMessage.Receive(carrier, messageId, body, clock.GetUtcNow());
        // SQLite keeps ids as upper-case text and times as UTC ticks (the model's conventions); PostgreSQL takes them as they are.
        var postgres = db.Database.IsNpgsql();
        object id = postgres ? message.Id : message.Id.ToString().ToUpperInvariant();
        object received = postgres ? message.ReceivedAt : message.ReceivedAt.UtcTicks;
        var status = message.Status.ToString();
        return await db.Database.ExecuteSqlAsync($"""
            INSERT INTO tracking_carrier_messages ("Id", "Carrier", "WebhookId", "ReceivedAt", "Body", "Status", "Attempts", "NextAttemptAt")
            VALUES ({id}, {message.Carrier}, {message.WebhookId}, {received}, {message.Body}, {status}, {message.Attempts}, {received})
            ON CONFLICT ("Carrier", "WebhookId") DO NOTHING
            """, ct) == 1;
    }
}
