using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Uhrwerk.Tests.Contracts;

/// <summary>Contracts as staff create them in the back office, for the specs that need one.</summary>
internal static class ContractSamples
{
    public const decimal ContractPrice = 1.23m;

    /// <summary>An active contract over <paramref name="quantity"/> of one SKU at <see cref="ContractPrice"/>, valid from today for half a year unless said otherwise.</summary>
    public static async Task<JsonElement> CreateAsync(HttpClient staff, string customerNumber, string sku, DateOnly today, int quantity = 100, int minimum = 5, decimal? tolerancePercent = 10m,
        bool activate = true, bool needsApproval = false, DateOnly? validTo = null, object[]? schedule = null, Guid? releaseBuyerId = null, int leadTimeDays = 5)
    {
        var response = await staff.PostAsJsonAsync("/api/v1/backoffice/contracts", new
        {
            customerNumber,
            number = "K-" + Guid.NewGuid().ToString("N")[..10],
            validFrom = today,
            validTo = validTo ?? today.AddMonths(6),
            callOffsNeedApproval = needsApproval,
            leadTimeDays,
            releaseBuyerId,
            activate,
            lines = new[] { new { sku, contractedQuantity = quantity, unitPrice = ContractPrice, minimumCallOff = minimum, tolerancePercent } },
            schedule,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static Guid LineOf(JsonElement contract) => contract.GetProperty("lines")[0].GetProperty("id").GetGuid();

    public static Task<HttpResponseMessage> CallOffAsync(HttpClient buyer, JsonElement contract, int quantity, DateOnly requestedDate) =>
        buyer.PostAsJsonAsync($"/api/v1/contracts/{contract.GetProperty("id").GetGuid()}/call-offs", new { lineId = LineOf(contract), quantity, requestedDate });
}
