using Uhrwerk.Server.Modules.Fulfillment.AdvanceShipment;
using Uhrwerk.Server.Modules.Fulfillment.CancelShipments;
using Uhrwerk.Server.Modules.Fulfillment.Erp;
using Uhrwerk.Server.Modules.Fulfillment.PlanShipments;
using Uhrwerk.Server.Modules.Fulfillment.ViewShipments;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Fulfillment;

internal static class FulfillmentModule
{
    public static IServiceCollection AddFulfillment(this IServiceCollection services)
    {
        services.AddScoped<ShipmentDesk>();
        services.AddScoped<ShipmentPlanning>();
        services.AddScoped<ShipmentProgress>();
        services.AddScoped<ErpShipments>();
        services.AddScoped<IShipmentQueries, ShipmentQueriesForOthers>();
        services.AddScoped<IFulfillment, FulfillmentFacade>();
        services.AddEventHandler<OrderCancelled, ShipmentsOfCancelledOrders>(ShipmentsOfCancelledOrders.Handler);
        services.AddEventHandler<OrderRestCancelled, ShipmentsOfCancelledOrders>(ShipmentsOfCancelledOrders.Handler);
        services.AddFulfillmentReporting();
        return services;
    }

    public static RouteGroupBuilder MapFulfillment(this RouteGroupBuilder api)
    {
        var fulfillment = api.MapGroup("").WithTags("Fulfillment");
        var staff = fulfillment.MapGroup("/backoffice/fulfillment").RequirePermission(Permission.ManageShipments);
        ShipmentQueryEndpoints.Map(staff);
        PlanShipmentEndpoints.Map(staff);
        AdvanceShipmentEndpoint.Map(staff);
        ErpShipmentEndpoint.Map(fulfillment.MapGroup("/erp/shipments").RequireApiScope(ApiScopes.ErpShipments));
        api.MapFulfillmentReporting();
        return api;
    }
}
