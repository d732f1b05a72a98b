using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Notifications.Domain;

namespace Uhrwerk.Tests.Platform;

/// <summary>With the Prometheus endpoint switched on, operations see the business in numbers; nobody else sees it.</summary>
public abstract class MetricsSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    public static readonly IReadOnlyDictionary<string, string?> PrometheusOn = new Dictionary<string, string?> { ["Telemetry:Prometheus:Enabled"] = "true" };

    [Fact]
    public async Task After_an_order_the_scrape_shows_it_with_the_round_trips_and_how_far_the_outbox_is_behind()
    {
        var buyer = await ColleagueAsync(CompanyA, "Metrik Einkauf", [PredefinedRole.Buyer], new { });
        var (sku, packSize) = await ProductAsync();
        var order = await JsonAsync(buyer.Client.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = packSize } } }), HttpStatusCode.Created);
        Assert.Equal("Placed", order.GetProperty("status").GetString());

        var scrape = await ScrapeAsync(Anonymous(), HttpStatusCode.OK);

        Assert.True(ValuesOf(scrape, "uhrwerk_orders_placed", "path=\"api\"").Sum() >= 1, scrape);
        Assert.True(ValuesOf(scrape, "uhrwerk_db_round_trips", "http_route=\"/api/v1/orders\"", "_count").Sum() >= 1, scrape);
        Assert.True(ValuesOf(scrape, "uhrwerk_promise_duration", "", "_count").Sum() >= 1, scrape);
        // The specs run without the outbox, so the order's event waits and the notifications are behind.
        Assert.True(ValuesOf(scrape, "uhrwerk_outbox_lag", "handler=\"notifications\"").Max() > 0, scrape);
    }

    [Fact]
    public async Task An_order_from_the_cart_counts_under_the_cart_path()
    {
        var buyer = await ColleagueAsync(CompanyA, "Metrik Warenkorb", [PredefinedRole.Buyer], new { });
        var (sku, packSize) = await ProductAsync();
        await JsonAsync(buyer.Client.PutAsJsonAsync($"/api/v1/cart/lines/{sku}", new { quantity = packSize }), HttpStatusCode.OK);
        var order = await JsonAsync(buyer.Client.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0 }), HttpStatusCode.Created);
        Assert.Equal("Placed", order.GetProperty("status").GetString());

        var scrape = await ScrapeAsync(Anonymous(), HttpStatusCode.OK);

        Assert.True(ValuesOf(scrape, "uhrwerk_orders_placed", "path=\"cart\"").Sum() >= 1, scrape);
    }

    [Fact]
    public async Task A_delivery_given_up_counts_as_a_dead_letter()
    {
        var before = ValuesOf(await ScrapeAsync(Anonymous(), HttpStatusCode.OK), "uhrwerk_dead_letters", "kind=\"delivery\"").Sum();
        await InScopeAsync(async db =>
        {
            var delivery = Delivery.Render(Guid.NewGuid(), null, "probe", Channel.Email, "gone@example.com", "de", new RenderedMessage("Betreff", "Text", null), DateTimeOffset.UtcNow);
            delivery.Abandon("the mailbox is gone");
            db.Deliveries.Add(delivery);
            return await db.SaveChangesAsync();
        });

        var after = ValuesOf(await ScrapeAsync(Anonymous(), HttpStatusCode.OK), "uhrwerk_dead_letters", "kind=\"delivery\"").Sum();

        Assert.Equal(before + 1, after);
    }

    [Fact]
    public async Task The_scrape_is_not_found_from_another_machine_or_through_a_proxy()
    {
        await ScrapeAsync(Visitor("203.0.113.9"), HttpStatusCode.NotFound);
        var proxied = Anonymous();
        proxied.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        await ScrapeAsync(proxied, HttpStatusCode.NotFound);
    }

    private async Task<(string Sku, int PackSize)> ProductAsync()
    {
        var product = await InScopeAsync(db => db.Products.Where(p => p.IsActive && p.Sku.StartsWith("SHS-")).OrderBy(p => p.Sku).Select(p => new { p.Sku, p.PackSize }).FirstAsync());
        return (product.Sku, product.PackSize);
    }

    internal static async Task<string> ScrapeAsync(HttpClient client, HttpStatusCode expected)
    {
        using var response = await client.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"/metrics answered {response.StatusCode}: {body}");
        return body;
    }

    /// <summary>
    /// The values of the samples of <paramref name="metric"/> (any unit suffix) whose labels contain <paramref name="label"/>.
    /// A listener hears every meter of its name in the process, so with the SQLite and PostgreSQL servers of these
    /// specs side by side a gauge comes once per server; specs add them up or take the largest.
    /// </summary>
    private static List<double> ValuesOf(string scrape, string metric, string label, string sample = "")
    {
        var values = new Regex($@"^{metric}(_[a-z]+)*{sample}\{{[^}}]*{Regex.Escape(label)}[^}}]*\}} (?<value>\S+)", RegexOptions.Multiline).Matches(scrape)
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.True(values.Count > 0, $"No sample of {metric}{sample} with {label} in the scrape:\n{scrape}");
        return values;
    }
}

public sealed class SqliteWithMetrics : SqliteFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => MetricsSpec.PrometheusOn;
}

public sealed class PostgresWithMetrics : PostgresFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => MetricsSpec.PrometheusOn;
}

// One after the other: each server's gauges reach the other's scrape, and a count taken before and after must not see the other's write.
[Collection(nameof(MetricsSpec))]
public sealed class MetricsOnSqlite(SqliteWithMetrics f) : MetricsSpec(f), IClassFixture<SqliteWithMetrics>;

[Collection(nameof(MetricsSpec))]
public sealed class MetricsOnPostgres(PostgresWithMetrics f) : MetricsSpec(f), IClassFixture<PostgresWithMetrics>;

/// <summary>By default there is no scrape endpoint at all.</summary>
public sealed class MetricsOffByDefault(SqliteFactory f) : IntegrationTest(f), IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task Without_the_setting_the_scrape_is_not_found_even_from_this_machine() =>
        await MetricsSpec.ScrapeAsync(Anonymous(), HttpStatusCode.NotFound);
}
