using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Inventory.Domain;
using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Tests.Fulfillment;

/// <summary>Shipments are partial deliveries: from several warehouses on different days, each moving stock and the order, and what has not shipped stays a backorder.</summary>
public abstract class PartialDeliverySpec(UhrwerkFactory factory, SmtpServer smtp) : IntegrationTest(factory)
{
    private const string Munich = "MUC";
    private const string Dortmund = "DTM";

    /// <summary>Three products sold by the piece with no other stock, reservations or inbound goods; their stock is exactly what the test says.</summary>
    private async Task<string[]> ProductsAsync(HttpClient staff, params (string Warehouse, int Quantity)[] stock)
    {
        var skus = await InScopeAsync(async db =>
        {
            var busy = await db.ExpectedReceipts.Select(r => r.Sku).Union(db.Reservations.Select(r => r.Sku)).ToListAsync();
            return await db.Products.Where(p => p.IsActive && p.Sku.StartsWith("SHS-") && !busy.Contains(p.Sku)).OrderBy(p => p.Sku).Select(p => p.Sku).Take(stock.Length).ToListAsync();
        });
        Assert.Equal(stock.Length, skus.Count);
        foreach (var (sku, (warehouse, quantity)) in skus.Zip(stock))
        {
            await SoldByThePieceAsync(sku);
            foreach (var level in await InScopeAsync(db => db.StockLevels.Where(l => l.Sku == sku && l.OnHand > 0).ToListAsync()))
            {
                await NoContentAsync(staff.PostAsJsonAsync("/api/v1/backoffice/inventory/adjustments", new { sku, warehouseCode = level.WarehouseCode, quantity = -level.OnHand, reason = "Testaufbau" }));
            }

            await NoContentAsync(staff.PostAsJsonAsync("/api/v1/backoffice/inventory/adjustments", new { sku, warehouseCode = warehouse, quantity, reason = "Testaufbau" }));
        }

        return skus.ToArray();
    }

    private async Task<(JsonElement Order, (Guid Id, string Email, HttpClient Client) Buyer)> OrderAsync(string name, params (string Sku, int Quantity)[] lines)
    {
        var buyer = await ColleagueAsync(CompanyA, name, [PredefinedRole.Buyer], new { });
        var order = await JsonAsync(buyer.Client.PostAsJsonAsync("/api/v1/orders", new
        {
            addressIndex = 0,
            deliveryChoice = "Partial",
            lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }).ToArray(),
        }), HttpStatusCode.Created);
        Assert.Equal("Placed", order.GetProperty("status").GetString());
        return (order, buyer);
    }

    private static Guid IdOf(JsonElement order) => order.GetProperty("id").GetGuid();

    private static int PositionOf(JsonElement fulfilment, string sku) =>
        fulfilment.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("sku").GetString() == sku).GetProperty("position").GetInt32();

    /// <summary>What has not shipped yet, per SKU.</summary>
    private static Dictionary<string, int> Backorders(JsonElement fulfilment) =>
        fulfilment.GetProperty("backorders").EnumerateArray().GroupBy(b => b.GetProperty("sku").GetString()!).ToDictionary(g => g.Key, g => g.Sum(b => b.GetProperty("quantity").GetInt32()));

    private static Guid ShipmentOf(JsonElement fulfilment, string warehouse, string status) =>
        fulfilment.GetProperty("shipments").EnumerateArray().Single(s => s.GetProperty("warehouseCode").GetString() == warehouse && s.GetProperty("status").GetString() == status).GetProperty("id").GetGuid();

    private Task<(int OnHand, int Reserved)> StockOfAsync(string sku, string warehouse) =>
        InScopeAsync(async db => await db.StockLevels.Where(l => l.Sku == sku && l.WarehouseCode == warehouse).Select(l => new { l.OnHand, l.Reserved }).SingleAsync() is var l ? (l.OnHand, l.Reserved) : default);

    private Task<string> OrderStatusAsync(JsonElement order) => InScopeAsync(async db => (await db.Orders.SingleAsync(o => o.Id == IdOf(order))).Status.ToString());

    private Task<int> EventsAsync(string type, JsonElement order) => InScopeAsync(db => db.Outbox.CountAsync(m => m.Type == type && m.AggregateId == IdOf(order)));

    private static object Ship(string tracking) => new { to = "Shipped", carrier = "DHL", service = "Paket", packages = new[] { new { weightKg = 12.5m, lengthCm = 60, widthCm = 40, heightCm = 40, trackingNumber = tracking } } };

    private static async Task ConsistentAsync(HttpClient staff) =>
        Assert.True((await JsonAsync(staff.GetAsync("/api/v1/backoffice/inventory/consistency"), HttpStatusCode.OK)).GetProperty("consistent").GetBoolean());

    [Fact]
    public async Task An_order_of_three_lines_ships_in_three_partial_deliveries_from_two_warehouses_on_different_days()
    {
        var staff = await SignInAsync("admin@uhrwerk.example");
        var warehouse = await SignInAsync("lager@uhrwerk.example");
        var skus = await ProductsAsync(staff, (Munich, 10), (Dortmund, 6), (Munich, 4));
        var (a, b, c) = (skus[0], skus[1], skus[2]);
        var (order, _) = await OrderAsync("Paula Teillieferung", (a, 10), (b, 6), (c, 8));
        var url = $"/api/v1/backoffice/fulfillment/orders/{IdOf(order)}";
        var start = await JsonAsync(warehouse.GetAsync(url), HttpStatusCode.OK);
        Assert.Equal(new Dictionary<string, int> { [a] = 10, [b] = 6, [c] = 8 }, Backorders(start));
        Assert.Equal(((10, 10), (6, 6), (4, 4)), (await StockOfAsync(a, Munich), await StockOfAsync(b, Dortmund), await StockOfAsync(c, Munich)));
        var day1 = BerlinDay();

        // Day 1: everything Munich has, in one shipment; Dortmund's part planned in parallel.
        var planned = await JsonAsync(warehouse.PostAsJsonAsync($"{url}/shipments", new
        {
            warehouseCode = Munich, plannedShipDate = day1, lines = new[] { new { position = PositionOf(start, a), quantity = 10 }, new { position = PositionOf(start, c), quantity = 4 } },
        }), HttpStatusCode.Created);
        planned = await JsonAsync(warehouse.PostAsJsonAsync($"{url}/shipments", new { warehouseCode = Dortmund, plannedShipDate = day1.AddDays(1), lines = new[] { new { position = PositionOf(start, b), quantity = 6 } } }),
            HttpStatusCode.Created);
        var overShipped = await ProblemOf(await warehouse.PostAsJsonAsync($"{url}/shipments", new { warehouseCode = Munich, plannedShipDate = day1, lines = new[] { new { position = PositionOf(start, c), quantity = 5 } } }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("over_shipped", overShipped.GetProperty("code").GetString());
        Assert.Equal(2, planned.GetProperty("shipments").GetArrayLength());
        Assert.Equal("Placed", await OrderStatusAsync(order));

        var first = await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{ShipmentOf(planned, Munich, "Planned")}/advance", Ship("TRACK-1")), HttpStatusCode.OK);
        Assert.Equal("PartiallyShipped", await OrderStatusAsync(order));
        Assert.Equal(new Dictionary<string, int> { [b] = 6, [c] = 4 }, Backorders(first));
        Assert.Equal(((0, 0), (6, 6), (0, 0)), (await StockOfAsync(a, Munich), await StockOfAsync(b, Dortmund), await StockOfAsync(c, Munich)));

        // Day 2: Dortmund ships its part (sign-ins last less than a day).
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        warehouse = await SignInAsync("lager@uhrwerk.example");
        var second = await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{ShipmentOf(first, Dortmund, "Planned")}/advance", Ship("TRACK-2")), HttpStatusCode.OK);
        Assert.Equal("PartiallyShipped", await OrderStatusAsync(order));
        Assert.Equal(new Dictionary<string, int> { [c] = 4 }, Backorders(second));
        Assert.Equal((0, 0), await StockOfAsync(b, Dortmund));

        // The rest of the third line arrives in Dortmund; day 4 it ships from there, and the order's backorder is let go.
        await NoContentAsync(warehouse.PostAsJsonAsync("/api/v1/backoffice/inventory/adjustments", new { sku = c, warehouseCode = Dortmund, quantity = 4, reason = "Nachlieferung" }));
        Factory.Clock.Advance(TimeSpan.FromDays(2));
        warehouse = await SignInAsync("lager@uhrwerk.example");
        var third = await JsonAsync(warehouse.PostAsJsonAsync($"{url}/shipments", new { warehouseCode = Dortmund, plannedShipDate = BerlinDay(), lines = new[] { new { position = PositionOf(start, c), quantity = 4 } } }),
            HttpStatusCode.Created);
        third = await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{ShipmentOf(third, Dortmund, "Planned")}/advance", Ship("TRACK-3")), HttpStatusCode.OK);
        Assert.Equal("Shipped", await OrderStatusAsync(order));
        Assert.Empty(Backorders(third));
        Assert.Equal((0, 0), await StockOfAsync(c, Dortmund));
        Assert.Equal(0, await InScopeAsync(db => db.Reservations.CountAsync(r => r.OrderId == IdOf(order) && r.Status == ReservationStatus.Active)));
        var shippedDays = third.GetProperty("shipments").EnumerateArray().Select(s => BerlinDayOf(s.GetProperty("shippedAt").GetDateTimeOffset())).ToList();
        Assert.Equal(new[] { day1, day1.AddDays(1), day1.AddDays(3) }, shippedDays.Order());
        await ConsistentAsync(warehouse);

        // Delivered only when every line has arrived in full.
        foreach (var (shipment, i) in third.GetProperty("shipments").EnumerateArray().Select((s, i) => (s.GetProperty("id").GetGuid(), i)))
        {
            Assert.Equal("Shipped", await OrderStatusAsync(order));
            await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{shipment}/advance", new { to = "Delivered" }), HttpStatusCode.OK);
        }

        Assert.Equal("Delivered", await OrderStatusAsync(order));
        Assert.Equal((3, 3, 3), (await EventsAsync("ShipmentShipped", order), await EventsAsync("OrderShipped", order), await EventsAsync("ShipmentDelivered", order)));
        var lines = await InScopeAsync(db => db.Orders.Where(o => o.Id == IdOf(order)).SelectMany(o => o.Lines).ToListAsync());
        Assert.All(lines, l => Assert.Equal((l.Quantity, l.Quantity), (l.ShippedQuantity, l.DeliveredQuantity)));
    }

    [Fact]
    public async Task A_shipment_the_erp_reports_gives_the_same_order_stock_events_and_emails_as_one_made_in_the_back_office()
    {
        await smtp.StartAsync();
        var staff = await SignInAsync("admin@uhrwerk.example");
        var warehouse = await SignInAsync("lager@uhrwerk.example");
        var skus = await ProductsAsync(staff, (Munich, 20), (Munich, 10));
        var issued = await JsonAsync(staff.PostAsJsonAsync("/api/v1/backoffice/api-keys", new { name = "Lagersystem", scopes = new[] { ApiScopes.ErpShipments } }), HttpStatusCode.Created);
        var erp = Anonymous();
        erp.DefaultRequestHeaders.Add("X-Api-Key", issued.GetProperty("key").GetString());
        var byStaff = await OrderAsync("Bernd Backoffice", (skus[0], 5), (skus[1], 3));
        var byErp = await OrderAsync("Erika Erp", (skus[0], 5), (skus[1], 3));

        var planned = await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/orders/{IdOf(byStaff.Order)}/shipments", new
        {
            warehouseCode = Munich, plannedShipDate = BerlinDay(), lines = new[] { new { position = PositionOf(await JsonAsync(warehouse.GetAsync($"/api/v1/backoffice/fulfillment/orders/{IdOf(byStaff.Order)}"), HttpStatusCode.OK), skus[0]), quantity = 5 } },
        }), HttpStatusCode.Created);
        var shipment = ShipmentOf(planned, Munich, "Planned");
        await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{shipment}/advance", Ship("TRACK-STAFF")), HttpStatusCode.OK);
        await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{shipment}/advance", new { to = "Delivered" }), HttpStatusCode.OK);

        var number = byErp.Order.GetProperty("number").GetString()!;
        var report = new
        {
            orderNumber = number, warehouseCode = Munich, status = "Shipped", carrier = "DHL", service = "Paket", lines = new[] { new { sku = skus[0].ToLowerInvariant(), quantity = 5 } },
            packages = new[] { new { weightKg = 12.5m, lengthCm = 60, widthCm = 40, heightCm = 40, trackingNumber = "TRACK-ERP" } },
        };
        var created = await erp.PutAsJsonAsync($"/api/v1/erp/shipments/LS-{number}", report);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var repeated = await JsonAsync(erp.PutAsJsonAsync($"/api/v1/erp/shipments/LS-{number}", report), HttpStatusCode.OK);
        Assert.Equal("Shipped", repeated.GetProperty("status").GetString());
        await ProblemOf(await erp.PutAsJsonAsync($"/api/v1/erp/shipments/LS-{number}", report with { lines = new[] { new { sku = skus[0], quantity = 4 } } }), HttpStatusCode.Conflict);
        var delivered = await JsonAsync(erp.PutAsJsonAsync($"/api/v1/erp/shipments/LS-{number}", report with { status = "Delivered" }), HttpStatusCode.OK);
        Assert.Equal("Delivered", delivered.GetProperty("status").GetString());

        Assert.Equal(("PartiallyShipped", "PartiallyShipped"), (await OrderStatusAsync(byStaff.Order), await OrderStatusAsync(byErp.Order)));
        Assert.Equal((10, 0), await StockOfAsync(skus[0], Munich));
        var references = new[] { byStaff.Order.GetProperty("number").GetString() + "-1", $"LS-{number}" };
        var picks = await InScopeAsync(db => db.StockMovements.Where(m => m.Sku == skus[0] && m.Kind == MovementKind.Pick && references.Contains(m.Reference)).Select(m => m.Quantity).ToListAsync());
        Assert.Equal([-5, -5], picks);
        Assert.Equal(await EventTypesAsync(byStaff.Order), await EventTypesAsync(byErp.Order));
        Assert.Equal(["OrderPlaced", "ShipmentPlanned", "OrderShipped", "ShipmentShipped", "ShipmentDelivered"], await EventTypesAsync(byErp.Order));
        await NotificationsSettledAsync(byStaff.Buyer.Email);
        await NotificationsSettledAsync(byErp.Buyer.Email);
        var staffMails = Subjects(byStaff.Buyer.Email, byStaff.Order);
        Assert.Equal(staffMails, Subjects(byErp.Buyer.Email, byErp.Order));
        Assert.Contains("Teillieferung zu Bestellung # ist unterwegs", staffMails);
        Assert.Contains("Zugestellt: Bestellung #", staffMails);
        var partial = smtp.MessagesTo(byErp.Buyer.Email).Single(m => m.Subject!.StartsWith("Teillieferung", StringComparison.Ordinal)).TextBody;
        Assert.Contains(Munich, partial);
        Assert.Contains($"3 × {skus[1]}", partial);
    }

    [Fact]
    public async Task Shipments_from_the_delivery_plan_cover_each_warehouse_and_date_and_leave_what_waits_for_supply_a_backorder()
    {
        var staff = await SignInAsync("admin@uhrwerk.example");
        var skus = await ProductsAsync(staff, (Munich, 4), (Dortmund, 2));
        var (order, buyer) = await OrderAsync("Pia Plan", (skus[0], 4), (skus[1], 5));
        var url = $"/api/v1/backoffice/fulfillment/orders/{IdOf(order)}";
        var deliveries = (await JsonAsync(buyer.Client.GetAsync($"/api/v1/orders/{IdOf(order)}"), HttpStatusCode.OK)).GetProperty("lines").EnumerateArray()
            .SelectMany(l => l.GetProperty("deliveries").EnumerateArray().Select(d => (Sku: l.GetProperty("sku").GetString()!, Quantity: d.GetProperty("quantity").GetInt32(),
                Date: d.GetProperty("deliveryDate").GetString()!, Warehouse: d.GetProperty("warehouseCode").GetString()!))).ToList();
        var fromStock = deliveries.Where(d => d.Warehouse.Length > 0).ToList();
        Assert.Equal(6, fromStock.Sum(d => d.Quantity));

        var planned = await JsonAsync(staff.PostAsync($"{url}/shipments/from-plan", null), HttpStatusCode.Created);
        var again = await ProblemOf(await staff.PostAsync($"{url}/shipments/from-plan", null), HttpStatusCode.Conflict);

        Assert.Equal("nothing_to_plan", again.GetProperty("code").GetString());
        var shipments = planned.GetProperty("shipments").EnumerateArray().Select(s => (Warehouse: s.GetProperty("warehouseCode").GetString()!, Date: s.GetProperty("promisedDeliveryDate").GetString()!,
            Lines: string.Join(",", s.GetProperty("lines").EnumerateArray().Select(l => $"{l.GetProperty("sku").GetString()}:{l.GetProperty("quantity").GetInt32()}").Order()))).Order().ToList();
        var expected = fromStock.GroupBy(d => (d.Warehouse, d.Date)).Select(g => (g.Key.Warehouse, g.Key.Date, Lines: string.Join(",", g.Select(d => $"{d.Sku}:{d.Quantity}").Order()))).Order().ToList();
        Assert.Equal(expected, shipments);
        Assert.Equal(new Dictionary<string, int> { [skus[0]] = 4, [skus[1]] = 5 }, Backorders(planned));
        Assert.Equal(shipments.Count, await InScopeAsync(db => db.Outbox.CountAsync(m => m.Type == "ShipmentPlanned" && m.AggregateId == IdOf(order))));
    }

    [Fact]
    public async Task The_warehouse_plans_and_ships_an_order_on_the_back_office_page_and_a_buyer_sees_no_such_page()
    {
        var staff = await SignInAsync("admin@uhrwerk.example");
        var skus = await ProductsAsync(staff, (Munich, 3));
        var (order, buyer) = await OrderAsync("Petra Portal", (skus[0], 3));
        var number = order.GetProperty("number").GetString()!;
        var portal = await SignInWithCookieAsync("lager@uhrwerk.example");
        var url = $"/backoffice/fulfillment?order={number}";
        async Task<string> PostAsync(Dictionary<string, string> form)
        {
            var page = await portal.GetStringAsync(url);
            form["__RequestVerificationToken"] = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            var response = await portal.PostAsync(url, new FormUrlEncodedContent(form));
            var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{form["_handler"]}: {(int)response.StatusCode} {body}");
            return body;
        }

        var before = WebUtility.HtmlDecode(await portal.GetStringAsync(url));
        Assert.Contains(skus[0], before);
        Assert.Contains("Noch keine Sendung geplant.", before);
        var planned = await PostAsync(new() { ["_handler"] = "from-plan" });
        Assert.Contains("1 Sendung(en) geplant.", planned);
        var shipment = await InScopeAsync(db => db.Shipments.Where(s => s.OrderId == IdOf(order)).Select(s => s.Id).SingleAsync());
        await PostAsync(new() { ["_handler"] = "advance", ["Advance.Step"] = $"{shipment}:Picking" });
        await PostAsync(new() { ["_handler"] = "advance", ["Advance.Step"] = $"{shipment}:Packed", [$"Advance.Tracking[{shipment}]"] = "PORTAL-1", [$"Advance.Weight[{shipment}]"] = "2.5" });
        var shipped = await PostAsync(new() { ["_handler"] = "advance", ["Advance.Step"] = $"{shipment}:Shipped" });

        Assert.Contains("Sendung ist jetzt: Versandt.", shipped);
        Assert.Contains("PORTAL-1", shipped);
        Assert.Contains("Alles ist versandt.", shipped);
        Assert.Equal("Shipped", await OrderStatusAsync(order));
        Assert.Equal((0, 0), await StockOfAsync(skus[0], Munich));
        var asBuyer = WebUtility.HtmlDecode(await (await SignInWithCookieAsync(buyer.Email, NewPassword)).GetStringAsync(url));
        Assert.DoesNotContain(skus[0], asBuyer);
    }

    [Fact]
    public async Task Cancelling_an_order_before_picking_frees_exactly_its_reservations_and_cancels_its_planned_shipments()
    {
        var staff = await SignInAsync("admin@uhrwerk.example");
        var skus = await ProductsAsync(staff, (Munich, 7), (Dortmund, 5));
        var (order, buyer) = await OrderAsync("Clara Storno", (skus[0], 4), (skus[1], 5));
        var (other, _) = await OrderAsync("Otto Anders", (skus[0], 3));
        await JsonAsync(staff.PostAsync($"/api/v1/backoffice/fulfillment/orders/{IdOf(order)}/shipments/from-plan", null), HttpStatusCode.Created);

        await JsonAsync(buyer.Client.PostAsJsonAsync($"/api/v1/orders/{IdOf(order)}/cancel", new { comment = "Projekt gestoppt" }), HttpStatusCode.OK);

        Assert.Equal(((7, 3), (5, 0)), (await StockOfAsync(skus[0], Munich), await StockOfAsync(skus[1], Dortmund)));
        Assert.Equal(3, await InScopeAsync(db => db.Reservations.Where(r => r.OrderId == IdOf(other) && r.Status == ReservationStatus.Active).SumAsync(r => r.Quantity)));
        var until = DateTime.UtcNow.AddSeconds(30);
        while (await InScopeAsync(db => db.Shipments.CountAsync(s => s.OrderId == IdOf(order) && s.Status != Server.Modules.Fulfillment.Domain.ShipmentStatus.Cancelled)) > 0)
        {
            Assert.True(DateTime.UtcNow < until, "The planned shipments of the cancelled order were not cancelled within 30 s.");
            await Task.Delay(100);
        }

        Assert.Equal(2, await EventsAsync("ShipmentCancelled", order));
    }

    [Fact]
    public async Task Cancelling_an_order_in_fulfilment_cancels_exactly_its_unpicked_rest_and_picked_goods_stay_counted()
    {
        await smtp.StartAsync();
        var staff = await SignInAsync("admin@uhrwerk.example");
        var warehouse = await SignInAsync("lager@uhrwerk.example");
        var skus = await ProductsAsync(staff, (Munich, 12), (Dortmund, 6), (Munich, 4));
        var (a, b, c) = (skus[0], skus[1], skus[2]);
        var (order, buyer) = await OrderAsync("Rita Reststorno", (a, 10), (b, 6), (c, 8));
        var (other, _) = await OrderAsync("Olga Andere", (a, 2));
        var url = $"/api/v1/backoffice/fulfillment/orders/{IdOf(order)}";
        var start = await JsonAsync(warehouse.GetAsync(url), HttpStatusCode.OK);
        Shipment Line(string sku, int quantity) => new(PositionOf(start, sku), quantity);
        var picked = await PlanAsync(warehouse, url, Munich, Line(a, 6), Line(c, 4));
        await PlanAsync(warehouse, url, Dortmund, Line(b, 6));
        var rest = await PlanAsync(warehouse, url, Munich, Line(a, 4));
        await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{picked}/advance", new { to = "Picking" }), HttpStatusCode.OK);
        Assert.Equal(((6, 6, 0), (6, 6, 0), (0, 0, 0)), (await StockAsync(warehouse, a, Munich), await StockAsync(warehouse, b, Dortmund), await StockAsync(warehouse, c, Munich)));

        var cancelled = await JsonAsync(buyer.Client.PostAsJsonAsync($"/api/v1/orders/{IdOf(order)}/cancel", new { comment = "Projekt verkleinert" }), HttpStatusCode.OK);

        Assert.Equal("InFulfillment", cancelled.GetProperty("status").GetString());
        var lines = cancelled.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("sku").GetString()!, l => (l.GetProperty("quantity").GetInt32(), l.GetProperty("cancelledQuantity").GetInt32()));
        Assert.Equal(new Dictionary<string, (int, int)> { [a] = (10, 4), [b] = (6, 6), [c] = (8, 4) }, lines);
        // On hand, reserved, available: the order's 4 of a in Munich and 6 of b in Dortmund are free again; the other order keeps its 2, the picked goods stay picked.
        Assert.Equal(((6, 2, 4), (6, 0, 6), (0, 0, 0)), (await StockAsync(warehouse, a, Munich), await StockAsync(warehouse, b, Dortmund), await StockAsync(warehouse, c, Munich)));
        Assert.Equal(2, await InScopeAsync(db => db.Reservations.Where(r => r.OrderId == IdOf(other) && r.Status == ReservationStatus.Active).SumAsync(r => r.Quantity)));
        Assert.Equal(0, await InScopeAsync(db => db.Reservations.CountAsync(r => r.OrderId == IdOf(order) && r.Status == ReservationStatus.Active)));
        await ConsistentAsync(warehouse);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (await InScopeAsync(db => db.Shipments.CountAsync(s => s.OrderId == IdOf(order) && s.Status == Server.Modules.Fulfillment.Domain.ShipmentStatus.Planned)) > 0)
        {
            Assert.True(DateTime.UtcNow < until, "The planned shipments of the cancelled rest were not cancelled within 30 s.");
            await Task.Delay(100);
        }

        var shipments = await InScopeAsync(db => db.Shipments.Where(s => s.OrderId == IdOf(order)).ToDictionaryAsync(s => s.Id, s => s.Status.ToString()));
        Assert.Equal(("Picking", "Cancelled", 2), (shipments[picked], shipments[rest], shipments.Values.Count(s => s == "Cancelled")));
        Assert.Equal(new Dictionary<string, int> { [a] = 6, [c] = 4 }, Backorders(await JsonAsync(warehouse.GetAsync(url), HttpStatusCode.OK)));
        var again = await ProblemOf(await buyer.Client.PostAsJsonAsync($"/api/v1/orders/{IdOf(order)}/cancel", new { comment = "Noch mehr" }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("everything_picked", again.GetProperty("code").GetString());
        Assert.Equal((1, 0), (await EventsAsync("OrderRestCancelled", order), await EventsAsync("OrderCancelled", order)));

        await NotificationsSettledAsync(buyer.Email);
        var mail = smtp.MessagesTo(buyer.Email).Single(m => m.Subject!.Contains("teilweise storniert", StringComparison.Ordinal)).TextBody!;
        var (what, stillComing) = (Between(mail, "Storniert:", "Weiterhin geliefert wird"), Between(mail, "Weiterhin geliefert wird", "Grund:"));
        Assert.All(new[] { $"4 × {a} ", $"6 × {b} ", $"4 × {c} " }, line => Assert.Contains(line, what));
        Assert.All(new[] { $"6 × {a} ", $"4 × {c} " }, line => Assert.Contains(line, stillComing));
        Assert.DoesNotContain(b, stillComing);

        // What was picked ships, and the order is then shipped and delivered in full: all that is left of it.
        await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{picked}/advance", Ship("TRACK-REST")), HttpStatusCode.OK);
        Assert.Equal("Shipped", await OrderStatusAsync(order));
        await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{picked}/advance", new { to = "Delivered" }), HttpStatusCode.OK);
        Assert.Equal("Delivered", await OrderStatusAsync(order));
        Assert.Equal(((6, 2, 4), (0, 0, 0)), (await StockAsync(warehouse, a, Munich), await StockAsync(warehouse, c, Munich)));
    }

    [Fact]
    public async Task A_partly_delivered_order_whose_unpicked_rest_is_cancelled_is_delivered_and_a_fully_picked_one_cannot_be_cancelled()
    {
        var staff = await SignInAsync("admin@uhrwerk.example");
        var warehouse = await SignInAsync("lager@uhrwerk.example");
        var skus = await ProductsAsync(staff, (Munich, 8), (Dortmund, 2));
        var (order, buyer) = await OrderAsync("Dora Rest", (skus[0], 4), (skus[1], 5));
        var url = $"/api/v1/backoffice/fulfillment/orders/{IdOf(order)}";
        var start = await JsonAsync(warehouse.GetAsync(url), HttpStatusCode.OK);
        var first = await PlanAsync(warehouse, url, Munich, new Shipment(PositionOf(start, skus[0]), 4));
        await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{first}/advance", Ship("TRACK-D1")), HttpStatusCode.OK);
        await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{first}/advance", new { to = "Delivered" }), HttpStatusCode.OK);
        Assert.Equal("PartiallyShipped", await OrderStatusAsync(order));

        var cancelled = await JsonAsync(buyer.Client.PostAsJsonAsync($"/api/v1/orders/{IdOf(order)}/cancel", new { comment = "Rest nicht mehr nötig" }), HttpStatusCode.OK);

        Assert.Equal("Delivered", cancelled.GetProperty("status").GetString());
        Assert.Equal((2, 0, 2), await StockAsync(warehouse, skus[1], Dortmund));

        // A second order, picked in full: nothing is left to cancel, and nothing changes.
        var (full, fullBuyer) = await OrderAsync("Felix Voll", (skus[0], 4));
        var fullUrl = $"/api/v1/backoffice/fulfillment/orders/{IdOf(full)}";
        var whole = await PlanAsync(warehouse, fullUrl, Munich, new Shipment(PositionOf(await JsonAsync(warehouse.GetAsync(fullUrl), HttpStatusCode.OK), skus[0]), 4));
        await JsonAsync(warehouse.PostAsJsonAsync($"/api/v1/backoffice/fulfillment/shipments/{whole}/advance", new { to = "Picking" }), HttpStatusCode.OK);
        var refused = await ProblemOf(await fullBuyer.Client.PostAsJsonAsync($"/api/v1/orders/{IdOf(full)}/cancel", new { comment = "Zu spät" }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("everything_picked", refused.GetProperty("code").GetString());
        Assert.Equal(("InFulfillment", (0, 0, 0)), (await OrderStatusAsync(full), await StockAsync(warehouse, skus[0], Munich)));
        await ConsistentAsync(warehouse);
    }

    private sealed record Shipment(int Position, int Quantity);

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"\"{start}\" is missing in:\n{text}");
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        Assert.True(to >= 0, $"\"{end}\" is missing in:\n{text}");
        return text[from..to];
    }

    /// <summary>Plans a shipment from a warehouse for today and answers its id (the answer lists the order's shipments, the new one last).</summary>
    private async Task<Guid> PlanAsync(HttpClient warehouse, string url, string warehouseCode, params Shipment[] lines)
    {
        var planned = await JsonAsync(warehouse.PostAsJsonAsync($"{url}/shipments", new { warehouseCode, plannedShipDate = BerlinDay(), lines = lines.Select(l => new { position = l.Position, quantity = l.Quantity }).ToArray() }),
            HttpStatusCode.Created);
        return planned.GetProperty("shipments").EnumerateArray().Last().GetProperty("id").GetGuid();
    }

    /// <summary>On hand, reserved and available of a product in a warehouse, as the back office reads the stock.</summary>
    private static async Task<(int OnHand, int Reserved, int Available)> StockAsync(HttpClient staff, string sku, string warehouse)
    {
        var level = Assert.Single((await JsonAsync(staff.GetAsync($"/api/v1/backoffice/inventory/stock?sku={sku}&warehouse={warehouse}"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        return (level.GetProperty("onHand").GetInt32(), level.GetProperty("reserved").GetInt32(), level.GetProperty("available").GetInt32());
    }

    /// <summary>
    /// The order's and its shipments' events. Tracking's own events are left out: the outbox worker raises them in reaction to a
    /// shipment, whenever it gets to it, so whether they are there yet says nothing about how the shipment was made.
    /// </summary>
    private Task<List<string>> EventTypesAsync(JsonElement order) =>
        InScopeAsync(db => db.Outbox.Where(m => m.AggregateId == IdOf(order) && !m.Type.StartsWith("Tracking")).OrderBy(m => m.OccurredAt).ThenBy(m => m.Id).Select(m => m.Type).ToListAsync());

    /// <summary>The subjects a buyer got about the order, the order number replaced so that two orders compare.</summary>
    private List<string> Subjects(string email, JsonElement order)
    {
        var number = order.GetProperty("number").GetString()!;
        return smtp.MessagesTo(email).Select(m => m.Subject ?? "").Where(s => s.Contains(number, StringComparison.Ordinal)).Select(s => s.Replace(number, "#", StringComparison.Ordinal)).Order().ToList();
    }

    private DateOnly BerlinDay() => BerlinDayOf(Factory.Clock.GetUtcNow());

    private static DateOnly BerlinDayOf(DateTimeOffset instant) => Server.Platform.Localization.BerlinTime.DateOf(instant);
}

public sealed class PartialDeliveryOnSqlite(SqliteWithMail f) : PartialDeliverySpec(f, f.Smtp), IClassFixture<SqliteWithMail>;

public sealed class PartialDeliveryOnPostgres(PostgresWithMail f) : PartialDeliverySpec(f, f.Smtp), IClassFixture<PostgresWithMail>;
