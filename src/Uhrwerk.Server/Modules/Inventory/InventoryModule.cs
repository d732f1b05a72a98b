using Uhrwerk.Server.Modules.Inventory.DemoData;
using Uhrwerk.Server.Modules.Inventory.Planning;
using Uhrwerk.Server.Modules.Inventory.Promise;
using Uhrwerk.Server.Modules.Inventory.Reservations;
using Uhrwerk.Server.Modules.Inventory.StockKeeping;
using Uhrwerk.Server.Modules.Inventory.Warehouses;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Inventory;

internal static class InventoryModule
{
    public static IServiceCollection AddInventory(this IServiceCollection services)
    {
        services.AddScoped<IInventory, InventoryForOthers>();
        services.AddScoped<DeliveryPromises>();
        services.AddSingleton<ReferenceData>();
        services.AddScoped<OrderReservations>();
        services.AddScoped<StockLedger>();
        services.AddScoped<StockKeeper>();
        services.AddScoped<StockQueries>();
        services.AddScoped<WarehouseSetup>();
        services.AddScoped<InventoryPlanning>();
        services.AddScoped<IDemoData, InventoryDemoData>();
        return services;
    }

    public static RouteGroupBuilder MapInventory(this RouteGroupBuilder api)
    {
        var inventory = api.MapGroup("").WithTags("Inventory");
        PromiseEndpoints.Map(api, inventory);

        var backOffice = inventory.MapGroup("/backoffice/inventory");
        var view = backOffice.MapGroup("").RequirePermission(Permission.ViewInventory);
        var manage = backOffice.MapGroup("").RequirePermission(Permission.ManageInventory);
        WarehouseEndpoints.Map(view, manage);
        StockKeepingEndpoints.Map(view, manage);
        ReservationEndpoints.Map(view, manage);
        PlanningEndpoints.Map(view, manage);
        return api;
    }
}
