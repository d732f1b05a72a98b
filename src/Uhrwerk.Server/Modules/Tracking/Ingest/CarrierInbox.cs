using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Tracking.Ingest;

/// <summary>Where every carrier message lands first, webhook call or poll answer: stored as it came, once per message id.</summary>
internal sealed class CarrierInbox(UhrwerkDbContext db, TimeProvider clock)
{
    /// <summary>Stores the message and answers true, or false when a message with this id was stored already.</summary>
    public async Task<bool> StoreAsync(string carrier, string messageId, string body, CancellationToken ct)
    {
        var message = db.CarrierMessages.Add(CarrierMessage.Receive(carrier, messageId, body, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolationOn(e, "tracking_carrier_messages"))
        {
            message.State = EntityState.Detached;
            return false;
        }
    }
}
