namespace Uhrwerk.Server.Platform;

/// <summary>One page of a list; every list endpoint is paged so nothing returns unbounded data.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public const int MaxPageSize = 100;

    public static (int Page, int PageSize, int Skip) Clamp(int? page, int? pageSize, int defaultSize = 25)
    {
        var size = Math.Clamp(pageSize ?? defaultSize, 1, MaxPageSize);
        // Beyond this page the number of rows to skip would overflow an int and wrap around to the first page.
        var p = Math.Clamp(page ?? 1, 1, int.MaxValue / size);
        return (p, size, (p - 1) * size);
    }
}

/// <summary>
/// One page of a list read by position: the next page starts after the last item shown, so a page
/// deep in a large table costs what the first one does and new rows never shift it. No total: counting
/// every matching row on every page is what makes large lists slow.
/// </summary>
/// <param name="Next">The <c>after</c> of the next page; null on the last page.</param>
public sealed record CursorPage<T>(IReadOnlyList<T> Items, int PageSize, string? Next)
{
    public static int Clamp(int? pageSize, int defaultSize = 25) => Math.Clamp(pageSize ?? defaultSize, 1, PagedList<T>.MaxPageSize);
}
