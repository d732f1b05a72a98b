using Uhrwerk.Server.Modules.Ordering.Approvers;
using Uhrwerk.Server.Modules.Ordering.CancelOrder;
using Uhrwerk.Server.Modules.Ordering.Cart;
using Uhrwerk.Server.Modules.Ordering.Conversation;
using Uhrwerk.Server.Modules.Ordering.DecideOrder;
using Uhrwerk.Server.Modules.Ordering.DemoData;
using Uhrwerk.Server.Modules.Ordering.Erp;
using Uhrwerk.Server.Modules.Ordering.OrderLists;
using Uhrwerk.Server.Modules.Ordering.PlaceOrder;
using Uhrwerk.Server.Modules.Ordering.ReviseOrder;
using Uhrwerk.Server.Modules.Ordering.ViewOrders;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Ordering;

internal static class OrderingModule
{
    public static IServiceCollection AddOrdering(this IServiceCollection services)
    {
        services.AddScoped<OrderDesk>();
        services.AddScoped<OrderBudgets>();
        services.AddScoped<ApproverRoutes>();
        services.AddScoped<OrderPricing>();
        services.AddScoped<DeliveryCommitment>();
        services.AddScoped<ShoppingCart>();
        services.AddScoped<OrderPlacement>();
        services.AddScoped<OrderQueries>();
        services.AddScoped<OrderDecisions>();
        services.AddScoped<OrderRevisions>();
        services.AddScoped<OrderCancellation>();
        services.AddScoped<DeputyHandover>();
        services.AddHostedService<DeputyHandoverWorker>();
        services.AddScoped<OrderConversation>();
        services.AddScoped<ApproverDesignation>();
        services.AddScoped<SavedOrderLists>();
        services.AddScoped<ErpProgress>();
        services.AddScoped<IDemoData, OrderingDemoData>();
        return services;
    }

    public static RouteGroupBuilder MapOrdering(this RouteGroupBuilder api)
    {
        var ordering = api.MapGroup("").WithTags("Ordering");
        CartEndpoints.Map(ordering);
        PlaceOrderEndpoint.Map(ordering);
        OrderQueryEndpoints.Map(ordering);
        DecideOrderEndpoints.Map(ordering);
        ReviseOrderEndpoints.Map(ordering);
        CancelOrderEndpoint.Map(ordering);
        ConversationEndpoints.Map(ordering);
        ApproverEndpoints.Map(ordering);
        OrderListEndpoints.Map(ordering);
        ConfirmOrderEndpoint.Map(ordering);
        ReportShipmentEndpoint.Map(ordering);
        ReportInvoiceEndpoint.Map(ordering);
        return api;
    }
}
