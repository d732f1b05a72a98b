using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Accounts.AuditLog;

public sealed record AuditEntryResponse(Guid Id, DateTimeOffset At, string ActorName, string Action, string Subject, string? Before, string? After);

internal static class AuditLogEndpoints
{
    public static void Map(RouteGroupBuilder accounts) =>
        accounts.MapGet("/company/audit-log", Read)
            .RequirePermission(Permission.ViewAuditLog)
            .WithSummary("The append-only audit log of my company, newest first");

    private static async Task<Ok<PagedList<AuditEntryResponse>>> Read(UhrwerkDbContext db, CurrentUser current, int? page, int? pageSize, string? action, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(db, current.RequiredCompanyId, page, pageSize, action, ct));

    public static async Task<PagedList<AuditEntryResponse>> ReadAsync(UhrwerkDbContext db, Guid companyId, int? page, int? pageSize, string? action, CancellationToken ct)
    {
        var (number, size, skip) = PagedList<AuditEntryResponse>.Clamp(page, pageSize, 50);
        var query = db.AuditLog.AsNoTracking().Where(a => a.CompanyId == companyId);
        if (!string.IsNullOrWhiteSpace(action))
        {
            query = query.Where(a => a.Action.StartsWith(action));
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip(skip).Take(size)
            .Select(a => new AuditEntryResponse(a.Id, a.At, a.ActorName, a.Action, a.Subject, a.Before, a.After)).ToListAsync(ct);
        return new PagedList<AuditEntryResponse>(items, number, size, total);
    }
}
