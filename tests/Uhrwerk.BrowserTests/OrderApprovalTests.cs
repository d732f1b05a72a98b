using System.Text;
using Microsoft.Playwright;

namespace Uhrwerk.BrowserTests;

public sealed class OrderApprovalTests(ServerProcess server) : BrowserTest(server), IClassFixture<ServerProcess>
{
    private const string MainContact = "admin@mueller-maschinenbau.example";
    private const string Buyer = "einkauf@mueller-maschinenbau.example";
    private const string Approver = "freigabe@mueller-maschinenbau.example";
    private const string Bolt = "SHS-M6X20-01";

    private ILocator Status => Page.Locator("#order-status");

    private ILocator Timeline => Page.Locator("#timeline li");

    [Fact]
    public Task An_over_budget_order_is_edited_rejected_revised_resubmitted_and_approved_and_the_buyer_sees_it_placed_with_the_whole_timeline() =>
        StepsAsync(nameof(An_over_budget_order_is_edited_rejected_revised_resubmitted_and_approved_and_the_buyer_sees_it_placed_with_the_whole_timeline), async () =>
        {
            // The demo designates its approver for every buyer; the main contact sees that, and why it matters.
            await SignInAsync(MainContact);
            await Page.ClickAsync("a[href='/company/approvers']");
            await Assertions.Expect(Page.Locator("#approvers")).ToContainTextAsync("Alexandra Approver");
            await Assertions.Expect(Page.Locator("#approvers-role-alone")).ToBeVisibleAsync();

            // The buyer may order 100 pieces at most; 150 (three packs of 50) need approval, and the cart says so before submitting.
            // The list comes as a spreadsheet export with a German header row.
            await SignInAsync(Buyer);
            await Page.ClickAsync("a[href='/cart']");
            await Page.SetInputFilesAsync("#quick-file", new FilePayload { Name = "bestellung.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes($"Artikelnummer;Menge\r\n{Bolt};150\r\n") });
            await Page.ClickAsync("#quick-add");
            await Assertions.Expect(Page.Locator("#budget-findings")).ToContainTextAsync("Menge 150 über dem Höchstwert 100 pro Bestellung (+50)");
            await Page.FillAsync("#list-name", "Schrauben Linie 3");
            await Page.ClickAsync("#save-list");
            await Assertions.Expect(Page.Locator("#order-lists tr[data-list='Schrauben Linie 3']")).ToContainTextAsync($"150 × {Bolt}");
            await Page.FillAsync("#po-reference", "PO-BROWSER-1");
            await Page.ClickAsync("#place-order");
            await Assertions.Expect(Status).ToHaveTextAsync("Wartet auf Freigabe");
            var orderUrl = Page.Url.Split('?')[0];
            var number = (await Page.Locator("h1").InnerTextAsync()).Replace("Bestellung ", "", StringComparison.Ordinal);

            await SignInAsync(Approver);
            await Page.ClickAsync("a[href='/approvals']");
            await Assertions.Expect(Page.Locator("#approvals-count")).ToHaveTextAsync("1");
            await Page.ClickAsync($"#approvals a:text('{number}')");
            await Assertions.Expect(Page.Locator("#order-findings")).ToContainTextAsync("Menge 150");
            await Page.FillAsync($"input[name='qty:{Bolt}']", "120");
            await Page.FillAsync("#decision-comment", "120 reichen");
            await Page.ClickAsync("#save-edit");
            await Assertions.Expect(Page.Locator(".error[role=alert]")).ToContainTextAsync("Verpackungseinheiten zu 50 Stk");
            await Page.FillAsync($"input[name='qty:{Bolt}']", "100");
            await Page.FillAsync("#decision-comment", "100 reichen");
            await Page.ClickAsync("#save-edit");
            await Assertions.Expect(Timeline.Last).ToContainTextAsync("Geändert");
            await Page.FillAsync("#decision-comment", "Bitte mit Kostenstelle");
            await Page.ClickAsync("#reject");
            await Assertions.Expect(Status).ToHaveTextAsync("Zurückgewiesen");

            await SignInAsync(Buyer);
            await Page.GotoAsync(orderUrl);
            await Assertions.Expect(Page.Locator($"#revise input[name='qty:{Bolt}']")).ToHaveValueAsync("100");
            await Page.FillAsync("#revise-po", "KST-4711");
            await Page.FillAsync("#revise-comment", "Kostenstelle ergänzt");
            await Page.ClickAsync("#resubmit");
            await Assertions.Expect(Status).ToHaveTextAsync("Wartet auf Freigabe");

            await SignInAsync(Approver);
            await Page.GotoAsync(orderUrl);
            await Page.ClickAsync("#approve");
            await Assertions.Expect(Status).ToHaveTextAsync("Bestellt");

            await SignInAsync(Buyer);
            await Page.ClickAsync("a[href='/orders']");
            await Assertions.Expect(Page.Locator($"tr[data-order='{number}'] td.status")).ToHaveTextAsync("Bestellt");
            await Page.ClickAsync($"a:text('{number}')");
            await Assertions.Expect(Status).ToHaveTextAsync("Bestellt");
            await Assertions.Expect(Timeline).ToHaveCountAsync(7);
            string[] steps = ["Wartet auf Freigabe", "Geändert", "Zurückgewiesen", "Überarbeitet", "Wartet auf Freigabe", "Freigegeben", "Bestellt"];
            for (var i = 0; i < steps.Length; i++)
            {
                await Assertions.Expect(Timeline.Nth(i).Locator("strong")).ToHaveTextAsync(steps[i]);
            }

            await Assertions.Expect(Timeline.Nth(1)).ToContainTextAsync("100 reichen");
            await Assertions.Expect(Timeline.Nth(2)).ToContainTextAsync("Bitte mit Kostenstelle");
            await Assertions.Expect(Timeline.Nth(3)).ToContainTextAsync("Kostenstelle ergänzt");
            await Assertions.Expect(Page.Locator("#order-lines")).ToContainTextAsync("100 Stk");
        });
}
