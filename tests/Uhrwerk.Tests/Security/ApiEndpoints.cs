using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Tests.Security;

/// <summary>
/// Every API endpoint, read from the server's route table, with a request that would be valid
/// for it. A new endpoint with a route parameter or a body this class does not know makes the
/// security tests fail until it is added here, so no endpoint escapes them.
/// </summary>
public sealed record ApiEndpoint(string Method, string Pattern, IReadOnlyList<Permission>? Permissions, string? ApiScope, bool Anonymous, bool AcceptsBody, IReadOnlyList<string> Parameters)
{
    /// <summary>Route parameters that name rows of one company.</summary>
    public static readonly IReadOnlySet<string> CompanyOwnedParameters = new HashSet<string> { "userId", "roleId", "contactId", "orderId", "absenceId", "listId", "contractId", "shipmentId" };

    /// <summary>Route parameters that name shared or non-company data; isolation does not apply to them.</summary>
    public static readonly IReadOnlySet<string> SharedParameters = new HashSet<string> { "sku", "datasheetId", "name", "customerNumber", "invoiceNumber", "code", "receiptId", "reservationId", "shipmentId", "shipmentReference", "token" };

    private static readonly Dictionary<string, object> SampleBodies = new()
    {
        ["POST /api/v1/company/users"] = new { displayName = "Probe Person", email = $"probe-{Guid.NewGuid():N}@probe.example", language = "de" },
        ["PUT /api/v1/company/users/{userId}/name"] = new { displayName = "Probe Name" },
        ["PUT /api/v1/company/users/{userId}/email"] = new { email = $"probe-{Guid.NewGuid():N}@probe.example" },
        ["PUT /api/v1/company/users/{userId}/roles"] = new { roleIds = Array.Empty<Guid>() },
        ["PUT /api/v1/company/users/{userId}/budget"] = new { maxQuantityPerOrder = 5 },
        ["POST /api/v1/company/roles"] = new { name = "Probe " + Guid.NewGuid().ToString("N")[..6], permissions = new[] { "ViewCatalog" } },
        ["PUT /api/v1/company/roles/{roleId}"] = new { name = "Probe role", permissions = new[] { "ViewCatalog" } },
        ["POST /api/v1/backoffice/api-keys"] = new { name = "probe", scopes = new[] { ApiScopes.ErpDirectory } },
        ["POST /api/v1/backoffice/activations/{activationId}/refuse"] = new { reason = "probe" },
        ["POST /api/v1/backoffice/webhooks"] = new { name = "probe", url = "http://10.0.0.1/hook", eventTypes = new[] { "ContactChanged" } },
        ["PUT /api/v1/backoffice/templates/{situation}/{language}/{part}"] = new { source = "{{ display_name }}" },
        ["POST /api/v1/backoffice/templates/{situation}/{language}/preview"] = new { subject = "Probe" },
        ["PUT /api/v1/me/mobile"] = new { mobile = "+49 170 7654321" },
        ["PUT /api/v1/me/notification-preferences"] = new { situation = "shipment.delayed", channel = "Sms", enabled = false },
        ["PUT /api/v1/me/relationship-survey"] = new { optedIn = false },
        ["PUT /api/v1/erp/customers/{customerNumber}"] = new { name = "Probe", mayUseCustomerCenter = false, addresses = new[] { new { kind = "Billing", street = "A 1", postalCode = "10115", city = "Berlin", country = "DE" } } },
        ["PUT /api/v1/erp/invoices/{invoiceNumber}"] = new { customerNumber = "99999", date = "2026-10-01", total = 1m },
        ["PUT /api/v1/erp/contacts"] = new { customerNumber = "99999", name = "Probe", email = "probe@probe.example" },
        ["PUT /api/v1/cart/lines/{sku}"] = new { quantity = 1 },
        ["POST /api/v1/cart/quick-order"] = new { lines = "NO-SUCH-SKU 1" },
        ["POST /api/v1/orders"] = new { addressIndex = 0 },
        ["POST /api/v1/orders/{orderId}/approve"] = new { comment = "probe" },
        ["POST /api/v1/orders/{orderId}/reject"] = new { comment = "probe" },
        ["PUT /api/v1/orders/{orderId}/approver-edit"] = new { lines = new[] { new { sku = "NO-SUCH-SKU", quantity = 1 } } },
        ["POST /api/v1/orders/{orderId}/resubmit"] = new { lines = new[] { new { sku = "NO-SUCH-SKU", quantity = 1 } }, addressIndex = 0, comment = "probe" },
        ["POST /api/v1/orders/{orderId}/withdraw"] = new { comment = "probe" },
        ["POST /api/v1/orders/{orderId}/cancel"] = new { comment = "probe" },
        ["POST /api/v1/orders/{orderId}/messages"] = new { text = "probe" },
        ["PUT /api/v1/company/approvers/{userId}"] = new { limit = 100m },
        ["POST /api/v1/company/absences"] = new { userId = Guid.Empty, from = "2026-12-01", to = "2026-12-02" },
        ["POST /api/v1/order-lists"] = new { name = "Probe", lines = new[] { new { sku = "NO-SUCH-SKU", quantity = 1 } } },
        ["POST /api/v1/me/absences"] = new { from = "2026-12-01", to = "2026-12-02" },
        ["POST /api/v1/delivery-promise"] = new { country = "DE", postalCode = "70173", lines = new[] { new { sku = "NO-SUCH-SKU", quantity = 1 } } },
        ["POST /api/v1/erp/orders/{number}/acknowledge"] = new { erpOrderNumber = "PROBE-1" },
        ["POST /api/v1/erp/delivery-promise"] = new { country = "DE", postalCode = "70173", lines = new[] { new { sku = "NO-SUCH-SKU", quantity = 1 } } },
        ["POST /api/v1/erp/orders/{number}/confirm"] = new { erpOrderNumber = "AB-PROBE", lines = new[] { new { sku = "NO-SUCH-SKU", deliveryDate = "2030-01-07" } } },
        ["POST /api/v1/erp/orders/{number}/shipped"] = new { lines = new[] { new { sku = "NO-SUCH-SKU", quantity = 1 } }, trackingNumbers = new[] { "PROBE-1" } },
        ["POST /api/v1/erp/orders/{number}/invoiced"] = new { invoiceNumber = "RE-PROBE", invoiceDate = "2030-01-07" },
        ["PUT /api/v1/erp/shipments/{shipmentReference}"] = new { orderNumber = "UW-1999-000001", warehouseCode = "NOPE", status = "Shipped", lines = new[] { new { sku = "NO-SUCH-SKU", quantity = 1 } } },
        ["POST /api/v1/contracts/{contractId}/call-offs"] = new { lineId = Guid.Empty, quantity = 1, requestedDate = "2030-01-07" },
        ["POST /api/v1/backoffice/contracts"] = new { customerNumber = "99999", number = "PROBE-" + Guid.NewGuid().ToString("N")[..8], validFrom = "2030-01-01", validTo = "2030-12-31", lines = new[] { new { sku = "NO-SUCH-SKU", contractedQuantity = 1, unitPrice = 1m } } },
        ["POST /api/v1/erp/contracts"] = new { customerNumber = "99999", number = "PROBE-" + Guid.NewGuid().ToString("N")[..8], validFrom = "2030-01-01", validTo = "2030-12-31", lines = new[] { new { sku = "NO-SUCH-SKU", contractedQuantity = 1, unitPrice = 1m } } },
        ["PUT /api/v1/backoffice/inventory/warehouses/{code}"] = new { name = "Probe", street = "Probeweg 1", postalCode = "10115", city = "Berlin", state = "BE", cutOff = "14:00", handlingDays = 1, capacity = 0m },
        ["PUT /api/v1/backoffice/inventory/warehouses/{code}/transit-times"] = new { carrier = "Probe", country = "DE", days = 99 },
        ["PUT /api/v1/backoffice/inventory/reorder-points/{sku}/{code}"] = new { min = 10, max = 1, multiple = 1, leadTimeDays = 1 },
        ["PUT /api/v1/backoffice/inventory/space/{sku}"] = new { spacePerUnit = -1m },
        ["POST /api/v1/backoffice/inventory/receipts"] = new { sku = "NO-SUCH-SKU", warehouseCode = "NOPE", quantity = 1, expectedOn = "2030-01-07", reference = "Probe" },
        ["POST /api/v1/backoffice/inventory/receipts/{receiptId}/receive"] = new { quantity = 1 },
        ["POST /api/v1/backoffice/inventory/adjustments"] = new { sku = "NO-SUCH-SKU", warehouseCode = "NOPE", quantity = 1, reason = "Probe" },
        ["POST /api/v1/backoffice/inventory/transfers"] = new { sku = "NO-SUCH-SKU", fromWarehouse = "NOPE", toWarehouse = "NADA", quantity = 1, expectedOn = "2030-01-07" },
        ["POST /api/v1/backoffice/inventory/scrap"] = new { sku = "NO-SUCH-SKU", warehouseCode = "NOPE", quantity = 1, reason = "Probe" },
        ["POST /api/v1/backoffice/inventory/returns"] = new { sku = "NO-SUCH-SKU", warehouseCode = "NOPE", quantity = 1, reference = "Probe" },
        ["POST /api/v1/backoffice/inventory/replenishment/{sku}/{code}/order"] = new { reference = "Probe" },
        ["POST /api/v1/backoffice/fulfillment/orders/{orderId}/shipments"] = new { warehouseCode = "NOPE", plannedShipDate = "2030-01-07", lines = new[] { new { position = 1, quantity = 1 } } },
        ["POST /api/v1/backoffice/fulfillment/shipments/{shipmentId}/advance"] = new { to = "Picking" },
        ["PUT /api/v1/backoffice/tracking/branding"] = new { primaryColour = "#1F4E79", accentColour = "#8A4B08" },
        ["POST /api/v1/backoffice/feedback/cases/{caseId}/notes"] = new { text = "probe", visibleToCustomer = false },
        ["POST /api/v1/backoffice/feedback/cases/{caseId}/resolve"] = new { resolution = "probe" },
        ["POST /api/v1/backoffice/feedback/cases/{caseId}/reassign"] = new { team = "CustomerService" },
        ["POST /api/v1/backoffice/feedback/routing-rules"] = new { name = "Probe", priority = 1000, team = "CustomerService" },
        ["POST /api/v1/backoffice/feedback/partners"] = new { name = "Probe " + Guid.NewGuid().ToString("N")[..8] },
        ["POST /api/v1/backoffice/feedback/partners/{partnerId}/users"] = new { displayName = "Probe Partner", email = $"probe-{Guid.NewGuid():N}@probe.example" },
        ["POST /api/v1/partner/cases/{caseId}/notes"] = new { text = "probe", visibleToCustomer = false },
        ["POST /api/v1/partner/cases/{caseId}/resolve"] = new { resolution = "probe" },
        ["POST /api/v1/auth/token"] = new { email = "nobody@probe.example", password = "wrong password" },
        ["POST /api/v1/feedback/surveys/{token}"] = new { nps = 9, csat = 4, reasons = new[] { "Punctuality" }, comment = "Probe" },
        ["POST /api/v1/activation"] = new { customerNumber = "0", invoiceNumber = "0", email = "probe@probe.example" },
        ["POST /api/v1/account/password"] = new { userId = Guid.Empty, token = "x", password = "probe probe probe" },
        ["POST /api/v1/account/email-confirmation"] = new { userId = Guid.Empty, email = "probe@probe.example", token = "x" },
        ["POST /api/v1/account/email-change-report"] = new { userId = Guid.Empty, email = "probe@probe.example", token = "x" },
    };

    public string Key => $"{Method} {Normalized}";

    /// <summary>The pattern without route constraints, e.g. /api/v1/company/users/{userId}.</summary>
    public string Normalized => System.Text.RegularExpressions.Regex.Replace(Pattern, ":[a-z]+}", "}");

    public bool IsStaffOnly => Permissions is { } p && p.All(permission => (int)permission >= 100);

    public bool IsCustomerSide => !Anonymous && ApiScope is null && !IsStaffOnly;

    public bool IsUpload => Pattern.StartsWith("/api/v1/backoffice/imports/", StringComparison.Ordinal) && Method == "POST";

    public static IReadOnlyList<ApiEndpoint> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new ApiEndpoint(
                method,
                "/" + e.RoutePattern.RawText!.TrimStart('/').TrimEnd('/'),
                e.Metadata.GetMetadata<RequiresPermission>()?.AnyOf,
                e.Metadata.GetMetadata<RequiresApiScope>()?.Scope,
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                e.Metadata.GetMetadata<IAcceptsMetadata>() is not null,
                e.RoutePattern.Parameters.Select(p => p.Name).ToList())))
            .OrderBy(e => e.Pattern).ThenBy(e => e.Method)
            .ToList();

    public HttpRequestMessage Request(IReadOnlyDictionary<string, string> values)
    {
        var path = Normalized;
        foreach (var parameter in Parameters)
        {
            if (!values.TryGetValue(parameter, out var value))
            {
                throw new InvalidOperationException($"{Key}: no value for the route parameter '{parameter}'. Add it to the security tests' parameter values.");
            }

            path = path.Replace("{" + parameter + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        var request = new HttpRequestMessage(new HttpMethod(Method), path);
        if (IsUpload)
        {
            var form = new MultipartFormDataContent { { new StringContent("customer_number;name\n"), "file", "probe.csv" } };
            request.Content = form;
        }
        else if (AcceptsBody)
        {
            if (!SampleBodies.TryGetValue(Key, out var body))
            {
                throw new InvalidOperationException($"{Key} takes a body but the security tests have no sample for it. Add one to ApiEndpoint.SampleBodies.");
            }

            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    public override string ToString() => Key;
}
