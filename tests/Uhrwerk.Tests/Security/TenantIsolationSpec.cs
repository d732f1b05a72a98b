using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.Domain;

namespace Uhrwerk.Tests.Security;

/// <summary>A user of company B can neither read nor change anything of company A, through any endpoint.</summary>
public abstract class TenantIsolationSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    /// <summary>What a page or answer shown to company B must never contain: company A's name, domain, order number, list name, purchase order reference and contract number.</summary>
    private static List<string> SecretsOf(Dictionary<string, string> idsOfA) =>
        [CompanyA.Name, CompanyA.Domain, idsOfA["orderNumber"], idsOfA["listName"], idsOfA["reference"], idsOfA["contractNumber"]];

    private async Task<Dictionary<string, string>> IdsOfCompanyAAsync()
    {
        var companyA = await CompanyIdAsync(CompanyA);
        var product = await InScopeAsync(db => db.Products.Where(p => p.IsActive).OrderBy(p => p.Sku).Select(p => new { p.Sku, p.PackSize }).FirstAsync());
        var (sku, packSize) = (product.Sku, product.PackSize);
        // Over a hundred pieces, in whole packs: the order waits for approval, so every order action applies to it.
        var quantity = (100 / packSize + 1) * packSize;
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var reference = "PO-A-" + Guid.NewGuid().ToString("N")[..8];
        var order = await buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, purchaseOrderReference = reference, lines = new[] { new { sku, quantity } } });
        Assert.True(order.IsSuccessStatusCode, await order.Content.ReadAsStringAsync());
        var listName = "Liste-A-" + Guid.NewGuid().ToString("N")[..8];
        var list = await buyer.PostAsJsonAsync("/api/v1/order-lists", new { name = listName, lines = new[] { new { sku, quantity = packSize } } });
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var approverId = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Approver));
        var today = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime);
        var absence = await mainContact.PostAsJsonAsync("/api/v1/company/absences", new { userId = approverId, from = today, to = today.AddDays(3) });
        var placed = await order.Content.ReadFromJsonAsync<JsonElement>();
        var shipment = await InScopeAsync(db => Fulfillment.Deliveries.ShipAsync(db, placed.GetProperty("id").GetGuid(), "A-" + Guid.NewGuid().ToString("N")[..8], "NORD", "DHL",
            new Dictionary<string, int> { [sku] = packSize }, today.AddDays(5), today.AddDays(4)));
        var admin = await SignInAsync("admin@uhrwerk.example");
        var contract = await Contracts.ContractSamples.CreateAsync(admin, CompanyA.CustomerNumber, sku, today);
        var buyerOfA = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var responseOfA = await InScopeAsync(async db =>
        {
            var now = Factory.Clock.GetUtcNow();
            var invitation = Uhrwerk.Server.Modules.Feedback.Domain.SurveyInvitation.ForRelationship(companyA, buyerOfA, "TI" + Guid.NewGuid().ToString("N")[..6], now, TimeSpan.FromDays(14), now);
            var response = invitation.Answer(8, null, Uhrwerk.Server.Modules.Feedback.Domain.FeedbackReasons.None, "Kommentar von A " + reference, now);
            db.SurveyInvitations.Add(invitation);
            db.SurveyResponses.Add(response);
            await db.SaveChangesAsync();
            return response.Id;
        });
        var flagged = await admin.PostAsync($"/api/v1/backoffice/feedback/responses/{responseOfA}/flag", null);
        Assert.True(flagged.IsSuccessStatusCode, await flagged.Content.ReadAsStringAsync());
        return new Dictionary<string, string>
        {
            ["shipmentId"] = shipment.Id.ToString(),
            ["contractId"] = contract.GetProperty("id").GetString()!,
            ["caseId"] = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("case").GetProperty("id").GetString()!,
            ["contractNumber"] = contract.GetProperty("number").GetString()!,
            ["orderId"] = placed.GetProperty("id").GetString()!,
            ["orderNumber"] = placed.GetProperty("number").GetString()!,
            ["reference"] = reference,
            ["listName"] = listName,
            ["approverId"] = approverId.ToString(),
            ["listId"] = (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!,
            ["absenceId"] = (await absence.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!,
            ["userId"] = (await UserIdAsync(UserOf(CompanyA, PredefinedRole.Buyer))).ToString(),
            ["roleId"] = (await InScopeAsync(db => db.CompanyRoles.Where(r => r.CompanyId == companyA && r.Predefined == PredefinedRole.Buyer).Select(r => r.Id).SingleAsync())).ToString(),
            ["contactId"] = (await InScopeAsync(db => db.ErpContacts.Where(c => c.CustomerNumber == CompanyA.CustomerNumber).Select(c => c.Id).FirstAsync())).ToString(),
        };
    }

    /// <summary>A hash over every row of every table: any change anywhere shows.</summary>
    private Task<string> DatabaseFingerprintAsync() => InScopeAsync(async db =>
    {
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).Where(t => t is not null).Distinct().Order().ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }

            text.Append(table).Append(':').AppendJoin('\n', rows.Order()).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    });

    [Fact]
    public async Task A_user_of_company_B_gets_404_or_403_for_every_id_of_company_A_on_every_endpoint_and_nothing_changes()
    {
        var endpoints = ApiEndpoint.All(Factory.Services).Where(e => e.IsCustomerSide && e.Parameters.Any()).ToList();
        var unknown = endpoints.SelectMany(e => e.Parameters).Where(p => !ApiEndpoint.CompanyOwnedParameters.Contains(p) && !ApiEndpoint.SharedParameters.Contains(p)).Distinct().ToList();
        Assert.True(unknown.Count == 0, $"Classify these route parameters as company-owned or shared in ApiEndpoint: {string.Join(", ", unknown)}");
        var targets = endpoints.Where(e => e.Parameters.Any(ApiEndpoint.CompanyOwnedParameters.Contains)).ToList();
        Assert.NotEmpty(targets);
        var idsOfA = await IdsOfCompanyAAsync();
        var mainContactOfB = await SignInAsync(UserOf(CompanyB, PredefinedRole.Administrator));
        var before = await DatabaseFingerprintAsync();

        var leaks = new List<string>();
        foreach (var endpoint in targets)
        {
            var response = await mainContactOfB.SendAsync(endpoint.Request(idsOfA));
            if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden))
            {
                leaks.Add($"{endpoint} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(leaks.Count == 0, string.Join('\n', leaks));
        Assert.Equal(before, await DatabaseFingerprintAsync());
    }

    [Fact]
    public async Task Lists_and_reads_of_company_B_never_contain_anything_of_company_A()
    {
        var idsOfA = await IdsOfCompanyAAsync();
        var companyA = await CompanyIdAsync(CompanyA);
        var secretsOfA = idsOfA.Values.Append(companyA.ToString()).Concat(SecretsOf(idsOfA)).ToList();
        var mainContactOfB = await SignInAsync(UserOf(CompanyB, PredefinedRole.Administrator));
        var reads = ApiEndpoint.All(Factory.Services).Where(e => e.IsCustomerSide && e.Method == "GET" && e.Parameters.Count == 0).ToList();
        Assert.NotEmpty(reads);
        // Query parameters a list might read (and some it ignores) carry A's ids and texts: still nothing of A.
        var withAsValues = string.Join('&', new Dictionary<string, string>
        {
            ["company"] = "true", ["reference"] = idsOfA["reference"], ["search"] = idsOfA["listName"], ["userId"] = idsOfA["userId"], ["orderId"] = idsOfA["orderId"],
            ["listId"] = idsOfA["listId"], ["roleId"] = idsOfA["roleId"], ["buyerId"] = idsOfA["userId"], ["companyId"] = companyA.ToString(), ["customerNumber"] = CompanyA.CustomerNumber,
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

        var failures = new List<string>();
        foreach (var endpoint in reads)
        {
            foreach (var query in new[] { "", "?" + withAsValues })
            {
                var request = endpoint.Request(new Dictionary<string, string>());
                request.RequestUri = new Uri(request.RequestUri!.OriginalString + query, UriKind.Relative);
                var response = await mainContactOfB.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{endpoint}{query} answered {(int)response.StatusCode} to company B's main contact: {body}");
                }
                else if (secretsOfA.FirstOrDefault(secret => body.Contains(secret, StringComparison.OrdinalIgnoreCase)) is { } leaked)
                {
                    failures.Add($"{endpoint}{query} shows company A's {leaked}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>
    /// Machine routes serve the supplier's own ERP, which books the orders of every company, so they are scoped by
    /// the API key and its scope, not by a company: no company user reaches them, whichever company's order they name.
    /// </summary>
    [Fact]
    public async Task Machine_routes_refuse_company_users_whatever_order_they_name_and_nothing_changes()
    {
        var idsOfA = await IdsOfCompanyAAsync();
        var machineRoutes = ApiEndpoint.All(Factory.Services).Where(e => e.ApiScope is not null).ToList();
        Assert.Contains(machineRoutes, e => e.Key == "POST /api/v1/erp/orders/{number}/acknowledge");
        var values = new Dictionary<string, string>(idsOfA) { ["number"] = idsOfA["orderNumber"], ["customerNumber"] = CompanyA.CustomerNumber, ["invoiceNumber"] = "RE-99999", ["shipmentReference"] = "PROBE-1" };
        var callers = new[] { await SignInAsync(UserOf(CompanyB, PredefinedRole.Administrator)), await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator)) };
        var before = await DatabaseFingerprintAsync();

        var leaks = new List<string>();
        foreach (var endpoint in machineRoutes)
        {
            foreach (var caller in callers)
            {
                var response = await caller.SendAsync(endpoint.Request(values));
                if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
                {
                    leaks.Add($"{endpoint} answered a company user {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(leaks.Count == 0, string.Join('\n', leaks));
        Assert.Equal(before, await DatabaseFingerprintAsync());
    }

    /// <summary>Requests of company B whose bodies name rows of company A; each must be refused, and nothing may change.</summary>
    private static IEnumerable<(string Method, string Path, object Body)> BodiesNamingA(Dictionary<string, string> a, Dictionary<string, string> b, DateOnly today) =>
    [
        ("PUT", $"/api/v1/company/users/{b["buyerId"]}/roles", new { roleIds = new[] { a["roleId"] } }),
        ("POST", "/api/v1/company/users", new { displayName = "Probe Person", email = $"probe-{Guid.NewGuid():N}@{CompanyB.Domain}", language = "de", roleIds = new[] { a["roleId"] } }),
        ("PUT", $"/api/v1/company/approvers/{b["approverId"]}", new { limit = 100m, forBuyerId = a["userId"] }),
        ("PUT", $"/api/v1/company/approvers/{b["approverId"]}", new { limit = 100m, forRoleId = a["roleId"] }),
        ("POST", "/api/v1/company/absences", new { userId = a["approverId"], from = today.AddDays(10), to = today.AddDays(12) }),
        ("POST", "/api/v1/company/absences", new { userId = b["approverId"], from = today.AddDays(10), to = today.AddDays(12), deputyId = a["approverId"] }),
        ("POST", "/api/v1/me/absences", new { from = today.AddDays(10), to = today.AddDays(12), deputyId = a["approverId"] }),
    ];

    [Fact]
    public async Task Company_A_ids_in_the_bodies_of_company_B_requests_are_refused_and_nothing_changes()
    {
        var idsOfA = await IdsOfCompanyAAsync();
        var idsOfB = new Dictionary<string, string>
        {
            ["buyerId"] = (await UserIdAsync(UserOf(CompanyB, PredefinedRole.Buyer))).ToString(),
            ["approverId"] = (await UserIdAsync(UserOf(CompanyB, PredefinedRole.Approver))).ToString(),
        };
        var today = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime);
        var mainContactOfB = await SignInAsync(UserOf(CompanyB, PredefinedRole.Administrator));
        var before = await DatabaseFingerprintAsync();

        var leaks = new List<string>();
        foreach (var (method, path, body) in BodiesNamingA(idsOfA, idsOfB, today))
        {
            var response = await mainContactOfB.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(body) });
            if ((int)response.StatusCode is < 400 or >= 500)
            {
                leaks.Add($"{method} {path} {JsonSerializer.Serialize(body)} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(leaks.Count == 0, string.Join('\n', leaks));
        Assert.Equal(before, await DatabaseFingerprintAsync());
    }

    [Fact]
    public async Task Company_B_sees_its_own_price_never_the_one_agreed_with_company_A()
    {
        var (companyA, companyB) = (await CompanyIdAsync(CompanyA), await CompanyIdAsync(CompanyB));
        var pricedForA = await InScopeAsync(async db =>
        {
            var pricedForB = db.CustomerPrices.Where(p => p.CompanyId == companyB).Select(p => p.ProductId);
            return await db.CustomerPrices.Where(p => p.CompanyId == companyA && !pricedForB.Contains(p.ProductId))
                .Join(db.Products.Where(p => p.IsActive), p => p.ProductId, p => p.Id, (price, product) => new { product.Sku, product.PackSize, price.Price })
                .OrderBy(p => p.Sku).FirstAsync();
        });
        var (sku, packSize, priceOfA) = (pricedForA.Sku, pricedForA.PackSize, pricedForA.Price);
        var buyerOfB = await SignInAsync(UserOf(CompanyB, PredefinedRole.Buyer));

        var product = await buyerOfB.GetStringAsync($"/api/v1/catalog/products/{Uri.EscapeDataString(sku)}");
        Assert.Equal(HttpStatusCode.OK, (await buyerOfB.PutAsJsonAsync($"/api/v1/cart/lines/{Uri.EscapeDataString(sku)}", new { quantity = packSize })).StatusCode);
        var cart = await buyerOfB.GetStringAsync("/api/v1/cart");

        var shown = priceOfA.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain(shown, product);
        Assert.DoesNotContain(shown, cart);
        Assert.Equal(HttpStatusCode.OK, (await buyerOfB.DeleteAsync($"/api/v1/cart/lines/{Uri.EscapeDataString(sku)}")).StatusCode);
    }

    /// <summary>The portal's pages from the route table, with their route parameters.</summary>
    private IReadOnlyList<(string Pattern, IReadOnlyList<string> Parameters)> PortalPages() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") != false)
            .Select(e => ("/" + e.RoutePattern.RawText!.TrimStart('/'), (IReadOnlyList<string>)e.RoutePattern.Parameters.Select(p => p.Name).ToList()))
            .Distinct().OrderBy(p => p.Item1).ToList();

    /// <summary>Portal route parameters that name rows of one company, and the key of company A's value for each.</summary>
    private static readonly Dictionary<string, string> CompanyOwnedPageParameters = new(StringComparer.OrdinalIgnoreCase) { ["UserId"] = "userId", ["OrderId"] = "orderId", ["ContractId"] = "contractId", ["ShipmentId"] = "shipmentId", ["CaseId"] = "caseId" };

    /// <summary>Portal route parameters that name shared data: a real value of the shared catalog. A public page's token is no id of
    /// company A; any other value must show nothing, which the walk checks with the SKU.</summary>
    private static readonly HashSet<string> SharedPageParameters = new(StringComparer.OrdinalIgnoreCase) { "Sku", "Token" };

    [Fact]
    public async Task Every_portal_page_rendered_for_company_B_with_company_A_ids_shows_nothing_of_company_A()
    {
        var pages = PortalPages();
        Assert.Contains(pages, p => p.Pattern.StartsWith("/orders/{", StringComparison.Ordinal));
        var unknown = pages.SelectMany(p => p.Parameters).Where(p => !CompanyOwnedPageParameters.ContainsKey(p) && !SharedPageParameters.Contains(p)).Distinct().ToList();
        Assert.True(unknown.Count == 0, $"Classify these portal route parameters as company-owned or shared in TenantIsolationSpec: {string.Join(", ", unknown)}");
        var idsOfA = await IdsOfCompanyAAsync();
        var secretsOfA = SecretsOf(idsOfA);
        var sku = await InScopeAsync(db => db.Products.Where(p => p.IsActive).OrderBy(p => p.Sku).Select(p => p.Sku).FirstAsync());
        var mainContactOfB = await SignInWithCookieAsync(UserOf(CompanyB, PredefinedRole.Administrator));
        var query = $"?company=true&reference={Uri.EscapeDataString(idsOfA["reference"])}&search={Uri.EscapeDataString(idsOfA["listName"])}&user={idsOfA["userId"]}";

        var leaks = new List<string>();
        // The back office's pages too: a customer must not reach them, and they show every company.
        foreach (var (pattern, parameters) in pages)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([A-Za-z]+)(:[a-z]+)?\??\}", m =>
                CompanyOwnedPageParameters.TryGetValue(m.Groups[1].Value, out var key) ? idsOfA[key] : Uri.EscapeDataString(sku));
            foreach (var url in new[] { path, path + query })
            {
                var response = await mainContactOfB.GetAsync(url);
                var html = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500)
                {
                    leaks.Add($"{url} answered {(int)response.StatusCode}");
                }
                // Pages may echo the query (e.g. in the language switch), so what the query carried is no leak there.
                else if (secretsOfA.Where(secret => url == path || !query.Contains(Uri.EscapeDataString(secret), StringComparison.Ordinal))
                             .FirstOrDefault(secret => html.Contains(secret, StringComparison.OrdinalIgnoreCase)) is { } leaked)
                {
                    leaks.Add($"{url} ({(int)response.StatusCode}) shows company A's {leaked}");
                }
                else if (parameters.Any(CompanyOwnedPageParameters.ContainsKey) && response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.Forbidden))
                {
                    leaks.Add($"{url} answered {(int)response.StatusCode}, neither refused nor rendered without A's data");
                }
            }
        }

        Assert.True(leaks.Count == 0, string.Join('\n', leaks));
    }
}

public sealed class TenantIsolationOnSqlite(SqliteFactory f) : TenantIsolationSpec(f), IClassFixture<SqliteFactory>;

public sealed class TenantIsolationOnPostgres(PostgresFactory f) : TenantIsolationSpec(f), IClassFixture<PostgresFactory>;
