namespace Uhrwerk.Server.Platform;

/// <summary>
/// Where a "return to" parameter may send the browser: a path on this site only. To a browser "//host" and
/// "/\host" are other sites, and a redirect to a value with control characters is refused by the framework.
/// </summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl);

    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
