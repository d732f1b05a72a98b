using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;

namespace Uhrwerk.Tests.Platform;

/// <summary>With the Prometheus endpoint switched on, operations see the business in numbers; nobody else sees it.</summary>
public abstract class MetricsSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    public static readonly IReadOnlyDictionary<string, string?> PrometheusOn = new Dictionary<string, string?> { ["Telemetry:Prometheus:Enabled"] = "true" };

    [Fact]
    public async Task After_an_order_the_scrape_shows_it_with_the_round_trips_and_how_far_the_outbox_is_behind()
    {
        var buyer = await ColleagueAsync(CompanyA, "Metrik Einkauf", [PredefinedRole.Buyer], new { });
        var sku = await InScopeAsync(db => db.Products.Where(p => p.IsActive && p.Sku.StartsWith("SHS-")).OrderBy(p => p.Sku).Select(p => new { p.Sku, p.PackSize }).FirstAsync());
        var order = await JsonAsync(buyer.Client.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku = sku.Sku, quantity = sku.PackSize } } }), HttpStatusCode.Created);
        Assert.Equal("Placed", order.GetProperty("status").GetString());

        var scrape = await ScrapeAsync(Anonymous(), HttpStatusCode.OK);

        Assert.True(ValueOf(scrape, "uhrwerk_orders_placed", "path=\"api\"") >= 1, scrape);
        Assert.True(ValueOf(scrape, "uhrwerk_db_round_trips", "http_route=\"/api/v1/orders\"", "_count") >= 1, scrape);
        Assert.True(ValueOf(scrape, "uhrwerk_promise_duration", "", "_count") >= 1, scrape);
        // The specs run without the outbox, so the order's event waits and the notifications are behind.
        Assert.True(ValueOf(scrape, "uhrwerk_outbox_lag", "handler=\"notifications\"") > 0, scrape);
        Assert.Equal(0, ValueOf(scrape, "uhrwerk_dead_letters", "kind=\"delivery\""));
    }

    [Fact]
    public async Task The_scrape_is_not_found_from_another_machine_or_through_a_proxy()
    {
        await ScrapeAsync(Visitor("203.0.113.9"), HttpStatusCode.NotFound);
        var proxied = Anonymous();
        proxied.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        await ScrapeAsync(proxied, HttpStatusCode.NotFound);
    }

    internal static async Task<string> ScrapeAsync(HttpClient client, HttpStatusCode expected)
    {
        using var response = await client.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"/metrics answered {response.StatusCode}: {body}");
        return body;
    }

    /// <summary>The value of the first sample of <paramref name="metric"/> (any unit suffix) whose labels contain <paramref name="label"/>.</summary>
    private static double ValueOf(string scrape, string metric, string label, string sample = "")
    {
        var line = new Regex($@"^{metric}(_[a-z]+)*{sample}\{{[^}}]*{Regex.Escape(label)}[^}}]*\}} (?<value>\S+)", RegexOptions.Multiline).Match(scrape);
        Assert.True(line.Success, $"No sample of {metric}{sample} with {label} in the scrape:\n{scrape}");
        return double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture);
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

public sealed class MetricsOnSqlite(SqliteWithMetrics f) : MetricsSpec(f), IClassFixture<SqliteWithMetrics>;

public sealed class MetricsOnPostgres(PostgresWithMetrics f) : MetricsSpec(f), IClassFixture<PostgresWithMetrics>;

/// <summary>By default there is no scrape endpoint at all.</summary>
public sealed class MetricsOffByDefault(SqliteFactory f) : IntegrationTest(f), IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task Without_the_setting_the_scrape_is_not_found_even_from_this_machine() =>
        await MetricsSpec.ScrapeAsync(Anonymous(), HttpStatusCode.NotFound);
}
