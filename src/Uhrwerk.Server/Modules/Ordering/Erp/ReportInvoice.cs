using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Ordering.Erp;

public sealed record ReportInvoiceRequest([property: Required, StringLength(40)] string InvoiceNumber, DateOnly? InvoiceDate);

internal static class ReportInvoiceEndpoint
{
    public static void Map(RouteGroupBuilder erp) =>
        erp.MapPost("/{number}/invoiced", ReportInvoiced)
            .WithSummary("The ERP reports the invoice of a confirmed order. The same invoice again changes nothing; another invoice number is a conflict");

    private static async Task<Results<Ok<ErpOrderProgress>, ProblemHttpResult>> ReportInvoiced(string number, ReportInvoiceRequest request, ErpProgress progress, ClaimsPrincipal key, CancellationToken ct)
    {
        var date = request.InvoiceDate ?? throw ValidationFailedException.For("invoiceDate", T.Get("Inventory.DateRequired"));
        if (await progress.FindAsync(number, ct) is not { } order)
        {
            return Problem.NotFound("NotFound.Order");
        }

        var invoiced = order.RecordInvoice(request.InvoiceNumber ?? "", date, ErpProgress.ErpOf(key), progress.Now)
            ? new OrderInvoiced(OrderFacts.Snapshot(order), order.InvoiceNumber!, date)
            : null;
        return TypedResults.Ok(await progress.SaveAsync(order, invoiced, ct));
    }
}
