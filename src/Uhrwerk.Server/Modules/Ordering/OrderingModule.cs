using Uhrwerk.Server.Modules.Ordering.Approvers;
using Uhrwerk.Server.Modules.Ordering.CancelOrder;
using Uhrwerk.Server.Modules.Ordering.Cart;
using Uhrwerk.Server.Modules.Ordering.Conversation;
using Uhrwerk.Server.Modules.Ordering.DecideOrder;
using Uhrwerk.Server.Modules.Ordering.DemoData;
using Uhrwerk.Server.Modules.Ordering.Erp;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Modules.Ordering.OrderLists;
using Uhrwerk.Server.Modules.Ordering.PlaceOrder;
using Uhrwerk.Server.Modules.Ordering.ReviseOrder;
using Uhrwerk.Server.Modules.Ordering.ViewOrders;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Ordering;

internal static class OrderingModule
{
    public static IServiceCollection AddOrdering(this IServiceCollection services)
    {
        services.AddScoped<IOrdering, OrderingForOthers>();
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
        services.AddEventHandler<OrderPlaced, ErpOrderFeed>(ErpOrderFeed.Handler);
        services.AddEventHandler<OrderApproved, ErpOrderFeed>(ErpOrderFeed.Handler);
        services.AddEventHandler<OrderChanged, ErpOrderFeed>(ErpOrderFeed.Handler);
        services.AddEventHandler<OrderCancelled, ErpOrderFeed>(ErpOrderFeed.Handler);
        services.AddEventHandler<OrderRestCancelled, ErpOrderFeed>(ErpOrderFeed.Handler);
        services.AddScoped<OrderAcknowledgement>();
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
        var erp = ordering.MapGroup("/erp/orders").RequireApiScope(ApiScopes.ErpOrders);
        ErpOrderFeedEndpoints.Map(erp);
        AcknowledgeOrderEndpoint.Map(erp);
        ConfirmOrderEndpoint.Map(erp);
        ReportShipmentEndpoint.Map(erp);
        ReportInvoiceEndpoint.Map(erp);
        return api;
    }
}
