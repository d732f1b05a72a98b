using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Server.Modules.Fulfillment.Otif;

internal static class OtifEndpoints
{
    public static void Map(RouteGroupBuilder fulfillment)
    {
        fulfillment.MapGet("/backoffice/otif", AcrossCompanies)
            .RequirePermission(Permission.ViewInventory)
            .WithSummary("On-time-in-full of lines and orders promised in the period (default: the last 12 weeks), per ISO week, filtered by company, warehouse and carrier");
        fulfillment.MapGet("/company/otif", OwnCompany)
            .RequirePermission(Permission.ViewReports)
            .WithSummary("On-time-in-full of my company's lines and orders promised in the period (default: the last 12 weeks), per ISO week, filtered by warehouse and carrier");
    }

    private static async Task<Ok<OtifReport>> AcrossCompanies(OtifReports reports, DateOnly? from, DateOnly? to, Guid? companyId, string? warehouse, string? carrier, CancellationToken ct) =>
        TypedResults.Ok(await reports.ReportAsync(new OtifFilter(from, to, companyId, warehouse, carrier), ct));

    private static async Task<Ok<OtifReport>> OwnCompany(OtifReports reports, CurrentUser me, DateOnly? from, DateOnly? to, string? warehouse, string? carrier, CancellationToken ct) =>
        TypedResults.Ok(await reports.ReportAsync(new OtifFilter(from, to, me.RequiredCompanyId, warehouse, carrier), ct));
}
