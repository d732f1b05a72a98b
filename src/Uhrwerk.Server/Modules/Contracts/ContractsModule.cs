using Uhrwerk.Server.Modules.Contracts.CallOff;
using Uhrwerk.Server.Modules.Contracts.Deliveries;
using Uhrwerk.Server.Modules.Contracts.ManageContracts;
using Uhrwerk.Server.Modules.Contracts.ScheduledReleases;
using Uhrwerk.Server.Modules.Contracts.ViewContracts;
using Uhrwerk.Server.Modules.Fulfillment.Events;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Contracts;

internal static class ContractsModule
{
    public static IServiceCollection AddContracts(this IServiceCollection services)
    {
        services.AddScoped<ContractAdministration>();
        services.AddScoped<ContractQueries>();
        services.AddScoped<ContractCallOffs>();
        services.AddScoped<ContractCalendar>();
        services.AddHostedService<ContractCalendarWorker>();
        services.AddEventHandler<ShipmentDelivered, ContractDeliveries>(ContractDeliveries.Handler);
        return services;
    }

    public static RouteGroupBuilder MapContracts(this RouteGroupBuilder api)
    {
        var contracts = api.MapGroup("").WithTags("Contracts");
        var customer = contracts.MapGroup("/contracts").RequirePermission(Permission.ManageCallOffs, Permission.ViewCompanyOrders);
        ContractQueryEndpoints.Map(customer);
        CallOffEndpoint.Map(contracts.MapGroup("/contracts"));
        var backoffice = contracts.MapGroup("/backoffice/contracts").RequirePermission(Permission.ManageContracts);
        ContractQueryEndpoints.Map(backoffice);
        ContractAdministrationEndpoints.MapStaff(backoffice);
        ContractAdministrationEndpoints.MapErp(contracts.MapGroup("/erp/contracts").RequireApiScope(ApiScopes.ErpContracts));
        return api;
    }
}
