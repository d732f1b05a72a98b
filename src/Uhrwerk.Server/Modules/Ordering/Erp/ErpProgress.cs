using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Server.Modules.Ordering.Erp;

/// <param name="ConfirmedDate">The ERP's date for the whole line beside the promise, once it confirmed.</param>
public sealed record ErpLineProgress(string Sku, int Quantity, DateOnly? PromisedDate, DateOnly? ConfirmedDate, int ShippedQuantity);

/// <summary>Where the order stands after an ERP report, so the ERP can check that its report arrived as meant.</summary>
public sealed record ErpOrderProgress(string Number, OrderStatus Status, string? ErpOrderNumber, string? InvoiceNumber, DateOnly? InvoiceDate, IReadOnlyList<ErpLineProgress> Lines);

/// <summary>
/// What the ERP's progress reports share: the order by its number across all companies (the ERP serves them all),
/// the API key as the actor the history names, and saving the change with its event.
/// </summary>
internal sealed class ErpProgress(OrderDesk desk)
{
    public DateTimeOffset Now => desk.Now;

    public Task<Order?> FindAsync(string number, CancellationToken ct) =>
        desk.Db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Number == number.Trim(), ct);

    /// <summary>The history names the API key the ERP called with, so each entry can be traced to it.</summary>
    public static Actor ErpOf(ClaimsPrincipal key)
    {
        var (id, name) = ApiScopes.CallerOf(key);
        return new(id, name);
    }

    /// <summary>Saves the report; an event goes out only when the report changed something, so a repeated report is harmless.</summary>
    public async Task<ErpOrderProgress> SaveAsync(Order order, object? @event, CancellationToken ct)
    {
        if (@event is not null)
        {
            desk.Publish(@event, order);
            await desk.SaveOrderAsync(ct);
        }

        return new ErpOrderProgress(order.Number, order.Status, order.ErpOrderNumber, order.InvoiceNumber, order.InvoiceDate,
            order.Lines.Select(l => new ErpLineProgress(l.Sku, l.Quantity, l.PromisedDate, l.ConfirmedDate, l.ShippedQuantity)).ToList());
    }
}
