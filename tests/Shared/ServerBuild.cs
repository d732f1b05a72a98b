using System.Net;
using System.Net.Sockets;

namespace Uhrwerk.Testing;

/// <summary>Where the server's build output is and a free loopback port for it: shared by the tests that start it as a process.</summary>
internal static class ServerBuild
{
    public static string Assembly()
    {
        // tests/<project>/bin/<Configuration>/net10.0 → src/Uhrwerk.Server/bin/<Configuration>/net10.0
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Uhrwerk.slnx")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Repository root not found."), "src", "Uhrwerk.Server", "bin", configuration, "net10.0", "Uhrwerk.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the server first.", dll);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
