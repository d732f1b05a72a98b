using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Fulfillment.AdvanceShipment;
using Uhrwerk.Server.Modules.Fulfillment.Domain;
using Uhrwerk.Server.Modules.Fulfillment.Otif;
using Uhrwerk.Server.Modules.Fulfillment.PlanShipments;
using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Inventory.Domain;
using Uhrwerk.Server.Modules.Inventory.StockKeeping;
using Uhrwerk.Server.Modules.Ordering;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Modules.Ordering.PlaceOrder;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Modules.Tracking.RecordScans;
using Uhrwerk.Server.Modules.Tracking.WatchDelays;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Outbox;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Simulation;

/// <summary>How one group of shipments kept its promises: late deliveries and how many of them the customer was told of before the promised day ended.</summary>
public sealed record PromiseFigures(string Name, int Shipments, int Delivered, int OnTime, int Late, int AnnouncedInTime, double? MedianWarningHours, int Lost)
{
    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-12} shipments {Shipments,5}  delivered {Delivered,5}  on time {Rate(OnTime, Delivered),6}  late {Late,4}  told before promised day {AnnouncedInTime,4} ({Rate(AnnouncedInTime, Late),6})  median warning {(MedianWarningHours is { } h ? $"{h:0.0} h" : "–"),8}  lost {Lost,3}");

    private static string Rate(int count, int of) => of == 0 ? "–" : ((double)count / of).ToString("P1", CultureInfo.InvariantCulture);
}

public sealed record SimulationResult(SimulationOptions Options, DateOnly From, DateOnly To, int OrdersPlaced, int OrdersAwaitingApproval, int OrdersRefused, int ReceiptsLate, int ReceiptsRefused,
    OtifCounts Lines, OtifCounts Orders, PromiseFigures Total, IReadOnlyList<PromiseFigures> Carriers, IReadOnlyList<PromiseFigures> Warehouses)
{
    public string Report()
    {
        var o = Options;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Promise simulation {From:yyyy-MM-dd} – {To:yyyy-MM-dd}, seed {o.Seed}, {o.OrdersPerDay} orders per working day; rates: delay {o.DelayRate:0.###}, failed attempt {o.FailedAttemptRate:0.###}, loss {o.LossRate:0.###}, late receipt {o.LateReceiptRate:0.###}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Orders placed {OrdersPlaced}, awaiting approval {OrdersAwaitingApproval}, refused {OrdersRefused}; receipts arrived late {ReceiptsLate}, refused by Inventory {ReceiptsRefused}");
        text.AppendLine(CultureInfo.InvariantCulture, $"OTIF against the promised date: lines {Percent(Lines.OtifRate)} of {Lines.Measured} (on time {Percent(Lines.OnTimeRate)}, in full {Percent(Lines.InFullRate)}), orders {Percent(Orders.OtifRate)} of {Orders.Measured}");
        text.AppendLine(Total.Line());
        text.AppendLine("Per carrier:");
        Carriers.ToList().ForEach(c => text.AppendLine("  " + c.Line()));
        text.AppendLine("Per warehouse:");
        Warehouses.ToList().ForEach(w => text.AppendLine("  " + w.Line()));
        return text.ToString();
    }

    private static string Percent(decimal? rate) => rate is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "–";
}

/// <summary>
/// Plays days of business through the real services with a simulated clock: orders from the demo companies through the real order placement,
/// shipments planned and shipped through Fulfillment, inbound receipts that come late, carrier scans through the <see cref="TrackingLedger"/>
/// with delays, failed attempts and losses, and every event handled in-process after each step, as the outbox worker would. The same seed
/// gives the same figures: every draw comes from one seeded <see cref="Random"/> in an order fixed by names and numbers, never by ids.
/// </summary>
internal sealed class PromiseSimulation(IServiceProvider services, SimulationClock clock, SimulationOptions options)
{
    private static readonly string[] CarrierNames = ["DHL", "UPS"];
    private const int LostAfterDays = 10;
    private const int ReorderBelow = 15;

    private readonly Random random = new(options.Seed);
    private readonly Dictionary<string, (string Carrier, List<(DateOnly Day, ScanReport Scan)> Scans)> journeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateOnly> receiptArrivals = new(StringComparer.Ordinal);
    private readonly HashSet<string> reordered = new(StringComparer.Ordinal);
    private int trackingNumbers;
    private int receipts;
    private int placed;
    private int awaitingApproval;
    private int refused;
    private int receiptsLate;
    private int receiptsRefused;

    public async Task<SimulationResult> RunAsync(CancellationToken ct)
    {
        var buyers = await InScopeAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<UhrwerkDbContext>();
            var emails = DemoLogins.Companies.Select(c => DemoLogins.Email(c, Modules.Accounts.Domain.PredefinedRole.Administrator)).ToList();
            return await db.Users.Where(u => emails.Contains(u.Email!)).OrderBy(u => u.Email).Select(u => new User(u.Id, u.CompanyId, u.DisplayName)).ToListAsync(ct);
        });
        var staff = await InScopeAsync(null, sp => sp.GetRequiredService<UhrwerkDbContext>().Users.Where(u => u.Email == "lager@uhrwerk.example")
            .Select(u => new User(u.Id, null, u.DisplayName)).SingleAsync(ct));
        var assortment = await InScopeAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<UhrwerkDbContext>();
            var stocked = await db.StockLevels.Where(l => l.OnHand > 0).Select(l => l.Sku).Distinct().OrderBy(s => s).Take(12).ToListAsync(ct);
            return await db.Products.Where(p => stocked.Contains(p.Sku)).OrderBy(p => p.Sku).Select(p => new Article(p.Sku, p.PackSize)).ToListAsync(ct);
        });

        var first = BerlinTime.DateOf(clock.GetUtcNow());
        var last = first.AddDays(options.Days - 1);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var working = await InScopeAsync(null, sp => Task.FromResult(WorkingDay(sp.GetRequiredService<IInventory>(), day)));
            if (working)
            {
                clock.MoveTo(At(day, 7));
                var arrived = await ReceiveAsync(staff, day, ct);
                await HandleEventsAsync(ct);
                clock.MoveTo(At(day, 9));
                var orders = await PlaceOrdersAsync(buyers, assortment, day, ct);
                await HandleEventsAsync(ct);
                clock.MoveTo(At(day, 12));
                await PlanAsync(staff, arrived ? await OpenOrdersAsync(ct) : orders, ct);
                clock.MoveTo(At(day, 14));
                await ShipAsync(staff, day, ct);
                await HandleEventsAsync(ct);
                clock.MoveTo(At(day, 17));
                await ReorderAsync(staff, assortment, day, ct);
            }

            clock.MoveTo(At(day, 20));
            await ScanAsync(staff, day, ct);
            await HandleEventsAsync(ct);

            // The delay watch's timed check (no scan, late dispatch, lead time) runs in production every few minutes; once each evening here.
            await InScopeAsync(null, sp => sp.GetRequiredService<DelayWatch>().CheckAsync(ct));
            await HandleEventsAsync(ct);
        }

        return await FiguresAsync(first, last, ct);
    }

    private static DateTimeOffset At(DateOnly day, int hour)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, BerlinTime.ToLocal(new DateTimeOffset(local, TimeSpan.Zero)).Offset).ToUniversalTime();
    }

    /// <summary>Orders are placed, goods received and shipped on the nationwide working days.</summary>
    private static bool WorkingDay(IInventory inventory, DateOnly day) => inventory.DeliveryDaysAt(new Destination("DE", "")).Between(day.AddDays(-1), day) == 1;

    private async Task<bool> ReceiveAsync(User staff, DateOnly day, CancellationToken ct)
    {
        var due = receiptArrivals.Where(r => r.Value <= day).Select(r => r.Key).Order(StringComparer.Ordinal).ToList();
        foreach (var reference in due)
        {
            try
            {
                await InScopeAsync(staff, async sp =>
                {
                    var db = sp.GetRequiredService<UhrwerkDbContext>();
                    var receipt = await db.ExpectedReceipts.AsNoTracking().SingleAsync(r => r.Reference == reference, ct);
                    await sp.GetRequiredService<StockKeeper>().ReceiveAsync(receipt.Id, receipt.Quantity - receipt.Received, ct);
                    return true;
                });
            }
            catch (Exception refusal) when (refusal is DbUpdateException or System.Data.Common.DbException)
            {
                // Inventory refuses to book some receipts whose goods are promised to orders (its check on promised and received);
                // counted and shown, so the figures say why backorders waited.
                receiptsRefused++;
            }

            reordered.Remove(await InScopeAsync(null, sp => sp.GetRequiredService<UhrwerkDbContext>().ExpectedReceipts.Where(r => r.Reference == reference).Select(r => r.Sku).SingleAsync(ct)));
            receiptArrivals.Remove(reference);
        }

        return due.Count > 0;
    }

    private async Task<IReadOnlyList<Guid>> PlaceOrdersAsync(IReadOnlyList<User> buyers, IReadOnlyList<Article> assortment, DateOnly day, CancellationToken ct)
    {
        var ids = new List<Guid>();
        var count = random.Next(options.OrdersPerDay / 2, options.OrdersPerDay * 3 / 2 + 1);
        for (var i = 0; i < count; i++)
        {
            var buyer = buyers[random.Next(buyers.Count)];
            var lines = assortment.OrderBy(_ => random.Next()).Take(random.Next(1, 4))
                .Select(a => new LineRequest(a.Sku, a.PackSize * random.Next(1, 4))).OrderBy(l => l.Sku, StringComparer.Ordinal).ToList();
            var choice = random.NextDouble() < 0.3 ? DeliveryChoice.Partial : DeliveryChoice.Complete;
            try
            {
                var order = await InScopeAsync(buyer, sp => sp.GetRequiredService<OrderPlacement>()
                    .PlaceAsync(new PlaceOrderRequest(0, null, $"SIM-{day:yyyyMMdd}-{i + 1}", null, lines, choice), null, ct));
                if (order.Status == OrderStatus.Placed)
                {
                    placed++;
                    ids.Add(order.Id);
                }
                else
                {
                    awaitingApproval++;
                }
            }
            catch (DomainException)
            {
                refused++;
            }
        }

        return ids;
    }

    private Task<List<Guid>> OpenOrdersAsync(CancellationToken ct) => InScopeAsync(null, sp =>
        sp.GetRequiredService<UhrwerkDbContext>().Orders
            .Where(o => o.Status == OrderStatus.Placed || o.Status == OrderStatus.Confirmed || o.Status == OrderStatus.InFulfillment || o.Status == OrderStatus.PartiallyShipped)
            .OrderBy(o => o.Number).Select(o => o.Id).ToListAsync(ct));

    /// <summary>Shipments for what the orders' delivery plans have in a warehouse; backorders wait for their goods.</summary>
    private async Task PlanAsync(User staff, IReadOnlyList<Guid> orders, CancellationToken ct)
    {
        foreach (var orderId in orders)
        {
            try
            {
                await InScopeAsync(staff, sp => sp.GetRequiredService<ShipmentPlanning>().PlanFromDeliveryPlanAsync(orderId, ct));
            }
            catch (DomainException)
            {
                // Nothing (more) to plan yet.
            }
        }
    }

    /// <summary>
    /// Ships what is due before the next working day, each with a carrier's tracking number and its journey drawn now; what the warehouse lacks
    /// waits.
    /// </summary>
    private async Task ShipAsync(User staff, DateOnly day, CancellationToken ct)
    {
        var nextWorkingDay = await InScopeAsync(null, sp =>
        {
            var next = day.AddDays(1);
            while (!WorkingDay(sp.GetRequiredService<IInventory>(), next))
            {
                next = next.AddDays(1);
            }

            return Task.FromResult(next);
        });
        var due = await InScopeAsync(null, sp => sp.GetRequiredService<UhrwerkDbContext>().Shipments
            .Where(s => s.Status == ShipmentStatus.Planned && s.PlannedShipDate < nextWorkingDay).OrderBy(s => s.Reference)
            .Select(s => new { s.Id, s.OrderId, s.PromisedDeliveryDate, s.PlannedShipDate }).ToListAsync(ct));
        foreach (var shipment in due)
        {
            var number = $"SIM{++trackingNumbers:000000}";
            var carrier = CarrierNames[random.Next(CarrierNames.Length)];
            try
            {
                await InScopeAsync(staff, sp => sp.GetRequiredService<ShipmentProgress>().AdvanceAsync(shipment.Id,
                    new AdvanceShipmentRequest(ShipmentStatus.Shipped, [new PackageInput(2.5m, 40, 30, 20, number)], carrier, "Paket", null), ct));
            }
            catch (DomainException)
            {
                continue;
            }

            var shipTo = await InScopeAsync(null, async sp => (await sp.GetRequiredService<IOrdering>().FindForFulfilmentAsync(shipment.OrderId, ct))!.Destination);
            var destination = new Destination(shipTo.Country, shipTo.PostalCode);
            await InScopeAsync(null, sp =>
            {
                journeys[number] = (carrier, Journey(sp.GetRequiredService<IInventory>(), number, day, shipment.PlannedShipDate, shipment.PromisedDeliveryDate, destination));
                return Task.FromResult(true);
            });
        }
    }

    /// <summary>
    /// The carrier's scans of one parcel: as long in transit as planned, later by one to three working days (the carrier says so the day after
    /// pick-up), one failed attempt before delivery the next working day, or lost: silent after the first day, expired after ten.
    /// </summary>
    private List<(DateOnly, ScanReport)> Journey(IInventory inventory, string number, DateOnly shippedOn, DateOnly plannedShipDate, DateOnly promised, Destination to)
    {
        DateOnly After(DateOnly start, int workingDays) => inventory.DeliveryDaysAt(to).Add(start, workingDays);

        var planned = Math.Max(1, inventory.DeliveryDaysAt(to).Between(plannedShipDate, promised));
        var arrival = After(shippedOn, planned);
        var fate = random.NextDouble();
        var scans = new List<(DateOnly, ScanReport)>
        {
            (shippedOn, Scan(number, "pickup", shippedOn, 18, TrackingStatus.InTransit, arrival)),
        };
        if (fate < options.LossRate)
        {
            var nextDay = After(shippedOn, 1);
            scans.Add((nextDay, Scan(number, "hub", nextDay, 6, TrackingStatus.InTransit, null)));
            scans.Add((nextDay.AddDays(LostAfterDays), Scan(number, "expired", nextDay.AddDays(LostAfterDays), 6, TrackingStatus.Expired, null)));
            return scans;
        }

        if (fate < options.LossRate + options.DelayRate)
        {
            var announced = After(shippedOn, 1);
            arrival = After(arrival, random.Next(1, 4));
            scans.Add((announced, Scan(number, "delayed", announced, 6, TrackingStatus.InTransit, arrival)));
        }
        else if (fate < options.LossRate + options.DelayRate + options.FailedAttemptRate)
        {
            scans.Add((arrival, Scan(number, "attempt", arrival, 11, TrackingStatus.AttemptFail, null)));
            arrival = After(arrival, 1);
        }

        scans.Add((arrival, Scan(number, "delivered", arrival, random.Next(9, 17), TrackingStatus.Delivered, null)));
        return scans;
    }

    private static ScanReport Scan(string number, string step, DateOnly day, int hour, TrackingStatus status, DateOnly? eta) =>
        new($"{number}-{step}", At(day, hour), status, null, step, null, null, eta is { } e ? At(e, 18) : null);

    /// <summary>Today's scans reach their shipments through the ledger; a delivery is recorded in Fulfillment as the carrier reports it.</summary>
    private async Task ScanAsync(User staff, DateOnly day, CancellationToken ct)
    {
        foreach (var (number, (carrier, scans)) in journeys.OrderBy(j => j.Key, StringComparer.Ordinal).ToList())
        {
            foreach (var (_, scan) in scans.Where(s => s.Day == day))
            {
                await InScopeAsync(staff, async sp =>
                {
                    await sp.GetRequiredService<TrackingLedger>().RecordAsync(new TrackingUpdate(carrier, number, [scan]), ct);
                    await sp.GetRequiredService<UhrwerkDbContext>().SaveChangesAsync(ct);
                    return true;
                });
                if (scan.Status == TrackingStatus.Delivered)
                {
                    await DeliveredAsync(staff, number, scan.OccurredAt, ct);
                }
            }

            if (scans.Max(s => s.Day) <= day)
            {
                journeys.Remove(number);
            }
        }
    }

    private async Task DeliveredAsync(User staff, string number, DateTimeOffset at, CancellationToken ct)
    {
        var shipmentId = await InScopeAsync(null, sp => sp.GetRequiredService<UhrwerkDbContext>().TrackedShipments
            .Where(t => t.Parcels.Any(p => p.TrackingNumber == number)).Select(t => t.ShipmentId).SingleAsync(ct));
        var shipped = await InScopeAsync(null, sp => sp.GetRequiredService<UhrwerkDbContext>().Shipments.AnyAsync(s => s.Id == shipmentId && s.Status == ShipmentStatus.Shipped, ct));
        if (shipped)
        {
            await InScopeAsync(staff, sp => sp.GetRequiredService<ShipmentProgress>().AdvanceAsync(shipmentId, new AdvanceShipmentRequest(ShipmentStatus.Delivered, null, null, null, at), ct));
        }
    }

    /// <summary>Stock that runs low is ordered from the supplier for a week later; some suppliers come late.</summary>
    private async Task ReorderAsync(User staff, IReadOnlyList<Article> assortment, DateOnly day, CancellationToken ct)
    {
        var available = await InScopeAsync(null, sp => sp.GetRequiredService<IInventory>().AvailableAsync(assortment.Select(a => a.Sku).ToList(), ct));
        foreach (var article in assortment.Where(a => !reordered.Contains(a.Sku) && available.GetValueOrDefault(a.Sku) < ReorderBelow))
        {
            var warehouse = await InScopeAsync(null, sp => sp.GetRequiredService<UhrwerkDbContext>().StockLevels.Where(l => l.Sku == article.Sku)
                .OrderBy(l => l.WarehouseCode).Select(l => l.WarehouseCode).FirstAsync(ct));
            var reference = $"SIM-PO-{++receipts:00000}";
            var expected = day.AddDays(7);
            await InScopeAsync(staff, sp => sp.GetRequiredService<StockKeeper>()
                .ExpectAsync(new ExpectReceiptRequest(article.Sku, warehouse, article.PackSize * 40, expected, reference), ct));
            var late = random.NextDouble() < options.LateReceiptRate;
            receiptsLate += late ? 1 : 0;
            receiptArrivals[reference] = late ? expected.AddDays(random.Next(1, 6)) : expected;
            reordered.Add(article.Sku);
        }
    }

    /// <summary>Hands out every committed event and lets every handler handle what it has due, until nothing is left, as the outbox worker would.</summary>
    private async Task HandleEventsAsync(CancellationToken ct)
    {
        var handlers = services.GetServices<EventSubscription>().Select(s => s.Handler).Distinct().Order(StringComparer.Ordinal).ToList();
        bool any;
        do
        {
            any = false;
            await using var scope = services.CreateAsyncScope();
            var outbox = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
            while (await outbox.HandOutAsync(ct) > 0)
            {
            }

            foreach (var handler in handlers)
            {
                while (await outbox.HandleNextAsync(handler, ct))
                {
                    any = true;
                }
            }
        }
        while (any);
    }

    private async Task<SimulationResult> FiguresAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var otif = await InScopeAsync(null, sp => sp.GetRequiredService<OtifReports>().ReportAsync(new OtifFilter(from, to, null, null, null), ct));
        var tracked = await InScopeAsync(null, sp => sp.GetRequiredService<UhrwerkDbContext>().TrackedShipments.AsNoTracking()
            .Select(t => new Tracked(t.Carrier ?? "", t.WarehouseCode, t.PromisedDeliveryDate, t.DeliveredAt, t.DelayNoticedAt, t.Status == TrackingStatus.Expired || t.DeclaredLostAt != null))
            .ToListAsync(ct));
        return new SimulationResult(options, from, to, placed, awaitingApproval, refused, receiptsLate, receiptsRefused, otif.Lines, otif.Orders, Figures("Total", tracked),
            tracked.GroupBy(t => t.Carrier).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figures(g.Key, g)).ToList(),
            tracked.GroupBy(t => t.Warehouse).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figures(g.Key, g)).ToList());
    }

    private static PromiseFigures Figures(string name, IEnumerable<Tracked> shipments)
    {
        var all = shipments.ToList();
        var delivered = all.Where(t => t.DeliveredAt is not null).ToList();
        var late = delivered.Where(t => BerlinTime.DateOf(t.DeliveredAt!.Value) > t.Promised).ToList();
        var warnings = late.Where(t => t.DelayNoticedAt < EndOf(t.Promised)).Select(t => (EndOf(t.Promised) - t.DelayNoticedAt!.Value).TotalHours).Order().ToList();
        return new PromiseFigures(name, all.Count, delivered.Count, delivered.Count - late.Count, late.Count, warnings.Count,
            warnings.Count == 0 ? null : warnings.Count % 2 == 1 ? warnings[warnings.Count / 2] : (warnings[warnings.Count / 2 - 1] + warnings[warnings.Count / 2]) / 2,
            all.Count(t => t.Lost));
    }

    /// <summary>The end of a promised day in Berlin: a warning before it came in time.</summary>
    public static DateTimeOffset EndOf(DateOnly promised) => At(promised.AddDays(1), 0);

    private async Task<T> InScopeAsync<T>(User? user, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        if (user is not null)
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SignedIn(user.Id, user.CompanyId, user.Name, user.CompanyId is null, "de",
                user.CompanyId is null ? Permissions.Of(StaffRole.Admin) : Enum.GetValues<Permission>().ToHashSet());
        }

        return await work(scope.ServiceProvider);
    }

    private sealed record User(Guid Id, Guid? CompanyId, string Name);

    private sealed record Article(string Sku, int PackSize);

    private sealed record Tracked(string Carrier, string Warehouse, DateOnly Promised, DateTimeOffset? DeliveredAt, DateTimeOffset? DelayNoticedAt, bool Lost);
}
