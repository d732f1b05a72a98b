using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Tests.Notifications;

namespace Uhrwerk.Tests.Ordering;

/// <summary>Budgets decide whether an order goes straight to the supplier or to the approvers; the approval workflow and its guarantees.</summary>
public abstract class OrderingSpec(UhrwerkFactory factory, SmtpServer smtp) : IntegrationTest(factory)
{
    protected static readonly object NoBudget = new { };

    protected Task<(Guid Id, string Email, HttpClient Client)> BuyerAsync(object budget, string name = "Bea Buyer") =>
        ColleagueAsync(CompanyA, name, [PredefinedRole.Buyer], budget);

    protected Task<(Guid Id, string Email, HttpClient Client)> ApproverAsync(string name = "Arne Approver") =>
        ColleagueAsync(CompanyA, name, [PredefinedRole.Approver]);

    /// <summary>An active product of the family, sold by the piece, and the buyer's net price for it.</summary>
    protected async Task<(string Sku, decimal Price)> ProductAsync(HttpClient buyer, string family)
    {
        var sku = await InScopeAsync(db => db.Products.Where(p => p.IsActive && p.Sku.StartsWith(family + "-")).OrderBy(p => p.Sku).Select(p => p.Sku).FirstAsync());
        await SoldByThePieceAsync(sku);
        var cart = await (await buyer.PutAsJsonAsync($"/api/v1/cart/lines/{sku}", new { quantity = 1 })).Content.ReadFromJsonAsync<JsonElement>();
        var price = cart.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("sku").GetString() == sku).GetProperty("unitPrice").GetDecimal();
        await buyer.DeleteAsync($"/api/v1/cart/lines/{sku}");
        return (sku, price);
    }

    protected static async Task<JsonElement> PlaceAsync(HttpClient buyer, string sku, int quantity, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(new { addressIndex = 0, lines = new[] { new { sku, quantity } } }) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        var response = await buyer.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    protected static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    protected static async Task<IReadOnlyList<string>> InboxAsync(HttpClient approver) =>
        (await approver.GetFromJsonAsync<JsonElement>("/api/v1/approvals")).GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("number").GetString()!).ToList();

    protected async Task DesignateAsync(Guid approverId, Guid forBuyerId, decimal? limit = null)
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        await OkAsync(mainContact.PutAsJsonAsync($"/api/v1/company/approvers/{approverId}", new { limit, forBuyerId }));
    }

    private static string Status(JsonElement order) => order.GetProperty("status").GetString()!;

    [Fact]
    public async Task An_order_within_budget_is_placed_at_once()
    {
        var buyer = await BuyerAsync(new { maxQuantityPerOrder = 100, maxOrderValue = 2500m, periodAmount = 10000m, period = "Month" });
        var (sku, price) = await ProductAsync(buyer.Client, "SHS");

        await OkAsync(buyer.Client.PutAsJsonAsync($"/api/v1/cart/lines/{sku}", new { quantity = 10 }));
        var cart = await buyer.Client.GetFromJsonAsync<JsonElement>("/api/v1/cart");
        var order = await (await buyer.Client.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, purchaseOrderReference = "PO-4711", requestedDeliveryDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)) })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(cart.GetProperty("needsApproval").GetBoolean());
        Assert.Equal("Placed", Status(order));
        Assert.Matches(@"^UW-\d{4}-\d{6}$", order.GetProperty("number").GetString());
        Assert.Equal(10 * price, order.GetProperty("total").GetDecimal());
        Assert.Equal("PO-4711", order.GetProperty("purchaseOrderReference").GetString());
        Assert.Empty((await buyer.Client.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("lines").EnumerateArray());
        var mine = await buyer.Client.GetFromJsonAsync<JsonElement>("/api/v1/orders?status=Placed&reference=4711");
        Assert.Equal(order.GetProperty("id").GetGuid(), Assert.Single(mine.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Over_quantity_over_value_and_over_the_period_budget_each_go_to_approval_and_the_buyer_sees_which_rule_and_by_how_much()
    {
        var buyer = await BuyerAsync(new { maxQuantityPerOrder = 20, maxOrderValue = 2000m });
        var (bolt, boltPrice) = await ProductAsync(buyer.Client, "SHS");
        var (motor, motorPrice) = await ProductAsync(buyer.Client, "DSM");
        var motors = (int)Math.Floor(2000m / motorPrice) + 1;

        var cart = await OkAsync(buyer.Client.PutAsJsonAsync($"/api/v1/cart/lines/{bolt}", new { quantity = 25 }));
        Assert.True(cart.GetProperty("needsApproval").GetBoolean());
        var seen = Assert.Single(cart.GetProperty("findings").EnumerateArray());
        Assert.Equal("MaxQuantityPerOrder", seen.GetProperty("rule").GetString());
        Assert.Equal(5m, seen.GetProperty("excess").GetDecimal());
        var overQuantity = await PlaceAsync(buyer.Client, bolt, 25);
        var overValue = await PlaceAsync(buyer.Client, motor, motors);
        var withinBoth = await PlaceAsync(buyer.Client, bolt, 20);

        Assert.Equal("PendingApproval", Status(overQuantity));
        Assert.Equal("MaxQuantityPerOrder", Assert.Single(overQuantity.GetProperty("findings").EnumerateArray()).GetProperty("rule").GetString());
        Assert.Equal("PendingApproval", Status(overValue));
        var value = overValue.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("rule").GetString() == "MaxOrderValue");
        Assert.Equal(motors * motorPrice - 2000m, value.GetProperty("excess").GetDecimal());
        Assert.Equal("Placed", Status(withinBoth));

        var monthly = await BuyerAsync(new { periodAmount = 15 * boltPrice, period = "Month" }, "Paul Periode");
        Assert.Equal("Placed", Status(await PlaceAsync(monthly.Client, bolt, 10)));
        var overPeriod = await PlaceAsync(monthly.Client, bolt, 10);
        Assert.Equal("PendingApproval", Status(overPeriod));
        var period = Assert.Single(overPeriod.GetProperty("findings").EnumerateArray());
        Assert.Equal("PeriodBudget", period.GetProperty("rule").GetString());
        Assert.Equal(15 * boltPrice, period.GetProperty("limit").GetDecimal());
        Assert.Equal(5 * boltPrice, period.GetProperty("excess").GetDecimal());
    }

    [Fact]
    public async Task Approvers_designated_for_a_buyer_get_that_buyers_orders_and_the_approver_for_everybody_the_others()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var demoApprover = await SignInAsync(UserOf(CompanyA, PredefinedRole.Approver));
        var withApprover = await BuyerAsync(new { maxQuantityPerOrder = 1 }, "Dora Designated");
        var withoutApprover = await BuyerAsync(new { maxQuantityPerOrder = 1 }, "Nils Nobody");
        var approver = await ApproverAsync();
        await DesignateAsync(approver.Id, withApprover.Id);
        var (sku, _) = await ProductAsync(withApprover.Client, "SHS");

        var routed = (await PlaceAsync(withApprover.Client, sku, 2)).GetProperty("number").GetString();
        var forEverybody = (await PlaceAsync(withoutApprover.Client, sku, 2)).GetProperty("number").GetString();

        Assert.Contains(routed, await InboxAsync(approver.Client));
        Assert.DoesNotContain(routed, await InboxAsync(demoApprover));
        Assert.DoesNotContain(routed, await InboxAsync(mainContact));
        Assert.Contains(forEverybody, await InboxAsync(demoApprover));
        Assert.DoesNotContain(forEverybody, await InboxAsync(approver.Client));
        Assert.DoesNotContain(forEverybody, await InboxAsync(mainContact));
    }

    [Fact]
    public async Task Approvers_designated_for_a_role_get_the_orders_of_buyers_holding_it_and_no_others()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var workshop = await (await mainContact.PostAsJsonAsync("/api/v1/company/roles", new { name = "Werkstatt " + Guid.NewGuid().ToString("N")[..6], permissions = new[] { "ViewCatalog", "PlaceOrders" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var email = $"werkstatt-{Guid.NewGuid():N}@{CompanyA.Domain}";
        var created = await mainContact.PostAsJsonAsync("/api/v1/company/users", new { displayName = "Werner Werkstatt", email, language = "de", roleIds = new[] { workshop.GetProperty("id").GetGuid() }, budget = new { maxQuantityPerOrder = 1 } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var workshopBuyer = await AcceptInvitationAsync(email);
        var otherBuyer = await BuyerAsync(new { maxQuantityPerOrder = 1 }, "Olga Other");
        var approver = await ApproverAsync("Rolf Rollenfreigeber");
        await OkAsync(mainContact.PutAsJsonAsync($"/api/v1/company/approvers/{approver.Id}", new { forRoleId = workshop.GetProperty("id").GetGuid() }));
        var (sku, _) = await ProductAsync(otherBuyer.Client, "SHS");

        var ofRole = (await PlaceAsync(workshopBuyer, sku, 2)).GetProperty("number").GetString();
        var ofOther = (await PlaceAsync(otherBuyer.Client, sku, 2)).GetProperty("number").GetString();

        Assert.Contains(ofRole, await InboxAsync(approver.Client));
        Assert.DoesNotContain(ofRole, await InboxAsync(mainContact));
        Assert.DoesNotContain(ofOther, await InboxAsync(approver.Client));
        var listed = (await mainContact.GetFromJsonAsync<JsonElement>("/api/v1/company/approvers")).EnumerateArray().Single(a => a.GetProperty("userId").GetGuid() == approver.Id);
        Assert.Equal(workshop.GetProperty("name").GetString(), listed.GetProperty("forRoleName").GetString());
        await ProblemOf(await mainContact.PutAsJsonAsync($"/api/v1/company/approvers/{approver.Id}", new { forRoleId = workshop.GetProperty("id").GetGuid(), forBuyerId = otherBuyer.Id }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task While_the_approver_is_absent_the_deputy_decides_and_is_told_and_without_a_deputy_the_main_contact()
    {
        await smtp.StartAsync();
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var buyer = await BuyerAsync(new { maxQuantityPerOrder = 1 });
        var approver = await ApproverAsync("Ulf Urlaub");
        var deputy = await ApproverAsync("Vera Vertretung");
        await DesignateAsync(approver.Id, buyer.Id);
        var (sku, _) = await ProductAsync(buyer.Client, "SHS");
        var waiting = await PlaceAsync(buyer.Client, sku, 2);
        var today = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime);

        var absence = await approver.Client.PostAsJsonAsync("/api/v1/me/absences", new { from = today, to = today.AddDays(14), deputyId = deputy.Id });
        Assert.Equal(HttpStatusCode.Created, absence.StatusCode);
        var afterwards = await PlaceAsync(buyer.Client, sku, 3);

        Assert.Equal([], (await InboxAsync(approver.Client)).Intersect([waiting.GetProperty("number").GetString()!, afterwards.GetProperty("number").GetString()!]));
        Assert.Contains(waiting.GetProperty("number").GetString(), await InboxAsync(deputy.Client));
        Assert.Contains(afterwards.GetProperty("number").GetString(), await InboxAsync(deputy.Client));
        Assert.Single(await DeputyToldAsync(deputy.Email, waiting.GetProperty("number").GetString()!), m => m.TextBody!.Contains("Sie vertreten Ulf Urlaub", StringComparison.Ordinal));

        var absenceId = (await absence.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await mainContact.DeleteAsync($"/api/v1/company/absences/{absenceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await mainContact.PostAsJsonAsync("/api/v1/company/absences", new { userId = approver.Id, from = today, to = today.AddDays(1) })).StatusCode);
        Assert.Contains(waiting.GetProperty("number").GetString(), await InboxAsync(mainContact));
        Assert.DoesNotContain(waiting.GetProperty("number").GetString(), await InboxAsync(deputy.Client));
    }

    /// <summary>The e-mails that told the deputy about the order, once everything on its way arrived.</summary>
    private async Task<IReadOnlyList<MimeKit.MimeMessage>> DeputyToldAsync(string deputy, string orderNumber)
    {
        await NotificationsSettledAsync(deputy);
        return smtp.MessagesTo(deputy).Where(m => m.Subject!.Contains(orderNumber, StringComparison.Ordinal) && m.Subject!.StartsWith("Vertretung für", StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public async Task A_deputy_is_told_on_the_first_day_of_an_absence_recorded_in_advance_and_only_once()
    {
        await smtp.StartAsync();
        var buyer = await BuyerAsync(new { maxQuantityPerOrder = 1 });
        var approver = await ApproverAsync("Anton Abwesend");
        var deputy = await ApproverAsync("Dana Vertretung");
        await DesignateAsync(approver.Id, buyer.Id);
        var (sku, _) = await ProductAsync(buyer.Client, "SHS");
        var waiting = (await PlaceAsync(buyer.Client, sku, 2)).GetProperty("number").GetString()!;
        var tomorrow = Uhrwerk.Server.Platform.Localization.BerlinTime.DateOf(Factory.Clock.GetUtcNow()).AddDays(1);
        async Task<int> ToldAsync() => (await DeputyToldAsync(deputy.Email, waiting)).Count;
        async Task<int> HandOverAsync()
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Server.Modules.Ordering.Approvers.DeputyHandover>().HandOverStartedAbsencesAsync(default);
        }

        Assert.Equal(HttpStatusCode.Created, (await approver.Client.PostAsJsonAsync("/api/v1/me/absences", new { from = tomorrow, to = tomorrow.AddDays(4), deputyId = deputy.Id })).StatusCode);
        await HandOverAsync();
        var toldBefore = await ToldAsync();
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        await HandOverAsync();
        await HandOverAsync();

        Assert.Equal(0, toldBefore);
        Assert.Equal(1, await ToldAsync());
        Assert.Contains(waiting, await InboxAsync(await SignInAsync(deputy.Email, NewPassword)));
    }

    /// <summary>The German words and phrases the order e-mails and the budget findings use; none may reach an English reader.</summary>
    private static readonly System.Text.RegularExpressions.Regex GermanWords = new(
        @"\b(Guten Tag|Bestellung|Bestellwert|Menge|Höchstwert|Periodenbudget|über|würde|steigen|Summe|am|bis|Liefertermine?|Zugesagte|Freigabe|Grund|Kommentar|prüfen|vertreten|Vertretung|wartet|schreibt|Antworten|Ihre|Sie)\b");

    private static string Readable(MimeKit.MimeMessage message) => $"{message.Subject}\n{message.TextBody}\n{System.Net.WebUtility.HtmlDecode(message.HtmlBody)}";

    [Fact]
    public async Task An_english_speaking_approver_gets_english_emails_with_english_numbers_and_dates_and_no_german_word()
    {
        await smtp.StartAsync();
        var english = CultureInfo.GetCultureInfo("en-GB");
        var buyer = await BuyerAsync(new { maxQuantityPerOrder = 1, maxOrderValue = 100m }, "Karl Kunz");
        var approver = await ColleagueAsync(CompanyA, "Alan Ashford", [PredefinedRole.Approver], language: "en");
        var deputy = await ColleagueAsync(CompanyA, "Dora Dean", [PredefinedRole.Approver], language: "en");
        await DesignateAsync(approver.Id, buyer.Id);
        var (sku, price) = await ProductAsync(buyer.Client, "SHS");
        var quantity = (int)Math.Ceiling(1500m / price);
        var total = quantity * price;
        var order = await PlaceAsync(buyer.Client, sku, quantity);
        var number = order.GetProperty("number").GetString()!;
        await OkAsync(buyer.Client.PostAsJsonAsync($"/api/v1/orders/{order.GetProperty("id").GetGuid()}/messages", new { text = "Please hurry" }));
        var until = Uhrwerk.Server.Platform.Localization.BerlinTime.DateOf(Factory.Clock.GetUtcNow()).AddDays(14);
        Assert.Equal(HttpStatusCode.Created, (await approver.Client.PostAsJsonAsync("/api/v1/me/absences", new { from = until.AddDays(-14), to = until, deputyId = deputy.Id })).StatusCode);

        await smtp.WaitForAsync(approver.Email, 3);
        await smtp.WaitForAsync(deputy.Email, 2);
        await NotificationsSettledAsync(approver.Email);
        await NotificationsSettledAsync(deputy.Email);
        var toApprover = smtp.MessagesTo(approver.Email).Where(m => m.Subject!.Contains(number, StringComparison.Ordinal)).ToList();
        var toDeputy = smtp.MessagesTo(deputy.Email).Where(m => m.Subject!.Contains(number, StringComparison.Ordinal)).ToList();
        var requested = Assert.Single(toApprover, m => m.Subject == $"Approval requested: order {number} by Karl Kunz");
        var message = Assert.Single(toApprover, m => m.Subject == $"New message about order {number}");
        var handedOver = Assert.Single(toDeputy, m => m.Subject == $"Standing in for Alan Ashford: order {number} awaits you");

        Assert.All(new[] { requested, message, handedOver }, m => Assert.False(GermanWords.IsMatch(Readable(m)), $"German in an English e-mail ('{GermanWords.Match(Readable(m)).Value}'):\n{Readable(m)}"));
        var amount = string.Create(english, $"EUR {total:N2}");
        Assert.Contains($"has placed order {number} for {amount}.", requested.TextBody, StringComparison.Ordinal);
        Assert.Contains(string.Create(english, $"quantity {quantity:N0} above the maximum of 1 per order (+{quantity - 1:N0})"), requested.TextBody, StringComparison.Ordinal);
        Assert.Contains(string.Create(english, $"order value {amount} above the maximum of EUR 100.00 (+EUR {total - 100m:N2})"), requested.TextBody, StringComparison.Ordinal);
        Assert.Contains("Karl Kunz writes about order", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"until {until:dd'/'MM'/'yyyy}. Order {number} by Karl Kunz for {amount}", handedOver.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_german_buyer_gets_the_placed_order_with_german_numbers_and_dates()
    {
        await smtp.StartAsync();
        var german = CultureInfo.GetCultureInfo("de-DE");
        var buyer = await BuyerAsync(NoBudget, "Greta Gruber");
        var (sku, price) = await ProductAsync(buyer.Client, "SHS");
        var quantity = (int)Math.Ceiling(1500m / price);
        var order = await PlaceAsync(buyer.Client, sku, quantity);
        var number = order.GetProperty("number").GetString()!;
        var line = Assert.Single(order.GetProperty("lines").EnumerateArray());
        var deliveries = line.GetProperty("deliveries").EnumerateArray().Select(d => (Quantity: d.GetProperty("quantity").GetInt32(), Date: DateOnly.Parse(d.GetProperty("deliveryDate").GetString()!, CultureInfo.InvariantCulture))).ToList();

        await smtp.WaitForAsync(buyer.Email);
        await NotificationsSettledAsync(buyer.Email);
        var placed = Assert.Single(smtp.MessagesTo(buyer.Email), m => m.Subject == $"Bestellung {number} ist beim Lieferanten");

        Assert.NotEmpty(deliveries);
        Assert.Contains(string.Create(german, $"Ihre Bestellung {number} über {quantity * price:N2} EUR ist beim Lieferanten eingegangen."), placed.TextBody, StringComparison.Ordinal);
        Assert.Contains(string.Create(german, $"{quantity:N0} × {sku} "), placed.TextBody, StringComparison.Ordinal);
        Assert.Contains(string.Create(german, $"{sku}: ") + string.Join(", ", deliveries.Select(d => string.Create(german, $"{d.Quantity:N0} {line.GetProperty("unit").GetString()} am {d.Date:dd.MM.yyyy}"))), placed.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Above_the_approvers_own_limit_the_order_escalates_to_the_main_contact()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var buyer = await BuyerAsync(new { maxQuantityPerOrder = 1 });
        var approver = await ApproverAsync("Lena Limit");
        var (sku, price) = await ProductAsync(buyer.Client, "SHS");
        await DesignateAsync(approver.Id, buyer.Id, limit: 5 * price);

        var small = (await PlaceAsync(buyer.Client, sku, 5)).GetProperty("number").GetString();
        var large = (await PlaceAsync(buyer.Client, sku, 6)).GetProperty("number").GetString();

        Assert.Contains(small, await InboxAsync(approver.Client));
        Assert.DoesNotContain(large, await InboxAsync(approver.Client));
        Assert.Contains(large, await InboxAsync(mainContact));
        Assert.DoesNotContain(small, await InboxAsync(mainContact));
    }

    [Fact]
    public async Task Nobody_decides_their_own_order_not_even_after_gaining_the_approver_role_and_designation_mid_flight()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var buyer = await BuyerAsync(new { maxQuantityPerOrder = 1 });
        var (sku, _) = await ProductAsync(buyer.Client, "SHS");
        var order = await PlaceAsync(buyer.Client, sku, 2);
        var orderId = order.GetProperty("id").GetGuid();

        await OkAsync(mainContact.PutAsJsonAsync($"/api/v1/company/users/{buyer.Id}/roles", new { roleIds = new[] { await RoleIdAsync(mainContact, PredefinedRole.Buyer), await RoleIdAsync(mainContact, PredefinedRole.Approver) } }));
        await DesignateAsync(buyer.Id, buyer.Id);

        Assert.DoesNotContain(order.GetProperty("number").GetString(), await InboxAsync(buyer.Client));
        Assert.False((await buyer.Client.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderId}")).GetProperty("mayDecide").GetBoolean());
        await ProblemOf(await buyer.Client.PostAsJsonAsync($"/api/v1/orders/{orderId}/approve", new { comment = "passt" }), HttpStatusCode.Forbidden);
        await ProblemOf(await buyer.Client.PostAsJsonAsync($"/api/v1/orders/{orderId}/reject", new { comment = "doch nicht" }), HttpStatusCode.Forbidden);
        await ProblemOf(await buyer.Client.PutAsJsonAsync($"/api/v1/orders/{orderId}/approver-edit", new { lines = new[] { new { sku, quantity = 1 } } }), HttpStatusCode.Forbidden);
        Assert.Contains(order.GetProperty("number").GetString(), await InboxAsync(mainContact));
        Assert.Equal(OrderStatus.PendingApproval, await InScopeAsync(db => db.Orders.Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync()));
    }

    [Fact]
    public async Task Edit_reject_revise_resubmit_and_approve_are_each_in_the_history_with_before_and_after_and_the_right_emails_arrive()
    {
        await smtp.StartAsync();
        var buyer = await BuyerAsync(new { maxQuantityPerOrder = 10 }, "Bruno Besteller");
        var approver = await ApproverAsync("Frieda Freigabe");
        await DesignateAsync(approver.Id, buyer.Id);
        var (sku, price) = await ProductAsync(buyer.Client, "SHS");
        var order = await PlaceAsync(buyer.Client, sku, 40);
        var id = order.GetProperty("id").GetGuid();
        var number = order.GetProperty("number").GetString()!;

        var edited = await OkAsync(approver.Client.PutAsJsonAsync($"/api/v1/orders/{id}/approver-edit", new { lines = new[] { new { sku, quantity = 30 } }, comment = "30 reichen" }));
        await OkAsync(approver.Client.PostAsJsonAsync($"/api/v1/orders/{id}/reject", new { comment = "Bitte mit Kostenstelle" }));
        await ProblemOf(await approver.Client.PostAsJsonAsync($"/api/v1/orders/{id}/reject", new { comment = "noch mal" }), HttpStatusCode.Conflict);
        await OkAsync(buyer.Client.PostAsJsonAsync($"/api/v1/orders/{id}/messages", new { text = "Kostenstelle 4711" }));
        await OkAsync(buyer.Client.PostAsJsonAsync($"/api/v1/orders/{id}/resubmit", new { lines = new[] { new { sku, quantity = 25 } }, addressIndex = 0, purchaseOrderReference = "KST-4711", comment = "Kostenstelle ergänzt, 25 Stück" }));
        var approved = await OkAsync(approver.Client.PostAsJsonAsync($"/api/v1/orders/{id}/approve", new { comment = "ok" }));

        Assert.Equal(30 * price, edited.GetProperty("total").GetDecimal());
        Assert.Equal("Placed", Status(approved));
        Assert.Equal(25 * price, approved.GetProperty("total").GetDecimal());
        Assert.Equal(2, approved.GetProperty("approvalRound").GetInt32());
        var history = approved.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(
            ["StatusChanged Draft>PendingApproval Bruno Besteller", "Edited PendingApproval>PendingApproval Frieda Freigabe", "StatusChanged PendingApproval>Rejected Frieda Freigabe",
             "StatusChanged Rejected>Revised Bruno Besteller", "StatusChanged Revised>PendingApproval Bruno Besteller", "StatusChanged PendingApproval>Approved Frieda Freigabe",
             "StatusChanged Approved>Placed Frieda Freigabe"],
            history.Select(h => $"{h.GetProperty("action").GetString()} {h.GetProperty("fromStatus").GetString()}>{h.GetProperty("toStatus").GetString()} {h.GetProperty("actorName").GetString()}"));
        Assert.StartsWith($"40 × {sku}", history[1].GetProperty("before").GetString());
        Assert.StartsWith($"30 × {sku}", history[1].GetProperty("after").GetString());
        Assert.Equal("30 reichen", history[1].GetProperty("comment").GetString());
        Assert.Equal("Bitte mit Kostenstelle", history[2].GetProperty("comment").GetString());
        Assert.StartsWith($"30 × {sku}", history[3].GetProperty("before").GetString());
        Assert.StartsWith($"25 × {sku}", history[3].GetProperty("after").GetString());
        Assert.Equal("Kostenstelle 4711", Assert.Single(approved.GetProperty("messages").EnumerateArray()).GetProperty("text").GetString());

        var toApprover = await smtp.WaitForAsync(approver.Email, 4);
        var toBuyer = await smtp.WaitForAsync(buyer.Email, 4);
        Assert.Contains(toApprover, m => m.Subject!.StartsWith("Freigabe erbeten", StringComparison.Ordinal) && m.Subject!.Contains(number, StringComparison.Ordinal));
        Assert.Contains(toApprover, m => m.TextBody!.Contains("Kostenstelle ergänzt", StringComparison.Ordinal));
        Assert.Contains(toApprover, m => m.Subject == $"Neue Nachricht zur Bestellung {number}" && m.TextBody!.Contains("Bruno Besteller schreibt", StringComparison.Ordinal) && m.TextBody!.Contains("Kostenstelle 4711", StringComparison.Ordinal));
        Assert.Contains(toBuyer, m => m.TextBody!.Contains("Bitte mit Kostenstelle", StringComparison.Ordinal));
        Assert.Contains(toBuyer, m => m.TextBody!.Contains($"30 × {sku}", StringComparison.Ordinal));
        Assert.Contains(toBuyer, m => m.Subject!.Contains(number, StringComparison.Ordinal) && m.Subject!.Contains("freigegeben", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_the_first_answer_a_changed_body_is_refused_and_twenty_concurrent_duplicates_make_one_order()
    {
        var buyer = await BuyerAsync(NoBudget);
        var (sku, _) = await ProductAsync(buyer.Client, "SHS");
        var key = Guid.NewGuid().ToString();

        var first = await PlaceAsync(buyer.Client, sku, 3, key);
        var replay = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(new { addressIndex = 0, lines = new[] { new { sku, quantity = 3 } } }) };
        replay.Headers.Add("Idempotency-Key", key);
        var replayed = await buyer.Client.SendAsync(replay);
        var changed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(new { addressIndex = 0, lines = new[] { new { sku, quantity = 4 } } }) };
        changed.Headers.Add("Idempotency-Key", key);

        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.GetProperty("id").GetGuid(), (await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        await ProblemOf(await buyer.Client.SendAsync(changed), HttpStatusCode.UnprocessableEntity);

        var concurrentKey = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(new { addressIndex = 0, lines = new[] { new { sku, quantity = 7 } } }) };
            request.Headers.Add("Idempotency-Key", concurrentKey);
            var response = await buyer.Client.SendAsync(request);
            return (response.StatusCode, Id: response.StatusCode == HttpStatusCode.Created ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid() : Guid.Empty);
        }));

        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Single(answers.Where(a => a.StatusCode == HttpStatusCode.Created).Select(a => a.Id).Distinct());
        Assert.Equal(2, await InScopeAsync(db => db.Orders.CountAsync(o => o.BuyerId == buyer.Id)));
    }

    [Fact]
    public async Task When_two_approvers_decide_at_the_same_time_exactly_one_decision_holds()
    {
        var buyer = await BuyerAsync(new { maxQuantityPerOrder = 1 });
        var first = await ApproverAsync("Erik Erster");
        var second = await ApproverAsync("Zoe Zweite");
        await DesignateAsync(first.Id, buyer.Id);
        await DesignateAsync(second.Id, buyer.Id);
        var (sku, _) = await ProductAsync(buyer.Client, "SHS");

        for (var round = 0; round < 5; round++)
        {
            var id = (await PlaceAsync(buyer.Client, sku, 2)).GetProperty("id").GetGuid();
            var answers = await Task.WhenAll(
                first.Client.PostAsJsonAsync($"/api/v1/orders/{id}/approve", new { comment = "ja" }),
                second.Client.PostAsJsonAsync($"/api/v1/orders/{id}/reject", new { comment = "nein" }));

            var bodies = string.Join('\n', await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync())));
            Assert.True(answers.Select(a => a.StatusCode).Order().SequenceEqual([HttpStatusCode.OK, HttpStatusCode.Conflict]), bodies);
            var order = await InScopeAsync(db => db.Orders.Include(o => o.History).SingleAsync(o => o.Id == id));
            var decisions = order.History.Where(h => h.ToStatus is OrderStatus.Approved or OrderStatus.Rejected).ToList();
            var decision = Assert.Single(decisions);
            Assert.Equal(answers[0].StatusCode == HttpStatusCode.OK ? OrderStatus.Placed : OrderStatus.Rejected, order.Status);
            Assert.Equal(answers[0].StatusCode == HttpStatusCode.OK ? "Erik Erster" : "Zoe Zweite", decision.ActorName);
        }
    }

    [Fact]
    public async Task Fifty_concurrent_orders_of_one_buyer_never_spend_past_the_period_budget_without_approval()
    {
        var (_, price) = await ProductAsync((await BuyerAsync(NoBudget)).Client, "SHS");
        var perOrder = 10 * price;
        var buyer = await BuyerAsync(new { periodAmount = 12 * perOrder, period = "Month" });
        var (sku, _) = await ProductAsync(buyer.Client, "SHS");

        var orders = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => PlaceAsync(buyer.Client, sku, 10)));

        Assert.Equal(12, orders.Count(o => Status(o) == "Placed"));
        Assert.Equal(38, orders.Count(o => Status(o) == "PendingApproval"));
        Assert.All(orders.Where(o => Status(o) == "PendingApproval"), o => Assert.Equal("PeriodBudget", Assert.Single(o.GetProperty("findings").EnumerateArray()).GetProperty("rule").GetString()));
        Assert.Equal(50, orders.Select(o => o.GetProperty("number").GetString()).Distinct().Count());
        var spent = await InScopeAsync(db => db.BudgetLedgers.Where(l => l.UserId == buyer.Id).SumAsync(l => l.SpentCents));
        Assert.Equal(12 * perOrder * 100, spent);
    }

    [Fact]
    public async Task Controllers_read_all_company_orders_and_budget_consumption_and_staff_see_placed_orders_of_every_company()
    {
        var buyer = await BuyerAsync(new { periodAmount = 100000m, period = "Quarter" }, "Karl Kontrolliert");
        var (sku, price) = await ProductAsync(buyer.Client, "SHS");
        var placed = await PlaceAsync(buyer.Client, sku, 4);
        var controller = await SignInAsync(UserOf(CompanyA, PredefinedRole.Controller));
        var staff = await SignInAsync("service@uhrwerk.example");

        var companyOrders = await controller.GetFromJsonAsync<JsonElement>("/api/v1/orders?company=true&pageSize=200");
        var consumption = await controller.GetFromJsonAsync<JsonElement>("/api/v1/company/budget-consumption");
        var acrossCompanies = await staff.GetFromJsonAsync<JsonElement>("/api/v1/backoffice/orders?pageSize=200");

        Assert.Contains(companyOrders.GetProperty("items").EnumerateArray(), o => o.GetProperty("number").GetString() == placed.GetProperty("number").GetString());
        Assert.Equal(4 * price, consumption.EnumerateArray().Single(c => c.GetProperty("userId").GetGuid() == buyer.Id).GetProperty("spent").GetDecimal());
        var seen = acrossCompanies.GetProperty("items").EnumerateArray().Single(o => o.GetProperty("number").GetString() == placed.GetProperty("number").GetString());
        Assert.Equal(CompanyA.Name, seen.GetProperty("companyName").GetString());
        await ProblemOf(await controller.PostAsJsonAsync($"/api/v1/orders/{placed.GetProperty("id").GetGuid()}/approve", new { comment = "x" }), HttpStatusCode.Forbidden);
        await ProblemOf(await buyer.Client.GetAsync("/api/v1/company/budget-consumption"), HttpStatusCode.Forbidden);

        var consumptionPage = await (await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Controller))).GetStringAsync("/company/budget-consumption");
        var staffPage = await (await SignInWithCookieAsync("service@uhrwerk.example")).GetStringAsync("/backoffice/orders");
        Assert.Contains("Karl Kontrolliert", consumptionPage);
        Assert.Contains(placed.GetProperty("number").GetString()!, staffPage);
    }

    [Fact]
    public async Task A_saved_order_list_fills_the_cart_again_and_only_its_owner_sees_it()
    {
        var buyer = await BuyerAsync(NoBudget, "Lotte Liste");
        var colleague = await BuyerAsync(NoBudget, "Kai Kollege");
        var (sku, _) = await ProductAsync(buyer.Client, "SHS");
        await OkAsync(buyer.Client.PutAsJsonAsync($"/api/v1/cart/lines/{sku}", new { quantity = 12 }));

        var saved = await buyer.Client.PostAsJsonAsync("/api/v1/order-lists", new { name = "Wartung Linie 3" });
        var listId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await buyer.Client.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0 });
        Assert.Empty((await buyer.Client.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("lines").EnumerateArray());
        var refilled = await OkAsync(buyer.Client.PostAsync($"/api/v1/order-lists/{listId}/to-cart", null));
        var replaced = await buyer.Client.PostAsJsonAsync("/api/v1/order-lists", new { name = " Wartung Linie 3 ", lines = new[] { new { sku, quantity = 3 } } });

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal(12, Assert.Single(refilled.GetProperty("lines").EnumerateArray()).GetProperty("quantity").GetInt32());
        Assert.Equal(listId, (await replaced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(3, Assert.Single((await buyer.Client.GetFromJsonAsync<JsonElement>("/api/v1/order-lists")).EnumerateArray()).GetProperty("lines")[0].GetProperty("quantity").GetInt32());
        Assert.Empty((await colleague.Client.GetFromJsonAsync<JsonElement>("/api/v1/order-lists")).EnumerateArray());
        await ProblemOf(await colleague.Client.PostAsync($"/api/v1/order-lists/{listId}/to-cart", null), HttpStatusCode.NotFound);
        await ProblemOf(await colleague.Client.DeleteAsync($"/api/v1/order-lists/{listId}"), HttpStatusCode.NotFound);
        await ProblemOf(await buyer.Client.PostAsJsonAsync("/api/v1/order-lists", new { name = "Leer", lines = new[] { new { sku = "NO-SUCH-9", quantity = 1 } } }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await buyer.Client.DeleteAsync($"/api/v1/order-lists/{listId}")).StatusCode);
    }

    [Fact]
    public async Task Prices_and_totals_come_from_the_price_list_whatever_the_client_sends_and_bad_lines_are_named()
    {
        var buyer = await BuyerAsync(NoBudget);
        var (sku, price) = await ProductAsync(buyer.Client, "SHS");

        var response = await buyer.Client.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, total = 0.01m, lines = new[] { new { sku, quantity = 2, unitPrice = 0.01m } } });
        var order = await response.Content.ReadFromJsonAsync<JsonElement>();
        var quick = await ProblemOf(await buyer.Client.PostAsJsonAsync("/api/v1/cart/quick-order", new { lines = $"sku;quantity\n{sku};5\nNO-SUCH-1;2\n{sku};zwei" }), HttpStatusCode.BadRequest);

        Assert.Equal(2 * price, order.GetProperty("total").GetDecimal());
        Assert.Equal(price, order.GetProperty("lines")[0].GetProperty("unitPrice").GetDecimal());
        var errors = quick.GetProperty("errors");
        Assert.True(errors.TryGetProperty("line 3", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("line 4", out _), errors.ToString());
        Assert.False(errors.TryGetProperty("line 2", out _));
        Assert.Empty((await buyer.Client.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("lines").EnumerateArray());
        await OkAsync(buyer.Client.PostAsJsonAsync("/api/v1/cart/quick-order", new { lines = $"{sku} 5\n{sku}\t2" }));
        Assert.Equal(7, (await buyer.Client.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("totalQuantity").GetInt32());
    }

    [Fact]
    public async Task Products_are_ordered_in_whole_packs_on_every_way_into_an_order_and_the_refusal_names_the_pack()
    {
        var buyer = await BuyerAsync(new { maxQuantityPerOrder = 100 }, "Paula Packung");
        buyer.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        var sku = await InScopeAsync(db => db.Products.Where(p => p.IsActive && p.PackSize == 100 && p.Sku.StartsWith("SHS-")).OrderBy(p => p.Sku).Select(p => p.Sku).FirstAsync());
        var numbersBefore = await InScopeAsync(db => db.Orders.CountAsync());
        static string Reason(JsonElement problem) => problem.GetProperty("errors").EnumerateObject().Single().Value[0].GetString()!;

        var cart = await ProblemOf(await buyer.Client.PutAsJsonAsync($"/api/v1/cart/lines/{sku}", new { quantity = 7 }), HttpStatusCode.BadRequest);
        var quick = await ProblemOf(await buyer.Client.PostAsJsonAsync("/api/v1/cart/quick-order", new { lines = $"{sku} 150" }), HttpStatusCode.BadRequest);
        var list = await ProblemOf(await buyer.Client.PostAsJsonAsync("/api/v1/order-lists", new { name = "Halbe Packungen", lines = new[] { new { sku, quantity = 50 } } }), HttpStatusCode.BadRequest);
        var placed = await ProblemOf(await buyer.Client.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = 7 } } }), HttpStatusCode.BadRequest);

        Assert.Equal($"{sku} gibt es nur in Verpackungseinheiten zu 100 Stk: 7 ist kein Vielfaches davon, bestellen Sie z. B. 100 Stk.", Reason(cart));
        Assert.Contains("150 ist kein Vielfaches", Reason(quick));
        Assert.True(quick.GetProperty("errors").TryGetProperty("line 1", out _), quick.ToString());
        Assert.Contains("Verpackungseinheiten zu 100", Reason(list));
        Assert.Contains("Verpackungseinheiten zu 100", Reason(placed));
        Assert.Equal(numbersBefore, await InScopeAsync(db => db.Orders.CountAsync()));
        Assert.Empty((await buyer.Client.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("lines").EnumerateArray());
        var english = await buyer.Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/cart/lines/{sku}") { Content = JsonContent.Create(new { quantity = 7 }), Headers = { { "Accept-Language", "en" } } });
        Assert.Equal($"{sku} comes in packs of 100 Stk: 7 is not a multiple of that; order e.g. 100 Stk.", Reason(await ProblemOf(english, HttpStatusCode.BadRequest)));

        // Over the buyer's 100 pieces, so the order waits for the demo approver, who may not edit it into half packs either.
        var order = await PlaceAsync(buyer.Client, sku, 200);
        var orderId = order.GetProperty("id").GetGuid();
        var approver = await SignInAsync(UserOf(CompanyA, PredefinedRole.Approver));
        var edit = await ProblemOf(await approver.PutAsJsonAsync($"/api/v1/orders/{orderId}/approver-edit", new { lines = new[] { new { sku, quantity = 150 } }, comment = "150 reichen" }), HttpStatusCode.BadRequest);
        Assert.Contains("Verpackungseinheiten zu 100", Reason(edit));
        await OkAsync(approver.PutAsJsonAsync($"/api/v1/orders/{orderId}/approver-edit", new { lines = new[] { new { sku, quantity = 100 } }, comment = "Eine Packung reicht" }));
        await OkAsync(approver.PostAsJsonAsync($"/api/v1/orders/{orderId}/reject", new { comment = "Bitte begründen" }));
        var resubmit = await ProblemOf(await buyer.Client.PostAsJsonAsync($"/api/v1/orders/{orderId}/resubmit", new { lines = new[] { new { sku, quantity = 120 } }, addressIndex = 0, comment = "120 Stück" }), HttpStatusCode.BadRequest);
        Assert.Contains("Verpackungseinheiten zu 100", Reason(resubmit));
        await OkAsync(buyer.Client.PostAsJsonAsync($"/api/v1/orders/{orderId}/resubmit", new { lines = new[] { new { sku, quantity = 200 } }, addressIndex = 0, comment = "Zwei Packungen für zwei Linien" }));
    }

    [Fact]
    public async Task A_demo_buyers_over_budget_order_goes_to_the_demo_approver_and_above_their_limit_to_the_main_contact()
    {
        var demoBuyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var demoApprover = await SignInAsync(UserOf(CompanyA, PredefinedRole.Approver));
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var motor = await InScopeAsync(db => db.Products.Where(p => p.IsActive && p.PackSize == 1 && p.ListPrice > 500m && p.ListPrice < 2000m).OrderBy(p => p.Sku).Select(p => p.Sku).FirstAsync());

        // The demo buyer may spend 2,500 EUR per order; the demo approver decides up to 5,000 EUR.
        var overBudget = await PlaceAsync(demoBuyer, motor, (int)Math.Ceiling(2600m / await UnitPriceAsync(demoBuyer, motor)));
        var aboveLimit = await PlaceAsync(demoBuyer, motor, (int)Math.Ceiling(5100m / await UnitPriceAsync(demoBuyer, motor)));

        Assert.Equal("PendingApproval", Status(overBudget));
        Assert.Contains(overBudget.GetProperty("number").GetString(), await InboxAsync(demoApprover));
        Assert.DoesNotContain(overBudget.GetProperty("number").GetString(), await InboxAsync(mainContact));
        Assert.Contains(aboveLimit.GetProperty("number").GetString(), await InboxAsync(mainContact));
        Assert.DoesNotContain(aboveLimit.GetProperty("number").GetString(), await InboxAsync(demoApprover));
        var demoApproverId = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Approver));
        var designation = Assert.Single((await mainContact.GetFromJsonAsync<JsonElement>("/api/v1/company/approvers")).EnumerateArray(), a => a.GetProperty("userId").GetGuid() == demoApproverId);
        Assert.Equal(5000m, designation.GetProperty("limit").GetDecimal());
    }

    [Fact]
    public async Task The_approvers_page_explains_that_the_role_alone_routes_nothing_and_names_who_holds_it_undesignated()
    {
        await ApproverAsync("Ulla Unbenannt");

        var page = System.Net.WebUtility.HtmlDecode(await (await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Administrator))).GetStringAsync("/company/approvers"));

        Assert.Contains("leitet allein keine Bestellung weiter", page);
        Assert.Matches("id=\"approvers-undesignated\"[^>]*>[^<]*Ulla Unbenannt", page);
        Assert.DoesNotMatch("id=\"approvers-undesignated\"[^>]*>[^<]*Alexandra Approver", page);
    }

    private static async Task<decimal> UnitPriceAsync(HttpClient buyer, string sku)
    {
        var product = await buyer.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products/{sku}");
        return product.GetProperty("price").GetDecimal();
    }
}

public sealed class OrderingOnSqlite(SqliteWithMail f) : OrderingSpec(f, f.Smtp), IClassFixture<SqliteWithMail>;

public sealed class OrderingOnPostgres(PostgresWithMail f) : OrderingSpec(f, f.Smtp), IClassFixture<PostgresWithMail>;
