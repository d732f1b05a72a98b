using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Modules.Inventory.StockKeeping;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Inventory.Reservations;

internal static class ReservationEndpoints
{
    public static void Map(RouteGroupBuilder view, RouteGroupBuilder manage)
    {
        view.MapGet("/reservations", OfOrder)
            .WithSummary("What is reserved for an order: stock, inbound goods or backorder");
        manage.MapPost("/reservations/{reservationId:guid}/pick", Pick)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<IReadOnlyList<ReservationResponse>>> OfOrder(string orderNumber, StockQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ReservationsOfAsync(orderNumber, ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> Pick(Guid reservationId, StockKeeper keeper, CancellationToken ct) =>
        await keeper.PickAsync(reservationId, ct) ? TypedResults.NoContent() : Problem.NotFound("NotFound.Reservation");
}
