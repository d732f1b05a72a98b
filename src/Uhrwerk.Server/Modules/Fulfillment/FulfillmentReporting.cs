using Uhrwerk.Server.Modules.Fulfillment.DeliveryNote;
using Uhrwerk.Server.Modules.Fulfillment.Otif;
using Uhrwerk.Server.Modules.Ordering;

namespace Uhrwerk.Server.Modules.Fulfillment;

/// <summary>The wiring of what fulfilment reports: on-time-in-full and the delivery notes.</summary>
internal static class FulfillmentReporting
{
    public static IServiceCollection AddFulfillmentReporting(this IServiceCollection services)
    {
        services.AddScoped<OtifReports>();
        services.AddScoped<IOrderDeliveries, OrderDeliveries>();
        services.AddScoped<OrderTrackingLink>();
        services.AddSingleton<OrderTrackingToken>();
        services.AddScoped<IShipmentContents, ShipmentContents>();
        services.AddScoped<DeliveryNotes>();
        return services;
    }

    public static RouteGroupBuilder MapFulfillmentReporting(this RouteGroupBuilder api)
    {
        var fulfillment = api.MapGroup("").WithTags("Fulfillment");
        OtifEndpoints.Map(fulfillment);
        DeliveryNoteEndpoints.Map(fulfillment);
        return api;
    }
}
