using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Fulfillment.DeliveryNote;

internal static class DeliveryNoteEndpoints
{
    public static void Map(RouteGroupBuilder fulfillment)
    {
        fulfillment.MapGet("/orders/{orderId:guid}/shipments/{shipmentId:guid}/delivery-note", ForCustomer)
            .RequirePermission(Permission.PlaceOrders, Permission.ViewCompanyOrders, Permission.ApproveOrders)
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The delivery note (PDF) of a shipment of one of my orders, in the buyer's language, with a QR code of the order's tracking link");
        fulfillment.MapGet("/backoffice/shipments/{shipmentId:guid}/delivery-note", ForStaff)
            .RequirePermission(Permission.ViewInventory)
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The delivery note (PDF) of any shipment that has been picked, in the buyer's language");
    }

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> ForCustomer(Guid orderId, Guid shipmentId, DeliveryNotes notes, CancellationToken ct) =>
        PdfAsync(notes, orderId, shipmentId, ct);

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> ForStaff(Guid shipmentId, DeliveryNotes notes, CancellationToken ct) =>
        PdfAsync(notes, null, shipmentId, ct);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(DeliveryNotes notes, Guid? orderId, Guid shipmentId, CancellationToken ct) =>
        await notes.FindAsync(orderId, shipmentId, ct) is { } note
            ? TypedResults.File(DeliveryNotePdf.Render(note), "application/pdf", $"{note.Reference}.pdf")
            : Problem.NotFound("NotFound.DeliveryNote");
}
