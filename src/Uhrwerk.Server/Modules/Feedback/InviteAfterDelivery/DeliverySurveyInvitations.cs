using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Modules.Fulfillment.Events;
using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Ordering;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Feedback.InviteAfterDelivery;

/// <summary>
/// Every delivered shipment, whoever recorded it (staff, the ERP, the carrier's scan), asks the person who ordered it once how
/// it went: some working days after the delivery day, at an office hour. Every active user of the ordering company may answer
/// the survey of their own delivery; no role has to grant it, because it is the buyer's own experience that is asked.
/// </summary>
internal sealed class DeliverySurveyInvitations(UhrwerkDbContext db, IOrdering ordering, IInventory inventory, IAccounts accounts, IOptions<SurveyOptions> options, TimeProvider clock)
    : IEventHandler<ShipmentDelivered>
{
    public const string Handler = "feedback-surveys";

    public async Task HandleAsync(ShipmentDelivered delivered, EventContext context, CancellationToken ct)
    {
        var s = delivered.Shipment;
        // The same shipment handed out again finds its invitation; two events racing meet the unique index on the shipment, and the
        // loser's retry finds the winner's invitation here.
        if (await db.SurveyInvitations.AnyAsync(i => i.ShipmentId == s.ShipmentId, ct))
        {
            return;
        }

        var buyer = (await accounts.ContactsAsync([s.BuyerId], ct)).SingleOrDefault();
        if (buyer is not { IsActive: true } || buyer.CompanyId != s.CompanyId)
        {
            return;
        }

        var order = await ordering.FindForFulfilmentAsync(s.OrderId, ct);
        var days = inventory.DeliveryDaysAt(new Destination(order?.Destination.Country ?? "DE", order?.Destination.PostalCode ?? ""));
        var deliveredOn = s.DeliveredOn ?? BerlinTime.DateOf(s.DeliveredAt ?? context.OccurredAt);
        var settings = options.Value;
        var dueAt = BerlinTime.At(days.Add(deliveredOn, settings.DelayWorkingDays), new TimeOnly(settings.SendHour, 0));
        var facts = new DeliveryFacts(s.OrderId, s.OrderNumber, s.ShipmentId, s.Carrier, s.WarehouseCode, OnTime: deliveredOn <= s.PromisedDeliveryDate);
        db.SurveyInvitations.Add(SurveyInvitation.ForDelivery(s.CompanyId, s.BuyerId, facts, dueAt, settings.ValidFor, clock.GetUtcNow()));
    }
}
