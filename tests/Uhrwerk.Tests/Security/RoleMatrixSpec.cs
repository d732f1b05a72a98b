using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Auth;
using static Uhrwerk.Tests.Security.RoleMatrixSpec.Caller;

namespace Uhrwerk.Tests.Security;

/// <summary>
/// Who may do what, written down by hand from the product's rules and never read from the
/// endpoints' own declarations: a route declared with too weak a permission, or a new route
/// nobody classified, fails here.
/// </summary>
public abstract class RoleMatrixSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    public enum Caller
    {
        MainContact, Administrator, UserManager, Buyer, BuyerWithCookie, Approver, Technician, Controller,
        StaffAdmin, CustomerService, Warehouse, Logistics, Partner,
        NotSignedIn, ErpDirectoryKey, ErpInventoryKey, ErpOrdersKey, ErpShipmentsKey, ErpContractsKey,
    }

    private static readonly Caller[] Admins = [MainContact, Administrator];
    private static readonly Caller[] UserManagers = [MainContact, Administrator, UserManager];
    private static readonly Caller[] Ordering = [MainContact, Administrator, Buyer, BuyerWithCookie];
    private static readonly Caller[] Approving = [MainContact, Administrator, Approver];
    private static readonly Caller[] CompanyOrders = [MainContact, Administrator, Approver, Controller];
    private static readonly Caller[] Reports = [MainContact, Administrator, Controller];
    private static readonly Caller[] CatalogCustomers = [MainContact, Administrator, Buyer, BuyerWithCookie, Approver, Technician, Controller];
    private static readonly Caller[] Datasheets = [MainContact, Administrator, Buyer, BuyerWithCookie, Approver, Technician];
    private static readonly Caller[] Staff = [StaffAdmin, CustomerService, Warehouse, Logistics];
    private static readonly Caller[] SignedIn = [.. CatalogCustomers, UserManager, .. Staff, Partner];
    private static readonly Caller[] Everyone = Enum.GetValues<Caller>();
    private static readonly Caller[] Companies = [StaffAdmin, CustomerService];
    private static readonly Caller[] Keys = [StaffAdmin];
    private static readonly Caller[] Notifications = [StaffAdmin, CustomerService];
    private static readonly Caller[] EventKeepers = [StaffAdmin];
    private static readonly Caller[] StockReaders = Staff;
    private static readonly Caller[] StockKeepers = [StaffAdmin, Warehouse];
    private static readonly Caller[] ShipmentKeepers = [StaffAdmin, Warehouse];
    private static readonly Caller[] CallingOff = [MainContact, Administrator, Buyer, BuyerWithCookie];
    private static readonly Caller[] ContractReaders = [.. CallingOff, Approver, Controller];
    private static readonly Caller[] ContractKeepers = [StaffAdmin, CustomerService];
    private static readonly Caller[] CaseWorkers = [StaffAdmin, CustomerService, Logistics];
    private static readonly Caller[] FeedbackKeepers = [StaffAdmin, CustomerService];

    /// <summary>A partner's user works on their partner's cases and nowhere else.</summary>
    private static readonly Caller[] Partners = [Partner];

    /// <summary>Every API route and who may call it. A route missing here fails the sweep until somebody decides who may call it.</summary>
    private static readonly Dictionary<string, Caller[]> Routes = new()
    {
        ["POST /api/v1/auth/token"] = Everyone,
        ["POST /api/v1/activation"] = Everyone,
        ["POST /api/v1/account/password"] = Everyone,
        ["POST /api/v1/account/email-confirmation"] = Everyone,
        ["POST /api/v1/account/email-change-report"] = Everyone,
        ["GET /api/v1/me"] = SignedIn,
        ["PUT /api/v1/me/mobile"] = SignedIn,
        ["GET /api/v1/me/notification-preferences"] = SignedIn,
        ["PUT /api/v1/me/notification-preferences"] = SignedIn,
        // The relationship survey asks customers; staff have nothing to opt in to.
        ["GET /api/v1/me/relationship-survey"] = [.. CatalogCustomers, UserManager],
        ["PUT /api/v1/me/relationship-survey"] = [.. CatalogCustomers, UserManager],
        ["GET /api/v1/company/relationship-survey"] = [MainContact],

        ["GET /api/v1/company"] = CatalogCustomers,
        ["GET /api/v1/company/erp-contacts"] = UserManagers,
        ["POST /api/v1/company/erp-contacts/{contactId}/take-over"] = Admins,
        ["GET /api/v1/company/users"] = UserManagers,
        ["POST /api/v1/company/users"] = UserManagers,
        ["GET /api/v1/company/users/{userId}"] = UserManagers,
        ["PUT /api/v1/company/users/{userId}/name"] = UserManagers,
        ["PUT /api/v1/company/users/{userId}/email"] = UserManagers,
        ["POST /api/v1/company/users/{userId}/deactivate"] = UserManagers,
        ["POST /api/v1/company/users/{userId}/reactivate"] = UserManagers,
        ["PUT /api/v1/company/users/{userId}/roles"] = UserManagers,
        ["PUT /api/v1/company/users/{userId}/budget"] = UserManagers,
        ["GET /api/v1/company/roles"] = UserManagers,
        ["POST /api/v1/company/roles"] = Admins,
        ["PUT /api/v1/company/roles/{roleId}"] = Admins,
        ["DELETE /api/v1/company/roles/{roleId}"] = Admins,
        ["GET /api/v1/company/approvers"] = UserManagers,
        ["PUT /api/v1/company/approvers/{userId}"] = [MainContact],
        ["DELETE /api/v1/company/approvers/{userId}"] = [MainContact],
        ["GET /api/v1/company/absences"] = [.. UserManagers, Approver],
        ["POST /api/v1/company/absences"] = UserManagers,
        ["DELETE /api/v1/company/absences/{absenceId}"] = [.. UserManagers, Approver],
        ["POST /api/v1/me/absences"] = Approving,
        ["GET /api/v1/company/audit-log"] = Admins,
        ["GET /api/v1/company/budget-consumption"] = Reports,
        ["GET /api/v1/company/otif"] = Reports,
        ["GET /api/v1/feedback/analytics"] = Reports,
        ["GET /api/v1/feedback/analytics.csv"] = Reports,
        ["GET /api/v1/orders/{orderId}/shipments/{shipmentId}/delivery-note"] = [MainContact, Administrator, Buyer, BuyerWithCookie, Approver, Controller],

        ["GET /api/v1/catalog/products"] = [.. CatalogCustomers, .. Staff],
        ["GET /api/v1/catalog/products/{sku}"] = [.. CatalogCustomers, .. Staff],
        ["GET /api/v1/catalog/products/{sku}/datasheets/{datasheetId}"] = [.. Datasheets, .. Staff],
        ["POST /api/v1/delivery-promise"] = [.. CatalogCustomers, .. Staff],

        ["GET /api/v1/cart"] = Ordering,
        ["PUT /api/v1/cart/lines/{sku}"] = Ordering,
        ["DELETE /api/v1/cart/lines/{sku}"] = Ordering,
        ["POST /api/v1/cart/quick-order"] = Ordering,
        ["GET /api/v1/order-lists"] = Ordering,
        ["POST /api/v1/order-lists"] = Ordering,
        ["GET /api/v1/order-lists/{listId}"] = Ordering,
        ["DELETE /api/v1/order-lists/{listId}"] = Ordering,
        ["POST /api/v1/order-lists/{listId}/to-cart"] = Ordering,
        ["GET /api/v1/orders"] = [.. Ordering, Approver, Controller],
        ["POST /api/v1/orders"] = Ordering,
        ["GET /api/v1/orders/{orderId}"] = [.. Ordering, Approver, Controller],
        ["POST /api/v1/orders/{orderId}/approve"] = Approving,
        ["POST /api/v1/orders/{orderId}/reject"] = Approving,
        ["PUT /api/v1/orders/{orderId}/approver-edit"] = Approving,
        ["POST /api/v1/orders/{orderId}/resubmit"] = Ordering,
        ["POST /api/v1/orders/{orderId}/withdraw"] = Ordering,
        ["POST /api/v1/orders/{orderId}/cancel"] = Ordering,
        ["POST /api/v1/orders/{orderId}/reorder"] = Ordering,
        ["POST /api/v1/orders/{orderId}/messages"] = [.. Ordering, Approver],
        ["GET /api/v1/approvals"] = Approving,

        ["GET /api/v1/contracts"] = ContractReaders,
        ["GET /api/v1/contracts/{contractId}"] = ContractReaders,
        ["POST /api/v1/contracts/{contractId}/call-offs"] = CallingOff,
        ["GET /api/v1/backoffice/contracts"] = ContractKeepers,
        ["POST /api/v1/backoffice/contracts"] = ContractKeepers,
        ["GET /api/v1/backoffice/contracts/{contractId}"] = ContractKeepers,
        ["POST /api/v1/backoffice/contracts/{contractId}/activate"] = ContractKeepers,
        ["POST /api/v1/backoffice/contracts/{contractId}/cancel"] = ContractKeepers,
        ["POST /api/v1/erp/contracts"] = [ErpContractsKey],
        ["POST /api/v1/erp/contracts/{number}/activate"] = [ErpContractsKey],
        ["POST /api/v1/erp/contracts/{number}/cancel"] = [ErpContractsKey],

        ["PUT /api/v1/erp/customers/{customerNumber}"] = [ErpDirectoryKey],
        ["PUT /api/v1/erp/invoices/{invoiceNumber}"] = [ErpDirectoryKey],
        ["PUT /api/v1/erp/contacts"] = [ErpDirectoryKey],
        ["POST /api/v1/erp/delivery-promise"] = [ErpInventoryKey],
        ["GET /api/v1/erp/orders"] = [ErpOrdersKey],
        ["POST /api/v1/erp/orders/{number}/acknowledge"] = [ErpOrdersKey],
        ["POST /api/v1/erp/orders/{number}/confirm"] = [ErpOrdersKey],
        ["POST /api/v1/erp/orders/{number}/shipped"] = [ErpOrdersKey],
        ["POST /api/v1/erp/orders/{number}/invoiced"] = [ErpOrdersKey],
        ["PUT /api/v1/erp/shipments/{shipmentReference}"] = [ErpShipmentsKey],

        ["GET /api/v1/backoffice/companies"] = Companies,
        ["GET /api/v1/backoffice/orders"] = Companies,
        ["POST /api/v1/backoffice/api-keys"] = Keys,
        ["GET /api/v1/backoffice/webhooks"] = Keys,
        ["POST /api/v1/backoffice/webhooks"] = Keys,
        ["GET /api/v1/backoffice/imports"] = Companies,
        ["POST /api/v1/backoffice/imports/{name}"] = Companies,
        ["GET /api/v1/backoffice/notifications"] = Notifications,
        ["GET /api/v1/backoffice/notifications/events"] = Notifications,
        ["GET /api/v1/backoffice/events"] = EventKeepers,
        ["GET /api/v1/backoffice/events/handlers"] = EventKeepers,
        ["POST /api/v1/backoffice/events/{messageId}/handlers/{handler}/retry"] = EventKeepers,
        ["GET /api/v1/backoffice/activations"] = Companies,
        ["POST /api/v1/backoffice/activations/{activationId}/confirm"] = Companies,
        ["POST /api/v1/backoffice/activations/{activationId}/refuse"] = Companies,
        ["POST /api/v1/backoffice/notifications/{deliveryId}/retry"] = Notifications,
        ["GET /api/v1/backoffice/templates/{situation}/{language}"] = Notifications,
        ["PUT /api/v1/backoffice/templates/{situation}/{language}/{part}"] = Notifications,
        ["DELETE /api/v1/backoffice/templates/{situation}/{language}/{part}"] = Notifications,
        ["POST /api/v1/backoffice/templates/{situation}/{language}/preview"] = Notifications,

        ["GET /api/v1/backoffice/inventory/warehouses"] = StockReaders,
        ["PUT /api/v1/backoffice/inventory/warehouses/{code}"] = StockKeepers,
        ["GET /api/v1/backoffice/inventory/transit-times"] = StockReaders,
        ["PUT /api/v1/backoffice/inventory/warehouses/{code}/transit-times"] = StockKeepers,
        ["PUT /api/v1/backoffice/inventory/reorder-points/{sku}/{code}"] = StockKeepers,
        ["PUT /api/v1/backoffice/inventory/space/{sku}"] = StockKeepers,
        ["GET /api/v1/backoffice/inventory/stock"] = StockReaders,
        ["GET /api/v1/backoffice/inventory/movements"] = StockReaders,
        ["GET /api/v1/backoffice/inventory/consistency"] = StockReaders,
        ["GET /api/v1/backoffice/inventory/receipts"] = StockReaders,
        ["GET /api/v1/backoffice/inventory/reservations"] = StockReaders,
        ["POST /api/v1/backoffice/inventory/receipts"] = StockKeepers,
        ["POST /api/v1/backoffice/inventory/receipts/{receiptId}/receive"] = StockKeepers,
        ["POST /api/v1/backoffice/inventory/adjustments"] = StockKeepers,
        ["POST /api/v1/backoffice/inventory/transfers"] = StockKeepers,
        ["POST /api/v1/backoffice/inventory/scrap"] = StockKeepers,
        ["POST /api/v1/backoffice/inventory/returns"] = StockKeepers,
        ["POST /api/v1/backoffice/inventory/reservations/{reservationId}/pick"] = StockKeepers,
        ["GET /api/v1/backoffice/inventory/replenishment"] = StockReaders,
        ["POST /api/v1/backoffice/inventory/replenishment/{sku}/{code}/order"] = StockKeepers,
        ["GET /api/v1/backoffice/inventory/overstock"] = StockReaders,
        ["GET /api/v1/backoffice/inventory/capacity"] = StockReaders,
        ["GET /api/v1/backoffice/inventory/peak"] = StockReaders,
        ["GET /api/v1/backoffice/fulfillment/orders/{orderId}"] = ShipmentKeepers,
        // Carriers sign their calls instead of signing in: without a valid signature every caller is refused.
        ["POST /api/v1/tracking/webhooks/{carrier}"] = [],
        ["GET /api/v1/feedback/surveys/{token}"] = Everyone,
        ["POST /api/v1/feedback/surveys/{token}"] = Everyone,
        ["GET /api/v1/backoffice/tracking/carrier-messages"] = ShipmentKeepers,
        ["POST /api/v1/backoffice/fulfillment/orders/{orderId}/shipments"] = ShipmentKeepers,
        ["POST /api/v1/backoffice/fulfillment/orders/{orderId}/shipments/from-plan"] = ShipmentKeepers,
        ["POST /api/v1/backoffice/fulfillment/shipments/{shipmentId}/advance"] = ShipmentKeepers,
        ["GET /api/v1/backoffice/tracking/watch-list"] = ShipmentKeepers,
        ["GET /api/v1/backoffice/otif"] = StockReaders,
        ["GET /api/v1/backoffice/feedback/analytics"] = StockReaders,
        ["GET /api/v1/backoffice/feedback/analytics.csv"] = StockReaders,
        ["GET /api/v1/backoffice/tracking/carriers"] = StockReaders,
        ["POST /api/v1/backoffice/tracking/shipments/{shipmentId}/declare-lost"] = ShipmentKeepers,
        ["GET /api/v1/backoffice/shipments/{shipmentId}/delivery-note"] = StockReaders,
        ["GET /api/v1/backoffice/tracking/branding"] = Notifications,
        ["PUT /api/v1/backoffice/tracking/branding"] = Notifications,
        ["GET /api/v1/backoffice/feedback/cases"] = CaseWorkers,
        ["GET /api/v1/backoffice/feedback/cases/{caseId}"] = CaseWorkers,
        ["POST /api/v1/backoffice/feedback/cases/{caseId}/acknowledge"] = CaseWorkers,
        ["POST /api/v1/backoffice/feedback/cases/{caseId}/notes"] = CaseWorkers,
        ["POST /api/v1/backoffice/feedback/cases/{caseId}/resolve"] = CaseWorkers,
        ["POST /api/v1/backoffice/feedback/cases/{caseId}/close"] = CaseWorkers,
        ["POST /api/v1/backoffice/feedback/cases/{caseId}/reassign"] = CaseWorkers,
        ["POST /api/v1/backoffice/feedback/responses/{responseId}/flag"] = CaseWorkers,
        ["GET /api/v1/backoffice/feedback/routing-rules"] = FeedbackKeepers,
        ["POST /api/v1/backoffice/feedback/routing-rules"] = FeedbackKeepers,
        ["DELETE /api/v1/backoffice/feedback/routing-rules/{ruleId}"] = FeedbackKeepers,
        ["GET /api/v1/backoffice/feedback/partners"] = FeedbackKeepers,
        ["POST /api/v1/backoffice/feedback/partners"] = FeedbackKeepers,
        ["POST /api/v1/backoffice/feedback/partners/{partnerId}/users"] = FeedbackKeepers,
        ["GET /api/v1/partner/cases"] = Partners,
        ["GET /api/v1/partner/cases/{caseId}"] = Partners,
        ["POST /api/v1/partner/cases/{caseId}/acknowledge"] = Partners,
        ["POST /api/v1/partner/cases/{caseId}/notes"] = Partners,
        ["POST /api/v1/partner/cases/{caseId}/resolve"] = Partners,
        ["POST /api/v1/partner/cases/{caseId}/close"] = Partners,
    };

    private static readonly IReadOnlyDictionary<Caller, string> KeyScopes = new Dictionary<Caller, string>
    {
        [ErpDirectoryKey] = ApiScopes.ErpDirectory,
        [ErpInventoryKey] = ApiScopes.ErpInventory,
        [ErpOrdersKey] = ApiScopes.ErpOrders,
        [ErpShipmentsKey] = ApiScopes.ErpShipments,
        [ErpContractsKey] = ApiScopes.ErpContracts,
    };

    private sealed record Callers(IReadOnlyDictionary<Caller, HttpClient> Clients, IReadOnlyDictionary<Caller, Guid> UserIds, Guid UserManagementRole);

    private async Task<(Guid Id, HttpClient Client)> NewColleagueAsync(HttpClient mainContact, string name, params Guid[] roleIds)
    {
        var email = $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@{CompanyA.Domain}";
        var response = await mainContact.PostAsJsonAsync("/api/v1/company/users", new { displayName = name, email, roleIds });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), await AcceptInvitationAsync(email));
    }

    private async Task<Callers> CallersAsync()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var clients = new Dictionary<Caller, HttpClient> { [MainContact] = mainContact };
        var ids = new Dictionary<Caller, Guid> { [MainContact] = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Administrator)) };
        (ids[Administrator], clients[Administrator]) = await NewColleagueAsync(mainContact, "Zweitadmin", await RoleIdAsync(mainContact, PredefinedRole.Administrator));
        var role = await mainContact.PostAsJsonAsync("/api/v1/company/roles", new { name = "Benutzerpflege " + Guid.NewGuid().ToString("N")[..6], permissions = new[] { "ManageUsers" } });
        var userManagement = (await role.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (ids[UserManager], clients[UserManager]) = await NewColleagueAsync(mainContact, "Pflege", userManagement);
        foreach (var (caller, predefined) in new[] { (Buyer, PredefinedRole.Buyer), (Approver, PredefinedRole.Approver), (Technician, PredefinedRole.Technician), (Controller, PredefinedRole.Controller) })
        {
            clients[caller] = await SignInAsync(UserOf(CompanyA, predefined));
            ids[caller] = await UserIdAsync(UserOf(CompanyA, predefined));
        }

        clients[BuyerWithCookie] = await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        ids[BuyerWithCookie] = ids[Buyer];
        foreach (var (caller, staffRole) in new[] { (StaffAdmin, StaffRole.Admin), (CustomerService, StaffRole.CustomerService), (Warehouse, StaffRole.Warehouse), (Logistics, StaffRole.Logistics) })
        {
            var email = DemoLogins.Staff.Single(s => s.Role == staffRole).Email;
            clients[caller] = await SignInAsync(email);
            ids[caller] = await UserIdAsync(email);
        }

        var partner = await clients[StaffAdmin].PostAsJsonAsync("/api/v1/backoffice/feedback/partners", new { name = "Matrixpartner " + Guid.NewGuid().ToString("N")[..6] });
        var partnerId = (await partner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var partnerEmail = $"partner-{Guid.NewGuid():N}@partner.example";
        var invited = await clients[StaffAdmin].PostAsJsonAsync($"/api/v1/backoffice/feedback/partners/{partnerId}/users", new { displayName = "Paul Partner", email = partnerEmail });
        Assert.True(invited.IsSuccessStatusCode, await invited.Content.ReadAsStringAsync());
        clients[Partner] = await AcceptInvitationAsync(partnerEmail);
        ids[Partner] = await UserIdAsync(partnerEmail);

        clients[NotSignedIn] = Anonymous();
        foreach (var (caller, scope) in KeyScopes)
        {
            var issued = await clients[StaffAdmin].PostAsJsonAsync("/api/v1/backoffice/api-keys", new { name = caller.ToString(), scopes = new[] { scope } });
            var key = Anonymous();
            key.DefaultRequestHeaders.Add("X-Api-Key", (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
            clients[caller] = key;
        }

        return new Callers(clients, ids, userManagement);
    }

    private async Task<Dictionary<string, string>> RouteValuesAsync(HttpClient mainContact)
    {
        var target = await mainContact.PostAsJsonAsync("/api/v1/company/users", new { displayName = "Matrix Target", email = $"matrix-{Guid.NewGuid():N}@{CompanyA.Domain}" });
        var role = await mainContact.PostAsJsonAsync("/api/v1/company/roles", new { name = "Matrix " + Guid.NewGuid().ToString("N")[..6], permissions = new[] { "ViewCatalog" } });
        return new Dictionary<string, string>
        {
            ["userId"] = (await target.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!,
            ["roleId"] = (await role.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!,
            ["contactId"] = (await InScopeAsync(db => db.ErpContacts.Where(c => c.CustomerNumber == CompanyA.CustomerNumber).Select(c => c.Id).FirstAsync())).ToString(),
            ["sku"] = "NO-SUCH-SKU",
            ["datasheetId"] = Guid.Empty.ToString(),
            ["deliveryId"] = Guid.Empty.ToString(),
            ["messageId"] = Guid.Empty.ToString(),
            ["handler"] = "no-such-handler",
            ["orderId"] = Guid.Empty.ToString(),
            ["absenceId"] = Guid.Empty.ToString(),
            ["listId"] = Guid.Empty.ToString(),
            ["shipmentId"] = Guid.Empty.ToString(),
            ["situation"] = "shipment.delayed",
            ["language"] = "en",
            ["part"] = "Text",
            ["name"] = "erp-customers",
            ["customerNumber"] = "99999",
            ["invoiceNumber"] = "RE-99999",
            ["number"] = "UW-1999-000001",
            ["code"] = "NOPE",
            ["receiptId"] = Guid.Empty.ToString(),
            ["reservationId"] = Guid.Empty.ToString(),
            ["shipmentId"] = Guid.Empty.ToString(),
            ["shipmentReference"] = "PROBE-1",
            ["activationId"] = Guid.Empty.ToString(),
            ["contractId"] = Guid.Empty.ToString(),
            ["carrier"] = "dhl",
            ["token"] = "no-such-survey-token",
            ["caseId"] = Guid.Empty.ToString(),
            ["responseId"] = Guid.Empty.ToString(),
            ["ruleId"] = Guid.Empty.ToString(),
            ["partnerId"] = Guid.Empty.ToString(),
        };
    }

    private static bool Refused(HttpStatusCode status) => status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    [Fact]
    public async Task Every_api_route_is_classified_and_answers_each_caller_as_the_table_says()
    {
        var routes = ApiEndpoint.All(Factory.Services);
        var unclassified = routes.Where(r => !Routes.ContainsKey(r.Key)).Select(r => r.Key).ToList();
        var stale = Routes.Keys.Except(routes.Select(r => r.Key)).ToList();
        Assert.True(unclassified.Count == 0, "Decide who may call these routes and add them to RoleMatrixSpec.Routes:\n" + string.Join('\n', unclassified));
        Assert.True(stale.Count == 0, "These classified routes no longer exist:\n" + string.Join('\n', stale));
        var machineRoutes = routes.Where(r => r.ApiScope is not null).ToList();
        Assert.NotEmpty(machineRoutes);
        Assert.All(machineRoutes, r => Assert.True(Routes[r.Key].Intersect(KeyScopes.Keys).Count() == 1, $"{r.Key}: exactly one key scope may call a machine route, so the other is tried as the wrong one"));

        var callers = await CallersAsync();
        var values = await RouteValuesAsync(callers.Clients[MainContact]);
        var wrong = new List<string>();
        foreach (var route in routes)
        {
            foreach (var (caller, client) in callers.Clients)
            {
                var request = route.Request(values);
                if (route.Key == "POST /api/v1/auth/token")
                {
                    // With the probe's wrong password every caller would be refused; a sign-in is what this route is for.
                    request.Content = JsonContent.Create(new { email = UserOf(CompanyA, PredefinedRole.Technician), password = DemoLogins.Password });
                }

                var response = await client.SendAsync(request);
                var allowed = Routes[route.Key].Contains(caller);
                if (allowed ? Refused(response.StatusCode) || (int)response.StatusCode >= 500 : !Refused(response.StatusCode))
                {
                    wrong.Add($"{caller} on {route}: {(int)response.StatusCode}, expected {(allowed ? "an answer (not 401, 403 or 5xx)" : "401 or 403")}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    /// <param name="Allowed">Everybody else must be refused with 401 or 403; the allowed ones must succeed with 2xx.</param>
    /// <param name="Request">Builds the call for one caller; it may first prepare fresh data, so that every allowed call can really succeed.</param>
    private sealed record KeyAction(string What, Caller[] Allowed, Func<Caller, Task<HttpRequestMessage>> Request);

    private static HttpRequestMessage Json(HttpMethod method, string path, object? body = null) =>
        new(method, path) { Content = body is null ? null : JsonContent.Create(body) };

    private async Task<IReadOnlyList<KeyAction>> KeyActionsAsync(Callers callers)
    {
        var mainContact = callers.Clients[MainContact];
        var administrator = await RoleIdAsync(mainContact, PredefinedRole.Administrator);
        var buyerRole = await RoleIdAsync(mainContact, PredefinedRole.Buyer);
        var mainContactId = callers.UserIds[MainContact];
        var approverId = callers.UserIds[Approver];
        var sku = await InScopeAsync(db => db.Products.Where(p => p.IsActive).OrderBy(p => p.Sku).Select(p => p.Sku).FirstAsync());
        string Unique(string name) => $"{name}-{Guid.NewGuid():N}@{CompanyA.Domain}";
        async Task<string> FreshBuyerAsync()
        {
            var response = await mainContact.PostAsJsonAsync("/api/v1/company/users", new { displayName = "Frisch", email = Unique("frisch"), roleIds = new[] { buyerRole } });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }

        string Self(Caller caller) => callers.UserIds.TryGetValue(caller, out var id) ? id.ToString() : Guid.Empty.ToString();
        var erpCustomer = new { name = "Matrixkunde", mayUseCustomerCenter = false, addresses = new[] { new { kind = "Billing", street = "Weg 1", postalCode = "01067", city = "Dresden", country = "DE" } } };

        return
        [
            new("list the company's users", UserManagers, _ => Task.FromResult(Json(HttpMethod.Get, "/api/v1/company/users"))),
            new("create a buyer", Admins, _ => Task.FromResult(Json(HttpMethod.Post, "/api/v1/company/users", new { displayName = "Neu", email = Unique("neu"), roleIds = new[] { buyerRole } }))),
            new("create a user who manages users", UserManagers, _ => Task.FromResult(Json(HttpMethod.Post, "/api/v1/company/users", new { displayName = "Pflege", email = Unique("pflege"), roleIds = new[] { callers.UserManagementRole } }))),
            new("create another administrator", Admins, _ => Task.FromResult(Json(HttpMethod.Post, "/api/v1/company/users", new { displayName = "Admin", email = Unique("admin"), roleIds = new[] { administrator } }))),
            new("give oneself the Administrator role", [], caller => Task.FromResult(Json(HttpMethod.Put, $"/api/v1/company/users/{Self(caller)}/roles", new { roleIds = new[] { administrator } }))),
            new("make a buyer administrator", Admins, async _ => Json(HttpMethod.Put, $"/api/v1/company/users/{await FreshBuyerAsync()}/roles", new { roleIds = new[] { buyerRole, administrator } })),
            new("rename a colleague", UserManagers, async _ => Json(HttpMethod.Put, $"/api/v1/company/users/{await FreshBuyerAsync()}/name", new { displayName = "Umbenannt" })),
            new("change a colleague's e-mail", UserManagers, async _ => Json(HttpMethod.Put, $"/api/v1/company/users/{await FreshBuyerAsync()}/email", new { email = Unique("anders") })),
            new("change the main contact's e-mail", [MainContact], _ => Task.FromResult(Json(HttpMethod.Put, $"/api/v1/company/users/{mainContactId}/email", new { email = Unique("chef") }))),
            new("rename the main contact", [MainContact], _ => Task.FromResult(Json(HttpMethod.Put, $"/api/v1/company/users/{mainContactId}/name", new { displayName = "Anna Admin" }))),
            new("set the main contact's budget", [MainContact], _ => Task.FromResult(Json(HttpMethod.Put, $"/api/v1/company/users/{mainContactId}/budget", new { maxOrderValue = 50_000m }))),
            new("change the main contact's roles", [], _ => Task.FromResult(Json(HttpMethod.Put, $"/api/v1/company/users/{mainContactId}/roles", new { roleIds = new[] { administrator, callers.UserManagementRole } }))),
            new("designate an approver", [MainContact], _ => Task.FromResult(Json(HttpMethod.Put, $"/api/v1/company/approvers/{approverId}", new { limit = 5000m }))),
            new("remove an approver", [MainContact], async _ =>
            {
                Assert.Equal(HttpStatusCode.OK, (await mainContact.PutAsJsonAsync($"/api/v1/company/approvers/{approverId}", new { limit = 5000m })).StatusCode);
                return Json(HttpMethod.Delete, $"/api/v1/company/approvers/{approverId}");
            }),
            new("define a role", Admins, _ => Task.FromResult(Json(HttpMethod.Post, "/api/v1/company/roles", new { name = "Rolle " + Guid.NewGuid().ToString("N")[..8], permissions = new[] { "ViewCatalog" } }))),
            new("read the audit log", Admins, _ => Task.FromResult(Json(HttpMethod.Get, "/api/v1/company/audit-log"))),
            new("see the budget consumption", Reports, _ => Task.FromResult(Json(HttpMethod.Get, "/api/v1/company/budget-consumption"))),
            new("look into the approvals inbox", Approving, _ => Task.FromResult(Json(HttpMethod.Get, "/api/v1/approvals"))),
            new("place an order within budget", Ordering, _ => Task.FromResult(Json(HttpMethod.Post, "/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = 1 } } }))),
            new("see who one is", SignedIn, _ => Task.FromResult(Json(HttpMethod.Get, "/api/v1/me"))),
            new("list all companies", Companies, _ => Task.FromResult(Json(HttpMethod.Get, "/api/v1/backoffice/companies"))),
            new("issue an API key", Keys, _ => Task.FromResult(Json(HttpMethod.Post, "/api/v1/backoffice/api-keys", new { name = "Matrix", scopes = new[] { ApiScopes.ErpDirectory } }))),
            new("read the stock", StockReaders, _ => Task.FromResult(Json(HttpMethod.Get, "/api/v1/backoffice/inventory/stock"))),
            new("set the space a product takes", StockKeepers, _ => Task.FromResult(Json(HttpMethod.Put, $"/api/v1/backoffice/inventory/space/{sku}", new { spacePerUnit = 0.5m }))),
            new("push a customer from the ERP", [ErpDirectoryKey], _ => Task.FromResult(Json(HttpMethod.Put, $"/api/v1/erp/customers/{Random.Shared.Next(30000, 99999)}", erpCustomer))),
            new("read the order feed as the ERP", [ErpOrdersKey], _ => Task.FromResult(Json(HttpMethod.Get, "/api/v1/erp/orders?since=0&limit=5"))),
            new("ask for a delivery promise as the ERP", [ErpInventoryKey], _ => Task.FromResult(Json(HttpMethod.Post, "/api/v1/erp/delivery-promise", new { country = "DE", postalCode = "70173", lines = new[] { new { sku, quantity = 1 } } }))),
            new("confirm an order as the ERP", [ErpOrdersKey], async _ =>
            {
                var placed = await mainContact.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = 1 } } });
                Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
                var number = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();
                return Json(HttpMethod.Post, $"/api/v1/erp/orders/{number}/confirm", new { erpOrderNumber = "AB-" + Guid.NewGuid().ToString("N")[..8] });
            }),
        ];
    }

    [Fact]
    public async Task Key_actions_succeed_for_exactly_the_callers_the_product_allows_them()
    {
        var callers = await CallersAsync();
        var wrong = new List<string>();
        foreach (var action in await KeyActionsAsync(callers))
        {
            foreach (var (caller, client) in callers.Clients)
            {
                var response = await client.SendAsync(await action.Request(caller));
                var allowed = action.Allowed.Contains(caller);
                if (allowed ? !response.IsSuccessStatusCode : !Refused(response.StatusCode))
                {
                    wrong.Add($"{caller} may {(allowed ? "" : "not ")}{action.What}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public async Task Technicians_see_datasheets_but_neither_prices_nor_ordering()
    {
        var technician = await SignInAsync(UserOf(CompanyA, PredefinedRole.Technician));

        var me = await technician.GetFromJsonAsync<JsonElement>("/api/v1/me");

        var permissions = me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("ViewDatasheets", permissions);
        Assert.DoesNotContain("ViewPrices", permissions);
        Assert.DoesNotContain("PlaceOrders", permissions);
    }

    [Fact]
    public async Task Machine_endpoints_need_an_api_key_with_the_right_scope()
    {
        var admin = await SignInAsync("admin@uhrwerk.example");
        var issued = await (await admin.PostAsJsonAsync("/api/v1/backoffice/api-keys", new { name = "ERP", scopes = new[] { ApiScopes.ErpDirectory } })).Content.ReadFromJsonAsync<JsonElement>();
        var erp = Anonymous();
        erp.DefaultRequestHeaders.Add("X-Api-Key", issued.GetProperty("key").GetString());
        var body = new { name = "Neukunde GmbH", mayUseCustomerCenter = true, addresses = new[] { new { kind = "Billing", street = "Weg 1", postalCode = "01067", city = "Dresden", country = "DE" } } };

        Assert.Equal(HttpStatusCode.Created, (await erp.PutAsJsonAsync("/api/v1/erp/customers/20001", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await erp.PutAsJsonAsync("/api/v1/erp/customers/20001", body)).StatusCode);
        Assert.Contains((await admin.PutAsJsonAsync("/api/v1/erp/customers/20002", body)).StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        var wrongKey = Anonymous();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "uwk_not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.PutAsJsonAsync("/api/v1/erp/customers/20003", body)).StatusCode);
        Assert.Equal("Neukunde GmbH", await InScopeAsync(db => db.ErpCustomers.Where(c => c.CustomerNumber == "20001").Select(c => c.Name).SingleAsync()));
        Assert.False(await InScopeAsync(db => db.Set<ApiKey>().AnyAsync(k => k.Hash == issued.GetProperty("key").GetString())));
    }
}

public sealed class RoleMatrixOnSqlite(SqliteFactory f) : RoleMatrixSpec(f), IClassFixture<SqliteFactory>;

public sealed class RoleMatrixOnPostgres(PostgresFactory f) : RoleMatrixSpec(f), IClassFixture<PostgresFactory>;
