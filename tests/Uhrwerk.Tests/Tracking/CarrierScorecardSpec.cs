using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Tests.Tracking;

/// <summary>
/// The carrier scorecard over a fixed set of tracked shipments in June 2026 (Berlin summer time), with Corpus Christi (Thursday 4 June)
/// a holiday in Augsburg (DE-86) but a working day in Berlin (DE-10).
/// </summary>
public abstract class CarrierScorecardSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private static readonly TimeSpan Summer = TimeSpan.FromHours(2);
    private const string Period = "from=2026-06-01&to=2026-06-14";

    private static DateTimeOffset June(int day, int hour) => new(2026, 6, day, hour, 0, 0, Summer);

    private static ScanReport Scan(string id, DateTimeOffset at, TrackingStatus status) => new(id, at, status, null, status.ToString(), null, null, null);

    private async Task<Guid> TrackedAsync(string carrier, string warehouse, string postalCode, DateTimeOffset shippedAt, int promisedDay, params ScanReport[] scans)
    {
        var companyId = await CompanyIdAsync(CompanyA);
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
        var number = "SC" + Guid.NewGuid().ToString("N")[..10];
        var tracked = TrackedShipment.Start(
            new ShipmentToTrack(Guid.NewGuid(), companyId, Guid.NewGuid(), "UW-2026-000001", number, warehouse, carrier, "Paket", DateOnly.FromDateTime(shippedAt.DateTime),
                new DateOnly(shippedAt.Year, shippedAt.Month, promisedDay), shippedAt.ToUniversalTime(), postalCode, "DE", [number]),
            shippedAt.ToUniversalTime());
        if (scans.Length > 0)
        {
            tracked.Record(scans.Select(s => s with { EventId = number + s.EventId }).ToList(), shippedAt.ToUniversalTime());
        }

        db.TrackedShipments.Add(tracked);
        await db.SaveChangesAsync();
        return tracked.ShipmentId;
    }

    /// <summary>
    /// Paketblitz: eight shipments in the period (four delivered on time, one late after a failed attempt, three lost: expired after an
    /// exception, silent for more than ten days, declared lost), one shipped the evening before; Eilkurier: one late delivery.
    /// </summary>
    private async Task<Guid> FixedDataSetAsync()
    {
        await TrackedAsync("Paketblitz", "DO", "86150", June(1, 0).AddMinutes(-30), 3, Scan("d", June(2, 12), TrackingStatus.Delivered));
        await TrackedAsync("Paketblitz", "DO", "86150", June(1, 10), 3, Scan("t", June(1, 18), TrackingStatus.InTransit), Scan("d", June(3, 14), TrackingStatus.Delivered));
        await TrackedAsync("Paketblitz", "DO", "86150", June(2, 10), 5,
            Scan("t", June(2, 18), TrackingStatus.InTransit), Scan("a", June(5, 11), TrackingStatus.AttemptFail), Scan("d", June(8, 11), TrackingStatus.Delivered));
        await TrackedAsync("Paketblitz", "DO", "10115", June(3, 10), 5, Scan("d", June(4, 15), TrackingStatus.Delivered));
        await TrackedAsync("Paketblitz", "HH", "20095", June(1, 9), 3, Scan("d", June(2, 10), TrackingStatus.Delivered));
        await TrackedAsync("Paketblitz", "DO", "10115", June(8, 10), 10, Scan("x", June(9, 9), TrackingStatus.Exception), Scan("e", June(20, 9), TrackingStatus.Expired));
        await TrackedAsync("Paketblitz", "DO", "86150", June(9, 10), 11, Scan("t", June(9, 18), TrackingStatus.InTransit));
        // Scanned a moment ago, so only the declaration makes it lost.
        var declaredLost = await TrackedAsync("Paketblitz", "DO", "86150", June(10, 10), 12,
            Scan("t", June(10, 18), TrackingStatus.InTransit), Scan("n", Factory.Clock.GetUtcNow(), TrackingStatus.InTransit));
        await TrackedAsync("Paketblitz", "DO", "86150", June(11, 10), 15, Scan("d", June(15, 9), TrackingStatus.Delivered));
        await TrackedAsync("Eilkurier", "DO", "86150", June(1, 10), 3, Scan("d", June(5, 16), TrackingStatus.Delivered));
        return declaredLost;
    }

    private static void Figures(JsonElement f, int shipments, decimal? onTime, decimal? median, int? p90, decimal? exceptions, decimal? failed, decimal? lost)
    {
        static decimal? Number(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDecimal();
        Assert.Equal(
            (shipments, onTime, median, (decimal?)p90, exceptions, failed, lost),
            (f.GetProperty("shipments").GetInt32(), Number(f.GetProperty("onTimeRate")), Number(f.GetProperty("medianTransitDays")), Number(f.GetProperty("p90TransitDays")),
                Number(f.GetProperty("exceptionRate")), Number(f.GetProperty("failedAttemptRate")), Number(f.GetProperty("lostRate"))));
    }

    [Fact]
    public async Task Scorecard_figures_per_carrier_lane_and_week_match_a_fixed_data_set()
    {
        var declaredLost = await FixedDataSetAsync();
        var warehouse = await SignInAsync(DemoLogins.Staff.Single(s => s.Role == StaffRole.Warehouse).Email);
        await NoContentAsync(warehouse.PostAsync($"/api/v1/backoffice/tracking/shipments/{declaredLost}/declare-lost", null));
        var staff = await SignInAsync(DemoLogins.Staff.Single(s => s.Role == StaffRole.Logistics).Email);

        var report = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/backoffice/tracking/carriers?{Period}");

        var carriers = report.GetProperty("carriers").EnumerateArray().ToDictionary(c => c.GetProperty("carrier").GetString()!);
        Assert.Equal(["eilkurier", "paketblitz"], carriers.Keys.Order());
        var blitz = carriers["paketblitz"];
        // Transit [2, 3, 1, 2, 1] working days: 3 for 2 → 8 June over Corpus Christi in Augsburg, 1 for 3 → 4 June in Berlin.
        Figures(blitz.GetProperty("figures"), 8, 0.5m, 2m, 3, 0.125m, 0.125m, 0.375m);
        var lanes = blitz.GetProperty("lanes").EnumerateArray().ToDictionary(l => $"{l.GetProperty("warehouse").GetString()}>{l.GetProperty("zone").GetString()}", l => l.GetProperty("figures"));
        Assert.Equal(["DO>DE-10", "DO>DE-86", "HH>DE-20"], lanes.Keys.Order());
        Figures(lanes["DO>DE-86"], 5, 0.4m, 2m, 3, 0m, 0.2m, 0.4m);
        Figures(lanes["DO>DE-10"], 2, 0.5m, 1m, 1, 0.5m, 0m, 0.5m);
        Figures(lanes["HH>DE-20"], 1, 1m, 1m, 1, 0m, 0m, 0m);
        var weeks = blitz.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal([23, 24], weeks.Select(w => w.GetProperty("week").GetInt32()));
        Figures(weeks[0].GetProperty("figures"), 4, 0.75m, 1.5m, 3, 0m, 0.25m, 0m);
        Figures(weeks[1].GetProperty("figures"), 4, 0.25m, 2m, 2, 0.25m, 0m, 0.75m);
        Figures(carriers["eilkurier"].GetProperty("figures"), 1, 0m, 3m, 3, 0m, 0m, 0m);

        var fromHamburg = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/backoffice/tracking/carriers?{Period}&warehouse=hh&carrier=PAKETBLITZ");
        Figures(fromHamburg.GetProperty("carriers").EnumerateArray().Single().GetProperty("figures"), 1, 1m, 1m, 1, 0m, 0m, 0m);

        // The same figures as a page with the charts drawn on the server.
        var page = await (await SignInWithCookieAsync(DemoLogins.Staff.Single(s => s.Role == StaffRole.Logistics).Email)).GetStringAsync($"/backoffice/tracking/carriers?{Period}");
        Assert.Matches("<figure id=\"scorecard-trend\"[^>]*><svg", page);
        Assert.Matches("<figure id=\"scorecard-transit\"[^>]*><svg", page);
        Assert.Matches(new Regex("<tbody data-carrier=\"paketblitz\">\\s*<tr class=\"carrier\"><th scope=\"row\">paketblitz</th><td>Alle</td><td class=\"num shipments\">8</td><td class=\"num on-time\">50,0\\s?%</td>.*?<td class=\"num lost\">37,5\\s?%</td>",
            RegexOptions.Singleline), page);
    }

    [Fact]
    public async Task A_delivered_shipment_cannot_be_declared_lost_and_an_unknown_one_is_not_found()
    {
        var delivered = await TrackedAsync("Zustellprofi", "DO", "86150", June(1, 10).AddMonths(1), 3, Scan("d", June(3, 14).AddMonths(1), TrackingStatus.Delivered));
        var warehouse = await SignInAsync(DemoLogins.Staff.Single(s => s.Role == StaffRole.Warehouse).Email);

        await ProblemOf(await warehouse.PostAsync($"/api/v1/backoffice/tracking/shipments/{delivered}/declare-lost", null), HttpStatusCode.Conflict);
        await ProblemOf(await warehouse.PostAsync($"/api/v1/backoffice/tracking/shipments/{Guid.NewGuid()}/declare-lost", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused()
    {
        var staff = await SignInAsync(DemoLogins.Staff.Single(s => s.Role == StaffRole.Admin).Email);

        var problem = await ProblemOf(await staff.GetAsync("/api/v1/backoffice/tracking/carriers?from=2026-06-14&to=2026-06-01"), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("from", out _));
    }
}

public sealed class CarrierScorecardOnSqlite(SqliteFactory f) : CarrierScorecardSpec(f), IClassFixture<SqliteFactory>;

public sealed class CarrierScorecardOnPostgres(PostgresFactory f) : CarrierScorecardSpec(f), IClassFixture<PostgresFactory>;
